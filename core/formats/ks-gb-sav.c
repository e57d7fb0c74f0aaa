/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-sav.c — Game Boy cartridge saves (.sav)
 *
 * Layout: the cart's RAM, bank 0 first, nothing else (no magic, no
 * checksum).  Sizes follow the RAM size codes of the cartridge header
 * (ks-gb-header.c): 2, 8, 32, 64 or 128 KiB; MBC2 carts give 512 bytes,
 * one per 4-bit cell.  MBC3 carts with a clock may carry a 44- or 48-byte
 * footer after the RAM (VBA-M/BGB layout, see below); it is kept
 * byte-for-byte.  mega-memory-card.md §9.8 and
 * cart-reader-protocol.md §6 name these sizes and footers.
 *
 * Clock footer, all fields little-endian:
 *   +0x00  u32 x5  seconds, minutes, hours, day counter low, day high/flags
 *   +0x14  u32 x5  the same registers as last latched
 *   +0x28  u32 or u64  Unix time when the file was written
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-gb-sav.h"

/* No magic number: a plain size match is only a weak hint, so formats that
 * recognise their own bytes (Gen III sectors, Saturn headers) win. */
#define GB_SAV_PROBE_SCORE       10
#define GB_SAV_PROBE_SCORE_NAMED 15

/* mega-memory-card.md §3: every SRAM bank is 8 KiB (A000-BFFF) */
#define GB_SAV_BANK_SIZE         8192
/* 2 KiB carts: one mirror-quarter of an 8 KiB bank (§6) */
#define GB_SAV_2K_SIZE           2048

/* MBC3 clock register limits (Pan Docs, "MBC3"): DH keeps the day counter's
 * bit 8 in bit 0, the halt flag in bit 6 and the carry in bit 7. */
#define GB_RTC_SECONDS_MAX       59
#define GB_RTC_MINUTES_MAX       59
#define GB_RTC_HOURS_MAX         23
#define GB_RTC_DAYS_LOW_MAX      0xFF
#define GB_RTC_DH_MASK           0xC1
#define GB_RTC_TIME_OFFSET       0x28

typedef struct
{
  GBytes        *image;
  KsGbSavLayout  layout;
  gboolean       standard;   /* the size is one a cart gives */
} KsGbSav;

static const gsize ram_sizes[] = {
  2 * 1024, 8 * 1024, 32 * 1024, 64 * 1024, 128 * 1024,
};

gboolean
ks_gb_sav_is_standard_ram (gsize ram_size)
{
  for (guint i = 0; i < G_N_ELEMENTS (ram_sizes); i++)
    if (ram_sizes[i] == ram_size)
      return TRUE;

  return FALSE;
}

/* MBC3 (with a clock) comes with 8, 32 or 64 KiB (MBC30) of RAM. */
static gboolean
footer_allowed_after (gsize ram_size)
{
  return ram_size == 8 * 1024 || ram_size == 32 * 1024 || ram_size == 64 * 1024;
}

/* Tells what a file of @file_size holds; FALSE when no cart gives that size. */
gboolean
ks_gb_sav_layout_from_size (gsize          file_size,
                            KsGbSavLayout *layout)
{
  KsGbSavLayout found = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (file_size == KS_GB_SAV_MBC2_SIZE)
    {
      found.ram_size = KS_GB_SAV_MBC2_SIZE;
      found.mbc2 = TRUE;
    }
  else if (ks_gb_sav_is_standard_ram (file_size))
    found.ram_size = file_size;
  else if (file_size > KS_GB_SAV_RTC_FOOTER_LONG &&
           footer_allowed_after (file_size - KS_GB_SAV_RTC_FOOTER_LONG))
    {
      found.ram_size = file_size - KS_GB_SAV_RTC_FOOTER_LONG;
      found.footer_size = KS_GB_SAV_RTC_FOOTER_LONG;
    }
  else if (file_size > KS_GB_SAV_RTC_FOOTER_SHORT &&
           footer_allowed_after (file_size - KS_GB_SAV_RTC_FOOTER_SHORT))
    {
      found.ram_size = file_size - KS_GB_SAV_RTC_FOOTER_SHORT;
      found.footer_size = KS_GB_SAV_RTC_FOOTER_SHORT;
    }
  else
    {
      found.ram_size = file_size;
      ok = FALSE;
    }

  *layout = found;
  return ok;
}

