/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-detect.c — cart and save-chip detection through an LK reader
 *
 * cart-reader-protocol.md §1.7 (FlashGBX's SRAM probe and flash ID), §3
 * and §7.1 (the Mega Memory Card's ID through 0x2000 = 0x80), §4 (chip
 * IDs).  Headers are parsed by core/formats (ks-gb-header.c,
 * ks-gba-header.c).  Choices:
 *   - GBA first: 3.3 V never harms a Game Boy cart, while 5 V can harm a
 *     GBA cart, so the 5 V session starts only when no GBA header answers.
 *   - A flash ID the table does not know, or none, leaves the result
 *     unsure; an SRAM whose size cannot be told from mirroring is too.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-agb-flash-driver.h"
#include "ks-bytes.h"
#include "ks-cart-detect.h"
#include "ks-flash-error.h"
#include "ks-format.h"
#include "ks-gb-mbc-driver.h"
#include "ks-gba-header.h"
#include "ks-mmc-mapper.h"
#include "ks-mmc-top-cart.h"
#include "ks-rtc-footer.h"
#include "ks-sst28sf040-driver.h"
#include "ks-sst28sf040-model.h"

/* §1.7: FlashGBX's SRAM probe byte */
#define SRAM_PROBE_ADDR   0x0004
#define SRAM_HALF         0x8000
#define SRAM_32K          (32 * 1024)
#define SRAM_64K          (64 * 1024)

/* GBATEK: the game codes of the Pokémon Gen III carts (Ruby, Sapphire,
 * Emerald, FireRed, LeafGreen), first three letters */
static const char *const gen3_codes[] = { "AXV", "AXP", "BPE", "BPR", "BPG" };

/* §3: FlashGBX's (disabled) Mega Memory Card detector: SHA-1 of the real
 * program ROM's 0x0104-0x014F */
#define MMC_HEADER_SHA1 "05be44bae80a5976341b01df92ddab8c7a2a8f4e"
#define GB_LOGO_START   0x104

void
ks_cart_override_init (KsCartOverride *override)
{
  g_return_if_fail (override != NULL);

  memset (override, 0, sizeof *override);
  override->platform = KS_CART_PLATFORM_AUTO;
  override->kind = KS_CART_NONE;
  override->mbc = KS_GB_MBC_UNKNOWN;
}

static gboolean
parse_size (const char  *text,
            gsize       *size,
            GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 16 * 1024 * 1024, &value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a save size in bytes."), text);
      return FALSE;
    }

  *size = value;
  return TRUE;
}

