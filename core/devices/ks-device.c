/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device.c — a device row: what was read from it and its saves */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bup-folder.h"
#include "ks-device.h"
#include "ks-finding.h"
#include "ks-image-file.h"
#include "ks-job.h"
#include "ks-job-queue.h"
#include "ks-save-item.h"
#include "ks-target.h"
#include "ks-tree-node.h"

struct _KsDevice
{
  GObject       parent_instance;

  KsDeviceKind  kind;
  gboolean      busy;
  char         *title;
  char         *subtitle;
  char         *path;
  const char   *platform;
  char         *reader_name;
  char         *cart;
  char         *cart_title;   /* the cart header's title, or NULL */
  KsGbMbc       cart_mbc;     /* a Game Boy cart's mapper, or KS_GB_MBC_UNKNOWN */
  GBytes       *bytes;
  KsContainer  *container;
  KsBupFolder  *folder;       /* a folder of .BUP files, as read */
  GListStore   *saves;
  GPtrArray    *findings;

  /* A reader whose card is a Mega Memory Card: the Game Boy cart on top
   * of it, a device of its own that this one fills (owned) */
  KsDevice       *top_cart;
  /* That device: the reader it sits in (not owned; NULL once the reader
   * is gone), and the override jobs reach it with */
  KsDevice       *parent;
  KsCartOverride  override;
  gboolean        has_override;

  /* Where a reader's reads run: the port's job worker, one job after the
   * other with the writes (ks-job-queue.h) */
  KsJobQueue     *queue;
};

G_DEFINE_ENUM_TYPE (KsDeviceKind, ks_device_kind,
                    G_DEFINE_ENUM_VALUE (KS_DEVICE_KIND_FILE, "file"),
                    G_DEFINE_ENUM_VALUE (KS_DEVICE_KIND_FOLDER, "folder"),
                    G_DEFINE_ENUM_VALUE (KS_DEVICE_KIND_READER, "reader"))

G_DEFINE_FINAL_TYPE_WITH_CODE (KsDevice, ks_device, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (KS_TYPE_TREE_NODE, NULL))

enum {
  PROP_0,
  PROP_KIND,
  PROP_BUSY,
  PROP_PLATFORM,
  PROP_TOP_CART,
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

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KsSaveStatus device_status (KsDevice *self);

static void
ks_device_finalize (GObject *object)
{
  KsDevice *self = (KsDevice *) object;

  if (self->top_cart != NULL)
    self->top_cart->parent = NULL;
  g_clear_object (&self->top_cart);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->reader_name, g_free);
  g_clear_pointer (&self->cart, g_free);
  g_clear_pointer (&self->cart_title, g_free);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->container, ks_container_unref);
  g_clear_pointer (&self->folder, ks_bup_folder_free);
  g_clear_object (&self->saves);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->queue);

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
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, ks_device_get_icon_name (self));
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, self->platform);
      break;
    case PROP_TOP_CART:
      g_value_set_object (value, self->top_cart);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, device_status (self));
      break;
    case PROP_FINDINGS:
      g_value_set_boxed (value, self->findings);
      break;
    case PROP_HAS_CHILDREN:
      g_value_set_boolean (value, g_list_model_get_n_items (G_LIST_MODEL (self->saves)) > 0 ||
                                  self->top_cart != NULL);
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

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KS_TYPE_DEVICE_KIND, KS_DEVICE_KIND_FILE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* notified only when the cart on top appears or goes away */
  properties[PROP_TOP_CART] =
    g_param_spec_object ("top-cart", NULL, NULL, KS_TYPE_DEVICE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  for (guint i = PROP_KIND; i <= PROP_TOP_CART; i++)
    g_object_class_install_property (object_class, i, properties[i]);

  /* title, subtitle, icon-name, status, findings, has-children */
  ks_tree_node_override_properties (object_class, PROP_TITLE);
  for (guint i = PROP_TITLE; i < N_PROPS; i++)
    properties[i] = g_object_class_find_property (object_class,
                                                  i == PROP_TITLE ? "title"
                                                  : i == PROP_SUBTITLE ? "subtitle"
                                                  : i == PROP_ICON_NAME ? "icon-name"
                                                  : i == PROP_STATUS ? "status"
                                                  : i == PROP_FINDINGS ? "findings"
                                                  : "has-children");

  /* After the properties were notified: the device took a fresh reading,
   * or started reading; its saves are updated in place before. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
ks_device_init (KsDevice *self)
{
  self->saves = g_list_store_new (KS_TYPE_SAVE_ITEM);
  self->findings = ks_findings_new ();
  self->platform = "file";
  self->cart_mbc = KS_GB_MBC_UNKNOWN;
}

static void
notify_all (KsDevice *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLATFORM]);
  for (guint i = PROP_TITLE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
clear_contents (KsDevice *self)
{
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->container, ks_container_unref);
  g_clear_pointer (&self->folder, ks_bup_folder_free);
  /* the saves stay until the fresh reading is applied (apply_saves()) */
  g_ptr_array_set_size (self->findings, 0);
}

