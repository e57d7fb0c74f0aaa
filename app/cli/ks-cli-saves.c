/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-saves.c — `list`, `extract`, `insert` and `delete`: the saves
 * inside a container, through the format-independent KsContainer (a folder
 * of .BUP files is handed to ks-cli-folder.c) */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ks-cli.h"

/* The saves of a container or a folder, as text or as the JSON of DESIGN.md */
void
ks_cli_print_saves (const char *format_id,
                    GPtrArray  *saves,
                    gint64      free_space,
                    gboolean    json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, format_id);
      json_builder_set_member_name (builder, "saves");
      json_builder_begin_array (builder);
      for (guint i = 0; i < saves->len; i++)
        {
          const KsSaveInfo *info = g_ptr_array_index (saves, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "index");
          json_builder_add_int_value (builder, info->index);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, info->name);
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, info->size);
          if (info->comment != NULL)
            {
              json_builder_set_member_name (builder, "comment");
              json_builder_add_string_value (builder, info->comment);
            }
          if (info->language != NULL)
            {
              json_builder_set_member_name (builder, "language");
              json_builder_add_string_value (builder, info->language);
            }
          if (info->date != NULL)
            {
              g_autofree char *date = g_date_time_format (info->date, "%Y-%m-%d %H:%M");

              json_builder_set_member_name (builder, "date");
              json_builder_add_string_value (builder, date);
            }
          if (info->blocks >= 0)
            {
              json_builder_set_member_name (builder, "blocks");
              json_builder_add_int_value (builder, info->blocks);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      if (free_space >= 0)
        {
          json_builder_set_member_name (builder, "free");
          json_builder_add_int_value (builder, free_space);
        }
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < saves->len; i++)
        {
          const KsSaveInfo *info = g_ptr_array_index (saves, i);
          g_autofree char *date = info->date != NULL ? g_date_time_format (info->date, "%Y-%m-%d %H:%M") : NULL;

          g_print ("%3u  %-20s %8" G_GUINT64_FORMAT " %s", info->index, info->name, info->size,
                   _("bytes"));
          if (info->blocks >= 0)
            g_print ("  %d %s", info->blocks, _("blocks"));
          if (date != NULL)
            g_print ("  %s", date);
          if (info->language != NULL)
            g_print ("  %s", info->language);
          if (info->comment != NULL)
            g_print ("  “%s”", info->comment);
          g_print ("\n");
        }
      if (saves->len == 0)
        g_print ("%s\n", _("No saves."));
      if (free_space >= 0)
        g_print (_("%" PRId64 " bytes free\n"), free_space);
    }
}

/* The saves of @container.  A single-save container (a Pokémon .sav, a
 * .BUP file, a cart's whole save) holds one, index 0, named for the file
 * or the cart, as the window shows it as one row. */
static gboolean
find_save (KsContainer  *container,
           const char   *index_or_name,
           guint        *index,
           GError      **error)
{
  if (ks_container_has_saves (container))
    return ks_container_find_save (container, index_or_name, index, error);

  if (g_str_equal (index_or_name, "0") ||
      g_strcmp0 (index_or_name, ks_container_get_file_name (container)) == 0)
    {
      *index = 0;
      return TRUE;
    }
  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
               _("“%s” holds one save, number 0; there is no save “%s”."),
               ks_container_get_file_name (container), index_or_name);
  return FALSE;
}

/* Exit 1, with a sentence, when the checks find errors in what was listed:
 * a list of garbage is not a success */
static int
say_errors (const char  *path,
            KsContainer *container)
{
  g_autoptr(GPtrArray) findings = ks_container_verify (container);
  guint errors = ks_findings_count (findings, KS_SEVERITY_ERROR);

  if (errors == 0)
    return KS_EXIT_OK;

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "keepsake-cli: %s: the checks find %u error; see “keepsake-cli verify "
                           "%s”.\n",
                           "keepsake-cli: %s: the checks find %u errors; see “keepsake-cli verify "
                           "%s”.\n",
                           errors),
              path, errors, path);
  return KS_EXIT_PROBLEMS;
}

