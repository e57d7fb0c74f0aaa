/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-library.c — content stored once by SHA-256, an index in a GKeyFile
 *
 * The index is read afresh for every operation and written through the
 * file write path (ks_image_file_replace_full(): temp + fsync + rename +
 * read back), so a crash leaves the old index or the new one, and a second
 * Keepsake process sees what the first one stored.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ks-container.h"
#include "ks-image-file.h"
#include "ks-library.h"

#define INDEX_NAME   "index.ini"
/* held (flock) while the index is read, changed and written: a second
 * Keepsake process (the CLI beside the window) waits its turn */
#define LOCK_NAME    "lock"
#define OBJECTS_NAME "objects"

struct _KsLibrary
{
  GObject  parent_instance;
  char    *path;
  GMutex   lock;
};

G_DEFINE_TYPE (KsLibrary, ks_library, G_TYPE_OBJECT)
G_DEFINE_QUARK (ks-library-error-quark, ks_library_error)

static void
ks_library_finalize (GObject *object)
{
  KsLibrary *self = KS_LIBRARY (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ks_library_parent_class)->finalize (object);
}

static void
ks_library_class_init (KsLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ks_library_finalize;
}

static void
ks_library_init (KsLibrary *self)
{
  g_mutex_init (&self->lock);
}

char *
ks_library_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "keepsake", "backups", NULL);
}

/* The "backup-folder" setting, or NULL: keepsake-cli runs where the app's
 * schema may not be installed, and GSettings aborts on a missing schema */
static char *
setting_path (GSettings *settings)
{
  g_autoptr(GSettings) own = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;
  char *path;

  if (settings == NULL)
    {
      source = g_settings_schema_source_get_default ();
      if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL ||
          !g_settings_schema_has_key (schema, "backup-folder"))
        return NULL;
      settings = own = g_settings_new_full (schema, NULL, NULL);
    }

  path = g_settings_get_string (settings, "backup-folder");
  if (*path == '\0')
    g_clear_pointer (&path, g_free);
  return path;
}

char *
ks_library_find_path (GSettings *settings)
{
  const char *env = g_getenv ("KEEPSAKE_LIBRARY_DIR");
  char *path = setting_path (settings);

  if (path != NULL)
    return path;
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return ks_library_default_path ();
}

KsLibrary *
ks_library_new (const char *path)
{
  KsLibrary *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KS_TYPE_LIBRARY, NULL);
  self->path = g_strdup (path);
  return self;
}

const char *
ks_library_get_path (KsLibrary *self)
{
  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  return self->path;
}

const char *
ks_backup_reason_to_string (KsBackupReason reason)
{
  switch (reason)
    {
    case KS_BACKUP_REASON_BEFORE_WRITE:
      return "before-write";
    case KS_BACKUP_REASON_EDITED:
      return "edited";
    case KS_BACKUP_REASON_MANUAL:
    default:
      return "manual";
    }
}

const char *
ks_backup_reason_describe (KsBackupReason reason)
{
  switch (reason)
    {
    case KS_BACKUP_REASON_BEFORE_WRITE:
      return _("Kept before a write");
    case KS_BACKUP_REASON_EDITED:
      return _("Edited copy of a backup");
    case KS_BACKUP_REASON_MANUAL:
    default:
      return _("Backed up by hand");
    }
}

void
ks_backup_entry_free (KsBackupEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry->source);
  g_free (entry->title);
  g_free (entry->format_id);
  g_free (entry->sha256);
  g_free (entry);
}

