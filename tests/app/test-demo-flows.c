/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-demo-flows.c — the real window on the demo devices, driven through
 * its actions and widgets as a user would: back up the Pokémon cart, edit
 * the trainer's money and see the save verify, find the backup in the
 * library's node and verify it, edit a backup, Verify a cart as a job, and
 * drag and drop with real pointer input (ui-input.h): a card save onto a
 * file, files from a file list onto the card, a backup onto the Pokémon
 * cart (test-window-safety.c tries the questions and the edges) */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ks-application.h"
#include "ks-test-utils.h"
#include "ks-trainer-editor.h"
#include "ks-device-tree-private.h"
#include "ks-window-private.h"
#include "ui-input.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;

static void
wait_idle (void)
{
  ks_test_ui_wait_devices (ks_window_get_device_tree (window));
}

static KsDevice *
device_by_platform (const char *platform)
{
  return ks_test_ui_device_by_platform (ks_window_get_device_tree (window), platform);
}

/* Runs the job the last action started to its end. */
static KsJob *
finish_newest_job (void)
{
  KsJob *job = ks_window_get_newest_job (window);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (job);
  if (!ks_job_wait (job, &error))
    g_error ("job “%s” failed: %s", ks_job_get_title (job), error->message);
  wait_idle ();
  return job;
}

static void
select_device (KsDevice *device)
{
  ks_test_ui_select_device (ks_window_get_device_tree (window), device);
}

static void
test_back_up_the_pokemon_cart (void)
{
  KsDevice *cart = device_by_platform ("gba");
  KsDemo *demo = ks_application_get_demo (app);
  g_autoptr(GBytes) image = ks_test_read_file (ks_demo_get_gen3_path (demo));
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) stored = NULL;
  KsJob *job;

  select_device (cart);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  job = finish_newest_job ();

  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_BACKUP);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  backups = ks_library_list (ks_window_get_library (window), NULL, NULL, NULL);
  g_assert_cmpuint (backups->len, >=, 1);
  stored = ks_library_load (ks_window_get_library (window), g_ptr_array_index (backups, 0), NULL);
  ks_test_assert_bytes_equal (stored, image);
}

static KsTrainerEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (KS_IS_TRAINER_EDITOR (w))
        return KS_TRAINER_EDITOR (w);
    }

  return NULL;
}

static void
test_edit_trainer_money_and_see_it_verify (void)
{
  KsDevice *cart = device_by_platform ("gba");
  KsTrainerEditor *editor;
  KsGen3Trainer trainer = { 0 };
  g_autoptr(GPtrArray) findings = NULL;
  KsJob *job;

  select_device (cart);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-trainer", NULL));
  ks_test_ui_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);

  gtk_spin_button_set_value (ks_trainer_editor_get_money_spin (editor), 424242);
  g_signal_emit_by_name (ks_trainer_editor_get_save_button (editor), "clicked");
  job = finish_newest_job ();

  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_nonnull (strstr (ks_trainer_editor_get_result_text (editor), "verified"));

  /* the cart, read again, holds the new money and verifies clean */
  cart = device_by_platform ("gba");
  g_assert_true (ks_gen3_get_trainer (ks_container_get_impl (ks_device_get_container (cart)),
                                      &trainer, NULL));
  g_assert_cmpuint (trainer.money, ==, 424242);
  ks_gen3_trainer_clear (&trainer);
  findings = ks_container_verify (ks_device_get_container (cart));
  g_assert_false (ks_findings_has_errors (findings));

  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Expands the tree row showing @item (its children become rows). */
static void
expand (gpointer item)
{
  GListModel *rows = ks_device_tree_get_rows (ks_window_get_device_tree (window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) shown = gtk_tree_list_row_get_item (row);

      if (shown == item)
        {
          gtk_tree_list_row_set_expanded (row, TRUE);
          ks_test_ui_iterate ();
          return;
        }
    }

  g_assert_not_reached ();
}

