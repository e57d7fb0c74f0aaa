/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-jobs.c — backup, restore, erase, write-save and copy, each one function
 * run on the target's worker, sharing the steps of the write protocol
 * (DESIGN.md "The write protocol"; cart-reader-protocol.md §1.7 for the
 * read-verify-write-compare flow FlashGBX follows on carts)
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ks-bup-folder.h"
#include "ks-cart-writer.h"
#include "ks-copy-plan.h"
#include "ks-flash-error.h"
#include "ks-image-file.h"
#include "ks-jobs.h"
#include "ks-mmc-top-cart.h"
#include "ks-reader-backup.h"
#include "ks-reader-memory.h"
#include "ks-saturn-bup.h"
#include "ks-target.h"

/* mGBA's clock footer after a Gen III save (gen3 spec): not on the cart */
#define GEN3_RTC_FOOTER_SIZE 16

typedef enum
{
  OP_BACKUP,
  OP_RESTORE,
  OP_ERASE,
  OP_EDIT,
  OP_COPY,
  OP_VERIFY,
  OP_EDIT_BACKUP,
} Op;

typedef struct
{
  Op              op;
  KsLibrary      *library;
  char           *target;
  KsCartOverride  override;
  GBytes         *content;
  char           *format_id;
  gboolean        force;
  KsJobEdit       edit;
  gpointer        edit_data;
  GDestroyNotify  edit_free;
  char           *source;
  KsCartOverride  source_override;
  char           *save;
  KsCopyChoice    choice;      /* OP_COPY into a container or folder */
  char           *new_name;    /* KS_COPY_CHOICE_KEEP_BOTH */
  char           *backup_id;   /* OP_VERIFY of a library backup */
  KsClockChoice   clock;       /* OP_RESTORE, or OP_COPY of a whole save, to a
                                * cart with a clock */
} Spec;

static void
spec_free (Spec *spec)
{
  g_clear_object (&spec->library);
  g_free (spec->target);
  g_clear_pointer (&spec->content, g_bytes_unref);
  g_free (spec->format_id);
  if (spec->edit_free != NULL)
    spec->edit_free (spec->edit_data);
  g_free (spec->source);
  g_free (spec->save);
  g_free (spec->new_name);
  g_free (spec->backup_id);
  g_free (spec);
}

/* A target opened on the worker, with what step 1 read from it
 * (ks_target_read()) */
typedef struct
{
  const char  *path;
  KsLkReader  *reader;     /* NULL for a file */
  KsCartInfo   info;
  gboolean     has_info;
  GBytes      *current;
  char        *file_name;
  const char  *format_id;  /* the format a cart's kind calls for */
  const char  *found_format_id;  /* the format the read found, or NULL */
  char        *title;
  char        *rate;       /* "1.5 Mbaud": how fast the reader's link runs */
} Target;