static guint
gb_sav_probe (const guint8 *data,
              gsize         size,
              const char   *file_name)
{
  KsGbSavLayout layout;

  if (!ks_gb_sav_layout_from_size (size, &layout))
    return 0;

  if (file_name != NULL &&
      (g_str_has_suffix (file_name, ".sav") || g_str_has_suffix (file_name, ".SAV") ||
       g_str_has_suffix (file_name, ".srm") || g_str_has_suffix (file_name, ".SRM")))
    return GB_SAV_PROBE_SCORE_NAMED;

  return GB_SAV_PROBE_SCORE;
}

static void
gb_sav_free (gpointer impl)
{
  KsGbSav *self = impl;

  g_clear_pointer (&self->image, g_bytes_unref);
  g_free (self);
}

static gpointer
gb_sav_load (GBytes  *image,
             GError **error)
{
  KsGbSav *self;
  gsize size = g_bytes_get_size (image);

  if (size == 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The file is empty; a Game Boy save holds the cart's RAM "
                     "(2 to 128 KiB, or 512 bytes for MBC2)."));
      return NULL;
    }

  if (size > KS_GB_SAV_MAX_RAM_SIZE + KS_GB_SAV_RTC_FOOTER_LONG)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The file is %zu bytes; no Game Boy cart has more than "
                     "128 KiB of save RAM (131,072 bytes, plus a 48-byte clock footer)."), size);
      return NULL;
    }

  /* Tolerant: an odd size still loads (verify says what is wrong with it). */
  self = g_new0 (KsGbSav, 1);
  self->image = g_bytes_ref (image);
  self->standard = ks_gb_sav_layout_from_size (size, &self->layout);

  return self;
}

static const char *
ram_kind (const KsGbSavLayout *layout)
{
  if (layout->mbc2)
    return _("MBC2 built-in RAM, 512 × 4 bits");

  switch (layout->ram_size)
    {
    case 2 * 1024:
      return _("2 KiB (ROM+RAM or MBC1)");
    case 8 * 1024:
      return _("8 KiB, 1 bank (MBC1, MBC3, MBC5 or ROM+RAM)");
    case 32 * 1024:
      return _("32 KiB, 4 banks (MBC1, MBC3 or MBC5)");
    case 64 * 1024:
      return _("64 KiB, 8 banks (MBC30 or MBC5)");
    case 128 * 1024:
      return _("128 KiB, 16 banks (MBC5 or Pocket Camera)");
    default:
      return _("not a size any cart has");
    }
}

static const guint8 *
footer_data (KsGbSav *self)
{
  const guint8 *data = g_bytes_get_data (self->image, NULL);

  return data + self->layout.ram_size;
}

static guint64
footer_time (KsGbSav *self)
{
  const guint8 *footer = footer_data (self);
  guint64 time = ks_read_le32 (footer + GB_RTC_TIME_OFFSET);

  if (self->layout.footer_size == KS_GB_SAV_RTC_FOOTER_LONG)
    time |= (guint64) ks_read_le32 (footer + GB_RTC_TIME_OFFSET + 4) << 32;

  return time;
}

static gboolean
quarters_identical (const guint8 *data)
{
  for (guint q = 1; q < GB_SAV_BANK_SIZE / GB_SAV_2K_SIZE; q++)
    if (memcmp (data, data + q * GB_SAV_2K_SIZE, GB_SAV_2K_SIZE) != 0)
      return FALSE;

  return TRUE;
}

static void
gb_sav_describe (gpointer      impl,
                 GVariantDict *summary)
{
  KsGbSav *self = impl;
  const guint8 *data = g_bytes_get_data (self->image, NULL);

  g_variant_dict_insert (summary, "ram_size", "t", (guint64) self->layout.ram_size);
  g_variant_dict_insert (summary, "ram_kind", "s", ram_kind (&self->layout));
  g_variant_dict_insert (summary, "banks", "u",
                         (guint32) (self->layout.ram_size / GB_SAV_BANK_SIZE));
  g_variant_dict_insert (summary, "rtc_footer", "u", (guint32) self->layout.footer_size);
  if (self->layout.footer_size > 0)
    {
      const guint8 *footer = footer_data (self);
      guint days = ks_read_le32 (footer + 12) | ((ks_read_le32 (footer + 16) & 1) << 8);
      g_autofree char *clock = g_strdup_printf (_("day %u, %02u:%02u:%02u"), days,
                                                ks_read_le32 (footer + 8),
                                                ks_read_le32 (footer + 4),
                                                ks_read_le32 (footer + 0));

      g_variant_dict_insert (summary, "rtc_clock", "s", clock);
      g_variant_dict_insert (summary, "rtc_saved_at", "t", footer_time (self));
    }
  g_variant_dict_insert (summary, "blank", "b",
                         ks_bytes_all (data, self->layout.ram_size, 0xFF) ||
                         ks_bytes_all (data, self->layout.ram_size, 0x00));
}