static GtkWidget *
row_of (gpointer item)
{
  return ks_test_ui_row_on_screen (ks_window_get_device_tree (window), item);
}

static void
test_backup_shows_in_library_node_and_verifies (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  GListModel *rows = ks_device_tree_get_rows (tree);
  g_autoptr(GPtrArray) all = ks_library_list (ks_window_get_library (window), NULL, NULL, NULL);
  g_autoptr(GPtrArray) backups = ks_library_list (ks_window_get_library (window), NULL,
                                                  "POKEMON EMER", NULL);
  const KsBackupEntry *newest;
  g_autoptr(GtkTreeListRow) last = NULL;
  g_autoptr(GObject) library = NULL;
  g_autofree char *text = NULL;
  KsBackupItem *backup;
  KsJob *job;

  /* the library is the last top-level row, after the devices */
  g_assert_cmpuint (backups->len, >=, 1);
  newest = g_ptr_array_index (backups, 0);
  for (guint i = g_list_model_get_n_items (rows); i > 0 && last == NULL; i--)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i - 1);

      if (gtk_tree_list_row_get_depth (row) == 0)
        last = g_steal_pointer (&row);
    }
  library = gtk_tree_list_row_get_item (last);
  g_assert_true (KS_IS_LIBRARY_MODEL (library));
  g_assert_cmpuint (ks_library_model_get_n_backups (KS_LIBRARY_MODEL (library)), ==, all->len);

  /* the newest backup of the Pokémon cart (the first test's, or the one
   * kept before the trainer edit), under its game */
  g_assert_true (ks_device_tree_select_backup (tree, newest->id));
  ks_test_ui_iterate ();
  backup = ks_device_tree_get_selected_backup (tree);
  g_assert_nonnull (backup);
  g_assert_cmpstr (ks_backup_item_get_entry (backup)->id, ==, newest->id);
  g_assert_cmpstr (ks_details_pane_get_title (ks_window_get_details_pane (window)), ==, "POKEMON EMER");
  text = ks_details_pane_get_text (ks_window_get_details_pane (window));
  g_assert_nonnull (strstr (text, newest->id));
  g_assert_nonnull (strstr (text, "Not verified yet"));
  g_clear_pointer (&text, g_free);

  /* Verify is a job; its findings land on the row and in the pane */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL));
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_VERIFY);
  g_assert_cmpint (ks_backup_item_get_status (backup), ==, KS_SAVE_STATUS_OK);
  text = ks_details_pane_get_text (ks_window_get_details_pane (window));
  g_assert_nonnull (strstr (text, "Verified: no problems found."));
}

static void
test_edit_a_backup_makes_a_new_backup (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  KsLibrary *library = ks_window_get_library (window);
  g_autoptr(GPtrArray) backups = ks_library_list (library, NULL, "POKEMON EMER", NULL);
  g_autoptr(KsBackupEntry) original = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(KsContainer) container = NULL;
  KsGen3Trainer trainer = { 0 };
  KsTrainerEditor *editor;
  KsBackupItem *selected;
  KsJob *job;

  original = ks_backup_entry_copy (g_ptr_array_index (backups, 0));
  before = ks_library_load (library, original, NULL);
  g_assert_true (ks_device_tree_select_backup (tree, original->id));
  ks_test_ui_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-trainer", NULL));
  ks_test_ui_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);

  gtk_spin_button_set_value (ks_trainer_editor_get_money_spin (editor), 31337);
  g_signal_emit_by_name (ks_trainer_editor_get_save_button (editor), "clicked");
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_EDIT_BACKUP);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* the new backup is selected, holds the money, and the original is kept */
  selected = ks_device_tree_get_selected_backup (tree);
  g_assert_nonnull (selected);
  g_assert_cmpstr (ks_backup_item_get_entry (selected)->id, ==, ks_job_get_backup (job)->id);
  g_assert_cmpint (ks_backup_item_get_entry (selected)->reason, ==, KS_BACKUP_REASON_EDITED);
  edited = ks_library_load (library, ks_backup_item_get_entry (selected), NULL);
  container = ks_container_new_from_bytes (edited, "x.sav", "gen3", NULL);
  g_assert_true (ks_gen3_get_trainer (ks_container_get_impl (container), &trainer, NULL));
  g_assert_cmpuint (trainer.money, ==, 31337);
  ks_gen3_trainer_clear (&trainer);
  after = ks_library_load (library, original, NULL);
  ks_test_assert_bytes_equal (after, before);
}

