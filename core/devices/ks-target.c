/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-target.c — one read for files, folders and ports, on the caller's thread */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ks-format.h"
#include "ks-image-file.h"
#include "ks-saturn-bup.h"
#include "ks-target.h"

G_DEFINE_QUARK (ks-target-error-quark, ks_target_error)

KsTargetKind
ks_target_kind_of (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, KS_TARGET_FILE);

  if (g_stat (path, &st) == 0)
    {
      if (S_ISCHR (st.st_mode))
        return KS_TARGET_PORT;
      if (S_ISDIR (st.st_mode))
        return KS_TARGET_FOLDER;
      return KS_TARGET_FILE;
    }

  /* a reader unplugged since: its port is still a port, and opening it
   * says why it cannot be read */
  return g_str_has_prefix (path, "/dev/tty") ? KS_TARGET_PORT : KS_TARGET_FILE;
}

gboolean
ks_target_is_port (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return ks_target_kind_of (path) == KS_TARGET_PORT;
}

static void
say_phase (const KsTargetReadOptions *options,
           const char                *phase)
{
  if (options->progress != NULL)
    options->progress (phase, 0, 0, options->progress_data);
}

static void
open_format (KsTargetReading           *reading,
             const KsTargetReadOptions *options)
{
  reading->container = ks_container_new_from_bytes (reading->bytes, reading->file_name,
                                                    options->format_id,
                                                    &reading->format_error);
}

/* The saves a list shows: a single-save image is one save, the whole of
 * it, as the window's row and keepsake-cli list show it */
static void
list_saves (KsTargetReading *reading)
{
  if (reading->folder != NULL)
    reading->saves = ks_bup_folder_list (reading->folder);
  else if (reading->container != NULL && ks_container_has_saves (reading->container))
    reading->saves = ks_container_list (reading->container, NULL);
  else if (reading->container != NULL)
    {
      reading->saves = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);
      g_ptr_array_add (reading->saves,
                       ks_save_info_new (0, reading->file_name, g_bytes_get_size (reading->bytes)));
    }
}

static void
list_and_verify (KsTargetReading           *reading,
                 const KsTargetReadOptions *options)
{
  list_saves (reading);
  if ((options->flags & KS_TARGET_READ_VERIFY) == 0)
    return;
  if (reading->container != NULL)
    reading->findings = ks_container_verify (reading->container);
  else if (reading->folder != NULL)
    reading->findings = ks_bup_folder_verify (reading->folder);
}

/* ---- files ---- */

static gboolean
read_file (KsTargetReading           *reading,
           const KsTargetReadOptions *options,
           GError                   **error)
{
  say_phase (options, _("Reading the file"));
  reading->bytes = ks_image_file_load (reading->path, error);
  if (reading->bytes == NULL)
    return FALSE;

  reading->file_name = g_path_get_basename (reading->path);
  reading->title = g_strdup (reading->file_name);
  /* no format would say it better: its size and hash are still facts */
  if (g_bytes_get_size (reading->bytes) == 0)
    g_set_error_literal (&reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                         _("The file is empty: there is no save in it."));
  else
    open_format (reading, options);
  list_and_verify (reading, options);
  return TRUE;
}

/* ---- folders of .BUP files ---- */

/* A folder holding files but not one .BUP file keeps something else than
 * Saturn saves; an empty folder is a folder of .BUP files with none yet */
