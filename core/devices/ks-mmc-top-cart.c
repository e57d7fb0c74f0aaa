/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc-top-cart.c — pass-through, RAM enable and the card's bank test
 *
 * mega-memory-card.md §5 (SONIC3D/gameboy-memorybackup-app, the card's
 * program: mainEntry's game-cart set-up and detectBankCnt), §1 and
 * cart-reader-protocol.md §3 (the 0x2000 register).  Choices:
 *   - Every read is 16 bytes, never one: the LK firmware's answer to a
 *     one-byte read cannot be told from an error status byte.
 *   - The card's program never checks that its test bytes went back; this
 *     does: the marker and every complemented byte are read back after they
 *     are restored, a few times if need be, and a restore that never reads
 *     back is an error, since it leaves the save changed.
 *   - A failure half-way still restores bank 0 and hands the bus back to
 *     the card, unless the reader itself is gone.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-flash-error.h"
#include "ks-gb-mbc-driver.h"
#include "ks-lk-reader.h"
#include "ks-mmc-top-cart.h"

/* §5: the writes the card's program makes to the cart once, at power-on,
 * in pass-through: RAM enable, then MBC1's RAM-banking mode (ignored by
 * MBC3 and MBC5, which have no such register) */
#define RAM_ENABLE_ADDR    0x0000
#define RAM_ENABLE_VALUE   0x0A
#define RAM_DISABLE_VALUE  0x00
#define MBC1_MODE_ADDR     0x6000
#define MBC1_RAM_BANKING   0x01
/* §5: "bank number written to 0x4000" */
#define RAM_BANK_ADDR      0x4000
/* §5: the test string the card writes to A000-A00F of bank 0 */
#define MARKER             "Mushroom/Kingpin"
#define MARKER_SIZE        16
/* Restores that do not read back are tried again this many times */
#define RESTORE_TRIES      3

G_STATIC_ASSERT (sizeof MARKER - 1 == MARKER_SIZE);

gboolean
ks_mmc_top_cart_enter (KsMmcMapper  *mapper,
                       GError      **error)
{
  g_return_val_if_fail (mapper != NULL, FALSE);

  return ks_mmc_mapper_select_passthrough (mapper, error) &&
         ks_bus_write (mapper->gb, RAM_ENABLE_ADDR, RAM_ENABLE_VALUE, error) &&
         ks_bus_write (mapper->gb, MBC1_MODE_ADDR, MBC1_RAM_BANKING, error);
}

gboolean
ks_mmc_top_cart_leave (KsMmcMapper  *mapper,
                       GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean disabled;

  g_return_val_if_fail (mapper != NULL, FALSE);

  /* the card's register is written even when the disable failed: the
   * card must not stay in pass-through */
  disabled = ks_bus_write (mapper->gb, RAM_ENABLE_ADDR, RAM_DISABLE_VALUE, &local_error);
  mapper->bank = -1;
  if (!ks_mmc_mapper_select_bank (mapper, 0, disabled ? error : NULL) || !disabled)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
ks_mmc_top_cart_select_bank (KsMmcMapper  *mapper,
                             guint         bank,
                             GError      **error)
{
  g_return_val_if_fail (mapper != NULL, FALSE);
  g_return_val_if_fail (bank < KS_MMC_TOP_CART_MAX_BANKS, FALSE);

  return ks_bus_write (mapper->gb, RAM_BANK_ADDR, (guint8) bank, error);
}

static gboolean
reader_gone (const GError *error)
{
  return g_error_matches (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) ||
         g_error_matches (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT);
}

static gboolean
read_head (KsMmcMapper  *mapper,
           guint8       *bytes,
           GError      **error)
{
  return ks_bus_read_bulk (mapper->gb, KS_GB_RAM_WINDOW, bytes, MARKER_SIZE, error);
}

/* Writes @bytes at A000 until they read back, or fails. */
static gboolean
put_head (KsMmcMapper   *mapper,
          const guint8  *bytes,
          gsize          size,
          GError       **error)
{
  guint8 check[MARKER_SIZE];

  for (guint i = 0; i < RESTORE_TRIES; i++)
    {
      if (!ks_bus_write_bulk (mapper->gb, KS_GB_RAM_WINDOW, bytes, size, error) ||
          !read_head (mapper, check, error))
        return FALSE;
      if (memcmp (check, bytes, size) == 0)
        return TRUE;
    }

  g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
               _("The first bytes of the RAM of the Game Boy cart on top of the Mega Memory "
                 "Card did not read back as they were after the size test (%02X, expected %02X). "
                 "Clean the contacts of both carts; if this happens again, back the cart up "
                 "elsewhere before writing to it."),
               check[0], bytes[0]);
  return FALSE;
}

/* §5 "Test bank": complement the byte at A000, see whether it stuck, put it
 * back. */
static gboolean
test_writable (KsMmcMapper  *mapper,
               gboolean     *writable,
               GError      **error)
{
  guint8 before[MARKER_SIZE], after[MARKER_SIZE];
  guint8 flipped;

  *writable = FALSE;
  if (!read_head (mapper, before, error))
    return FALSE;

  flipped = (guint8) ~before[0];
  if (!ks_bus_write (mapper->gb, KS_GB_RAM_WINDOW, flipped, error) ||
      !read_head (mapper, after, error))
    return FALSE;

  *writable = after[0] == flipped;
  if (after[0] == before[0])
    return TRUE;

  return put_head (mapper, before, 1, error);
}

/* The loop of §5 steps 3-4, bank 0 already holding the marker: the first
 * bank that is not writable or shows the marker (a mirror of bank 0) gives
 * the count. */
static gboolean
count_mirrors (KsMmcMapper  *mapper,
               guint        *banks,
               GError      **error)
{
  for (guint bank = 1; bank < KS_MMC_TOP_CART_MAX_BANKS; bank++)
    {
      guint8 head[MARKER_SIZE];
      gboolean writable;

      if (!ks_mmc_top_cart_select_bank (mapper, bank, error) ||
          !test_writable (mapper, &writable, error))
        return FALSE;
      if (!writable)
        {
          *banks = bank;
          return TRUE;
        }
      if (!read_head (mapper, head, error))
        return FALSE;
      if (memcmp (head, MARKER, MARKER_SIZE) == 0)
        {
          *banks = bank;
          return TRUE;
        }
    }

  *banks = KS_MMC_TOP_CART_MAX_BANKS;
  return TRUE;
}

gboolean
ks_mmc_top_cart_count_banks (KsMmcMapper  *mapper,
                             guint        *banks,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 saved[MARKER_SIZE];
  guint8 marked[MARKER_SIZE];
  gboolean writable = FALSE;
  gboolean marker_written = FALSE;
  gboolean ok;

  g_return_val_if_fail (mapper != NULL, FALSE);
  g_return_val_if_fail (banks != NULL, FALSE);

  *banks = 0;

  ok = ks_mmc_top_cart_enter (mapper, &local_error) &&
       ks_mmc_top_cart_select_bank (mapper, 0, &local_error) &&
       test_writable (mapper, &writable, &local_error);

  if (ok && writable)
    {
      /* from here on bank 0's first bytes are not the save's: they go back
       * whatever happens */
      marker_written = TRUE;
      ok = read_head (mapper, saved, &local_error) &&
           ks_bus_write_bulk (mapper->gb, KS_GB_RAM_WINDOW, (const guint8 *) MARKER, MARKER_SIZE,
                              &local_error) &&
           read_head (mapper, marked, &local_error);

      /* RAM that does not keep 16 bytes is no save RAM the card (or
       * Keepsake) can use */
      if (ok && memcmp (marked, MARKER, MARKER_SIZE) == 0)
        ok = count_mirrors (mapper, banks, &local_error);
    }

  if (!reader_gone (local_error))
    {
      GError **restore_error = ok ? &local_error : NULL;

      if (marker_written &&
          (!ks_mmc_top_cart_select_bank (mapper, 0, restore_error) ||
           !put_head (mapper, saved, MARKER_SIZE, restore_error)))
        ok = FALSE;
      if (!ks_mmc_top_cart_leave (mapper, ok ? &local_error : NULL))
        ok = FALSE;
    }

  if (!ok)
    {
      *banks = 0;
      if (local_error == NULL)
        g_set_error (&local_error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                     _("The RAM of the Game Boy cart on top of the Mega Memory Card could not "
                       "be put back as it was after the size test."));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return ok;
}

GBytes *
ks_mmc_top_cart_fit_save (GBytes *entry,
                          GBytes *current)
{
  const guint8 *data;
  gsize entry_size, size;
  guint8 *fitted;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (current != NULL, NULL);

  data = g_bytes_get_data (entry, &entry_size);
  size = g_bytes_get_size (current);
  if (entry_size == size)
    return g_bytes_ref (entry);

  fitted = g_memdup2 (g_bytes_get_data (current, NULL), size);
  if (entry_size > 0 && size > 0)
    memcpy (fitted, data, MIN (entry_size, size));

  return g_bytes_new_take (fitted, size);
}
