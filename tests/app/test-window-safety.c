/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-window-safety.c — the window a person can trust, tried with real
 * input: pointer drags and key presses go through the X server (XTest), as
 * a person's do, on the demo devices
 *
 * - a drop that replaces a save asks first; Escape leaves the target as it
 *   was, Replace writes it and reads it back;
 * - the same save dropped twice onto a card asks, and Keep Both keeps both;
 * - a drop near the tree's edge lands on the row under the pointer at
 *   release, and the tree stops scrolling when the drag ends;
 * - a refused drop says why in the message bar;
 * - a card's own backup goes back onto the card from the library;
 * - a save goes into a .BUP folder and back out;
 * - thirty jobs in a row leave the window its size;
 * - a cancelled write looks cancelled, and says what it put back in one
 *   sentence;
 * - Escape closes every window once it has shown content, and nothing
 *   crashes on closing.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-backups-window.h"
#include "ks-device-tree-private.h"
#include "ks-job-row.h"
#include "ks-preferences.h"
#include "gen3-builder.h"
#include "ks-test-emulator.h"
#include "ks-test-utils.h"
#include "ks-trainer-editor.h"
#include "ks-window-private.h"
#include "ui-input.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;

/* ---- waiting ---- */

/* Every job ended and every device read again */
static void
wait_settled (void)
{
  ks_test_ui_wait_settled (window);
}

static gboolean
asking (gpointer data)
{
  return ks_window_get_question (window) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (ks_window_get_question (window)));
}

static KsConfirmDialog *
wait_question (void)
{
  if (!ks_test_input_wait_for (asking, NULL, 5000) && system ("import -window root /tmp/fail.png") >= 0)
    g_error ("no question; the message bar says: %s; the newest job: %s",
             ks_window_get_message (window),
             ks_window_get_newest_job (window) != NULL
               ? ks_job_get_title (ks_window_get_newest_job (window)) : "none");
  ks_test_input_settle (100);
  return ks_window_get_question (window);
}

static gboolean
not_asking (gpointer data)
{
  return ks_window_get_question (window) == NULL;
}

/* ---- finding things ---- */

static KsDevice *
device_by_platform (const char *platform)
{
  return ks_test_ui_device_by_platform (ks_window_get_device_tree (window), platform);
}

static KsSaveItem *
save_named (KsDevice   *device,
            const char *name)
{
  GListModel *saves = ks_device_get_saves (device);

  for (guint i = 0; i < g_list_model_get_n_items (saves); i++)
    {
      g_autoptr(KsSaveItem) save = g_list_model_get_item (saves, i);

      if (g_strcmp0 (ks_save_item_get_name (save), name) == 0)
        return save;
    }

  return NULL;
}

static GtkWidget *
row_of (gpointer item)
{
  return ks_test_ui_row_on_screen (ks_window_get_device_tree (window), item);
}

static void
drag_onto (gpointer item,
           gpointer target)
{
  ks_test_ui_drag_onto (ks_window_get_device_tree (window), item, target);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return w;
    }

  return NULL;
}

static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  return ks_test_ui_find_child (widget, type);
}

static guint
n_backups (void)
{
  g_autoptr(GPtrArray) all = ks_library_list (ks_window_get_library (window), NULL, NULL, NULL);

  return all != NULL ? all->len : 0;
}

static void
answer_with_click (KsConfirmDialog *dialog,
                   int              response)
{
  GtkWidget *button = ks_confirm_dialog_get_choice (dialog, response);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  ks_test_input_click (button, 1);
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
}

static void
press_escape_in (GtkWindow *dialog)
{
  ks_test_input_focus (dialog);
  ks_test_input_key (GDK_KEY_Escape, 0);
}

/* ---- drops that replace something ask first ---- */

