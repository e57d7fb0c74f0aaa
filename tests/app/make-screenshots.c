/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* make-screenshots.c — the README's pictures, taken from the real window on
 * the demo devices with real input (ui-input.h), written as PNG files by
 * ImageMagick's import into the folder given
 *
 * Run it under Xvfb: `meson compile -C BUILD screenshots` (the target runs
 * xvfb-run with the data/screenshots folder of the source tree). Not part
 * of the test suite.
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-trainer-editor.h"
#include "ks-window-private.h"
#include "ui-input.h"
#include "ui-test-utils.h"

static KsWindow *window;
static const char *out_dir;

static gboolean
settled (gpointer data)
{
  return !ks_test_ui_devices_busy (ks_window_get_device_tree (window)) &&
         ks_jobs_area_get_n_running (ks_window_get_jobs_area (window)) == 0;
}

static void
wait_settled (void)
{
  g_assert_true (ks_test_input_wait_for (settled, NULL, 60000));
  ks_test_input_settle (300);
}

static gboolean
asking (gpointer data)
{
  return ks_window_get_question (window) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (ks_window_get_question (window)));
}

/* import -window ID FILE.png */
static void
shoot (GtkWindow  *shown,
       const char *name)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (shown));
  g_autofree char *id = g_strdup_printf ("0x%lx", gdk_x11_surface_get_xid (surface));
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  const char *argv[] = { "import", "-window", id, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  ks_test_input_settle (500);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("import failed: %s", error->message);
  g_print ("%s\n", path);
}

static KsDevice *
device_by_platform (const char *platform)
{
  return ks_test_ui_device_by_platform (ks_window_get_device_tree (window), platform);
}

/* The demo's other GBA reader: the cart whose save Keepsake cannot check */
static KsDevice *
eeprom_cart (void)
{
  GListModel *devices = ks_device_tree_get_devices (ks_window_get_device_tree (window));

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);
      KsContainer *container = ks_device_get_container (device);

      if (container != NULL && g_str_equal (ks_container_get_format (container)->id, "gba-sav"))
        return device;
    }

  g_error ("no EEPROM cart in the demo");
}

/* Clicks @item's row, as a person selects it */
static void
click_row (gpointer item)
{
  GtkWidget *row = ks_test_ui_row_on_screen (ks_window_get_device_tree (window), item);

  g_assert_nonnull (row);
  ks_test_input_click (row, 1);
  ks_test_input_settle (400);
  g_assert_true (ks_device_tree_get_selected_item (ks_window_get_device_tree (window)) == item);
}

/* Scrolls the details pane so that its section @heading is at the top. */
static void
scroll_details_to (GtkWidget  *widget,
                   const char *heading)
{
  GtkWidget *scrolled;
  double x, y;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), heading) == 0)
    {
      scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
      g_assert_nonnull (scrolled);
      g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                       0, 0, &x, &y));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                                y - 12);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    scroll_details_to (child, heading);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KsApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_dir = NULL;
  KsDeviceTree *tree;
  KsDevice *cart, *card, *saturn, *folder;
  g_autoptr(KsSaveItem) race = NULL;
  g_autoptr(KsSaveItem) rpg = NULL;
  GListModel *toplevels;

  if (argc != 2)
    {
      g_printerr ("Usage: make-screenshots FOLDER\n");
      return 2;
    }
  out_dir = argv[1];

  if (!ks_test_ui_init (&argc, &argv))
    return 77;
  /* a tool, not a test: a warning (no session bus) is not fatal here */
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  window = ks_test_ui_new_window (&app, 1024, 720, &demo_dir);
  g_assert_true (ks_application_start_demo (app, demo_dir, &error));
  g_assert_no_error (error);
  wait_settled ();
  tree = ks_window_get_device_tree (window);

  cart = device_by_platform ("gba");
  card = device_by_platform ("gb");
  saturn = device_by_platform ("saturn");
  folder = device_by_platform ("folder");

  /* a backup of the cart, with the keyboard */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (cart)));
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_b, GDK_CONTROL_MASK);
  wait_settled ();

  /* a Saturn save into the .BUP folder: added at once */
  race = g_list_model_get_item (ks_device_get_saves (saturn), 0);
  ks_test_ui_drag_onto (tree, race, folder);
  wait_settled ();

  /* a card save onto the cart on top of the card: the question */
  rpg = g_list_model_get_item (ks_device_get_saves (card), 0);
  ks_test_ui_drag_onto (tree, rpg, ks_device_get_top_cart (card));
  g_assert_true (ks_test_input_wait_for (asking, NULL, 5000));
  shoot (GTK_WINDOW (ks_window_get_question (window)), "replace-question.png");
  ks_test_input_click (ks_confirm_dialog_get_choice (ks_window_get_question (window),
                                                    KS_COPY_CHOICE_REPLACE), 1);
  wait_settled ();

  /* the window, the card selected */
  card = device_by_platform ("gb");
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (card)));
  gtk_widget_activate_action (ks_test_ui_find_child (GTK_WIDGET (tree), GTK_TYPE_LIST_VIEW),
                              "list.scroll-to-item", "u", 0);
  shoot (GTK_WINDOW (window), "main-window.png");

  /* the Pokémon cart's trainer card and slots */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (device_by_platform ("gba"))));
  /* the details pictures leave out the job list, for room */
  gtk_widget_set_visible (GTK_WIDGET (ks_window_get_jobs_area (window)), FALSE);
  ks_test_input_settle (300);
  scroll_details_to (GTK_WIDGET (ks_window_get_details_pane (window)), _("Trainer card"));
  shoot (GTK_WINDOW (window), "trainer-card.png");

  /* the Mega Memory Card's capacity map */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (device_by_platform ("gb"))));
  ks_test_input_settle (300);
  scroll_details_to (GTK_WIDGET (ks_window_get_details_pane (window)), _("Capacity"));
  ks_test_input_settle (300);
  scroll_details_to (GTK_WIDGET (ks_window_get_details_pane (window)), _("Capacity"));
  shoot (GTK_WINDOW (window), "capacity-map.png");

  /* the Game Boy cart on top of the card: its header's title and mapper */
  card = device_by_platform ("gb");
  click_row (ks_device_get_top_cart (card));
  shoot (GTK_WINDOW (window), "game-boy-cart.png");

  /* a GBA cart with an EEPROM and a clock: nothing to check, said so */
  click_row (eeprom_cart ());
  shoot (GTK_WINDOW (window), "gba-eeprom-cart.png");

  /* a Saturn save: its name, comment, language, date and blocks */
  saturn = device_by_platform ("saturn");
  {
    g_autoptr(KsSaveItem) first = g_list_model_get_item (ks_device_get_saves (saturn), 0);

    click_row (first);
  }
  shoot (GTK_WINDOW (window), "saturn-save.png");

  /* the .BUP folder */
  click_row (device_by_platform ("folder"));
  shoot (GTK_WINDOW (window), "bup-folder.png");
  gtk_widget_set_visible (GTK_WIDGET (ks_window_get_jobs_area (window)), TRUE);

  /* the trainer editor */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (device_by_platform ("gba"))));
  ks_test_input_focus (GTK_WINDOW (window));
  ks_test_input_key (GDK_KEY_t, GDK_CONTROL_MASK);
  ks_test_input_settle (500);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) shown = g_list_model_get_item (toplevels, i);

      if (KS_IS_TRAINER_EDITOR (shown))
        shoot (shown, "trainer-editor.png");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  ks_test_input_settle (200);
  return 0;
}