static void
verify_footer (KsGbSav   *self,
               GPtrArray *findings)
{
  const guint8 *footer = footer_data (self);
  guint32 seconds = ks_read_le32 (footer + 0);
  guint32 minutes = ks_read_le32 (footer + 4);
  guint32 hours = ks_read_le32 (footer + 8);
  guint32 days_low = ks_read_le32 (footer + 12);
  guint32 dh = ks_read_le32 (footer + 16);

  ks_findings_add (findings, KS_SEVERITY_INFO, "gb-sav-rtc-footer",
                   _("The file ends with a %zu-byte MBC3 clock footer at offset "
                     "0x%zX; Keepsake keeps it byte for byte."),
                   self->layout.footer_size, self->layout.ram_size);

  if (seconds > GB_RTC_SECONDS_MAX || minutes > GB_RTC_MINUTES_MAX || hours > GB_RTC_HOURS_MAX ||
      days_low > GB_RTC_DAYS_LOW_MAX || (dh & ~(guint32) GB_RTC_DH_MASK) != 0)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "gb-sav-rtc-range",
                     _("The clock footer holds values no MBC3 clock shows (seconds %u, minutes %u, "
                       "hours %u, day %u, flags 0x%X); the game may reset its clock."),
                     seconds, minutes, hours, days_low, dh);
}

static void
gb_sav_verify (gpointer   impl,
               GPtrArray *findings)
{
  KsGbSav *self = impl;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->image, &size);

  if (!self->standard)
    {
      ks_findings_add (findings, KS_SEVERITY_ERROR, "gb-sav-size",
                       _("The file is %zu bytes; a Game Boy save is 512 (MBC2), "
                         "2,048, 8,192, 32,768, 65,536 or 131,072 bytes, optionally followed by a "
                         "44- or 48-byte MBC3 clock footer."), size);
      return;
    }

  ks_findings_add_unverifiable (findings,
                                _("A Game Boy save is the cart's RAM as the game left it, with "
                                  "no checksum or signature Keepsake could check."));

  if (ks_bytes_all (data, self->layout.ram_size, 0xFF))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gb-sav-blank",
                     _("Every byte of the save is 0xFF: an empty cart, a dead battery or a "
                       "failed read."));
  else if (ks_bytes_all (data, self->layout.ram_size, 0x00))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gb-sav-blank",
                     _("Every byte of the save is 0x00: an erased cart or a failed read."));
  else if (self->layout.ram_size == GB_SAV_BANK_SIZE && quarters_identical (data))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gb-sav-2k-mirror",
                     _("The four 2 KiB quarters of this 8 KiB save are identical: it may be a "
                       "2 KiB cart read as 8 KiB (a Mega Memory Card backup does this)."));

  if (self->layout.mbc2)
    ks_findings_add (findings, KS_SEVERITY_INFO, "gb-sav-mbc2",
                     _("A 512-byte save is MBC2 RAM: the cart keeps only the low 4 bits of each "
                       "byte."));

  if (self->layout.footer_size > 0)
    verify_footer (self, findings);
}

static GBytes *
gb_sav_serialize (gpointer   impl,
                  GError   **error)
{
  KsGbSav *self = impl;

  return g_bytes_ref (self->image);
}

const KsFormat ks_gb_sav_format = {
  .id = "gb-sav",
  .name = N_("Game Boy cartridge save"),
  .platform = "GB",
  .probe = gb_sav_probe,
  .load = gb_sav_load,
  .free = gb_sav_free,
  .describe = gb_sav_describe,
  .verify = gb_sav_verify,
  .serialize = gb_sav_serialize,
};