static gboolean
holds_other_files_only (const char  *path,
                        GError     **error)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, error);
  const char *name;
  gboolean others = FALSE;

  if (dir == NULL)
    return TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (ks_bup_is_bup_name (name))
        return FALSE;
      others = TRUE;
    }

  if (others)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, KS_TARGET_ERROR, KS_TARGET_ERROR_NOT_A_SAVE_FOLDER,
                   _("%s is a folder without .BUP files. Keepsake opens a folder when it keeps "
                     "Saturn saves as .BUP files; open a save file or a cart reader instead."),
                   display);
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_folder (KsTargetReading           *reading,
             const KsTargetReadOptions *options,
             GError                   **error)
{
  say_phase (options, _("Reading the folder"));
  reading->file_name = g_path_get_basename (reading->path);
  reading->title = g_strdup (reading->file_name);
  if (holds_other_files_only (reading->path, error))
    return FALSE;

  reading->folder = ks_bup_folder_open (reading->path, error);
  if (reading->folder == NULL)
    return FALSE;

  list_and_verify (reading, options);
  return TRUE;
}

/* ---- ports ---- */

typedef struct
{
  const KsTargetReadOptions *options;
  const char                *phase;
} ReadProgress;

static void
read_progress (gsize    done,
               gsize    total,
               gpointer user_data)
{
  ReadProgress *progress = user_data;

  progress->options->progress (progress->phase, done, total, progress->options->progress_data);
}

/* The save as the format the cart's kind calls for, never a guess across
 * kinds (a GBA save is not a GB .sav); --format names another */
static void
open_cart_format (KsTargetReading           *reading,
                  const KsTargetReadOptions *options)
{
  const char *format_id = ks_cart_info_format_for_bytes (&reading->cart_info, reading->bytes,
                                                         reading->file_name);
  const KsFormat *format;
  gsize size;
  const guint8 *data = g_bytes_get_data (reading->bytes, &size);

  if (options->format_id != NULL)
    {
      open_format (reading, options);
      return;
    }

  if (format_id == NULL || (format = ks_format_lookup (format_id)) == NULL ||
      format->probe (data, size, reading->file_name) == 0)
    {
      g_set_error (&reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                   _("The save read from the cart (%s) is not in a format Keepsake knows."),
                   reading->cart);
      return;
    }

  reading->container = ks_container_new_with_format (reading->bytes, reading->file_name, format,
                                                     &reading->format_error);
}

static void
take_cart_info (KsTargetReading *reading,
                KsCartInfo      *info)
{
  reading->cart_info = *info;
  memset (info, 0, sizeof *info);
  reading->detected = TRUE;
  reading->cart = ks_cart_info_describe (&reading->cart_info);
  reading->file_name = ks_cart_info_suggest_name (&reading->cart_info);
  reading->title = reading->cart_info.title != NULL && reading->cart_info.title[0] != '\0'
                     ? g_strdup (reading->cart_info.title)
                     : g_strdup (reading->file_name);
}

/* The cart on top of the card, on the reader the card was read through:
 * the port is opened once, by one thread. */
static void
read_top (KsTargetReading           *reading,
          KsLkReader                *reader,
          const KsTargetReadOptions *options,
          GCancellable              *cancellable)
{
  KsCartInfo info = { 0 };
  KsTargetReading *top;

  if (!ks_cart_detect_top (reader, &info, &reading->top_error) || info.kind == KS_CART_NONE)
    {
      ks_cart_info_clear (&info);
      return;
    }

  top = g_new0 (KsTargetReading, 1);
  top->kind = KS_TARGET_PORT;
  top->path = g_strdup (reading->path);
  top->reader_name = g_strdup (reading->reader_name);
  top->rate = g_strdup (reading->rate);
  take_cart_info (top, &info);
  top->bytes = ks_reader_backup_read (reader, &top->cart_info, KS_READER_BACKUP_VERIFY,
                                      cancellable, NULL, NULL, &reading->top_error);
  if (top->bytes != NULL)
    {
      open_cart_format (top, &(KsTargetReadOptions) { 0 });
      list_and_verify (top, options);
    }

  reading->top = top;
}

