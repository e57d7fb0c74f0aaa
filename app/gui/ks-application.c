/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-application.c — app actions (open, about, quit), accelerators, and
 * files given on the command line */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-application.h"
#include "ks-preferences.h"
#include "ks-window.h"

struct _KsApplication
{
  GtkApplication  parent_instance;

  gboolean        demo_requested;   /* --demo */
  KsDemo         *demo;

  /* app-wide services, shared by every window (ensure_services()) */
  GSettings      *settings;
  KsLibrary      *library;
  KsLibraryModel *library_model;
  KsJobQueue     *job_queue;
  KsPortMonitor  *port_monitor;
};

G_DEFINE_FINAL_TYPE (KsApplication, ks_application, GTK_TYPE_APPLICATION)

static void
on_extra_ports_changed (KsApplication *self)
{
  g_auto(GStrv) extra = g_settings_get_strv (self->settings, "extra-serial-ports");

  ks_port_monitor_set_extra_ports (self->port_monitor, (const char * const *) extra);
}

/* The services every window uses, made once, on first use: by then the
 * environment (KEEPSAKE_LIBRARY_DIR, the settings backend) is settled.
 * The backup library lives in the folder from Preferences, else in
 * $KEEPSAKE_LIBRARY_DIR, else in the XDG default; readers appear as they
 * are plugged in and go when they are pulled. */
static void
ensure_services (KsApplication *self)
{
  g_autofree char *library_path = NULL;

  if (self->settings != NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  library_path = ks_library_find_path (self->settings);
  self->library = ks_library_new (library_path);
  self->library_model = ks_library_model_new (self->library);
  self->job_queue = ks_job_queue_new ();

  self->port_monitor = ks_port_monitor_new ();
  g_signal_connect_object (self->settings, "changed::extra-serial-ports",
                           G_CALLBACK (on_extra_ports_changed), self, G_CONNECT_SWAPPED);
  on_extra_ports_changed (self);
  ks_port_monitor_start (self->port_monitor);
}

GSettings *
ks_application_get_settings (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->settings;
}

KsLibrary *
ks_application_get_library (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->library;
}

KsLibraryModel *
ks_application_get_library_model (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->library_model;
}

KsJobQueue *
ks_application_get_job_queue (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->job_queue;
}

KsPortMonitor *
ks_application_get_port_monitor (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  ensure_services (self);
  return self->port_monitor;
}

/* Jobs end (cancelled where they can be) before the services go */
static void
clear_services (KsApplication *self)
{
  if (self->job_queue != NULL)
    ks_job_queue_shutdown (self->job_queue);
  if (self->port_monitor != NULL)
    ks_port_monitor_stop (self->port_monitor);
  g_clear_object (&self->job_queue);
  g_clear_object (&self->port_monitor);
  g_clear_object (&self->library_model);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
}

static KsWindow *
get_window (KsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (ks_window_new (self));
      ks_window_reopen_files (KS_WINDOW (window));
    }

  return KS_WINDOW (window);
}

/* The demo: its two readers are opened by port like any reader, through
 * the LK driver and a real pty; its images and .BUP folder open as files. */
gboolean
ks_application_start_demo (KsApplication  *self,
                           const char     *dir,
                           GError        **error)
{
  g_autofree char *default_dir = NULL;
  KsWindow *window;
  g_autoptr(KsDevice) saturn = NULL;
  g_autoptr(KsDevice) folder = NULL;

  g_return_val_if_fail (KS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (self->demo == NULL, FALSE);

  if (dir == NULL)
    dir = default_dir = g_build_filename (g_get_user_cache_dir (), "keepsake", "demo", NULL);

  self->demo = ks_demo_start (dir, error);
  if (self->demo == NULL)
    return FALSE;

  window = get_window (self);
  ks_window_open_port (window, ks_demo_get_gba_port (self->demo));
  ks_window_open_port (window, ks_demo_get_mmc_port (self->demo));
  ks_window_open_port (window, ks_demo_get_eeprom_port (self->demo));

  saturn = ks_device_new_for_file (ks_demo_get_saturn_path (self->demo), error);
  if (saturn == NULL)
    return FALSE;
  ks_window_add_device (window, saturn);

  folder = ks_device_new_for_folder (ks_demo_get_bup_folder (self->demo), error);
  if (folder == NULL)
    return FALSE;
  ks_window_add_device (window, folder);

  return TRUE;
}

KsDemo *
ks_application_get_demo (KsApplication *self)
{
  g_return_val_if_fail (KS_IS_APPLICATION (self), NULL);

  return self->demo;
}

static void
ks_application_activate (GApplication *app)
{
  KsApplication *self = KS_APPLICATION (app);
  KsWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));

  if (self->demo_requested && self->demo == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->demo_requested = FALSE;
      if (!ks_application_start_demo (self, NULL, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The demo could not start: %s"),
                                                      error->message);

          ks_window_show_message (window, message);
        }
    }
}

