/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-capacity-map.h — a medium's blocks as a grid of coloured cells: one
 * colour per save, free blocks pale, orphaned blocks red and crossed */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a block holds: a save's number (1, 2, …), or one of these */
#define KS_CAPACITY_FREE      0
#define KS_CAPACITY_ORPHANED  (-1)

#define KS_TYPE_CAPACITY_MAP (ks_capacity_map_get_type ())

G_DECLARE_FINAL_TYPE (KsCapacityMap, ks_capacity_map, KS, CAPACITY_MAP, GtkWidget)

/* @summary: what the map shows, in one sentence, for screen readers */
GtkWidget *ks_capacity_map_new        (const gint  *owners,
                                       guint        n_blocks,
                                       const char  *summary);
guint      ks_capacity_map_get_n_blocks (KsCapacityMap *self);
gint       ks_capacity_map_get_owner  (KsCapacityMap *self,
                                       guint          block);
/* A small square in the colour the map gives @owner, for a legend */
GtkWidget *ks_capacity_swatch_new     (gint         owner);

G_END_DECLS