int
ks_cli_list (const KsCliCommand  *command,
             int                  argc,
             char               **argv)
{
  KsCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  g_autoptr(KsContainer) container = NULL;
  gint64 free_space;
  int status = KS_EXIT_OK;

  if (!ks_cli_parse (&argc, &argv, command, NULL, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;

  if (ks_target_kind_of (argv[1]) == KS_TARGET_FOLDER)
    {
      status = ks_cli_folder_list (argv[1], &options);
      goto out;
    }

  /* the saves as the read lists them: a single save is one, the whole image */
  if (!ks_cli_read (argv[1], &options, &reading, &error) ||
      (container = ks_cli_container (reading, &options, &error)) == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }

  free_space = ks_container_free_space (container);

  ks_cli_print_saves (ks_container_get_format (container)->id, reading->saves, free_space,
                      options.json);
  status = say_errors (argv[1], container);

out:
  ks_cli_options_clear (&options);
  return status;
}

static char *
default_output_name (KsContainer *container,
                     guint        index)
{
  g_autoptr(GPtrArray) saves = NULL;
  GString *name = g_string_new (NULL);

  /* the one save of a single-save container keeps its file's name */
  if (!ks_container_has_saves (container))
    {
      g_autofree char *base = g_path_get_basename (ks_container_get_file_name (container));

      g_string_append (name, base);
      g_strdelimit (name->str, "/\\:*?\"<>|", '_');
      return g_string_free (name, FALSE);
    }

  saves = ks_container_list (container, NULL);
  for (guint i = 0; saves != NULL && i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (info->index == index)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (info->name));

          g_string_append (name, trimmed);
        }
    }

  g_strdelimit (name->str, "/\\:*?\"<>|", '_');
  if (name->len == 0 || g_str_equal (name->str, ".") || g_str_equal (name->str, ".."))
    g_string_printf (name, "save-%u", index);
  g_string_append (name, ".sav");

  return g_string_free (name, FALSE);
}

/* Write an extracted save to a new file (never over one) and say where. */
int
ks_cli_write_export (const char         *requested,
                     GBytes             *bytes,
                     guint               index,
                     const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  KsWriteReport report = { 0 };
  int status = KS_EXIT_OK;

  /* Exports never overwrite: an existing name gets a -1, -2, … suffix. */
  target = ks_image_file_unique_path (requested);
  if (!ks_image_file_create (target, bytes, &report, &error))
    {
      status = ks_cli_fail (error);
      goto out;
    }

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, index);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, target);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (bytes));
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, report.verified);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      if (!g_str_equal (target, requested))
        g_print (_("%s exists; wrote %s instead.\n"), requested, target);
      g_print (_("Extracted save %u to %s (%zu bytes, read back and identical).\n"),
               index, target, g_bytes_get_size (bytes));
    }

out:
  ks_write_report_clear (&report);
  return status;
}

int
ks_cli_extract (const KsCliCommand  *command,
                int                  argc,
                char               **argv)
{
  KsCliOptions options = { 0 };
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to OUT (.sav, .BUP, anything else raw); never overwrites"), N_("OUT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *requested = NULL;
  g_autofree char *out_base = NULL;
  guint index;
  int status = KS_EXIT_OK;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 2, 2))
    return KS_EXIT_BAD_INPUT;

  if (ks_target_kind_of (argv[1]) == KS_TARGET_FOLDER)
    {
      status = ks_cli_folder_extract (argv[1], argv[2], output, &options);
      goto out;
    }

  container = ks_cli_open (argv[1], &options, &error);
  if (container == NULL || !find_save (container, argv[2], &index, &error))
    {
      status = ks_cli_fail (error);
      goto out;
    }

  requested = output != NULL ? g_strdup (output) : default_output_name (container, index);
  out_base = g_path_get_basename (requested);
  /* a single-save container's save is the whole of it, as it is */
  if (!ks_container_has_saves (container))
    bytes = g_bytes_ref (ks_container_get_original (container));
  else
    bytes = ks_container_extract (container, index, out_base, &error);
  if (bytes == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }

  status = ks_cli_write_export (requested, bytes, index, &options);