static void
test_drop_on_a_cart_that_holds_a_save_asks_first (void)
{
  KsDevice *card = device_by_platform ("gb");
  KsDevice *top = ks_device_get_top_cart (card);
  KsSaveItem *save = save_named (card, "KEEPSAKE RPG");
  KsJob *newest = ks_window_get_newest_job (window);
  guint backups = n_backups ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) entry = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *notes = NULL;
  KsConfirmDialog *dialog;
  KsJob *job;

  g_assert_nonnull (top);
  g_assert_nonnull (save);
  before = g_bytes_ref (ks_device_get_bytes (top));
  entry = ks_container_extract (ks_device_get_container (card), ks_save_item_get_index (save),
                                "x.sav", NULL);
  expected = ks_mmc_top_cart_fit_save (entry, before);

  /* the 8 KiB card save onto the cart on top, which holds 32 KiB */
  drag_onto (save, top);
  dialog = wait_question ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Replace the save on Game Boy cart?");
  g_assert_cmpstr (ks_confirm_dialog_get_body (dialog), ==,
                   "“KEEPSAKE RPG” (8.0\302\240KiB, from Mega Memory Card) replaces the 32.0\302\240KiB save "
                   "on Game Boy cart. The current save is stored in the backup library first, "
                   "so it can be restored.");
  notes = ks_confirm_dialog_dup_notes (dialog);
  g_assert_cmpstr (notes, ==, "");

  /* Escape: nothing runs, nothing is stored, nothing is written */
  press_escape_in (GTK_WINDOW (dialog));
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
  ks_test_input_settle (300);
  g_assert_true (ks_window_get_newest_job (window) == newest);
  g_assert_cmpuint (n_backups (), ==, backups);
  ks_test_assert_bytes_equal (ks_device_get_bytes (ks_device_get_top_cart (card)), before);

  /* again, and Replace: written, read back, and the cart read again */
  drag_onto (save, top);
  dialog = wait_question ();
  answer_with_click (dialog, KS_COPY_CHOICE_REPLACE);
  job = ks_window_get_newest_job (window);
  g_assert_true (job != newest);
  g_assert_cmpstr (ks_job_get_title (job), ==, "Write “KEEPSAKE RPG” to Game Boy cart");
  wait_settled ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);
  g_assert_cmpuint (n_backups (), ==, backups + 1);

  card = device_by_platform ("gb");
  ks_test_assert_bytes_equal (ks_device_get_bytes (ks_device_get_top_cart (card)), expected);
}

/* The cart's save onto the card: added to free space at once (the job
 * row says nothing is replaced); the same again asks, and Keep Both keeps
 * both under a free name */
static void
test_same_save_twice_onto_the_card_asks (void)
{
  KsDevice *card = device_by_platform ("gb");
  KsDevice *top = ks_device_get_top_cart (card);
  g_autoptr(KsSaveItem) cart_save = g_list_model_get_item (ks_device_get_saves (top), 0);
  guint saves = g_list_model_get_n_items (ks_device_get_saves (card));
  /* the demo's cart has no title in its header: the save goes in under
   * the name of its file, as a backup of it would be called */
  const char *name = "MMC-TOP-CART";
  const char *second = "MMC-TOP-CART 2";
  KsConfirmDialog *dialog;
  KsJob *job;

  drag_onto (cart_save, card);
  ks_test_input_settle (200);
  g_assert_null (ks_window_get_question (window));
  job = ks_window_get_newest_job (window);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_COPY);
  g_assert_nonnull (strstr (ks_job_get_summary (job), "nothing there is replaced"));
  wait_settled ();
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  card = device_by_platform ("gb");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (card)), ==, saves + 1);
  g_assert_nonnull (save_named (card, name));

  top = ks_device_get_top_cart (card);
  g_clear_object (&cart_save);
  cart_save = g_list_model_get_item (ks_device_get_saves (top), 0);
  drag_onto (cart_save, card);
  dialog = wait_question ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "already holds"));
  g_assert_nonnull (strstr (ks_confirm_dialog_get_body (dialog), second));
  answer_with_click (dialog, KS_COPY_CHOICE_KEEP_BOTH);
  wait_settled ();
  job = ks_window_get_newest_job (window);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);

  card = device_by_platform ("gb");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (card)), ==, saves + 2);
  g_assert_nonnull (save_named (card, name));
  g_assert_nonnull (save_named (card, second));
}

