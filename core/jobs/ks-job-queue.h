/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-queue.h — one worker per device
 *
 * Jobs with the same device key (a port path, a file path) run one after
 * the other on that device's own thread, so a serial port is used by one
 * job at a time; jobs on different devices run at the same time.
 */
#pragma once

#include <gio/gio.h>

#include "ks-job.h"

G_BEGIN_DECLS

#define KS_TYPE_JOB_QUEUE (ks_job_queue_get_type ())

G_DECLARE_FINAL_TYPE (KsJobQueue, ks_job_queue, KS, JOB_QUEUE, GObject)

KsJobQueue *ks_job_queue_new          (void);
/* Queues @job on the worker of its device key (the queue takes a ref). */
void        ks_job_queue_push         (KsJobQueue *self,
                                       KsJob      *job);
/* Jobs queued or running */
guint       ks_job_queue_get_n_active (KsJobQueue *self);
/* Cancels every job and waits for the workers to stop. */
void        ks_job_queue_shutdown     (KsJobQueue *self);

G_END_DECLS
