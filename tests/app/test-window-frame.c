/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-window-frame.c — the window's frame, tried with real input (XTest):
 *
 * - a raw Game Boy .sav, which has nothing to check, says so in words and
 *   with its own badge, never "Verified";
 * - a save row's badge names the save's findings;
 * - rows show an icon per kind of device, each with a name;
 * - every control of the window has a name a screen reader can speak;
 * - a row's context menu opens on a right click and on Shift+F10, and its
 *   items run the window's actions;
 * - Tab and F6 take the keyboard from the tree to the details and the jobs;
 * - job rows give sizes in KiB, as the tree does;
 * - files open at the end reopen at the next start, the first device
 *   selected, and Close takes a file off the tree;
 * - windows share the application's library, job queue and port monitor.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-backups-window.h"
#include "ks-device-tree-private.h"
#include "ks-job-row.h"
#include "ks-preferences.h"
#include "ks-test-utils.h"
#include "ks-trainer-editor.h"
#include "ks-window-private.h"
#include "ui-input.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;
static char *files_dir;

static KsDevice *
open_file (const char *name,
           GBytes     *bytes)
{
  g_autofree char *path = ks_test_write_file (files_dir, name, bytes);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  KsDeviceTree *tree = ks_window_get_device_tree (window);

  g_assert_true (ks_window_open_file (window, file));
  ks_test_ui_iterate ();
  return ks_device_tree_get_selected_device (tree);
}

/* The row's widgets: expander → box → icon, labels, badge */
static GtkWidget *
row_icon (GtkWidget *row)
{
  return gtk_widget_get_first_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row)));
}

static GtkWidget *
row_badge (GtkWidget *row)
{
  return gtk_widget_get_last_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row)));
}

static void
assert_label_contains (GtkWidget  *widget,
                       const char *text)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, text);

  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  if (error != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), error);
}

static void
test_raw_sav_is_unverifiable (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (64 * 1024, 7);
  KsDevice *device = open_file ("random.sav", ram);
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autofree char *details = NULL;
  g_autoptr(KsSaveItem) save = NULL;
  GtkWidget *row;

  g_assert_cmpstr (ks_device_get_title (device), ==, "random.sav");
  details = ks_details_pane_get_text (ks_window_get_details_pane (window));
  g_assert_nonnull (strstr (details, "Keepsake has no checks for this kind of save."));
  g_assert_null (strstr (details, "Verified"));

  /* the device's badge and its save's: their own colour and words */
  row = ks_test_ui_row_on_screen (tree, device);
  g_assert_true (gtk_widget_has_css_class (row_badge (row), "badge-unverifiable"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_badge (row)), ==,
                   "Not verifiable: Keepsake has no checks for this kind of save");
  assert_label_contains (row_badge (row),
                         "Not verifiable: Keepsake has no checks for this kind of save");

  save = g_list_model_get_item (ks_device_get_saves (device), 0);
  g_assert_cmpint (ks_save_item_get_status (save), ==, KS_SAVE_STATUS_UNVERIFIABLE);
}