static void
target_clear (Target *target)
{
  if (target->reader != NULL)
    {
      ks_lk_reader_close (target->reader);
      g_clear_object (&target->reader);
    }
  if (target->has_info)
    ks_cart_info_clear (&target->info);
  g_clear_pointer (&target->current, g_bytes_unref);
  g_clear_pointer (&target->file_name, g_free);
  g_clear_pointer (&target->title, g_free);
  g_clear_pointer (&target->rate, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static void
read_progress (const char *phase,
               gsize       done,
               gsize       total,
               gpointer    user_data)
{
  ks_job_set_progress (KS_JOB (user_data), done, total, phase);
}

typedef struct
{
  KsJob      *job;
  const char *rate;
} WriteProgress;

/* A cart write's phases say how fast the link runs */
static void
write_progress (guint64     done,
                guint64     total,
                const char *phase,
                gpointer    user_data)
{
  WriteProgress *progress = user_data;
  /* Translators: a job's phase, then the reader's link rate, "1.5 Mbaud" */
  g_autofree char *text = g_strdup_printf (_("%s (%s)"), phase, progress->rate);

  ks_job_set_progress (progress->job, done, total, text);
}

/* Write protocol step 1 can skip the second read of a save the library
 * keeps already (ks-reader-backup.h) */
static gboolean
library_knows (const char *sha256,
               gpointer    user_data)
{
  return ks_library_has_content (KS_LIBRARY (user_data), sha256);
}

/* The read every job starts with; a port stays open for the write.  This
 * one read is all a write reads before it writes. */
static gboolean
open_target (KsJob                *job,
             KsLibrary            *library,
             const char           *path,
             const KsCartOverride *override,
             GCancellable         *cancellable,
             Target               *target,
             GError              **error)
{
  g_autoptr(KsTargetReading) reading = NULL;
  KsTargetReadOptions options = { 0 };

  options.flags = KS_TARGET_READ_KEEP_OPEN;
  options.override = override;
  /* the library's copy must be what the cart really holds: the reader's
   * CRCs, or a second read unless the first is a save kept already */
  options.known = library != NULL ? library_knows : NULL;
  options.known_data = library;
  options.progress = read_progress;
  options.progress_data = job;

  target->path = path;
  if (!ks_target_read (path, &options, cancellable, &reading, error))
    return FALSE;
  if (reading->kind == KS_TARGET_FOLDER)
    {
      g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_NOT_REGULAR,
                   _("%s is a folder; its saves are its files, each written on its own."), path);
      return FALSE;
    }

  target->reader = g_steal_pointer (&reading->reader);
  target->current = g_steal_pointer (&reading->bytes);
  target->file_name = g_steal_pointer (&reading->file_name);
  target->title = g_steal_pointer (&reading->title);
  target->rate = g_steal_pointer (&reading->rate);
  if (reading->container != NULL)
    target->found_format_id = ks_container_get_format (reading->container)->id;
  if (reading->kind == KS_TARGET_PORT)
    {
      target->info = reading->cart_info;
      memset (&reading->cart_info, 0, sizeof reading->cart_info);
      target->has_info = TRUE;
      target->format_id = ks_cart_info_format_for_bytes (&target->info, target->current,
                                                         target->file_name);
    }
  return TRUE;
}

static KsContainer *
open_container (Target      *target,
                GBytes      *bytes,
                const char  *format_id,
                GError     **error)
{
  return ks_container_new_from_bytes (bytes, target->file_name,
                                      format_id != NULL ? format_id : target->format_id, error);
}

/* Write protocol step 1 */
static gboolean
back_up_current (KsJob       *job,
                 KsLibrary   *library,
                 Target      *target,
                 GError     **error)
{
  const char *format_id = target->format_id != NULL ? target->format_id
                                                     : target->found_format_id;
  KsBackupEntry *entry;

  ks_job_set_progress (job, 0, 0, _("Storing the current content in the backup library"));

  entry = ks_library_add (library, target->current, target->path, target->title, format_id,
                          KS_BACKUP_REASON_BEFORE_WRITE, error);
  if (entry == NULL)
    {
      g_prefix_error (error, _("Nothing was written: the current content could not be backed "
                               "up first. "));
      return FALSE;
    }

  ks_job_take_backup (job, entry);
  return TRUE;
}

/* Write protocol step 2 for a built container, fitted to a cart's size */
static GBytes *
build_verified (KsContainer  *container,
                Target       *target,
                gboolean      force,
                GError      **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) output = ks_container_build_verified (container, force, &findings, error);
  gsize size;

  if (output == NULL)
    return NULL;

  size = g_bytes_get_size (output);
  if (target->has_info && size == target->info.save_size + GEN3_RTC_FOOTER_SIZE &&
      g_strcmp0 (ks_container_get_format (container)->id, "gen3") == 0)
    return g_bytes_new_from_bytes (output, 0, target->info.save_size);

  return g_steal_pointer (&output);
}

/* A restore never replaces the target's content with another kind of
 * image, or one of another size, unless forced: the plan the window makes
 * before it offers a restore (ks-copy-plan.h) decides, here on what the
 * target holds when the job runs.  A target whose content is in no known
 * format has nothing of a kind to keep, but still its size. */
