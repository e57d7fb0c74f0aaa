/* ks-device.c — a device row: what was read from it and its saves */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-device.h"
#include "ks-finding.h"
#include "ks-image-file.h"
#include "ks-save-item.h"

struct _KsDevice
{
  GObject      parent_instance;

  char        *title;
  char        *subtitle;
  char        *path;
  GBytes      *bytes;
  KsContainer *container;
  GListStore  *saves;
  GPtrArray   *findings;
};

G_DEFINE_FINAL_TYPE (KsDevice, ks_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ks_device_finalize (GObject *object)
{
  KsDevice *self = (KsDevice *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->container, ks_container_unref);
  g_clear_object (&self->saves);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (ks_device_parent_class)->finalize (object);
}

static void
ks_device_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KsDevice *self = KS_DEVICE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, ks_device_get_icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_device_class_init (KsDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_device_finalize;
  object_class->get_property = ks_device_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ks_device_init (KsDevice *self)
{
  self->saves = g_list_store_new (KS_TYPE_SAVE_ITEM);
  self->findings = ks_findings_new ();
}

static void
load_saves (KsDevice *self)
{
  g_autoptr(GPtrArray) saves = NULL;

  if (self->container == NULL || !ks_container_has_saves (self->container))
    return;

  saves = ks_container_list (self->container, NULL);
  for (guint i = 0; saves != NULL && i < saves->len; i++)
    {
      g_autoptr(KsSaveItem) item = ks_save_item_new (g_ptr_array_index (saves, i));

      g_list_store_append (self->saves, item);
    }
}

/* An image file as a device.  Fails only when the file cannot be read; an
 * unrecognised format still makes a device that says so. */
KsDevice *
ks_device_new_for_file (const char  *path,
                        GError     **error)
{
  g_autoptr(KsDevice) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KS_TYPE_DEVICE, NULL);
  self->path = g_strdup (path);
  self->title = g_filename_display_basename (path);

  self->bytes = ks_image_file_load (path, error);
  if (self->bytes == NULL)
    return NULL;

  size = g_format_size_full (g_bytes_get_size (self->bytes), G_FORMAT_SIZE_IEC_UNITS);
  self->container = ks_container_new_from_bytes (self->bytes, self->title, NULL, &local_error);

  if (self->container != NULL)
    {
      const KsFormat *format = ks_container_get_format (self->container);
      g_autoptr(GPtrArray) findings = ks_container_verify (self->container);

      self->subtitle = g_strdup_printf ("%s · %s", _(format->name), size);
      g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&findings));
      load_saves (self);
    }
  else
    {
      self->subtitle = g_strdup_printf (_("Unknown format · %s"), size);
      ks_findings_add (self->findings, KS_SEVERITY_INFO, "format-unrecognised",
                       "%s", local_error->message);
    }

  return g_steal_pointer (&self);
}

const char *
ks_device_get_title (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->title;
}

const char *
ks_device_get_subtitle (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->subtitle;
}

const char *
ks_device_get_icon_name (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->container != NULL ? "media-flash-symbolic" : "text-x-generic-symbolic";
}

const char *
ks_device_get_path (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->path;
}

KsContainer *
ks_device_get_container (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->container;
}

GBytes *
ks_device_get_bytes (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->bytes;
}

GListModel *
ks_device_get_saves (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return G_LIST_MODEL (self->saves);
}

GPtrArray *
ks_device_get_findings (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->findings;
}
