/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-clock.c — a cart's clock set after a restore (save-chips.md
 * §3.5, §4.3): the values come from the computer's time or the restored
 * file's footer, go to the cart through the reader, and are read back */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-cart-clock.h"
#include "ks-flash-error.h"
#include "ks-format.h"
#include "ks-gb-mbc-driver.h"
#include "ks-rtc-footer.h"

/* §3.5, §4.3: how far a running clock may have moved on between the
 * write and the read back */
#define CLOCK_SLACK_SECONDS  5
/* §3.5: the 24-hour mode the games use */
#define GBA_STATUS_SET       KS_S3511_STATUS_24H
/* §4.1 */
#define MBC3_SELECT          0x4000
#define MBC3_REGISTER        0xA000
#define MBC3_LATCH           0x6000
#define MBC3_FIRST_REGISTER  0x08
#define MBC3_DAY_HIGH        0x0C
#define MBC3_HALT            0x40

static const char *const choice_names[] = { "keep", "now", "from-backup" };

gboolean
ks_clock_choice_parse (const char     *text,
                       KsClockChoice  *choice,
                       GError        **error)
{
  g_return_val_if_fail (text != NULL && choice != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (choice_names); i++)
    if (g_str_equal (text, choice_names[i]))
      {
        *choice = i;
        return TRUE;
      }

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
               _("“%s” is not a clock choice; use keep, now or from-backup."), text);
  return FALSE;
}

const char *
ks_clock_choice_to_string (KsClockChoice choice)
{
  g_return_val_if_fail ((guint) choice < G_N_ELEMENTS (choice_names), NULL);

  return choice_names[choice];
}

/* The footer after the save in @content, or NULL */
static const guint8 *
footer_of (const KsCartInfo *info,
           GBytes           *content,
           gsize            *length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (content, &size);

  if (size <= info->save_size)
    return NULL;
  *length = size - info->save_size;
  return data + info->save_size;
}

static gboolean
gba_from_backup (const KsCartInfo  *info,
                 GBytes            *content,
                 KsGbaRtc          *rtc,
                 GError           **error)
{
  gsize length = 0;
  const guint8 *footer = content != NULL ? footer_of (info, content, &length) : NULL;

  if (footer == NULL || !ks_gba_rtc_footer_parse (footer, length, rtc, NULL) ||
      !ks_gba_rtc_is_valid (rtc))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                   _("The file has no clock footer with a valid date and time after its "
                     "%zu bytes of save, so the cart's clock cannot be set from it."),
                   info->save_size);
      return FALSE;
    }
  return TRUE;
}

static gboolean
mbc3_from_backup (const KsCartInfo  *info,
                  GBytes            *content,
                  KsMbc3Rtc         *rtc,
                  GError           **error)
{
  gsize length = 0;
  const guint8 *footer = content != NULL ? footer_of (info, content, &length) : NULL;

  if (footer == NULL || !ks_mbc3_rtc_footer_parse (footer, length, rtc, NULL) ||
      rtc->now[0] > 59 || rtc->now[1] > 59 || rtc->now[2] > 23 || rtc->now[3] > 0xFF ||
      (rtc->now[4] & ~0xC1u) != 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                   _("The file has no MBC3 clock footer with valid registers after its %zu "
                     "bytes of save, so the cart's clock cannot be set from it."),
                   info->save_size);
      return FALSE;
    }
  return TRUE;
}

gboolean
ks_cart_clock_check (const KsCartInfo  *info,
                     KsClockChoice      choice,
                     GBytes            *content,
                     GError           **error)
{
  KsGbaRtc gba;
  KsMbc3Rtc mbc3;

  g_return_val_if_fail (info != NULL, FALSE);

  if (choice == KS_CLOCK_KEEP)
    return TRUE;

  if (info->has_clock)
    return choice == KS_CLOCK_NOW || gba_from_backup (info, content, &gba, error);

  if (info->has_mbc3_clock)
    {
      if (choice == KS_CLOCK_NOW)
        {
          g_set_error_literal (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                               _("An MBC3 clock counts days from whenever the game set it, not "
                                 "a date, so it cannot be set to now; keep it, or set it from "
                                 "the backup's clock footer."));
          return FALSE;
        }
      return mbc3_from_backup (info, content, &mbc3, error);
    }

  g_set_error_literal (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                       _("This cart has no clock that answered when it was detected, so there "
                         "is no clock to set."));
  return FALSE;
}

static void
gba_now (KsGbaRtc *rtc)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* §3.5: weekday 0 is Sunday (GLib counts Monday 1 … Sunday 7) */
  ks_gba_rtc_bcd_from_time (now, (guint) g_date_time_get_day_of_week (now) % 7, rtc->bcd);
  rtc->status = GBA_STATUS_SET;
}

static gint64
gba_seconds (const guint8 *bcd)
{
  g_autoptr(GDateTime) t = ks_gba_rtc_bcd_to_time (bcd);

  return t != NULL ? g_date_time_to_unix (t) : -1;
}