static gboolean
check_replacement (Target       *target,
                   KsContainer  *image,
                   GError      **error)
{
  g_autoptr(KsContainer) current = open_container (target, target->current, NULL, NULL);
  g_autoptr(KsCopyPlan) plan = NULL;
  g_autoptr(GString) reasons = NULL;
  KsCopySource from = { 0 };
  KsCopyTarget to = { 0 };
  GPtrArray *problems;

  if (current == NULL && target->current == NULL)
    return TRUE;

  from.file = ks_container_get_original (image);
  from.file_name = ks_container_get_file_name (image);
  from.image_format = ks_container_get_format (image)->id;
  to.container = current;
  to.content = current == NULL ? target->current : NULL;
  to.title = target->title;
  plan = ks_copy_plan_new (&from, &to);

  problems = ks_copy_plan_get_problems (plan);
  for (guint i = 0; i < problems->len; i++)
    {
      const KsCopyProblem *problem = g_ptr_array_index (problems, i);

      if (problem->kind != KS_COPY_PROBLEM_KIND && problem->kind != KS_COPY_PROBLEM_SIZE)
        continue;
      if (reasons == NULL)
        reasons = g_string_new (problem->message);
      else
        g_string_append_printf (reasons, " %s", problem->message);
    }
  if (reasons == NULL)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
               /* Translators: %s is one or more whole sentences */
               _("%s A restore replaces a save with one of its own kind and size, so this one is "
                 "refused; if you are sure, force it (keepsake-cli restore --force)."),
               reasons->str);
  return FALSE;
}

/* A cancelled cart write: put the sectors it rewrote back from what step 1
 * read, and say exactly what the cart holds now. */
static void
put_back (KsJob   *job,
          Target  *target,
          GBytes  *content,
          GError **error)
{
  KsWriteResult *result = ks_job_get_result_for_worker (job);
  g_auto(KsWriteResult) undo = { 0 };
  g_autoptr(GError) undo_error = NULL;
  g_autoptr(GBytes) partial = NULL;
  guint n_sectors = result->rewritten->len;
  gsize size = g_bytes_get_size (target->current);
  guint8 *now = g_memdup2 (g_bytes_get_data (target->current, NULL), size);
  const guint8 *written = g_bytes_get_data (content, NULL);

  for (guint i = 0; i < result->rewritten->len; i++)
    {
      gsize at = (gsize) g_array_index (result->rewritten, guint, i) * result->sector_size;

      memcpy (now + at, written + at, MIN ((gsize) result->sector_size, size - at));
    }
  partial = g_bytes_new_take (now, size);

  ks_write_result_init (&undo);
  if (result->rewritten->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Cancelled before any sector was written: the cart is unchanged."));
      return;
    }

  if (ks_cart_writer_write (target->reader, &target->info, partial, target->current, NULL,
                            write_progress, &(WriteProgress) { job, target->rate }, &undo,
                            &undo_error))
    {
      result->sectors_erased += undo.sectors_erased;
      result->bytes_programmed += undo.bytes_programmed;
      /* a count, not a list: a card write can have rewritten hundreds */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Cancelled after rewriting %u sector; it was put back from the "
                                "backup and read back: the cart holds what it held before.",
                                "Cancelled after rewriting %u sectors; they were put back from the "
                                "backup and read back: the cart holds what it held before.",
                                n_sectors),
                   n_sectors);
      return;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Cancelled after rewriting %u sector; putting it back failed (%s). The "
                            "previous content is in the backup library as %s: restore it with "
                            "“keepsake-cli backups restore %s %s”.",
                            "Cancelled after rewriting %u sectors; putting them back failed (%s). "
                            "The previous content is in the backup library as %s: restore it with "
                            "“keepsake-cli backups restore %s %s”.",
                            n_sectors),
               n_sectors, undo_error->message, result->backup_id, result->backup_id, target->path);
}

/* What a file write did, as the job's result; @ok is returned */
static gboolean
take_report (KsJob         *job,
             KsWriteReport *report,
             gsize          size,
             gboolean       ok)
{
  KsWriteResult *result = ks_job_get_result_for_worker (job);

  result->bytes_programmed = report->bytes_written;
  result->verified = report->verified;
  result->elapsed_usec = report->elapsed_usec;
  ks_write_report_clear (report);
  if (ok)
    ks_job_set_progress (job, size, size, _("Written and read back"));
  return ok;
}

