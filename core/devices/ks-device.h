/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device.h — a device in the tree: an image file, a folder of .BUP
 * files, or a cart reader on a serial port
 *
 * One final type with a kind, not a class per kind: the tree, the details
 * pane and the jobs ask every device the same questions (title, subtitle,
 * icon, container, saves, findings).  Every kind is read by the one read
 * of a target (ks-target.h): a file or a folder at once, a reader's cart
 * on its port's job worker.  A device has a title, a one-line subtitle, an
 * icon, the container read from it (NULL when its format is not recognised,
 * for a folder, and for a reader until it has read the cart), and its saves
 * as a GListModel of KsSaveItem.
 *
 * A reader device reads as a job on its port's worker: it is "busy" and says
 * "Reading…" until done, then notifies busy, title, subtitle, icon-name and
 * platform on the main context; errors become findings and the subtitle.
 *
 * A reader whose card is a Mega Memory Card also looks, in the same worker
 * run, for a Game Boy cart plugged on top of the card.  That cart is a
 * device of its own (kind reader, platform "gb", the same port, one save:
 * its whole RAM), owned and filled by the reader's device: the same object
 * across reloads, busy while its reader is, reloaded through it.  The
 * reader notifies "top-cart" when it appears or goes away.  Jobs reach it
 * with target ks_device_get_path() and ks_device_get_cart_override().
 *
 * A device read again (ks_device_reload(), a reader's read ending) stays
 * the same object: it notifies its properties, and its saves store (the
 * same GListStore for its whole life) changes in place by one splice of
 * what differs; saves that did not change keep their objects.  Then it
 * emits "changed".  It is a KsTreeNode (ks-tree-node.h) for the tree's
 * rows: "status" is its own badge, "findings" all of its findings.
 */
#pragma once

#include <gio/gio.h>

#include "ks-bup-folder.h"
#include "ks-cart-detect.h"
#include "ks-container.h"
#include "ks-job-queue.h"
#include "ks-save-item.h"

G_BEGIN_DECLS

typedef enum
{
  KS_DEVICE_KIND_FILE,
  KS_DEVICE_KIND_FOLDER,    /* a folder of .BUP files (ks-bup-folder.h) */
  KS_DEVICE_KIND_READER,    /* an LK cart reader on a serial port */
} KsDeviceKind;

#define KS_TYPE_DEVICE_KIND (ks_device_kind_get_type ())
GType ks_device_kind_get_type (void);

#define KS_TYPE_DEVICE (ks_device_get_type ())

G_DECLARE_FINAL_TYPE (KsDevice, ks_device, KS, DEVICE, GObject)

/* Files and folders are read at once, by the read every target gets
 * (ks_target_read()); so is a reader's cart, on its worker. */
KsDevice     *ks_device_new_for_file   (const char          *path,
                                        GError             **error);
KsDevice     *ks_device_new_for_folder (const char          *path,
                                        GError             **error);
/* Returns at once, busy, and starts reading the cart as a job on the
 * port's worker of a queue of its own (shared by such devices). */
KsDevice     *ks_device_new_for_port   (const char          *port);
/* The same, reading (now and on every reload) as a job on @queue: on the
 * port's worker, in turn with the jobs that write there, so a reload after
 * a write never races the next one. */
KsDevice     *ks_device_new_for_port_on_queue (const char   *port,
                                        KsJobQueue          *queue);
/* Reads again (a reader, on its worker) or reopens (a file or folder, at
 * once), updating this device in place; a reader that is busy is left to
 * finish. */
void          ks_device_reload         (KsDevice            *self);

KsDeviceKind  ks_device_get_kind       (KsDevice            *self);
gboolean      ks_device_get_busy       (KsDevice            *self);
const char   *ks_device_get_title      (KsDevice            *self);
const char   *ks_device_get_subtitle   (KsDevice            *self);
const char   *ks_device_get_icon_name  (KsDevice            *self);
/* "gba", "gb", "saturn", "reader", "folder" or "file" */
const char   *ks_device_get_platform   (KsDevice            *self);
/* The file, the folder, or the reader's port */
const char   *ks_device_get_path       (KsDevice            *self);
/* A reader: "GBxCart RW v1.4a (R42+L14)" once identified, else NULL */
const char   *ks_device_get_reader_name (KsDevice           *self);
/* A reader: the title in the cart's header, or NULL (none, or not read);
 * a cart's whole save is copied under it */
const char   *ks_device_get_cart_title (KsDevice          *self);
/* A reader with a Game Boy cart: the mapper its header names; else
 * KS_GB_MBC_UNKNOWN (a GBA cart, a file, and the cart on top of a Mega
 * Memory Card, which the card's bank test sizes without its header) */
KsGbMbc       ks_device_get_cart_mapper (KsDevice         *self);
/* A reader: ks_cart_info_describe() of the cart once detected, else NULL */
const char   *ks_device_get_cart       (KsDevice            *self);
KsContainer  *ks_device_get_container  (KsDevice            *self);
/* A folder of .BUP files: the folder as read (its saves, their files) */
KsBupFolder  *ks_device_get_folder     (KsDevice            *self);
GBytes       *ks_device_get_bytes      (KsDevice            *self);
GListModel   *ks_device_get_saves      (KsDevice            *self);
GPtrArray    *ks_device_get_findings   (KsDevice            *self);
/* The findings about @save alone (a new array of copies): all of them for
 * a save that is the whole image, else those that name it */
GPtrArray    *ks_device_dup_save_findings (KsDevice         *self,
                                           KsSaveItem       *save);
/* A reader whose card is a Mega Memory Card: the device of the Game Boy
 * cart on top of the card (borrowed), or NULL when none answers */
KsDevice     *ks_device_get_top_cart   (KsDevice            *self);
/* The override a job needs to reach this device's cart (the cart on top
 * of a Mega Memory Card: "mmc-top"); NULL for every other device */
const KsCartOverride *ks_device_get_cart_override (KsDevice   *self);

G_END_DECLS
