/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-rtc-footer.c — mGBA's GBA clock footer (save-chips.md §3.4) and the
 * BGB/VBA-M MBC3 clock footer (§4.2) */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-format.h"
#include "ks-rtc-footer.h"

/* §3.4: offsets in mGBA's footer */
#define GBA_TIME_AT     0
#define GBA_STATUS_AT   7
#define GBA_UNIX_AT     8
/* §4.2: offsets in the MBC3 footer */
#define MBC3_NOW_AT     0
#define MBC3_LATCHED_AT 20
#define MBC3_UNIX_AT    40
#define MBC3_REGISTERS  5
/* §4.1 */
#define MBC3_DAY_HIGH   4
#define MBC3_HALT       0x40
/* §3.2: bit 7 of the hour is the PM flag */
#define HOUR_PM_FLAG    0x80

static guint64
read_le64 (const guint8 *p)
{
  return (guint64) ks_read_le32 (p) | (guint64) ks_read_le32 (p + 4) << 32;
}

static void
write_le64 (guint8  *p,
            guint64  value)
{
  ks_write_le32 (p, (guint32) value);
  ks_write_le32 (p + 4, (guint32) (value >> 32));
}

static gboolean
bcd_in (guint8 value,
        guint  low,
        guint  high,
        guint *decoded)
{
  guint tens = value >> 4, ones = value & 0xF;

  if (tens > 9 || ones > 9)
    return FALSE;
  *decoded = tens * 10 + ones;
  return *decoded >= low && *decoded <= high;
}