static void
test_verify_a_cart_runs_as_a_job (void)
{
  KsDevice *cart = device_by_platform ("gba");
  g_autofree char *title = NULL;
  KsJob *job;

  select_device (cart);
  title = g_strdup_printf ("Verify %s", ks_device_get_title (cart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.verify", NULL));
  job = ks_window_get_newest_job (window);
  g_assert_nonnull (job);
  /* a row for it, named for the cart, not the port */
  g_assert_cmpstr (ks_job_get_title (job), ==, title);
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_nonnull (ks_job_get_findings (job));
  g_assert_false (ks_findings_has_errors (ks_job_get_findings (job)));
}

/* ---- drag and drop, with real pointer input (ui-input.h) ---- */

static gboolean
asking (gpointer data)
{
  return ks_window_get_question (window) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (ks_window_get_question (window)));
}

static gboolean
not_asking (gpointer data)
{
  return ks_window_get_question (window) == NULL;
}

static void
drag_onto (gpointer item,
           gpointer target)
{
  ks_test_ui_drag_onto (ks_window_get_device_tree (window), item, target);
}

/* Answers the question on screen by clicking the button of @response */
static void
click_answer (int response)
{
  KsConfirmDialog *dialog;

  if (!ks_test_input_wait_for (asking, NULL, 5000))
    g_error ("no question; the message bar says: %s", ks_window_get_message (window));
  ks_test_input_settle (100);
  dialog = ks_window_get_question (window);
  ks_test_input_click (ks_confirm_dialog_get_choice (dialog, response), 1);
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
}

static void
test_drag_a_card_save_onto_a_file (void)
{
  KsDevice *card = device_by_platform ("gb");
  g_autoptr(KsSaveItem) save = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *cart_path = NULL;
  g_autoptr(GFile) cart_file = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_auto(GValue) ref = G_VALUE_INIT;
  g_auto(GValue) file = G_VALUE_INIT;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  KsJob *newest = ks_window_get_newest_job (window);
  KsDevice *cart = NULL;
  GListModel *devices;
  guint64 size;

  /* the card's second save, and an erased Game Boy save of its size */
  save = g_list_model_get_item (ks_device_get_saves (card), 1);
  size = ks_save_item_get_size (save);
  expected = ks_container_extract (ks_device_get_container (card), ks_save_item_get_index (save),
                                   "x.sav", NULL);
  empty = g_bytes_new_take (g_malloc0 (size), size);
  cart_path = ks_test_write_file (dir, "drop-target.sav", empty);
  cart_file = g_file_new_for_path (cart_path);
  g_assert_true (ks_window_open_file (window, cart_file));
  wait_idle ();
  devices = ks_device_tree_get_devices (ks_window_get_device_tree (window));
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_path (device), cart_path) == 0)
        cart = device;
    }
  g_assert_nonnull (cart);

  /* the drag starts on the save's row: it carries the save, and a file of
   * its bytes for the file manager */
  expand (card);
  provider = ks_test_ui_drag_prepare (row_of (save));
  g_assert_nonnull (provider);
  g_value_init (&ref, KS_TYPE_SAVE_REF);
  g_assert_true (gdk_content_provider_get_value (provider, &ref, &error));
  g_assert_no_error (error);
  g_assert_true (((KsSaveRef *) g_value_get_boxed (&ref))->save == save);
  g_value_init (&file, G_TYPE_FILE);
  g_assert_true (gdk_content_provider_get_value (provider, &file, &error));
  exported = ks_test_read_file (g_file_peek_path (g_value_get_object (&file)));
  ks_test_assert_bytes_equal (exported, expected);

  /* dragged back onto its own card: nothing happens, and it says why */
  drag_onto (save, card);
  g_assert_null (ks_window_get_question (window));
  g_assert_true (ks_window_get_newest_job (window) == newest);
  g_assert_cmpstr (ks_window_get_message (window), ==,
                   "“KEEPSAKE RACER” is already on Mega Memory Card; drop it on another device to "
                   "copy it there.");

  /* onto the file's row: it replaces the file's save, so it asks first */
  drag_onto (save, cart);
  click_answer (KS_COPY_CHOICE_REPLACE);
  finish_newest_job ();
  written = ks_test_read_file (cart_path);
  ks_test_assert_bytes_equal (written, expected);
}

