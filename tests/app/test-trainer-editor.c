/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-trainer-editor.c — the Gen III trainer editor under Xvfb: the form
 * shows the save's trainer, refuses what the game cannot store as it is
 * typed, and hands the window the edited trainer on Save (spec gen3.md §3,
 * §4) without writing anything itself */

#include "config.h"

#include <gtk/gtk.h>
#include <keepsake.h>
#include <string.h>

#include "gen3-builder.h"
#include "ks-test-utils.h"
#include "ks-trainer-editor.h"
#include "ui-test-utils.h"

/* A new game's first save: MAY, female, 12:34:56 and 7 frames, the first
 * two badges. */
static KsContainer *
new_container (KsGen3Game game)
{
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  KsContainer *container;

  trainer.name = g_strdup ("MAY");
  trainer.gender = KS_GEN3_GENDER_FEMALE;
  trainer.tid = 12345;
  trainer.sid = 54321;
  trainer.money = 3000;
  trainer.coins = 50;
  trainer.hours = 12;
  trainer.minutes = 34;
  trainer.seconds = 56;
  trainer.frames = 7;
  trainer.badges[0] = TRUE;
  trainer.badges[1] = TRUE;

  bytes = ks_gen3_build_new_save (game, &trainer, &error);
  g_assert_no_error (error);
  container = ks_container_new_from_bytes (bytes, "may.sav", "gen3", &error);
  g_assert_no_error (error);
  return container;
}

typedef struct
{
  GtkWindow       *parent;
  KsContainer     *container;
  KsTrainerEditor *editor;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
  f->container = new_container (GPOINTER_TO_INT (data));
  f->editor = ks_trainer_editor_new (f->parent, f->container, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->editor);
  g_object_add_weak_pointer (G_OBJECT (f->editor), (gpointer *) &f->editor);
  gtk_window_present (GTK_WINDOW (f->editor));
  ks_test_ui_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (f->editor));
  gtk_window_destroy (f->parent);
  g_clear_pointer (&f->container, ks_container_unref);
  ks_test_ui_iterate ();
}

static double
spin_value (GtkSpinButton *spin)
{
  return gtk_spin_button_get_value (spin);
}

static void
test_shows_the_trainer (Fixture       *f,
                        gconstpointer  data)
{
  KsTrainerEditor *e = f->editor;

  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (e)) == f->parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (e)));
  g_assert_true (ks_trainer_editor_get_container (e) == f->container);
  g_assert_null (ks_trainer_editor_get_damage (e));   /* an intact save: no warning */

  g_assert_cmpstr (ks_trainer_editor_get_game_text (e), ==, "Game: Emerald (detected)");
  g_assert_cmpstr (gtk_editable_get_text (ks_trainer_editor_get_name_entry (e)), ==, "MAY");
  g_assert_false (gtk_check_button_get_active (ks_trainer_editor_get_gender_check (e, KS_GEN3_GENDER_MALE)));
  g_assert_true (gtk_check_button_get_active (ks_trainer_editor_get_gender_check (e, KS_GEN3_GENDER_FEMALE)));
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_tid_spin (e)), ==, 12345);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_sid_spin (e)), ==, 54321);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_money_spin (e)), ==, 3000);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_coins_spin (e)), ==, 50);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_hours_spin (e)), ==, 12);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_minutes_spin (e)), ==, 34);
  g_assert_cmpfloat (spin_value (ks_trainer_editor_get_seconds_spin (e)), ==, 56);

  /* Hoenn badges in the game's order, Alt+1 … Alt+8 */
  g_assert_cmpstr (gtk_check_button_get_label (ks_trainer_editor_get_badge_check (e, 0)), ==, "_1 Stone");
  g_assert_cmpstr (gtk_check_button_get_label (ks_trainer_editor_get_badge_check (e, 7)), ==, "_8 Rain");
  /* the tooltip is the badge's whole name */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (ks_trainer_editor_get_badge_check (e, 7))), ==,
                   "Rain Badge");
  g_assert_true (gtk_check_button_get_use_underline (ks_trainer_editor_get_badge_check (e, 7)));
  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    g_assert_cmpint (gtk_check_button_get_active (ks_trainer_editor_get_badge_check (e, i)), ==, i < 2);

  g_assert_null (ks_trainer_editor_get_name_message (e));
  g_assert_null (ks_trainer_editor_get_result_text (e));
  g_assert_false (ks_trainer_editor_is_busy (e));
}