static gboolean
read_port (KsTargetReading           *reading,
           const KsTargetReadOptions *options,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autoptr(KsLkReader) reader = NULL;
  g_autofree char *device = NULL;
  g_autofree char *firmware = NULL;
  g_autofree char *phase = NULL;
  KsCartInfo info = { 0 };
  KsCartOverride none;
  ReadProgress progress = { options, NULL };

  say_phase (options, _("Identifying the cart"));
  reader = ks_lk_reader_open (reading->path, error);
  if (reader == NULL)
    return FALSE;

  device = ks_lk_reader_dup_device_name (reader);
  firmware = ks_lk_reader_dup_firmware (reader);
  reading->reader_name = g_strdup_printf ("%s (%s)", device, firmware);
  reading->rate = ks_lk_reader_dup_rate (reader);

  ks_cart_override_init (&none);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !ks_cart_detect (reader, options->override != NULL ? options->override : &none, &info,
                       error))
    {
      ks_cart_info_clear (&info);
      goto fail;
    }
  take_cart_info (reading, &info);

  /* Translators: %s is the reader's link rate, "1.5 Mbaud" */
  phase = g_strdup_printf (_("Reading the cart (%s)"), reading->rate);
  progress.phase = phase;
  say_phase (options, phase);
  /* the reader's CRCs, or a second read unless the first is a save kept
   * already, confirm the bytes (cart-reader-protocol.md §1.7); no cart
   * in the slot fails here, with the reason */
  reading->bytes = ks_reader_backup_read_checked (reader, &reading->cart_info, NULL,
                                                  options->known, options->known_data,
                                                  cancellable,
                                                  options->progress != NULL ? read_progress : NULL,
                                                  &progress, error);
  if (reading->bytes == NULL)
    goto fail;

  open_cart_format (reading, options);
  list_and_verify (reading, options);

  if (reading->cart_info.kind == KS_CART_MMC && (options->flags & KS_TARGET_READ_TOP) != 0)
    read_top (reading, reader, options, cancellable);

  if ((options->flags & KS_TARGET_READ_KEEP_OPEN) != 0)
    reading->reader = g_steal_pointer (&reader);
  else
    ks_lk_reader_close (reader);
  return TRUE;

fail:
  ks_lk_reader_close (reader);
  return FALSE;
}

gboolean
ks_target_read (const char                 *path,
                const KsTargetReadOptions  *options,
                GCancellable               *cancellable,
                KsTargetReading           **out,
                GError                    **error)
{
  const KsTargetReadOptions defaults = { 0 };
  g_autoptr(GError) local_error = NULL;
  KsTargetReading *reading;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;

  reading = g_new0 (KsTargetReading, 1);
  reading->path = g_strdup (path);
  reading->kind = ks_target_kind_of (path);
  *out = reading;

  switch (reading->kind)
    {
    case KS_TARGET_PORT:
      ok = read_port (reading, options, cancellable, &local_error);
      break;
    case KS_TARGET_FOLDER:
      ok = read_folder (reading, options, &local_error);
      break;
    case KS_TARGET_FILE:
    default:
      ok = read_file (reading, options, &local_error);
      break;
    }

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

void
ks_target_reading_free (KsTargetReading *reading)
{
  if (reading == NULL)
    return;

  g_free (reading->path);
  g_free (reading->file_name);
  g_free (reading->title);
  g_clear_pointer (&reading->bytes, g_bytes_unref);
  g_clear_pointer (&reading->container, ks_container_unref);
  g_clear_error (&reading->format_error);
  g_clear_pointer (&reading->folder, ks_bup_folder_free);
  g_clear_pointer (&reading->saves, g_ptr_array_unref);
  g_clear_pointer (&reading->findings, g_ptr_array_unref);
  g_free (reading->reader_name);
  g_free (reading->rate);
  ks_cart_info_clear (&reading->cart_info);
  g_free (reading->cart);
  if (reading->reader != NULL)
    {
      ks_lk_reader_close (reading->reader);
      g_clear_object (&reading->reader);
    }
  g_clear_pointer (&reading->top, ks_target_reading_free);
  g_clear_error (&reading->top_error);
  g_free (reading);
}
