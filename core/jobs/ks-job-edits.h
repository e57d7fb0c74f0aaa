/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-edits.h — the container edits write jobs apply (KsJobEdit), the
 * same for the window and keepsake-cli
 *
 * ks_job_write_save_new() runs one of these on the device's worker, on
 * what the device holds when the job runs.  The window's Delete and its
 * trainer editor's Save use them as they are; the command line wraps them
 * with its own checks (--game, --force).
 */
#pragma once

#include "ks-container.h"
#include "ks-gen3-trainer.h"

G_BEGIN_DECLS

/* @user_data: GUINT_TO_POINTER (index of the save to remove) */
gboolean ks_job_edit_remove       (KsContainer  *container,
                                   gpointer      user_data,
                                   GError      **error);
/* @user_data: a KsGen3Trainer, the whole trainer to store (the editor's
 * fields); free it with ks_job_edit_trainer_free() */
gboolean ks_job_edit_set_trainer  (KsContainer  *container,
                                   gpointer      user_data,
                                   GError      **error);
void     ks_job_edit_trainer_free (gpointer      trainer);

G_END_DECLS
