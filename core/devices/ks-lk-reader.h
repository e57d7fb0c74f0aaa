/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-lk-reader.h — a cart reader speaking Lesserkuma's LK protocol
 * (GBxCart RW v1.4/v1.4a on L12+, also v1.3 on L1, GBFlash, Joey Jr)
 *
 * Opens the port (ks-serial-link.h), identifies the device
 * (cart-reader-protocol.md §1.2), runs DMG or AGB sessions (§7.1) and
 * offers the cart's bus to the flash drivers (ks-bus.h): in a DMG session
 * the 16-bit Game Boy bus, in an AGB session the GBA save bus.
 *
 * Every read has a time limit.  A wrong or missing answer makes the
 * driver resynchronise as FlashGBX does (§1.1: flush, then single 0x00
 * bytes until the device answers 0x01 or 0x02, at most 20) and repeat the
 * step, at most 5 times; a device that answers nothing to all 20 bytes has
 * stopped answering, and a port that fails has gone away.
 *
 * Reads go in transfers as large as the reader's 4 KiB buffer (§1.5).  A
 * reply that comes back short or late makes the driver try again with the
 * next smaller size (4096, 1024, 256, 64) and keep to it: the size that
 * works is remembered for the port for the rest of the session
 * (ks-reader-memory.h).
 *
 * A GBxCart RW v1.4 or v1.4a (PCB 5 or 6) is switched to 1,500,000 baud
 * after identification, as FlashGBX does (§1.1: 0x3E, no reply, the host
 * follows), and checked with one exchange; when that exchange or a later
 * one fails at the fast rate, the driver switches the reader back (0x3C)
 * and goes on at 1,000,000 baud, and does not try the fast rate on that
 * port again this session.  Closing leaves the reader at 1,000,000 baud,
 * where any program finds it; a reader found silent at 1,000,000 baud is
 * tried at 1,500,000 (one a crashed program left there), as FlashGBX does.
 *
 * Not thread-safe: use a reader from one thread at a time.
 */
#pragma once

#include <gio/gio.h>

#include "ks-agb-eeprom.h"
#include "ks-bus.h"
#include "ks-serial-link.h"

G_BEGIN_DECLS

#define KS_LK_ERROR (ks_lk_error_quark ())

typedef enum
{
  KS_LK_ERROR_TIMEOUT,        /* the reader stopped answering */
  KS_LK_ERROR_PROTOCOL,       /* it kept answering what the protocol does not allow */
  KS_LK_ERROR_NOT_LK,         /* the device does not speak the LK protocol */
  KS_LK_ERROR_OLD_FIRMWARE,   /* insideGadgets "R" firmware: needs LK firmware */
  KS_LK_ERROR_DISCONNECTED,   /* the device went away */
  KS_LK_ERROR_CART,           /* the cart could not be powered or reached */
} KsLkError;

GQuark ks_lk_error_quark (void);

/* §1.1 and §1.1/FG-HW: FlashGBX's time limits */
#define KS_LK_REPLY_TIMEOUT_MS 1000
#define KS_LK_PROBE_TIMEOUT_MS 75
/* §1.1: FlashGBX's recovery limits */
#define KS_LK_RESYNC_BYTES     20
#define KS_LK_ATTEMPTS         5

typedef enum
{
  KS_LK_SESSION_NONE,
  KS_LK_SESSION_DMG,   /* Game Boy, 5 V */
  KS_LK_SESSION_AGB,   /* Game Boy Advance, 3.3 V */
} KsLkSession;

typedef struct
{
  gboolean  gbxcart;        /* answered the insideGadgets PCB/version bytes */
  guint8    pcb;            /* §1.2: 4 = v1.3, 5 = v1.4, 6 = v1.4a/b/c … */
  guint8    ofw;            /* the insideGadgets "R" version beside LK */
  guint16   fw_ver;         /* LK version: 14 is L14 */
  guint8    pcb_ver;
  guint32   build_time;     /* unix time */
  char     *name;           /* L12+: "GBxCart RW"; else NULL */
  guint8    flags;
  gboolean  power_control;  /* §1.2: the flags byte is exactly 1 */
} KsLkIdentity;

typedef struct
{
  guint64 commands;
  guint64 bytes_sent;
  guint64 bytes_received;
  guint64 round_trips;      /* commands whose answer the driver waited for */
  guint64 waited_usec;      /* time the host let pass while a chip worked */
  guint   retries;
  guint   resyncs;
  guint   junk_bytes;       /* unasked bytes found before a command and dropped */
  guint   read_fallbacks;   /* times the read transfer size went down */
  guint   baud_fallbacks;   /* times 1,500,000 baud failed and 1,000,000 took over */
} KsLkStats;

#define KS_TYPE_LK_READER (ks_lk_reader_get_type ())

G_DECLARE_FINAL_TYPE (KsLkReader, ks_lk_reader, KS, LK_READER, GObject)

/* Opens @path at 1,000,000 baud 8N1 and identifies the device.  Open
 * errors are KS_SERIAL_PORT_ERROR; the rest KS_LK_ERROR. */