/* mega-memory-card.md §4.5: 1-16 banks of 8 KiB */
static gboolean
parse_top_cart_size (const char  *text,
                     gsize       *size,
                     GError     **error)
{
  if (!parse_size (text, size, error))
    return FALSE;

  if (*size % KS_GB_RAM_BANK_SIZE != 0 ||
      *size > (gsize) KS_MMC_TOP_CART_MAX_BANKS * KS_GB_RAM_BANK_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a RAM size of a cart on top of the Mega Memory Card: use a "
                     "multiple of 8192 from 8192 to 131072."), text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_mbc (const char  *text,
           KsGbMbc     *mbc,
           GError     **error)
{
  static const struct
  {
    const char *name;
    KsGbMbc     mbc;
  } names[] = {
    { "none", KS_GB_MBC_NONE }, { "mbc1", KS_GB_MBC_MBC1 }, { "mbc2", KS_GB_MBC_MBC2 },
    { "mbc3", KS_GB_MBC_MBC3 }, { "mbc5", KS_GB_MBC_MBC5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *mbc = names[i].mbc;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a memory bank controller Keepsake reads: none, mbc1, mbc2, mbc3 "
                 "or mbc5."), text);
  return FALSE;
}

gboolean
ks_cart_override_parse (const char      *spec,
                        KsCartOverride  *override,
                        GError         **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (override != NULL, FALSE);

  ks_cart_override_init (override);
  parts = g_strsplit (spec, ":", 4);
  n = g_strv_length (parts);

  if (g_str_equal (parts[0], "gba") && n == 1)
    override->platform = KS_CART_PLATFORM_GBA;
  else if (g_str_equal (parts[0], "gb") && n == 1)
    override->platform = KS_CART_PLATFORM_GB;
  else if (g_str_equal (parts[0], "mmc") && n == 1)
    {
      override->platform = KS_CART_PLATFORM_GB;
      override->kind = KS_CART_MMC;
    }
  else if (g_str_equal (parts[0], "mmc-top") && n <= 2)
    {
      override->platform = KS_CART_PLATFORM_GB;
      override->kind = KS_CART_GB_ON_MMC;
      if (n == 2 && !parse_top_cart_size (parts[1], &override->save_size, error))
        return FALSE;
    }
  else if (g_str_equal (parts[0], "gba-flash") && n <= 2)
    {
      guint64 id;

      override->platform = KS_CART_PLATFORM_GBA;
      override->kind = KS_CART_GBA_FLASH;
      /* four hex digits naming a known chip are an ID; anything else a size */
      if (n == 2 && strlen (parts[1]) == 4 &&
          g_ascii_string_to_unsigned (parts[1], 16, 0, G_MAXUINT16, &id, NULL) &&
          ks_agb_flash_chip_lookup ((guint16) id) != NULL)
        override->flash_id = (guint16) id;
      else if (n == 2 && !parse_size (parts[1], &override->save_size, error))
        return FALSE;
    }
  else if (g_str_equal (parts[0], "gba-flash-atmel") && n == 1)
    {
      /* save-chips.md §2 */
      override->platform = KS_CART_PLATFORM_GBA;
      override->kind = KS_CART_GBA_FLASH;
      override->flash_id = ks_agb_flash_chip_get (KS_AGB_FLASH_ATMEL_AT29LV512)->id;
    }
  else if ((g_str_equal (parts[0], "gba-eeprom-512") || g_str_equal (parts[0], "gba-eeprom-8k")) &&
           n == 1)
    {
      override->platform = KS_CART_PLATFORM_GBA;
      override->kind = KS_CART_GBA_EEPROM;
      override->save_size = g_str_equal (parts[0], "gba-eeprom-512") ? KS_AGB_EEPROM_SMALL_SIZE
                                                                     : KS_AGB_EEPROM_LARGE_SIZE;
    }
  else if (g_str_equal (parts[0], "gba-sram") && n <= 2)
    {
      override->platform = KS_CART_PLATFORM_GBA;
      override->kind = KS_CART_GBA_SRAM;
      if (n == 2 && !parse_size (parts[1], &override->save_size, error))
        return FALSE;
    }
  else if (g_str_equal (parts[0], "gb") && n <= 3)
    {
      override->platform = KS_CART_PLATFORM_GB;
      override->kind = KS_CART_GB;
      if (!parse_mbc (parts[1], &override->mbc, error))
        return FALSE;
      if (n == 3 && !parse_size (parts[2], &override->save_size, error))
        return FALSE;
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” does not name a cart. Use gba, gb, gba-flash[:SIZE|:ID], "
                     "gba-flash-atmel, gba-sram[:SIZE], gba-eeprom-512, gba-eeprom-8k, "
                     "gb:MBC[:SIZE], mmc or mmc-top[:SIZE]."), spec);
      return FALSE;
    }

  return TRUE;
}

void
ks_cart_info_clear (KsCartInfo *info)
{
  g_return_if_fail (info != NULL);

  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->game_code, g_free);
  g_clear_pointer (&info->notes, g_free);
}

const char *
ks_cart_kind_to_string (KsCartKind kind)
{
  switch (kind)
    {
    case KS_CART_GBA_FLASH:
      return _("GBA flash save");
    case KS_CART_GBA_SRAM:
      return _("GBA SRAM save");
    case KS_CART_GBA_EEPROM:
      return _("GBA EEPROM save");
    case KS_CART_GBA_OTHER:
      return _("GBA cart (save chip not recognised)");
    case KS_CART_GB:
      return _("Game Boy cart");
    case KS_CART_MMC:
      return _("Mega Memory Card");
    case KS_CART_GB_ON_MMC:
      return _("Game Boy cart on top of the Mega Memory Card");
    case KS_CART_NONE:
    default:
      return _("no cart");
    }
}

gboolean
ks_cart_kind_is_gba (KsCartKind kind)
{
  return kind == KS_CART_GBA_FLASH || kind == KS_CART_GBA_SRAM || kind == KS_CART_GBA_EEPROM ||
         kind == KS_CART_GBA_OTHER;
}

