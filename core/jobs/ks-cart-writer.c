/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-writer.c — sector-minimal writes through the reader's bus
 *
 * GBA flash: per 4 KiB sector that differs, sector erase then program in
 * 256-byte packets, skipping packets that are all 0xFF (cart-reader-protocol.md
 * §4, §7.1 "Write 128 KiB"); the Atmel part, per 128-byte page that
 * differs, a page write with no erase (save-chips.md §2).  Mega Memory Card: per 256-byte SST 28SF040
 * sector that differs, sector erase then byte program of every byte that is
 * not 0xFF (§5, §7.1 "28SF040 ops"), through the card's bank register
 * (ks-mmc-mapper.h).  SRAM needs no erase: GBA SRAM is written in 4 KiB
 * pieces, Game Boy RAM (a cart in the reader, or on top of the Mega Memory
 * Card through its pass-through mode, ks-mmc-top-cart.h) in 256-byte
 * pieces through the MBC, and only the pieces that differ.  GBA EEPROM
 * is looked at in pieces of 16 blocks, the most one write command takes,
 * and only the 8-byte blocks that differ are written, a run of them per
 * command (save-chips.md §1.5).
 *
 * The card's chip is unprotected once for all its sectors and protected
 * again after the last (or a failure); each sector is erased, read until
 * blank, programmed with the reader polling each byte (FLASH_PROGRAM, one
 * round trip a sector) and read back.
 *
 * The read back (write protocol step 4): on the card, the reader's CRC-32
 * of every bank against the new content, which covers every byte of the
 * chip; elsewhere (no CRC on the save bus) the sectors written are read
 * again in large reads after the last one, and on a two-bank GBA flash
 * chip a byte of each sector at the same offset in the other bank too,
 * where the writes would have gone had the chip ignored a bank switch.
 * The rest was read and checked before the write and not touched.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-agb-flash-driver.h"
#include "ks-bytes.h"
#include "ks-cart-writer.h"
#include "ks-flash-error.h"
#include "ks-gb-mbc-driver.h"
#include "ks-mmc-mapper.h"
#include "ks-mmc-top-cart.h"
#include "ks-reader-backup.h"
#include "ks-reader-memory.h"
#include "ks-rtc-footer.h"
#include "ks-sst28sf040-driver.h"
#include "ks-sst28sf040-model.h"

/* SRAM is written in pieces of this size, so cancellation and progress work
 * the same way as for flash sectors */
#define SRAM_PIECE 0x1000
/* Game Boy RAM is written in pieces of one LK write packet (256 bytes,
 * cart-reader-protocol.md §1.5, §7.1): a changed byte costs one packet */
#define GB_RAM_PIECE 0x100
/* save-chips.md §1.5: 16 EEPROM blocks, one write command's worth */
#define EEPROM_PIECE (16 * KS_AGB_EEPROM_BLOCK_SIZE)
/* §7.1: the LK firmware programs GBA flash in 256-byte packets */
#define AGB_PROGRAM_PACKET 0x100

