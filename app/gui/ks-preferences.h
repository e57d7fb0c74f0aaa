/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-preferences.h — the Preferences window over the app's GSettings */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KS_TYPE_PREFERENCES (ks_preferences_get_type ())

G_DECLARE_FINAL_TYPE (KsPreferences, ks_preferences, KS, PREFERENCES, GtkWindow)

KsPreferences *ks_preferences_new                    (GtkWindow     *parent);
KsPreferences *ks_preferences_present                (GtkWindow     *parent);

/* The window's widgets, for tests. */
GtkButton     *ks_preferences_get_folder_button      (KsPreferences *self);
GtkButton     *ks_preferences_get_folder_reset       (KsPreferences *self);
const char    *ks_preferences_get_folder_text        (KsPreferences *self);
GtkEditable   *ks_preferences_get_port_entry         (KsPreferences *self);
GtkButton     *ks_preferences_get_port_add_button    (KsPreferences *self);
GtkListBox    *ks_preferences_get_ports_list         (KsPreferences *self);

G_END_DECLS
