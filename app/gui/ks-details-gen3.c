/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-gen3.c — a Pokémon Gen III save as a trainer card and its
 * two save slots
 *
 * The card: the game and how it was recognised, name, gender, IDs, money,
 * coins, play time, the in-game clock (Ruby, Sapphire, Emerald) and the
 * eight badges (ks-badge-icon.c).  The slots side
 * by side: which one the game loads, each one's save counter and state,
 * and its 14 sectors (ks-sector-diagram.c).  Everything comes from the
 * typed getters of ks-gen3.h and ks-gen3-trainer.h (spec gen3.md §1.7, §3).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-badge-icon.h"
#include "ks-details-private.h"
#include "ks-sector-diagram.h"

#define N_SECTORS 14   /* per slot, gen3.md §1.2 */

static char *
play_time_text (const KsGen3Trainer *trainer)
{
  /* TRANSLATORS: play time in hours, minutes and seconds: "12 h 34 min 56 s" */
  return g_strdup_printf (_("%u h %02u min %02u s"), trainer->hours, trainer->minutes,
                          trainer->seconds);
}

static const char *
gender_text (guint8 gender)
{
  switch (gender)
    {
    case KS_GEN3_GENDER_MALE:
      return _("Boy");
    case KS_GEN3_GENDER_FEMALE:
      return _("Girl");
    default:
      return _("Unknown");
    }
}

static GtkWidget *
badges_row (KsGen3Game           game,
            const KsGen3Trainer *trainer)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  guint earned = 0;

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    {
      const char *name = ks_gen3_badge_name (game, i);
      g_autofree char *description = g_strdup_printf (trainer->badges[i] ? _("%s Badge, earned")
                                                                         : _("%s Badge, not earned"),
                                                      name);
      GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label = gtk_label_new (name);

      gtk_box_append (GTK_BOX (cell), ks_badge_icon_new (i, trainer->badges[i], description));
      if (!trainer->badges[i])
        gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (cell), label);
      gtk_box_append (GTK_BOX (row), cell);
      earned += trainer->badges[i] ? 1 : 0;
    }

  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (NULL, "%u of 8 badges earned",
                                                             "%u of 8 badges earned", earned),
                                                earned);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  }

  return row;
}


/* The game in a word is the card's; how it was told apart (offsets and
 * checksums, gen3.md §3) waits behind an expander for whoever asks */
static GtkWidget *
detection_expander (KsGen3Save *save)
{
  GtkWidget *expander = gtk_expander_new (_("How Keepsake recognised the game"));
  GtkWidget *reasons = gtk_label_new (ks_gen3_get_game_detection (save));

  gtk_label_set_wrap (GTK_LABEL (reasons), TRUE);
  gtk_label_set_xalign (GTK_LABEL (reasons), 0);
  gtk_label_set_selectable (GTK_LABEL (reasons), TRUE);
  gtk_widget_add_css_class (reasons, "dim-label");
  gtk_widget_set_margin_top (reasons, 6);
  gtk_expander_set_child (GTK_EXPANDER (expander), reasons);
  return expander;
}

static GtkWidget *
trainer_card (KsGen3Save *save)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = ks_details_grid_new ();
  g_auto(KsGen3Trainer) trainer = { 0 };
  g_autoptr(GError) error = NULL;
  KsGen3Game game = ks_gen3_get_game (save);
  g_autofree char *game_text = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "trainer-card");

  if (ks_gen3_is_game_overridden (save))
    game_text = g_strdup_printf (_("%s (chosen by hand; the save looks like %s)"),
                                 ks_gen3_game_to_name (game),
                                 ks_gen3_game_to_name (ks_gen3_get_detected_game (save)));
  else
    game_text = g_strdup (ks_gen3_has_game_data (save) ? ks_gen3_game_to_name (game) : _("Not known yet"));
  ks_details_grid_add (GTK_GRID (grid), _("Game"), game_text);

  if (!ks_gen3_get_trainer (save, &trainer, &error))
    {
      ks_details_grid_add (GTK_GRID (grid), _("Trainer"), error->message);
      gtk_box_append (GTK_BOX (card), grid);
      gtk_box_append (GTK_BOX (card), detection_expander (save));
      return card;
    }

  {
    g_autofree char *tid = g_strdup_printf ("%05u", trainer.tid);
    g_autofree char *sid = g_strdup_printf ("%05u", trainer.sid);
    g_autofree char *money = g_strdup_printf ("%'u", trainer.money);
    g_autofree char *coins = g_strdup_printf ("%'u", trainer.coins);
    g_autofree char *play = play_time_text (&trainer);
    KsGen3Time offset;

    ks_details_grid_add (GTK_GRID (grid), _("Name"), trainer.name);
    ks_details_grid_add (GTK_GRID (grid), _("Gender"), gender_text (trainer.gender));
    ks_details_grid_add (GTK_GRID (grid), _("Trainer ID"), tid);
    ks_details_grid_add (GTK_GRID (grid), _("Secret ID"), sid);
    ks_details_grid_add (GTK_GRID (grid), _("Money"), money);
    ks_details_grid_add (GTK_GRID (grid), _("Coins"), coins);
    ks_details_grid_add (GTK_GRID (grid), _("Play time"), play);
    if (ks_gen3_get_clock (save, &offset, NULL))
      {
        g_autofree char *clock = ks_gen3_describe_clock_offset (&offset);

        ks_details_grid_add (GTK_GRID (grid), _("In-game clock"), clock);
      }
  }
  gtk_box_append (GTK_BOX (card), grid);
  gtk_box_append (GTK_BOX (card), detection_expander (save));
  gtk_box_append (GTK_BOX (card), ks_details_dim_label_new (_("Badges")));
  gtk_box_append (GTK_BOX (card), badges_row (game, &trainer));

  return card;
}