void
ks_write_result_init (KsWriteResult *result)
{
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->first_mismatch = -1;
  result->rewritten = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
ks_write_result_clear (KsWriteResult *result)
{
  g_clear_pointer (&result->backup_id, g_free);
  g_clear_pointer (&result->rewritten, g_array_unref);
  g_clear_pointer (&result->written_path, g_free);
  g_clear_pointer (&result->clock_set_to, g_free);
}

guint32
ks_cart_writer_sector_size (const KsCartInfo *cart)
{
  g_return_val_if_fail (cart != NULL, 0);

  switch (cart->kind)
    {
    case KS_CART_GBA_FLASH:
      /* save-chips.md §2: the Atmel part writes 128-byte pages, no erase */
      if (cart->flash_chip != NULL && !cart->flash_chip->has_erase)
        return KS_BUS_PAGE_SIZE;
      return KS_AGB_FLASH_SECTOR_SIZE;
    case KS_CART_MMC:
      return KS_SST28SF040_SECTOR_SIZE;
    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      return GB_RAM_PIECE;
    case KS_CART_GBA_EEPROM:
      return EEPROM_PIECE;
    default:
      return SRAM_PIECE;
    }
}

typedef struct
{
  KsLkReader          *reader;
  const KsCartInfo    *cart;
  const guint8        *old;
  const guint8        *new;
  gsize                size;
  guint32              sector_size;
  GCancellable        *cancellable;
  KsCartWriteProgress  progress;
  gpointer             user_data;
  KsWriteResult       *result;
  guint64              done;
  guint64              total;
  guint                n_changed;
  KsAgbFlash           agb;
  KsMmcMapper          mapper;
  gint                 gb_bank;    /* the RAM bank selected, -1 when unknown */
} Writer;

static void
report (Writer     *w,
        guint64     bytes,
        const char *phase)
{
  w->done += bytes;
  if (w->progress != NULL)
    w->progress (MIN (w->done, w->total), w->total, phase, w->user_data);
}

static gboolean
sector_differs (Writer *w,
                guint   sector)
{
  gsize at = (gsize) sector * w->sector_size;
  gsize n = MIN ((gsize) w->sector_size, w->size - at);

  return memcmp (w->old + at, w->new + at, n) != 0;
}

/* Counts what the drivers will send: GBA packets that are not all 0xFF,
 * SST bytes that are not 0xFF, every SRAM byte */
static guint64
programmed_bytes (Writer       *w,
                  const guint8 *data,
                  gsize         n)
{
  guint64 count = 0;

  switch (w->cart->kind)
    {
    case KS_CART_GBA_FLASH:
      if (!w->cart->flash_chip->has_erase)
        return n;   /* a page is written whole */
      for (gsize at = 0; at < n; at += AGB_PROGRAM_PACKET)
        {
          gsize len = MIN ((gsize) AGB_PROGRAM_PACKET, n - at);

          if (!ks_bytes_all (data + at, len, 0xFF))
            count += len;
        }
      return count;
    case KS_CART_MMC:
      for (gsize i = 0; i < n; i++)
        if (data[i] != 0xFF)
          count++;
      return count;
    default:
      return n;
    }
}

/* The blocks of the piece at @at that differ, a run of them per write */
static gboolean
write_eeprom_blocks (Writer   *w,
                     guint32   at,
                     gsize     n,
                     GError  **error)
{
  KsAgbEepromWidth width = ks_agb_eeprom_width_for_size (w->size);
  const gsize block = KS_AGB_EEPROM_BLOCK_SIZE;

  for (gsize i = 0; i < n; )
    {
      gsize end = i;

      while (end < n && memcmp (w->old + at + end, w->new + at + end, block) != 0)
        end += block;
      if (end == i)
        {
          i += block;
          continue;
        }
      if (!ks_lk_reader_write_agb_eeprom (w->reader, width, (guint) ((at + i) / block),
                                          w->new + at + i, end - i, error))
        return FALSE;
      w->result->bytes_programmed += end - i;
      i = end;
    }

  return TRUE;
}

static gboolean
write_sector (Writer   *w,
              guint     sector,
              GError  **error)
{
  guint32 at = sector * w->sector_size;
  gsize n = MIN ((gsize) w->sector_size, w->size - at);
  const guint8 *data = w->new + at;
  KsBus *bus = ks_lk_reader_get_bus (w->reader);

  switch (w->cart->kind)
    {
    case KS_CART_GBA_FLASH:
      if (!w->cart->flash_chip->has_erase)
        {
          if (!ks_agb_flash_write_pages (&w->agb, at, data, n, error))
            return FALSE;
          break;
        }
      if (!ks_agb_flash_erase_sector (&w->agb, at, error))
        return FALSE;
      w->result->sectors_erased++;
      if (!ks_agb_flash_program (&w->agb, at, data, n, error))
        return FALSE;
      break;

    case KS_CART_MMC:
      /* counted before it starts, as the erase is what it starts with */
      w->result->sectors_erased++;
      if (!ks_sst28sf040_rewrite_sector_unprotected (ks_mmc_mapper_get_bus (&w->mapper), at,
                                                     data, error))
        return FALSE;
      break;

    case KS_CART_GBA_SRAM:
      if (!ks_bus_write_bulk (bus, at, data, n, error))
        return FALSE;
      break;

    case KS_CART_GBA_EEPROM:
      /* counts what it writes itself: only the blocks that change */
      return write_eeprom_blocks (w, at, n, error);

    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      {
        guint bank = at / KS_GB_RAM_BANK_SIZE;

        /* pieces never straddle a bank: 256 divides 8192 */
        if (w->gb_bank != (gint) bank)
          {
            w->gb_bank = -1;
            if (!ks_gb_mbc_select_ram_bank (bus, w->cart->mbc, bank, error))
              return FALSE;
            w->gb_bank = bank;
          }
        if (!ks_bus_write_bulk (bus, KS_GB_RAM_WINDOW + at % KS_GB_RAM_BANK_SIZE, data, n,
                                error))
          return FALSE;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  w->result->bytes_programmed += programmed_bytes (w, data, n);
  return TRUE;
}

/* Pan Docs: no controller Keepsake writes selects more than 16 banks of
 * 8 KiB; without an MBC, and on MBC2, there is one window's worth */
#define GB_MAX_RAM_BANKS 16

static gsize
gb_ram_limit (KsGbMbc mbc)
{
  if (mbc == KS_GB_MBC_NONE || mbc == KS_GB_MBC_MBC2)
    return KS_GB_RAM_BANK_SIZE;

  return (gsize) GB_MAX_RAM_BANKS * KS_GB_RAM_BANK_SIZE;
}

static gboolean
check_cart (const KsCartInfo  *cart,
            GError           **error)
{
  switch (cart->kind)
    {
    case KS_CART_GBA_FLASH:
      if (cart->flash_chip == NULL)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("Keepsake does not know this cart's flash chip, so it does not "
                         "write it."));
          return FALSE;
        }
      return TRUE;
    case KS_CART_MMC:
    case KS_CART_GBA_SRAM:
      return TRUE;
    case KS_CART_GBA_EEPROM:
      if (ks_agb_eeprom_is_size (cart->save_size))
        return TRUE;
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("A GBA EEPROM holds 512 bytes or 8 KiB, not %zu."), cart->save_size);
      return FALSE;
    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      if (cart->save_size > 0 && ks_gb_mbc_has_standard_ram (cart->mbc) &&
          cart->save_size <= gb_ram_limit (cart->mbc))
        return TRUE;
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("Keepsake cannot write the save of this Game Boy cart (%s, %zu"
                     " bytes of RAM)."),
                   ks_gb_mbc_to_string (cart->mbc), cart->save_size);
      return FALSE;
    default:
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("The reader holds no cart Keepsake can write."));
      return FALSE;
    }
}