char *
ks_cart_info_describe (const KsCartInfo *info)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  text = g_string_new (ks_cart_kind_to_string (info->kind));
  if (info->title != NULL && info->title[0] != '\0')
    g_string_append_printf (text, " “%s”", info->title);
  if (info->kind == KS_CART_GBA_FLASH && info->flash_chip != NULL)
    g_string_append_printf (text, ", %s (%04X)", info->flash_chip->name, info->flash_id);
  if (info->kind == KS_CART_GB)
    g_string_append_printf (text, ", %s", ks_gb_mbc_to_string (info->mbc));
  if (info->save_size > 0)
    {
      g_autofree char *size = g_format_size_full (info->save_size, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: %s is a size, "32.0 KiB" */
      g_string_append_printf (text, info->kind == KS_CART_GB_ON_MMC ? _(", %s of RAM")
                                                                  : _(", %s of save"), size);
    }
  if (info->has_clock)
    {
      g_autofree char *time = NULL;
      KsGbaRtc rtc;

      /* save-chips.md §3.2 */
      ks_gba_rtc_from_reader (&rtc, info->clock, info->clock_read_unix);
      time = ks_gba_rtc_dup_time (&rtc);
      if (ks_gba_rtc_power_lost (&rtc))
        g_string_append_printf (text, _(", clock %s, lost power (the battery may be dry)"), time);
      else
        g_string_append_printf (text, _(", clock %s, running"), time);
    }
  if (info->has_mbc3_clock)
    {
      KsMbc3Rtc rtc = { 0 };

      for (guint i = 0; i < G_N_ELEMENTS (info->mbc3_clock); i++)
        rtc.now[i] = info->mbc3_clock[i];
      g_string_append_printf (text, ks_mbc3_rtc_halted (&rtc)
                                    ? _(", clock day %u %02u:%02u:%02u, stopped")
                                    : _(", clock day %u %02u:%02u:%02u, running"),
                              ks_mbc3_rtc_days (&rtc), info->mbc3_clock[2], info->mbc3_clock[1],
                              info->mbc3_clock[0]);
    }
  if (!info->sure)
    g_string_append (text, _(" (unsure)"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ks_cart_info_dup_key (const KsCartInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_strdup_printf ("%d:%04X:%d:%zu", info->kind, info->flash_id, info->mbc,
                          info->save_size);
}

char *
ks_cart_info_suggest_name (const KsCartInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->kind == KS_CART_MMC)
    return g_strdup ("mega-memory-card.bin");
  if (info->kind == KS_CART_GB_ON_MMC)
    return g_strdup ("mmc-top-cart.sav");

  if (info->title != NULL && info->title[0] != '\0')
    {
      g_autofree char *name = g_strdup (info->title);

      /* FlashGBX's rule (§6): these characters become _ */
      g_strdelimit (name, "<>:\"/\\|?*", '_');
      return g_strconcat (name, ".sav", NULL);
    }

  return g_strdup ("cart.sav");
}

static void
add_note (KsCartInfo *info,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (KsCartInfo *info,
          const char *format,
          ...)
{
  g_autofree char *note = NULL;
  va_list args;

  va_start (args, format);
  note = g_strdup_vprintf (format, args);
  va_end (args);

  if (info->notes == NULL)
    info->notes = g_steal_pointer (&note);
  else
    {
      char *joined = g_strconcat (info->notes, " ", note, NULL);

      g_free (info->notes);
      info->notes = joined;
    }
}

/* ---- GBA ----------------------------------------------------------------------- */

/* One byte read as a single-byte transfer cannot be told from an error
 * status (0x02) the reader sent instead: read until two reads agree. */
#define STABLE_READS 5

static gboolean
read_stable (KsBus    *bus,
             guint32   address,
             guint8   *value,
             GError  **error)
{
  guint8 previous;

  if (!ks_bus_read (bus, address, &previous, error))
    return FALSE;

  for (guint i = 1; i < STABLE_READS; i++)
    {
      if (!ks_bus_read (bus, address, value, error))
        return FALSE;
      if (*value == previous)
        return TRUE;
      previous = *value;
    }

  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
               _("The save chip gives a different byte at 0x%04X on every read; the cart may "
                 "need cleaning."), address);
  return FALSE;
}

/* §1.7: write the inverse of byte 4; SRAM keeps it, flash ignores it.  The
 * old byte goes back, and must read back, or the answer was damaged and
 * the probe runs again. */
#define SRAM_PROBE_TRIES 3

static gboolean
probe_sram_once (KsBus     *bus,
                 gboolean  *is_sram,
                 gsize     *size,
                 gboolean  *consistent,
                 GError   **error)
{
  guint8 before, after, check, low, high;

  *is_sram = FALSE;
  *size = 0;
  *consistent = FALSE;

  if (!read_stable (bus, SRAM_PROBE_ADDR, &before, error) ||
      !ks_bus_write (bus, SRAM_PROBE_ADDR, (guint8) ~before, error) ||
      !read_stable (bus, SRAM_PROBE_ADDR, &after, error))
    return FALSE;

  if (after == before)
    {
      *consistent = TRUE;
      return TRUE;
    }

  if (!ks_bus_write (bus, SRAM_PROBE_ADDR, before, error) ||
      !read_stable (bus, SRAM_PROBE_ADDR, &check, error))
    return FALSE;
  if ((guint8) (after ^ before) != 0xFF || check != before)
    return TRUE;

  *is_sram = TRUE;

  /* A 32 KiB part repeats at 0x8000: a byte written there shows at 0. */
  if (!read_stable (bus, SRAM_HALF + SRAM_PROBE_ADDR, &high, error) ||
      !ks_bus_write (bus, SRAM_HALF + SRAM_PROBE_ADDR, (guint8) ~high, error) ||
      !read_stable (bus, SRAM_PROBE_ADDR, &low, error))
    return FALSE;

  *consistent = TRUE;
  if ((guint8) (low ^ high) == 0xFF && low != before)
    {
      *size = SRAM_32K;
      return ks_bus_write (bus, SRAM_PROBE_ADDR, before, error);
    }

  *size = SRAM_64K;
  return ks_bus_write (bus, SRAM_HALF + SRAM_PROBE_ADDR, high, error);
}

static gboolean
probe_sram (KsBus     *bus,
            gboolean  *is_sram,
            gsize     *size,
            GError   **error)
{
  gboolean consistent = FALSE;

  for (guint i = 0; i < SRAM_PROBE_TRIES && !consistent; i++)
    if (!probe_sram_once (bus, is_sram, size, &consistent, error))
      return FALSE;

  if (!consistent)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                   _("The save chip answered the SRAM test inconsistently %u times; the cart "
                     "may need cleaning."), SRAM_PROBE_TRIES);
      return FALSE;
    }

  return TRUE;
}