static KsSaveStatus
status_of_finding (const KsFinding *finding)
{
  if (g_str_equal (finding->code, KS_FINDING_UNVERIFIABLE))
    return KS_SAVE_STATUS_UNVERIFIABLE;

  switch (finding->severity)
    {
    case KS_SEVERITY_ERROR:
      return KS_SAVE_STATUS_ERROR;
    case KS_SEVERITY_WARNING:
      return KS_SAVE_STATUS_WARNING;
    case KS_SEVERITY_INFO:
    default:
      return KS_SAVE_STATUS_OK;
    }
}

/* Whether @finding is about the save @name (every finding when @name is NULL) */
static gboolean
finding_names (const KsFinding *finding,
               const char      *name)
{
  return name == NULL || (*name != '\0' && strstr (finding->message, name) != NULL);
}

/* The worst finding that names @name (any finding when @name is NULL).
 * Formats name the save a finding is about in its sentence; a finding that
 * names none is about the medium and stays on the device. */
static KsSaveStatus
status_from_findings (GPtrArray  *findings,
                      const char *name)
{
  KsSaveStatus status = KS_SAVE_STATUS_OK;

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (!finding_names (finding, name))
        continue;
      status = MAX (status, status_of_finding (finding));
    }

  return status;
}

static const char *icon_for (KsDevice *self,
                             gboolean  busy);

/* Whether @a and @b are the same save (its row can stay as it is, its
 * index may have moved: describe_save() takes the new one) */
static gboolean
same_save (KsSaveItem *a,
           KsSaveItem *b)
{
  return ks_save_item_get_size (a) == ks_save_item_get_size (b) &&
         ks_save_item_is_whole_image (a) == ks_save_item_is_whole_image (b) &&
         g_strcmp0 (ks_save_item_get_name (a), ks_save_item_get_name (b)) == 0 &&
         g_strcmp0 (ks_save_item_get_comment (a), ks_save_item_get_comment (b)) == 0;
}

/* A save takes what the device's reading says about it (@fresh: as read
 * now): its index, its findings, its badge, the device's icon */
static void
describe_save (KsDevice   *self,
               KsSaveItem *item,
               KsSaveItem *fresh)
{
  g_autoptr(GPtrArray) findings = NULL;

  ks_save_item_set_index (item, ks_save_item_get_index (fresh));
  findings = ks_device_dup_save_findings (self, item);

  ks_save_item_set_status (item, status_from_findings (findings, NULL));
  ks_save_item_set_findings (item, findings);
  ks_save_item_set_icon_name (item, icon_for (self, FALSE));
}

/* The apply step of a reading: the saves store becomes @fresh (KsSaveItem,
 * NULL: none) in place.  The saves at the start and at the end that are
 * the same as before keep their objects (and take the new findings);
 * only what lies between is spliced, in one items-changed, so a tree
 * showing the device keeps its rows, their expanders and the selection. */