static void
test_firered_has_kanto_badges (Fixture       *f,
                               gconstpointer  data)
{
  KsTrainerEditor *e = f->editor;

  g_assert_cmpstr (ks_trainer_editor_get_game_text (e), ==, "Game: FireRed/LeafGreen (detected)");
  g_assert_cmpstr (gtk_check_button_get_label (ks_trainer_editor_get_badge_check (e, 0)), ==, "_1 Boulder");
  g_assert_cmpstr (gtk_check_button_get_label (ks_trainer_editor_get_badge_check (e, 7)), ==, "_8 Earth");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (ks_trainer_editor_get_badge_check (e, 0))), ==,
                   "Boulder Badge");
}

static void
test_name_refuses_unencodable_character (Fixture       *f,
                                         gconstpointer  data)
{
  GtkEditable *name = ks_trainer_editor_get_name_entry (f->editor);
  int position = 3;

  /* §4: the Western table has no kanji */
  gtk_editable_insert_text (name, "日", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "MAY");
  g_assert_nonnull (ks_trainer_editor_get_name_message (f->editor));
  g_assert_nonnull (strstr (ks_trainer_editor_get_name_message (f->editor), "“日”"));

  /* a paste with one bad character is refused whole */
  position = 3;
  gtk_editable_insert_text (name, "Bé€", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "MAY");
  g_assert_nonnull (strstr (ks_trainer_editor_get_name_message (f->editor), "“€”"));
  /* flagged in the field: error style, and "invalid" for screen readers */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  {
    g_autofree char *invalid = gtk_test_accessible_check_state (GTK_ACCESSIBLE (name),
                                                                GTK_ACCESSIBLE_STATE_INVALID,
                                                                GTK_ACCESSIBLE_INVALID_TRUE);

    g_assert_null (invalid);
  }

  /* an accented letter the table has is taken, and clears the message */
  position = 3;
  gtk_editable_insert_text (name, "é", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "MAYé");
  g_assert_null (ks_trainer_editor_get_name_message (f->editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
}

static void
test_name_refuses_an_eighth_character (Fixture       *f,
                                       gconstpointer  data)
{
  GtkEditable *name = ks_trainer_editor_get_name_entry (f->editor);
  int position = 3;

  gtk_editable_insert_text (name, "ABCDE", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "MAY");
  g_assert_nonnull (strstr (ks_trainer_editor_get_name_message (f->editor), "at most 7"));

  position = 3;
  gtk_editable_insert_text (name, "ABCD", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "MAYABCD");
  g_assert_null (ks_trainer_editor_get_name_message (f->editor));
}

static void
test_numbers_are_clamped_to_the_game_limits (Fixture       *f,
                                             gconstpointer  data)
{
  GtkSpinButton *money = ks_trainer_editor_get_money_spin (f->editor);
  GtkSpinButton *coins = ks_trainer_editor_get_coins_spin (f->editor);
  GtkSpinButton *hours = ks_trainer_editor_get_hours_spin (f->editor);
  GtkSpinButton *seconds = ks_trainer_editor_get_seconds_spin (f->editor);
  GtkSpinButton *tid = ks_trainer_editor_get_tid_spin (f->editor);

  /* typed text past the limit lands on the limit (§3.3 MAX_MONEY, MAX_COINS) */
  gtk_editable_set_text (GTK_EDITABLE (money), "1234567");
  gtk_spin_button_update (money);
  g_assert_cmpfloat (spin_value (money), ==, 999999);

  gtk_spin_button_set_value (coins, 12345);
  g_assert_cmpfloat (spin_value (coins), ==, 9999);
  gtk_spin_button_set_value (hours, 1000);
  g_assert_cmpfloat (spin_value (hours), ==, 999);
  gtk_spin_button_set_value (seconds, 60);
  g_assert_cmpfloat (spin_value (seconds), ==, 59);
  gtk_spin_button_set_value (tid, 65536);
  g_assert_cmpfloat (spin_value (tid), ==, 65535);
  gtk_spin_button_set_value (tid, -1);
  g_assert_cmpfloat (spin_value (tid), ==, 0);

  /* letters are not a number */
  g_assert_true (gtk_spin_button_get_numeric (money));
}

static void
on_save_requested (KsTrainerEditor *editor,
                   KsGen3Trainer   *out)
{
  g_assert_true (ks_trainer_editor_is_busy (editor));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ks_trainer_editor_get_save_button (editor))));
  ks_gen3_trainer_clear (out);
  ks_trainer_editor_get_trainer (editor, out);
}

