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
#include "ks-container.h"
#include "ks-gb-mbc-driver.h"
#include "ks-mmc-mapper.h"
#include "ks-mmc-top-cart.h"
#include "ks-reader-backup.h"
#include "ks-reader-memory.h"
#include "ks-rtc-footer.h"
#include "ks-sst28sf040-driver.h"
#include "ks-sst28sf040-model.h"

/* Progress and cancellation are checked this often (bytes): one read
 * transfer of the reader's buffer (cart-reader-protocol.md §1.5) */
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

/* save-chips.md §1.5: C5 with the width the size takes, in pieces */
static gboolean
read_gba_eeprom (Job      *job,
                 guint8   *buffer,
                 GError  **error)
{
  KsAgbEepromWidth width = ks_agb_eeprom_width_for_size (job->cart->save_size);

  for (gsize at = 0; at < job->cart->save_size; at += PIECE)
    {
      gsize n = MIN ((gsize) PIECE, job->cart->save_size - at);

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error) ||
          !ks_lk_reader_read_agb_eeprom (job->reader, width,
                                         (guint) (at / KS_AGB_EEPROM_BLOCK_SIZE), buffer + at,
                                         n, error))
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

/* §7.1: the reader's CRC-32 of one storage bank, at 0x4000-0x7FFF while
 * the register holds it */
static gboolean
bank_crc (KsLkReader   *reader,
          KsMmcMapper  *mapper,
          guint         bank,
          guint32      *crc,
          GError      **error)
{
  return ks_mmc_mapper_select_bank (mapper, bank, error) &&
         ks_lk_reader_crc32 (reader, 0x4000, KS_MMC_BANK_SIZE, crc, error);
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

          if (!bank_crc (job->reader, &mapper, bank, &device_crc, error))
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

static KsLkSession
session_of (const KsCartInfo *cart)
{
  return (cart->kind == KS_CART_GB || cart->kind == KS_CART_MMC ||
          cart->kind == KS_CART_GB_ON_MMC) ? KS_LK_SESSION_DMG : KS_LK_SESSION_AGB;
}

gboolean
ks_reader_backup_has_crc (const KsCartInfo *cart)
{
  g_return_val_if_fail (cart != NULL, FALSE);

  /* §1.4: CALC_CRC32 reads the ROM bus; only the card's flash is there */
  return cart->kind == KS_CART_MMC;
}

gboolean
ks_reader_backup_check_crc (KsLkReader        *reader,
                            const KsCartInfo  *cart,
                            GBytes            *content,
                            gboolean          *same,
                            guint             *first_bad,
                            GError           **error)
{
  KsMmcMapper mapper;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (KS_IS_LK_READER (reader), FALSE);
  g_return_val_if_fail (cart != NULL && ks_reader_backup_has_crc (cart), FALSE);
  g_return_val_if_fail (content != NULL && same != NULL, FALSE);

  data = g_bytes_get_data (content, &size);
  g_return_val_if_fail (size == (gsize) KS_MMC_N_BANKS * KS_MMC_BANK_SIZE, FALSE);

  *same = TRUE;
  if (!ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, error))
    return FALSE;

  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  for (guint bank = 0; bank < KS_MMC_N_BANKS; bank++)
    {
      guint32 device_crc;
      uLong crc = crc32 (crc32 (0L, Z_NULL, 0), data + (gsize) bank * KS_MMC_BANK_SIZE,
                         KS_MMC_BANK_SIZE);

      if (!bank_crc (reader, &mapper, bank, &device_crc, error))
        return FALSE;
      if (device_crc != (guint32) crc)
        {
          *same = FALSE;
          if (first_bad != NULL)
            *first_bad = bank;
          return TRUE;
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

  if (!ks_lk_reader_start_session (job->reader, session_of (cart), error))
    return FALSE;

  switch (cart->kind)
    {
    case KS_CART_GBA_FLASH:
      return read_gba_flash (job, buffer, error);
    case KS_CART_GBA_SRAM:
      return read_gba_sram (job, buffer, error);
    case KS_CART_GBA_EEPROM:
      return read_gba_eeprom (job, buffer, error);
    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      return read_gb_ram (job, buffer, error);
    case KS_CART_MMC:
      return read_mmc (job, buffer, verify, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_cart (const KsCartInfo  *cart,
            GError           **error)
{
  switch (cart->kind)
    {
    case KS_CART_NONE:
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("No cart answered. Check that it sits firmly in the right slot and that its "
                     "contacts are clean."));
      return FALSE;
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
      return FALSE;
    case KS_CART_GB:
      if (cart->mbc == KS_GB_MBC_MBC7)
        {
          /* save-chips.md §5 */
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("Keepsake cannot read MBC7 carts (Kirby Tilt 'n' Tumble, Command "
                         "Master) yet: their save is a serial EEPROM behind the controller, "
                         "which the reader's MBC7 commands reach but Keepsake does not use "
                         "yet."));
          return FALSE;
        }
      /* a controller Keepsake does not drive, before a header that names
       * no RAM: TAMA5 and MBC6 carts keep saves their headers do not
       * show (save-chips.md §5) */
      if (!ks_gb_mbc_has_standard_ram (cart->mbc))
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("Keepsake cannot read the save of this Game Boy cart yet (memory "
                         "controller: %s)."),
                       ks_gb_mbc_to_string (cart->mbc));
          return FALSE;
        }
      if (cart->save_size == 0)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("This Game Boy cart keeps no save. If its header is wrong, name the "
                         "cart (for example --cart gb:mbc5:32768)."));
          return FALSE;
        }
      break;
    case KS_CART_GB_ON_MMC:
      if (cart->save_size == 0 || cart->save_size % KS_GB_RAM_BANK_SIZE != 0 ||
          cart->save_size > (gsize) KS_MMC_TOP_CART_MAX_BANKS * KS_GB_RAM_BANK_SIZE)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("The Mega Memory Card reaches 1 to 16 banks of 8 KiB on the cart on "
                         "top, not %zu bytes."), cart->save_size);
          return FALSE;
        }
      break;
    case KS_CART_GBA_FLASH:
      g_return_val_if_fail (cart->flash_chip != NULL, FALSE);
      break;
    case KS_CART_GBA_EEPROM:
      g_return_val_if_fail (ks_agb_eeprom_is_size (cart->save_size), FALSE);
      break;
    default:
      break;
    }

  return TRUE;
}

