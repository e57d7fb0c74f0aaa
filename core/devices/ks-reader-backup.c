/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reader-backup.c — read a cart's save through the reader, piece by
 * piece, with progress, cancellation and an optional check
 *
 * The reads follow cart-reader-protocol.md §7.1: GBA flash bank by bank
 * (ks-agb-flash-driver.c), GB RAM bank by bank (ks-gb-mbc-driver.c), the
 * Mega Memory Card bank by bank through its register (ks-mmc-mapper.c),
 * each bank of which the reader's CALC_CRC32 can confirm, and the RAM of
 * the Game Boy cart on top of the card bank by bank through the card's
 * pass-through mode (ks-mmc-top-cart.c).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "ks-agb-flash-driver.h"
#include "ks-gb-mbc-driver.h"
#include "ks-mmc-mapper.h"
#include "ks-mmc-top-cart.h"
#include "ks-reader-backup.h"
#include "ks-sst28sf040-driver.h"
#include "ks-sst28sf040-model.h"

/* Progress and cancellation are checked this often (bytes) */
#define PIECE 0x1000

typedef struct
{
  KsLkReader         *reader;
  const KsCartInfo   *cart;
  GCancellable       *cancellable;
  KsReaderProgress    progress;
  gpointer            user_data;
  gsize               done;
  gsize               total;
} Job;

static void
report (Job   *job,
        gsize  bytes)
{
  job->done += bytes;
  if (job->progress != NULL)
    job->progress (job->done, job->total, job->user_data);
}

static gboolean
read_gba_flash (Job      *job,
                guint8   *buffer,
                GError  **error)
{
  KsAgbFlash flash;

  ks_agb_flash_init (&flash, ks_lk_reader_get_bus (job->reader), job->cart->flash_chip);

  for (gsize at = 0; at < job->cart->save_size; at += PIECE)
    {
      gsize n = MIN ((gsize) PIECE, job->cart->save_size - at);

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
          !ks_agb_flash_select_bank (&flash, at / KS_AGB_FLASH_BANK_SIZE, error) ||
          !ks_bus_read_bulk (flash.bus, at % KS_AGB_FLASH_BANK_SIZE, buffer + at, n, error))
        return FALSE;
      report (job, n);
    }

  /* §7.1: finish back on bank 0 */
  return ks_agb_flash_select_bank (&flash, 0, error);
}

static gboolean
read_gba_sram (Job      *job,
               guint8   *buffer,
               GError  **error)
{
  KsBus *bus = ks_lk_reader_get_bus (job->reader);

  for (gsize at = 0; at < job->cart->save_size; at += PIECE)
    {
      gsize n = MIN ((gsize) PIECE, job->cart->save_size - at);

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
          !ks_bus_read_bulk (bus, (guint32) at, buffer + at, n, error))
        return FALSE;
      report (job, n);
    }

  return TRUE;
}

/* A Game Boy cart in the reader, or on top of the Mega Memory Card (the
 * same MBC writes, inside the card's pass-through mode) */