static void
test_save_requests_the_edited_trainer (Fixture       *f,
                                       gconstpointer  data)
{
  KsTrainerEditor *e = f->editor;
  g_auto(KsGen3Trainer) requested = { 0 };
  g_auto(KsGen3Trainer) written = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  GBytes *after;
  KsGen3Save *save = ks_container_get_impl (f->container);
  int position = 3;

  g_signal_connect (e, "save-requested", G_CALLBACK (on_save_requested), &requested);
  before = g_bytes_ref (ks_container_get_original (f->container));

  gtk_editable_insert_text (ks_trainer_editor_get_name_entry (e), "A", -1, &position);
  gtk_check_button_set_active (ks_trainer_editor_get_gender_check (e, KS_GEN3_GENDER_MALE), TRUE);
  gtk_spin_button_set_value (ks_trainer_editor_get_money_spin (e), 4321);
  gtk_check_button_set_active (ks_trainer_editor_get_badge_check (e, 7), TRUE);
  /* typed but not yet activated: Save still takes it */
  gtk_editable_set_text (GTK_EDITABLE (ks_trainer_editor_get_coins_spin (e)), "777");

  g_signal_emit_by_name (ks_trainer_editor_get_save_button (e), "clicked");
  ks_test_ui_iterate ();

  g_assert_cmpstr (requested.name, ==, "MAYA");
  g_assert_cmpuint (requested.gender, ==, KS_GEN3_GENDER_MALE);
  g_assert_cmpuint (requested.tid, ==, 12345);
  g_assert_cmpuint (requested.sid, ==, 54321);
  g_assert_cmpuint (requested.money, ==, 4321);
  g_assert_cmpuint (requested.coins, ==, 777);
  g_assert_cmpuint (requested.hours, ==, 12);
  g_assert_cmpuint (requested.minutes, ==, 34);
  g_assert_cmpuint (requested.seconds, ==, 56);
  g_assert_cmpuint (requested.frames, ==, 7);   /* not in the form, kept */
  g_assert_true (requested.badges[0] && requested.badges[1] && requested.badges[7]);
  g_assert_false (requested.badges[2]);

  /* the editor wrote nothing: the save in memory is untouched */
  g_assert_false (ks_container_is_modified (f->container));
  g_assert_true (ks_trainer_editor_is_busy (e));

  /* what it asks for is what the core accepts */
  g_assert_true (ks_gen3_set_trainer (save, &requested, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (ks_gen3_get_trainer (save, &written, &error));
  g_assert_cmpstr (written.name, ==, "MAYA");
  g_assert_cmpuint (written.money, ==, 4321);
  g_assert_true (written.badges[7]);

  ks_trainer_editor_show_result (e, TRUE, "Written, read back and verified.");
  g_assert_cmpstr (ks_trainer_editor_get_result_text (e), ==, "Written, read back and verified.");
  g_assert_false (ks_trainer_editor_is_busy (e));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ks_trainer_editor_get_save_button (e))));
  g_assert_cmpstr (gtk_button_get_label (ks_trainer_editor_get_cancel_button (e)), ==, "_Close");

  after = ks_container_get_original (f->container);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_show_result_reports_failure (Fixture       *f,
                                  gconstpointer  data)
{
  KsTrainerEditor *e = f->editor;
  const char *message = "The cart read back differently at 0x1000; the save was not changed.";

  g_signal_emit_by_name (ks_trainer_editor_get_save_button (e), "clicked");
  g_assert_true (ks_trainer_editor_is_busy (e));

  ks_trainer_editor_show_result (e, FALSE, message);
  g_assert_cmpstr (ks_trainer_editor_get_result_text (e), ==, message);
  g_assert_false (ks_trainer_editor_is_busy (e));
  g_assert_cmpstr (gtk_button_get_label (ks_trainer_editor_get_cancel_button (e)), ==, "_Cancel");
}