char *
ks_backup_entry_dup_when (const KsBackupEntry *entry)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  local = g_date_time_to_local (entry->time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

KsBackupEntry *
ks_backup_entry_copy (const KsBackupEntry *entry)
{
  KsBackupEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_new0 (KsBackupEntry, 1);
  copy->id = g_strdup (entry->id);
  copy->time = g_date_time_ref (entry->time);
  copy->source = g_strdup (entry->source);
  copy->title = g_strdup (entry->title);
  copy->format_id = g_strdup (entry->format_id);
  copy->size = entry->size;
  copy->sha256 = g_strdup (entry->sha256);
  copy->reason = entry->reason;
  return copy;
}

char *
ks_backup_entry_format_time (const KsBackupEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return g_date_time_format (entry->time, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
index_path (KsLibrary *self)
{
  return g_build_filename (self->path, INDEX_NAME, NULL);
}

static char *
object_path (KsLibrary  *self,
             const char *sha256)
{
  g_autofree char *prefix = g_strndup (sha256, 2);
  g_autofree char *name = g_strconcat (sha256, ".bin", NULL);

  return g_build_filename (self->path, OBJECTS_NAME, prefix, name, NULL);
}

/* Under self->lock: the folder exists and this process holds its lock
 * file; returns the fd to give to unlock_folder(), or -1 with @error. */
static int
lock_folder (KsLibrary  *self,
             GError    **error)
{
  g_autofree char *path = g_build_filename (self->path, LOCK_NAME, NULL);
  int fd;

  if (g_mkdir_with_parents (self->path, 0700) != 0 ||
      (fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not use the backup folder %s: %s"), display,
                   g_strerror (saved_errno));
      return -1;
    }

  while (flock (fd, LOCK_EX) != 0 && errno == EINTR)
    ;
  return fd;
}

static void
unlock_folder (int fd)
{
  if (fd >= 0)
    {
      flock (fd, LOCK_UN);
      close (fd);
    }
}

static GKeyFile *
load_index (KsLibrary  *self,
            GError    **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = index_path (self);
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_INDEX,
                   _("The backup index %s cannot be read (%s). The backups themselves are the "
                     "files under %s/objects."), display, local_error->message, self->path);
      return NULL;
    }

  return g_steal_pointer (&keys);
}

static gboolean
store_file (const char  *path,
            GBytes      *content,
            GError     **error)
{
  KsWriteReport report = { 0 };
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    ok = ks_image_file_replace_full (path, content, KS_IMAGE_FILE_NO_BAK, &report, error);
  else
    ok = ks_image_file_create (path, content, &report, error);

  ks_write_report_clear (&report);
  return ok;
}

static gboolean
save_index (KsLibrary  *self,
            GKeyFile   *keys,
            GError    **error)
{
  g_autofree char *path = index_path (self);
  gsize length;
  char *data = g_key_file_to_data (keys, &length, NULL);
  g_autoptr(GBytes) content = g_bytes_new_take (data, length);

  return store_file (path, content, error);
}

static KsBackupEntry *
entry_from_group (GKeyFile   *keys,
                  const char *group)
{
  g_autoptr(KsBackupEntry) entry = g_new0 (KsBackupEntry, 1);
  g_autofree char *time = g_key_file_get_string (keys, group, "time", NULL);
  g_autofree char *reason = g_key_file_get_string (keys, group, "reason", NULL);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  entry->id = g_strdup (group);
  entry->time = time != NULL ? g_date_time_new_from_iso8601 (time, utc) : NULL;
  entry->source = g_key_file_get_string (keys, group, "source", NULL);
  entry->title = g_key_file_get_string (keys, group, "title", NULL);
  entry->format_id = g_key_file_get_string (keys, group, "format", NULL);
  entry->size = g_key_file_get_uint64 (keys, group, "size", NULL);
  entry->sha256 = g_key_file_get_string (keys, group, "sha256", NULL);
  entry->reason = g_strcmp0 (reason, "before-write") == 0 ? KS_BACKUP_REASON_BEFORE_WRITE
                : g_strcmp0 (reason, "edited") == 0 ? KS_BACKUP_REASON_EDITED
                : KS_BACKUP_REASON_MANUAL;

  /* a group someone damaged by hand is skipped, not trusted */
  if (entry->time == NULL || entry->sha256 == NULL || strlen (entry->sha256) != 64)
    return NULL;
  if (entry->source == NULL)
    entry->source = g_strdup ("");
  if (entry->title == NULL)
    entry->title = g_strdup ("");
  if (entry->format_id == NULL)
    entry->format_id = g_strdup ("");

  return g_steal_pointer (&entry);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  const KsBackupEntry *x = *(KsBackupEntry * const *) a;
  const KsBackupEntry *y = *(KsBackupEntry * const *) b;
  gint by_time = g_date_time_compare (y->time, x->time);

  return by_time != 0 ? by_time : g_strcmp0 (y->id, x->id);
}

static GPtrArray *
list_locked (KsLibrary   *self,
             const char  *source,
             const char  *title,
             GError     **error)
{
  g_autoptr(GKeyFile) keys = load_index (self, error);
  g_auto(GStrv) groups = NULL;
  GPtrArray *entries;

  if (keys == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_backup_entry_free);
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      KsBackupEntry *entry = entry_from_group (keys, groups[i]);

      if (entry == NULL)
        continue;
      if ((source != NULL && g_strcmp0 (entry->source, source) != 0) ||
          (title != NULL && g_strcmp0 (entry->title, title) != 0))
        {
          ks_backup_entry_free (entry);
          continue;
        }
      g_ptr_array_add (entries, entry);
    }

  g_ptr_array_sort (entries, newest_first);
  return entries;
}

