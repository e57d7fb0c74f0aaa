/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sst28sf040-driver.c — SST 28SF040 command sequences
 *
 * cart-reader-protocol.md §5 (commands, SDP, completion by the DQ6 toggle
 * bit) and §7.1 (one byte per program packet: the command and the data
 * travel together, back to back).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-bytes.h"
#include "ks-flash-error.h"
#include "ks-flash-operation.h"
#include "ks-sst28sf040-driver.h"
#include "ks-sst28sf040-model.h"

/* §5 command bytes */
#define CMD_SECTOR_ERASE         0x20
#define CMD_SECTOR_ERASE_CONFIRM 0xD0
#define CMD_BYTE_PROGRAM         0x10
#define CMD_CHIP_ERASE           0x30
#define CMD_RESET                0xFF
#define CMD_READ_ID              0x90

/* §5: the seven SDP reads (A12..A0) */
static const guint32 sdp_unprotect[] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x041A };
static const guint32 sdp_protect[] = { 0x1823, 0x1820, 0x1822, 0x0418, 0x041B, 0x0419, 0x040A };

/* How long to let pass between two status reads, and how many to allow:
 * four times the data-sheet maxima of §5 (40 µs, 4 ms, 20 ms). */
#define SECTOR_ERASE_POLL_USEC  500
#define SECTOR_ERASE_POLL_TRIES 32
#define CHIP_ERASE_POLL_USEC    2000
#define CHIP_ERASE_POLL_TRIES   40
/* §5: reset needs 4 µs to recover */
#define RESET_RECOVERY_USEC     4

gboolean
ks_sst28sf040_reset (KsBus   *bus,
                     GError **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  if (!ks_bus_write (bus, 0, CMD_RESET, error))
    return FALSE;
  ks_bus_wait_usec (bus, RESET_RECOVERY_USEC);

  return TRUE;
}

gboolean
ks_sst28sf040_read_id (KsBus   *bus,
                       guint8  *manufacturer,
                       guint8  *device,
                       GError **error)
{
  guint8 id[2];

  g_return_val_if_fail (bus != NULL, FALSE);

  /* §7.1: both ID bytes in one two-byte read */
  if (!ks_bus_write (bus, 0, CMD_READ_ID, error) ||
      !ks_bus_read_bulk (bus, 0, id, sizeof id, error) ||
      !ks_sst28sf040_reset (bus, error))
    return FALSE;

  if (manufacturer != NULL)
    *manufacturer = id[0];
  if (device != NULL)
    *device = id[1];

  return TRUE;
}

gboolean
ks_sst28sf040_check_id (KsBus   *bus,
                        GError **error)
{
  guint8 manufacturer, device;

  if (!ks_sst28sf040_read_id (bus, &manufacturer, &device, error))
    return FALSE;

  if (manufacturer != KS_SST28SF040_MANUFACTURER || device != KS_SST28SF040_DEVICE)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_WRONG_ID,
                   _("The flash chip answered the ID command with %02X %02X, not BF 04 "
                     "(SST 28SF040)."), manufacturer, device);
      return FALSE;
    }

  return TRUE;
}