/* Write protocol steps 3 to 5 */
static gboolean
write_new (KsJob         *job,
           Target        *target,
           GBytes        *content,
           GCancellable  *cancellable,
           GError       **error)
{
  KsWriteResult *result = ks_job_get_result_for_worker (job);
  g_autoptr(GError) local_error = NULL;

  if (target->reader == NULL)
    {
      KsWriteReport report = { 0 };
      gboolean ok;

      ks_job_set_progress (job, 0, g_bytes_get_size (content), _("Writing the file"));
      /* the library holds the previous content: no NAME.bak beside it */
      ok = ks_image_file_replace_full (target->path, content, KS_IMAGE_FILE_NO_BAK, &report,
                                       &local_error);
      if (take_report (job, &report, g_bytes_get_size (content), ok))
        return TRUE;
    }
  else
    {
      WriteProgress progress = { job, target->rate };

      if (ks_cart_writer_write (target->reader, &target->info, target->current, content,
                                cancellable, write_progress, &progress, result, &local_error))
        return TRUE;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          put_back (job, target, content, error);
          return FALSE;
        }
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  g_prefix_error (error, "%s: ", target->path);
  if (result->backup_id != NULL)
    {
      /* g_prefix_error has no suffix form.  The error's own sentences come
       * first; this one is whole on its own, joined by a space.  Every
       * sector written and the link lost while reading them back: the
       * new content is most likely there, and restoring would undo it. */
      GError *e = *error;
      g_autofree char *restore = NULL;

      if (result->all_written && !g_error_matches (e, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY))
        restore = g_strdup_printf (_("Every changed sector was written before this happened, so "
                                     "the new content is probably in place: check it with "
                                     "“keepsake-cli verify %s”. The previous content is in the "
                                     "backup library as %s."),
                                   target->path, result->backup_id);
      else
        restore = g_strdup_printf (_("The previous content is in the backup library as %s: "
                                     "restore it with “keepsake-cli backups restore %s %s”."),
                                   result->backup_id, result->backup_id, target->path);
      char *message = g_strconcat (e->message, " ", restore, NULL);

      g_free (e->message);
      e->message = message;
    }
  return FALSE;
}

/* Whether @target takes Saturn saves: a cart never does; a folder of .BUP
 * files always; a file when its format is a Saturn one */
static gboolean
target_is_saturn (Spec *spec)
{
  g_autoptr(KsTargetReading) reading = NULL;
  KsTargetReadOptions options = { 0 };

  switch (ks_target_kind_of (spec->target))
    {
    case KS_TARGET_FOLDER:
      return TRUE;
    case KS_TARGET_PORT:
      return FALSE;
    case KS_TARGET_FILE:
    default:
      break;
    }

  options.format_id = spec->format_id;
  return ks_target_read (spec->target, &options, NULL, &reading, NULL) &&
         reading->container != NULL &&
         g_strcmp0 (ks_container_get_format (reading->container)->platform, "Saturn") == 0;
}

/* The bytes of save @save of the copy's source, as the file the target
 * takes (ks_copy_extract()); @save_name: the name it goes in under, NULL
 * when the file carries it */
static GBytes *
read_source_save (KsJob         *job,
                  Spec          *spec,
                  GCancellable  *cancellable,
                  char         **file_name,
                  char         **save_name,
                  const char   **source_format,
                  GError       **error)
{
  g_auto(Target) source = { 0 };
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GError) local_error = NULL;
  guint index;

  if (!open_target (job, spec->library, spec->source, &spec->source_override, cancellable,
                    &source, error))
    return NULL;

  container = open_container (&source, source.current, NULL, &local_error);
  if (container == NULL)
    {
      /* a file of no known format (a raw save from elsewhere) goes as it
       * is: the target's format takes it or says why not */
      if (source.reader != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      *file_name = g_strdup (source.file_name);
      return g_bytes_ref (source.current);
    }
  *source_format = ks_container_get_format (container)->id;

  if (!ks_container_has_saves (container))
    {
      /* a cart's whole save: it goes in under the cart's title */
      *file_name = g_strdup (source.file_name);
      *save_name = source.reader != NULL ? g_strdup (source.info.title) : NULL;
      return g_bytes_ref (source.current);
    }

  if (spec->save == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("%s holds several saves; name the one to copy."), spec->source);
      return NULL;
    }
  if (!ks_container_find_save (container, spec->save, &index, error))
    return NULL;

  return ks_copy_extract (container, index, target_is_saturn (spec), file_name, save_name, error);
}

/* A copy into a folder of .BUP files: a new file named for the save, or,
 * when the person chose to replace it, over the file of the save of the
 * same name (backed up first, like any file) */