static void
readback_progress (Writer  *w,
                   guint64  done)
{
  if (w->progress != NULL)
    w->progress (MIN (w->total, w->done + done), w->total, _("Reading the save back to compare"),
                 w->user_data);
}

static gboolean
mismatch (Writer        *w,
          gsize          at,
          const guint8  *actual,
          gsize          n,
          GError       **error)
{
  for (gsize i = 0; i < n; i++)
    if (actual[i] != w->new[at + i])
      {
        w->result->first_mismatch = at + i;
        g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                     _("Reading the cart back differs from what was written, first at offset "
                       "0x%05zX (%02X, expected %02X)."), at + i, actual[i], w->new[at + i]);
        return TRUE;
      }

  return FALSE;
}

/* The card: the reader's CRC-32 of every bank; a bank that differs is
 * read to name the first byte. */
static gboolean
read_back_by_crc (Writer  *w,
                  GError **error)
{
  g_autoptr(GBytes) wanted = g_bytes_new_static (w->new, w->size);
  guint8 *actual;
  gboolean same = FALSE;
  guint bank = 0;

  if (!ks_reader_backup_check_crc (w->reader, w->cart, wanted, &same, &bank, error))
    return FALSE;
  readback_progress (w, w->size);
  if (same)
    return TRUE;

  /* the CRCs moved the card's register behind the mapper's back */
  ks_mmc_mapper_init (&w->mapper, ks_lk_reader_get_bus (w->reader));
  actual = g_malloc (KS_MMC_BANK_SIZE);
  if (ks_sst28sf040_read (ks_mmc_mapper_get_bus (&w->mapper), bank * KS_MMC_BANK_SIZE, actual,
                          KS_MMC_BANK_SIZE, error) &&
      !mismatch (w, (gsize) bank * KS_MMC_BANK_SIZE, actual, KS_MMC_BANK_SIZE, error))
    g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                 _("The reader's CRC-32 of bank %u of the card differs from what was written, "
                   "though a read of it does not: the cart's contacts may be dirty."), bank);
  g_free (actual);
  return FALSE;
}