/* Chip IDs come from single-byte reads too: ask until two answers agree. */
#define ID_TRIES 4

static gboolean
read_agb_flash_id (KsBus    *bus,
                   guint16  *id,
                   GError  **error)
{
  guint16 previous;

  if (!ks_agb_flash_read_id (bus, &previous, error))
    return FALSE;

  for (guint i = 1; i < ID_TRIES; i++)
    {
      if (!ks_agb_flash_read_id (bus, id, error))
        return FALSE;
      if (*id == previous)
        return TRUE;
      previous = *id;
    }

  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
               _("The flash chip gives a different ID every time it is asked; the cart may need "
                 "cleaning."));
  return FALSE;
}

static gboolean
read_sst_id (KsBus    *bus,
             guint16  *id,
             GError  **error)
{
  guint16 previous = 0;

  for (guint i = 0; i < ID_TRIES; i++)
    {
      guint8 manufacturer, device;

      if (!ks_sst28sf040_read_id (bus, &manufacturer, &device, error))
        return FALSE;
      *id = (guint16) (manufacturer << 8 | device);
      if (i > 0 && *id == previous)
        return TRUE;
      previous = *id;
    }

  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
               _("The cart gives a different answer to the flash ID command every time; it may "
                 "need cleaning."));
  return FALSE;
}

static gboolean
is_gen3 (const char *game_code)
{
  for (guint i = 0; game_code != NULL && i < G_N_ELEMENTS (gen3_codes); i++)
    if (g_str_has_prefix (game_code, gen3_codes[i]))
      return TRUE;

  return FALSE;
}

/* save-chips.md §1.4: neither SRAM nor flash on the save bus.  Two reads,
 * nothing written: a write with the wrong address width would land in the
 * wrong block. */
static gboolean
probe_eeprom (KsLkReader  *reader,
              guint16      flash_id,
              KsCartInfo  *info,
              GError     **error)
{
  g_autofree guint8 *small = g_malloc (KS_AGB_EEPROM_SMALL_SIZE);
  g_autofree guint8 *large = g_malloc (KS_AGB_EEPROM_LARGE_SIZE);

  if (!ks_lk_reader_read_agb_eeprom (reader, KS_AGB_EEPROM_ADDRESS_6, 0, small,
                                     KS_AGB_EEPROM_SMALL_SIZE, error) ||
      !ks_lk_reader_read_agb_eeprom (reader, KS_AGB_EEPROM_ADDRESS_14, 0, large,
                                     KS_AGB_EEPROM_LARGE_SIZE, error))
    return FALSE;

  info->kind = KS_CART_GBA_EEPROM;
  switch (ks_agb_eeprom_probe_decide (small, large))
    {
    case KS_AGB_EEPROM_PROBE_SMALL:
      info->save_size = KS_AGB_EEPROM_SMALL_SIZE;
      add_note (info, _("Save chip: a 512-byte EEPROM, found by the probe (it answers 6-bit "
                        "addresses)."));
      break;
    case KS_AGB_EEPROM_PROBE_LARGE:
      info->save_size = KS_AGB_EEPROM_LARGE_SIZE;
      add_note (info, _("Save chip: an 8 KiB EEPROM, found by the probe (it answers 14-bit "
                        "addresses only)."));
      break;
    case KS_AGB_EEPROM_PROBE_UNCLEAR:
      info->save_size = KS_AGB_EEPROM_LARGE_SIZE;
      info->sure = FALSE;
      add_note (info, _("The save chip answers as an EEPROM, but not clearly as either size; "
                        "8 KiB is assumed. If the game saves 512 bytes, name it with --cart "
                        "gba-eeprom-512."));
      break;
    case KS_AGB_EEPROM_PROBE_BLANK:
    default:
      info->kind = KS_CART_GBA_OTHER;
      info->sure = FALSE;
      add_note (info, _("The save chip is neither SRAM nor a known flash chip (its ID reads "
                        "%04X), and an EEPROM read gives only FF bytes: the cart has a blank "
                        "EEPROM or no save. If it has an EEPROM, name its size with --cart "
                        "gba-eeprom-512 or gba-eeprom-8k."), flash_id);
      break;
    }

  return TRUE;
}

