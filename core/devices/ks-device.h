/* ks-device.h — a device in the tree: an image file now, a cart reader later
 *
 * A device has a title, a one-line subtitle, an icon, the container read
 * from it (NULL when its format is not recognised), and its saves as a
 * GListModel of KsSaveItem.
 */
#pragma once

#include <gio/gio.h>

#include "ks-container.h"

G_BEGIN_DECLS

#define KS_TYPE_DEVICE (ks_device_get_type ())

G_DECLARE_FINAL_TYPE (KsDevice, ks_device, KS, DEVICE, GObject)

KsDevice    *ks_device_new_for_file  (const char  *path,
                                      GError     **error);
const char  *ks_device_get_title     (KsDevice    *self);
const char  *ks_device_get_subtitle  (KsDevice    *self);
const char  *ks_device_get_icon_name (KsDevice    *self);
const char  *ks_device_get_path      (KsDevice    *self);
KsContainer *ks_device_get_container (KsDevice    *self);
GBytes      *ks_device_get_bytes     (KsDevice    *self);
GListModel  *ks_device_get_saves     (KsDevice    *self);
GPtrArray   *ks_device_get_findings  (KsDevice    *self);

G_END_DECLS