static gboolean
read_gb_ram (Job      *job,
             guint8   *buffer,
             GError  **error)
{
  KsBus *bus = ks_lk_reader_get_bus (job->reader);
  KsGbMbc mbc = job->cart->mbc;
  gboolean on_mmc = job->cart->kind == KS_CART_GB_ON_MMC;
  g_autoptr(GError) local_error = NULL;
  KsMmcMapper mapper;
  gboolean ok;

  ks_mmc_mapper_init (&mapper, bus);
  ok = on_mmc ? ks_mmc_top_cart_enter (&mapper, &local_error)
              : ks_gb_mbc_set_ram_enabled (bus, mbc, TRUE, &local_error);
  for (gsize at = 0; ok && at < job->cart->save_size; at += KS_GB_RAM_BANK_SIZE)
    {
      gsize n = MIN ((gsize) KS_GB_RAM_BANK_SIZE, job->cart->save_size - at);

      ok = !g_cancellable_set_error_if_cancelled (job->cancellable, &local_error) &&
           ks_gb_mbc_select_ram_bank (bus, mbc, at / KS_GB_RAM_BANK_SIZE, &local_error) &&
           ks_bus_read_bulk (bus, KS_GB_RAM_WINDOW, buffer + at, n, &local_error);
      if (ok)
        report (job, n);
    }

  /* §2: OSCR disables the RAM when done; so does Keepsake, even after a
   * failure, unless the reader is gone; the card gets its bus back too. */
  if (!g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) &&
      !g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT) &&
      !(on_mmc ? ks_mmc_top_cart_leave (&mapper, ok ? &local_error : NULL)
               : ks_gb_mbc_set_ram_enabled (bus, mbc, FALSE, ok ? &local_error : NULL)) && ok)
    ok = FALSE;

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static gboolean
read_mmc (Job      *job,
          guint8   *buffer,
          gboolean  verify,
          GError  **error)
{
  KsMmcMapper mapper;
  KsBus *flash;

  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (job->reader));
  flash = ks_mmc_mapper_get_bus (&mapper);

  /* Leave any ID mode a previous program left the chip in (§5: reset is
   * allowed while protected). */
  if (!ks_sst28sf040_reset (flash, error))
    return FALSE;

  for (guint bank = 0; bank < KS_MMC_N_BANKS; bank++)
    {
      guint8 *at = buffer + (gsize) bank * KS_MMC_BANK_SIZE;

      for (gsize piece = 0; piece < KS_MMC_BANK_SIZE; piece += PIECE)
        {
          if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
              !ks_sst28sf040_read (flash, bank * KS_MMC_BANK_SIZE + (guint32) piece, at + piece,
                                   PIECE, error))
            return FALSE;
          report (job, PIECE);
        }

      if (verify)
        {
          guint32 device_crc;
          uLong crc = crc32 (crc32 (0L, Z_NULL, 0), at, KS_MMC_BANK_SIZE);

          /* §7.1: the bank is at 0x4000-0x7FFF while the register holds it */
          if (!ks_mmc_mapper_select_bank (&mapper, bank, error) ||
              !ks_lk_reader_crc32 (job->reader, 0x4000, KS_MMC_BANK_SIZE, &device_crc, error))
            return FALSE;
          if (device_crc != (guint32) crc)
            {
              g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                           _("Bank %u of the Mega Memory Card read with CRC-32 %08lX, but the "
                             "reader computes %08X for it; the transfer was damaged. Retry."),
                           bank, crc, device_crc);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
read_once (Job      *job,
           guint8   *buffer,
           gboolean  verify,
           GError  **error)
{
  const KsCartInfo *cart = job->cart;
  KsLkSession session = (cart->kind == KS_CART_GB || cart->kind == KS_CART_MMC ||
                         cart->kind == KS_CART_GB_ON_MMC)
                        ? KS_LK_SESSION_DMG : KS_LK_SESSION_AGB;

  if (!ks_lk_reader_start_session (job->reader, session, error))
    return FALSE;

  switch (cart->kind)
    {
    case KS_CART_GBA_FLASH:
      return read_gba_flash (job, buffer, error);
    case KS_CART_GBA_SRAM:
      return read_gba_sram (job, buffer, error);
    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      return read_gb_ram (job, buffer, error);
    case KS_CART_MMC:
      return read_mmc (job, buffer, verify, error);
    default:
      g_assert_not_reached ();
    }
}

GBytes *
ks_reader_backup_read (KsLkReader          *reader,
                       const KsCartInfo    *cart,
                       KsReaderBackupFlags  flags,
                       GCancellable        *cancellable,
                       KsReaderProgress     progress,
                       gpointer             user_data,
                       GError             **error)
{
  g_autofree guint8 *buffer = NULL;
  g_autofree guint8 *second = NULL;
  gboolean verify = (flags & KS_READER_BACKUP_VERIFY) != 0;
  gboolean twice;
  Job job = { reader, cart, cancellable, progress, user_data, 0, 0 };

  g_return_val_if_fail (KS_IS_LK_READER (reader), NULL);
  g_return_val_if_fail (cart != NULL, NULL);

  switch (cart->kind)
    {
    case KS_CART_NONE:
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("No cart answered. Check that it sits firmly in the right slot and that its "
                     "contacts are clean."));
      return NULL;
    case KS_CART_GBA_OTHER:
      if (cart->notes != NULL)
        /* Translators: %s is one or more whole sentences the detection
         * noted about the chip */
        g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                     _("Keepsake does not recognise this GBA cart's save chip. %s If you know "
                       "what it is, name it (for example --cart gba-flash:C209 or gba-sram)."),
                     cart->notes);
      else
        g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                     _("Keepsake does not recognise this GBA cart's save chip. If you know "
                       "what it is, name it (for example --cart gba-flash:C209 or gba-sram)."));
      return NULL;
    case KS_CART_GB:
      if (cart->save_size == 0)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("This Game Boy cart keeps no save. If its header is wrong, name the "
                         "cart (for example --cart gb:mbc5:32768)."));
          return NULL;
        }
      if (!ks_gb_mbc_has_standard_ram (cart->mbc))
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("Keepsake cannot read the save of this Game Boy cart yet (memory "
                         "controller: %s)."),
                       ks_gb_mbc_to_string (cart->mbc));
          return NULL;
        }
      break;
    case KS_CART_GB_ON_MMC:
      if (cart->save_size == 0 || cart->save_size % KS_GB_RAM_BANK_SIZE != 0 ||
          cart->save_size > (gsize) KS_MMC_TOP_CART_MAX_BANKS * KS_GB_RAM_BANK_SIZE)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("The Mega Memory Card reaches 1 to 16 banks of 8 KiB on the cart on "
                         "top, not %zu bytes."), cart->save_size);
          return NULL;
        }
      break;
    case KS_CART_GBA_FLASH:
      g_return_val_if_fail (cart->flash_chip != NULL, NULL);
      break;
    default:
      break;
    }

  /* The Mega Memory Card is checked by the reader's CRC; the rest by a
   * second read. */
  twice = verify && cart->kind != KS_CART_MMC;
  job.total = cart->save_size * (twice ? 2 : 1);
  buffer = g_malloc (cart->save_size);

  if (!read_once (&job, buffer, verify, error))
    return NULL;

  if (twice)
    {
      second = g_malloc (cart->save_size);
      if (!read_once (&job, second, FALSE, error))
        return NULL;
      for (gsize i = 0; i < cart->save_size; i++)
        if (buffer[i] != second[i])
          {
            g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                         _("Two reads of the save differ, first at offset 0x%05zX"
                           " (%02X, then %02X). The cart's contacts may be dirty or its battery "
                           "weak: clean the contacts and try again."), i, buffer[i], second[i]);
            return NULL;
          }
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), cart->save_size);
}
