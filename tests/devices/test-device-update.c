/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-device-update.c — a device read again updates in place
 *
 * ks_device_reload() on a file device applies the fresh reading to the
 * same object: its saves store is the same GListStore, changed by one
 * splice of what differs; saves that did not change keep their objects
 * (with their new index when one before them went); the properties a
 * tree row binds to (ks-tree-node.h) are notified, then "changed".  Bad
 * content (garbage, all 0xFF, a file gone) empties the store in place
 * and says why, never a crash.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ks-test-utils.h"
#include "mmc-builder.h"

typedef struct
{
  GArray *changes;    /* position, removed, added per items-changed */
  guint   n_changed;  /* "changed" signals */
  guint   n_subtitle; /* notify::subtitle */
} Watch;

static void
on_items_changed (GListModel *saves,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (watch->changes, change, 3);
}

static void
on_changed (KsDevice *device,
            Watch    *watch)
{
  watch->n_changed++;
}

static void
on_subtitle (KsDevice   *device,
             GParamSpec *pspec,
             Watch      *watch)
{
  watch->n_subtitle++;
}

static void
watch_device (KsDevice *device,
              Watch    *watch)
{
  watch->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (ks_device_get_saves (device), "items-changed", G_CALLBACK (on_items_changed),
                    watch);
  g_signal_connect (device, "changed", G_CALLBACK (on_changed), watch);
  g_signal_connect (device, "notify::subtitle", G_CALLBACK (on_subtitle), watch);
}

static void
watch_reset (Watch *watch)
{
  g_array_set_size (watch->changes, 0);
  watch->n_changed = 0;
  watch->n_subtitle = 0;
}

static void
assert_one_splice (Watch *watch,
                   guint  position,
                   guint  removed,
                   guint  added)
{
  g_assert_cmpuint (watch->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (watch->changes, guint, 0), ==, position);
  g_assert_cmpuint (g_array_index (watch->changes, guint, 1), ==, removed);
  g_assert_cmpuint (g_array_index (watch->changes, guint, 2), ==, added);
}

static KsSaveItem *
save_at (KsDevice *device,
         guint     position)
{
  g_autoptr(KsSaveItem) save = g_list_model_get_item (ks_device_get_saves (device), position);

  return save;   /* the store keeps it */
}

static gboolean
has_children (KsDevice *device)
{
  gboolean value;

  g_object_get (device, "has-children", &value, NULL);
  return value;
}

static void
test_saves_update_in_place (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autoptr(GBytes) sram = ks_test_mmc_zelda_sram ();
  g_autoptr(GBytes) grown = ks_test_mmc_insert (card, sram, "LINKS DREAM");
  g_autofree char *path = ks_test_write_file (dir, "card.bin", card);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDevice) device = ks_device_new_for_file (path, &error);
  GListModel *saves;
  KsSaveItem *zelda;
  KsSaveItem *pokemon;
  Watch watch = { 0 };

  g_assert_no_error (error);
  saves = ks_device_get_saves (device);
  g_assert_cmpuint (g_list_model_get_n_items (saves), ==, 2);
  zelda = save_at (device, 0);
  pokemon = save_at (device, 1);
  g_assert_cmpstr (ks_save_item_get_name (zelda), ==, "ZELDA DX");
  g_assert_cmpstr (ks_save_item_get_name (pokemon), ==, "POKEMON RED");
  g_assert_cmpstr (ks_save_item_get_icon_name (zelda), ==, "ks-memory-card-symbolic");
  g_assert_true (has_children (device));
  watch_device (device, &watch);

  /* the same bytes read again: nothing to splice, the rows are told */
  ks_device_reload (device);
  g_assert_cmpuint (watch.changes->len, ==, 0);
  g_assert_cmpuint (watch.n_changed, ==, 1);
  g_assert_cmpuint (watch.n_subtitle, ==, 1);
  g_assert_true (save_at (device, 0) == zelda);

  /* a third save written by someone else: one insertion, at the end */
  watch_reset (&watch);
  g_free (ks_test_write_file (dir, "card.bin", grown));
  ks_device_reload (device);
  g_assert_true (ks_device_get_saves (device) == saves);
  assert_one_splice (&watch, 2, 0, 1);
  g_assert_true (save_at (device, 0) == zelda);
  g_assert_true (save_at (device, 1) == pokemon);
  g_assert_cmpstr (ks_save_item_get_name (save_at (device, 2)), ==, "LINKS DREAM");
  g_assert_cmpuint (watch.n_changed, ==, 1);

  /* back to two: the third goes, alone */
  watch_reset (&watch);
  g_free (ks_test_write_file (dir, "card.bin", card));
  ks_device_reload (device);
  assert_one_splice (&watch, 2, 1, 0);
  g_assert_true (save_at (device, 1) == pokemon);
  g_array_unref (watch.changes);
}

/* Bad content empties the store in place, and says so */
static void
test_bad_content_empties_in_place (void)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autoptr(GBytes) card = ks_test_mmc_worked_example ();
  g_autofree char *path = ks_test_write_file (dir, "card.bin", card);
  g_autoptr(GError) error = NULL;
  g_autoptr(KsDevice) device = ks_device_new_for_file (path, &error);
  g_autofree guint8 *ff = g_malloc (8);
  g_autoptr(GBytes) all_ff = NULL;
  g_autoptr(GBytes) garbage = ks_test_bytes_from_hex ("4B 53 00 13 37 FF 00 01 02");
  GListModel *saves;
  KsSaveStatus status;
  Watch watch = { 0 };

  g_assert_no_error (error);
  saves = ks_device_get_saves (device);
  watch_device (device, &watch);

  memset (ff, 0xFF, 8);
  all_ff = g_bytes_new (ff, 8);
  g_free (ks_test_write_file (dir, "card.bin", all_ff));
  ks_device_reload (device);
  g_assert_true (ks_device_get_saves (device) == saves);
  assert_one_splice (&watch, 0, 2, 0);
  g_assert_null (ks_device_get_container (device));
  g_assert_true (g_str_has_prefix (ks_device_get_subtitle (device), "Unknown format"));
  g_assert_false (has_children (device));
  g_object_get (device, "status", &status, NULL);
  g_assert_cmpint (status, ==, KS_SAVE_STATUS_UNKNOWN);

  /* garbage of another length: still nothing, nothing to splice */
  watch_reset (&watch);
  g_free (ks_test_write_file (dir, "card.bin", garbage));
  ks_device_reload (device);
  g_assert_cmpuint (watch.changes->len, ==, 0);
  g_assert_cmpuint (watch.n_changed, ==, 1);

  /* the card back: its two saves return to the same store */
  watch_reset (&watch);
  g_free (ks_test_write_file (dir, "card.bin", card));
  ks_device_reload (device);
  assert_one_splice (&watch, 0, 0, 2);
  g_assert_true (has_children (device));

  /* the file gone: the store empties, the subtitle and a finding say why */
  watch_reset (&watch);
  g_assert_cmpint (g_unlink (path), ==, 0);
  ks_device_reload (device);
  assert_one_splice (&watch, 0, 2, 0);
  g_assert_null (ks_device_get_bytes (device));
  g_assert_nonnull (ks_device_get_subtitle (device));
  g_object_get (device, "status", &status, NULL);
  g_assert_cmpint (status, ==, KS_SAVE_STATUS_ERROR);
  g_array_unref (watch.changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/device-update/saves-update-in-place", test_saves_update_in_place);
  g_test_add_func ("/device-update/bad-content-empties-in-place", test_bad_content_empties_in_place);

  return g_test_run ();
}