/* ---- a drop lands where the pointer is ---- */

static double
scroll_value (void)
{
  GtkWidget *list = find_child (GTK_WIDGET (ks_window_get_device_tree (window)), GTK_TYPE_LIST_VIEW);

  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list)));
}

/* The device shown by the row under (@x, @y) of @list, found by its bounds
 * (not through the tree's own lookup) */
static KsDevice *
device_under (GtkWidget *list,
              double     x,
              double     y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *expander = gtk_widget_get_first_child (child);
      g_autoptr(GObject) item = NULL;

      /* the list keeps rows it scrolled away, unmapped, where they were */
      if (!GTK_IS_TREE_EXPANDER (expander) || !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, list, &bounds) ||
          !graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT ((float) x, (float) y)))
        continue;
      item = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (expander));
      if (KS_IS_DEVICE (item))
        return KS_DEVICE (item);
      if (KS_IS_SAVE_ITEM (item))
        {
          /* a save row stands for its device */
          g_autoptr(GtkTreeListRow) parent =
            gtk_tree_list_row_get_parent (gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (expander)));
          g_autoptr(GObject) device = parent != NULL ? gtk_tree_list_row_get_item (parent) : NULL;

          return KS_IS_DEVICE (device) ? KS_DEVICE (device) : NULL;
        }
    }

  return NULL;
}

static void
test_drop_near_the_edge_lands_under_the_pointer (void)
{
  KsDevice *saturn = device_by_platform ("saturn");
  KsSaveItem *save = save_named (saturn, "KSDEMO_RPG1");
  GtkWidget *row = row_of (save);
  GtkWidget *list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_VIEW);
  gint width, height;
  double start, mid, end;
  KsDevice *aimed;
  g_autofree char *heading = NULL;

  /* a short window: the tree scrolls */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 560);
  ks_test_input_settle (400);
  /* scrolled down to the end, where the save shows */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ks_test_input_settle (200);
  }
  row = row_of (save);
  g_assert_cmpfloat (scroll_value (), >, 0);

  /* hold the drag at the very top of the list: it scrolls up */
  ks_test_input_drag_begin (row);
  start = scroll_value ();
  ks_test_input_drag_move (list, 60, 6);
  ks_test_input_settle (600);
  mid = scroll_value ();
  g_assert_cmpfloat (mid, <, start);
  g_assert_cmpfloat (ks_device_tree_get_drop_scroll (list), <, 0);

  /* then a little lower, out of the edge: it stops, and the drop goes to
   * the device row under the pointer then */
  ks_test_input_drag_move (list, 60, 50);
  ks_test_input_settle (300);
  g_assert_cmpfloat (ks_device_tree_get_drop_scroll (list), ==, 0);
  aimed = device_under (list, 60, 50);
  g_assert_nonnull (aimed);
  ks_test_input_drag_end ();

  /* the scrolling stays stopped after the drop */
  end = scroll_value ();
  ks_test_input_settle (800);
  g_assert_cmpfloat (scroll_value (), ==, end);
  g_assert_cmpfloat (ks_device_tree_get_drop_scroll (list), ==, 0);

  /* a Saturn save over a Game Boy or GBA device is refused, and says
   * where it was aimed; over a Saturn device it would ask or run */
  if (ks_window_get_question (window) != NULL)
    {
      g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (ks_window_get_question (window))),
                                ks_device_get_title (aimed)));
      press_escape_in (GTK_WINDOW (ks_window_get_question (window)));
    }
  else
    {
      heading = g_strdup_printf ("“KSDEMO_RPG1” was not copied to %s:", ks_device_get_title (aimed));
      g_assert_nonnull (ks_window_get_message (window));
      g_assert_true (g_str_has_prefix (ks_window_get_message (window), heading));
    }

  wait_settled ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ks_test_input_settle (400);
}

