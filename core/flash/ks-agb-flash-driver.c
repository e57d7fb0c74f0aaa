/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-flash-driver.c — JEDEC sequences for GBA flash saves
 *
 * cart-reader-protocol.md §4 (sequences, GBATEK time-outs) and §1.7/§7.1
 * (FlashGBX's waits: 10 ms after leaving ID mode, 50 ms after a bank
 * switch, erase polled every 10 ms).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-agb-flash-driver.h"
#include "ks-bytes.h"
#include "ks-flash-error.h"

/* §4 */
#define UNLOCK1_ADDR     0x5555
#define UNLOCK2_ADDR     0x2AAA
#define UNLOCK1_DATA     0xAA
#define UNLOCK2_DATA     0x55
#define CMD_ID           0x90
#define CMD_RESET        0xF0
#define CMD_ERASE        0x80
#define CMD_CHIP_ERASE   0x10
#define CMD_SECTOR_ERASE 0x30
#define CMD_BANK         0xB0

/* §1.7 and §7.1: FlashGBX's waits */
#define ID_EXIT_WAIT_USEC      10000
#define BANK_SWITCH_WAIT_USEC  50000
#define ERASE_POLL_USEC        10000
/* §1.5: the LK firmware leaves 20 µs per programmed byte and does not poll */
#define PROGRAM_GAP_USEC       20
/* FlashGBX skips data that is all 0xFF; 256 bytes is its write packet (§7.1) */
#define PROGRAM_CHUNK          256

#define UNLOCK(cmd) \
  { UNLOCK1_ADDR, UNLOCK1_DATA }, { UNLOCK2_ADDR, UNLOCK2_DATA }, { UNLOCK1_ADDR, (cmd) }

gboolean
ks_agb_flash_read_id (KsBus    *bus,
                      guint16  *id,
                      GError  **error)
{
  const KsBusWrite enter[] = { UNLOCK (CMD_ID) };
  const KsBusWrite leave[] = { UNLOCK (CMD_RESET) };
  guint8 answer[2];

  g_return_val_if_fail (bus != NULL, FALSE);

  /* §7.1: both ID bytes in one two-byte read */
  if (!ks_bus_write_sequence (bus, enter, G_N_ELEMENTS (enter), error) ||
      !ks_bus_read_bulk (bus, 0, answer, sizeof answer, error) ||
      !ks_bus_write_sequence (bus, leave, G_N_ELEMENTS (leave), error))
    return FALSE;

  /* §1.7: FlashGBX also writes F0 to 0000 after a pause, for chips that
   * missed the first reset. */
  ks_bus_wait_usec (bus, ID_EXIT_WAIT_USEC);
  if (!ks_bus_write (bus, 0, CMD_RESET, error))
    return FALSE;
  ks_bus_wait_usec (bus, ID_EXIT_WAIT_USEC);

  if (id != NULL)
    *id = (guint16) (answer[0] << 8 | answer[1]);

  return TRUE;
}

void
ks_agb_flash_init (KsAgbFlash           *flash,
                   KsBus                *bus,
                   const KsAgbFlashChip *chip)
{
  g_return_if_fail (flash != NULL);
  g_return_if_fail (bus != NULL);
  g_return_if_fail (chip != NULL);

  flash->bus = bus;
  flash->chip = chip;
  flash->bank = -1;
}

gboolean
ks_agb_flash_select_bank (KsAgbFlash  *flash,
                          guint        bank,
                          GError     **error)
{
  const KsBusWrite select[] = { UNLOCK (CMD_BANK), { 0x0000, (guint8) bank } };

  g_return_val_if_fail (flash != NULL, FALSE);
  g_return_val_if_fail (bank < ks_agb_flash_chip_n_banks (flash->chip), FALSE);

  /* 64 KiB chips have one bank and no bank command */
  if (ks_agb_flash_chip_n_banks (flash->chip) == 1 || flash->bank == (gint) bank)
    {
      flash->bank = bank;
      return TRUE;
    }

  flash->bank = -1;
  if (!ks_bus_write_sequence (flash->bus, select, G_N_ELEMENTS (select), error))
    return FALSE;
  ks_bus_wait_usec (flash->bus, BANK_SWITCH_WAIT_USEC);
  flash->bank = bank;

  return TRUE;
}

static gboolean
check_range (KsAgbFlash  *flash,
             guint32      address,
             gsize        size,
             GError     **error)
{
  if (address > flash->chip->size || size > flash->chip->size - address)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("%zu bytes from 0x%05X do not fit in the %u KiB flash."),
                   size, address, flash->chip->size / 1024);
      return FALSE;
    }

  return TRUE;
}