/* Reads @n bytes of the save from @at, inside the writing window */
static gboolean
read_range (Writer   *w,
            gsize     at,
            guint8   *buffer,
            gsize     n,
            GError  **error)
{
  KsBus *bus = ks_lk_reader_get_bus (w->reader);

  switch (w->cart->kind)
    {
    case KS_CART_GBA_FLASH:
      return ks_agb_flash_read (&w->agb, (guint32) at, buffer, n, error);
    case KS_CART_GBA_SRAM:
      return ks_bus_read_bulk (bus, (guint32) at, buffer, n, error);
    case KS_CART_GBA_EEPROM:
      return ks_lk_reader_read_agb_eeprom (w->reader, ks_agb_eeprom_width_for_size (w->size),
                                           (guint) (at / KS_AGB_EEPROM_BLOCK_SIZE), buffer, n,
                                           error);
    case KS_CART_GB:
    case KS_CART_GB_ON_MMC:
      for (gsize done = 0; done < n; )
        {
          gsize offset = (at + done) % KS_GB_RAM_BANK_SIZE;
          gsize len = MIN (n - done, (gsize) KS_GB_RAM_BANK_SIZE - offset);
          guint bank = (at + done) / KS_GB_RAM_BANK_SIZE;

          w->gb_bank = -1;
          if (!ks_gb_mbc_select_ram_bank (bus, w->cart->mbc, bank, error))
            return FALSE;
          w->gb_bank = bank;
          if (!ks_bus_read_bulk (bus, KS_GB_RAM_WINDOW + (guint32) offset, buffer + done, len,
                                 error))
            return FALSE;
          done += len;
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* The sector at the same offset in the other bank of a two-bank flash
 * chip, or -1 */
static gint
partner_of (Writer *w,
            guint   s)
{
  guint per_bank = KS_AGB_FLASH_BANK_SIZE / w->sector_size;

  if (w->cart->kind != KS_CART_GBA_FLASH || w->size <= KS_AGB_FLASH_BANK_SIZE)
    return -1;

  return s < per_bank ? (gint) (s + per_bank) : (gint) (s - per_bank);
}

/* Sector @p was not written, but its partner @s was: had the chip ignored
 * the bank switch, the erase and the program would have landed in @p.  One
 * byte tells: where @p's content differs from 0xFF (an erase changes it)
 * and from what @s got (a program there would change it).  Without such a
 * byte, the whole sector is read. */
static gboolean
check_partner (Writer   *w,
               guint     p,
               guint     s,
               guint8   *actual,
               GError  **error)
{
  gsize at = (gsize) p * w->sector_size;
  gsize from = (gsize) s * w->sector_size;
  gsize n = MIN ((gsize) w->sector_size, w->size - at);

  for (gsize i = 0; i < n; i++)
    if (w->new[at + i] != 0xFF && w->new[at + i] != w->new[from + i])
      return read_range (w, at + i, actual, 1, error) &&
             !mismatch (w, at + i, actual, 1, error);

  return read_range (w, at, actual, n, error) && !mismatch (w, at, actual, n, error);
}

/* Elsewhere: the sectors written, in runs of large reads; then each
 * unwritten partner of one (two-bank flash) */
static gboolean
read_back_written (Writer  *w,
                   GError **error)
{
  guint n_sectors = (guint) ((w->size + w->sector_size - 1) / w->sector_size);
  g_autofree gboolean *written = g_new0 (gboolean, n_sectors);
  g_autofree guint8 *actual = g_malloc (w->size);
  guint64 done = 0;

  for (guint i = 0; i < w->result->rewritten->len; i++)
    written[g_array_index (w->result->rewritten, guint, i)] = TRUE;

  for (guint s = 0; s < n_sectors; )
    {
      guint end = s;
      gsize at, n;

      while (end < n_sectors && written[end])
        end++;
      if (end == s)
        {
          s++;
          continue;
        }

      at = (gsize) s * w->sector_size;
      n = MIN ((gsize) end * w->sector_size, w->size) - at;
      if (!read_range (w, at, actual, n, error) || mismatch (w, at, actual, n, error))
        return FALSE;
      done += n;
      readback_progress (w, done);
      s = end;
    }

  for (guint s = 0; s < n_sectors; s++)
    {
      gint p = partner_of (w, s);

      if (written[s] && p >= 0 && !written[p] && !check_partner (w, (guint) p, s, actual, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
reader_gone (const GError *error)
{
  return g_error_matches (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) ||
         g_error_matches (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT);
}

/* What a kind needs before its first sector: the flash driver set up, the
 * SST chip out of any ID mode, the Game Boy RAM enabled (inside the card's
 * pass-through for the cart on top) */
static gboolean
begin_writing (Writer  *w,
               GError **error)
{
  KsBus *bus = ks_lk_reader_get_bus (w->reader);

  w->gb_bank = -1;
  ks_mmc_mapper_init (&w->mapper, bus);

  switch (w->cart->kind)
    {
    case KS_CART_GBA_FLASH:
      ks_agb_flash_init (&w->agb, bus, w->cart->flash_chip);
      return TRUE;
    case KS_CART_MMC:
      return ks_sst28sf040_reset (ks_mmc_mapper_get_bus (&w->mapper), error) &&
             ks_sst28sf040_unprotect (ks_mmc_mapper_get_bus (&w->mapper), error);
    case KS_CART_GB:
      return ks_gb_mbc_set_ram_enabled (bus, w->cart->mbc, TRUE, error);
    case KS_CART_GB_ON_MMC:
      return ks_mmc_top_cart_enter (&w->mapper, error);
    default:
      return TRUE;
    }
}

/* And after the last one, @ok or not: GBA flash back on bank 0 (§7.1),
 * Game Boy RAM disabled again and the card given its bus back, even after
 * a failure, unless the reader is gone (as ks-reader-backup.c does) */
static gboolean
end_writing (Writer   *w,
             gboolean  ok,
             GError  **error)
{
  KsBus *bus = ks_lk_reader_get_bus (w->reader);

  switch (w->cart->kind)
    {
    case KS_CART_GBA_FLASH:
      return !ok || w->n_changed == 0 || ks_agb_flash_select_bank (&w->agb, 0, error);
    case KS_CART_MMC:
      /* §5: the chip is left protected, whatever happened */
      return ks_sst28sf040_protect (ks_mmc_mapper_get_bus (&w->mapper), error);
    case KS_CART_GB:
      return ks_gb_mbc_set_ram_enabled (bus, w->cart->mbc, FALSE, error);
    case KS_CART_GB_ON_MMC:
      return ks_mmc_top_cart_leave (&w->mapper, error);
    default:
      return TRUE;
    }
}

static gboolean
write_changed (Writer  *w,
               guint    n_sectors,
               GError **error)
{
  gboolean gb = w->cart->kind == KS_CART_GB || w->cart->kind == KS_CART_GB_ON_MMC;
  gboolean eeprom = w->cart->kind == KS_CART_GBA_EEPROM;

  for (guint s = 0, k = 0; s < n_sectors; s++)
    {
      g_autofree char *phase = NULL;

      if (!sector_differs (w, s))
        continue;
      /* between sectors: a cancelled write never leaves a sector half done */
      if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
        return FALSE;

      k++;
      if (eeprom)
        phase = g_strdup_printf (_("Writing the changed blocks of piece %u of the EEPROM (%u of "
                                   "%u that change)"), s, k, w->n_changed);
      else if (w->sector_size == KS_BUS_PAGE_SIZE && w->cart->kind == KS_CART_GBA_FLASH)
        phase = g_strdup_printf (_("Writing page %u of the flash (%u of %u that change)"),
                                 s, k, w->n_changed);
      else
        phase = gb ? g_strdup_printf (_("Writing piece %u of the cart's RAM (%u of %u that "
                                        "change)"), s, k, w->n_changed)
                   : g_strdup_printf (_("Erasing and writing sector %u (%u of %u that change)"),
                                      s, k, w->n_changed);
      report (w, 0, phase);
      /* counted before it starts: a sector the write fails in is not
       * what it was either */
      g_array_append_val (w->result->rewritten, s);
      if (!write_sector (w, s, error))
        return FALSE;
      w->result->sectors_written++;
      report (w, w->sector_size, phase);
    }

  return TRUE;
}

static gboolean
run (Writer   *w,
     GError  **error)
{
  guint n_sectors = (guint) ((w->size + w->sector_size - 1) / w->sector_size);
  KsLkSession session = (w->cart->kind == KS_CART_GB || w->cart->kind == KS_CART_MMC ||
                         w->cart->kind == KS_CART_GB_ON_MMC)
                        ? KS_LK_SESSION_DMG : KS_LK_SESSION_AGB;
  g_autoptr(GError) local_error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok = FALSE;

  for (guint s = 0; s < n_sectors; s++)
    if (sector_differs (w, s))
      w->n_changed++;
  w->total = (guint64) w->n_changed * w->sector_size * 2;
  if (ks_reader_backup_has_crc (w->cart))
    w->total = (guint64) w->n_changed * w->sector_size + w->size;

  if (!ks_lk_reader_start_session (w->reader, session, error))
    goto out;

  /* nothing to write: no RAM enable, no pass-through, only the compare
   * (which the card's CRCs do, and which elsewhere has no sector to read) */
  if (w->n_changed > 0)
    {
      gboolean crc = ks_reader_backup_has_crc (w->cart);

      ok = begin_writing (w, &local_error) && write_changed (w, n_sectors, &local_error);
      w->result->all_written = ok;
      ok = ok && (crc || read_back_written (w, &local_error));
      if (!reader_gone (local_error) &&
          !end_writing (w, ok, ok ? &local_error : NULL))
        ok = FALSE;
      if (ok && crc)
        ok = read_back_by_crc (w, &local_error);
      if (!ok)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
    }
  else if (ks_reader_backup_has_crc (w->cart) && !read_back_by_crc (w, error))
    goto out;

  w->result->verified = TRUE;
  ok = TRUE;
  {
    g_autofree char *key = ks_cart_info_dup_key (w->cart);
    g_autoptr(GBytes) written = g_bytes_new (w->new, w->size);

    /* what the cart holds now, checked: the next job's starting point */
    ks_reader_memory_set_save (ks_lk_reader_get_path (w->reader), key, written);
  }

out:
  w->result->elapsed_usec = g_get_monotonic_time () - start;
  return ok;
}

/* The save followed by the footer of the cart's clock (save-chips.md §3.4,
 * §4.2) */
static gboolean
fits_with_clock_footer (const KsCartInfo *cart,
                        gsize             size)
{
  if (cart->has_clock)
    return size == cart->save_size + KS_GBA_RTC_FOOTER_SIZE;
  if (cart->has_mbc3_clock)
    return size == cart->save_size + KS_MBC3_RTC_FOOTER_SIZE ||
           size == cart->save_size + KS_MBC3_RTC_FOOTER_SIZE_OLD;
  return FALSE;
}

gboolean
ks_cart_writer_write (KsLkReader          *reader,
                      const KsCartInfo    *cart,
                      GBytes              *previous,
                      GBytes              *content,
                      GCancellable        *cancellable,
                      KsCartWriteProgress  progress,
                      gpointer             user_data,
                      KsWriteResult       *result,
                      GError             **error)
{
  Writer w = { 0 };
  gsize old_size, new_size;

  g_return_val_if_fail (KS_IS_LK_READER (reader), FALSE);
  g_return_val_if_fail (cart != NULL, FALSE);
  g_return_val_if_fail (previous != NULL && content != NULL, FALSE);
  g_return_val_if_fail (result != NULL && result->rewritten != NULL, FALSE);

  if (!check_cart (cart, error))
    return FALSE;

  w.old = g_bytes_get_data (previous, &old_size);
  w.new = g_bytes_get_data (content, &new_size);
  /* save-chips.md §3.4: a clock footer after the save is kept in files and
   * the library; the cart gets the save's bytes only, its clock is not set */
  if (fits_with_clock_footer (cart, old_size))
    old_size = cart->save_size;
  if (fits_with_clock_footer (cart, new_size))
    new_size = cart->save_size;
  if (old_size != cart->save_size || new_size != cart->save_size)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("The save is %zu bytes, but the cart holds %zu"
                     "; it is not a save for this cart."),
                   new_size, cart->save_size);
      return FALSE;
    }

  w.reader = reader;
  w.cart = cart;
  w.size = cart->save_size;
  w.sector_size = ks_cart_writer_sector_size (cart);
  w.cancellable = cancellable;
  w.progress = progress;
  w.user_data = user_data;
  w.result = result;
  result->sector_size = w.sector_size;

  return run (&w, error);
}

gboolean
ks_cart_writer_erase (KsLkReader          *reader,
                      const KsCartInfo    *cart,
                      GBytes              *previous,
                      GCancellable        *cancellable,
                      KsCartWriteProgress  progress,
                      gpointer             user_data,
                      KsWriteResult       *result,
                      GError             **error)
{
  g_autoptr(GBytes) blank = NULL;
  guint8 *ff;

  g_return_val_if_fail (cart != NULL, FALSE);

  ff = g_malloc (cart->save_size);
  memset (ff, 0xFF, cart->save_size);
  blank = g_bytes_new_take (ff, cart->save_size);

  return ks_cart_writer_write (reader, cart, previous, blank, cancellable, progress, user_data,
                               result, error);
}
