/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-device-tree.c — the device tree's rows follow their items in
 * place, tried with real input (XTest):
 *
 * - a save deleted from the demo's Mega Memory Card (a click on the
 *   arrow, a click on the save, the Delete key, a click on Delete): the
 *   card's row stays, the same device, still expanded; the deleted save's
 *   row goes alone, the saves around it keep their objects, and the
 *   selection moves to the save now in its place;
 * - a file that changed on disk, verified: the device reads it again in
 *   place; a save added to it shows as a new row, the selected save stays
 *   selected, the others keep their objects;
 * - a row's labels and badge are bound to its item's properties: a
 *   changed property changes the row, the same widgets, without binding
 *   the row again;
 * - a file without saves has no arrow; read again once it holds one, its
 *   save shows beneath it (the tree asks a row for its children once).
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-confirm-dialog.h"
#include "ks-test-emulator.h"
#include "ks-test-utils.h"
#include "ks-window-private.h"
#include "mmc-builder.h"
#include "ui-input.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;
static char *files_dir;

static KsDeviceTree *
tree (void)
{
  return ks_window_get_device_tree (window);
}

static void
wait_settled (void)
{
  ks_test_ui_wait_settled (window);
}

/* The tree's row of @item (a GtkTreeListRow of the tree model), or NULL */
static GtkTreeListRow *
tree_row (gpointer item)
{
  GListModel *rows = ks_device_tree_get_rows (tree ());

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) shown = gtk_tree_list_row_get_item (row);

      if (shown == item)
        return row;   /* the tree model keeps it while it is shown */
    }

  return NULL;
}

/* Opens the row of @device with a click on its arrow */
static void
expand_by_click (KsDevice *device)
{
  GtkWidget *row = ks_test_ui_row_on_screen (tree (), device);
  GtkWidget *arrow = gtk_widget_get_first_child (row);

  g_assert_cmpstr (gtk_widget_get_css_name (arrow), ==, "expander");
  if (!gtk_tree_list_row_get_expanded (tree_row (device)))
    ks_test_input_click (arrow, 1);
  ks_test_input_settle (200);
  g_assert_true (gtk_tree_list_row_get_expanded (tree_row (device)));
}

static gboolean
is_selected (gpointer item)
{
  return ks_device_tree_get_selected_item (tree ()) == item;
}

/* Selects @item's row with a click, as a person does */
static void
click_row (gpointer item)
{
  ks_test_input_click (ks_test_ui_row_on_screen (tree (), item), 1);
  g_assert_true (ks_test_input_wait_for (is_selected, item, 3000));
}

/* What a saves store said changed: position, removed, added per signal */
static void
record_change (GListModel *saves,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

static KsSaveItem *
save_at (KsDevice *device,
         guint     position)
{
  g_autoptr(KsSaveItem) save = g_list_model_get_item (ks_device_get_saves (device), position);

  return save;   /* the device's store keeps it */
}

static KsSaveItem *
save_named (KsDevice   *device,
            const char *name)
{
  GListModel *saves = ks_device_get_saves (device);

  for (guint i = 0; i < g_list_model_get_n_items (saves); i++)
    if (g_strcmp0 (ks_save_item_get_name (save_at (device, i)), name) == 0)
      return save_at (device, i);

  return NULL;
}

static KsDevice *
device_by_platform (const char *platform)
{
  return ks_test_ui_device_by_platform (tree (), platform);
}

static GtkWidget *
row_title (GtkWidget *row)
{
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row));

  return gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)));
}

static GtkWidget *
row_subtitle (GtkWidget *row)
{
  return gtk_widget_get_next_sibling (row_title (row));
}

static GtkWidget *
row_badge (GtkWidget *row)
{
  return gtk_widget_get_last_child (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row)));
}