/* A stand-in for the file manager: a window whose label drags a file
 * list, through the same drag-and-drop protocol */
static GdkContentProvider *
offer_files (GtkDragSource *source,
             double         x,
             double         y,
             GFile         *file)
{
  GSList *files = g_slist_prepend (NULL, file);
  GdkContentProvider *provider;

  provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  g_slist_free (files);
  return provider;
}

/* A window that drags @file, its label named @name; @label: what to drag */
static GtkWidget *
file_manager_window (GFile       *file,
                     const char  *name,
                     GtkWidget  **label)
{
  GtkWidget *files = gtk_window_new ();
  GtkDragSource *source = gtk_drag_source_new ();

  *label = gtk_label_new (name);
  g_signal_connect (source, "prepare", G_CALLBACK (offer_files), file);
  gtk_widget_add_controller (*label, GTK_EVENT_CONTROLLER (source));
  gtk_widget_set_size_request (*label, 160, 40);
  gtk_window_set_child (GTK_WINDOW (files), *label);
  gtk_window_present (GTK_WINDOW (files));
  ks_test_input_settle (300);
  return files;
}

static void
test_drop_files_from_the_file_manager_imports (void)
{
  KsDevice *card = device_by_platform ("gb");
  guint before = g_list_model_get_n_items (ks_device_get_saves (card));
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) sram = ks_test_random_bytes (8192, 77);
  g_autofree char *path = ks_test_write_file (dir, "ZELDA DX.sav", sram);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *label;
  GtkWidget *files = file_manager_window (file, "ZELDA DX.sav", &label);
  KsJob *job;

  /* a new save in the card's free space: no question, a job at once */
  ks_test_input_drag (label, row_of (card));
  g_assert_null (ks_window_get_question (window));
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  gtk_window_destroy (GTK_WINDOW (files));

  card = device_by_platform ("gb");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (card)), ==, before + 1);
}

static void
test_drag_a_backup_onto_the_cart_restores (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  KsDevice *cart = device_by_platform ("gba");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  KsBackupItem *backup;
  KsJob *job;

  backups = ks_library_list (ks_window_get_library (window), NULL, "POKEMON EMER", NULL);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_true (ks_device_tree_select_backup (tree, ((KsBackupEntry *) backups->pdata[0])->id));
  ks_test_ui_iterate ();
  backup = ks_device_tree_get_selected_backup (tree);

  provider = ks_test_ui_drag_prepare (row_of (backup));
  g_value_init (&value, KS_TYPE_BACKUP_ITEM);
  g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
  g_assert_true (g_value_get_object (&value) == (gpointer) backup);

  /* the backup replaces the cart's whole save: asked, then restored */
  drag_onto (backup, cart);
  click_answer (KS_COPY_CHOICE_REPLACE);
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_RESTORE);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
}