static void
apply_saves (KsDevice  *self,
             GPtrArray *fresh)
{
  GListModel *old = G_LIST_MODEL (self->saves);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = fresh != NULL ? fresh->len : 0;
  guint head = 0;
  guint tail = 0;

  while (head < n_old && head < n_new)
    {
      g_autoptr(KsSaveItem) item = g_list_model_get_item (old, head);

      if (!same_save (item, g_ptr_array_index (fresh, head)))
        break;
      describe_save (self, item, g_ptr_array_index (fresh, head));
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(KsSaveItem) item = g_list_model_get_item (old, n_old - 1 - tail);

      if (!same_save (item, g_ptr_array_index (fresh, n_new - 1 - tail)))
        break;
      describe_save (self, item, g_ptr_array_index (fresh, n_new - 1 - tail));
      tail++;
    }

  for (guint i = head; i < n_new - tail; i++)
    describe_save (self, g_ptr_array_index (fresh, i), g_ptr_array_index (fresh, i));
  if (n_old - head - tail > 0 || n_new - head - tail > 0)
    g_list_store_splice (self->saves, head, n_old - head - tail,
                         n_new > 0 ? fresh->pdata + head : NULL, n_new - head - tail);
}

/* The saves of the container (none without one), applied to the store;
 * a single-save format makes one row that is the whole image, named @name. */
static void
load_saves (KsDevice   *self,
            const char *name)
{
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->container != NULL && !ks_container_has_saves (self->container))
    {
      const KsFormat *format = ks_container_get_format (self->container);

      g_ptr_array_add (items, ks_save_item_new_whole_image (name, g_bytes_get_size (self->bytes),
                                                            _(format->name)));
    }
  else if (self->container != NULL)
    saves = ks_container_list (self->container, NULL);

  for (guint i = 0; saves != NULL && i < saves->len; i++)
    g_ptr_array_add (items, ks_save_item_new (g_ptr_array_index (saves, i)));

  apply_saves (self, items);
}

static const char *
platform_of_format (const KsFormat *format)
{
  if (g_ascii_strcasecmp (format->platform, "GBA") == 0)
    return "gba";
  if (g_ascii_strcasecmp (format->platform, "GB") == 0)
    return "gb";
  if (g_ascii_strcasecmp (format->platform, "Saturn") == 0)
    return "saturn";

  return "file";
}

/* ---- image files ---- */

/* The read every target gets, of a file or a folder row: a path of
 * another kind is refused before anything is opened (a port is read on
 * its worker, never here) */
static gboolean
read_as (KsDevice          *self,
         KsTargetKind       kind,
         KsTargetReading  **reading,
         GError           **error)
{
  KsTargetReadOptions options = { KS_TARGET_READ_VERIFY };
  g_autofree char *display = NULL;

  if (ks_target_kind_of (self->path) == kind)
    return ks_target_read (self->path, &options, NULL, reading, error);

  display = g_filename_display_name (self->path);
  g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_NOT_REGULAR,
               kind == KS_TARGET_FOLDER ? _("%s is not a folder.")
                                        : _("%s is not a regular file."), display);
  return FALSE;
}

static gboolean
fill_from_file (KsDevice  *self,
                GError   **error)
{
  g_autoptr(KsTargetReading) reading = NULL;
  g_autofree char *size = NULL;

  clear_contents (self);
  self->platform = "file";
  g_clear_pointer (&self->subtitle, g_free);

  if (!read_as (self, KS_TARGET_FILE, &reading, error))
    return FALSE;

  self->bytes = g_steal_pointer (&reading->bytes);
  size = g_format_size_full (g_bytes_get_size (self->bytes), G_FORMAT_SIZE_IEC_UNITS);
  self->container = g_steal_pointer (&reading->container);

  if (self->container != NULL)
    {
      const KsFormat *format = ks_container_get_format (self->container);

      self->subtitle = g_strdup_printf ("%s · %s", _(format->name), size);
      self->platform = platform_of_format (format);
      g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&reading->findings));
    }
  else
    {
      self->subtitle = g_strdup_printf (_("Unknown format · %s"), size);
      ks_findings_add (self->findings, KS_SEVERITY_INFO, "format-unrecognised",
                       "%s", reading->format_error->message);
    }
  load_saves (self, self->title);

  return TRUE;
}