static gboolean
sdp_reads (KsBus          *bus,
           const guint32  *sequence,
           GError        **error)
{
  /* §7.1: the seven reads go back to back with nothing in between. */
  for (guint i = 0; i < G_N_ELEMENTS (sdp_unprotect); i++)
    {
      guint8 ignored;

      if (!ks_bus_read (bus, sequence[i], &ignored, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ks_sst28sf040_unprotect (KsBus   *bus,
                         GError **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  return sdp_reads (bus, sdp_unprotect, error);
}

gboolean
ks_sst28sf040_protect (KsBus   *bus,
                       GError **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  return sdp_reads (bus, sdp_protect, error);
}

gboolean
ks_sst28sf040_read (KsBus    *bus,
                    guint32   address,
                    guint8   *buffer,
                    gsize     size,
                    GError  **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  if (address > KS_SST28SF040_SIZE || size > KS_SST28SF040_SIZE - address)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("%zu bytes from 0x%05X do not fit in the 512 KiB flash."),
                   size, address);
      return FALSE;
    }

  return ks_bus_read_bulk (bus, address, buffer, size, error);
}

/* Waits until DQ6 stops toggling: two reads in a row agree on it (§5), and
 * the second is then the byte itself. */
static gboolean
wait_done (KsBus    *bus,
           guint32   address,
           guint     poll_usec,
           guint     tries,
           guint8   *final,
           GError  **error)
{
  guint8 previous, current;

  if (!ks_bus_read (bus, address, &previous, error))
    return FALSE;

  for (guint i = 0; i < tries; i++)
    {
      ks_bus_wait_usec (bus, poll_usec);
      if (!ks_bus_read (bus, address, &current, error))
        return FALSE;
      if (((previous ^ current) & KS_FLASH_DQ6) == 0)
        {
          if (final != NULL)
            *final = current;
          return TRUE;
        }
      previous = current;
    }

  g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_TIMEOUT,
               _("The flash chip was still busy at 0x%05X after %u µs."),
               address, poll_usec * tries);
  return FALSE;
}

static gboolean
check_erased (KsBus    *bus,
              guint32   address,
              gsize     size,
              GError  **error)
{
  g_autofree guint8 *buffer = g_malloc (size);

  if (!ks_bus_read_bulk (bus, address, buffer, size, error))
    return FALSE;

  for (gsize i = 0; i < size; i++)
    if (buffer[i] != 0xFF)
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_NOT_ERASED,
                     _("The flash at 0x%05zX reads %02X after the erase, "
                       "not FF; the chip may still be write-protected or worn out."),
                     address + i, buffer[i]);
        return FALSE;
      }

  return TRUE;
}

/* Runs @op between the unprotect and protect sequences; the chip is
 * protected again even when @op failed. */
static gboolean
unprotected (KsBus    *bus,
             gboolean (*op) (KsBus *, gpointer, GError **),
             gpointer  data,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!ks_sst28sf040_unprotect (bus, error))
    return FALSE;

  ok = op (bus, data, &local_error);

  if (!ks_sst28sf040_protect (bus, ok ? &local_error : NULL) && ok)
    ok = FALSE;

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static gboolean
do_erase_sector (KsBus    *bus,
                 gpointer  data,
                 GError  **error)
{
  guint32 sector = GPOINTER_TO_UINT (data);
  const KsBusWrite erase[] = {
    { sector, CMD_SECTOR_ERASE },
    { sector, CMD_SECTOR_ERASE_CONFIRM },
  };

  return ks_bus_write_sequence (bus, erase, G_N_ELEMENTS (erase), error) &&
         wait_done (bus, sector, SECTOR_ERASE_POLL_USEC, SECTOR_ERASE_POLL_TRIES, NULL, error);
}

gboolean
ks_sst28sf040_erase_sector (KsBus    *bus,
                            guint32   address,
                            GError  **error)
{
  guint32 sector = address & ~(guint32) (KS_SST28SF040_SECTOR_SIZE - 1);

  g_return_val_if_fail (bus != NULL, FALSE);

  if (address >= KS_SST28SF040_SIZE)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("0x%05X is past the end of the 512 KiB flash."), address);
      return FALSE;
    }

  return unprotected (bus, do_erase_sector, GUINT_TO_POINTER (sector), error) &&
         check_erased (bus, sector, KS_SST28SF040_SECTOR_SIZE, error);
}

static gboolean
do_erase_chip (KsBus    *bus,
               gpointer  data,
               GError  **error)
{
  const KsBusWrite erase[] = {
    { 0, CMD_CHIP_ERASE },
    { 0, CMD_CHIP_ERASE },
  };

  return ks_bus_write_sequence (bus, erase, G_N_ELEMENTS (erase), error) &&
         wait_done (bus, 0, CHIP_ERASE_POLL_USEC, CHIP_ERASE_POLL_TRIES, NULL, error);
}