static GtkWidget *
find_drop_down (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_drop_down (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* save-chips.md §3.5: a backup restored onto the EEPROM cart, whose clock
 * runs, asks what to do with the clock: keep it (the default), set it to
 * now, or set it from the backup's footer */
/* The clock question's three choices on @dialog: keep (selected), now,
 * and @from */
static GtkDropDown *
clock_choices (KsConfirmDialog *dialog,
               const char      *from)
{
  GtkWidget *drop_down = find_drop_down (GTK_WIDGET (dialog));
  GListModel *choices;

  g_assert_nonnull (drop_down);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==,
                   "Keep the cart's clock as it runs");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 1), ==,
                   "Set the cart's clock to now");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==, from);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, 0);
  return GTK_DROP_DOWN (drop_down);
}

/* The demo's EEPROM cart with its running clock */
static KsDevice *
eeprom_cart (void)
{
  const char *port = ks_demo_get_eeprom_port (ks_application_get_demo (app));
  GListModel *devices = ks_device_tree_get_devices (ks_window_get_device_tree (window));

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_path (device), port) == 0)
        return device;   /* the store keeps it */
    }
  g_assert_not_reached ();
}

static void
test_restore_onto_a_clock_cart_offers_the_clock (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autoptr(GPtrArray) backups = NULL;
  KsDevice *cart = eeprom_cart ();
  GtkDropDown *drop_down;
  KsBackupItem *backup;
  KsJob *job;

  /* a backup of the cart: its save and the clock's footer */
  select_device (cart);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_cmpuint (g_bytes_get_size (ks_job_get_content (job)), ==, 8192 + 16);

  backups = ks_library_list (ks_window_get_library (window), NULL, "KEEPSAKE EEP", NULL);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_true (ks_device_tree_select_backup (tree, ((KsBackupEntry *) backups->pdata[0])->id));
  ks_test_ui_iterate ();
  backup = ks_device_tree_get_selected_backup (tree);

  drag_onto (backup, cart);
  g_assert_true (ks_test_input_wait_for (asking, NULL, 5000));
  drop_down = clock_choices (ks_window_get_question (window),
                             "Set the cart's clock from the backup's clock");

  gtk_drop_down_set_selected (drop_down, 2);
  click_answer (KS_COPY_CHOICE_REPLACE);
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_RESTORE);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_nonnull (ks_job_get_result (job)->clock_set_to);
}

/* The drop-downs of @dialog, in order: where to, then the clock */
static void
collect_drop_downs (GtkWidget *widget,
                    GPtrArray *found)
{
  if (GTK_IS_DROP_DOWN (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_drop_downs (child, found);
}

static GBytes *back_up_eeprom_cart (void);

/* Restore (Ctrl+R) on a backup of the EEPROM cart opens "Restore the
 * Backup", which names the device and asks the clock question of that
 * device; Escape queues nothing, and "from the backup's clock" sets it */
static void
test_restore_dialog_offers_the_clock (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  g_autoptr(GBytes) saved = back_up_eeprom_cart ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  KsJob *newest;
  GListModel *choices;
  GtkDropDown *clock;
  KsJob *job;

  backups = ks_library_list (ks_window_get_library (window), NULL, "KEEPSAKE EEP", NULL);
  g_assert_cmpuint (backups->len, >=, 1);
  g_assert_true (ks_device_tree_select_backup (tree, ((KsBackupEntry *) backups->pdata[0])->id));
  ks_test_ui_iterate ();
  newest = ks_window_get_newest_job (window);

  /* Escape: nothing queued */
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (ks_test_input_wait_for (asking, NULL, 5000));
  collect_drop_downs (GTK_WIDGET (ks_window_get_question (window)), drop_downs);
  g_assert_cmpuint (drop_downs->len, ==, 2);
  g_assert_true (gtk_drop_down_get_selected_item (drop_downs->pdata[0]) == (gpointer) eeprom_cart ());
  ks_test_input_settle (100);
  ks_test_input_key (GDK_KEY_Escape, 0);
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
  g_assert_true (ks_window_get_newest_job (window) == newest);

  /* again: the clock's three choices, keep selected; from the backup */
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_r, GDK_CONTROL_MASK);
  g_assert_true (ks_test_input_wait_for (asking, NULL, 5000));
  g_ptr_array_set_size (drop_downs, 0);
  collect_drop_downs (GTK_WIDGET (ks_window_get_question (window)), drop_downs);
  g_assert_cmpuint (drop_downs->len, ==, 2);
  clock = drop_downs->pdata[1];
  choices = gtk_drop_down_get_model (clock);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (clock), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 2), ==,
                   "Set the cart's clock from the backup's clock");
  gtk_drop_down_set_selected (clock, 2);
  click_answer (KS_COPY_CHOICE_REPLACE);
  job = finish_newest_job ();
  g_assert_true (job != newest);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_RESTORE);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_nonnull (ks_job_get_result (job)->clock_set_to);
}