static void
test_refused_drop_says_why (void)
{
  KsDevice *saturn = device_by_platform ("saturn");
  KsDevice *cart = device_by_platform ("gba");
  KsJob *newest = ks_window_get_newest_job (window);
  GListModel *rows = ks_device_tree_get_rows (ks_window_get_device_tree (window));
  g_autoptr(GtkTreeListRow) last = g_list_model_get_item (rows, g_list_model_get_n_items (rows) - 1);
  g_autoptr(GObject) library_row = NULL;

  /* onto the library: nothing to do there, and it says so */
  while (gtk_tree_list_row_get_depth (last) > 0)
    {
      GtkTreeListRow *parent = gtk_tree_list_row_get_parent (last);

      g_object_unref (last);
      last = parent;
    }
  library_row = gtk_tree_list_row_get_item (last);
  g_assert_true (KS_IS_LIBRARY_MODEL (library_row));
  drag_onto (save_named (saturn, "KSDEMO_CFG"), library_row);
  g_assert_null (ks_window_get_question (window));
  g_assert_true (ks_window_get_newest_job (window) == newest);
  g_assert_cmpstr (ks_window_get_message (window), ==,
                   "The backup library keeps what Back Up and every write store; drop onto a "
                   "device's row to copy or restore there.");

  /* onto a device of another kind: refused, every problem named */
  drag_onto (save_named (saturn, "KSDEMO_CFG"), cart);
  g_assert_null (ks_window_get_question (window));
  g_assert_true (ks_window_get_newest_job (window) == newest);
  g_assert_cmpstr (ks_window_get_message (window), ==,
                   "“KSDEMO_CFG” was not copied to POKEMON EMER:\n"
                   "• This is a Sega Saturn save, and POKEMON EMER holds Game Boy Advance saves.");
}

/* ---- the library ---- */

static void
test_a_card_backup_goes_back_from_the_library (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  KsDevice *card = device_by_platform ("gb");
  g_autoptr(GBytes) image = NULL;
  KsConfirmDialog *dialog;
  GtkDropDown *choice;
  KsBackupItem *backup;
  KsJob *job;

  /* back up the card with the keyboard */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (card)));
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_b, GDK_CONTROL_MASK);
  wait_settled ();
  job = ks_window_get_newest_job (window);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_BACKUP);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  image = g_bytes_ref (ks_job_get_content (job));
  g_assert_cmpuint (g_bytes_get_size (image), ==, 512 * 1024);

  /* Restore… with the backup selected: the dialog offers the card (it
   * came from there) and no device of another kind */
  g_assert_true (ks_device_tree_select_backup (tree, ks_job_get_backup (job)->id));
  ks_test_input_settle (100);
  backup = ks_device_tree_get_selected_backup (tree);
  g_assert_nonnull (backup);
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_r, GDK_CONTROL_MASK);
  dialog = wait_question ();
  choice = GTK_DROP_DOWN (find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (choice);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (choice)), ==, 1);
  g_assert_true (gtk_drop_down_get_selected_item (choice) == (gpointer) card);
  g_assert_nonnull (strstr (ks_confirm_dialog_get_body (dialog),
                            "replaces everything on Mega Memory Card. It holds "));
  answer_with_click (dialog, KS_COPY_CHOICE_REPLACE);
  wait_settled ();
  job = ks_window_get_newest_job (window);
  g_assert_cmpint (ks_job_get_kind (job), ==, KS_JOB_KIND_RESTORE);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  g_assert_true (ks_job_get_result (job)->verified);

  card = device_by_platform ("gb");
  ks_test_assert_bytes_equal (ks_device_get_bytes (card), image);
}

/* ---- .BUP folders ---- */