static gboolean
run_copy_to_folder (Spec          *spec,
                    KsJob         *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GBytes) source_bytes = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *save_name = NULL;
  const char *source_format = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  KsBupFolder *folder;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(KsContainer) check = NULL;
  g_autoptr(GPtrArray) saves = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  KsWriteReport report = { 0 };
  guint clash;
  gboolean ok;

  source_bytes = read_source_save (job, spec, cancellable, &source_name, &save_name,
                                   &source_format, error);
  if (source_bytes == NULL)
    return FALSE;

  ks_job_set_progress (job, 0, 0, _("Building and verifying the new content"));
  if (!ks_target_read (spec->target, NULL, cancellable, &reading, error))
    return FALSE;
  folder = reading->folder;
  content = ks_bup_folder_prepare (folder, source_bytes, source_name,
                                   spec->choice == KS_COPY_CHOICE_KEEP_BOTH ? spec->new_name
                                                                            : save_name,
                                   &base, &name, error);
  if (content == NULL)
    return FALSE;

  check = ks_container_new_with_format (content, base, &ks_bup_format, error);
  if (check == NULL)
    return FALSE;
  ks_container_mark_modified (check);
  g_bytes_unref (content);
  content = ks_container_build_verified (check, spec->force, NULL, error);
  if (content == NULL)
    {
      g_prefix_error (error, _("Nothing was written. "));
      return FALSE;
    }

  saves = ks_bup_folder_list (folder);
  for (clash = 0; clash < saves->len; clash++)
    if (g_str_equal (((KsSaveInfo *) g_ptr_array_index (saves, clash))->name, name))
      break;

  if (clash < saves->len && spec->choice == KS_COPY_CHOICE_REPLACE)
    {
      g_auto(Target) target = { 0 };

      if (!open_target (job, spec->library, ks_bup_folder_get_file_path (folder, clash), NULL,
                        cancellable, &target, error) ||
          !back_up_current (job, spec->library, &target, error))
        return FALSE;
      return write_new (job, &target, content, cancellable, error);
    }

  if (clash < saves->len)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS,
                   _("A save named “%s” is already there (it was written after this copy "
                     "was planned), so nothing was written. Drop the save again to replace "
                     "it or keep both."), name);
      return FALSE;
    }

  /* a new file: there is nothing to back up, and it never replaces one */
  ks_job_set_progress (job, 0, g_bytes_get_size (content), _("Writing the file"));
  path = g_build_filename (spec->target, base, NULL);
  g_free (base);
  base = ks_image_file_unique_path (path);
  ok = ks_image_file_create (base, content, &report, error);
  if (ok)
    ks_job_get_result_for_worker (job)->written_path = g_steal_pointer (&base);
  return take_report (job, &report, g_bytes_get_size (content), ok);
}

static gboolean
run_backup (Spec          *spec,
            KsJob         *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(Target) target = { 0 };
  const char *format_id;
  KsBackupEntry *entry;

  if (!open_target (job, spec->library, spec->target, &spec->override, cancellable, &target,
                    error))
    return FALSE;

  format_id = target.format_id != NULL ? target.format_id : target.found_format_id;

  ks_job_set_progress (job, 0, 0, _("Storing the backup"));
  entry = ks_library_add (spec->library, target.current, target.path, target.title, format_id,
                          KS_BACKUP_REASON_MANUAL, error);
  if (entry == NULL)
    return FALSE;

  ks_job_take_backup (job, entry);
  ks_job_take_content (job, g_steal_pointer (&target.current));
  return TRUE;
}

/* save-chips.md §3.5, §4.3: a clock that cannot be set from @content
 * refuses the write before anything is written */
static gboolean
check_clock (Spec         *spec,
             Target       *target,
             GBytes       *content,
             GError      **error)
{
  if (spec->clock == KS_CLOCK_KEEP)
    return TRUE;
  if (target->reader == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                   _("%s is a file; only a cart has a clock to set."), spec->target);
      return FALSE;
    }
  return ks_cart_clock_check (&target->info, spec->clock, content, error);
}

