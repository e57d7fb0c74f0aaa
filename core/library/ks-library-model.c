/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-library-model.c — backups grouped by title, updated in place */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-library-model.h"
#include "ks-tree-node.h"

/* KsTreeNode's properties, in its order: both types of this file are
 * nodes of the device tree */
enum {
  NODE_PROP_0,
  NODE_PROP_TITLE,
  NODE_PROP_SUBTITLE,
  NODE_PROP_ICON_NAME,
  NODE_PROP_STATUS,
  NODE_PROP_FINDINGS,
  NODE_PROP_HAS_CHILDREN,
  NODE_PROP_N_BACKUPS,    /* the library's own */
};

static char *
count_backups (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u backup", "%u backups", n), n);
}

/* The properties both types have in common; @title and @icon_name are
 * the node's */
static gboolean
get_node_property (guint       prop_id,
                   GValue     *value,
                   const char *title,
                   guint       n_backups,
                   const char *icon_name)
{
  switch (prop_id)
    {
    case NODE_PROP_TITLE:
      g_value_set_string (value, title);
      return TRUE;
    case NODE_PROP_SUBTITLE:
      g_value_take_string (value, count_backups (n_backups));
      return TRUE;
    case NODE_PROP_ICON_NAME:
      g_value_set_static_string (value, icon_name);
      return TRUE;
    case NODE_PROP_STATUS:
      g_value_set_enum (value, KS_SAVE_STATUS_UNKNOWN);
      return TRUE;
    case NODE_PROP_FINDINGS:
      g_value_set_boxed (value, NULL);
      return TRUE;
    case NODE_PROP_HAS_CHILDREN:
      /* filled later, or again: an expander always */
      g_value_set_boolean (value, TRUE);
      return TRUE;
    default:
      return FALSE;
    }
}

struct _KsBackupGroup
{
  GObject     parent_instance;

  char       *title;
  GListStore *backups;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KsBackupGroup, ks_backup_group, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KS_TYPE_TREE_NODE, NULL))

static void
ks_backup_group_finalize (GObject *object)
{
  KsBackupGroup *self = KS_BACKUP_GROUP (object);

  g_free (self->title);
  g_clear_object (&self->backups);

  G_OBJECT_CLASS (ks_backup_group_parent_class)->finalize (object);
}

static void
ks_backup_group_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KsBackupGroup *self = KS_BACKUP_GROUP (object);

  if (!get_node_property (prop_id, value, self->title[0] != '\0' ? self->title : _("Untitled"),
                          g_list_model_get_n_items (G_LIST_MODEL (self->backups)),
                          "folder-symbolic"))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_backup_group_class_init (KsBackupGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_backup_group_finalize;
  object_class->get_property = ks_backup_group_get_property;
  ks_tree_node_override_properties (object_class, NODE_PROP_TITLE);
}

/* its count follows its backups */
static void
on_backups_changed (KsBackupGroup *self)
{
  g_object_notify (G_OBJECT (self), "subtitle");
}

static void
ks_backup_group_init (KsBackupGroup *self)
{
  self->backups = g_list_store_new (KS_TYPE_BACKUP_ITEM);
  g_signal_connect_swapped (self->backups, "items-changed", G_CALLBACK (on_backups_changed), self);
}

static KsBackupGroup *
ks_backup_group_new (const char *title)
{
  KsBackupGroup *self = g_object_new (KS_TYPE_BACKUP_GROUP, NULL);

  self->title = g_strdup (title);
  return self;
}

const char *
ks_backup_group_get_title (KsBackupGroup *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_GROUP (self), NULL);

  return self->title;
}

GListModel *
ks_backup_group_get_backups (KsBackupGroup *self)
{
  g_return_val_if_fail (KS_IS_BACKUP_GROUP (self), NULL);

  return G_LIST_MODEL (self->backups);
}

struct _KsLibraryModel
{
  GObject     parent_instance;

  KsLibrary  *library;
  GListStore *groups;
  guint       n_backups;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KsLibraryModel, ks_library_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KS_TYPE_TREE_NODE, NULL))

static GParamSpec *n_backups_pspec;

static void
ks_library_model_dispose (GObject *object)
{
  KsLibraryModel *self = KS_LIBRARY_MODEL (object);

  g_clear_object (&self->library);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (ks_library_model_parent_class)->dispose (object);
}

static void
ks_library_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KsLibraryModel *self = KS_LIBRARY_MODEL (object);

  if (prop_id == NODE_PROP_N_BACKUPS)
    g_value_set_uint (value, self->n_backups);
  else if (!get_node_property (prop_id, value, _("Backup Library"), self->n_backups,
                               "ks-library-symbolic"))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ks_library_model_class_init (KsLibraryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ks_library_model_dispose;
  object_class->get_property = ks_library_model_get_property;

  ks_tree_node_override_properties (object_class, NODE_PROP_TITLE);
  n_backups_pspec = g_param_spec_uint ("n-backups", NULL, NULL, 0, G_MAXUINT, 0,
                                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                       G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, NODE_PROP_N_BACKUPS, n_backups_pspec);
}