/* Calls @op for each piece of [address, address+size) inside one bank,
 * with the bank selected and bank-relative addresses. */
static gboolean
per_bank (KsAgbFlash  *flash,
          guint32      address,
          gsize        size,
          gboolean   (*op) (KsAgbFlash *, guint32, gsize, gsize, gpointer, GError **),
          gpointer     data,
          GError     **error)
{
  gsize done = 0;

  while (done < size)
    {
      guint32 at = address + (guint32) done;
      guint bank = at / KS_AGB_FLASH_BANK_SIZE;
      guint32 offset = at % KS_AGB_FLASH_BANK_SIZE;
      gsize n = MIN (size - done, (gsize) (KS_AGB_FLASH_BANK_SIZE - offset));

      if (!ks_agb_flash_select_bank (flash, bank, error) ||
          !op (flash, offset, n, done, data, error))
        return FALSE;
      done += n;
    }

  return TRUE;
}

static gboolean
read_piece (KsAgbFlash  *flash,
            guint32      offset,
            gsize        n,
            gsize        done,
            gpointer     data,
            GError     **error)
{
  guint8 *buffer = data;

  return ks_bus_read_bulk (flash->bus, offset, buffer + done, n, error);
}

gboolean
ks_agb_flash_read (KsAgbFlash  *flash,
                   guint32      address,
                   guint8      *buffer,
                   gsize        size,
                   GError     **error)
{
  g_return_val_if_fail (flash != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL || size == 0, FALSE);

  if (!check_range (flash, address, size, error))
    return FALSE;

  if (!per_bank (flash, address, size, read_piece, buffer, error))
    {
      flash->bank = -1;
      return FALSE;
    }

  /* §7.1: finish back on bank 0, where the game expects it */
  return ks_agb_flash_select_bank (flash, 0, error);
}

/* Polls @offset every 10 ms until it reads FF (§7.1), then checks the
 * whole range. */
static gboolean
wait_erased (KsAgbFlash  *flash,
             guint32      offset,
             gsize        size,
             guint32      timeout_ms,
             GError     **error)
{
  guint tries = MAX (timeout_ms * 1000 / ERASE_POLL_USEC, 1u) + 1;
  g_autofree guint8 *buffer = NULL;
  guint8 poll[2] = { 0, 0 };

  /* §7.1: two bytes at the sector address until they read FF FF */
  for (guint i = 0; i < tries; i++)
    {
      ks_bus_wait_usec (flash->bus, ERASE_POLL_USEC);
      if (!ks_bus_read_bulk (flash->bus, offset, poll, sizeof poll, error))
        return FALSE;
      if (poll[0] == 0xFF && poll[1] == 0xFF)
        break;
    }

  if (poll[0] != 0xFF || poll[1] != 0xFF)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_TIMEOUT,
                   _("The flash chip was still erasing after %u ms."), timeout_ms);
      return FALSE;
    }

  buffer = g_malloc (size);
  if (!ks_bus_read_bulk (flash->bus, offset, buffer, size, error))
    return FALSE;

  for (gsize i = 0; i < size; i++)
    if (buffer[i] != 0xFF)
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_NOT_ERASED,
                     _("The flash at bank %d offset 0x%04zX reads %02X "
                       "after the erase, not FF."), flash->bank, offset + i, buffer[i]);
        return FALSE;
      }

  return TRUE;
}