/* Reads the save once; checked when @verify (the card's CRCs, else a
 * second read unless the first is a save kept already) */
static GBytes *
read_save (Job                *job,
           gboolean            verify,
           GBytes             *expected,
           KsReaderKnownFunc   known,
           gpointer            known_data,
           GError            **error)
{
  const KsCartInfo *cart = job->cart;
  g_autofree guint8 *buffer = NULL;
  g_autofree guint8 *second = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *expected_sha256 = NULL;
  gboolean crc = ks_reader_backup_has_crc (cart);

  job->total = cart->save_size * (verify && !crc ? 2 : 1);
  buffer = g_malloc (cart->save_size);
  if (!read_once (job, buffer, verify && crc, error))
    return NULL;
  first = g_bytes_new_take (g_steal_pointer (&buffer), cart->save_size);
  if (!verify || crc)
    return g_steal_pointer (&first);

  /* A damaged read does not come out equal to a checked copy. */
  sha256 = ks_sha256_hex (first);
  if (expected != NULL)
    expected_sha256 = ks_sha256_hex (expected);
  if (g_strcmp0 (sha256, expected_sha256) == 0 ||
      (known != NULL && known (sha256, known_data)))
    {
      report (job, job->total - job->done);
      return g_steal_pointer (&first);
    }

  second = g_malloc (cart->save_size);
  if (!read_once (job, second, FALSE, error))
    return NULL;
  buffer = g_bytes_unref_to_data (g_steal_pointer (&first), &(gsize) { 0 });
  for (gsize i = 0; i < cart->save_size; i++)
    if (buffer[i] != second[i])
      {
        g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                     _("Two reads of the save differ, first at offset 0x%05zX"
                       " (%02X, then %02X). The cart's contacts may be dirty or its battery "
                       "weak: clean the contacts and try again."), i, buffer[i], second[i]);
        return NULL;
      }

  return g_bytes_new_take (g_steal_pointer (&buffer), cart->save_size);
}

