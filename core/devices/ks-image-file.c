/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-image-file.c — bounded reads; temp + fsync + rename + read-back writes */

#include "config.h"

#include <inttypes.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ks-image-file.h"

G_DEFINE_QUARK (ks-image-file-error-quark, ks_image_file_error)

/* What was being done to a file when a system call failed: each has its own
 * whole message, so translators never see a verb glued into a sentence. */
typedef enum
{
  FILE_STEP_OPEN,
  FILE_STEP_CREATE_TEMPORARY,
  FILE_STEP_WRITE,
  FILE_STEP_RENAME,
} FileStep;

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 FileStep     step,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  GFileError code = g_file_error_from_errno (saved_errno);
  const char *reason = g_strerror (saved_errno);

  switch (step)
    {
    case FILE_STEP_OPEN:
      /* Translators: “Could not open /x/y.sav: Permission denied”; the
       * last %s is the system's reason, here and below */
      g_set_error (error, G_FILE_ERROR, code, _("Could not open %s: %s"), display, reason);
      break;
    case FILE_STEP_CREATE_TEMPORARY:
      /* Translators: the first %s is a folder */
      g_set_error (error, G_FILE_ERROR, code, _("Could not create a temporary file in %s: %s"),
                   display, reason);
      break;
    case FILE_STEP_WRITE:
      g_set_error (error, G_FILE_ERROR, code, _("Could not write %s: %s"), display, reason);
      break;
    case FILE_STEP_RENAME:
    default:
      /* Translators: the new content was written to a temporary file in the
       * same folder; renaming it to the file's name failed */
      g_set_error (error, G_FILE_ERROR, code, _("Could not rename the temporary file to %s: %s"),
                   display, reason);
      break;
    }

  return FALSE;
}

GBytes *
ks_image_file_load (const char  *path,
                    GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, errno, FILE_STEP_OPEN, path);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_NOT_REGULAR,
                   _("%s is not a regular file."), display);
      return NULL;
    }

  if ((guint64) st.st_size > KS_IMAGE_FILE_MAX_SIZE)
    {
      g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_TOO_LARGE,
                   _("%s is %" PRIu64 " bytes; no save image Keepsake knows is "
                     "larger than %u MiB."),
                   display, (guint64) st.st_size, KS_IMAGE_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* "x.sav" → "x.sav" if free, else "x-1.sav", "x-2.sav", …  Never overwrites. */
char *
ks_image_file_unique_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  const char *dot;
  g_autofree char *stem = NULL;
  const char *ext;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_strdup (path);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  stem = dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  ext = dot != NULL && dot != base ? dot : "";

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u%s", stem, n, ext);
      g_autofree char *candidate = g_build_filename (dir, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      size -= n;
    }

  return TRUE;
}

static void
fsync_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Write @content to a new file in @path's folder, sync it, and rename it
 * over @path: a crash leaves either the old file or the new one. */
static gboolean
write_atomically (const char  *path,
                  GBytes      *content,
                  mode_t       mode,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  gsize size;
  const guint8 *data = g_bytes_get_data (content, &size);
  int fd;

  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0)
    return set_errno_error (error, errno, FILE_STEP_CREATE_TEMPORARY, dir);

  if (!write_all (fd, data, size) || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmpl);
      return set_errno_error (error, saved_errno, FILE_STEP_WRITE, path);
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmpl);
      return set_errno_error (error, saved_errno, FILE_STEP_WRITE, path);
    }

  if (g_rename (tmpl, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmpl);
      return set_errno_error (error, saved_errno, FILE_STEP_RENAME, path);
    }

  fsync_directory (path);
  return TRUE;
}