static void
test_deleted_save_keeps_the_card_open (void)
{
  KsDevice *card = device_by_platform ("gb");
  GListModel *saves = ks_device_get_saves (card);
  guint n = g_list_model_get_n_items (saves);
  KsSaveItem *first;
  KsSaveItem *doomed;
  KsSaveItem *after;
  g_autofree char *doomed_name = NULL;
  guint position;
  KsConfirmDialog *dialog;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_nonnull (card);
  g_assert_cmpuint (n, >=, 3);
  g_assert_true (g_list_store_find (G_LIST_STORE (ks_device_tree_get_devices (tree ())), card,
                                    &position));
  expand_by_click (card);
  first = save_at (card, 0);
  doomed = save_at (card, 1);
  after = save_at (card, 2);
  g_signal_connect (saves, "items-changed", G_CALLBACK (record_change), changes);
  doomed_name = g_strdup (ks_save_item_get_name (doomed));

  /* the second save, chosen and deleted as a person does */
  click_row (doomed);
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_Delete, 0);
  g_assert_true (ks_test_ui_wait_question (window, TRUE));
  ks_test_input_settle (100);
  dialog = ks_window_get_question (window);
  ks_test_input_click (ks_confirm_dialog_get_choice (dialog, GTK_RESPONSE_ACCEPT), 1);
  g_assert_true (ks_test_ui_wait_question (window, FALSE));
  wait_settled ();
  g_assert_cmpint (ks_job_get_state (ks_window_get_newest_job (window)), ==, KS_JOB_STATE_DONE);
  g_signal_handlers_disconnect_by_func (saves, record_change, changes);

  /* one splice, the deleted save's row alone: the saves around it keep
   * their objects (the one after it with its new index) */
  g_assert_cmpuint (changes->len, ==, 3);
  g_test_message ("%u saves; the reading after Delete spliced at %u: %u removed, %u added", n,
                  g_array_index (changes, guint, 0), g_array_index (changes, guint, 1),
                  g_array_index (changes, guint, 2));
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 1);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 0);
  g_assert_true (save_at (card, 1) == after);

  /* the same device in the same place, still open; its saves store too */
  g_assert_true (device_by_platform ("gb") == card);
  g_assert_true (g_list_store_find (G_LIST_STORE (ks_device_tree_get_devices (tree ())), card,
                                    &position));
  g_assert_true (ks_device_get_saves (card) == saves);
  g_assert_nonnull (tree_row (card));
  g_assert_true (gtk_tree_list_row_get_expanded (tree_row (card)));

  /* the save is gone, from the card and from the tree; the one before it
   * is the same object, with the same row */
  g_assert_cmpuint (g_list_model_get_n_items (saves), ==, n - 1);
  g_assert_null (save_named (card, doomed_name));
  g_assert_null (tree_row (doomed));
  g_assert_true (save_at (card, 0) == first);
  g_assert_nonnull (ks_test_ui_row_widget (tree (), first));

  /* the selection: the card's save now in the deleted one's place */
  g_assert_true (ks_device_tree_get_selected_device (tree ()) == card);
  g_assert_true (ks_device_tree_get_selected_save (tree ()) == save_at (card, 1));
}

static KsDevice *
open_file (const char *name,
           GBytes     *bytes)
{
  g_autofree char *path = ks_test_write_file (files_dir, name, bytes);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (ks_window_open_file (window, file));
  ks_test_ui_iterate ();
  return ks_device_tree_get_selected_device (tree ());
}

static void
test_changed_file_verified_in_place (void)
{
  g_autoptr(GBytes) image = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) grown = NULL;
  KsDevice *device = open_file ("card.bin", image);
  GListModel *saves = ks_device_get_saves (device);
  KsSaveItem *zelda;
  KsSaveItem *pokemon;
  KsSaveItem *added;
  GtkWidget *row;
  g_autofree char *path = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_cmpuint (g_list_model_get_n_items (saves), ==, 2);
  zelda = save_named (device, "ZELDA DX");
  pokemon = save_named (device, "POKEMON RED");
  g_assert_nonnull (zelda);
  g_assert_nonnull (pokemon);
  expand_by_click (device);
  click_row (pokemon);

  /* something else writes a third save into the file; Verify reads it */
  g_signal_connect (saves, "items-changed", G_CALLBACK (record_change), changes);
  grown = ks_test_mmc_insert (image, sram, "LINKS DREAM");
  path = ks_test_write_file (files_dir, "card.bin", grown);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL));
  wait_settled ();
  g_signal_handlers_disconnect_by_func (saves, record_change, changes);

  /* one insertion, nothing else touched */
  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (changes, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (changes, guint, 2), ==, 1);

  /* the same device and store, open, the selection where it was */
  g_assert_true (ks_device_tree_get_selected_device (tree ()) == device);
  g_assert_true (ks_device_get_saves (device) == saves);
  g_assert_true (gtk_tree_list_row_get_expanded (tree_row (device)));
  g_assert_cmpuint (g_list_model_get_n_items (saves), ==, 3);
  g_assert_cmpstr (ks_save_item_get_name (ks_device_tree_get_selected_save (tree ())), ==,
                   "POKEMON RED");

  /* the saves that did not change keep their objects; the new one has a row */
  g_assert_true (save_named (device, "ZELDA DX") == zelda);
  g_assert_true (save_named (device, "POKEMON RED") == pokemon);
  added = save_named (device, "LINKS DREAM");
  g_assert_nonnull (added);
  row = ks_test_ui_row_on_screen (tree (), added);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_title (row))), ==, "LINKS DREAM");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_subtitle (row))), ==, "8.0\xc2\xa0KiB");
}

