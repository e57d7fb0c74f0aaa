/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backup-diff.c — what a backup changed since the one before it
 *
 * The previous backup is the next older one with the same title (the
 * cart's or game's), or, for backups without a title, from the same
 * source.  Where the format knows its fields (Pokémon Gen III trainers,
 * gen3.md §3.5) the change is told field by field; otherwise only
 * whether the bytes differ.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-container.h"
#include "ks-gen3-trainer.h"
#include "ks-library.h"

static gboolean
read_trainer (GBytes         *bytes,
              KsGen3Game     *game,
              KsGen3Trainer  *trainer)
{
  g_autoptr(KsContainer) container = ks_container_new_from_bytes (bytes, NULL, "gen3", NULL);
  KsGen3Save *save;

  if (container == NULL)
    return FALSE;
  save = ks_container_get_impl (container);
  *game = ks_gen3_get_game (save);

  return ks_gen3_get_trainer (save, trainer, NULL);
}

static KsBackupEntry *
find_previous (KsLibrary            *self,
               const KsBackupEntry  *entry,
               GError              **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  gboolean by_title = entry->title != NULL && entry->title[0] != '\0';

  backups = ks_library_list (self, by_title ? NULL : entry->source,
                             by_title ? entry->title : NULL, error);
  if (backups == NULL)
    return NULL;

  /* newest first: the previous one follows this one */
  for (guint i = 0; i + 1 < backups->len; i++)
    if (g_str_equal (((KsBackupEntry *) g_ptr_array_index (backups, i))->id, entry->id))
      return ks_backup_entry_copy (g_ptr_array_index (backups, i + 1));

  return NULL;
}

/**
 * ks_library_describe_changes:
 *
 * One sentence on what changed between the backup before @entry and
 * @entry: "Since the backup of 2026-11-21 10:22:07: money 3,000 → 5,000,
 * play time +1 h 12 min."  NULL without an error when @entry is the first
 * backup of its cart.
 */
char *
ks_library_describe_changes (KsLibrary            *self,
                             const KsBackupEntry  *entry,
                             GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  KsBackupEntry *previous;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  g_autofree char *when = NULL;
  g_auto(KsGen3Trainer) before = { 0 };
  g_auto(KsGen3Trainer) after = { 0 };
  KsGen3Game old_game, new_game;
  char *result;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  previous = find_previous (self, entry, &local_error);
  if (previous == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  when = ks_backup_entry_dup_when (previous);

  if (g_str_equal (previous->sha256, entry->sha256))
    {
      ks_backup_entry_free (previous);
      return g_strdup_printf (_("The same bytes as the backup of %s."), when);
    }

  old_bytes = ks_library_load (self, previous, error);
  ks_backup_entry_free (previous);
  if (old_bytes == NULL || (new_bytes = ks_library_load (self, entry, error)) == NULL)
    return NULL;

  if (g_strcmp0 (ks_backup_entry_format_for_content (entry, new_bytes), "gen3") == 0 &&
      read_trainer (old_bytes, &old_game, &before) &&
      read_trainer (new_bytes, &new_game, &after) && old_game == new_game)
    {
      g_autofree char *changes = ks_gen3_trainer_describe_changes (new_game, &before, &after);

      if (changes == NULL)
        return g_strdup_printf (_("Since the backup of %s the trainer is unchanged; other parts "
                                  "of the save differ."), when);
      result = g_strdup_printf (_("Since the backup of %s: %s."), when, changes);
      return result;
    }

  return g_strdup_printf (_("The bytes differ from the backup of %s; Keepsake compares fields "
                            "only in Pokémon saves."), when);
}
