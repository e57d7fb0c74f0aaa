/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-result.h — a finished job's result in one or two sentences */
#pragma once

#include "ks-job.h"

G_BEGIN_DECLS

/* What was written and verified, where the backup went, the verdict of a
 * verify, or the error in the words core gave it; "Waiting…" before the
 * end.  Free with g_free(). */
char *ks_job_describe_result (KsJob *job);

G_END_DECLS