/* The label showing @text in @widget's tree, or NULL */
static GtkWidget *
label_showing (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = label_showing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A long result wraps onto as many lines as it needs: none is cut off */
static void
test_long_result_is_never_cut (Fixture       *f,
                               gconstpointer  data)
{
  KsTrainerEditor *e = f->editor;
  const char *message = "Done: 3 sectors erased, 12.0 KiB written, read back and verified. The "
                        "previous content is in the backup library as "
                        "20261207T112107.183121Z-dc16f9d2, where Restore can put it back on "
                        "the cart at any time.";
  GtkWidget *label;
  int minimum = 0;

  g_signal_emit_by_name (ks_trainer_editor_get_save_button (e), "clicked");
  ks_trainer_editor_show_result (e, TRUE, message);
  ks_test_ui_iterate ();

  label = label_showing (GTK_WIDGET (e), message);
  g_assert_nonnull (label);
  /* the window lays the new line out on its next frames */
  for (guint i = 0; i < 200 && gtk_widget_get_height (label) == 0; i++)
    {
      g_usleep (10000);
      ks_test_ui_iterate ();
    }
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_cmpint (gtk_widget_get_width (label), <=, gtk_widget_get_width (GTK_WIDGET (e)));
  /* the height it has is the height its text needs at its width */
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), &minimum,
                      NULL, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >=, minimum);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), >, 1);
}

static void
count_requests (KsTrainerEditor *editor,
                guint           *count)
{
  (*count)++;
}

static void
test_empty_name_is_not_saved (Fixture       *f,
                              gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (f->editor, "save-requested", G_CALLBACK (count_requests), &count);
  gtk_editable_set_text (ks_trainer_editor_get_name_entry (f->editor), "");
  g_signal_emit_by_name (ks_trainer_editor_get_save_button (f->editor), "clicked");

  g_assert_cmpuint (count, ==, 0);
  g_assert_false (ks_trainer_editor_is_busy (f->editor));
  g_assert_nonnull (strstr (ks_trainer_editor_get_name_message (f->editor), "empty"));
}

static void
test_cancel_closes_without_request (Fixture       *f,
                                    gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (f->editor, "save-requested", G_CALLBACK (count_requests), &count);
  gtk_spin_button_set_value (ks_trainer_editor_get_money_spin (f->editor), 1);
  g_signal_emit_by_name (ks_trainer_editor_get_cancel_button (f->editor), "clicked");
  ks_test_ui_iterate ();

  g_assert_null (f->editor);
  g_assert_cmpuint (count, ==, 0);
  g_assert_false (ks_container_is_modified (f->container));
}

/* The Escape binding of the class, found the way GTK finds it. */
static GtkShortcut *
find_escape_shortcut (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

static void
test_escape_closes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GtkShortcut) escape = find_escape_shortcut (GTK_WIDGET (f->editor));

  g_assert_nonnull (escape);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0,
                                               GTK_WIDGET (f->editor), NULL));
  ks_test_ui_iterate ();
  g_assert_null (f->editor);
}

static void
test_refuses_a_save_without_a_game (void)
{
  g_autoptr(GBytes) erased = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data = g_malloc (128 * 1024);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_before = g_list_model_get_n_items (toplevels);

  /* a fresh flash chip: every byte 0xFF, both slots empty */
  memset (data, 0xFF, 128 * 1024);
  erased = g_bytes_new_take (data, 128 * 1024);
  container = ks_container_new_from_bytes (erased, "blank.sav", "gen3", &error);
  g_assert_no_error (error);

  g_assert_null (ks_trainer_editor_new (NULL, container, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND);
  ks_test_ui_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before);
}

