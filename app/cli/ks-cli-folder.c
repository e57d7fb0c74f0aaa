/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-folder.c — `list`, `verify`, `extract`, `insert` (and a refused
 * `delete`) on a folder of .BUP files, the one device that is a directory
 * rather than an image
 *
 * The commands in ks-cli-saves.c and ks-cli-verify.c hand a directory over
 * to these; the output is the same JSON as for an image, with format
 * "bup-folder".  A folder is written only by adding a new file, never by
 * changing or removing one.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ks-cli.h"

#define FOLDER_FORMAT_ID "bup-folder"

/* The folder's .BUP files, read as every target is (ks_target_read()) */
static KsBupFolder *
read_folder (const char       *path,
             KsTargetReading **reading,
             GError          **error)
{
  if (!ks_target_read (path, NULL, NULL, reading, error))
    return NULL;
  return (*reading)->folder;
}

int
ks_cli_folder_list (const char         *path,
                    const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;

  if (read_folder (path, &reading, &error) == NULL)
    return ks_cli_fail (error);

  ks_cli_print_saves (FOLDER_FORMAT_ID, reading->saves, -1, options->json);

  return KS_EXIT_OK;
}

int
ks_cli_folder_verify (const char         *path,
                      const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  KsBupFolder *folder;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean ok;

  folder = read_folder (path, &reading, &error);
  if (folder == NULL)
    return ks_cli_fail (error);

  findings = ks_bup_folder_verify (folder);
  ok = !ks_findings_has_errors (findings);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, FOLDER_FORMAT_ID);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      ks_cli_add_findings (builder, findings);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      ks_cli_print_findings (findings);
      guint warnings = ks_findings_count (findings, KS_SEVERITY_WARNING);

      g_print (ok ? g_dngettext (GETTEXT_PACKAGE, "%s: OK (%u warning)\n", "%s: OK (%u warnings)\n",
                                 warnings)
                  : g_dngettext (GETTEXT_PACKAGE, "%s: errors found (%u warning)\n",
                                 "%s: errors found (%u warnings)\n", warnings),
               path, warnings);
    }

  return ok ? KS_EXIT_OK : KS_EXIT_PROBLEMS;
}

/* Without -o the .BUP is copied under its own name. */
int
ks_cli_folder_extract (const char         *path,
                       const char         *save,
                       const char         *output,
                       const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  KsBupFolder *folder;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *out_base = NULL;
  const char *requested;
  guint index;

  folder = read_folder (path, &reading, &error);
  if (folder == NULL || !ks_bup_folder_find_save (folder, save, &index, &error))
    return ks_cli_fail (error);

  requested = output != NULL ? output : ks_bup_folder_get_file (folder, index);
  out_base = g_path_get_basename (requested);
  bytes = ks_bup_folder_extract (folder, index, out_base, &error);
  if (bytes == NULL)
    return ks_cli_fail (error);

  return ks_cli_write_export (requested, bytes, index, options);
}

/* A new .BUP file in the folder, written by the copy job the window runs
 * for a file dropped on the folder */
int
ks_cli_folder_insert (const char         *path,
                      const char         *save_file,
                      const char         *name,
                      const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  KsBupFolder *folder;
  g_autoptr(GBytes) save = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(KsLibrary) library = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autofree char *save_base = NULL;
  g_autofree char *file_base = NULL;
  g_autofree char *save_name = NULL;
  const KsWriteResult *result;
  guint clash;

  folder = read_folder (path, &reading, &error);
  if (folder == NULL || (save = ks_image_file_load (save_file, &error)) == NULL)
    return ks_cli_fail (error);

  /* the name it goes in under, known before anything runs: a folder never
   * holds two saves of one name */
  save_base = g_path_get_basename (save_file);
  content = ks_bup_folder_prepare (folder, save, save_base, name, &file_base, &save_name, &error);
  if (content == NULL)
    return ks_cli_fail (error);
  if (ks_bup_folder_find_save (folder, save_name, &clash, NULL))
    return ks_cli_fail_message (_("%s already holds a save named “%s” (%s); nothing was "
                                  "written. Give this one another name with --name."),
                                path, save_name, ks_bup_folder_get_file (folder, clash));

  library = ks_cli_library ();
  job = ks_job_copy_new (library, save_file, NULL, NULL, path, NULL,
                         name != NULL ? KS_COPY_CHOICE_KEEP_BOTH : KS_COPY_CHOICE_ADD, name,
                         options->force);
  if (!ks_cli_run_job (job, &error))
    return ks_cli_job_failed (error);

  result = ks_job_get_result (job);
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "inserted");
      json_builder_add_string_value (builder, save_base);
      json_builder_set_member_name (builder, "written");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, result->written_path);
      json_builder_set_member_name (builder, "bytes_written");
      json_builder_add_int_value (builder, result->bytes_programmed);
      ks_cli_add_write_result (builder, result);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    g_print (_("Inserted %s into %s as %s (%" PRIu64 " bytes, read back and "
               "identical).\n"), save_base, path, result->written_path, result->bytes_programmed);

  return KS_EXIT_OK;
}

/* Keepsake only ever adds files to a folder; removing one is the user's
 * call, made in the file manager, where it can be undone. */
int
ks_cli_folder_delete (const char *path,
                      const char *save)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  KsBupFolder *folder;
  guint index;

  folder = read_folder (path, &reading, &error);
  if (folder == NULL || !ks_bup_folder_find_save (folder, save, &index, &error))
    return ks_cli_fail (error);

  return ks_cli_fail_message (_("Keepsake does not delete files from a folder; to remove this "
                                "save, delete %s yourself."),
                              ks_bup_folder_get_file (folder, index));
}