KsLkReader         *ks_lk_reader_open                (const char    *path,
                                                      GError       **error);
/* Identifies the device on a link already open at 1,000,000 baud (a
 * custom link, ks_serial_link_new_custom()) and takes it over: it is
 * closed with the reader, also when this fails.  No port lock is taken. */
KsLkReader         *ks_lk_reader_open_link           (KsSerialLink  *link,
                                                      GError       **error);
/* Switches the cart off and closes the port; the object stays valid but
 * every further call fails with KS_LK_ERROR_DISCONNECTED. */
void                ks_lk_reader_close               (KsLkReader    *self);
const char         *ks_lk_reader_get_path            (KsLkReader    *self);
const char         *ks_lk_reader_get_backend         (KsLkReader    *self);
const KsLkIdentity *ks_lk_reader_get_identity        (KsLkReader    *self);
/* "R42+L14" on PCB 5/6, "L1", "L14" otherwise (as FlashGBX shows it) */
char               *ks_lk_reader_dup_firmware        (KsLkReader    *self);
/* "GBxCart RW v1.4a" */
char               *ks_lk_reader_dup_device_name     (KsLkReader    *self);
void                ks_lk_reader_set_timeouts        (KsLkReader    *self,
                                                      guint          reply_ms,
                                                      guint          probe_ms);
void                ks_lk_reader_get_stats           (KsLkReader    *self,
                                                      KsLkStats     *stats);
/* The rate the link runs at now: 1,000,000 or 1,500,000 */
guint               ks_lk_reader_get_baud            (KsLkReader    *self);
/* The largest read transfer in use (4096, 1024, 256 or 64) */
guint               ks_lk_reader_get_read_size       (KsLkReader    *self);
/* "1.5 Mbaud", "1 Mbaud" */
char               *ks_lk_reader_dup_rate            (KsLkReader    *self);

/* Sets the mode and voltage and switches the cart on (§7.1).  Switching
 * between sessions switches the cart off first. */
gboolean            ks_lk_reader_start_session       (KsLkReader    *self,
                                                      KsLkSession    session,
                                                      GError       **error);
KsLkSession         ks_lk_reader_get_session         (KsLkReader    *self);
gboolean            ks_lk_reader_power_off           (KsLkReader    *self,
                                                      GError       **error);
/* The cart's bus in the current session (see above). */
KsBus              *ks_lk_reader_get_bus             (KsLkReader    *self);
/* AGB session: bytes of the GBA ROM from @byte_address (even). */
gboolean            ks_lk_reader_read_agb_rom        (KsLkReader    *self,
                                                      guint32        byte_address,
                                                      guint8        *buffer,
                                                      gsize          size,
                                                      GError       **error);
/* AGB session: @size bytes (a multiple of 8) of the cart's serial EEPROM
 * from block @block, with the address width @width (save-chips.md §1.3:
 * C5 and C6; a write is acknowledged after the reader's 8.5 ms a block).
 * The reader cannot tell which size the chip is: the caller picks the
 * width (ks_agb_eeprom_width_for_size()). */
gboolean            ks_lk_reader_read_agb_eeprom     (KsLkReader       *self,
                                                      KsAgbEepromWidth  width,
                                                      guint             block,
                                                      guint8           *buffer,
                                                      gsize             size,
                                                      GError          **error);
gboolean            ks_lk_reader_write_agb_eeprom    (KsLkReader       *self,
                                                      KsAgbEepromWidth  width,
                                                      guint             block,
                                                      const guint8     *data,
                                                      gsize             size,
                                                      GError          **error);
/* save-chips.md §3.3: what AGB_READ_GPIO_RTC answers */
#define KS_LK_GBA_RTC_SIZE 8
/* AGB session: the status and the 7 BCD date-and-time bytes of the
 * S-3511 clock on the cart's GPIO port (AGB_READ_GPIO_RTC).  A cart
 * without a clock answers what its bus floats to; the caller judges the
 * bytes (ks_gba_rtc_is_valid()). */
gboolean            ks_lk_reader_read_gba_rtc        (KsLkReader       *self,
                                                      guint8           *clock,
                                                      GError          **error);
/* AGB session: sets the S-3511 clock on the cart's GPIO port
 * (save-chips.md §3.5): a reset (which clears the power-lost flag), the
 * status register, then the 7 BCD date-and-time bytes, each played bit by
 * bit with ROM-bus writes, since the reader has no command for it */
gboolean            ks_lk_reader_write_gba_rtc       (KsLkReader       *self,
                                                      guint8            status,
                                                      const guint8     *date_time,
                                                      GError          **error);
/* DMG session: the firmware's CRC-32 (zlib) of @length bytes of the GB bus
 * from @address (CALC_CRC32, §1.4). */
gboolean            ks_lk_reader_crc32               (KsLkReader    *self,
                                                      guint32        address,
                                                      guint32        length,
                                                      guint32       *crc,
                                                      GError       **error);

G_END_DECLS
