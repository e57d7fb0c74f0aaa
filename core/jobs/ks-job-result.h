/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-result.h — a job's effect in one or two sentences: what a planned
 * copy or restore will do, and what a finished job did */
#pragma once

#include "ks-copy-plan.h"
#include "ks-job.h"

G_BEGIN_DECLS

/* What was written and verified, where the backup went, the verdict of a
 * verify, or the error in the words core gave it; "Waiting…" before the
 * end.  Free with g_free(). */
char *ks_job_describe_result (KsJob *job);

/* What a copy (@kind KS_JOB_KIND_COPY) or whole-image restore
 * (KS_JOB_KIND_RESTORE) planned by @plan does to @target when it runs with
 * @choice, and what is kept: the save @name (the name the save goes in
 * under when the plan does not know one).  Free with g_free(). */
char *ks_job_describe_plan   (KsJobKind     kind,
                              KsCopyPlan   *plan,
                              KsCopyChoice  choice,
                              const char   *name,
                              const char   *target);

G_END_DECLS
