/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-saturn-date.c — the backup date, minutes since 1980 (spec saturn.md §1.8, §7.6) */

#include "config.h"

#include "ks-test-utils.h"

static void
assert_date (guint32     minutes,
             const char *expected)
{
  g_autoptr(GDateTime) date = ks_saturn_date_to_datetime (minutes);
  g_autofree char *text = NULL;

  g_assert_nonnull (date);
  text = g_date_time_format (date, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (text, ==, expected);
  /* and back: the field survives a trip through GDateTime unchanged */
  g_assert_cmpuint (ks_saturn_date_from_datetime (date), ==, minutes);
}

static void
test_vector_6_dates (void)
{
  assert_date (0x00A3D478, "2000-05-31 02:00");
  assert_date (0x014A8D41, "2021-03-09 18:41");
  assert_date (0x0167BFE3, "2024-10-28 14:27");
  assert_date (0x00721A81, "1994-03-20 23:29");
  /* BUP_SetDate's answer to an all-zero date */
  assert_date (0x008246A0, "1996-03-26 00:00");
}

static void
test_epoch_is_a_tuesday (void)
{
  g_autoptr(GDateTime) epoch = ks_saturn_date_to_datetime (0);

  assert_date (0, "1980-01-01 00:00");
  g_assert_cmpint (g_date_time_get_day_of_week (epoch), ==, 2);
}

static void
test_leap_days_count (void)
{
  /* 1980 is a leap year: 1981-01-01 is 366 days in */
  assert_date (366 * 1440, "1981-01-01 00:00");
  /* 2000 is a leap year too (÷400) */
  assert_date (0x00A3D478 - 92 * 1440, "2000-02-29 02:00");
}

static void
test_wall_clock_is_kept_whatever_the_zone (void)
{
  g_autoptr(GTimeZone) tokyo = g_time_zone_new_identifier ("+09:00");
  g_autoptr(GDateTime) local = g_date_time_new (tokyo, 2000, 5, 31, 2, 0, 0);

  g_assert_nonnull (tokyo);
  /* the console has no zone: 02:00 stays 02:00 */
  g_assert_cmpuint (ks_saturn_date_from_datetime (local), ==, 0x00A3D478);
}

static void
test_out_of_range (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_utc (1979, 12, 31, 23, 59, 0);
  g_autoptr(GDateTime) max = ks_saturn_date_to_datetime (G_MAXUINT32);

  g_assert_cmpuint (ks_saturn_date_from_datetime (before), ==, 0);
  /* G_MAXUINT32 minutes is past the year 9999 that GDateTime holds */
  g_assert_null (max);
}

static void
test_now_is_recent (void)
{
  guint32 now = ks_saturn_date_now ();

  /* after 2024-10-28 (a §7.6 date), before the year 2200 */
  g_assert_cmpuint (now, >, 0x0167BFE3);
  g_assert_cmpuint (now, <, 0x0167BFE3 + 176u * 366 * 1440);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saturn/date/vector-6", test_vector_6_dates);
  g_test_add_func ("/saturn/date/epoch-is-a-tuesday", test_epoch_is_a_tuesday);
  g_test_add_func ("/saturn/date/leap-days-count", test_leap_days_count);
  g_test_add_func ("/saturn/date/wall-clock-is-kept-whatever-the-zone",
                   test_wall_clock_is_kept_whatever_the_zone);
  g_test_add_func ("/saturn/date/out-of-range", test_out_of_range);
  g_test_add_func ("/saturn/date/now-is-recent", test_now_is_recent);

  return g_test_run ();
}