static gboolean
decode (const KsGbaRtc *rtc,
        guint           fields[7])
{
  /* §3.2: year 00-99, month 1-12, day 1-31, weekday 0-6, hour 0-23,
   * minute and second 0-59 */
  static const guint low[7] = { 0, 1, 1, 0, 0, 0, 0 };
  static const guint high[7] = { 99, 12, 31, 6, 23, 59, 59 };

  for (guint i = 0; i < 7; i++)
    {
      guint8 value = i == 4 ? rtc->bcd[i] & ~HOUR_PM_FLAG : rtc->bcd[i];

      if (!bcd_in (value, low[i], high[i], &fields[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
ks_gba_rtc_is_valid (const KsGbaRtc *rtc)
{
  guint fields[7];

  g_return_val_if_fail (rtc != NULL, FALSE);

  return decode (rtc, fields);
}

void
ks_gba_rtc_from_reader (KsGbaRtc     *rtc,
                        const guint8 *clock,
                        gint64        read_unix)
{
  g_return_if_fail (rtc != NULL && clock != NULL);

  /* §3.3: the status first, then the 7 bytes of the date and time */
  rtc->status = clock[0];
  memcpy (rtc->bcd, clock + 1, sizeof rtc->bcd);
  rtc->saved_unix = read_unix;
}

void
ks_gba_rtc_bcd_from_time (GDateTime *time,
                          guint      weekday,
                          guint8    *bcd)
{
  guint hour;

  g_return_if_fail (time != NULL && bcd != NULL);
  g_return_if_fail (weekday < 7);

  hour = (guint) g_date_time_get_hour (time);
  bcd[0] = ks_bcd_from_int ((guint) g_date_time_get_year (time) % 100);
  bcd[1] = ks_bcd_from_int ((guint) g_date_time_get_month (time));
  bcd[2] = ks_bcd_from_int ((guint) g_date_time_get_day_of_month (time));
  bcd[3] = ks_bcd_from_int (weekday);
  /* §3.2: in 24-hour mode the hour's bit 7 is set from 12:00 on */
  bcd[4] = (guint8) (ks_bcd_from_int (hour) | (hour >= 12 ? HOUR_PM_FLAG : 0));
  bcd[5] = ks_bcd_from_int ((guint) g_date_time_get_minute (time));
  bcd[6] = ks_bcd_from_int ((guint) g_date_time_get_second (time));
}

GDateTime *
ks_gba_rtc_bcd_to_time (const guint8 *bcd)
{
  g_return_val_if_fail (bcd != NULL, NULL);

  return g_date_time_new_utc (2000 + (gint) ks_bcd_to_int (bcd[0]), (gint) ks_bcd_to_int (bcd[1]),
                              (gint) ks_bcd_to_int (bcd[2]),
                              (gint) ks_bcd_to_int (bcd[4] & ~HOUR_PM_FLAG),
                              (gint) ks_bcd_to_int (bcd[5]), (gdouble) ks_bcd_to_int (bcd[6]));
}

gboolean
ks_gba_rtc_footer_parse (const guint8  *footer,
                         gsize          size,
                         KsGbaRtc      *rtc,
                         GError       **error)
{
  g_return_val_if_fail (footer != NULL || size == 0, FALSE);
  g_return_val_if_fail (rtc != NULL, FALSE);

  if (size != KS_GBA_RTC_FOOTER_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("A GBA clock footer is 16 bytes, not %zu."), size);
      return FALSE;
    }

  memcpy (rtc->bcd, footer + GBA_TIME_AT, sizeof rtc->bcd);
  rtc->status = footer[GBA_STATUS_AT];
  rtc->saved_unix = (gint64) read_le64 (footer + GBA_UNIX_AT);
  return TRUE;
}

void
ks_gba_rtc_footer_build (const KsGbaRtc *rtc,
                         guint8         *footer)
{
  g_return_if_fail (rtc != NULL && footer != NULL);

  memcpy (footer + GBA_TIME_AT, rtc->bcd, sizeof rtc->bcd);
  footer[GBA_STATUS_AT] = rtc->status;
  write_le64 (footer + GBA_UNIX_AT, (guint64) rtc->saved_unix);
}

/* The clock keeps its weekday apart from its date: it is shown as the
 * clock holds it (0 is Sunday, §3.2) */
static const char *const weekdays[] = {
  N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
  N_("Thursday"), N_("Friday"), N_("Saturday"),
};

char *
ks_gba_rtc_dup_time (const KsGbaRtc *rtc)
{
  guint f[7];

  g_return_val_if_fail (rtc != NULL, NULL);

  if (!decode (rtc, f))
    return NULL;

  /* Translators: a cart clock's time: a weekday, then 2026-12-07 11:36:05 */
  return g_strdup_printf (_("%s 20%02u-%02u-%02u %02u:%02u:%02u"),
                          _(weekdays[f[3] % G_N_ELEMENTS (weekdays)]),
                          f[0], f[1], f[2], f[4], f[5], f[6]);
}

gboolean
ks_gba_rtc_power_lost (const KsGbaRtc *rtc)
{
  g_return_val_if_fail (rtc != NULL, FALSE);

  return (rtc->status & KS_S3511_STATUS_POWER_LOST) != 0;
}

gboolean
ks_mbc3_rtc_footer_parse (const guint8  *footer,
                          gsize          size,
                          KsMbc3Rtc     *rtc,
                          GError       **error)
{
  g_return_val_if_fail (footer != NULL || size == 0, FALSE);
  g_return_val_if_fail (rtc != NULL, FALSE);

  if (size != KS_MBC3_RTC_FOOTER_SIZE && size != KS_MBC3_RTC_FOOTER_SIZE_OLD)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("An MBC3 clock footer is 48 or 44 bytes, not %zu."), size);
      return FALSE;
    }

  for (guint i = 0; i < MBC3_REGISTERS; i++)
    {
      rtc->now[i] = ks_read_le32 (footer + MBC3_NOW_AT + 4 * i);
      rtc->latched[i] = ks_read_le32 (footer + MBC3_LATCHED_AT + 4 * i);
    }
  rtc->old_layout = size == KS_MBC3_RTC_FOOTER_SIZE_OLD;
  rtc->saved_unix = rtc->old_layout ? (gint64) ks_read_le32 (footer + MBC3_UNIX_AT)
                                    : (gint64) read_le64 (footer + MBC3_UNIX_AT);
  return TRUE;
}

gsize
ks_mbc3_rtc_footer_build (const KsMbc3Rtc *rtc,
                          guint8          *footer)
{
  g_return_val_if_fail (rtc != NULL && footer != NULL, 0);

  for (guint i = 0; i < MBC3_REGISTERS; i++)
    {
      ks_write_le32 (footer + MBC3_NOW_AT + 4 * i, rtc->now[i]);
      ks_write_le32 (footer + MBC3_LATCHED_AT + 4 * i, rtc->latched[i]);
    }
  if (rtc->old_layout)
    {
      ks_write_le32 (footer + MBC3_UNIX_AT, (guint32) rtc->saved_unix);
      return KS_MBC3_RTC_FOOTER_SIZE_OLD;
    }

  write_le64 (footer + MBC3_UNIX_AT, (guint64) rtc->saved_unix);
  return KS_MBC3_RTC_FOOTER_SIZE;
}

gboolean
ks_mbc3_rtc_halted (const KsMbc3Rtc *rtc)
{
  g_return_val_if_fail (rtc != NULL, FALSE);

  return (rtc->now[MBC3_DAY_HIGH] & MBC3_HALT) != 0;
}

guint
ks_mbc3_rtc_days (const KsMbc3Rtc *rtc)
{
  g_return_val_if_fail (rtc != NULL, 0);

  return (rtc->now[3] & 0xFF) | (rtc->now[MBC3_DAY_HIGH] & 1) << 8;
}