static gboolean
run_write (Spec          *spec,
           KsJob         *job,
           GCancellable  *cancellable,
           GError       **error)
{
  g_auto(Target) target = { 0 };
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) source_bytes = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *save_name = NULL;
  const char *source_format = NULL;

  if (spec->op == OP_COPY)
    {
      source_bytes = read_source_save (job, spec, cancellable, &source_name, &save_name,
                                       &source_format, error);
      if (source_bytes == NULL)
        return FALSE;
    }

  if (!open_target (job, spec->library, spec->target, &spec->override, cancellable, &target,
                    error) ||
      !back_up_current (job, spec->library, &target, error))
    return FALSE;

  ks_job_set_progress (job, 0, 0, _("Building and verifying the new content"));
  switch (spec->op)
    {
    case OP_ERASE:
      {
        gsize size = g_bytes_get_size (target.current);
        guint8 *blank = g_malloc (size);

        if (target.reader == NULL)
          {
            g_free (blank);
            g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                         _("%s is a file; Keepsake erases carts, not files."), spec->target);
            return FALSE;
          }
        memset (blank, 0xFF, size);
        content = g_bytes_new_take (blank, size);
      }
      break;

    case OP_RESTORE:
      {
        g_autoptr(KsContainer) container = NULL;

        if (!check_clock (spec, &target, spec->content, error))
          break;

        container = open_container (&target, spec->content, spec->format_id, error);
        if (container == NULL || (!spec->force && !check_replacement (&target, container, error)))
          break;
        ks_container_mark_modified (container);
        content = build_verified (container, &target, spec->force, error);
      }
      break;

    case OP_EDIT:
    case OP_COPY:
      {
        g_autoptr(KsContainer) container = open_container (&target, target.current,
                                                           spec->format_id, error);

        if (container == NULL)
          return FALSE;

        if (spec->op == OP_EDIT)
          {
            if (!spec->edit (container, spec->edit_data, error))
              return FALSE;
          }
        else if (ks_container_has_saves (container))
          {
            if (spec->clock != KS_CLOCK_KEEP)
              {
                g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                             _("%s holds saves side by side, not a cart's one save, so there "
                               "is no clock to set."), spec->target);
                break;
              }
            if (!ks_copy_insert (container, source_bytes, source_name, save_name, spec->choice,
                                 spec->new_name, error))
              return FALSE;
          }
        else
          {
            /* a single-save target takes the save whole, checked in its format */
            g_clear_pointer (&container, ks_container_unref);
            /* the card's own restore, whatever the sizes: mega-memory-card.md §3, §5 */
            if (g_strcmp0 (source_format, "mmc") == 0 && target.has_info &&
                target.info.kind == KS_CART_GB_ON_MMC)
              {
                GBytes *fitted = ks_mmc_top_cart_fit_save (source_bytes, target.current);

                g_bytes_unref (source_bytes);
                source_bytes = fitted;
              }
            if (!check_clock (spec, &target, source_bytes, error))
              break;
            container = open_container (&target, source_bytes, spec->format_id, error);
            if (container == NULL)
              return FALSE;
            ks_container_mark_modified (container);
          }
        content = build_verified (container, &target, spec->force, error);
      }
      break;

    case OP_BACKUP:
    default:
      g_assert_not_reached ();
    }

  if (content == NULL)
    {
      g_prefix_error (error, _("Nothing was written. "));
      return FALSE;
    }

  if (!write_new (job, &target, content, cancellable, error))
    return FALSE;

  /* the save is in place and read back; only then the clock */
  if (spec->clock != KS_CLOCK_KEEP)
    {
      KsWriteResult *result = ks_job_get_result_for_worker (job);

      ks_job_set_progress (job, 0, 0, _("Setting the cart's clock"));
      if (!ks_cart_clock_set (target.reader, &target.info, spec->clock,
                              spec->op == OP_RESTORE ? spec->content : source_bytes,
                              &result->clock_set_to, error))
        {
          g_prefix_error (error, "%s: ", target.path);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reads the target as a backup would (a cart checked by the reader's CRC,
 * or read twice unless the library keeps the first read's content) or
 * loads a library backup (checked against its SHA-256), then verifies it
 * with its format; writes nothing. */
static gboolean
run_verify (Spec          *spec,
            KsJob         *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_auto(Target) target = { 0 };
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(KsBackupEntry) entry = NULL;

  if (spec->backup_id != NULL)
    {
      ks_job_set_progress (job, 0, 0, _("Reading the backup"));
      entry = ks_library_lookup (spec->library, spec->backup_id, error);
      if (entry == NULL || (target.current = ks_library_load (spec->library, entry, error)) == NULL)
        return FALSE;
      target.file_name = g_strdup (entry->title);
      target.format_id = ks_backup_entry_format_for_content (entry, target.current);
    }
  else if (!open_target (job, spec->library, spec->target, &spec->override, cancellable, &target,
                         error))
    return FALSE;

  ks_job_set_progress (job, 0, 0, _("Checking the save"));
  container = open_container (&target, target.current, NULL, error);
  if (container == NULL)
    return FALSE;

  ks_job_take_findings (job, ks_container_verify (container));
  ks_job_take_content (job, g_steal_pointer (&target.current));
  return TRUE;
}

/* A library backup is never changed: an edit of one is checked like any
 * write (step 2) and stored as a new backup beside it. */
static gboolean
run_edit_backup (Spec          *spec,
                 KsJob         *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(KsBackupEntry) original = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  KsBackupEntry *entry;

  ks_job_set_progress (job, 0, 0, _("Reading the backup"));
  original = ks_library_lookup (spec->library, spec->backup_id, error);
  if (original == NULL || (bytes = ks_library_load (spec->library, original, error)) == NULL)
    return FALSE;
  container = ks_container_new_from_bytes (bytes, original->title,
                                           ks_backup_entry_format_for_content (original, bytes),
                                           error);
  if (container == NULL || !spec->edit (container, spec->edit_data, error))
    return FALSE;

  ks_job_set_progress (job, 0, 0, _("Building and verifying the new content"));
  content = ks_container_build_verified (container, spec->force, &findings, error);
  if (content == NULL)
    return FALSE;

  ks_job_set_progress (job, 0, 0, _("Storing the backup"));
  entry = ks_library_add (spec->library, content, original->source, original->title,
                          ks_container_get_format (container)->id, KS_BACKUP_REASON_EDITED, error);
  if (entry == NULL)
    return FALSE;

  ks_job_take_findings (job, g_steal_pointer (&findings));
  ks_job_take_content (job, g_steal_pointer (&content));
  ks_job_take_backup (job, entry);
  return TRUE;
}

static gboolean
run_spec (KsJob         *job,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Spec *spec = data;

  if (spec->op == OP_BACKUP)
    return run_backup (spec, job, cancellable, error);
  if (spec->op == OP_VERIFY)
    return run_verify (spec, job, cancellable, error);
  if (spec->op == OP_EDIT_BACKUP)
    return run_edit_backup (spec, job, cancellable, error);
  if (spec->op == OP_COPY && ks_target_kind_of (spec->target) == KS_TARGET_FOLDER)
    return run_copy_to_folder (spec, job, cancellable, error);
  return run_write (spec, job, cancellable, error);
}

static Spec *
spec_new (Op                    op,
          KsLibrary            *library,
          const char           *target,
          const KsCartOverride *override)
{
  Spec *spec = g_new0 (Spec, 1);

  spec->op = op;
  spec->library = g_object_ref (library);
  spec->target = g_strdup (target);
  if (override != NULL)
    spec->override = *override;
  else
    ks_cart_override_init (&spec->override);
  ks_cart_override_init (&spec->source_override);
  return spec;
}

/* A job on a library backup runs on the library's worker: its own key,
 * never a device's */
static Spec *
backup_spec_new (Op                   op,
                 KsLibrary           *library,
                 const KsBackupEntry *entry)
{
  Spec *spec = spec_new (op, library, ks_library_get_path (library), NULL);

  spec->backup_id = g_strdup (entry->id);
  return spec;
}

static KsJob *
job_new (KsJobKind   kind,
         char       *title,
         Spec       *spec)
{
  KsJob *job = ks_job_new (kind, title, spec->target, run_spec, spec, (GDestroyNotify) spec_free);

  g_free (title);
  return job;
}

KsJob *
ks_job_backup_new (KsLibrary            *library,
                   const char           *target,
                   const KsCartOverride *override)
{
  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return job_new (KS_JOB_KIND_BACKUP, g_strdup_printf (_("Back up %s"), target),
                  spec_new (OP_BACKUP, library, target, override));
}

KsJob *
ks_job_restore_new (KsLibrary            *library,
                    const char           *target,
                    const KsCartOverride *override,
                    GBytes               *content,
                    const char           *format_id,
                    gboolean              force)
{
  return ks_job_restore_new_full (library, target, override, content, format_id, force,
                                  KS_CLOCK_KEEP);
}

KsJob *
ks_job_restore_new_full (KsLibrary            *library,
                         const char           *target,
                         const KsCartOverride *override,
                         GBytes               *content,
                         const char           *format_id,
                         gboolean              force,
                         KsClockChoice         clock)
{
  Spec *spec;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (content != NULL, NULL);

  spec = spec_new (OP_RESTORE, library, target, override);
  spec->content = g_bytes_ref (content);
  spec->format_id = g_strdup (format_id);
  spec->force = force;
  spec->clock = clock;
  return job_new (KS_JOB_KIND_RESTORE, g_strdup_printf (_("Restore %s"), target), spec);
}

KsJob *
ks_job_erase_new (KsLibrary            *library,
                  const char           *target,
                  const KsCartOverride *override)
{
  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return job_new (KS_JOB_KIND_ERASE, g_strdup_printf (_("Erase %s"), target),
                  spec_new (OP_ERASE, library, target, override));
}

KsJob *
ks_job_write_save_new (KsLibrary            *library,
                       const char           *target,
                       const KsCartOverride *override,
                       const char           *format_id,
                       gboolean              force,
                       KsJobEdit             edit,
                       gpointer              user_data,
                       GDestroyNotify        user_data_free)
{
  Spec *spec;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  spec = spec_new (OP_EDIT, library, target, override);
  spec->format_id = g_strdup (format_id);
  spec->force = force;
  spec->edit = edit;
  spec->edit_data = user_data;
  spec->edit_free = user_data_free;
  return job_new (KS_JOB_KIND_WRITE_SAVE, g_strdup_printf (_("Write %s"), target), spec);
}

KsJob *
ks_job_copy_new (KsLibrary            *library,
                 const char           *source,
                 const KsCartOverride *source_override,
                 const char           *save,
                 const char           *target,
                 const KsCartOverride *target_override,
                 KsCopyChoice          choice,
                 const char           *new_name,
                 gboolean              force)
{
  return ks_job_copy_new_full (library, source, source_override, save, target, target_override,
                               choice, new_name, force, KS_CLOCK_KEEP);
}

KsJob *
ks_job_copy_new_full (KsLibrary            *library,
                      const char           *source,
                      const KsCartOverride *source_override,
                      const char           *save,
                      const char           *target,
                      const KsCartOverride *target_override,
                      KsCopyChoice          choice,
                      const char           *new_name,
                      gboolean              force,
                      KsClockChoice         clock)
{
  Spec *spec;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (choice != KS_COPY_CHOICE_KEEP_BOTH || new_name != NULL, NULL);

  spec = spec_new (OP_COPY, library, target, target_override);
  spec->source = g_strdup (source);
  if (source_override != NULL)
    spec->source_override = *source_override;
  spec->save = g_strdup (save);
  spec->choice = choice;
  spec->new_name = g_strdup (new_name);
  spec->force = force;
  spec->clock = clock;
  return job_new (KS_JOB_KIND_COPY, g_strdup_printf (_("Copy a save to %s"), target), spec);
}

KsJob *
ks_job_verify_new (KsLibrary            *library,
                   const char           *target,
                   const KsCartOverride *override)
{
  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return job_new (KS_JOB_KIND_VERIFY, g_strdup_printf (_("Verify %s"), target),
                  spec_new (OP_VERIFY, library, target, override));
}

KsJob *
ks_job_verify_backup_new (KsLibrary           *library,
                          const KsBackupEntry *entry)
{
  Spec *spec;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  spec = backup_spec_new (OP_VERIFY, library, entry);
  return job_new (KS_JOB_KIND_VERIFY, g_strdup_printf (_("Verify backup %s"), entry->id), spec);
}

KsJob *
ks_job_edit_backup_new (KsLibrary           *library,
                        const KsBackupEntry *entry,
                        KsJobEdit            edit,
                        gpointer             user_data,
                        GDestroyNotify       user_data_free)
{
  Spec *spec;

  g_return_val_if_fail (KS_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (edit != NULL, NULL);

  spec = backup_spec_new (OP_EDIT_BACKUP, library, entry);
  spec->edit = edit;
  spec->edit_data = user_data;
  spec->edit_free = user_data_free;
  return job_new (KS_JOB_KIND_EDIT_BACKUP, g_strdup_printf (_("Edit backup %s"), entry->id), spec);
}
