/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* bench-ui.c — what a user feels while a big write runs (reported, not
 * asserted): the main loop's largest stall while a 512 KiB Mega Memory Card
 * write runs on its worker, then while the card is read again, and the
 * app's peak memory with the demo open.
 * Runs under Xvfb: `meson test --benchmark ui`.
 *
 * Xvfb has no GPU: GTK's GL renderer gets Mesa's llvmpipe through GLX,
 * which lacks GLX_EXT_buffer_age, so every frame re-renders the whole
 * window in software (about 45 ms of CPU here) and the stall measured is
 * llvmpipe's, not Keepsake's.  The cairo renderer draws only what changed;
 * set GSK_RENDERER to measure another one. */

#include "config.h"

#include <gtk/gtk.h>
#include <sys/resource.h>

#include "ks-application.h"
#include "ks-test-utils.h"
#include "ks-window.h"
#include "ui-test-utils.h"

static gint64 last_tick;
static gint64 largest_stall;
static guint ticks;

static gboolean
tick (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    largest_stall = MAX (largest_stall, now - last_tick);
  last_tick = now;
  ticks++;
  return G_SOURCE_CONTINUE;
}

/* The card filled with saves of noise: nearly every sector of the 512 KiB
 * chip changes, so the write erases and programs almost the whole chip. */
static GBytes *
filled_card (GBytes *image)
{
  g_autoptr(KsContainer) card = ks_container_new_with_format (image, "card", &ks_mmc_format, NULL);

  for (guint i = 0; i < 99; i++)
    {
      g_autoptr(GBytes) noise = ks_test_random_bytes (32768, 1000 + i);
      g_autofree char *name = g_strdup_printf ("NOISE %u", i);

      if (!ks_container_insert (card, noise, "noise.sav", name, NULL))
        break;
    }

  return ks_container_build_verified (card, FALSE, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *demo_dir = NULL;
  g_autofree char *library_dir = NULL;
  g_autoptr(KsApplication) app = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(KsJob) job = NULL;
  KsDeviceTree *tree;
  KsWindow *window;
  KsDevice *card = NULL;
  GListModel *devices;
  struct rusage usage;
  gint64 start, open_stall;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();

  dir = ks_test_make_tmpdir ();
  demo_dir = g_build_filename (dir, "demo", NULL);
  library_dir = g_build_filename (dir, "library", NULL);
  g_setenv ("KEEPSAKE_LIBRARY_DIR", library_dir, TRUE);

  app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = ks_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  tree = ks_window_get_device_tree (window);
  g_timeout_add (1, tick, NULL);

  /* opening the demo: the readers read on their workers */
  start = g_get_monotonic_time ();
  if (!ks_application_start_demo (app, demo_dir, &error))
    g_error ("%s", error->message);
  while (ks_test_ui_devices_busy (tree))
    g_main_context_iteration (NULL, TRUE);
  ks_test_ui_iterate ();
  open_stall = largest_stall;
  g_print ("demo open: %.0f ms, largest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, open_stall / 1000.0);

  devices = ks_device_tree_get_devices (tree);
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (g_strcmp0 (ks_device_get_platform (device), "gb") == 0)
        card = device;
    }
  g_assert_nonnull (card);
  /* a write is started from the selected card, so its details are shown */
  g_assert_true (ks_device_tree_select_path (tree, ks_device_get_path (card)));
  ks_test_ui_iterate ();

  image = ks_test_read_file (ks_demo_get_mmc_path (ks_application_get_demo (app)));
  content = filled_card (image);
  g_assert_nonnull (content);

  largest_stall = 0;
  ticks = 0;
  start = g_get_monotonic_time ();
  /* from now, so that queueing the job counts too */
  last_tick = start;
  job = ks_job_restore_new (ks_window_get_library (window), ks_device_get_path (card), NULL,
                            content, "mmc", FALSE);
  ks_window_run_job (window, job, card);
  if (!ks_job_wait (job, &error))
    g_error ("%s", error->message);

  g_print ("512 KiB Mega Memory Card write: %.1f s, %u sectors erased, %" G_GUINT64_FORMAT
           " bytes programmed, verified %s\n",
           (g_get_monotonic_time () - start) / 1e6, ks_job_get_result (job)->sectors_erased,
           ks_job_get_result (job)->bytes_programmed,
           ks_job_get_result (job)->verified ? "yes" : "no");
  g_print ("main loop during the write: %u ticks of 1 ms, largest stall %.1f ms\n",
           ticks, largest_stall / 1000.0);

  /* "finished" has started the card's reading again: the tree and the
   * details pane take the new saves when it is done */
  largest_stall = 0;
  start = g_get_monotonic_time ();
  while (ks_test_ui_devices_busy (tree))
    g_main_context_iteration (NULL, TRUE);
  ks_test_ui_iterate ();
  g_print ("card read again after the write: %.0f ms, largest main-loop stall %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, largest_stall / 1000.0);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory (RSS) with the demo open: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