/* An image file as a device.  Fails only when the file cannot be read; an
 * unrecognised format still makes a device that says so. */
KsDevice *
ks_device_new_for_file (const char  *path,
                        GError     **error)
{
  g_autoptr(KsDevice) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KS_TYPE_DEVICE, NULL);
  self->kind = KS_DEVICE_KIND_FILE;
  self->path = g_strdup (path);
  self->title = g_filename_display_basename (path);

  if (!fill_from_file (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- folders of .BUP files ---- */

static gboolean
fill_from_folder (KsDevice  *self,
                  GError   **error)
{
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  KsBupFolder *folder;
  g_autoptr(GPtrArray) items = NULL;

  clear_contents (self);
  g_clear_pointer (&self->subtitle, g_free);

  if (!read_as (self, KS_TARGET_FOLDER, &reading, error))
    return FALSE;

  folder = reading->folder;
  g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&reading->findings));

  saves = ks_bup_folder_list (folder);
  items = g_ptr_array_new_full (saves->len, g_object_unref);
  for (guint i = 0; i < saves->len; i++)
    g_ptr_array_add (items, ks_save_item_new (g_ptr_array_index (saves, i)));

  self->subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saturn .BUP folder · %u save",
                                                 "Saturn .BUP folder · %u saves", saves->len),
                                    saves->len);
  self->folder = g_steal_pointer (&reading->folder);
  /* ks_bup_folder_verify() puts the file's name in front of its findings:
   * a save's are found through the folder (ks_device_dup_save_findings()) */
  apply_saves (self, items);
  return TRUE;
}

/* A folder whose saves are its .BUP files (saturn.md §5). */
KsDevice *
ks_device_new_for_folder (const char  *path,
                          GError     **error)
{
  g_autoptr(KsDevice) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KS_TYPE_DEVICE, NULL);
  self->kind = KS_DEVICE_KIND_FOLDER;
  self->platform = "folder";
  self->path = g_strdup (path);
  self->title = g_filename_display_basename (path);

  if (!fill_from_folder (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- cart readers ---- */

typedef struct
{
  KsTargetReading *reading;   /* NULL when the job never ran */
  GError          *error;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->reading, ks_target_reading_free);
  g_clear_error (&result->error);
  g_free (result);
}

/* A read as a job on the port's worker: it waits for the job before it,
 * and the next one waits for it.  Everything that touches the port or
 * parses bytes runs there. */
typedef struct
{
  char       *port;
  ReadResult *result;
} ReadJob;

static void
read_job_free (ReadJob *read)
{
  g_free (read->port);
  g_clear_pointer (&read->result, read_result_free);
  g_free (read);
}

static gboolean
read_cart_job (KsJob         *job,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ReadJob *read = data;
  KsTargetReadOptions options = { KS_TARGET_READ_VERIFY | KS_TARGET_READ_TOP };

  read->result = g_new0 (ReadResult, 1);
  ks_target_read (read->port, &options, cancellable, &read->result->reading,
                  &read->result->error);
  return TRUE;
}

static const char *
platform_of_cart (KsCartKind kind)
{
  switch (kind)
    {
    case KS_CART_GBA_FLASH:
    case KS_CART_GBA_SRAM:
    case KS_CART_GBA_EEPROM:
    case KS_CART_GBA_OTHER:
      return "gba";
    case KS_CART_GB:
    case KS_CART_MMC:
    case KS_CART_GB_ON_MMC:
      return "gb";
    case KS_CART_NONE:
    default:
      return "reader";
    }
}

/* A device takes what a read found about one cart (the reader's, or the
 * one on top of its card); the caller names it. */
static void
take_cart (KsDevice        *self,
           KsTargetReading *read)
{
  KsCartKind kind = read->cart_info.kind;

  clear_contents (self);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->reader_name, g_free);
  g_clear_pointer (&self->cart, g_free);
  g_clear_pointer (&self->cart_title, g_free);

  self->reader_name = g_steal_pointer (&read->reader_name);
  self->cart = g_steal_pointer (&read->cart);
  self->cart_title = read->cart_info.title != NULL && read->cart_info.title[0] != '\0'
                       ? g_strdup (read->cart_info.title) : NULL;
  self->cart_mbc = kind == KS_CART_GB || kind == KS_CART_GB_ON_MMC ? read->cart_info.mbc
                                                                    : KS_GB_MBC_UNKNOWN;
  self->platform = platform_of_cart (kind);
  self->bytes = g_steal_pointer (&read->bytes);
  self->container = g_steal_pointer (&read->container);
  if (read->findings != NULL)
    g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&read->findings));
}