gboolean
ks_agb_flash_erase_sector (KsAgbFlash  *flash,
                           guint32      address,
                           GError     **error)
{
  guint32 sector = address & ~(guint32) (KS_AGB_FLASH_SECTOR_SIZE - 1);
  guint32 offset = sector % KS_AGB_FLASH_BANK_SIZE;
  const KsBusWrite erase[] = {
    UNLOCK (CMD_ERASE),
    { UNLOCK1_ADDR, UNLOCK1_DATA }, { UNLOCK2_ADDR, UNLOCK2_DATA }, { offset, CMD_SECTOR_ERASE },
  };

  g_return_val_if_fail (flash != NULL, FALSE);

  if (!check_range (flash, sector, KS_AGB_FLASH_SECTOR_SIZE, error))
    return FALSE;

  if (!ks_agb_flash_select_bank (flash, sector / KS_AGB_FLASH_BANK_SIZE, error) ||
      !ks_bus_write_sequence (flash->bus, erase, G_N_ELEMENTS (erase), error) ||
      !wait_erased (flash, offset, KS_AGB_FLASH_SECTOR_SIZE,
                    flash->chip->sector_erase_timeout_ms, error))
    {
      flash->bank = -1;
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_piece_erased (KsAgbFlash  *flash,
                    guint32      offset,
                    gsize        n,
                    gsize        done,
                    gpointer     data,
                    GError     **error)
{
  return wait_erased (flash, offset, n, 0, error);
}

gboolean
ks_agb_flash_erase_chip (KsAgbFlash  *flash,
                         GError     **error)
{
  const KsBusWrite erase[] = {
    UNLOCK (CMD_ERASE),
    UNLOCK (CMD_CHIP_ERASE),
  };
  guint8 value = 0;
  guint tries;

  g_return_val_if_fail (flash != NULL, FALSE);

  tries = MAX (flash->chip->chip_erase_timeout_ms * 1000 / ERASE_POLL_USEC, 1u) + 1;

  if (!ks_bus_write_sequence (flash->bus, erase, G_N_ELEMENTS (erase), error))
    goto fail;

  /* §4: the chip erase is done when [0000] reads FF */
  for (guint i = 0; i < tries && value != 0xFF; i++)
    {
      ks_bus_wait_usec (flash->bus, ERASE_POLL_USEC);
      if (!ks_bus_read (flash->bus, 0, &value, error))
        goto fail;
    }

  if (value != 0xFF)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_TIMEOUT,
                   _("The flash chip was still erasing after %u ms."),
                   flash->chip->chip_erase_timeout_ms);
      goto fail;
    }

  if (!per_bank (flash, 0, flash->chip->size, check_piece_erased, NULL, error))
    goto fail;

  return ks_agb_flash_select_bank (flash, 0, error);

fail:
  flash->bank = -1;
  return FALSE;
}

/* Programs the 256-byte runs that are not all 0xFF, each stretch of them
 * in one go (the reader packs it into as few packets as it can), then
 * reads the whole piece back at once and compares. */
static gboolean
program_piece (KsAgbFlash  *flash,
               guint32      offset,
               gsize        n,
               gsize        done,
               gpointer     data,
               GError     **error)
{
  const guint8 *source = (const guint8 *) data + done;
  g_autofree guint8 *check = g_malloc (n);
  gsize at = 0;

  while (at < n)
    {
      gsize end = at;

      while (end < n && !ks_bytes_all (source + end, MIN ((gsize) PROGRAM_CHUNK, n - end), 0xFF))
        end += MIN ((gsize) PROGRAM_CHUNK, n - end);
      if (end > at &&
          !ks_bus_jedec_program (flash->bus, offset + (guint32) at, source + at, end - at,
                                 PROGRAM_GAP_USEC, error))
        return FALSE;
      at = end;
      while (at < n && ks_bytes_all (source + at, MIN ((gsize) PROGRAM_CHUNK, n - at), 0xFF))
        at += MIN ((gsize) PROGRAM_CHUNK, n - at);
    }

  if (!ks_bus_read_bulk (flash->bus, offset, check, n, error))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (check[i] != source[i])
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                     _("The flash at bank %d offset 0x%04zX reads %02X "
                       "after programming %02X; was the sector erased first?"),
                     flash->bank, offset + i, check[i], source[i]);
        return FALSE;
      }

  return TRUE;
}

gboolean
ks_agb_flash_program (KsAgbFlash    *flash,
                      guint32        address,
                      const guint8  *data,
                      gsize          size,
                      GError       **error)
{
  g_return_val_if_fail (flash != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (!check_range (flash, address, size, error))
    return FALSE;

  if (!per_bank (flash, address, size, program_piece, (gpointer) data, error))
    {
      flash->bank = -1;
      return FALSE;
    }

  return TRUE;
}

gboolean
ks_agb_flash_write_pages (KsAgbFlash    *flash,
                          guint32        address,
                          const guint8  *data,
                          gsize          size,
                          GError       **error)
{
  g_autofree guint8 *check = NULL;

  g_return_val_if_fail (flash != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (!flash->chip->has_erase, FALSE);
  g_return_val_if_fail (address % KS_BUS_PAGE_SIZE == 0 && size % KS_BUS_PAGE_SIZE == 0, FALSE);

  if (!check_range (flash, address, size, error))
    return FALSE;

  /* save-chips.md §2: a page is written whole and needs no erase; the
   * Atmel part is 64 KiB, one bank */
  check = g_malloc (MAX (size, 1));
  if (!ks_bus_page_program (flash->bus, address, data, size, flash->chip->program_usec, error) ||
      !ks_bus_read_bulk (flash->bus, address, check, size, error))
    return FALSE;

  for (gsize i = 0; i < size; i++)
    if (check[i] != data[i])
      {
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                     _("The flash at offset 0x%05zX reads %02X after writing its page with "
                       "%02X."), address + i, check[i], data[i]);
        return FALSE;
      }

  return TRUE;
}
