/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-bup-folder.c — a folder of .BUP files as a Saturn device
 *
 * The saves are the folder's *.BUP files (any case), in file-name order.
 * A file that is not a readable .BUP is left out of the list and named in
 * verify.  Inserting writes a new file named for the save, never over an
 * existing one; extracting copies the .BUP or gives its payload.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bup-folder.h"
#include "ks-container.h"
#include "ks-finding.h"
#include "ks-saturn-bup.h"
#include "ks-saturn-save.h"
#include "ks-saturn-text.h"

typedef struct
{
  char        *file_name;
  char        *path;
  GBytes      *bytes;
  KsBupHeader  header;
  KsContainer *container;
} Entry;

struct _KsBupFolder
{
  char      *path;
  GPtrArray *entries;    /* Entry*, readable .BUP files */
  GPtrArray *problems;   /* KsFinding*, files that could not be read */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->file_name);
  g_free (entry->path);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_clear_pointer (&entry->container, ks_container_unref);
  g_free (entry);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static Entry *
read_entry (KsBupFolder  *self,
            const char   *file_name,
            GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autofree char *path = g_build_filename (self->path, file_name, NULL);
  gsize size;
  const guint8 *data;
  Entry *entry;

  bytes = ks_image_file_load (path, error);
  if (bytes == NULL)
    return NULL;

  container = ks_container_new_with_format (bytes, file_name, &ks_bup_format, error);
  if (container == NULL)
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->file_name = g_strdup (file_name);
  entry->path = g_steal_pointer (&path);
  entry->bytes = g_steal_pointer (&bytes);
  entry->container = g_steal_pointer (&container);
  data = g_bytes_get_data (entry->bytes, &size);
  ks_bup_read_header (data, size, &entry->header, NULL);

  return entry;
}

KsBupFolder *
ks_bup_folder_open (const char  *path,
                    GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KsBupFolder *self;
  const char *name;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (ks_bup_is_bup_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  self = g_new0 (KsBupFolder, 1);
  self->path = g_strdup (path);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->problems = ks_findings_new ();

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      const char *file_name = g_ptr_array_index (names, i);
      Entry *entry = read_entry (self, file_name, &local_error);

      if (entry != NULL)
        g_ptr_array_add (self->entries, entry);
      else
        ks_findings_add (self->problems, KS_SEVERITY_WARNING, "bup-folder-unreadable",
                         _("%s is left out: %s"), file_name, local_error->message);
    }

  return self;
}

void
ks_bup_folder_free (KsBupFolder *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

const char *
ks_bup_folder_get_path (KsBupFolder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/* Block counts depend on the device a save goes to, so none are given. */
GPtrArray *
ks_bup_folder_list (KsBupFolder *self)
{
  GPtrArray *saves = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  g_return_val_if_fail (self != NULL, saves);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      g_ptr_array_add (saves, ks_saturn_save_info_new (i, &entry->header.meta, -1));
    }

  return saves;
}

const char *
ks_bup_folder_get_file (KsBupFolder *self,
                        guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return ((Entry *) g_ptr_array_index (self->entries, index))->file_name;
}

/* The whole path of save @index's file */
const char *
ks_bup_folder_get_file_path (KsBupFolder *self,
                             guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->entries->len, NULL);

  return ((Entry *) g_ptr_array_index (self->entries, index))->path;
}

/* Each file's findings, its name in front, and the files left out. */
GPtrArray *
ks_bup_folder_verify (KsBupFolder *self)
{
  GPtrArray *findings = ks_findings_new ();

  g_return_val_if_fail (self != NULL, findings);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const KsFinding *problem = g_ptr_array_index (self->problems, i);

      g_ptr_array_add (findings, ks_finding_new (problem->severity, problem->code,
                                                 problem->message));
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GPtrArray) own = ks_container_verify (entry->container);

      for (guint k = 0; k < own->len; k++)
        {
          const KsFinding *finding = g_ptr_array_index (own, k);

          ks_findings_add (findings, finding->severity, finding->code, "%s: %s",
                           entry->file_name, finding->message);
        }
    }

  return findings;
}

/* By index as listed, by save name, or by file name. */
gboolean
ks_bup_folder_find_save (KsBupFolder  *self,
                         const char   *index_or_name,
                         guint        *index,
                         GError      **error)
{
  g_autoptr(GPtrArray) saves = NULL;
  guint64 n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index_or_name != NULL, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  if (g_ascii_string_to_unsigned (index_or_name, 10, 0, G_MAXUINT, &n, NULL) &&
      n < self->entries->len)
    {
      *index = (guint) n;
      return TRUE;
    }

  saves = ks_bup_folder_list (self);
  for (guint i = 0; i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (g_str_equal (info->name, index_or_name) ||
          g_str_equal (ks_bup_folder_get_file (self, i), index_or_name))
        {
          *index = i;
          return TRUE;
        }
    }

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
               _("There is no save “%s” in this folder; give an index, a save name or a "
                 ".BUP file name as listed."), index_or_name);
  return FALSE;
}

/* OUT.BUP: the file as it is; anything else: the payload. */
GBytes *
ks_bup_folder_extract (KsBupFolder  *self,
                       guint         index,
                       const char   *out_name,
                       GError      **error)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->entries->len)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("There is no save %u; this folder holds %u."), index, self->entries->len);
      return NULL;
    }

  entry = g_ptr_array_index (self->entries, index);
  if (ks_bup_is_bup_name (out_name))
    return g_bytes_ref (entry->bytes);

  if (entry->header.payload_available < entry->header.meta.size)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("%s is cut short: its header promises %u bytes of save data but only %zu"
                     " follow."),
                   entry->file_name, entry->header.meta.size, entry->header.payload_available);
      return NULL;
    }

  return g_bytes_new_from_bytes (entry->bytes, KS_BUP_HEADER_SIZE, entry->header.meta.size);
}

/* "DAYTONA__00" → "DAYTONA__00.BUP": what PSKai and SGC folders look like. */
static char *
file_name_for (const KsSaturnSaveMeta *meta)
{
  g_autofree char *name = ks_saturn_text_to_utf8 (meta->name, KS_SATURN_NAME_SIZE);
  GString *file_name = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (file_name, g_ascii_isalnum (*p) || *p == '_' || *p == '-' ? *p : '_');
  if (file_name->len == 0)
    g_string_append (file_name, "SAVE");
  g_string_append (file_name, ".BUP");

  return g_string_free (file_name, FALSE);
}

/* The .BUP file a save becomes in the folder: a .BUP given without a new
 * name is copied as it is; anything else is written with a clean header.
 * @file_base is the file name it is written under (before a -1, -2 … that
 * keeps an existing file), @save_name its save's name. */
GBytes *
ks_bup_folder_prepare (KsBupFolder  *self,
                       GBytes       *file,
                       const char   *file_name,
                       const char   *name,
                       char        **file_base,
                       char        **save_name,
                       GError      **error)
{
  g_autoptr(GBytes) payload = NULL;
  KsSaturnSaveMeta meta;
  gsize size;
  const guint8 *data;
  GBytes *content;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (file_base != NULL && save_name != NULL, NULL);

  if (!ks_saturn_save_import (file, file_name, name, &meta, &payload, error))
    return NULL;

  data = g_bytes_get_data (file, &size);
  if (name == NULL && ks_bup_has_magic (data, size))
    content = g_bytes_ref (file);
  else
    content = ks_bup_build (&meta, g_bytes_get_data (payload, NULL), 0);

  *file_base = file_name_for (&meta);
  *save_name = ks_saturn_text_to_utf8 (meta.name, KS_SATURN_NAME_SIZE);
  return content;
}