/* The cart on top of a Mega Memory Card: a reader device on the same
 * port, reached with the "mmc-top" override */
static KsDevice *
top_cart_new (KsDevice *parent)
{
  KsDevice *top = g_object_new (KS_TYPE_DEVICE, NULL);

  top->kind = KS_DEVICE_KIND_READER;
  top->platform = "gb";
  top->path = g_strdup (parent->path);
  top->parent = parent;
  ks_cart_override_init (&top->override);
  top->override.platform = KS_CART_PLATFORM_GB;
  top->override.kind = KS_CART_GB_ON_MMC;
  top->has_override = TRUE;
  top->busy = parent->busy;

  return top;
}

/* Fills, adds or drops the device of the cart on top; TRUE when it
 * appeared or went away. */
static gboolean
take_top_cart (KsDevice        *self,
               KsTargetReading *reading)
{
  KsTargetReading *read = reading->top;
  KsDevice *top = self->top_cart;
  gboolean appeared = FALSE;

  if (reading->top_error != NULL && read == NULL)
    ks_findings_add (self->findings, KS_SEVERITY_WARNING, "reader-top-cart-failed",
                     _("The Game Boy cart on top of the Mega Memory Card could not be checked: "
                       "%s"), reading->top_error->message);

  if (read == NULL)
    {
      if (top == NULL)
        return FALSE;
      top->parent = NULL;
      top->busy = FALSE;
      notify_all (top);
      g_clear_object (&self->top_cart);
      return TRUE;
    }

  if (top == NULL)
    {
      top = self->top_cart = top_cart_new (self);
      appeared = TRUE;
    }

  take_cart (top, read);
  top->title = g_strdup (_("Game Boy cart"));
  if (reading->top_error != NULL || read->format_error != NULL)
    {
      const GError *error = reading->top_error != NULL ? reading->top_error : read->format_error;

      ks_findings_add (top->findings, KS_SEVERITY_ERROR, "reader-read-failed",
                       "%s", error->message);
      top->subtitle = g_strdup (error->message);
    }
  else
    top->subtitle = g_strdup_printf (_("On the Mega Memory Card in %s"),
                                     top->reader_name != NULL ? top->reader_name
                                                              : _("Cart reader"));

  load_saves (top, top->title);
  top->busy = FALSE;
  notify_all (top);
  return appeared;
}

/* On the main context: the device takes what the worker found. */
static void
take_read (KsDevice   *self,
           ReadResult *result)
{
  KsTargetReading none = { 0 };
  KsTargetReading *read = result->reading != NULL ? result->reading : &none;
  KsCartKind kind = read->cart_info.kind;
  g_autofree char *reader = g_strdup (read->reader_name != NULL ? read->reader_name
                                                                : _("Cart reader"));
  /* a save in no known format keeps its bytes and says why */
  const GError *error = result->error != NULL ? result->error : read->format_error;
  gboolean top_changed;

  /* an empty slot is no failure of the read */
  if (read->detected && kind == KS_CART_NONE)
    error = NULL;

  take_cart (self, read);

  if (kind == KS_CART_NONE)
    self->title = g_strdup (reader);
  else if (read->cart_info.title != NULL && *read->cart_info.title != '\0')
    self->title = g_strdup (read->cart_info.title);
  else
    self->title = g_strdup (ks_cart_kind_to_string (kind));

  if (error != NULL)
    {
      ks_findings_add (self->findings, KS_SEVERITY_ERROR, "reader-read-failed",
                       "%s", error->message);
      self->subtitle = g_strdup (error->message);
    }
  else if (kind == KS_CART_NONE)
    self->subtitle = g_strdup (_("No cart inserted"));
  else
    self->subtitle = g_strdup_printf ("%s · %s",
                                      _(ks_container_get_format (self->container)->name),
                                      reader);

  load_saves (self, self->title);
  self->busy = FALSE;
  top_changed = take_top_cart (self, read);
  read_result_free (result);
  notify_all (self);
  if (top_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_CART]);
}

