/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-new.h — a freshly started Gen III game, built from nothing
 *
 * The demo cart, the fuzz seeds and the tests need valid saves without
 * shipping game data: these build the logical blocks of a new game and the
 * 128 KiB flash image of its first save.
 */
#pragma once

#include <glib.h>

#include "ks-gen3.h"
#include "ks-gen3-trainer.h"

G_BEGIN_DECLS

guint8 *ks_gen3_new_blocks     (KsGen3Game            game,
                                const KsGen3Trainer  *trainer,
                                guint32               key,
                                GError              **error);
GBytes *ks_gen3_build_new_save (KsGen3Game            game,
                                const KsGen3Trainer  *trainer,
                                GError              **error);

G_END_DECLS