static void
test_refuses_another_format (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (32 * 1024), 32 * 1024);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) error = NULL;

  /* a Game Boy cartridge's 32 KiB SRAM: no trainer to edit */
  container = ks_container_new_from_bytes (bytes, "tetris.sav", "gb-sav", &error);
  g_assert_no_error (error);

  g_assert_null (ks_trainer_editor_new (NULL, container, &error));
  g_assert_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED);
}

/* A save whose newest slot has a sector with a wrong checksum opens with
 * the checks' words at the top, not as if nothing were wrong */
static void
test_damaged_save_opens_with_a_warning (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *blocks = gen3_blocks_new (KS_GEN3_GAME_EMERALD, 0x12345678);
  g_autoptr(GBytes) intact = gen3_build (KS_GEN3_GAME_EMERALD, blocks, 2, 1);
  g_autofree guint8 *flash = g_bytes_unref_to_data (g_bytes_ref (intact), &(gsize) { 0 });
  gint physical = gen3_find_section (flash, 0, 5);
  g_autoptr(GBytes) damaged = NULL;
  KsContainer *container;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  KsTrainerEditor *editor;
  const char *damage;

  g_assert_cmpint (physical, >=, 0);
  flash[physical * 4096 + 100] ^= 0x5A;   /* section 5's data, not its checksum */
  damaged = g_bytes_new (flash, g_bytes_get_size (intact));
  container = ks_container_new_from_bytes (damaged, "damaged.sav", "gen3", &error);
  g_assert_no_error (error);

  editor = ks_trainer_editor_new (parent, container, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  ks_test_ui_iterate ();

  damage = ks_trainer_editor_get_damage (editor);
  g_assert_nonnull (damage);
  g_test_message ("%s", damage);
  g_assert_true (g_str_has_prefix (damage, "This save is damaged.") ||
                 g_str_has_prefix (damage, "This save has a problem."));

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (parent);
  ks_container_unref (container);
  ks_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, game, func) \
  g_test_add ("/trainer-editor/" path, Fixture, GINT_TO_POINTER (game), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("shows-the-trainer", KS_GEN3_GAME_EMERALD, test_shows_the_trainer);
  ADD ("firered-has-kanto-badges", KS_GEN3_GAME_FRLG, test_firered_has_kanto_badges);
  ADD ("name-refuses-unencodable-character", KS_GEN3_GAME_EMERALD,
       test_name_refuses_unencodable_character);
  ADD ("name-refuses-an-eighth-character", KS_GEN3_GAME_EMERALD,
       test_name_refuses_an_eighth_character);
  ADD ("numbers-are-clamped-to-the-game-limits", KS_GEN3_GAME_EMERALD,
       test_numbers_are_clamped_to_the_game_limits);
  ADD ("save-requests-the-edited-trainer", KS_GEN3_GAME_EMERALD,
       test_save_requests_the_edited_trainer);
  ADD ("show-result-reports-failure", KS_GEN3_GAME_RS, test_show_result_reports_failure);
  ADD ("long-result-is-never-cut", KS_GEN3_GAME_EMERALD, test_long_result_is_never_cut);
  ADD ("empty-name-is-not-saved", KS_GEN3_GAME_EMERALD, test_empty_name_is_not_saved);
  ADD ("cancel-closes-without-request", KS_GEN3_GAME_EMERALD, test_cancel_closes_without_request);
  ADD ("escape-closes", KS_GEN3_GAME_EMERALD, test_escape_closes);
#undef ADD

  g_test_add_func ("/trainer-editor/refuses-a-save-without-a-game", test_refuses_a_save_without_a_game);
  g_test_add_func ("/trainer-editor/refuses-another-format", test_refuses_another_format);
  g_test_add_func ("/trainer-editor/damaged-save-opens-with-a-warning",
                   test_damaged_save_opens_with_a_warning);

  return g_test_run ();
}
