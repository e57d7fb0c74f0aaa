/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-backup-item.c — a backup with identity and a status property */

#include "config.h"

#include "ks-backup-item.h"
#include "ks-tree-node.h"

struct _KsBackupItem
{
  GObject         parent_instance;

  KsBackupEntry  *entry;
  KsSaveStatus    status;
  GPtrArray      *findings;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KsBackupItem, ks_backup_item, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KS_TYPE_TREE_NODE, NULL))

/* KsTreeNode's, in its order */
enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  PROP_STATUS,
  PROP_FINDINGS,
  PROP_HAS_CHILDREN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ks_backup_item_finalize (GObject *object)
{
  KsBackupItem *self = KS_BACKUP_ITEM (object);

  g_clear_pointer (&self->entry, ks_backup_entry_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_backup_item_parent_class)->finalize (object);
}

static void
ks_backup_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KsBackupItem *self = KS_BACKUP_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_take_string (value, ks_backup_entry_dup_when (self->entry));
      break;
    case PROP_SUBTITLE:
      {
        g_autofree char *size = g_format_size_full (self->entry->size, G_FORMAT_SIZE_IEC_UNITS);

        g_value_take_string (value, g_strdup_printf ("%s · %s", size,
                                                     ks_backup_reason_describe (self->entry->reason)));
      }
      break;
    case PROP_ICON_NAME:
      g_value_set_static_string (value, "document-save-symbolic");
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_FINDINGS:
      g_value_set_boxed (value, self->findings);
      break;
    case PROP_HAS_CHILDREN:
      g_value_set_boolean (value, FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_backup_item_class_init (KsBackupItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_backup_item_finalize;
  object_class->get_property = ks_backup_item_get_property;

  ks_tree_node_override_properties (object_class, PROP_TITLE);
  properties[PROP_STATUS] = g_object_class_find_property (object_class, "status");
  properties[PROP_FINDINGS] = g_object_class_find_property (object_class, "findings");
}

static void
ks_backup_item_init (KsBackupItem *self)
{
}

KsBackupItem *
ks_backup_item_new (const KsBackupEntry *entry)
{
  KsBackupItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (KS_TYPE_BACKUP_ITEM, NULL);
  self->entry = ks_backup_entry_copy (entry);
  return self;
}

const KsBackupEntry *
ks_backup_item_get_entry (KsBackupItem *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_ITEM (self), NULL);

  return self->entry;
}

char *
ks_backup_item_dup_when (KsBackupItem *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_ITEM (self), NULL);

  return ks_backup_entry_dup_when (self->entry);
}

char *
ks_backup_item_suggest_name (KsBackupItem *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  char *name;

  g_return_val_if_fail (KS_IS_BACKUP_ITEM (self), NULL);

  local = g_date_time_to_local (self->entry->time);
  when = g_date_time_format (local, "%Y-%m-%d %H-%M-%S");
  name = g_strdup_printf ("%s %s.sav", self->entry->title[0] != '\0' ? self->entry->title : "backup",
                          when);
  return g_strdelimit (name, "/\\:*?\"<>|", '_');
}

KsSaveStatus
ks_backup_item_get_status (KsBackupItem *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_ITEM (self), KS_SAVE_STATUS_UNKNOWN);

  return self->status;
}

void
ks_backup_item_set_status (KsBackupItem *self,
                           KsSaveStatus  status)
{
  g_return_if_fail (KS_IS_BACKUP_ITEM (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

GPtrArray *
ks_backup_item_get_findings (KsBackupItem *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_ITEM (self), NULL);

  return self->findings;
}

void
ks_backup_item_set_findings (KsBackupItem *self,
                             GPtrArray    *findings)
{
  g_return_if_fail (KS_IS_BACKUP_ITEM (self));

  if (findings != NULL)
    g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);

  ks_backup_item_set_status (self, findings != NULL ? ks_save_status_from_findings (findings)
                                                    : KS_SAVE_STATUS_UNKNOWN);
}
