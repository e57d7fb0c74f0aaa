/* ks-save-item.h — one save as a row of a device, for lists and trees */
#pragma once

#include <glib-object.h>

#include "ks-format.h"

G_BEGIN_DECLS

#define KS_TYPE_SAVE_ITEM (ks_save_item_get_type ())

G_DECLARE_FINAL_TYPE (KsSaveItem, ks_save_item, KS, SAVE_ITEM, GObject)

KsSaveItem *ks_save_item_new         (const KsSaveInfo *info);
guint       ks_save_item_get_index   (KsSaveItem       *self);
const char *ks_save_item_get_name    (KsSaveItem       *self);
guint64     ks_save_item_get_size    (KsSaveItem       *self);
const char *ks_save_item_get_comment (KsSaveItem       *self);

G_END_DECLS
