/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-row.h — one running or finished job in the window's jobs area */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_JOB_ROW (ks_job_row_get_type ())

G_DECLARE_FINAL_TYPE (KsJobRow, ks_job_row, KS, JOB_ROW, GtkListBoxRow)

GtkWidget  *ks_job_row_new         (KsJob    *job);
KsJob      *ks_job_row_get_job     (KsJobRow *self);
const char *ks_job_row_get_status  (KsJobRow *self);
gboolean    ks_job_row_is_running  (KsJobRow *self);
gboolean    ks_job_row_shows_progress (KsJobRow *self);
void        ks_job_row_set_sequence (KsJobRow *self,
                                     guint64   sequence);
guint64     ks_job_row_get_sequence (KsJobRow *self);

G_END_DECLS