static int
ks_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  KsApplication *self = KS_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("keepsake %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo_requested = TRUE;

  /* go on: activate or open */
  return -1;
}

static void
ks_application_shutdown (GApplication *app)
{
  KsApplication *self = KS_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  /* the demo's chips go back to its image files, as keepsake-emulator does */
  if (self->demo != NULL && !ks_demo_stop (self->demo, &error))
    g_printerr ("keepsake: %s\n", error->message);
  g_clear_pointer (&self->demo, ks_demo_free);

  G_APPLICATION_CLASS (ks_application_parent_class)->shutdown (app);
}

static void
ks_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  KsWindow *window = get_window (KS_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    ks_window_open_file (window, files[i]);

  gtk_window_present (GTK_WINDOW (window));
}

/* The public work Keepsake's notes in docs/ are built on */
static const char *const research_credits[] = {
  "Lesserkuma (FlashGBX, LK firmware)",
  "sanni and contributors (Open Source Cart Reader)",
  "SONIC3D (Mega Memory disassembly)",
  "skaman (Mega Memory Card notes)",
  "pret (pokeruby, pokeemerald, pokefirered)",
  "kwsch and contributors (PKHeX)",
  "slinga-homebrew (Save Game Copier, libslinga)",
  "euan-forrester (save-file-converter)",
  "cafe-alpha (Pseudo Saturn Kai)",
  "The Yabause and Mednafen developers",
  "Martin Korth (GBATEK)",
  NULL
};

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KsApplication *self = user_data;
  const char *authors[] = { _("The Keepsake developers"), NULL };
  GtkWidget *about;

  about = g_object_new (GTK_TYPE_ABOUT_DIALOG,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "program-name", _("Keepsake"),
                        "version", PACKAGE_VERSION,
                        "logo-icon-name", APP_ID,
                        "comments", _("Back up, move, edit and verify the saves of old cartridges "
                                      "and memory cards."),
                        "website", PACKAGE_WEBSITE,
                        "copyright", _("Copyright © 2026 The Keepsake authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "authors", authors,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_about_dialog_add_credit_section (GTK_ABOUT_DIALOG (about),
                                       _("Built on the research of"),
                                       (const char **) research_credits);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  KsApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows one by one so each can finish what it owns. */
  while (windows != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ks_preferences_present (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static const struct {
  const char *action;
  const char *accel;
} window_accels[] = {
  { "win.backup", "<Control>b" },
  { "win.restore", "<Control>r" },
  { "win.verify", "<Control><Shift>v" },
  { "win.export", "<Control>e" },
  { "win.import", "<Control>i" },
  { "win.delete", "Delete" },
  { "win.edit-trainer", "<Control>t" },
  { "win.show-backups", "<Control><Shift>b" },
  { "win.close-device", "<Control>w" },
};

static void
ks_application_startup (GApplication *app)
{
  KsApplication *self = KS_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *help_accels[] = { "<Control>question", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (ks_application_parent_class)->startup (app);

  /* GtkApplication loads menus and icons from the resource base path, but
   * not a style sheet (that is libadwaita's AdwApplication): load ours. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);

  /* The window's device and save actions (ks-window-actions.c) */
  for (guint i = 0; i < G_N_ELEMENTS (window_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), window_accels[i].action,
                                           (const char *[]) { window_accels[i].accel, NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
ks_application_dispose (GObject *object)
{
  KsApplication *self = KS_APPLICATION (object);

  g_clear_pointer (&self->demo, ks_demo_free);
  clear_services (self);

  G_OBJECT_CLASS (ks_application_parent_class)->dispose (object);
}

static void
ks_application_class_init (KsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ks_application_dispose;

  app_class->startup = ks_application_startup;
  app_class->activate = ks_application_activate;
  app_class->open = ks_application_open;
  app_class->handle_local_options = ks_application_handle_local_options;
  app_class->shutdown = ks_application_shutdown;
}

static void
ks_application_init (KsApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "demo", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Start on demo devices: emulated cart readers with a Pokémon "
                                   "cart and a Mega Memory Card, and sample Saturn images"),
                                 NULL);
  g_application_add_main_option (G_APPLICATION (self), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Print the version and exit"), NULL);
}

KsApplication *
ks_application_new (void)
{
  return g_object_new (KS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
