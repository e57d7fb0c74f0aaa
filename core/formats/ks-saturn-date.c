/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-date.c — minutes since 1980 ↔ GDateTime (spec saturn.md §1.8)
 *
 * An ordinary Gregorian day count: days·1440 + h·60 + m.  The BIOS works in
 * 4-year cycles of 1461 days, which agrees for 1980–2099; beyond that the
 * Gregorian answer is the honest one.  Dates are wall-clock readings carried
 * in UTC GDateTimes (see the header).
 */

#include "config.h"

#include "ks-saturn-date.h"

/* §1.8: the epoch, 1980-01-01 00:00 (a Tuesday) */
#define SATURN_EPOCH_YEAR 1980
#define MINUTES_PER_DAY   1440

/* NULL when the value lies past what GDateTime holds (year 9999): a u32 of
 * minutes reaches the year 10146. */
GDateTime *
ks_saturn_date_to_datetime (guint32 minutes)
{
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (SATURN_EPOCH_YEAR, 1, 1, 0, 0, 0);

  /* g_date_time_add_minutes() takes a gint: 2^31 minutes and up would wrap */
  return g_date_time_add (epoch, (GTimeSpan) minutes * G_TIME_SPAN_MINUTE);
}

/* The wall-clock fields of @datetime, whatever its zone; clamped to the
 * range of the field (before 1980 → 0). */
guint32
ks_saturn_date_from_datetime (GDateTime *datetime)
{
  GDate date, epoch;
  gint year, month, day;
  gint64 days, minutes;

  g_return_val_if_fail (datetime != NULL, 0);

  g_date_time_get_ymd (datetime, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, day, month, year);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, SATURN_EPOCH_YEAR);
  days = (gint64) g_date_get_julian (&date) - (gint64) g_date_get_julian (&epoch);

  minutes = days * MINUTES_PER_DAY
            + g_date_time_get_hour (datetime) * 60
            + g_date_time_get_minute (datetime);

  return (guint32) CLAMP (minutes, 0, (gint64) G_MAXUINT32);
}

/* The console would stamp a new save with its own clock, which users set to
 * local time. */
guint32
ks_saturn_date_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return ks_saturn_date_from_datetime (now);
}
