/* ks-application.h — the GtkApplication: app-wide actions and windows */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KS_TYPE_APPLICATION (ks_application_get_type ())

G_DECLARE_FINAL_TYPE (KsApplication, ks_application, KS, APPLICATION, GtkApplication)

KsApplication *ks_application_new (void);

G_END_DECLS