GPtrArray *
ks_library_list (KsLibrary   *self,
                 const char  *source,
                 const char  *title,
                 GError     **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);

  g_mutex_lock (&self->lock);
  entries = list_locked (self, source, title, error);
  g_mutex_unlock (&self->lock);
  return entries;
}

static char *
new_id (GKeyFile   *keys,
        GDateTime  *now,
        const char *sha256)
{
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  char *id = g_strdup_printf ("%s.%06dZ-%.8s", stamp, g_date_time_get_microsecond (now), sha256);

  /* two backups in the same microsecond: the clock is coarse somewhere */
  for (guint n = 2; g_key_file_has_group (keys, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s.%06dZ-%.8s-%u", stamp, g_date_time_get_microsecond (now),
                            sha256, n);
    }

  return id;
}

static gboolean
store_object (KsLibrary   *self,
              GBytes      *content,
              const char  *sha256,
              GError     **error)
{
  g_autofree char *path = object_path (self, sha256);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) stored = ks_image_file_load (path, NULL);

      /* stored once: a second copy of the same bytes costs nothing */
      if (stored != NULL && g_bytes_equal (stored, content))
        return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the backup folder %s: %s"), display,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return store_file (path, content, error);
}

KsBackupEntry *
ks_library_add (KsLibrary       *self,
                GBytes          *content,
                const char      *source,
                const char      *title,
                const char      *format_id,
                KsBackupReason   reason,
                GError         **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = NULL;
  g_autofree char *time = NULL;
  KsBackupEntry *entry = NULL;
  int lock_fd = -1;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  sha256 = ks_sha256_hex (content);

  g_mutex_lock (&self->lock);

  if (reason == KS_BACKUP_REASON_BEFORE_WRITE)
    {
      g_autoptr(GPtrArray) same = list_locked (self, source, NULL, error);

      if (same == NULL)
        goto out;
      for (guint i = 0; i < same->len; i++)
        {
          KsBackupEntry *existing = g_ptr_array_index (same, i);
          g_autofree char *path = object_path (self, existing->sha256);

          if (g_str_equal (existing->sha256, sha256) && g_file_test (path, G_FILE_TEST_EXISTS))
            {
              entry = ks_backup_entry_copy (existing);
              goto out;
            }
        }
    }

  lock_fd = lock_folder (self, error);
  if (lock_fd < 0)
    goto out;

  keys = load_index (self, error);
  if (keys == NULL || !store_object (self, content, sha256, error))
    goto out;

  now = g_date_time_new_now_utc ();
  id = new_id (keys, now, sha256);
  time = g_date_time_format_iso8601 (now);
  g_key_file_set_string (keys, id, "time", time);
  g_key_file_set_string (keys, id, "source", source);
  g_key_file_set_string (keys, id, "title", title != NULL ? title : "");
  g_key_file_set_string (keys, id, "format", format_id != NULL ? format_id : "");
  g_key_file_set_uint64 (keys, id, "size", g_bytes_get_size (content));
  g_key_file_set_string (keys, id, "sha256", sha256);
  g_key_file_set_string (keys, id, "reason", ks_backup_reason_to_string (reason));

  if (save_index (self, keys, error))
    entry = entry_from_group (keys, id);

out:
  unlock_folder (lock_fd);
  g_mutex_unlock (&self->lock);
  return entry;
}

