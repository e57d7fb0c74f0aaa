/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-jobs.h — the jobs Keepsake runs on devices: backup, restore, erase,
 * write a save, copy a save
 *
 * A target is a cart reader's port or an image file.  Every job that
 * writes follows the write protocol (DESIGN.md):
 *   1. read what is there, once and checked (ks-reader-backup.h), and store
 *      it in the backup library (before-write);
 *   2. build the new content and verify it (ks_container_build_verified():
 *      any error finding stops the job);
 *   3. write the minimum — carts through ks-cart-writer.h, only the sectors
 *      that change; files through ks_image_file_replace_full() (temp + fsync
 *      + rename);
 *   4. read back and compare (on a cart: the sectors written, and the
 *      reader's CRC of the rest where it has one, ks-cart-writer.h);
 *   5. report (ks_job_get_result()).
 * A cancelled cart write puts the sectors it had rewritten back from the
 * step-1 content and says so; a write that fails names the library backup.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-clock.h"
#include "ks-cart-detect.h"
#include "ks-container.h"
#include "ks-copy-plan.h"
#include "ks-job.h"
#include "ks-library.h"

G_BEGIN_DECLS

/* An edit of the target's container (insert, delete, trainer fields…),
 * run on the worker between steps 1 and 2. */
typedef gboolean (*KsJobEdit) (KsContainer  *container,
                               gpointer      user_data,
                               GError      **error);

/* Reads the whole save into the library (reason manual); the bytes are
 * ks_job_get_content(), the entry ks_job_get_backup(). */
KsJob    *ks_job_backup_new       (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override);
/* Writes @content (a whole save, checked with @format_id or the cart's
 * format) to @target. */
KsJob    *ks_job_restore_new      (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override,
                                   GBytes               *content,
                                   const char           *format_id,
                                   gboolean              force);
/* The same, and then the cart's clock as @clock says (ks-cart-clock.h):
 * checked before anything is written, set after the save is written and
 * read back */
KsJob    *ks_job_restore_new_full (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override,
                                   GBytes               *content,
                                   const char           *format_id,
                                   gboolean              force,
                                   KsClockChoice         clock);
/* Erases a cart's save (backed up first). */
KsJob    *ks_job_erase_new        (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override);
/* Opens the target's container, applies @edit, writes the result. */
KsJob    *ks_job_write_save_new   (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override,
                                   const char           *format_id,
                                   gboolean              force,
                                   KsJobEdit             edit,
                                   gpointer              user_data,
                                   GDestroyNotify        user_data_free);
/* Copies save @save (index or name; NULL: the whole save of a
 * single-save container, or a file of no known format as it is) of
 * @source to @target: inserted into the target's container when it holds
 * saves (GB cart → Mega Memory Card, .BUP → Action Replay or backup RAM,
 * a file from the file manager → any of them), as a new .BUP file when the
 * target is a folder of them, or written as the target's whole save (Mega
 * Memory Card entry → GB cart, Gen III file → GBA cart).  @choice says
 * what happens to a save of the same name (ks_copy_insert(): ADD refuses
 * one that appeared since the copy was planned, REPLACE replaces it,
 * KEEP_BOTH inserts under @new_name).  An entry copied to the cart on top
 * of the same card is sized as the card's own restore does it
 * (ks_mmc_top_cart_fit_save()).  Runs on the target's worker; the source
 * is read there too, and its reader closed before the target's opens. */
KsJob    *ks_job_copy_new         (KsLibrary            *library,
                                   const char           *source,
                                   const KsCartOverride *source_override,
                                   const char           *save,
                                   const char           *target,
                                   const KsCartOverride *target_override,
                                   KsCopyChoice          choice,
                                   const char           *new_name,
                                   gboolean              force);
/* The same, and then, when the save went in as the target's whole save
 * (a file from the file manager, a cart's save), the cart's clock as
 * @clock says, from the source's clock footer for KS_CLOCK_FROM_BACKUP:
 * checked before anything is written, set after the save is written and
 * read back, as ks_job_restore_new_full() does */
KsJob    *ks_job_copy_new_full    (KsLibrary            *library,
                                   const char           *source,
                                   const KsCartOverride *source_override,
                                   const char           *save,
                                   const char           *target,
                                   const KsCartOverride *target_override,
                                   KsCopyChoice          choice,
                                   const char           *new_name,
                                   gboolean              force,
                                   KsClockChoice         clock);

/* Reads @target (a cart checked as a backup is) and verifies it with its
 * format: ks_job_get_findings() and ks_job_get_content().  Writes nothing. */
KsJob    *ks_job_verify_new       (KsLibrary            *library,
                                   const char           *target,
                                   const KsCartOverride *override);
/* Applies @edit to a copy of a library backup and stores the result,
 * verified, as a new backup (reason edited): ks_job_get_backup() is the new
 * entry; the original is kept as it was. */
KsJob    *ks_job_edit_backup_new  (KsLibrary            *library,
                                   const KsBackupEntry  *entry,
                                   KsJobEdit             edit,
                                   gpointer              user_data,
                                   GDestroyNotify        user_data_free);
/* Loads a library backup (checked against its SHA-256) and verifies it. */
KsJob    *ks_job_verify_backup_new (KsLibrary           *library,
                                    const KsBackupEntry *entry);

G_END_DECLS
