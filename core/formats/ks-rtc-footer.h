/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-rtc-footer.h — the cart clocks emulators keep after a save
 *
 * mGBA's 16-byte footer after a GBA save with a Seiko S-3511 clock
 * (save-chips.md §3.4), and the 48-byte (older: 44-byte) footer BGB and
 * VBA-M keep after an MBC3 cart's RAM (§4.2).  Parsing never changes a
 * byte: a footer built from what was parsed is the footer read.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_GBA_RTC_FOOTER_SIZE      16
#define KS_GBA_RTC_CLOCK_SIZE       8    /* status + 7 date-and-time bytes, as the reader gives them */
#define KS_MBC3_RTC_FOOTER_SIZE     48
#define KS_MBC3_RTC_FOOTER_SIZE_OLD 44

/* §3.2: the S-3511's status bits */
#define KS_S3511_STATUS_24H         0x40
#define KS_S3511_STATUS_POWER_LOST  0x80

typedef struct
{
  guint8  bcd[7];       /* year, month, day, weekday, hour, minute, second as the chip gives them */
  guint8  status;
  gint64  saved_unix;   /* when the clock was read (u64 LE in the footer) */
} KsGbaRtc;

typedef struct
{
  guint32 now[5];       /* seconds, minutes, hours, day low, day high */
  guint32 latched[5];
  gint64  saved_unix;
  gboolean old_layout;  /* the 44-byte variant with a u32 time */
} KsMbc3Rtc;

/* §3.2: every field a valid BCD number in its range (a cart without a
 * clock answers all 0x00 or all 0xFF, which is not) */
gboolean ks_gba_rtc_is_valid       (const KsGbaRtc  *rtc);
/* From the 8 bytes the reader's AGB_READ_GPIO_RTC answers (§3.3) */
void     ks_gba_rtc_from_reader    (KsGbaRtc        *rtc,
                                    const guint8    *clock,
                                    gint64           read_unix);
/* §3.2: the 7 date-and-time bytes for @time in 24-hour mode; the chip
 * keeps its weekday (0 is Sunday … 6) apart from the date, so the caller
 * gives it */
void     ks_gba_rtc_bcd_from_time  (GDateTime       *time,
                                    guint            weekday,
                                    guint8          *bcd);
/* The date and time the 7 bytes hold, in UTC (the weekday byte is not
 * read), or NULL when they are no date */
GDateTime *ks_gba_rtc_bcd_to_time  (const guint8    *bcd);
gboolean ks_gba_rtc_footer_parse   (const guint8    *footer,
                                    gsize            size,
                                    KsGbaRtc        *rtc,
                                    GError         **error);
void     ks_gba_rtc_footer_build   (const KsGbaRtc  *rtc,
                                    guint8          *footer);
/* "Monday 2026-12-07 11:36:05" (the weekday as the clock holds it), or
 * NULL when the fields are not valid */
char    *ks_gba_rtc_dup_time       (const KsGbaRtc  *rtc);
/* §3.2: the chip lost its supply since the flag was last cleared */
gboolean ks_gba_rtc_power_lost     (const KsGbaRtc  *rtc);

gboolean ks_mbc3_rtc_footer_parse  (const guint8    *footer,
                                    gsize            size,
                                    KsMbc3Rtc       *rtc,
                                    GError         **error);
/* Writes KS_MBC3_RTC_FOOTER_SIZE bytes, or the old 44 when @rtc has the
 * old layout; returns how many */
gsize    ks_mbc3_rtc_footer_build  (const KsMbc3Rtc *rtc,
                                    guint8          *footer);
/* §4.1: the halt bit of the day-high register */
gboolean ks_mbc3_rtc_halted        (const KsMbc3Rtc *rtc);
/* The running clock's day counter (9 bits) */
guint    ks_mbc3_rtc_days          (const KsMbc3Rtc *rtc);

G_END_DECLS