typedef struct
{
  KsDevice *device;
  ReadJob  *read;     /* the job's data, alive as long as the job */
} PendingRead;

static void
pending_read_free (gpointer data,
                   GClosure *closure)
{
  PendingRead *pending = data;

  g_object_unref (pending->device);
  g_free (pending);
}

static void
on_read_job_finished (KsJob    *job,
                      gpointer  user_data)
{
  PendingRead *pending = user_data;
  ReadResult *result = g_steal_pointer (&pending->read->result);

  /* a job cancelled before it ran (the window closing) read nothing */
  if (result == NULL)
    {
      result = g_new0 (ReadResult, 1);
      g_set_error_literal (&result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The cart was not read: the read was cancelled."));
    }
  take_read (pending->device, result);
}

static void
start_reading (KsDevice *self)
{
  ReadJob *read = g_new0 (ReadJob, 1);
  PendingRead *pending = g_new0 (PendingRead, 1);
  g_autoptr(KsJob) job = NULL;
  g_autofree char *title = g_strdup_printf (_("Read %s"), self->path);

  self->busy = TRUE;
  g_clear_pointer (&self->subtitle, g_free);
  self->subtitle = g_strdup (_("Reading…"));
  if (self->title == NULL)
    self->title = g_strdup (_("Cart reader"));
  notify_all (self);

  if (self->top_cart != NULL)
    {
      self->top_cart->busy = TRUE;
      g_clear_pointer (&self->top_cart->subtitle, g_free);
      self->top_cart->subtitle = g_strdup (_("Reading…"));
      notify_all (self->top_cart);
    }

  read->port = g_strdup (self->path);
  job = ks_job_new (KS_JOB_KIND_VERIFY, title, self->path, read_cart_job, read,
                    (GDestroyNotify) read_job_free);
  pending->device = g_object_ref (self);
  pending->read = read;
  g_signal_connect_data (job, "finished", G_CALLBACK (on_read_job_finished), pending,
                         pending_read_free, 0);
  ks_job_queue_push (self->queue, job);
}

/* The workers of devices made without a queue: still one per port, one
 * job after the other; never shut down */
static KsJobQueue *
default_queue (void)
{
  static KsJobQueue *queue;

  if (g_once_init_enter (&queue))
    g_once_init_leave (&queue, ks_job_queue_new ());
  return queue;
}

/* A cart reader on @port. */
KsDevice *
ks_device_new_for_port (const char *port)
{
  return ks_device_new_for_port_on_queue (port, NULL);
}

KsDevice *
ks_device_new_for_port_on_queue (const char *port,
                                 KsJobQueue *queue)
{
  KsDevice *self;

  g_return_val_if_fail (port != NULL, NULL);
  g_return_val_if_fail (queue == NULL || KS_IS_JOB_QUEUE (queue), NULL);

  self = g_object_new (KS_TYPE_DEVICE, NULL);
  self->kind = KS_DEVICE_KIND_READER;
  self->platform = "reader";
  self->path = g_strdup (port);
  self->queue = g_object_ref (queue != NULL ? queue : default_queue ());
  start_reading (self);

  return self;
}

void
ks_device_reload (KsDevice *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_return_if_fail (KS_IS_DEVICE (self));

  switch (self->kind)
    {
    case KS_DEVICE_KIND_READER:
      /* the cart on top is read with its reader's card, never alone */
      if (self->has_override)
        {
          if (self->parent != NULL)
            ks_device_reload (self->parent);
        }
      else if (!self->busy)
        start_reading (self);
      return;
    case KS_DEVICE_KIND_FOLDER:
      ok = fill_from_folder (self, &error);
      break;
    case KS_DEVICE_KIND_FILE:
    default:
      ok = fill_from_file (self, &error);
      break;
    }

  if (!ok)
    {
      apply_saves (self, NULL);
      g_clear_pointer (&self->subtitle, g_free);
      self->subtitle = g_strdup (error->message);
      ks_findings_add (self->findings, KS_SEVERITY_ERROR, "device-unreadable", "%s",
                       error->message);
    }
  notify_all (self);
}

KsDeviceKind
ks_device_get_kind (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), KS_DEVICE_KIND_FILE);

  return self->kind;
}

