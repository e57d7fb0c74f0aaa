/* test-demo-flows.c — the real window on the demo devices, driven through
 * its actions and widgets as a user would: back up the Pokémon cart, copy a
 * save from the Mega Memory Card to a Game Boy cart's save, edit the
 * trainer's money and see the save verify */

#include "config.h"

#include <gtk/gtk.h>

#include "ks-application.h"
#include "ks-test-utils.h"
#include "ks-trainer-editor.h"
#include "ks-window-private.h"
#include "ui-test-utils.h"

static KsApplication *app;
static KsWindow *window;
static char *library_dir;

static void
wait_idle (void)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  KsDeviceTree *tree = ks_window_get_device_tree (window);

  ks_test_ui_iterate ();
  while (ks_test_ui_devices_busy (tree) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_test_ui_devices_busy (tree));
  ks_test_ui_iterate ();
}

static KsDevice *
device_by_platform (const char *platform)
{
  GListModel *devices = ks_device_tree_get_devices (ks_window_get_device_tree (window));

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_platform (device), platform) == 0)
        return device;   /* the store keeps it */
    }

  return NULL;
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
  g_assert_true (ks_device_tree_select_path (ks_window_get_device_tree (window),
                                             ks_device_get_path (device)));
  ks_test_ui_iterate ();
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

static void
test_copy_a_card_save_to_a_gb_cart (void)
{
  KsDevice *card = device_by_platform ("gb");
  g_autoptr(KsSaveItem) first = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *cart_path = NULL;
  g_autoptr(GFile) cart_file = NULL;
  g_autoptr(GBytes) written = NULL;
  KsDevice *cart;
  guint64 size;

  g_assert_nonnull (card);
  first = g_list_model_get_item (ks_device_get_saves (card), 0);
  size = ks_save_item_get_size (first);
  expected = ks_container_extract (ks_device_get_container (card), ks_save_item_get_index (first),
                                   "x.sav", NULL);

  /* a Game Boy cart's save of the same size, erased */
  empty = g_bytes_new_take (g_malloc0 (size), size);
  cart_path = ks_test_write_file (dir, "gb-cart.sav", empty);
  cart_file = g_file_new_for_path (cart_path);
  g_assert_true (ks_window_open_file (window, cart_file));
  wait_idle ();
  cart = NULL;
  {
    GListModel *devices = ks_device_tree_get_devices (ks_window_get_device_tree (window));

    for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
      {
        g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

        if (g_strcmp0 (ks_device_get_path (device), cart_path) == 0)
          cart = device;
      }
  }
  g_assert_nonnull (cart);

  /* what a drop of the save row on the cart row does */
  ks_window_copy_save (window, card, first, cart);
  finish_newest_job ();

  written = ks_test_read_file (cart_path);
  ks_test_assert_bytes_equal (written, expected);
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *demo_dir = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);

  dir = ks_test_make_tmpdir ();
  library_dir = g_build_filename (dir, "library", NULL);
  demo_dir = g_build_filename (dir, "demo", NULL);
  g_setenv ("KEEPSAKE_LIBRARY_DIR", library_dir, TRUE);

  app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = ks_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ks_application_start_demo (app, demo_dir, &error));
  g_assert_no_error (error);
  wait_idle ();

  g_test_add_func ("/demo/back-up-the-pokemon-cart", test_back_up_the_pokemon_cart);
  g_test_add_func ("/demo/copy-a-card-save-to-a-gb-cart", test_copy_a_card_save_to_a_gb_cart);
  g_test_add_func ("/demo/edit-trainer-money-and-see-it-verify", test_edit_trainer_money_and_see_it_verify);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  return status;
}
