/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-backup.c — a backup of the library: when, why, from which
 * device, and what changed since the previous backup of the same cart
 * (the sentence comes from core: ks_library_describe_changes())
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ks-details-private.h"

/* What the backup's bytes are: the format stored with it says what they
 * were taken for, which an older Keepsake could get wrong (a raw GBA save
 * stored as Gen III), so the bytes decide when they can be read */
static const char *
format_text (const KsBackupEntry *entry,
             KsLibrary           *library)
{
  g_autoptr(GBytes) content = library != NULL ? ks_library_load (library, entry, NULL) : NULL;
  const KsFormat *format;

  if (content != NULL)
    format = ks_backup_entry_content_format (entry, content);
  else
    format = entry->format_id[0] != '\0' ? ks_format_lookup (entry->format_id) : NULL;

  return format != NULL ? _(format->name) : _("Not recognised");
}

void
ks_details_backup_show (KsDetailsPane *pane,
                        KsBackupItem  *backup,
                        KsLibrary     *library)
{
  const KsBackupEntry *entry = ks_backup_item_get_entry (backup);
  g_autofree char *when = ks_backup_item_dup_when (backup);
  g_autofree char *size = ks_details_format_size (entry->size);
  g_autofree char *changes = NULL;
  g_autoptr(GError) error = NULL;

  ks_details_pane_add_fact (pane, _("Taken"), when);
  ks_details_pane_add_fact (pane, _("Why"), ks_backup_reason_describe (entry->reason));
  ks_details_pane_add_fact (pane, _("From"), entry->source);
  ks_details_pane_add_fact (pane, _("Format"), format_text (entry, library));
  ks_details_pane_add_fact (pane, _("Size"), size);
  ks_details_pane_add_fact (pane, _("Backup ID"), entry->id);
  ks_details_pane_add_fact (pane, _("SHA-256"), entry->sha256);

  if (library == NULL)
    return;

  changes = ks_library_describe_changes (library, entry, &error);
  if (changes == NULL && error != NULL)
    changes = g_strdup_printf (_("Could not compare with the previous backup: %s"), error->message);
  else if (changes == NULL)
    changes = g_strdup (_("The first backup of this cart: nothing to compare with."));
  ks_details_pane_add_section (pane, _("Since the previous backup"),
                               ks_details_dim_label_new (changes));
}