gboolean
ks_device_get_busy (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), FALSE);

  return self->busy;
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

/* The app's own icons (data/icons/symbolic): what the row holds, so a
 * reader with a cart in it shows the cart; a save shows its device's, as
 * it is when not @busy */
static const char *
icon_for (KsDevice *self,
          gboolean  busy)
{
  if (self->kind == KS_DEVICE_KIND_READER && busy)
    return "content-loading-symbolic";
  if (self->kind == KS_DEVICE_KIND_FOLDER)
    return "ks-save-folder-symbolic";
  if (self->container != NULL &&
      g_str_equal (ks_container_get_format (self->container)->id, "mmc"))
    return "ks-memory-card-symbolic";
  if (self->container != NULL || self->kind == KS_DEVICE_KIND_READER)
    {
      if (g_strcmp0 (self->platform, "gba") == 0)
        return "ks-gba-cart-symbolic";
      if (g_strcmp0 (self->platform, "gb") == 0)
        return "ks-gb-cart-symbolic";
      if (g_strcmp0 (self->platform, "saturn") == 0)
        return "ks-saturn-symbolic";
    }

  return self->kind == KS_DEVICE_KIND_READER ? "ks-reader-symbolic" : "ks-image-file-symbolic";
}

const char *
ks_device_get_icon_name (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return icon_for (self, self->busy);
}

/* The device's own badge: the worst of its findings, once it was read */
static KsSaveStatus
device_status (KsDevice *self)
{
  if (self->busy || self->container == NULL)
    return ks_findings_has_errors (self->findings) ? KS_SAVE_STATUS_ERROR : KS_SAVE_STATUS_UNKNOWN;
  return ks_save_status_from_findings (self->findings);
}

const char *
ks_device_get_platform (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->platform;
}

const char *
ks_device_get_path (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->path;
}

const char *
ks_device_get_reader_name (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->reader_name;
}

const char *
ks_device_get_cart (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->cart;
}

KsContainer *
ks_device_get_container (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->container;
}

const char *
ks_device_get_cart_title (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->cart_title;
}

KsGbMbc
ks_device_get_cart_mapper (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), KS_GB_MBC_UNKNOWN);

  return self->cart_mbc;
}

KsBupFolder *
ks_device_get_folder (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->folder;
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

/* The same rule as the saves' badges (status_from_findings): a folder's
 * findings name the .BUP file, a container's the save. */
GPtrArray *
ks_device_dup_save_findings (KsDevice   *self,
                             KsSaveItem *save)
{
  GPtrArray *found;
  const char *name;

  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);
  g_return_val_if_fail (KS_IS_SAVE_ITEM (save), NULL);

  found = ks_findings_new ();
  if (ks_save_item_is_whole_image (save))
    name = NULL;
  else if (self->folder != NULL)
    name = ks_bup_folder_get_file (self->folder, ks_save_item_get_index (save));
  else
    name = ks_save_item_get_name (save);

  for (guint i = 0; i < self->findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding_names (finding, name))
        g_ptr_array_add (found, ks_finding_new (finding->severity, finding->code,
                                                finding->message));
    }

  return found;
}

KsDevice *
ks_device_get_top_cart (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->top_cart;
}

const KsCartOverride *
ks_device_get_cart_override (KsDevice *self)
{
  g_return_val_if_fail (KS_IS_DEVICE (self), NULL);

  return self->has_override ? &self->override : NULL;
}
