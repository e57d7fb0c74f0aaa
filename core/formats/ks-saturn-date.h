/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-date.h — the Saturn backup date: minutes since 1980-01-01 00:00
 *
 * Spec saturn.md §1.8.  The console clock has no time zone, so a date is a
 * wall-clock reading.  Keepsake carries it as a UTC GDateTime whose fields
 * are that reading unchanged (2000-05-31 02:00 stays 02:00 whatever the
 * machine's zone); never convert it to local time for display.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *ks_saturn_date_to_datetime   (guint32    minutes);
guint32    ks_saturn_date_from_datetime (GDateTime *datetime);
guint32    ks_saturn_date_now           (void);

G_END_DECLS
