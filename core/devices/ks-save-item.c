/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-save-item.c — a listed save with identity and properties */

#include "config.h"

#include "ks-finding.h"
#include "ks-save-item.h"
#include "ks-tree-node.h"

struct _KsSaveItem
{
  GObject  parent_instance;

  guint    index;
  char    *name;
  guint64  size;
  char    *comment;
  KsSaveStatus status;
  gboolean whole_image;
  char    *icon_name;   /* its device's */
  GPtrArray *findings;  /* about this save, or NULL */
};

G_DEFINE_ENUM_TYPE (KsSaveStatus, ks_save_status,
                    G_DEFINE_ENUM_VALUE (KS_SAVE_STATUS_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (KS_SAVE_STATUS_OK, "ok"),
                    G_DEFINE_ENUM_VALUE (KS_SAVE_STATUS_UNVERIFIABLE, "unverifiable"),
                    G_DEFINE_ENUM_VALUE (KS_SAVE_STATUS_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (KS_SAVE_STATUS_ERROR, "error"))

G_DEFINE_FINAL_TYPE_WITH_CODE (KsSaveItem, ks_save_item, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KS_TYPE_TREE_NODE, NULL))

enum {
  PROP_0,
  PROP_INDEX,
  PROP_NAME,
  PROP_SIZE,
  PROP_COMMENT,
  PROP_WHOLE_IMAGE,
  /* KsTreeNode's, in its order */
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
ks_save_item_finalize (GObject *object)
{
  KsSaveItem *self = (KsSaveItem *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->comment, g_free);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_save_item_parent_class)->finalize (object);
}

static void
ks_save_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KsSaveItem *self = KS_SAVE_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_WHOLE_IMAGE:
      g_value_set_boolean (value, self->whole_image);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->name);
      break;
    case PROP_SUBTITLE:
      /* KiB, as everywhere in Keepsake */
      g_value_take_string (value, g_format_size_full (self->size, G_FORMAT_SIZE_IEC_UNITS));
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
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
ks_save_item_class_init (KsSaveItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_save_item_finalize;
  object_class->get_property = ks_save_item_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHOLE_IMAGE] =
    g_param_spec_boolean ("whole-image", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = PROP_INDEX; i <= PROP_WHOLE_IMAGE; i++)
    g_object_class_install_property (object_class, i, properties[i]);

  ks_tree_node_override_properties (object_class, PROP_TITLE);
  properties[PROP_ICON_NAME] = g_object_class_find_property (object_class, "icon-name");
  properties[PROP_STATUS] = g_object_class_find_property (object_class, "status");
  properties[PROP_FINDINGS] = g_object_class_find_property (object_class, "findings");
}

static void
ks_save_item_init (KsSaveItem *self)
{
  self->icon_name = g_strdup ("document-save-symbolic");
}

KsSaveItem *
ks_save_item_new (const KsSaveInfo *info)
{
  KsSaveItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (KS_TYPE_SAVE_ITEM, NULL);
  self->index = info->index;
  self->name = g_strdup (info->name);
  self->size = info->size;
  self->comment = g_strdup (info->comment);

  return self;
}

guint
ks_save_item_get_index (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), 0);

  return self->index;
}

/* A reading found the same save at another place of its medium (one
 * before it was deleted) */
void
ks_save_item_set_index (KsSaveItem *self,
                        guint       index)
{
  g_return_if_fail (KS_IS_SAVE_ITEM (self));

  if (self->index == index)
    return;

  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

const char *
ks_save_item_get_name (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), NULL);

  return self->name;
}

guint64
ks_save_item_get_size (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), 0);

  return self->size;
}

const char *
ks_save_item_get_comment (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), NULL);

  return self->comment;
}

KsSaveItem *
ks_save_item_new_whole_image (const char *name,
                              guint64     size,
                              const char *comment)
{
  KsSaveItem *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (KS_TYPE_SAVE_ITEM, NULL);
  self->name = g_strdup (name);
  self->size = size;
  self->comment = g_strdup (comment);
  self->whole_image = TRUE;

  return self;
}

KsSaveStatus
ks_save_item_get_status (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), KS_SAVE_STATUS_UNKNOWN);

  return self->status;
}

void
ks_save_item_set_status (KsSaveItem   *self,
                         KsSaveStatus  status)
{
  g_return_if_fail (KS_IS_SAVE_ITEM (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
ks_save_item_get_icon_name (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), NULL);

  return self->icon_name;
}

void
ks_save_item_set_icon_name (KsSaveItem *self,
                            const char *icon_name)
{
  g_return_if_fail (KS_IS_SAVE_ITEM (self));
  g_return_if_fail (icon_name != NULL);

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

GPtrArray *
ks_save_item_get_findings (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), NULL);

  return self->findings;
}

static gboolean
same_findings (GPtrArray *a,
               GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return a == b;

  for (guint i = 0; i < a->len; i++)
    {
      const KsFinding *fa = g_ptr_array_index (a, i);
      const KsFinding *fb = g_ptr_array_index (b, i);

      if (fa->severity != fb->severity || g_strcmp0 (fa->code, fb->code) != 0 ||
          g_strcmp0 (fa->message, fb->message) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Notifies "findings" only when they differ from the ones it had */
void
ks_save_item_set_findings (KsSaveItem *self,
                           GPtrArray  *findings)
{
  g_return_if_fail (KS_IS_SAVE_ITEM (self));

  if (same_findings (self->findings, findings))
    return;

  if (findings != NULL)
    g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

gboolean
ks_save_item_is_whole_image (KsSaveItem *self)
{
  g_return_val_if_fail (KS_IS_SAVE_ITEM (self), FALSE);

  return self->whole_image;
}

const char *
ks_save_status_icon_name (KsSaveStatus status)
{
  switch (status)
    {
    case KS_SAVE_STATUS_OK:
      return "emblem-ok-symbolic";
    case KS_SAVE_STATUS_UNVERIFIABLE:
      return "dialog-question-symbolic";
    case KS_SAVE_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case KS_SAVE_STATUS_ERROR:
      return "dialog-error-symbolic";
    case KS_SAVE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

KsSaveStatus
ks_save_status_from_findings (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, KS_SAVE_STATUS_UNKNOWN);

  switch (ks_findings_get_verdict (findings))
    {
    case KS_VERDICT_ERROR:
      return KS_SAVE_STATUS_ERROR;
    case KS_VERDICT_WARNING:
      return KS_SAVE_STATUS_WARNING;
    case KS_VERDICT_UNVERIFIABLE:
      return KS_SAVE_STATUS_UNVERIFIABLE;
    case KS_VERDICT_OK:
    default:
      return KS_SAVE_STATUS_OK;
    }
}

const char *
ks_save_status_to_string (KsSaveStatus status)
{
  switch (status)
    {
    case KS_SAVE_STATUS_OK:
      return "ok";
    case KS_SAVE_STATUS_UNVERIFIABLE:
      return "unverifiable";
    case KS_SAVE_STATUS_WARNING:
      return "warning";
    case KS_SAVE_STATUS_ERROR:
      return "error";
    case KS_SAVE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}
