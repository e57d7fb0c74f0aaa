/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-jobs.c — the fixture job tests share */

#include "config.h"

#include "ks-test-jobs.h"
#include "ks-test-utils.h"

void
ks_test_jobs_set_up (KsTestJobs    *f,
                     gconstpointer  data)
{
  f->dir = ks_test_make_tmpdir ();
  f->library = ks_library_new (f->dir);
  f->queue = ks_job_queue_new ();
}

void
ks_test_jobs_tear_down (KsTestJobs    *f,
                        gconstpointer  data)
{
  ks_job_queue_shutdown (f->queue);
  g_clear_object (&f->queue);
  g_clear_object (&f->library);
  g_free (f->dir);
}

gboolean
ks_test_jobs_run (KsTestJobs  *f,
                  KsJob       *job,
                  GError     **error)
{
  ks_job_queue_push (f->queue, job);
  return ks_job_wait (job, error);
}