/* save-chips.md §3.4 and §4.2: the clock detection read, in mGBA's footer
 * (GBA) or BGB's and VBA-M's 48-byte footer (MBC3) after the save; the
 * checks above looked at the save's bytes alone */
static GBytes *
with_clock_footer (const KsCartInfo *cart,
                   GBytes           *save)
{
  g_autoptr(GByteArray) out = NULL;
  guint8 footer[KS_MBC3_RTC_FOOTER_SIZE];
  gsize size;

  if (save == NULL || (!cart->has_clock && !cart->has_mbc3_clock))
    return save;

  if (cart->has_clock)
    {
      KsGbaRtc rtc;

      ks_gba_rtc_from_reader (&rtc, cart->clock, cart->clock_read_unix);
      ks_gba_rtc_footer_build (&rtc, footer);
      size = KS_GBA_RTC_FOOTER_SIZE;
    }
  else
    {
      /* §4.2: the registers as read, running and latched alike */
      KsMbc3Rtc rtc = { .saved_unix = cart->clock_read_unix };

      for (guint i = 0; i < G_N_ELEMENTS (cart->mbc3_clock); i++)
        rtc.now[i] = rtc.latched[i] = cart->mbc3_clock[i];
      size = ks_mbc3_rtc_footer_build (&rtc, footer);
    }
  out = g_bytes_unref_to_array (save);
  g_byte_array_append (out, footer, (guint) size);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
ks_reader_backup_read_checked (KsLkReader          *reader,
                               const KsCartInfo    *cart,
                               GBytes              *expected,
                               KsReaderKnownFunc    known,
                               gpointer             known_data,
                               GCancellable        *cancellable,
                               KsReaderProgress     progress,
                               gpointer             user_data,
                               GError             **error)
{
  Job job = { reader, cart, cancellable, progress, user_data, 0, 0 };
  g_autofree char *key = NULL;
  g_autoptr(GBytes) remembered = NULL;
  g_autoptr(GBytes) read = NULL;

  g_return_val_if_fail (KS_IS_LK_READER (reader), NULL);
  g_return_val_if_fail (cart != NULL, NULL);

  if (!check_cart (cart, error))
    return NULL;

  key = ks_cart_info_dup_key (cart);
  if (expected == NULL)
    expected = remembered = ks_reader_memory_dup_save (ks_lk_reader_get_path (reader), key);
  if (expected != NULL && g_bytes_get_size (expected) != cart->save_size)
    expected = NULL;

  /* The card's CRCs cover every byte a read would: when they all match
   * what it is believed to hold, that is what it holds. */
  if (expected != NULL && ks_reader_backup_has_crc (cart))
    {
      gboolean same = FALSE;

      if (!ks_reader_backup_check_crc (reader, cart, expected, &same, NULL, error))
        return NULL;
      if (same)
        {
          job.total = cart->save_size;
          report (&job, cart->save_size);
          read = g_bytes_ref (expected);
        }
    }

  if (read == NULL)
    read = read_save (&job, TRUE, expected, known, known_data, error);
  if (read == NULL)
    return NULL;

  ks_reader_memory_set_save (ks_lk_reader_get_path (reader), key, read);
  return with_clock_footer (cart, g_steal_pointer (&read));
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
  Job job = { reader, cart, cancellable, progress, user_data, 0, 0 };

  g_return_val_if_fail (KS_IS_LK_READER (reader), NULL);
  g_return_val_if_fail (cart != NULL, NULL);

  if ((flags & KS_READER_BACKUP_VERIFY) != 0)
    return ks_reader_backup_read_checked (reader, cart, NULL, NULL, NULL, cancellable, progress,
                                          user_data, error);

  if (!check_cart (cart, error))
    return NULL;

  return with_clock_footer (cart, read_save (&job, FALSE, NULL, NULL, NULL, error));
}
