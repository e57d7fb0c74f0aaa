/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-target.h — the one read of a target: a save file, a folder of .BUP
 * files or a cart reader's port
 *
 * Every reader of a target goes through ks_target_read(): a device row
 * (on the port's job worker for a reader), every job before it writes
 * (the write protocol's step 1) and every keepsake-cli command that takes
 * FILE|PORT.  It decides the kind of the path in one place
 * (ks_target_kind_of()), opens it and gives back what was read:
 *
 * - a file: its bytes, loaded whole (ks-image-file.h), and the container
 *   of the format they are in;
 * - a folder: its .BUP files (ks-bup-folder.h);
 * - for all of them, the saves a list shows;
 * - a port: who the reader is and how fast its link runs, the cart
 *   detection found (or the one the caller named), the whole save read
 *   with a check (ks-reader-backup.h) and the container of the format the
 *   cart's kind calls for; with KS_TARGET_READ_TOP the Game Boy cart on
 *   top of a Mega Memory Card too, on the same open port; with
 *   KS_TARGET_READ_KEEP_OPEN the reader stays open for a write that
 *   follows.
 *
 * Bytes in no known format are not a failed read: the reading keeps them
 * and says why no format took them (format_error).  A failed read keeps
 * what was learnt before the step that failed, so a device can say
 * "GBxCart RW v1.4a (R42+L14), no cart answered".
 *
 * Blocking: run it on the device's worker (ks-job-queue.h).
 */
#pragma once

#include <gio/gio.h>

#include "ks-bup-folder.h"
#include "ks-cart-detect.h"
#include "ks-container.h"
#include "ks-lk-reader.h"
#include "ks-reader-backup.h"

G_BEGIN_DECLS

#define KS_TARGET_ERROR (ks_target_error_quark ())
GQuark ks_target_error_quark (void);

typedef enum
{
  KS_TARGET_ERROR_NOT_A_SAVE_FOLDER,   /* a folder of other files, no .BUP file */
} KsTargetError;

typedef enum
{
  KS_TARGET_FILE,
  KS_TARGET_FOLDER,
  KS_TARGET_PORT,
} KsTargetKind;

typedef enum
{
  KS_TARGET_READ_DEFAULT   = 0,
  /* run the format's checks on what was read: findings */
  KS_TARGET_READ_VERIFY    = 1 << 0,
  /* a port: also the Game Boy cart on top of a Mega Memory Card */
  KS_TARGET_READ_TOP       = 1 << 1,
  /* a port: leave the reader open (reading->reader) for a write */
  KS_TARGET_READ_KEEP_OPEN = 1 << 2,
} KsTargetReadFlags;

/* A step of the read began (@phase, translated) or went on: @done of
 * @total bytes, 0 of 0 when unknown */
typedef void (*KsTargetProgress) (const char *phase,
                                  gsize       done,
                                  gsize       total,
                                  gpointer    user_data);

typedef struct
{
  KsTargetReadFlags     flags;
  /* a port: the cart the person named (--cart, a device's override), or
   * NULL: detect */
  const KsCartOverride *override;
  /* open the bytes as this format (--format), or NULL: the format found */
  const char           *format_id;
  /* a port: saves kept already (the backup library), so a read the
   * library confirms needs no second read (ks_reader_backup_read_checked()) */
  KsReaderKnownFunc     known;
  gpointer              known_data;
  KsTargetProgress      progress;
  gpointer              progress_data;
} KsTargetReadOptions;

typedef struct _KsTargetReading KsTargetReading;

struct _KsTargetReading
{
  KsTargetKind     kind;
  char            *path;
  /* a file's name; for a cart the name a file of its save would get
   * (ks_cart_info_suggest_name()) */
  char            *file_name;
  /* what a backup of it is called: the file's name, the cart header's
   * title, else the suggested file name */
  char            *title;
  GBytes          *bytes;         /* a file's or cart's content, or NULL */
  KsContainer     *container;     /* NULL when no format takes the bytes */
  GError          *format_error;  /* why no format took them, or NULL */
  KsBupFolder     *folder;        /* a folder's .BUP files */
  /* KsSaveInfo*: a container's saves, or its one save (the whole image,
   * named for the file) when it holds a single save; a folder's .BUP
   * files; NULL when no format took the bytes */
  GPtrArray       *saves;
  GPtrArray       *findings;      /* KsFinding*, with KS_TARGET_READ_VERIFY */

  /* a port */
  char            *reader_name;   /* "GBxCart RW v1.4a (R42+L14)", or NULL */
  char            *rate;          /* "1.5 Mbaud", or NULL */
  gboolean         detected;      /* cart detection ran to its end */
  KsCartInfo       cart_info;     /* what detection found; kind KS_CART_NONE: no cart */
  char            *cart;          /* ks_cart_info_describe(), or NULL */
  KsLkReader      *reader;        /* open, with KS_TARGET_READ_KEEP_OPEN */
  /* the Game Boy cart on top of a Mega Memory Card (KS_TARGET_READ_TOP):
   * NULL when none answers; what was learnt when reading it failed, with
   * the reason in top_error */
  KsTargetReading *top;
  GError          *top_error;
};

/* KS_TARGET_PORT for a character device (a serial port) or, when the path
 * does not exist, a /dev/tty name; KS_TARGET_FOLDER for a directory;
 * KS_TARGET_FILE for anything else */
KsTargetKind  ks_target_kind_of (const char                 *path);
gboolean      ks_target_is_port (const char                 *path);

/* @reading is set to what was read, also when FALSE is returned (what was
 * learnt before the failing step); free it with ks_target_reading_free().
 * @options: NULL for the defaults. */
gboolean      ks_target_read    (const char                 *path,
                                 const KsTargetReadOptions  *options,
                                 GCancellable               *cancellable,
                                 KsTargetReading           **reading,
                                 GError                    **error);
void          ks_target_reading_free (KsTargetReading       *reading);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsTargetReading, ks_target_reading_free)

G_END_DECLS