/* A save row's badge names what was found about that save */
static void
test_save_badge_names_its_findings (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8 * 1024, 13);
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex (
    /* an MBC3 clock footer whose seconds read 61 */
    "3D 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
    "1E 00 00 00 0F 00 00 00 0A 00 00 00 05 00 00 00 01 00 00 00"
    "00 BC A0 65 00 00 00 00");
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsSaveItem) save = NULL;
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  GListModel *rows = ks_device_tree_get_rows (tree);
  KsDevice *device;
  GtkWidget *row;
  const char *tooltip;

  g_byte_array_append (file, g_bytes_get_data (ram, NULL), g_bytes_get_size (ram));
  g_byte_array_append (file, g_bytes_get_data (footer, NULL), g_bytes_get_size (footer));
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&file));
  device = open_file ("clock.sav", bytes);
  save = g_list_model_get_item (ks_device_get_saves (device), 0);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) tree_row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (tree_row);

      if (item == (GObject *) device)
        gtk_tree_list_row_set_expanded (tree_row, TRUE);
    }
  ks_test_ui_iterate ();

  row = ks_test_ui_row_on_screen (tree, save);
  g_assert_true (gtk_widget_has_css_class (row_badge (row), "badge-warning"));
  tooltip = gtk_widget_get_tooltip_text (row_badge (row));
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Verified, with warnings\n"));
  g_assert_nonnull (strstr (tooltip, "seconds 61"));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row_badge (row)),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_row_icons_tell_kinds_apart (void)
{
  g_autoptr(GBytes) gb = ks_test_random_bytes (8 * 1024, 8);
  g_autoptr(GBytes) junk = ks_test_bytes_from_hex ("00 01 02 03 04 05 06 07");
  KsDevice *cart = open_file ("cart.sav", gb);
  KsDevice *unknown = open_file ("mystery.bin", junk);
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *ours[] = {
    "ks-gb-cart-symbolic", "ks-gba-cart-symbolic", "ks-memory-card-symbolic",
    "ks-saturn-symbolic", "ks-reader-symbolic", "ks-save-folder-symbolic",
    "ks-image-file-symbolic", "ks-library-symbolic",
  };
  GtkWidget *row;

  /* drawn for Keepsake and found through the application's resources */
  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    g_assert_true (gtk_icon_theme_has_icon (theme, ours[i]));

  row = ks_test_ui_row_on_screen (tree, cart);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (row_icon (row))), ==, "ks-gb-cart-symbolic");
  assert_label_contains (row_icon (row), "Game Boy cart");

  row = ks_test_ui_row_on_screen (tree, unknown);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (row_icon (row))), ==,
                   "ks-image-file-symbolic");
  assert_label_contains (row_icon (row), "File");
}

/* A control speaks when it has a label of its own (its text, an accessible
 * label, a labelled-by relation; GTK 4.8 gives a tooltip to screen readers
 * as a description, not as a name), or is a part (the inner button, the popup's list)
 * of a menu button or drop-down that speaks */
static gboolean
speaks (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkWidget *whole = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* an empty label is no name */
      g_autofree char *not_empty = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "");

      if (not_empty != NULL)
        return TRUE;
    }
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
    return TRUE;
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return TRUE;

  if (parent != NULL)
    whole = gtk_widget_get_ancestor (parent, GTK_TYPE_MENU_BUTTON);
  if (whole == NULL && parent != NULL)
    whole = gtk_widget_get_ancestor (parent, GTK_TYPE_DROP_DOWN);
  return whole != NULL && speaks (whole);
}

