/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-preferences.c — the Preferences window under Xvfb: each control
 * writes its GSettings key (memory backend) and follows it, and
 * app.preferences (Ctrl+comma, File → Preferences) opens one window */

#include "config.h"

#include <gtk/gtk.h>
#include <keepsake.h>
#include <string.h>

#include "ks-application.h"
#include "ks-preferences.h"
#include "ks-test-utils.h"
#include "ks-window.h"
#include "ui-test-utils.h"

static KsApplication *app;

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);
  const char *const keys[] = { "backup-folder", "extra-serial-ports" };

  /* the memory backend lives as long as the process: start each test
   * from the schema's defaults */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static KsPreferences *
new_preferences (void)
{
  KsPreferences *prefs = ks_preferences_new (NULL);

  gtk_window_present (GTK_WINDOW (prefs));
  ks_test_ui_iterate ();
  return prefs;
}

static GtkWindow *
find_toplevel (GType    type,
               guint   *count)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  *count = 0;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        {
          found = window;
          (*count)++;
        }
    }

  return found;
}

/* Preferences offer only what something reads: every write is read back
 * and the link runs as fast as the reader takes, so neither "verify after
 * write" nor a baud rate is a setting */
static void
test_only_settings_that_are_read (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  g_assert_false (g_settings_schema_has_key (schema, "verify-after-write"));
  g_assert_false (g_settings_schema_has_key (schema, "baud-rate"));
  g_assert_true (g_settings_schema_has_key (schema, "backup-folder"));
  g_assert_true (g_settings_schema_has_key (schema, "extra-serial-ports"));
}

static GtkButton *
row_remove_button (GtkListBox *list,
                   int         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  GtkWidget *box = gtk_list_box_row_get_child (row);

  return GTK_BUTTON (gtk_widget_get_last_child (box));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static void
test_serial_ports_are_added_and_removed (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  KsPreferences *prefs = new_preferences ();
  GtkEditable *entry = ks_preferences_get_port_entry (prefs);
  GtkButton *add = ks_preferences_get_port_add_button (prefs);
  GtkListBox *list = ks_preferences_get_ports_list (prefs);
  g_auto(GStrv) ports = NULL;

  g_assert_cmpuint (count_rows (list), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (add)));

  gtk_editable_set_text (entry, " /dev/ttyACM3 ");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (add)));
  g_signal_emit_by_name (add, "clicked");
  ks_test_ui_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");

  /* Enter in the entry adds too; the same port twice is kept once */
  gtk_editable_set_text (entry, "/dev/ttyUSB7");
  g_signal_emit_by_name (entry, "activate");
  gtk_editable_set_text (entry, "/dev/ttyACM3");
  g_signal_emit_by_name (add, "clicked");
  ks_test_ui_iterate ();

  ports = g_settings_get_strv (settings, "extra-serial-ports");
  g_assert_cmpuint (g_strv_length (ports), ==, 2);
  g_assert_cmpstr (ports[0], ==, "/dev/ttyACM3");
  g_assert_cmpstr (ports[1], ==, "/dev/ttyUSB7");
  g_assert_cmpuint (count_rows (list), ==, 2);
  g_clear_pointer (&ports, g_strfreev);

  g_signal_emit_by_name (row_remove_button (list, 0), "clicked");
  ks_test_ui_iterate ();
  ports = g_settings_get_strv (settings, "extra-serial-ports");
  g_assert_cmpuint (g_strv_length (ports), ==, 1);
  g_assert_cmpstr (ports[0], ==, "/dev/ttyUSB7");
  g_assert_cmpuint (count_rows (list), ==, 1);

  /* a change made elsewhere shows at once */
  g_settings_set_strv (settings, "extra-serial-ports", NULL);
  ks_test_ui_iterate ();
  g_assert_cmpuint (count_rows (list), ==, 0);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* The chooser's folder is set, and read back, asynchronously: under load
 * a fixed number of iterations is not enough */
static gboolean
chooser_shows (GtkFileChooser *chooser,
               GFile          *folder)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (chooser);

  return current != NULL && g_file_equal (current, folder);
}

static char *
wait_for_folder_setting (GSettings  *settings,
                         const char *wanted)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  char *value = g_settings_get_string (settings, "backup-folder");

  while (g_strcmp0 (value, wanted) != 0 && g_get_monotonic_time () < deadline)
    {
      g_free (value);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      value = g_settings_get_string (settings, "backup-folder");
    }

  return value;
}

static void
test_backup_folder_choose_and_reset (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  KsPreferences *prefs = new_preferences ();
  GtkButton *reset = ks_preferences_get_folder_reset (prefs);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *default_path = ks_library_default_path ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *folder_setting = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser;
  guint count;

  g_assert_true (g_str_has_prefix (ks_preferences_get_folder_text (prefs), "Default ("));
  g_assert_nonnull (strstr (ks_preferences_get_folder_text (prefs), default_path));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (reset)));

  /* the button opens a folder chooser over the window */
  g_signal_emit_by_name (ks_preferences_get_folder_button (prefs), "clicked");
  ks_test_ui_iterate ();
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, &count);
  g_assert_nonnull (chooser);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (prefs));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  /* with nothing selected, a folder chooser picks the folder it shows */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error);
  g_assert_no_error (error);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!chooser_shows (GTK_FILE_CHOOSER (chooser), folder) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  ks_test_ui_iterate ();
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  ks_test_ui_iterate ();

  folder_setting = wait_for_folder_setting (settings, dir);
  g_assert_cmpstr (folder_setting, ==, dir);
  g_assert_cmpstr (ks_preferences_get_folder_text (prefs), ==, dir);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (reset)));

  g_signal_emit_by_name (reset, "clicked");
  ks_test_ui_iterate ();
  g_clear_pointer (&folder_setting, g_free);
  folder_setting = g_settings_get_string (settings, "backup-folder");
  g_assert_cmpstr (folder_setting, ==, "");
  g_assert_true (g_str_has_prefix (ks_preferences_get_folder_text (prefs), "Default ("));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (reset)));

  gtk_window_destroy (GTK_WINDOW (prefs));
  ks_test_ui_iterate ();
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_preferences_action_opens_one_window (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 "app.preferences");
  KsWindow *window = ks_window_new (app);
  GtkWindow *prefs;
  guint count;

  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_assert_true (menu_has_action (gtk_application_get_menubar (GTK_APPLICATION (app)),
                                  "app.preferences"));

  gtk_window_present (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  g_assert_null (find_toplevel (KS_TYPE_PREFERENCES, &count));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ks_test_ui_iterate ();
  prefs = find_toplevel (KS_TYPE_PREFERENCES, &count);
  g_assert_nonnull (prefs);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));

  /* a second activation brings the same window back */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ks_test_ui_iterate ();
  g_assert_true (find_toplevel (KS_TYPE_PREFERENCES, &count) == prefs);
  g_assert_cmpuint (count, ==, 1);

  /* it goes with the main window */
  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  g_assert_null (find_toplevel (KS_TYPE_PREFERENCES, &count));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/preferences/only-settings-that-are-read", test_only_settings_that_are_read);
  g_test_add_func ("/preferences/serial-ports-are-added-and-removed",
                   test_serial_ports_are_added_and_removed);
  g_test_add_func ("/preferences/backup-folder-choose-and-reset", test_backup_folder_choose_and_reset);
  g_test_add_func ("/preferences/action-opens-one-window", test_preferences_action_opens_one_window);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
