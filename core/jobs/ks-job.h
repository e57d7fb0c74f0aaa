/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job.h — one operation on one device, run on that device's worker
 *
 * A job carries its kind, a title, and the progress the worker publishes:
 * a fraction, bytes done and total, speed, time left and a sentence for the
 * phase.  The worker publishes under a lock; the main context that created
 * the job is told at most every KS_JOB_PROGRESS_INTERVAL_MS (as Nautilus'
 * progress info does), through notify::progress, and once more when the
 * job ends (the "finished" signal).  Properties are read on that context.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-writer.h"
#include "ks-library.h"

G_BEGIN_DECLS

/* DESIGN.md: at most ~30 updates a second reach the main loop */
#define KS_JOB_PROGRESS_INTERVAL_MS 33

typedef enum
{
  KS_JOB_KIND_BACKUP,
  KS_JOB_KIND_RESTORE,
  KS_JOB_KIND_ERASE,
  KS_JOB_KIND_WRITE_SAVE,
  KS_JOB_KIND_COPY,
  KS_JOB_KIND_VERIFY,
  KS_JOB_KIND_EDIT_BACKUP,
} KsJobKind;

typedef enum
{
  KS_JOB_STATE_QUEUED,
  KS_JOB_STATE_RUNNING,
  KS_JOB_STATE_DONE,
  KS_JOB_STATE_FAILED,
  KS_JOB_STATE_CANCELLED,
} KsJobState;

#define KS_TYPE_JOB (ks_job_get_type ())

G_DECLARE_FINAL_TYPE (KsJob, ks_job, KS, JOB, GObject)

/* Runs on the worker thread.  Publishes progress with ks_job_set_progress(),
 * fills ks_job_get_result_for_worker(), and returns FALSE with @error set
 * on failure or cancellation. */
typedef gboolean (*KsJobFunc) (KsJob         *job,
                               gpointer       data,
                               GCancellable  *cancellable,
                               GError       **error);

KsJob         *ks_job_new               (KsJobKind       kind,
                                         const char     *title,
                                         const char     *device_key,
                                         KsJobFunc       func,
                                         gpointer        data,
                                         GDestroyNotify  data_free);

KsJobKind      ks_job_get_kind          (KsJob          *self);
const char    *ks_job_get_title         (KsJob          *self);
/* Before the job is queued: a title that names the cart or file (the
 * constructors can only name the port or path) */
void           ks_job_set_title         (KsJob          *self,
                                         const char     *title);
/* Before the job is queued: one sentence saying what it will do to the
 * device ("Adds a new save; nothing on the card is replaced."), or NULL */
const char    *ks_job_get_summary       (KsJob          *self);
void           ks_job_set_summary       (KsJob          *self,
                                         const char     *summary);
/* The worker it runs on: a port path or a file path */
const char    *ks_job_get_device_key    (KsJob          *self);
GCancellable  *ks_job_get_cancellable   (KsJob          *self);
void           ks_job_cancel            (KsJob          *self);

/* Main context: the last published progress */
KsJobState     ks_job_get_state         (KsJob          *self);
double         ks_job_get_fraction      (KsJob          *self);
guint64        ks_job_get_bytes_done    (KsJob          *self);
guint64        ks_job_get_bytes_total   (KsJob          *self);
/* bytes a second over the current phase; 0 when unknown */
double         ks_job_get_speed         (KsJob          *self);
/* seconds; -1 when unknown */
gint64         ks_job_get_time_left     (KsJob          *self);
char          *ks_job_dup_phase         (KsJob          *self);
/* How many progress notifications reached the main context */
guint          ks_job_get_n_notifies    (KsJob          *self);

/* After "finished": the error (NULL on success), what was written, what
 * was read (backup jobs), the library entry made */
const GError  *ks_job_get_error         (KsJob          *self);
const KsWriteResult *ks_job_get_result  (KsJob          *self);
GBytes        *ks_job_get_content       (KsJob          *self);
const KsBackupEntry *ks_job_get_backup  (KsJob          *self);
/* What a verify job found (KsFinding), or NULL */
GPtrArray     *ks_job_get_findings      (KsJob          *self);
/* Iterates the main context until the job has finished; TRUE on success. */
gboolean       ks_job_wait              (KsJob          *self,
                                         GError        **error);

/* Worker side */
void           ks_job_set_progress      (KsJob          *self,
                                         guint64         done,
                                         guint64         total,
                                         const char     *phase);
KsWriteResult *ks_job_get_result_for_worker (KsJob      *self);
void           ks_job_take_content      (KsJob          *self,
                                         GBytes         *content);
void           ks_job_take_backup       (KsJob          *self,
                                         KsBackupEntry  *entry);
void           ks_job_take_findings     (KsJob          *self,
                                         GPtrArray      *findings);
/* Runs the job's function on the calling thread and publishes the end. */
void           ks_job_run               (KsJob          *self);

G_END_DECLS