static void
collect_silent (GtkWidget *widget,
                GString   *silent,
                guint     *n_controls)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  if (gtk_widget_get_visible (widget) &&
      (role == GTK_ACCESSIBLE_ROLE_BUTTON ||
       role == GTK_ACCESSIBLE_ROLE_CHECKBOX || role == GTK_ACCESSIBLE_ROLE_SWITCH ||
       role == GTK_ACCESSIBLE_ROLE_SPIN_BUTTON || role == GTK_ACCESSIBLE_ROLE_TEXT_BOX ||
       role == GTK_ACCESSIBLE_ROLE_COMBO_BOX || role == GTK_ACCESSIBLE_ROLE_LIST ||
       /* a tree row's icon and badge carry meaning: they speak too */
       (role == GTK_ACCESSIBLE_ROLE_IMG && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL)))
    {
      (*n_controls)++;
      if (!speaks (widget))
        g_string_append_printf (silent, " %s", G_OBJECT_TYPE_NAME (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_silent (child, silent, n_controls);
}

/* The controls of @root that have no name, as a list of their types */
static char *
silent_controls (GtkWidget *root,
                 guint      at_least)
{
  GString *silent = g_string_new (NULL);
  guint n_controls = 0;

  ks_test_ui_iterate ();
  collect_silent (root, silent, &n_controls);
  g_test_message ("%s: %u controls", G_OBJECT_TYPE_NAME (root), n_controls);
  g_assert_cmpuint (n_controls, >=, at_least);
  return g_string_free (silent, FALSE);
}

static void
test_every_control_has_a_name (void)
{
  g_autoptr(GString) silent = g_string_new (NULL);
  guint n_controls = 0;

  collect_silent (GTK_WIDGET (window), silent, &n_controls);
  g_test_message ("%u controls", n_controls);
  g_assert_cmpuint (n_controls, >=, 6);   /* the header bar alone has six */
  g_assert_cmpstr (silent->str, ==, "");

  /* the header bar's primary menu is a primary menu button */
  g_assert_true (gtk_menu_button_get_primary (window->primary_menu_button));
  g_assert_nonnull (gtk_menu_button_get_menu_model (window->primary_menu_button));
}

static gboolean
menu_open (gpointer data)
{
  return ks_device_tree_get_row_menu (ks_window_get_device_tree (window)) != NULL;
}

static gboolean
menu_closed (gpointer data)
{
  return !menu_open (data);
}

/* The button of the open menu whose label reads @text */
static GtkWidget *
menu_item (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return gtk_widget_get_parent (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_item (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
verify_ran (gpointer data)
{
  KsJob *job = ks_window_get_newest_job (window);

  return job != NULL && ks_job_get_kind (job) == KS_JOB_KIND_VERIFY &&
         ks_job_get_state (job) > KS_JOB_STATE_RUNNING;
}

static void
test_context_menu_opens_and_runs (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32 * 1024, 9);
  KsDevice *device = open_file ("context.sav", ram);
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autoptr(KsDevice) first = g_list_model_get_item (ks_device_tree_get_devices (tree), 0);
  GtkWidget *row;
  GtkWidget *item;

  ks_test_input_focus (GTK_WINDOW (window));

  /* a right click selects the row it lands on and opens its menu */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (first)));
  ks_test_ui_iterate ();
  g_assert_true (ks_device_tree_get_selected_device (tree) != device);
  /* found once the readers above have read their carts: their saves
   * appearing would move it under the pointer */
  row = ks_test_ui_row_on_screen (tree, device);
  ks_test_input_click (row, GDK_BUTTON_SECONDARY);
  g_assert_true (ks_test_input_wait_for (menu_open, NULL, 5000));
  g_assert_true (ks_device_tree_get_selected_device (tree) == device);
  ks_test_input_key (GDK_KEY_Escape, 0);
  g_assert_true (ks_test_input_wait_for (menu_closed, NULL, 5000));

  /* Shift+F10 on the focused tree opens it too; Verify runs a verify */
  g_assert_true (ks_device_tree_focus_selected (tree));
  ks_test_input_settle (50);
  ks_test_input_key (GDK_KEY_F10, GDK_SHIFT_MASK);
  g_assert_true (ks_test_input_wait_for (menu_open, NULL, 5000));
  ks_test_input_settle (200);
  item = menu_item (GTK_WIDGET (ks_device_tree_get_row_menu (tree)), "Verify");
  g_assert_nonnull (item);
  ks_test_input_click (item, GDK_BUTTON_PRIMARY);
  g_assert_true (ks_test_input_wait_for (verify_ran, NULL, 20000));
  g_assert_true (ks_test_input_wait_for (menu_closed, NULL, 5000));
}

static GtkWidget *
focused_pane (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *panes[] = {
    GTK_WIDGET (ks_window_get_device_tree (window)),
    GTK_WIDGET (ks_window_get_details_pane (window)),
    GTK_WIDGET (ks_window_get_jobs_area (window)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (panes); i++)
    if (focus != NULL && gtk_widget_is_ancestor (focus, panes[i]))
      return panes[i];

  return NULL;
}

static void
test_keyboard_reaches_every_pane (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);

  /* a job row (from the previous test) gives the jobs pane something to focus */
  g_assert_nonnull (ks_window_get_newest_job (window));
  ks_test_input_focus (GTK_WINDOW (window));
  g_assert_true (ks_device_tree_focus_selected (tree));
  ks_test_input_settle (50);
  g_assert_true (focused_pane () == GTK_WIDGET (tree));

  ks_test_input_key (GDK_KEY_Tab, 0);
  ks_test_input_settle (100);
  g_assert_true (focused_pane () == GTK_WIDGET (ks_window_get_details_pane (window)));

  ks_test_input_key (GDK_KEY_F6, 0);
  ks_test_input_settle (100);
  g_assert_true (focused_pane () == GTK_WIDGET (ks_window_get_jobs_area (window)));

  ks_test_input_key (GDK_KEY_F6, 0);
  ks_test_input_settle (100);
  g_assert_true (focused_pane () == GTK_WIDGET (tree));

  /* and back: Shift+Tab from the tree to the jobs, Shift+F6 to the details */
  ks_test_input_key (GDK_KEY_Tab, GDK_SHIFT_MASK);
  ks_test_input_settle (100);
  g_assert_true (focused_pane () == GTK_WIDGET (ks_window_get_jobs_area (window)));
  ks_test_input_key (GDK_KEY_F6, GDK_SHIFT_MASK);
  ks_test_input_settle (100);
  g_assert_true (focused_pane () == GTK_WIDGET (ks_window_get_details_pane (window)));
}

static gboolean
backup_ran (gpointer data)
{
  KsJob *job = ks_window_get_newest_job (window);

  return job != NULL && ks_job_get_kind (job) == KS_JOB_KIND_BACKUP &&
         ks_job_get_state (job) > KS_JOB_STATE_RUNNING;
}

static void
test_job_rows_use_kib (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (128 * 1024, 10);
  KsDevice *device = open_file ("big.sav", ram);
  g_autofree char *result = NULL;

  g_assert_nonnull (device);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  g_assert_true (ks_test_input_wait_for (backup_ran, NULL, 20000));
  g_assert_cmpint (ks_job_get_state (ks_window_get_newest_job (window)), ==, KS_JOB_STATE_DONE);

  result = ks_job_describe_result (ks_window_get_newest_job (window));
  g_test_message ("%s", result);
  /* g_format_size() puts a no-break space before the unit */
  g_assert_nonnull (strstr (result, "128.0\u00a0KiB"));
  g_assert_null (strstr (result, "kB"));
}

/* With job rows (Cancel, Clear Finished) and several devices shown, the
 * window's controls still all speak */
static void
test_job_rows_name_their_controls (void)
{
  g_autofree char *silent = NULL;

  g_assert_nonnull (ks_window_get_newest_job (window));
  silent = silent_controls (GTK_WIDGET (window), 8);
  g_assert_cmpstr (silent, ==, "");
}

/* A row read again while others come and go keeps its selection and
 * stays in view, however far down the list it is */
static void
test_selection_stays_in_view (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  GtkWidget *list = ks_test_ui_find_child (GTK_WIDGET (tree), GTK_TYPE_LIST_VIEW);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
  KsDevice *last = NULL;

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GBytes) ram = ks_test_random_bytes (2 * 1024, 100 + i);
      g_autofree char *name = g_strdup_printf ("many-%02u.sav", i);

      last = open_file (name, ram);
    }
  g_assert_true (ks_device_tree_get_selected_device (tree) == last);
  ks_test_input_settle (200);
  g_assert_nonnull (ks_test_ui_row_widget (tree, last));

  /* scrolled away, then the device is read again: it updates in place,
   * so it stays selected and the list stays where the person scrolled */
  gtk_adjustment_set_value (adjustment, 0);
  ks_test_input_settle (200);
  g_assert_null (ks_test_ui_row_widget (tree, last));
  ks_window_reload_device (window, last);
  ks_test_input_settle (300);
  g_assert_true (ks_device_tree_get_selected_device (tree) == last);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_nonnull (ks_test_ui_row_on_screen (tree, last));
}