/* save-chips.md §3.3: one command; a cart without a clock answers bytes
 * that are no date (all 00 or FF), so nothing else is needed to tell */
static gboolean
read_gba_clock (KsLkReader  *reader,
                KsCartInfo  *info,
                GError     **error)
{
  g_autofree char *time = NULL;
  KsGbaRtc rtc;

  if (!ks_lk_reader_read_gba_rtc (reader, info->clock, error))
    return FALSE;

  info->clock_read_unix = g_get_real_time () / G_USEC_PER_SEC;
  ks_gba_rtc_from_reader (&rtc, info->clock, info->clock_read_unix);
  info->has_clock = ks_gba_rtc_is_valid (&rtc);
  if (!info->has_clock)
    return TRUE;

  time = ks_gba_rtc_dup_time (&rtc);
  if (ks_gba_rtc_power_lost (&rtc))
    add_note (info, _("Clock: an S-3511 on the GPIO port, reading %s; it lost power since it "
                      "was last set, so its time is not to be trusted (the battery may be "
                      "dry)."), time);
  else
    add_note (info, _("Clock: an S-3511 on the GPIO port, reading %s, running."), time);
  return TRUE;
}

/* save-chips.md §4.1: RAM and clock on, 00 then 01 at 6000 to latch,
 * then each register 08-0C at A000; RAM bank 0 and RAM off again */
