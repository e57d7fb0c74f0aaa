/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-window.c — the real Keepsake window under Xvfb: title, empty state,
 * File → Open adding a device row, About, and the Ctrl+Q accelerator */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-test-utils.h"
#include "ks-window.h"
#include "ui-test-utils.h"

static KsApplication *app;

static KsWindow *
new_window (void)
{
  KsWindow *window = ks_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  return window;
}

static void
test_window_is_titled_and_empty (void)
{
  KsWindow *window = new_window ();
  KsDeviceTree *tree = ks_window_get_device_tree (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Keepsake");
  g_assert_true (ks_device_tree_is_empty (tree));
  g_assert_null (ks_details_pane_get_title (ks_window_get_details_pane (window)));
  g_assert_null (ks_window_get_message (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_file_adds_device_row (void)
{
  KsWindow *window = new_window ();
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) bytes = ks_test_bytes_from_hex ("00 01 02 03 04 05 06 07");
  g_autofree char *path = ks_test_write_file (dir, "mystery.bin", bytes);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *details = NULL;

  g_assert_true (ks_window_open_file (window, file));
  ks_test_ui_iterate ();

  g_assert_false (ks_device_tree_is_empty (tree));
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_tree_get_devices (tree)), ==, 1);
  g_assert_cmpstr (ks_device_get_title (ks_device_tree_get_selected_device (tree)), ==, "mystery.bin");

  /* the new row is selected and the details pane follows it */
  g_assert_cmpstr (ks_details_pane_get_title (ks_window_get_details_pane (window)), ==, "mystery.bin");
  details = ks_details_pane_get_text (ks_window_get_details_pane (window));
  g_assert_nonnull (strstr (details, "Not recognised"));
  g_assert_nonnull (strstr (details, "8a851ff82ee7048ad09ec3847f1ddf44944104d2cbd17ef4e3db22c6785a0d45"));

  /* opening the same file again selects the row instead of adding a second */
  g_assert_true (ks_window_open_file (window, file));
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_tree_get_devices (tree)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_missing_file_explains (void)
{
  KsWindow *window = new_window ();
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "gone.sav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (ks_window_open_file (window, file));
  g_assert_nonnull (strstr (ks_window_get_message (window), "gone.sav"));
  g_assert_true (ks_device_tree_is_empty (ks_window_get_device_tree (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_actions_have_accelerators (void)
{
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_auto(GStrv) open = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.open");
  KsWindow *window = new_window ();

  g_assert_cmpstr (quit[0], ==, "<Control>q");
  g_assert_cmpstr (open[0], ==, "<Control>o");
  g_assert_nonnull (gtk_application_get_menubar (GTK_APPLICATION (app)));
  g_assert_false (gtk_application_window_get_show_menubar (GTK_APPLICATION_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_open_action_shows_file_chooser (void)
{
  KsWindow *window = new_window ();
  GtkWindow *chooser;

  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL));
  ks_test_ui_iterate ();

  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_transient_for (chooser) == GTK_WINDOW (window));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ks_test_ui_iterate ();
  g_assert_true (ks_device_tree_is_empty (ks_window_get_device_tree (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about_shows_name_and_version (void)
{
  KsWindow *window = new_window ();
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ks_test_ui_iterate ();

  about = find_toplevel (GTK_TYPE_ABOUT_DIALOG);
  g_assert_nonnull (about);
  g_assert_cmpstr (gtk_about_dialog_get_program_name (GTK_ABOUT_DIALOG (about)), ==, "Keepsake");
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (gtk_about_dialog_get_website (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_WEBSITE);
  g_assert_nonnull (strstr (gtk_about_dialog_get_copyright (GTK_ABOUT_DIALOG (about)), "2026"));
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==,
                   GTK_LICENSE_GPL_3_0);

  gtk_window_destroy (about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static KsDevice *
device_by_platform (KsDeviceTree *tree,
                    KsDeviceKind  kind,
                    const char   *platform)
{
  GListModel *devices = ks_device_tree_get_devices (tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (ks_device_get_kind (device) == kind &&
          g_strcmp0 (ks_device_get_platform (device), platform) == 0)
        return device;
    }

  return NULL;
}

/* The save rows shown beneath @device in the tree, as their names */
static GPtrArray *
rows_beneath (KsDeviceTree *tree,
              KsDevice     *device)
{
  GListModel *rows = ks_device_tree_get_rows (tree);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      g_autoptr(GObject) parent_item = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (parent_item == (GObject *) device && KS_IS_SAVE_ITEM (item))
        g_ptr_array_add (names, g_strdup (ks_save_item_get_name (KS_SAVE_ITEM (item))));
    }

  return names;
}

static KsDevice *
device_by_path (KsDeviceTree *tree,
                const char   *path)
{
  GListModel *devices = ks_device_tree_get_devices (tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_path (device), path) == 0)
        return device;   /* the store keeps it */
    }

  return NULL;
}

static void
test_demo_shows_readers_and_their_saves (void)
{
  KsWindow *window = new_window ();
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *demo_dir = g_build_filename (dir, "demo", NULL);
  g_autoptr(GError) error = NULL;
  KsDevice *gba, *mmc, *saturn, *folder, *eeprom;
  g_autoptr(GPtrArray) gba_rows = NULL;
  g_autoptr(GPtrArray) mmc_rows = NULL;

  g_assert_true (ks_application_start_demo (app, demo_dir, &error));
  g_assert_no_error (error);
  g_assert_nonnull (ks_application_get_demo (app));
  /* three readers (Pokémon flash, Mega Memory Card, EEPROM with a clock),
   * the Saturn file and the .BUP folder */
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_tree_get_devices (tree)), ==, 5);

  /* the readers read on their workers; the window keeps running */
  ks_test_ui_wait_devices (tree);

  gba = device_by_platform (tree, KS_DEVICE_KIND_READER, "gba");
  mmc = device_by_platform (tree, KS_DEVICE_KIND_READER, "gb");
  saturn = device_by_platform (tree, KS_DEVICE_KIND_FILE, "saturn");
  folder = device_by_platform (tree, KS_DEVICE_KIND_FOLDER, "folder");
  g_assert_nonnull (gba);
  g_assert_nonnull (mmc);
  g_assert_nonnull (saturn);
  g_assert_nonnull (folder);
  g_assert_cmpstr (ks_device_get_path (gba), ==, ks_demo_get_gba_port (ks_application_get_demo (app)));
  g_assert_cmpstr (ks_device_get_title (gba), ==, "POKEMON EMER");
  g_assert_cmpstr (ks_device_get_title (mmc), ==, "Mega Memory Card");

  eeprom = device_by_path (tree, ks_demo_get_eeprom_port (ks_application_get_demo (app)));
  g_assert_nonnull (eeprom);
  g_assert_cmpstr (ks_device_get_title (eeprom), ==, "KEEPSAKE EEP");
  /* a raw GBA save: nothing to check, and it says so */
  g_assert_cmpstr (ks_container_get_format (ks_device_get_container (eeprom))->id, ==, "gba-sav");
  g_assert_cmpint (ks_findings_get_verdict (ks_device_get_findings (eeprom)), ==,
                   KS_VERDICT_UNVERIFIABLE);

  gba_rows = rows_beneath (tree, gba);
  g_assert_cmpuint (gba_rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (gba_rows, 0), ==, "POKEMON EMER");

  mmc_rows = rows_beneath (tree, mmc);
  g_assert_cmpuint (mmc_rows->len, ==, KS_DEMO_MMC_SAVES);
  for (guint i = 0; i < mmc_rows->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (mmc_rows, i), "KEEPSAKE "));

  /* selecting the reader shows it in the details pane */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (gba)));
  ks_test_ui_iterate ();
  g_assert_cmpstr (ks_details_pane_get_title (ks_window_get_details_pane (window)), ==,
                   "POKEMON EMER");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Usable at 800×600: the window asks for no more than that, with the demo
 * devices' rows and the jobs area shown. */
static void
test_fits_800_by_600 (void)
{
  KsWindow *window = new_window ();
  int min_width = 0, min_height = 0;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 800,
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 800);
  g_assert_cmpint (min_height, <=, 600);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_quit_closes_every_window (void)
{
  new_window ();
  new_window ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ks_test_ui_iterate ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library_dir = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  /* a library of its own: the window shows the library's backups, and an
   * empty window is one with no devices and no backups */
  library_dir = ks_test_make_tmpdir ();
  g_setenv ("KEEPSAKE_LIBRARY_DIR", library_dir, TRUE);

  app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/is-titled-and-empty", test_window_is_titled_and_empty);
  g_test_add_func ("/window/fits-800-by-600", test_fits_800_by_600);
  g_test_add_func ("/window/open-file-adds-device-row", test_open_file_adds_device_row);
  g_test_add_func ("/window/open-missing-file-explains", test_open_missing_file_explains);
  g_test_add_func ("/window/actions-have-accelerators", test_actions_have_accelerators);
  g_test_add_func ("/window/open-action-shows-file-chooser", test_open_action_shows_file_chooser);
  g_test_add_func ("/window/about-shows-name-and-version", test_about_shows_name_and_version);
  g_test_add_func ("/window/demo-shows-readers-and-their-saves",
                   test_demo_shows_readers_and_their_saves);
  g_test_add_func ("/window/quit-closes-every-window", test_quit_closes_every_window);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