/* The other windows speak too: Preferences, Backups (with a backup from
 * the test before), the trainer editor */
static void
test_other_windows_name_their_controls (void)
{
  g_autoptr(GError) error = NULL;
  KsGen3Trainer trainer = { .name = (char *) "MAY", .tid = 1, .money = 10 };
  g_autoptr(GBytes) gen3 = ks_gen3_build_new_save (KS_GEN3_GAME_EMERALD, &trainer, &error);
  KsContainer *container = NULL;
  KsPreferences *prefs = ks_preferences_new (GTK_WINDOW (window));
  KsTrainerEditor *editor;
  GtkWindow *backups;
  g_autofree char *prefs_silent = NULL;
  g_autofree char *backups_silent = NULL;
  g_autofree char *editor_silent = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  prefs_silent = silent_controls (GTK_WIDGET (prefs), 4);
  g_assert_cmpstr (prefs_silent, ==, "");
  g_assert_true (GTK_IS_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (prefs))));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-backups", NULL));
  ks_test_ui_iterate ();
  backups = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (KS_IS_BACKUPS_WINDOW (toplevel))
          backups = GTK_WINDOW (toplevel);
      }
  }
  g_assert_true (KS_IS_BACKUPS_WINDOW (backups));
  backups_silent = silent_controls (GTK_WIDGET (backups), 1);
  g_assert_cmpstr (backups_silent, ==, "");
  g_assert_true (GTK_IS_HEADER_BAR (gtk_window_get_titlebar (backups)));
  g_assert_cmpstr (gtk_window_get_title (backups), ==, "Backups");
  gtk_window_destroy (backups);

  g_assert_no_error (error);
  container = ks_container_new_from_bytes (gen3, "may.sav", "gen3", &error);
  g_assert_no_error (error);
  editor = ks_trainer_editor_new (GTK_WINDOW (window), container, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  editor_silent = silent_controls (GTK_WIDGET (editor), 12);
  g_assert_cmpstr (editor_silent, ==, "");
  gtk_window_destroy (GTK_WINDOW (editor));
  ks_container_unref (container);
  ks_test_ui_iterate ();
}

