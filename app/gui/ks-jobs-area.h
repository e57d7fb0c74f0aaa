/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-jobs-area.h — the window's jobs: a bounded, scrolling list, running
 * jobs first, with a count of what runs and what has ended, and Clear
 * Finished
 *
 * The area never grows past its height: however many jobs have run, the
 * window keeps its size and the tree its room.
 */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_JOBS_AREA (ks_jobs_area_get_type ())

G_DECLARE_FINAL_TYPE (KsJobsArea, ks_jobs_area, KS, JOBS_AREA, GtkWidget)

/* Ended rows kept before the oldest go (Clear Finished takes them all) */
#define KS_JOBS_AREA_MAX_ENDED 50

void        ks_jobs_area_add             (KsJobsArea *self,
                                          KsJob      *job);
KsJob      *ks_jobs_area_get_newest_job  (KsJobsArea *self);
void        ks_jobs_area_clear_finished  (KsJobsArea *self);
guint       ks_jobs_area_get_n_running   (KsJobsArea *self);
guint       ks_jobs_area_get_n_ended     (KsJobsArea *self);
/* The row of @job, or NULL */
GtkWidget  *ks_jobs_area_get_row         (KsJobsArea *self,
                                          KsJob      *job);
/* "2 running · 5 finished" as shown */
const char *ks_jobs_area_get_summary     (KsJobsArea *self);

G_END_DECLS