static void
test_a_save_goes_through_a_bup_folder_and_back (void)
{
  KsDevice *saturn = device_by_platform ("saturn");
  KsDevice *folder = device_by_platform ("folder");
  KsSaveItem *save = save_named (saturn, "KSDEMO_RACE");
  guint files = g_list_model_get_n_items (ks_device_get_saves (folder));
  g_autoptr(GBytes) original = ks_container_extract (ks_device_get_container (saturn),
                                                     ks_save_item_get_index (save), "x.BUP", NULL);
  g_autoptr(GBytes) back = NULL;
  KsConfirmDialog *dialog;
  KsJob *job;

  /* into the folder: a new file, at once */
  drag_onto (save, folder);
  g_assert_null (ks_window_get_question (window));
  wait_settled ();
  job = ks_window_get_newest_job (window);
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_DONE);
  folder = device_by_platform ("folder");
  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (folder)), ==, files + 1);

  /* delete it from backup RAM (asked, with the keyboard) */
  saturn = device_by_platform ("saturn");
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (
    gtk_list_view_get_model (GTK_LIST_VIEW (gtk_widget_get_ancestor (row_of (folder), GTK_TYPE_LIST_VIEW)))),
    GTK_INVALID_LIST_POSITION);
  ks_test_input_click (row_of (save_named (saturn, "KSDEMO_RACE")), 1);
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_Delete, 0);
  dialog = wait_question ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Delete “KSDEMO_RACE” from saturn-internal.bkr?");
  answer_with_click (dialog, GTK_RESPONSE_ACCEPT);
  wait_settled ();
  saturn = device_by_platform ("saturn");
  g_assert_null (save_named (saturn, "KSDEMO_RACE"));

  /* and back from the folder's file: the same save, byte for byte */
  folder = device_by_platform ("folder");
  drag_onto (save_named (folder, "KSDEMO_RACE"), saturn);
  g_assert_null (ks_window_get_question (window));
  wait_settled ();
  saturn = device_by_platform ("saturn");
  save = save_named (saturn, "KSDEMO_RACE");
  g_assert_nonnull (save);
  back = ks_container_extract (ks_device_get_container (saturn), ks_save_item_get_index (save),
                               "x.BUP", NULL);
  ks_test_assert_bytes_equal (back, original);
}

/* ---- the jobs area ---- */

static void
test_thirty_jobs_leave_the_window_its_size (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  KsDevice *saturn = device_by_platform ("saturn");
  KsJobsArea *area = ks_window_get_jobs_area (window);
  int window_height = gtk_widget_get_height (GTK_WIDGET (window));
  int tree_height = gtk_widget_get_height (GTK_WIDGET (tree));

  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (saturn)));
  ks_test_input_focus (GTK_WINDOW (window));
  for (guint i = 0; i < 30; i++)
    {
      ks_test_input_key (GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
      wait_settled ();
    }

  /* and ten on a reader, pressed without waiting: each job and each
   * reading of the cart after it take their turn on the port */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (device_by_platform ("gba"))));
  ks_test_input_focus (GTK_WINDOW (window));
  for (guint i = 0; i < 10; i++)
    ks_test_input_key (GDK_KEY_V, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  wait_settled ();
  for (GtkWidget *row = ks_jobs_area_get_row (area, ks_window_get_newest_job (window)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (KS_IS_JOB_ROW (row))
      g_assert_cmpint (ks_job_get_state (ks_job_row_get_job (KS_JOB_ROW (row))), ==,
                       KS_JOB_STATE_DONE);

  g_assert_cmpuint (ks_jobs_area_get_n_running (area), ==, 0);
  g_assert_cmpuint (ks_jobs_area_get_n_ended (area), >=, 40);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, window_height);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (tree)), >=, MIN (tree_height, 240));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (area)), <=, 260);
  g_assert_nonnull (strstr (ks_jobs_area_get_summary (area), "finished"));

  /* Clear Finished, with the pointer */
  {
    GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (area));
    GtkWidget *clear = gtk_widget_get_last_child (header);

    ks_test_input_click (clear, 1);
  }
  g_assert_cmpuint (ks_jobs_area_get_n_ended (area), ==, 0);
}

/* A cancelled write ends without a full bar and says how many sectors it
 * put back, not which.  The demo's readers answer at once, so this cart
 * sits in a reader that takes a real reader's time. */