/* A property changes, the row shows it: the same widgets, not bound again */
static void
test_rows_follow_their_items (void)
{
  KsDevice *device = ks_device_tree_get_selected_device (tree ());
  KsSaveItem *save;
  GtkWidget *row;
  GtkWidget *badge;
  GtkWidget *title;
  g_autofree char *label = NULL;

  g_assert_nonnull (device);
  save = save_at (device, 0);
  row = ks_test_ui_row_on_screen (tree (), save);
  badge = row_badge (row);
  title = row_title (row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, ks_save_item_get_name (save));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_subtitle (ks_test_ui_row_widget (tree (), device)))),
                   ==, ks_device_get_subtitle (device));
  g_assert_false (gtk_widget_has_css_class (badge, "badge-error"));

  ks_save_item_set_status (save, KS_SAVE_STATUS_ERROR);
  ks_test_ui_iterate ();
  g_assert_true (ks_test_ui_row_widget (tree (), save) == row);
  g_assert_true (row_badge (row) == badge);
  g_assert_true (gtk_widget_has_css_class (badge, "badge-error"));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (badge)), ==, "dialog-error-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, "Errors found: not safe to write as it is");
  label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Errors found: not safe to write as it is");
  g_assert_null (label);

  /* and back, as the next reading sets it */
  ks_save_item_set_status (save, KS_SAVE_STATUS_OK);
  ks_test_ui_iterate ();
  g_assert_true (row_badge (row) == badge);
  g_assert_true (gtk_widget_has_css_class (badge, "badge-ok"));
  g_assert_false (gtk_widget_has_css_class (badge, "badge-error"));
}

/* A file with nothing Keepsake knows: no arrow; once it holds a save,
 * read again, the arrow shows and the save's row opens beneath it */
static void
test_saves_that_come_later_show (void)
{
  g_autoptr(GBytes) junk = ks_test_bytes_from_hex ("00 01 02 03 04 05 06 07");
  g_autoptr(GBytes) ram = ks_test_random_bytes (8 * 1024, 21);
  KsDevice *device = open_file ("later.sav", junk);
  GtkWidget *row = ks_test_ui_row_on_screen (tree (), device);
  KsSaveItem *save;
  g_autofree char *path = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (device)), ==, 0);
  g_assert_true (gtk_widget_has_css_class (row, "no-children"));

  path = ks_test_write_file (files_dir, "later.sav", ram);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL));
  wait_settled ();
  g_assert_true (ks_device_tree_get_selected_device (tree ()) == device);
  row = ks_test_ui_row_on_screen (tree (), device);
  g_assert_false (gtk_widget_has_css_class (row, "no-children"));
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (device)), ==, 1);

  expand_by_click (device);
  save = save_at (device, 0);
  row = ks_test_ui_row_on_screen (tree (), save);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (row_title (row))), ==, "later.sav");
}

/* A reader adds the saves it finds when it is done reading, which moves
 * every row below it: a row is measured for the pointer only once no
 * reader is reading, so the click lands on it.  This reader takes a real
 * reader's time. */
static void
test_rows_are_found_once_the_readers_have_read (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8 * 1024, 23);
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("KS SLOW", KS_GB_MBC_MBC1, 8192);
  const char *faults[] = { KS_TEST_EMULATOR_REAL_TIME, NULL };
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC1, ram, rom), KS_LK_PROFILE_L14,
                            faults);
  KsDevice *reader = ks_window_open_port (window, ks_test_emulator_get_path (emu));
  KsDevice *device = open_file ("below-the-reader.sav", ram);
  GtkWidget *row;

  g_assert_true (ks_device_tree_select_path (tree (), ks_device_get_path (reader)));
  g_assert_false (is_selected (device));
  g_assert_true (ks_device_get_busy (reader));

  row = ks_test_ui_row_on_screen (tree (), device);
  g_assert_false (ks_device_get_busy (reader));
  ks_test_input_click (row, 1);
  g_assert_true (ks_test_input_wait_for (is_selected, device, 3000));

  ks_test_emulator_stop (emu, NULL);
  ks_device_tree_remove_device (tree (), reader);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ks_test_ui_init (&argc, &argv))
    return 77;

  window = ks_test_ui_new_demo_window (&app);
  files_dir = ks_test_make_tmpdir ();

  g_test_add_func ("/tree/deleted-save-keeps-the-card-open", test_deleted_save_keeps_the_card_open);
  g_test_add_func ("/tree/changed-file-verified-in-place", test_changed_file_verified_in_place);
  g_test_add_func ("/tree/rows-follow-their-items", test_rows_follow_their_items);
  g_test_add_func ("/tree/saves-that-come-later-show", test_saves_that_come_later_show);
  g_test_add_func ("/tree/rows-are-found-once-the-readers-have-read",
                   test_rows_are_found_once_the_readers_have_read);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  g_clear_object (&app);
  g_free (files_dir);
  return status;
}