static void
ks_library_model_init (KsLibraryModel *self)
{
  self->groups = g_list_store_new (KS_TYPE_BACKUP_GROUP);
}

KsLibraryModel *
ks_library_model_new (KsLibrary *library)
{
  KsLibraryModel *self;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);

  self = g_object_new (KS_TYPE_LIBRARY_MODEL, NULL);
  self->library = g_object_ref (library);
  return self;
}

KsLibrary *
ks_library_model_get_library (KsLibraryModel *self)
{
  g_return_val_if_fail (KS_IS_LIBRARY_MODEL (self), NULL);

  return self->library;
}

GListModel *
ks_library_model_get_groups (KsLibraryModel *self)
{
  g_return_val_if_fail (KS_IS_LIBRARY_MODEL (self), NULL);

  return G_LIST_MODEL (self->groups);
}

guint
ks_library_model_get_n_backups (KsLibraryModel *self)
{
  g_return_val_if_fail (KS_IS_LIBRARY_MODEL (self), 0);

  return self->n_backups;
}

KsBackupItem *
ks_library_model_find (KsLibraryModel *self,
                       const char     *id)
{
  guint n_groups;

  g_return_val_if_fail (KS_IS_LIBRARY_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(KsBackupGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), g);
      GListModel *backups = G_LIST_MODEL (group->backups);

      for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
        {
          g_autoptr(KsBackupItem) item = g_list_model_get_item (backups, i);

          if (g_str_equal (ks_backup_item_get_entry (item)->id, id))
            return item;    /* the group's store keeps it alive */
        }
    }

  return NULL;
}

static int
compare_titles (gconstpointer a,
                gconstpointer b)
{
  const KsBackupEntry *ea = *(const KsBackupEntry * const *) a;
  const KsBackupEntry *eb = *(const KsBackupEntry * const *) b;
  int by_title = g_utf8_collate (ea->title, eb->title);

  /* within a title the library's order (newest first) is kept by the
   * stable tie-break on time */
  return by_title != 0 ? by_title : g_date_time_compare (eb->time, ea->time);
}

/* The existing item for @entry (keeping its status), or a new one */
static KsBackupItem *
item_for (KsLibraryModel      *self,
          const KsBackupEntry *entry)
{
  KsBackupItem *old = ks_library_model_find (self, entry->id);

  return old != NULL ? g_object_ref (old) : ks_backup_item_new (entry);
}

/* Replaces the items of @group with @items, touching the store only if
 * they differ, so unchanged groups send no items-changed. */
static void
update_group (KsBackupGroup *group,
              GPtrArray     *items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (group->backups));
  gboolean same = n == items->len;

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(KsBackupItem) item = g_list_model_get_item (G_LIST_MODEL (group->backups), i);

      same = item == g_ptr_array_index (items, i);
    }

  if (!same)
    g_list_store_splice (group->backups, 0, n, items->pdata, items->len);
}

static KsBackupGroup *
find_group (KsLibraryModel *self,
            const char     *title,
            guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsBackupGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (g_str_equal (group->title, title))
        {
          *position = i;
          return group;
        }
    }

  return NULL;
}

gboolean
ks_library_model_refresh (KsLibraryModel  *self,
                          GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  guint n_groups;

  g_return_val_if_fail (KS_IS_LIBRARY_MODEL (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entries = ks_library_list (self->library, NULL, NULL, error);
  if (entries == NULL)
    return FALSE;
  g_ptr_array_sort (entries, compare_titles);

  /* one pass per title, in title order: update the group or put a new one
   * at that position */
  for (guint i = 0, position = 0; i < entries->len; position++)
    {
      const KsBackupEntry *first = g_ptr_array_index (entries, i);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      KsBackupGroup *group;
      guint at = 0;

      for (; i < entries->len; i++)
        {
          const KsBackupEntry *entry = g_ptr_array_index (entries, i);

          if (!g_str_equal (entry->title, first->title))
            break;
          g_ptr_array_add (items, item_for (self, entry));
        }

      group = find_group (self, first->title, &at);
      if (group == NULL)
        {
          g_autoptr(KsBackupGroup) fresh = ks_backup_group_new (first->title);

          update_group (fresh, items);
          g_list_store_insert (self->groups, position, fresh);
        }
      else
        {
          update_group (group, items);
          if (at != position)
            {
              g_object_ref (group);
              g_list_store_remove (self->groups, at);
              g_list_store_insert (self->groups, position, group);
              g_object_unref (group);
            }
        }
      g_ptr_array_add (titles, first->title);
    }

  /* groups whose backups are all gone (pruned) follow the kept ones */
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  if (n_groups > titles->len)
    g_list_store_splice (self->groups, titles->len, n_groups - titles->len, NULL, 0);

  if (self->n_backups != entries->len)
    {
      self->n_backups = entries->len;
      g_object_notify_by_pspec (G_OBJECT (self), n_backups_pspec);
      g_object_notify (G_OBJECT (self), "subtitle");
    }

  return TRUE;
}