KsBackupEntry *
ks_library_lookup (KsLibrary   *self,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  KsBackupEntry *found = NULL;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  entries = ks_library_list (self, NULL, NULL, error);
  if (entries == NULL)
    return NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      KsBackupEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->id, id))
        return ks_backup_entry_copy (entry);
      if (*id == '\0' || !g_str_has_prefix (entry->id, id))
        continue;
      if (found != NULL)
        {
          g_set_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_AMBIGUOUS,
                       _("More than one backup starts with “%s”; give more of the id."), id);
          return NULL;
        }
      found = entry;
    }

  if (found == NULL)
    {
      g_set_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_NOT_FOUND,
                   _("No backup has the id “%s”. “keepsake-cli backups list” shows them."), id);
      return NULL;
    }

  return ks_backup_entry_copy (found);
}

gboolean
ks_library_has_content (KsLibrary  *self,
                        const char *sha256)
{
  g_autoptr(GPtrArray) entries = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (KS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  g_mutex_lock (&self->lock);
  entries = list_locked (self, NULL, NULL, NULL);
  for (guint i = 0; entries != NULL && i < entries->len && !found; i++)
    {
      KsBackupEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *path = NULL;

      if (!g_str_equal (entry->sha256, sha256))
        continue;
      path = object_path (self, entry->sha256);
      found = g_file_test (path, G_FILE_TEST_EXISTS);
    }
  g_mutex_unlock (&self->lock);

  return found;
}

KsBackupEntry *
ks_library_latest (KsLibrary   *self,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  entries = ks_library_list (self, source, NULL, error);
  if (entries == NULL || entries->len == 0)
    return NULL;

  return ks_backup_entry_copy (g_ptr_array_index (entries, 0));
}

GBytes *
ks_library_load (KsLibrary            *self,
                 const KsBackupEntry  *entry,
                 GError              **error)
{
  g_autofree char *path = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (KS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  path = object_path (self, entry->sha256);
  bytes = ks_image_file_load (path, error);
  if (bytes == NULL)
    return NULL;

  sha256 = ks_sha256_hex (bytes);
  if (!g_str_equal (sha256, entry->sha256))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, KS_LIBRARY_ERROR, KS_LIBRARY_ERROR_DAMAGED,
                   _("The backup %s is damaged: %s no longer has the SHA-256 it was stored "
                     "with. Use an older backup of the same save."), entry->id, display);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

gint
ks_library_prune (KsLibrary  *self,
                  GTimeSpan   max_age,
                  guint       keep,
                  GError    **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) kept_objects = NULL;
  g_autoptr(GPtrArray) removed_objects = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint removed = 0;
  int lock_fd;

  g_return_val_if_fail (KS_IS_LIBRARY (self), -1);

  g_mutex_lock (&self->lock);

  lock_fd = lock_folder (self, error);
  keys = lock_fd >= 0 ? load_index (self, error) : NULL;
  entries = keys != NULL ? list_locked (self, NULL, NULL, error) : NULL;
  if (entries == NULL)
    {
      removed = -1;
      goto out;
    }

  /* (source, title) → how many newer backups were kept */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kept_objects = g_hash_table_new (g_str_hash, g_str_equal);
  removed_objects = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      KsBackupEntry *entry = g_ptr_array_index (entries, i);
      char *key = g_strconcat (entry->source, "\n", entry->title, NULL);
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));
      gboolean too_old = max_age > 0 && g_date_time_difference (now, entry->time) > max_age;
      gboolean too_many = keep > 0 && rank >= keep;

      g_hash_table_replace (seen, key, GUINT_TO_POINTER (rank + 1));

      /* the newest copy of a save is never pruned */
      if (rank > 0 && (too_old || too_many))
        {
          g_key_file_remove_group (keys, entry->id, NULL);
          g_ptr_array_add (removed_objects, entry->sha256);
          removed++;
        }
      else
        g_hash_table_add (kept_objects, entry->sha256);
    }

  if (removed > 0 && !save_index (self, keys, error))
    {
      removed = -1;
      goto out;
    }

  /* an object goes only when no remaining backup points at it */
  for (guint i = 0; i < removed_objects->len; i++)
    {
      const char *sha256 = g_ptr_array_index (removed_objects, i);

      if (!g_hash_table_contains (kept_objects, sha256))
        {
          g_autofree char *path = object_path (self, sha256);

          g_unlink (path);
        }
    }

out:
  unlock_folder (lock_fd);
  g_mutex_unlock (&self->lock);
  return removed;
}