static void
test_files_reopen_and_close (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GBytes) a = ks_test_random_bytes (8 * 1024, 21);
  g_autoptr(GBytes) b = ks_test_random_bytes (8 * 1024, 22);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path_a = ks_test_write_file (dir, "first.sav", a);
  g_autofree char *path_b = ks_test_write_file (dir, "second.sav", b);
  g_autofree char *gone = g_build_filename (dir, "gone.sav", NULL);
  const char *open_before[] = { path_a, gone, path_b, NULL };
  KsWindow *next = ks_window_new (app);
  KsDeviceTree *tree = ks_window_get_device_tree (next);
  g_auto(GStrv) remembered = NULL;
  g_auto(GStrv) after_close = NULL;

  /* the services are the application's: a second window shares them */
  g_assert_true (ks_window_get_library (next) == ks_application_get_library (app));
  g_assert_true (ks_window_get_library (next) == ks_window_get_library (window));
  g_assert_true (next->job_queue == window->job_queue);
  g_assert_true (next->port_monitor == ks_application_get_port_monitor (app));

  /* the next start opens what was open, the first device selected */
  g_settings_set_strv (settings, "open-files", open_before);
  gtk_window_present (GTK_WINDOW (next));
  ks_window_reopen_files (next);
  ks_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_tree_get_devices (tree)), ==, 2);
  g_assert_cmpstr (ks_device_get_path (ks_device_tree_get_selected_device (tree)), ==, path_a);
  /* a file that has gone is dropped from the list, quietly */
  remembered = g_settings_get_strv (settings, "open-files");
  g_assert_cmpuint (g_strv_length (remembered), ==, 2);
  g_assert_false (g_strv_contains ((const char * const *) remembered, gone));
  g_assert_null (ks_window_get_message (next));

  /* Close takes the selected file off the tree and the list, not off the disk */
  g_assert_true (ks_device_tree_select_path (tree, path_b));
  ks_test_ui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (next), "win.close-device", NULL));
  ks_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_tree_get_devices (tree)), ==, 1);
  g_assert_cmpstr (ks_device_get_path (ks_device_tree_get_selected_device (tree)), ==, path_a);
  after_close = g_settings_get_strv (settings, "open-files");
  g_assert_false (g_strv_contains ((const char * const *) after_close, path_b));
  g_assert_true (g_strv_contains ((const char * const *) after_close, path_a));
  g_assert_true (g_file_test (path_b, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (next));
  ks_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *demo_dir = NULL;
  int status;

  if (!ks_test_ui_init (&argc, &argv))
    return 77;

  window = ks_test_ui_new_window (&app, 1000, 760, &demo_dir);
  files_dir = ks_test_make_tmpdir ();
  ks_test_ui_iterate ();

  g_test_add_func ("/frame/raw-sav-is-unverifiable", test_raw_sav_is_unverifiable);
  g_test_add_func ("/frame/save-badge-names-its-findings", test_save_badge_names_its_findings);
  g_test_add_func ("/frame/row-icons-tell-kinds-apart", test_row_icons_tell_kinds_apart);
  g_test_add_func ("/frame/every-control-has-a-name", test_every_control_has_a_name);
  g_test_add_func ("/frame/context-menu-opens-and-runs", test_context_menu_opens_and_runs);
  g_test_add_func ("/frame/keyboard-reaches-every-pane", test_keyboard_reaches_every_pane);
  g_test_add_func ("/frame/job-rows-use-kib", test_job_rows_use_kib);
  g_test_add_func ("/frame/job-rows-name-their-controls", test_job_rows_name_their_controls);
  g_test_add_func ("/frame/selection-stays-in-view", test_selection_stays_in_view);
  g_test_add_func ("/frame/other-windows-name-their-controls",
                   test_other_windows_name_their_controls);
  g_test_add_func ("/frame/files-reopen-and-close", test_files_reopen_and_close);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  g_clear_object (&app);
  g_free (files_dir);
  return status;
}
