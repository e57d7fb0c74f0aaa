/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-save-item.h — one save as a row of a device, for lists and trees
 *
 * A KsTreeNode (ks-tree-node.h): title is the save's name, subtitle its
 * size in KiB. */
#pragma once

#include <glib-object.h>

#include "ks-format.h"

G_BEGIN_DECLS

/* The integrity badge of a save, from the findings of its device */
typedef enum
{
  KS_SAVE_STATUS_UNKNOWN,   /* not verified: the format was not recognised */
  KS_SAVE_STATUS_OK,
  KS_SAVE_STATUS_UNVERIFIABLE,  /* read, but the format has nothing to check */
  KS_SAVE_STATUS_WARNING,
  KS_SAVE_STATUS_ERROR,
} KsSaveStatus;

#define KS_TYPE_SAVE_STATUS (ks_save_status_get_type ())
GType ks_save_status_get_type (void);

#define KS_TYPE_SAVE_ITEM (ks_save_item_get_type ())

G_DECLARE_FINAL_TYPE (KsSaveItem, ks_save_item, KS, SAVE_ITEM, GObject)

KsSaveItem *ks_save_item_new         (const KsSaveInfo *info);
guint       ks_save_item_get_index   (KsSaveItem       *self);
void        ks_save_item_set_index   (KsSaveItem       *self,
                                      guint             index);
const char *ks_save_item_get_name    (KsSaveItem       *self);
guint64     ks_save_item_get_size    (KsSaveItem       *self);
const char *ks_save_item_get_comment (KsSaveItem       *self);
KsSaveStatus ks_save_item_get_status (KsSaveItem       *self);
void        ks_save_item_set_status  (KsSaveItem       *self,
                                      KsSaveStatus      status);
/* The icon of its row: its device's (set by the device) */
const char *ks_save_item_get_icon_name (KsSaveItem     *self);
void        ks_save_item_set_icon_name (KsSaveItem     *self,
                                        const char     *icon_name);
/* The findings about this save (KsFinding), set by its device with each
 * reading; NULL before */
GPtrArray  *ks_save_item_get_findings (KsSaveItem      *self);
void        ks_save_item_set_findings (KsSaveItem      *self,
                                       GPtrArray       *findings);
/* TRUE when the save is the whole image (a single-save format such as a
 * Gen III .sav): there is nothing to extract, the device's bytes are it. */
gboolean    ks_save_item_is_whole_image (KsSaveItem    *self);
KsSaveItem *ks_save_item_new_whole_image (const char   *name,
                                          guint64       size,
                                          const char   *comment);
/* "emblem-ok-symbolic", "dialog-question-symbolic" (unverifiable),
 * "dialog-warning-symbolic", "dialog-error-symbolic", or NULL when unknown */
const char *ks_save_status_icon_name (KsSaveStatus      status);
/* The worst of @findings (KsFinding): OK when none warns or errs,
 * UNVERIFIABLE when the format had nothing to check */
KsSaveStatus ks_save_status_from_findings (GPtrArray   *findings);
/* "ok", "unverifiable", "warning", "error", or NULL when unknown: the
 * CSS class of a badge */
const char *ks_save_status_to_string (KsSaveStatus      status);

G_END_DECLS