static gboolean
read_mbc3_clock (KsLkReader  *reader,
                 KsCartInfo  *info,
                 GError     **error)
{
  KsBus *bus = ks_lk_reader_get_bus (reader);
  KsMbc3Rtc rtc = { 0 };

  if (!ks_gb_mbc_set_ram_enabled (bus, KS_GB_MBC_MBC3, TRUE, error) ||
      !ks_bus_write (bus, 0x6000, 0x00, error) ||
      !ks_bus_write (bus, 0x6000, 0x01, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (info->mbc3_clock); i++)
    if (!ks_bus_write (bus, 0x4000, (guint8) (0x08 + i), error) ||
        !ks_bus_read (bus, 0xA000, &info->mbc3_clock[i], error))
      return FALSE;
  if (!ks_bus_write (bus, 0x4000, 0x00, error) ||
      !ks_gb_mbc_set_ram_enabled (bus, KS_GB_MBC_MBC3, FALSE, error))
    return FALSE;

  /* §4.1: seconds and minutes 0-59, hours 0-23, day high bits 0, 6, 7 */
  if (info->mbc3_clock[0] > 59 || info->mbc3_clock[1] > 59 || info->mbc3_clock[2] > 23 ||
      (info->mbc3_clock[4] & ~0xC1) != 0)
    {
      add_note (info, _("The header names a clock, but its registers do not read as one "
                        "(%02X %02X %02X %02X %02X); it is not kept."),
                info->mbc3_clock[0], info->mbc3_clock[1], info->mbc3_clock[2],
                info->mbc3_clock[3], info->mbc3_clock[4]);
      return TRUE;
    }

  info->has_mbc3_clock = TRUE;
  info->clock_read_unix = g_get_real_time () / G_USEC_PER_SEC;
  for (guint i = 0; i < G_N_ELEMENTS (info->mbc3_clock); i++)
    rtc.now[i] = rtc.latched[i] = info->mbc3_clock[i];
  if (ks_mbc3_rtc_halted (&rtc))
    add_note (info, _("Clock: the MBC3's, on day %u at %02u:%02u:%02u, stopped (its halt bit "
                      "is set: the game stopped it, or its battery ran dry)."),
              ks_mbc3_rtc_days (&rtc), info->mbc3_clock[2], info->mbc3_clock[1],
              info->mbc3_clock[0]);
  else
    add_note (info, _("Clock: the MBC3's, on day %u at %02u:%02u:%02u, running."),
              ks_mbc3_rtc_days (&rtc), info->mbc3_clock[2], info->mbc3_clock[1],
              info->mbc3_clock[0]);
  return TRUE;
}

static gboolean detect_gba_save (KsLkReader           *reader,
                                 const KsCartOverride *override,
                                 gboolean              forced,
                                 KsCartInfo           *info,
                                 GError              **error);

static gboolean
detect_gba (KsLkReader           *reader,
            const KsCartOverride *override,
            gboolean              forced,
            KsCartInfo           *info,
            GError              **error)
{
  if (!detect_gba_save (reader, override, forced, info, error))
    return FALSE;

  return info->kind == KS_CART_NONE || read_gba_clock (reader, info, error);
}

static gboolean
detect_gba_save (KsLkReader           *reader,
                 const KsCartOverride *override,
                 gboolean              forced,
                 KsCartInfo           *info,
                 GError              **error)
{
  guint8 rom[KS_GBA_HEADER_SIZE];
  KsGbaHeader header;
  KsBus *bus;
  gboolean is_sram;
  gsize sram_size;
  guint16 id;

  if (!ks_lk_reader_start_session (reader, KS_LK_SESSION_AGB, error) ||
      !ks_lk_reader_read_agb_rom (reader, 0, rom, sizeof rom, error))
    return FALSE;

  ks_gba_header_parse (rom, sizeof rom, &header, NULL);
  if (!ks_gba_header_is_valid (&header))
    {
      if (!forced)
        return TRUE;   /* no GBA cart: the caller tries the Game Boy slot */
      add_note (info, _("No valid GBA header answered; the cart may need cleaning."));
    }
  else
    {
      info->title = g_strdup (header.title);
      info->game_code = header.game_code[0] != '\0' ? g_strdup (header.game_code) : NULL;
    }

  bus = ks_lk_reader_get_bus (reader);
  if (!probe_sram (bus, &is_sram, &sram_size, error))
    return FALSE;

  info->sure = ks_gba_header_is_valid (&header);

  if (is_sram)
    {
      info->kind = KS_CART_GBA_SRAM;
      info->save_size = sram_size;
      add_note (info, _("Save chip: SRAM, found by writing a byte and reading it back."));
      return TRUE;
    }

  if (!read_agb_flash_id (bus, &id, error))
    return FALSE;

  info->flash_id = id;
  info->flash_chip = ks_agb_flash_chip_lookup (id);
  if (info->flash_chip != NULL)
    {
      info->kind = KS_CART_GBA_FLASH;
      info->save_size = info->flash_chip->size;
      if (info->save_size == 128 * 1024 && is_gen3 (info->game_code))
        info->format_id = "gen3";
      add_note (info, _("Save chip: %s, found by its flash ID (%04X)."), info->flash_chip->name,
                id);
      return TRUE;
    }

  return probe_eeprom (reader, id, info, error);
}

/* ---- Game Boy -------------------------------------------------------------------- */

static gboolean
detect_mmc (KsLkReader  *reader,
            KsCartInfo  *info,
            gboolean    *found,
            GError     **error)
{
  KsMmcMapper mapper;
  guint8 before[2];
  guint16 id;
  KsBus *flash;

  *found = FALSE;
  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  flash = ks_mmc_mapper_get_bus (&mapper);

  /* §7.1: ID through 0x2000 = 0x80, 0x4000 = 0x90; reset with FF after.
   * Read-ID works while the chip is write-protected (§5). */
  if (!ks_bus_read_bulk (flash, 0, before, 2, error) ||
      !read_sst_id (flash, &id, error))
    return FALSE;

  if (id != (KS_SST28SF040_MANUFACTURER << 8 | KS_SST28SF040_DEVICE))
    return TRUE;

  *found = TRUE;
  info->kind = KS_CART_MMC;
  info->save_size = KS_SST28SF040_SIZE;
  info->format_id = "mmc";
  info->sure = before[0] != KS_SST28SF040_MANUFACTURER || before[1] != KS_SST28SF040_DEVICE;
  if (!info->sure)
    add_note (info, _("The card's flash begins with the bytes of its own ID, so the ID check "
                      "cannot be told from a read."));

  return TRUE;
}

/* save-chips.md §5: the controllers whose save (and clock) Keepsake
 * does not reach, each with the reason; NULL for the others.  HuC-1 and
 * the Pocket Camera are not here: their RAM is enabled and banked as
 * MBC5's is. */
static const char *
unsupported_note (KsGbMbc mbc)
{
  switch (mbc)
    {
    case KS_GB_MBC_MBC7:
      return _("MBC7 carts (Kirby Tilt 'n' Tumble, Command Master) keep their save "
               "in a serial EEPROM behind the controller; the reader has commands "
               "for it, but Keepsake does not read it yet.");
    case KS_GB_MBC_MBC6:
      return _("MBC6 carts (Net de Get) keep their save in RAM and in a flash chip the "
               "game writes, each banked in two halves by the controller; the reader has "
               "no command for this controller and Keepsake does not drive it yet, so it "
               "reads neither.");
    case KS_GB_MBC_HUC3:
      return _("HuC-3 carts (Robopon, Pocket Family) share one window between the save "
               "RAM, the clock and the infrared port, and the clock answers only through "
               "the controller's own command codes; the reader has no command for them and "
               "Keepsake does not drive this controller yet, so it reads neither the save "
               "nor the clock.");
    case KS_GB_MBC_TAMA5:
      return _("TAMA5 carts (Game de Hakken!! Tamagotchi 3) keep their save and clock "
               "behind the TAMA5, reached four bits at a time through its registers; the "
               "reader has no command for it and Keepsake does not drive it yet, so it "
               "reads neither.");
    default:
      return NULL;
    }
}

static gboolean
detect_gb (KsLkReader  *reader,
           KsCartInfo  *info,
           GError     **error)
{
  guint8 rom[KS_GB_HEADER_SIZE];
  KsGbHeader header;
  gboolean mmc;
  g_autofree char *sha1 = NULL;

  if (!ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, error) ||
      !ks_bus_read_bulk (ks_lk_reader_get_bus (reader), 0, rom, sizeof rom, error))
    return FALSE;

  ks_gb_header_parse (rom, sizeof rom, &header, NULL);
  sha1 = g_compute_checksum_for_data (G_CHECKSUM_SHA1, rom + GB_LOGO_START,
                                      KS_GB_HEADER_SIZE - GB_LOGO_START);

  if (!detect_mmc (reader, info, &mmc, error))
    return FALSE;
  if (mmc)
    {
      if (g_str_equal (sha1, MMC_HEADER_SHA1))
        info->sure = TRUE;
      return TRUE;
    }

  if (ks_bytes_all (rom, sizeof rom, 0xFF) || ks_bytes_all (rom, sizeof rom, 0x00))
    {
      info->kind = KS_CART_NONE;
      add_note (info, _("No cart answered in either slot."));
      return TRUE;
    }

  info->kind = KS_CART_GB;
  info->title = g_strdup (header.title);
  info->mbc = header.mbc;
  info->save_size = ks_gb_header_save_size (&header);
  info->format_id = "gb-sav";
  info->sure = ks_gb_header_checksum_ok (&header);

  if (!info->sure)
    add_note (info, _("The cart header's checksum does not match (stored %02X, computed %02X); "
                      "the cart may need cleaning."),
              header.header_checksum, header.computed_checksum);
  if (unsupported_note (header.mbc) != NULL)
    {
      info->sure = FALSE;
      add_note (info, "%s", unsupported_note (header.mbc));
    }
  else if (!ks_gb_mbc_has_standard_ram (header.mbc) && info->save_size > 0)
    {
      info->sure = FALSE;
      add_note (info, _("Keepsake cannot read the save memory of %s carts yet."),
                ks_gb_mbc_to_string (header.mbc));
    }
  else if (info->save_size > 0)
    add_note (info, _("Memory controller and RAM size from the cart header."));
  if (info->sure && info->save_size == 0)
    add_note (info, _("The header says this cart keeps no save (no battery-backed RAM)."));

  if (header.mbc == KS_GB_MBC_MBC3 && (header.features & KS_GB_CART_RTC) != 0)
    return read_mbc3_clock (reader, info, error);

  return TRUE;
}

