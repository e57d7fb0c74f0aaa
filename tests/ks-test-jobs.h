/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-jobs.h — the fixture job tests share: a fresh library folder and
 * a job queue, and a way to run a job to its end */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

typedef struct
{
  char       *dir;
  KsLibrary  *library;
  KsJobQueue *queue;
} KsTestJobs;

void     ks_test_jobs_set_up    (KsTestJobs    *f,
                                 gconstpointer  data);
void     ks_test_jobs_tear_down (KsTestJobs    *f,
                                 gconstpointer  data);
/* Queues @job and iterates the main context until it has ended. */
gboolean ks_test_jobs_run       (KsTestJobs    *f,
                                 KsJob         *job,
                                 GError       **error);

G_END_DECLS
