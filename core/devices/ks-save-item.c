/* ks-save-item.c — a listed save with identity and properties */

#include "config.h"

#include "ks-save-item.h"

struct _KsSaveItem
{
  GObject  parent_instance;

  guint    index;
  char    *name;
  guint64  size;
  char    *comment;
};

G_DEFINE_FINAL_TYPE (KsSaveItem, ks_save_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_NAME,
  PROP_SIZE,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ks_save_item_finalize (GObject *object)
{
  KsSaveItem *self = (KsSaveItem *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->comment, g_free);

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
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_save_item_init (KsSaveItem *self)
{
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