/* ---- the Game Boy cart on top of the Mega Memory Card ------------------------------- */

/* §5: the card's program drives every cart alike, so the cart on top is
 * given MBC5's map (0x0A at 0000, the RAM bank at 4000), which MBC1 in
 * RAM-banking mode and MBC3 share; its header is out of reach. */
static gboolean
detect_top (KsLkReader  *reader,
            KsCartInfo  *info,
            GError     **error)
{
  KsMmcMapper mapper;
  guint banks;

  ks_mmc_mapper_init (&mapper, ks_lk_reader_get_bus (reader));
  if (!ks_mmc_top_cart_count_banks (&mapper, &banks, error))
    return FALSE;

  if (banks == 0)
    {
      info->kind = KS_CART_NONE;
      add_note (info, _("No Game Boy cart with save RAM answers on top of the Mega Memory "
                        "Card."));
      return TRUE;
    }

  info->kind = KS_CART_GB_ON_MMC;
  info->mbc = KS_GB_MBC_MBC5;
  info->save_size = (gsize) banks * KS_GB_RAM_BANK_SIZE;
  info->format_id = "gb-sav";
  info->sure = TRUE;
  return TRUE;
}

gboolean
ks_cart_detect_top (KsLkReader  *reader,
                    KsCartInfo  *info,
                    GError     **error)
{
  g_return_val_if_fail (KS_IS_LK_READER (reader), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  info->kind = KS_CART_NONE;
  info->mbc = KS_GB_MBC_UNKNOWN;

  return ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, error) &&
         detect_top (reader, info, error);
}

/* The override "mmc-top": the card must answer first, and something must
 * be on top of it, or there is nothing to back up or write. */
static gboolean
detect_on_mmc (KsLkReader  *reader,
               KsCartInfo  *info,
               GError     **error)
{
  gboolean mmc;

  if (!ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, error) ||
      !detect_mmc (reader, info, &mmc, error))
    return FALSE;

  if (!mmc)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("No Mega Memory Card answers in the reader; a Game Boy cart on top of one "
                     "is reached only through it."));
      return FALSE;
    }

  /* what detect_mmc() learnt describes the card, not the cart on top */
  g_clear_pointer (&info->notes, g_free);
  info->format_id = NULL;
  info->save_size = 0;
  if (!detect_top (reader, info, error))
    return FALSE;

  if (info->kind == KS_CART_NONE)
    {
      /* callers free nothing of a detection that failed */
      g_set_error_literal (error, KS_LK_ERROR, KS_LK_ERROR_CART, info->notes);
      ks_cart_info_clear (info);
      return FALSE;
    }

  return TRUE;
}