static gboolean
set_gba (KsLkReader        *reader,
         const KsCartInfo  *info,
         KsClockChoice      choice,
         GBytes            *content,
         char             **set_to,
         GError           **error)
{
  KsGbaRtc wanted = { 0 }, now = { 0 };
  guint8 back[KS_LK_GBA_RTC_SIZE];
  gint64 diff;
  g_autofree char *shows = NULL;

  if (choice == KS_CLOCK_NOW)
    gba_now (&wanted);
  else if (!gba_from_backup (info, content, &wanted, error))
    return FALSE;

  if ((ks_lk_reader_get_session (reader) != KS_LK_SESSION_AGB &&
       !ks_lk_reader_start_session (reader, KS_LK_SESSION_AGB, error)) ||
      !ks_lk_reader_write_gba_rtc (reader, GBA_STATUS_SET, wanted.bcd, error) ||
      !ks_lk_reader_read_gba_rtc (reader, back, error))
    return FALSE;

  ks_gba_rtc_from_reader (&now, back, 0);
  diff = gba_seconds (now.bcd) - gba_seconds (wanted.bcd);
  if (!ks_gba_rtc_is_valid (&now) || ks_gba_rtc_power_lost (&now) ||
      diff < 0 || diff > CLOCK_SLACK_SECONDS)
    {
      shows = ks_gba_rtc_dup_time (&now);
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                   _("The save was written and read back, but the clock did not take the time "
                     "it was given: it reads %s (status %02X)."),
                   shows != NULL ? shows : _("no valid date"), now.status);
      return FALSE;
    }

  if (set_to != NULL)
    *set_to = ks_gba_rtc_dup_time (&wanted);
  return TRUE;
}

static guint64
mbc3_seconds (const guint8 *r)
{
  return ((guint64) (r[4] & 1) << 8 | r[3]) * 86400 + r[2] * 3600u + r[1] * 60u + r[0];
}

static gboolean
set_mbc3 (KsLkReader        *reader,
          const KsCartInfo  *info,
          GBytes            *content,
          char             **set_to,
          GError           **error)
{
  KsMbc3Rtc rtc = { 0 };
  KsBus *bus;
  guint8 wanted[5], back[5];
  gint64 diff;

  if (!mbc3_from_backup (info, content, &rtc, error))
    return FALSE;
  for (guint i = 0; i < 5; i++)
    wanted[i] = (guint8) rtc.now[i];

  if (ks_lk_reader_get_session (reader) != KS_LK_SESSION_DMG &&
      !ks_lk_reader_start_session (reader, KS_LK_SESSION_DMG, error))
    return FALSE;
  bus = ks_lk_reader_get_bus (reader);

  /* §4.3: halt, the four counters, day high as wanted; latch; read back */
  if (!ks_gb_mbc_set_ram_enabled (bus, KS_GB_MBC_MBC3, TRUE, error) ||
      !ks_bus_write (bus, MBC3_SELECT, MBC3_DAY_HIGH, error) ||
      !ks_bus_write (bus, MBC3_REGISTER, (guint8) (wanted[4] | MBC3_HALT), error))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!ks_bus_write (bus, MBC3_SELECT, (guint8) (MBC3_FIRST_REGISTER + i), error) ||
        !ks_bus_write (bus, MBC3_REGISTER, wanted[i], error))
      return FALSE;
  if (!ks_bus_write (bus, MBC3_SELECT, MBC3_DAY_HIGH, error) ||
      !ks_bus_write (bus, MBC3_REGISTER, wanted[4], error) ||
      !ks_bus_write (bus, MBC3_LATCH, 0x00, error) ||
      !ks_bus_write (bus, MBC3_LATCH, 0x01, error))
    return FALSE;
  for (guint i = 0; i < 5; i++)
    if (!ks_bus_write (bus, MBC3_SELECT, (guint8) (MBC3_FIRST_REGISTER + i), error) ||
        !ks_bus_read (bus, MBC3_REGISTER, &back[i], error))
      return FALSE;
  if (!ks_bus_write (bus, MBC3_SELECT, 0x00, error) ||
      !ks_gb_mbc_set_ram_enabled (bus, KS_GB_MBC_MBC3, FALSE, error))
    return FALSE;

  diff = (gint64) mbc3_seconds (back) - (gint64) mbc3_seconds (wanted);
  if ((back[4] & MBC3_HALT) != (wanted[4] & MBC3_HALT) || diff < 0 || diff > CLOCK_SLACK_SECONDS)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY,
                   _("The save was written and read back, but the clock did not take the time "
                     "it was given: its registers read %02X %02X %02X %02X %02X."),
                   back[0], back[1], back[2], back[3], back[4]);
      return FALSE;
    }

  if (set_to != NULL)
    *set_to = g_strdup_printf (_("day %u, %02u:%02u:%02u"), ks_mbc3_rtc_days (&rtc),
                               wanted[2], wanted[1], wanted[0]);
  return TRUE;
}

gboolean
ks_cart_clock_set (KsLkReader        *reader,
                   const KsCartInfo  *info,
                   KsClockChoice      choice,
                   GBytes            *content,
                   char             **set_to,
                   GError           **error)
{
  g_return_val_if_fail (KS_IS_LK_READER (reader), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (choice == KS_CLOCK_KEEP)
    return TRUE;
  if (!ks_cart_clock_check (info, choice, content, error))
    return FALSE;

  if (info->has_clock)
    return set_gba (reader, info, choice, content, set_to, error);
  return set_mbc3 (reader, info, content, set_to, error);
}

gboolean
ks_clock_footer_present (GBytes     *bytes,
                         const char *format_id)
{
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GVariant) summary = NULL;
  guint32 rtc_footer = 0;
  guint64 gen3_footer = 0;

  g_return_val_if_fail (bytes != NULL, FALSE);

  container = ks_container_new_from_bytes (bytes, NULL, format_id, NULL);
  if (container == NULL)
    return FALSE;

  /* the facts the formats give: gb-sav and gba-sav "rtc_footer", Gen III
   * "footer_length" (mGBA's 16 bytes, §3.4) */
  summary = g_variant_ref_sink (ks_container_describe (container));
  if (g_variant_lookup (summary, "rtc_footer", "u", &rtc_footer))
    return rtc_footer > 0;
  return g_variant_lookup (summary, "footer_length", "t", &gen3_footer) &&
         gen3_footer == KS_GBA_RTC_FOOTER_SIZE;
}