/* The EEPROM cart as a backup reads it (Back Up, as a user does): its
 * 8 KiB save, then mGBA's footer of its clock (save-chips.md §3.4) */
static GBytes *
back_up_eeprom_cart (void)
{
  KsJob *job;

  select_device (eeprom_cart ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_cmpuint (g_bytes_get_size (ks_job_get_content (job)), ==, 8192 + 16);
  return g_bytes_ref (ks_job_get_content (job));
}

/* Drops the file @label drags on the EEPROM cart and waits for the question */
static KsConfirmDialog *
drop_on_eeprom_cart (GtkWidget *label)
{
  /* the way there crosses the list's edges, where a drag scrolls it:
   * the cart's row is found again at the end */
  ks_test_input_drag_begin (label);
  ks_test_input_drag_move (row_of (eeprom_cart ()), -1, -1);
  ks_test_input_drag_move (row_of (eeprom_cart ()), -1, -1);
  ks_test_input_drag_end ();
  if (!ks_test_input_wait_for (asking, NULL, 5000))
    g_error ("no question; the message bar says: %s", ks_window_get_message (window));
  ks_test_input_settle (100);
  return ks_window_get_question (window);
}

/* save-chips.md §3.5: a .sav file from the file manager dropped on the
 * EEPROM cart, whose clock runs, asks the clock question a restore asks;
 * Escape writes nothing, the default keeps the clock, and "from the
 * file's clock" sets the cart's S-3511 to the file's mGBA footer */
static void
test_file_onto_a_clock_cart_offers_the_clock (void)
{
  /* 2025-03-14, weekday 5 (Friday), 15:09:10 (hour 0x15 with the PM
   * flag: 0x95), status 0x40 (24-hour), Unix time 0 */
  g_autoptr(GBytes) footer = ks_test_bytes_from_hex ("25 03 14 05 95 09 10 40 "
                                                     "00 00 00 00 00 00 00 00");
  const guint8 *footer_time = g_bytes_get_data (footer, NULL);
  g_autoptr(GBytes) first = back_up_eeprom_cart ();
  g_autoptr(GBytes) old_save = g_bytes_new_from_bytes (first, 0, 8192);
  const gsize offsets[] = { 17, 4000, 8191 };
  g_autoptr(GBytes) save = ks_test_bytes_changed (old_save, offsets, G_N_ELEMENTS (offsets));
  g_autoptr(GBytes) with_clock = ks_test_bytes_concat (save, footer);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, "KEEPSAKE EEP.sav", with_clock);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) after_escape = NULL;
  g_autoptr(GBytes) after_keep = NULL;
  g_autoptr(GBytes) after_set = NULL;
  KsJob *newest = ks_window_get_newest_job (window);
  GtkWidget *label;
  GtkWidget *files = file_manager_window (file, "KEEPSAKE EEP.sav", &label);
  const guint8 *clock;
  KsJob *job;

  /* the question offers the three choices, keep selected */
  clock_choices (drop_on_eeprom_cart (label), "Set the cart's clock from the file's clock");

  /* Escape: no job, the cart's save as it was */
  ks_test_input_key (GDK_KEY_Escape, 0);
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
  g_assert_true (ks_window_get_newest_job (window) == newest);
  after_escape = back_up_eeprom_cart ();
  g_assert_cmpmem (g_bytes_get_data (after_escape, NULL), 8192,
                   g_bytes_get_data (first, NULL), 8192);

  /* the default: the save is written, the clock runs on untouched */
  drop_on_eeprom_cart (label);
  click_answer (KS_COPY_CHOICE_REPLACE);
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_COPY);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_null (ks_job_get_result (job)->clock_set_to);
  after_keep = back_up_eeprom_cart ();
  g_assert_cmpmem (g_bytes_get_data (after_keep, NULL), 8192, g_bytes_get_data (save, NULL), 8192);
  clock = (const guint8 *) g_bytes_get_data (after_keep, NULL) + 8192;
  /* still this year's date the demo started with, not the file's */
  g_assert_cmphex (clock[0], ==, ((const guint8 *) g_bytes_get_data (first, NULL))[8192]);
  g_assert_false (memcmp (clock, footer_time, 3) == 0);

  /* from the file's clock: the S-3511 reads the footer's date and time,
   * a few seconds on at most */
  gtk_drop_down_set_selected (clock_choices (drop_on_eeprom_cart (label),
                                             "Set the cart's clock from the file's clock"), 2);
  click_answer (KS_COPY_CHOICE_REPLACE);
  job = finish_newest_job ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_cmpstr (ks_job_get_result (job)->clock_set_to, ==, "Friday 2025-03-14 15:09:10");
  after_set = back_up_eeprom_cart ();
  g_assert_cmpmem (g_bytes_get_data (after_set, NULL), 8192, g_bytes_get_data (save, NULL), 8192);
  clock = (const guint8 *) g_bytes_get_data (after_set, NULL) + 8192;
  g_assert_cmpmem (clock, 6, footer_time, 6);
  g_assert_cmphex (clock[6], >=, 0x10);
  g_assert_cmphex (clock[6], <=, 0x40);
  /* the status as a restore leaves it: 24-hour mode, no power loss */
  g_assert_cmphex (clock[7], ==, 0x40);

  gtk_window_destroy (GTK_WINDOW (files));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ks_test_ui_init (&argc, &argv))
    return 77;

  window = ks_test_ui_new_demo_window (&app);

  g_test_add_func ("/demo/back-up-the-pokemon-cart", test_back_up_the_pokemon_cart);
  g_test_add_func ("/demo/edit-trainer-money-and-see-it-verify", test_edit_trainer_money_and_see_it_verify);
  g_test_add_func ("/demo/backup-shows-in-library-node-and-verifies",
                   test_backup_shows_in_library_node_and_verifies);
  g_test_add_func ("/demo/edit-a-backup-makes-a-new-backup", test_edit_a_backup_makes_a_new_backup);
  g_test_add_func ("/demo/verify-a-cart-runs-as-a-job", test_verify_a_cart_runs_as_a_job);
  g_test_add_func ("/demo/drag-a-card-save-onto-a-file", test_drag_a_card_save_onto_a_file);
  g_test_add_func ("/demo/drop-files-from-the-file-manager-imports",
                   test_drop_files_from_the_file_manager_imports);
  g_test_add_func ("/demo/drag-a-backup-onto-the-cart-restores", test_drag_a_backup_onto_the_cart_restores);
  g_test_add_func ("/demo/restore-onto-a-clock-cart-offers-the-clock",
                   test_restore_onto_a_clock_cart_offers_the_clock);
  g_test_add_func ("/demo/restore-dialog-offers-the-clock", test_restore_dialog_offers_the_clock);
  g_test_add_func ("/demo/file-onto-a-clock-cart-offers-the-clock",
                   test_file_onto_a_clock_cart_offers_the_clock);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