static void
apply_override (KsCartInfo           *info,
                const KsCartOverride *override)
{
  if (override->kind == KS_CART_NONE)
    return;

  info->kind = override->kind;
  info->sure = TRUE;
  add_note (info, _("Cart type set by the user."));

  switch (override->kind)
    {
    case KS_CART_GBA_FLASH:
      if (override->flash_id != 0)
        {
          info->flash_id = override->flash_id;
          info->flash_chip = ks_agb_flash_chip_lookup (override->flash_id);
        }
      if (override->save_size != 0 && (info->flash_chip == NULL ||
                                       info->flash_chip->size != override->save_size))
        info->flash_chip = ks_agb_flash_chip_get (override->save_size > 64 * 1024
                                                  ? KS_AGB_FLASH_MACRONIX_MX29L010
                                                  : KS_AGB_FLASH_SST_39VF512);
      if (info->flash_chip == NULL)
        info->flash_chip = ks_agb_flash_chip_get (KS_AGB_FLASH_MACRONIX_MX29L010);
      info->save_size = info->flash_chip->size;
      if (override->flash_id == 0 && info->flash_id != info->flash_chip->id)
        info->flash_id = info->flash_chip->id;
      break;
    case KS_CART_GBA_SRAM:
      info->save_size = override->save_size != 0 ? override->save_size : SRAM_32K;
      break;
    case KS_CART_GBA_EEPROM:
      info->save_size = ks_agb_eeprom_is_size (override->save_size) ? override->save_size
                                                                    : KS_AGB_EEPROM_LARGE_SIZE;
      break;
    case KS_CART_GB:
      info->mbc = override->mbc;
      info->format_id = "gb-sav";
      if (override->save_size != 0)
        info->save_size = override->save_size;
      else if (override->mbc == KS_GB_MBC_MBC2)
        info->save_size = 512;
      else if (info->save_size == 0)
        info->save_size = 8 * 1024;
      break;
    case KS_CART_MMC:
      info->save_size = KS_SST28SF040_SIZE;
      info->format_id = "mmc";
      break;
    case KS_CART_GB_ON_MMC:
      if (override->save_size != 0 && override->save_size != info->save_size)
        {
          add_note (info, _("The card's bank test measured %zu bytes of RAM; the size set "
                            "by the user, %zu bytes, is used."),
                    info->save_size, override->save_size);
          info->save_size = override->save_size;
        }
      break;
    default:
      break;
    }
}

gboolean
ks_cart_detect (KsLkReader           *reader,
                const KsCartOverride *override,
                KsCartInfo           *info,
                GError              **error)
{
  KsCartOverride none;

  g_return_val_if_fail (KS_IS_LK_READER (reader), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  info->kind = KS_CART_NONE;
  info->mbc = KS_GB_MBC_UNKNOWN;

  if (override == NULL)
    {
      ks_cart_override_init (&none);
      override = &none;
    }

  if (override->kind == KS_CART_GB_ON_MMC)
    {
      if (!detect_on_mmc (reader, info, error))
        return FALSE;
    }
  else if (override->platform != KS_CART_PLATFORM_GB)
    {
      if (!detect_gba (reader, override, override->platform == KS_CART_PLATFORM_GBA, info, error))
        return FALSE;
    }

  if (info->kind == KS_CART_NONE && override->platform != KS_CART_PLATFORM_GBA)
    {
      /* the header note of a failed GBA probe does not apply to a GB cart */
      g_clear_pointer (&info->notes, g_free);
      if (!detect_gb (reader, info, error))
        return FALSE;
    }

  apply_override (info, override);
  return TRUE;
}

const char *
ks_cart_info_format_id (const KsCartInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->format_id != NULL)
    return info->format_id;
  /* save-chips.md §6: any other GBA save is the chip's bytes as they are */
  if ((info->kind == KS_CART_GBA_FLASH || info->kind == KS_CART_GBA_SRAM ||
       info->kind == KS_CART_GBA_EEPROM) && info->save_size > 0)
    return "gba-sav";

  return NULL;
}

const char *
ks_cart_info_format_for_bytes (const KsCartInfo *info,
                               GBytes           *bytes,
                               const char       *file_name)
{
  const char *id;
  const KsFormat *best;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (info != NULL, NULL);

  id = ks_cart_info_format_id (info);
  if (bytes == NULL || g_strcmp0 (id, "gba-sav") != 0)
    return id;

  /* §6: a GBA format that knows the bytes better (a Pokémon save on a
   * cart whose header does not name the game) opens them */
  data = g_bytes_get_data (bytes, &size);
  best = ks_format_detect (data, size, file_name);
  if (best != NULL && g_str_equal (best->platform, "GBA"))
    return best->id;

  return id;
}
