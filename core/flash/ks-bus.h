/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bus.h — one address space of a cartridge, as a flash driver sees it
 *
 * A bus reads and writes single bytes at addresses.  Chip models implement
 * the chip side (they answer the accesses); the LK cart reader implements
 * the host side (each access becomes reader commands on the wire).  Flash
 * drivers are written once against this interface and run unchanged over
 * both, so the tests of a driver against a model pin what the driver will
 * do to a real chip.
 *
 * The optional operations let a host side do in one round trip what the
 * plain byte operations would do in many; their default (when NULL) is the
 * equivalent sequence of plain accesses, so a driver may always call them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The LK firmware keeps at most 16 writes of one CART_WRITE_FLASH_CMD packet
 * (cart-reader-protocol.md §1.5); no command sequence a driver sends is longer. */
#define KS_BUS_MAX_SEQUENCE 16
/* save-chips.md §2: the Atmel AT29LV512 writes pages of 128 bytes */
#define KS_BUS_PAGE_SIZE 128

typedef struct _KsBus KsBus;

typedef struct
{
  guint32 address;
  guint8  value;
} KsBusWrite;

typedef struct
{
  gboolean (*read)           (KsBus            *bus,
                              guint32           address,
                              guint8           *value,
                              GError          **error);
  gboolean (*write)          (KsBus            *bus,
                              guint32           address,
                              guint8            value,
                              GError          **error);

  /* Optional.  Consecutive reads from @address upwards. */
  gboolean (*read_bulk)      (KsBus            *bus,
                              guint32           address,
                              guint8           *buffer,
                              gsize             size,
                              GError          **error);
  /* Optional.  Consecutive plain writes from @address upwards (SRAM). */
  gboolean (*write_bulk)     (KsBus            *bus,
                              guint32           address,
                              const guint8     *data,
                              gsize             size,
                              GError          **error);
  /* Optional.  The writes reach the chip back to back, microseconds apart,
   * with no other access between them: flash command sequences need this. */
  gboolean (*write_sequence) (KsBus            *bus,
                              const KsBusWrite *writes,
                              guint             n_writes,
                              GError          **error);
  /* Optional.  JEDEC byte program of every byte from @address upwards:
   * 5555=AA, 2AAA=55, 5555=A0, address=byte, then a fixed wait of
   * @gap_usec and no polling (what the LK firmware's AGB_CART_WRITE_FLASH_DATA
   * does device-side, cart-reader-protocol.md §1.5). */
  gboolean (*jedec_program)  (KsBus            *bus,
                              guint32           address,
                              const guint8     *data,
                              gsize             size,
                              guint             gap_usec,
                              GError          **error);
  /* Optional.  Atmel page writes (save-chips.md §2): for each 128 bytes
   * from @address (a multiple of 128), 5555=AA, 2AAA=55, 5555=A0, the 128
   * bytes at consecutive addresses with no gap, then a wait of @page_usec.
   * What the LK firmware's AGB_CART_WRITE_FLASH_DATA with flash type 2
   * does device-side (cart-reader-protocol.md §1.5). */
  gboolean (*page_program)   (KsBus            *bus,
                              guint32           address,
                              const guint8     *data,
                              gsize             size,
                              guint             page_usec,
                              GError          **error);
  /* Optional.  Let @usec of time pass: a busy wait while a chip works.
   * A model advances its virtual clock; a reader sleeps. */
  void     (*wait_usec)      (KsBus            *bus,
                              guint64           usec);
  /* Optional.  Byte program with completion polling, for every byte of
   * @data that is not 0xFF: the @n_setup writes of @setup back to back,
   * then @address + i = the byte, then reads of that address until it
   * gives the byte back.  What the LK firmware's FLASH_PROGRAM does
   * device-side (cart-reader-protocol.md §1.5), so a reader programs a
   * whole run in one round trip.  KS_FLASH_ERROR_TIMEOUT when a byte never
   * reads back. */
  gboolean (*program_polled) (KsBus            *bus,
                              const KsBusWrite *setup,
                              guint             n_setup,
                              guint32           address,
                              const guint8     *data,
                              gsize             size,
                              GError          **error);
} KsBusOps;

struct _KsBus
{
  const KsBusOps *ops;
};

gboolean ks_bus_read           (KsBus            *bus,
                                guint32           address,
                                guint8           *value,
                                GError          **error);
gboolean ks_bus_write          (KsBus            *bus,
                                guint32           address,
                                guint8            value,
                                GError          **error);
gboolean ks_bus_read_bulk      (KsBus            *bus,
                                guint32           address,
                                guint8           *buffer,
                                gsize             size,
                                GError          **error);
gboolean ks_bus_write_bulk     (KsBus            *bus,
                                guint32           address,
                                const guint8     *data,
                                gsize             size,
                                GError          **error);
gboolean ks_bus_write_sequence (KsBus            *bus,
                                const KsBusWrite *writes,
                                guint             n_writes,
                                GError          **error);
gboolean ks_bus_jedec_program  (KsBus            *bus,
                                guint32           address,
                                const guint8     *data,
                                gsize             size,
                                guint             gap_usec,
                                GError          **error);
/* @size a multiple of KS_BUS_PAGE_SIZE */
gboolean ks_bus_page_program   (KsBus            *bus,
                                guint32           address,
                                const guint8     *data,
                                gsize             size,
                                guint             page_usec,
                                GError          **error);
void     ks_bus_wait_usec      (KsBus            *bus,
                                guint64           usec);
gboolean ks_bus_program_polled (KsBus            *bus,
                                const KsBusWrite *setup,
                                guint             n_setup,
                                guint32           address,
                                const guint8     *data,
                                gsize             size,
                                GError          **error);
/* The plain-access version of ks_bus_program_polled(), for a bus whose own
 * operation cannot take a sequence */
gboolean ks_bus_program_polled_by_access (KsBus            *bus,
                                          const KsBusWrite *setup,
                                          guint             n_setup,
                                          guint32           address,
                                          const guint8     *data,
                                          gsize             size,
                                          GError          **error);

G_END_DECLS