out:
  ks_cli_options_clear (&options);
  return status;
}

/* The edits insert and delete hand to the write job; they run on the
 * target's worker, on what the file or cart holds then */
typedef struct
{
  const KsCliOptions *options;
  GBytes             *save;       /* insert */
  const char         *save_base;
  const char         *name;
  const char         *which;      /* delete: an index or a name */
  guint               index;      /* delete: the save removed */
} SavesEdit;

static gboolean
edit_insert (KsContainer  *container,
             gpointer      user_data,
             GError      **error)
{
  SavesEdit *edit = user_data;

  return ks_cli_apply_game (container, edit->options, error) &&
         ks_cli_check_before_edit (container, edit->options, error) &&
         ks_container_insert (container, edit->save, edit->save_base, edit->name, error);
}

static gboolean
edit_delete (KsContainer  *container,
             gpointer      user_data,
             GError      **error)
{
  SavesEdit *edit = user_data;

  return ks_cli_apply_game (container, edit->options, error) &&
         ks_cli_check_before_edit (container, edit->options, error) &&
         ks_container_find_save (container, edit->which, &edit->index, error) &&
         ks_job_edit_remove (container, GUINT_TO_POINTER (edit->index), error);
}

int
ks_cli_insert (const KsCliCommand  *command,
               int                  argc,
               char               **argv)
{
  KsCliOptions options = { 0 };
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("Name of the save on the device (default: from the file)"), N_("NAME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Write even though the container already has errors"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) save = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *save_base = NULL;
  g_autofree char *done = NULL;
  SavesEdit edit = { &options };
  int status;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 2, 2))
    return KS_EXIT_BAD_INPUT;

  if (ks_target_kind_of (argv[1]) == KS_TARGET_FOLDER)
    {
      status = ks_cli_folder_insert (argv[1], argv[2], name, &options);
      goto out;
    }

  save = ks_image_file_load (argv[2], &error);
  save_base = g_path_get_basename (argv[2]);
  edit.save = save;
  edit.save_base = save_base;
  edit.name = name;
  if (save == NULL ||
      (job = ks_cli_edit_job_new (argv[1], &options, edit_insert, &edit, &error)) == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }
  if (!ks_cli_run_job (job, &error))
    {
      status = ks_cli_job_failed (error);
      goto out;
    }

  if (options.json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "inserted");
      json_builder_add_string_value (builder, save_base);
    }

  done = g_strdup_printf (_("Inserted %s into %s."), save_base, argv[1]);
  status = ks_cli_report_write (job, argv[1], builder, done);

out:
  ks_cli_options_clear (&options);
  return status;
}

int
ks_cli_delete (const KsCliCommand  *command,
               int                  argc,
               char               **argv)
{
  KsCliOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Write even though the container already has errors"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *done = NULL;
  SavesEdit edit = { &options };
  int status;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 2, 2))
    return KS_EXIT_BAD_INPUT;

  if (ks_target_kind_of (argv[1]) == KS_TARGET_FOLDER)
    {
      status = ks_cli_folder_delete (argv[1], argv[2]);
      goto out;
    }

  edit.which = argv[2];
  job = ks_cli_edit_job_new (argv[1], &options, edit_delete, &edit, &error);
  if (job == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }
  if (!ks_cli_run_job (job, &error))
    {
      status = ks_cli_job_failed (error);
      goto out;
    }

  if (options.json)
    {
      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_int_value (builder, edit.index);
    }

  done = g_strdup_printf (_("Deleted save %u from %s."), edit.index, argv[1]);
  status = ks_cli_report_write (job, argv[1], builder, done);

out:
  ks_cli_options_clear (&options);
  return status;
}