gboolean
ks_sst28sf040_erase_chip (KsBus   *bus,
                          GError **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  return unprotected (bus, do_erase_chip, NULL, error) &&
         check_erased (bus, 0, KS_SST28SF040_SIZE, error);
}

typedef struct
{
  guint32       address;
  const guint8 *data;
  gsize         size;
} ProgramJob;

/* §5: Byte-Program is X = 10, then PA = PD; each byte is polled until it
 * reads back (one round trip a run where the reader polls itself,
 * ks_bus_program_polled()). */
static gboolean
program_run (KsBus         *bus,
             guint32        address,
             const guint8  *data,
             gsize          size,
             GError       **error)
{
  const KsBusWrite setup[] = { { address, CMD_BYTE_PROGRAM } };

  return ks_bus_program_polled (bus, setup, G_N_ELEMENTS (setup), address, data, size, error);
}

static gboolean
do_program (KsBus    *bus,
            gpointer  user_data,
            GError  **error)
{
  const ProgramJob *job = user_data;

  return program_run (bus, job->address, job->data, job->size, error);
}

gboolean
ks_sst28sf040_program (KsBus         *bus,
                       guint32        address,
                       const guint8  *data,
                       gsize          size,
                       GError       **error)
{
  ProgramJob job = { address, data, size };

  g_return_val_if_fail (bus != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (address > KS_SST28SF040_SIZE || size > KS_SST28SF040_SIZE - address)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("%zu bytes from 0x%05X do not fit in the 512 KiB flash."),
                   size, address);
      return FALSE;
    }

  return unprotected (bus, do_program, &job, error);
}

/* Reads the sector until it is all 0xFF: the erase is over and checked */
static gboolean
wait_sector_erased (KsBus    *bus,
                    guint32   sector,
                    GError  **error)
{
  guint8 buffer[KS_SST28SF040_SECTOR_SIZE];

  for (guint i = 0; i < SECTOR_ERASE_POLL_TRIES; i++)
    {
      ks_bus_wait_usec (bus, SECTOR_ERASE_POLL_USEC);
      if (!ks_bus_read_bulk (bus, sector, buffer, sizeof buffer, error))
        return FALSE;
      if (ks_bytes_all (buffer, sizeof buffer, 0xFF))
        return TRUE;
    }

  for (gsize i = 0; i < sizeof buffer; i++)
    if (buffer[i] != 0xFF)
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_NOT_ERASED,
                     _("The flash at 0x%05zX reads %02X after the erase, "
                       "not FF; the chip may still be write-protected or worn out."),
                     sector + i, buffer[i]);
        break;
      }

  return FALSE;
}

gboolean
ks_sst28sf040_rewrite_sector_unprotected (KsBus         *bus,
                                          guint32        address,
                                          const guint8  *data,
                                          GError       **error)
{
  guint32 sector = address & ~(guint32) (KS_SST28SF040_SECTOR_SIZE - 1);
  const KsBusWrite erase[] = {
    { sector, CMD_SECTOR_ERASE },
    { sector, CMD_SECTOR_ERASE_CONFIRM },
  };
  guint8 check[KS_SST28SF040_SECTOR_SIZE];

  g_return_val_if_fail (bus != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (address >= KS_SST28SF040_SIZE)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("0x%05X is past the end of the 512 KiB flash."), address);
      return FALSE;
    }

  if (!ks_bus_write_sequence (bus, erase, G_N_ELEMENTS (erase), error) ||
      !wait_sector_erased (bus, sector, error) ||
      !program_run (bus, sector, data, KS_SST28SF040_SECTOR_SIZE, error) ||
      !ks_bus_read_bulk (bus, sector, check, sizeof check, error))
    return FALSE;

  for (gsize i = 0; i < sizeof check; i++)
    if (check[i] != data[i])
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                     _("The flash at 0x%05X reads %02X after programming %02X; "
                       "was the sector erased first?"), sector + (guint32) i, check[i], data[i]);
        return FALSE;
      }

  return TRUE;
}