static gboolean
read_back (const char  *path,
           GBytes      *expected,
           const char  *backup_path,
           GError     **error)
{
  g_autoptr(GBytes) actual = NULL;
  gsize expected_size, actual_size, n;
  const guint8 *e, *a;

  actual = ks_image_file_load (path, error);
  if (actual == NULL)
    return FALSE;

  e = g_bytes_get_data (expected, &expected_size);
  a = g_bytes_get_data (actual, &actual_size);
  n = MIN (expected_size, actual_size);

  for (gsize i = 0; i <= n; i++)
    {
      if (i == n && expected_size == actual_size)
        return TRUE;

      if (i == n || e[i] != a[i])
        {
          g_autofree char *display = g_filename_display_name (path);

          if (backup_path != NULL)
            {
              g_autofree char *backup_display = g_filename_display_name (backup_path);

              g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_READBACK,
                           _("Reading %s back differs from what was written, first at offset "
                             "0x%zX. The previous content is kept in %s."),
                           display, i, backup_display);
            }
          else
            g_set_error (error, KS_IMAGE_FILE_ERROR, KS_IMAGE_FILE_ERROR_READBACK,
                         _("Reading %s back differs from what was written, first at offset "
                           "0x%zX."),
                         display, i);
          return FALSE;
        }
    }

  g_assert_not_reached ();
}

/* Keep the previous content beside the file as NAME.bak (NAME-1.bak, … when
 * an older backup with other content is already there). */
static char *
keep_previous (const char  *path,
               GBytes      *previous,
               mode_t       mode,
               GError     **error)
{
  g_autofree char *bak = g_strconcat (path, ".bak", NULL);
  g_autofree char *target = NULL;

  if (g_file_test (bak, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) existing = ks_image_file_load (bak, NULL);

      if (existing != NULL && g_bytes_equal (existing, previous))
        return g_steal_pointer (&bak);
    }

  target = ks_image_file_unique_path (bak);
  if (!write_atomically (target, previous, mode, error) ||
      !read_back (target, previous, NULL, error))
    return NULL;

  return g_steal_pointer (&target);
}

gboolean
ks_image_file_replace (const char     *path,
                       GBytes         *content,
                       KsWriteReport  *report,
                       GError        **error)
{
  return ks_image_file_replace_full (path, content, KS_IMAGE_FILE_DEFAULT, report, error);
}

gboolean
ks_image_file_replace_full (const char       *path,
                            GBytes           *content,
                            KsImageFileFlags  flags,
                            KsWriteReport    *report,
                            GError          **error)
{
  g_autoptr(GBytes) previous = NULL;
  g_autofree char *backup_path = NULL;
  gint64 start = g_get_monotonic_time ();
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return set_errno_error (error, errno, FILE_STEP_OPEN, path);

  previous = ks_image_file_load (path, error);
  if (previous == NULL)
    return FALSE;

  if ((flags & KS_IMAGE_FILE_NO_BAK) == 0)
    {
      backup_path = keep_previous (path, previous, st.st_mode & 0777, error);
      if (backup_path == NULL)
        return FALSE;
    }

  if (!g_bytes_equal (previous, content))
    {
      if (!write_atomically (path, content, st.st_mode & 0777, error))
        return FALSE;
      if (report != NULL)
        report->bytes_written = g_bytes_get_size (content);
    }

  if (!read_back (path, content, backup_path, error))
    return FALSE;

  if (report != NULL)
    {
      report->backup_path = g_steal_pointer (&backup_path);
      report->verified = TRUE;
      report->elapsed_usec = g_get_monotonic_time () - start;
    }

  return TRUE;
}

/* A new file (an export): refuses to overwrite anything. */
gboolean
ks_image_file_create (const char     *path,
                      GBytes         *content,
                      KsWriteReport  *report,
                      GError        **error)
{
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s already exists; Keepsake does not overwrite files it did not open."),
                   display);
      return FALSE;
    }

  if (!write_atomically (path, content, 0644, error) ||
      !read_back (path, content, NULL, error))
    return FALSE;

  if (report != NULL)
    {
      report->bytes_written = g_bytes_get_size (content);
      report->verified = TRUE;
      report->elapsed_usec = g_get_monotonic_time () - start;
    }

  return TRUE;
}

void
ks_write_report_clear (KsWriteReport *report)
{
  g_clear_pointer (&report->backup_path, g_free);
  memset (report, 0, sizeof *report);
}
