/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-diff.c — what changed in a trainer between two saves, in words
 *
 * Spec gen3.md §3.5.  Two decoded trainers (ks_gen3_get_trainer(), each
 * from the slot its game loads) are compared field by field; the result
 * is one line a person reads in the backup's details: "money 3,000 →
 * 5,000, play time +1 h 12 min, badges earned: Knuckle".  Numbers follow
 * the locale's digit grouping.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-gen3-trainer.h"

#define SECONDS_PER_MINUTE 60
#define SECONDS_PER_HOUR   3600

static guint
play_seconds (const KsGen3Trainer *trainer)
{
  return trainer->hours * SECONDS_PER_HOUR + trainer->minutes * SECONDS_PER_MINUTE +
         trainer->seconds;
}

/* "+1 h 12 min", "−5 min", "+40 s" */
static char *
describe_play_time (gint64 delta)
{
  const char *sign = delta < 0 ? "−" : "+";
  guint64 magnitude = (guint64) ABS (delta);
  guint64 hours = magnitude / SECONDS_PER_HOUR;
  guint64 minutes = (magnitude % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE;

  if (hours > 0 && minutes > 0)
    /* TRANSLATORS: a change of play time: "+1 h 12 min" */
    return g_strdup_printf (_("%s%u h %u min"), sign, (guint) hours, (guint) minutes);
  if (hours > 0)
    /* TRANSLATORS: a change of play time: "+2 h" */
    return g_strdup_printf (_("%s%u h"), sign, (guint) hours);
  if (minutes > 0)
    /* TRANSLATORS: a change of play time: "+12 min" */
    return g_strdup_printf (_("%s%u min"), sign, (guint) minutes);

  /* TRANSLATORS: a change of play time under a minute: "+40 s" */
  return g_strdup_printf (_("%s%u s"), sign, (guint) magnitude);
}

static void
append_badges (GPtrArray           *parts,
               KsGen3Game           game,
               const KsGen3Trainer *before,
               const KsGen3Trainer *after,
               gboolean             earned)
{
  g_autoptr(GString) names = NULL;

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    if (!before->badges[i] != !after->badges[i] && !!after->badges[i] == earned)
      {
        if (names == NULL)
          names = g_string_new (NULL);
        else
          g_string_append (names, _(", "));
        g_string_append (names, ks_gen3_badge_name (game, i));
      }

  if (names == NULL)
    return;
  g_ptr_array_add (parts, g_strdup_printf (earned ? _("badges earned: %s") : _("badges lost: %s"),
                                           names->str));
}

char *
ks_gen3_trainer_describe_changes (KsGen3Game           game,
                                  const KsGen3Trainer *before,
                                  const KsGen3Trainer *after)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 played;

  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);
  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  if (g_strcmp0 (before->name, after->name) != 0)
    g_ptr_array_add (parts, g_strdup_printf (_("name %s → %s"),
                                             before->name != NULL ? before->name : "",
                                             after->name != NULL ? after->name : ""));
  if (before->tid != after->tid || before->sid != after->sid)
    g_ptr_array_add (parts, g_strdup_printf (_("trainer ID %05u → %05u"), before->tid, after->tid));
  if (before->gender != after->gender)
    g_ptr_array_add (parts, g_strdup (_("gender changed")));
  if (before->money != after->money)
    g_ptr_array_add (parts, g_strdup_printf (_("money %'u → %'u"), before->money, after->money));
  if (before->coins != after->coins)
    g_ptr_array_add (parts, g_strdup_printf (_("coins %'u → %'u"), before->coins, after->coins));

  played = (gint64) play_seconds (after) - (gint64) play_seconds (before);
  if (played != 0)
    {
      g_autofree char *delta = describe_play_time (played);

      g_ptr_array_add (parts, g_strdup_printf (_("play time %s"), delta));
    }
  append_badges (parts, game, before, after, TRUE);
  append_badges (parts, game, before, after, FALSE);

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (_(", "), (char **) parts->pdata);
}