/* "Damaged: 12 of 14 sectors intact" and the like */
static char *
slot_state_text (KsGen3Save *save,
                 guint       slot,
                 guint       intact)
{
  gboolean loaded = ks_gen3_get_active_slot (save) == (gint) slot;

  switch (ks_gen3_get_slot_status (save, slot))
    {
    case KS_GEN3_SLOT_OK:
      return g_strdup (loaded ? _("OK: the game loads this slot")
                              : _("OK: an older save the game keeps as its backup"));
    case KS_GEN3_SLOT_ERROR:
      return g_strdup_printf (loaded ? _("Damaged (%u of 14 sectors intact); the game loads this slot")
                                     : _("Damaged (%u of 14 sectors intact)"),
                              intact);
    case KS_GEN3_SLOT_ABSENT:
      return g_strdup (_("Not in this file: a half-size dump holds only slot A"));
    case KS_GEN3_SLOT_EMPTY:
    default:
      return g_strdup (_("Empty: never saved"));
    }
}

static GtkWidget *
slot_view (KsGen3Save *save,
           guint       slot)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = ks_details_grid_new ();
  KsSectorMark marks[N_SECTORS];
  guint intact = 0, damaged = 0;
  g_autofree char *title = g_strdup_printf (_("Slot %c"), slot == 0 ? 'A' : 'B');
  g_autofree char *state = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *heading = gtk_label_new (title);

  for (guint p = 0; p < N_SECTORS; p++)
    {
      switch (ks_gen3_get_sector_state (save, slot, p, NULL))
        {
        case KS_GEN3_SECTOR_VALID:
          marks[p] = KS_SECTOR_INTACT;
          intact++;
          break;
        case KS_GEN3_SECTOR_DAMAGED:
          marks[p] = KS_SECTOR_DAMAGED;
          damaged++;
          break;
        case KS_GEN3_SECTOR_UNSIGNED:
        default:
          /* in a slot that was saved, a sector without signature is lost */
          marks[p] = ks_gen3_get_slot_status (save, slot) == KS_GEN3_SLOT_ERROR ? KS_SECTOR_DAMAGED
                                                                                 : KS_SECTOR_BLANK;
          damaged += marks[p] == KS_SECTOR_DAMAGED ? 1 : 0;
          break;
        }
    }

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  state = slot_state_text (save, slot, intact);
  ks_details_grid_add (GTK_GRID (grid), _("State"), state);
  if (ks_gen3_get_slot_status (save, slot) == KS_GEN3_SLOT_OK ||
      ks_gen3_get_slot_status (save, slot) == KS_GEN3_SLOT_ERROR)
    {
      g_autofree char *counter = g_strdup_printf ("%u", ks_gen3_get_slot_counter (save, slot));

      ks_details_grid_add (GTK_GRID (grid), _("Save counter"), counter);
    }
  gtk_box_append (GTK_BOX (box), grid);

  if (ks_gen3_get_slot_status (save, slot) != KS_GEN3_SLOT_ABSENT)
    {
      if (damaged > 0)
        summary = g_strdup_printf (_("%s sectors: %u intact, %u damaged"), title, intact, damaged);
      else if (intact > 0)
        summary = g_strdup_printf (_("%s sectors: all %u intact"), title, intact);
      else
        summary = g_strdup_printf (_("%s sectors: all 14 blank"), title);
      gtk_box_append (GTK_BOX (box), ks_sector_diagram_new (marks, N_SECTORS, summary));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* What the player sees when the game starts (gen3.md §1.7) */
static char *
boot_text (KsGen3Save *save)
{
  char slot = ks_gen3_get_active_slot (save) == 1 ? 'B' : 'A';

  switch (ks_gen3_get_boot_status (save))
    {
    case KS_GEN3_BOOT_OK:
      return g_strdup_printf (_("Continue, from slot %c"), slot);
    case KS_GEN3_BOOT_PREVIOUS_LOADED:
      return g_strdup_printf (_("The game says the save is corrupted and loads the previous one, "
                                "from slot %c"), slot);
    case KS_GEN3_BOOT_DELETED:
      return g_strdup (_("The game says the save has been deleted and starts a new game"));
    case KS_GEN3_BOOT_EMPTY:
    default:
      return g_strdup (_("New game only: both slots are empty"));
    }
}

void
ks_details_gen3_show (KsDetailsPane *pane,
                      KsContainer   *container)
{
  KsGen3Save *save = ks_container_get_impl (container);
  GtkWidget *slots = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *boot = boot_text (save);

  gtk_box_set_homogeneous (GTK_BOX (slots), TRUE);
  gtk_box_append (GTK_BOX (slots), slot_view (save, 0));
  gtk_box_append (GTK_BOX (slots), slot_view (save, 1));
  gtk_box_append (GTK_BOX (box), ks_details_dim_label_new (boot));
  gtk_box_append (GTK_BOX (box), slots);

  ks_details_pane_add_section (pane, _("Trainer card"), trainer_card (save));
  ks_details_pane_add_section (pane, _("Save slots"), box);
}