static void
test_a_cancelled_write_looks_cancelled (void)
{
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x11112222);
  g_autofree guint8 *other_blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x33334444);
  g_autoptr(GBytes) image = gen3_build (KS_GEN3_GAME_EMERALD, blocks, -1, 1);
  /* both slots written: every sector of both slots changes */
  g_autoptr(GBytes) other = gen3_build (KS_GEN3_GAME_EMERALD, other_blocks, 4, 5);
  const char *faults[] = { KS_TEST_EMULATOR_REAL_TIME, NULL };
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gba_flash (KS_AGB_FLASH_MACRONIX_MX29L010, image,
                                                             NULL),
                            KS_LK_PROFILE_L14, faults);
  KsJobsArea *area = ks_window_get_jobs_area (window);
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *path = ks_test_write_file (dir, "other-game.sav", other);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) after = NULL;
  KsConfirmDialog *dialog;
  KsDevice *cart;
  GtkWidget *row;
  KsJob *job;

  cart = ks_window_open_port (window, ks_test_emulator_get_path (emu));
  wait_settled ();
  g_assert_nonnull (ks_device_get_container (cart));

  /* Restore… another game's save over the cart, then Cancel once it
   * rewrites sectors */
  ks_intents_restore_file (ks_window_get_intents (window), cart, file);
  dialog = wait_question ();
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "Replace the save on"));
  answer_with_click (dialog, KS_COPY_CHOICE_REPLACE);
  job = ks_window_get_newest_job (window);
  row = ks_jobs_area_get_row (area, job);
  g_assert_nonnull (row);
  while (ks_job_get_state (job) < KS_JOB_STATE_DONE)
    {
      g_autofree char *phase = ks_job_dup_phase (job);

      if (phase != NULL && g_str_has_prefix (phase, "Erasing and writing sector"))
        break;
      ks_test_input_settle (5);
    }
  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_RUNNING);
  ks_test_input_click (find_child (row, GTK_TYPE_BUTTON), 1);
  wait_settled ();

  g_assert_cmpint (ks_job_get_state (job), ==, KS_JOB_STATE_CANCELLED);
  g_assert_false (ks_job_row_shows_progress (KS_JOB_ROW (row)));
  g_assert_true (g_str_has_prefix (ks_job_row_get_status (KS_JOB_ROW (row)), "Cancelled after rewriting "));
  g_assert_nonnull (strstr (ks_job_row_get_status (KS_JOB_ROW (row)),
                            "the cart holds what it held before."));
  /* a count of sectors, not a list of them */
  g_assert_null (strstr (ks_job_row_get_status (KS_JOB_ROW (row)), ", "));

  /* and it does */
  ks_test_emulator_stop (emu, NULL);
  after = ks_emulated_cart_dup_save (ks_test_emulator_get_cart (emu));
  ks_test_assert_bytes_equal (after, image);
  ks_device_tree_remove_device (ks_window_get_device_tree (window), cart);
}

/* ---- closing things ---- */

static gboolean
shown_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

/* Opens a window with @key, waits for it to show, presses Escape in it */
static void
escape_closes (guint           keyval,
               GdkModifierType modifiers,
               GType           type)
{
  GtkWindow *shown;

  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (keyval, modifiers);
  g_assert_true (ks_test_input_wait_for (shown_toplevel,
                                         GSIZE_TO_POINTER (type), 5000));
  shown = find_toplevel (type);
  ks_test_input_settle (200);
  press_escape_in (shown);
  g_assert_true (ks_test_input_wait_for (gone, GSIZE_TO_POINTER (type), 5000));
}

