/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-application.h — the GtkApplication: app-wide actions and windows */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_APPLICATION (ks_application_get_type ())

G_DECLARE_FINAL_TYPE (KsApplication, ks_application, KS, APPLICATION, GtkApplication)

KsApplication *ks_application_new        (void);
/* Starts the demo in @dir (NULL: the user's cache, keepsake/demo) and
 * shows its devices in the window; `keepsake --demo` does this. */
gboolean       ks_application_start_demo (KsApplication  *self,
                                          const char     *dir,
                                          GError        **error);
/* The running demo, or NULL */
KsDemo        *ks_application_get_demo   (KsApplication  *self);

/* App-wide services every window shares, made on first use (owned by the
 * application) */
GSettings      *ks_application_get_settings      (KsApplication *self);
KsLibrary      *ks_application_get_library       (KsApplication *self);
KsLibraryModel *ks_application_get_library_model (KsApplication *self);
KsJobQueue     *ks_application_get_job_queue     (KsApplication *self);
KsPortMonitor  *ks_application_get_port_monitor  (KsApplication *self);

G_END_DECLS
