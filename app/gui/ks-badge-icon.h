/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-badge-icon.h — one gym badge, drawn as a simple coloured shape:
 * filled when earned, an outline when not */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KS_TYPE_BADGE_ICON (ks_badge_icon_get_type ())

G_DECLARE_FINAL_TYPE (KsBadgeIcon, ks_badge_icon, KS, BADGE_ICON, GtkWidget)

/* @index: 0–7, which shape and colour; @description: what a screen reader
 * says ("Stone Badge, earned") */
GtkWidget *ks_badge_icon_new         (guint        index,
                                      gboolean     earned,
                                      const char  *description);
gboolean   ks_badge_icon_get_earned  (KsBadgeIcon *self);

G_END_DECLS