static void
test_escape_closes_every_window (void)
{
  KsDeviceTree *tree = ks_window_get_device_tree (window);
  KsDevice *cart = device_by_platform ("gba");
  KsDevice *card = device_by_platform ("gb");
  KsBackupsWindow *backups;
  KsConfirmDialog *dialog;
  guint jobs = ks_jobs_area_get_n_ended (ks_window_get_jobs_area (window));

  /* Backups, with backups in it (the crash the issue names) */
  g_assert_cmpuint (n_backups (), >, 1);
  escape_closes (GDK_KEY_B, GDK_CONTROL_MASK | GDK_SHIFT_MASK, KS_TYPE_BACKUPS_WINDOW);

  /* and its Restore… dialog, opened by a click, then Backups again */
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_B, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_assert_true (ks_test_input_wait_for (shown_toplevel,
                                         GSIZE_TO_POINTER (KS_TYPE_BACKUPS_WINDOW), 5000));
  backups = KS_BACKUPS_WINDOW (find_toplevel (KS_TYPE_BACKUPS_WINDOW));
  ks_test_input_settle (200);
  ks_test_input_click (ks_backups_window_get_restore_button (backups, 0), 1);
  dialog = wait_question ();
  press_escape_in (GTK_WINDOW (dialog));
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
  press_escape_in (GTK_WINDOW (backups));
  g_assert_true (ks_test_input_wait_for (gone, GSIZE_TO_POINTER (KS_TYPE_BACKUPS_WINDOW), 5000));

  /* the file choosers of Open and Import */
  escape_closes (GDK_KEY_o, GDK_CONTROL_MASK, GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (card)));
  escape_closes (GDK_KEY_i, GDK_CONTROL_MASK, GTK_TYPE_FILE_CHOOSER_DIALOG);

  /* Preferences, the shortcuts, the trainer editor */
  escape_closes (GDK_KEY_comma, GDK_CONTROL_MASK, KS_TYPE_PREFERENCES);
  escape_closes (GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK, GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (cart)));
  escape_closes (GDK_KEY_t, GDK_CONTROL_MASK, KS_TYPE_TRAINER_EDITOR);

  /* About */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (ks_test_input_wait_for (shown_toplevel,
                                         GSIZE_TO_POINTER (GTK_TYPE_ABOUT_DIALOG), 5000));
  press_escape_in (find_toplevel (GTK_TYPE_ABOUT_DIALOG));
  g_assert_true (ks_test_input_wait_for (gone, GSIZE_TO_POINTER (GTK_TYPE_ABOUT_DIALOG), 5000));

  /* the questions before Erase and Delete */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (cart)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.erase", NULL);
  dialog = wait_question ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Erase the save on POKEMON EMER?");
  press_escape_in (GTK_WINDOW (dialog));
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));
  ks_test_input_click (row_of (save_named (card, "KEEPSAKE RACER")), 1);
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_Delete, 0);
  dialog = wait_question ();
  press_escape_in (GTK_WINDOW (dialog));
  g_assert_true (ks_test_input_wait_for (not_asking, NULL, 5000));

  /* nothing ran */
  ks_test_input_settle (300);
  g_assert_cmpuint (ks_jobs_area_get_n_running (ks_window_get_jobs_area (window)), ==, 0);
  g_assert_cmpuint (ks_jobs_area_get_n_ended (ks_window_get_jobs_area (window)), ==, jobs);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ks_test_ui_init (&argc, &argv))
    return 77;

  window = ks_test_ui_new_demo_window (&app);

  g_test_add_func ("/safety/drop-on-a-cart-that-holds-a-save-asks-first",
                   test_drop_on_a_cart_that_holds_a_save_asks_first);
  g_test_add_func ("/safety/same-save-twice-onto-the-card-asks", test_same_save_twice_onto_the_card_asks);
  g_test_add_func ("/safety/drop-near-the-edge-lands-under-the-pointer",
                   test_drop_near_the_edge_lands_under_the_pointer);
  g_test_add_func ("/safety/refused-drop-says-why", test_refused_drop_says_why);
  g_test_add_func ("/safety/a-card-backup-goes-back-from-the-library",
                   test_a_card_backup_goes_back_from_the_library);
  g_test_add_func ("/safety/a-save-goes-through-a-bup-folder-and-back",
                   test_a_save_goes_through_a_bup_folder_and_back);
  g_test_add_func ("/safety/thirty-jobs-leave-the-window-its-size",
                   test_thirty_jobs_leave_the_window_its_size);
  g_test_add_func ("/safety/a-cancelled-write-looks-cancelled", test_a_cancelled_write_looks_cancelled);
  g_test_add_func ("/safety/escape-closes-every-window", test_escape_closes_every_window);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_ui_iterate ();
  g_clear_object (&app);
  return status;
}
