/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-copy-check.h — everything that would stop a copy, found before it runs
 *
 * Dolphin's lesson (DESIGN.md): check compatibility, free space and name
 * clashes first, report every problem at once, and write nothing unless all
 * pass.  The check dry-runs the insert on a copy of the target in memory.
 */
#pragma once

#include <glib.h>

#include "ks-container.h"

G_BEGIN_DECLS

/* Problems (sentences) with copying save @index of @source (G_MAXUINT: the
 * whole save of a single-save container) into @target, named
 * @target_title in the sentences.  An empty array means the copy can run.
 * @target may be NULL (its format is unknown). */
GPtrArray *ks_copy_check (KsContainer *source,
                          guint        index,
                          KsContainer *target,
                          const char  *target_title);

typedef enum
{
  KS_COPY_CHECK_NONE         = 0,
  /* The target is the Game Boy cart on top of a Mega Memory Card: an entry
   * of the card fits it as the card's own restore does (a longer save is
   * cut, a shorter one leaves the rest; ks_mmc_top_cart_fit_save()), so
   * sizes need not match. */
  KS_COPY_CHECK_CARD_RESTORE = 1 << 0,
} KsCopyCheckFlags;

GPtrArray *ks_copy_check_full (KsContainer      *source,
                               guint             index,
                               KsContainer      *target,
                               const char       *target_title,
                               KsCopyCheckFlags  flags);

G_END_DECLS
