/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gba-sav.c — GBA cartridge saves (.sav) without a structure Keepsake
 * knows (save-chips.md §6)
 *
 * Layout: the save chip's bytes from address 0, nothing else: 512 bytes
 * or 8 KiB of EEPROM (blocks of 8 bytes in order, §1.2), 32 KiB of SRAM
 * or FRAM, 64 KiB of SRAM or flash, 128 KiB of flash.  A cart with a
 * clock adds mGBA's 16-byte footer (§3.4), kept byte for byte.  No magic,
 * no checksum: the verdict is "unverifiable", never "verified".
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-gba-sav.h"
#include "ks-rtc-footer.h"

/* §6: a size alone is a weak hint and the plain sizes are shared with
 * Game Boy saves (which probe at 10): a file of a plain size opens as a
 * GBA save only when the cart or the user says so.  A size with mGBA's
 * clock footer is GBA's alone, but a Gen III slot signature (100) still
 * wins over it. */
#define GBA_SAV_PROBE_PLAIN   8
#define GBA_SAV_PROBE_FOOTER  20

static const gsize chip_sizes[] = {
  512, 8 * 1024, 32 * 1024, 64 * 1024, 128 * 1024,
};

typedef struct
{
  GBytes   *image;
  gsize     chip_size;
  gboolean  footer;
  KsGbaRtc  rtc;
} KsGbaSav;

static gboolean
is_chip_size (gsize size)
{
  for (guint i = 0; i < G_N_ELEMENTS (chip_sizes); i++)
    if (chip_sizes[i] == size)
      return TRUE;

  return FALSE;
}

gboolean
ks_gba_sav_chip_size (gsize  file_size,
                      gsize *chip_size)
{
  gsize chip;

  if (is_chip_size (file_size))
    chip = file_size;
  else if (file_size > KS_GBA_RTC_FOOTER_SIZE && is_chip_size (file_size - KS_GBA_RTC_FOOTER_SIZE))
    chip = file_size - KS_GBA_RTC_FOOTER_SIZE;
  else
    return FALSE;

  if (chip_size != NULL)
    *chip_size = chip;
  return TRUE;
}

static guint
gba_sav_probe (const guint8 *data,
               gsize         size,
               const char   *file_name)
{
  gsize chip;

  if (!ks_gba_sav_chip_size (size, &chip))
    return 0;

  return chip == size ? GBA_SAV_PROBE_PLAIN : GBA_SAV_PROBE_FOOTER;
}

static void
gba_sav_free (gpointer impl)
{
  KsGbaSav *self = impl;

  g_clear_pointer (&self->image, g_bytes_unref);
  g_free (self);
}

static gpointer
gba_sav_load (GBytes  *image,
              GError **error)
{
  KsGbaSav *self;
  gsize size, chip;
  const guint8 *data = g_bytes_get_data (image, &size);

  if (!ks_gba_sav_chip_size (size, &chip))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The file is %zu bytes; a GBA save is 512, 8,192, 32,768, 65,536 or "
                     "131,072 bytes, optionally followed by a 16-byte clock footer."), size);
      return NULL;
    }

  self = g_new0 (KsGbaSav, 1);
  self->image = g_bytes_ref (image);
  self->chip_size = chip;
  self->footer = chip != size &&
                 ks_gba_rtc_footer_parse (data + chip, size - chip, &self->rtc, NULL);
  return self;
}

static const char *
chip_kind (gsize chip_size)
{
  switch (chip_size)
    {
    case 512:
      return _("EEPROM, 4 Kbit");
    case 8 * 1024:
      return _("EEPROM, 64 Kbit");
    case 32 * 1024:
      return _("SRAM or FRAM, 256 Kbit");
    case 64 * 1024:
      return _("Flash or SRAM, 512 Kbit");
    case 128 * 1024:
    default:
      return _("Flash, 1 Mbit");
    }
}

static void
gba_sav_describe (gpointer      impl,
                  GVariantDict *summary)
{
  KsGbaSav *self = impl;
  const guint8 *data = g_bytes_get_data (self->image, NULL);

  g_variant_dict_insert (summary, "save_size", "t", (guint64) self->chip_size);
  g_variant_dict_insert (summary, "chip_kind", "s", chip_kind (self->chip_size));
  g_variant_dict_insert (summary, "rtc_footer", "u",
                         (guint32) (g_bytes_get_size (self->image) - self->chip_size));
  if (self->footer)
    {
      g_autofree char *time = ks_gba_rtc_dup_time (&self->rtc);

      if (time != NULL)
        g_variant_dict_insert (summary, "rtc_clock", "s", time);
      g_variant_dict_insert (summary, "rtc_saved_at", "t", (guint64) self->rtc.saved_unix);
      g_variant_dict_insert (summary, "rtc_power_lost", "b", ks_gba_rtc_power_lost (&self->rtc));
    }
  g_variant_dict_insert (summary, "blank", "b",
                         ks_bytes_all (data, self->chip_size, 0xFF) ||
                         ks_bytes_all (data, self->chip_size, 0x00));
}

static void
gba_sav_verify (gpointer   impl,
                GPtrArray *findings)
{
  KsGbaSav *self = impl;
  const guint8 *data = g_bytes_get_data (self->image, NULL);

  ks_findings_add_unverifiable (findings,
                                _("A GBA save is the cart's save chip as the game left it, with "
                                  "no checksum or signature Keepsake could check."));

  if (ks_bytes_all (data, self->chip_size, 0xFF))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gba-sav-blank",
                     _("Every byte of the save is 0xFF: an erased chip, a game not yet saved "
                       "or a failed read."));
  else if (ks_bytes_all (data, self->chip_size, 0x00))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gba-sav-blank",
                     _("Every byte of the save is 0x00: an empty chip or a failed read."));

  if (!self->footer)
    return;

  ks_findings_add (findings, KS_SEVERITY_INFO, "gba-sav-rtc-footer",
                   _("The file ends with a 16-byte clock footer at offset 0x%zX; Keepsake "
                     "keeps it byte for byte."), self->chip_size);
  if (!ks_gba_rtc_is_valid (&self->rtc))
    ks_findings_add (findings, KS_SEVERITY_WARNING, "gba-sav-rtc-range",
                     _("The clock footer does not hold a date and time an S-3511 clock shows; "
                       "an emulator may reset the game's clock."));
  else if (ks_gba_rtc_power_lost (&self->rtc))
    ks_findings_add (findings, KS_SEVERITY_INFO, "gba-sav-rtc-power-lost",
                     _("The clock had lost power when it was read: its time is not to be "
                       "trusted (the cart's battery may be dry)."));
}

static GBytes *
gba_sav_serialize (gpointer   impl,
                   GError   **error)
{
  KsGbaSav *self = impl;

  return g_bytes_ref (self->image);
}

const KsFormat ks_gba_sav_format = {
  .id = "gba-sav",
  .name = N_("GBA cartridge save"),
  .platform = "GBA",
  .probe = gba_sav_probe,
  .load = gba_sav_load,
  .free = gba_sav_free,
  .describe = gba_sav_describe,
  .verify = gba_sav_verify,
  .serialize = gba_sav_serialize,
};
