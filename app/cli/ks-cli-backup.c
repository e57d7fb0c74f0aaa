/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-backup.c — backup, restore, erase and backups: the commands that
 * run jobs (core/jobs) and use the backup library (core/library)
 *
 * Progress goes to stderr — a bar redrawn with \r on a terminal, plain
 * lines otherwise — and the result to stdout.  The library is the one the
 * window uses: the Preferences folder, else $KEEPSAKE_LIBRARY_DIR, else the
 * XDG data folder's keepsake/backups (ks_library_find_path()).
 * Ctrl+C cancels a running job the way the window's Cancel does.
 */

#include "config.h"

#include <inttypes.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ks-cli.h"

/* width of the progress bar on a terminal, in cells */
#define BAR_WIDTH 24

/* The library the window uses too (ks_library_find_path()) */
KsLibrary *
ks_cli_library (void)
{
  g_autofree char *path = ks_library_find_path (NULL);

  return ks_library_new (path);
}

static gboolean
cli_override (const KsCliOptions  *options,
              KsCartOverride      *override,
              GError             **error)
{
  ks_cart_override_init (override);
  return options->cart == NULL || ks_cart_override_parse (options->cart, override, error);
}

typedef struct
{
  gboolean  tty;
  char     *phase;
  gint      step;     /* plain lines: the last quarter printed */
  gboolean  drawn;
} Progress;

static void
show_progress (KsJob      *job,
               GParamSpec *pspec,
               gpointer    user_data)
{
  Progress *p = user_data;
  g_autofree char *phase = ks_job_dup_phase (job);
  double fraction = ks_job_get_fraction (job);
  guint64 total = ks_job_get_bytes_total (job);
  gboolean new_phase = g_strcmp0 (phase, p->phase) != 0;

  if (ks_job_get_state (job) > KS_JOB_STATE_RUNNING)
    return;

  if (p->tty)
    {
      char bar[BAR_WIDTH + 1];
      guint filled = (guint) (fraction * BAR_WIDTH);
      double speed = ks_job_get_speed (job);
      gint64 left = ks_job_get_time_left (job);
      g_autofree char *rate = speed > 0 ? g_format_size_full ((guint64) speed, G_FORMAT_SIZE_IEC_UNITS)
                                          : g_strdup ("");

      for (guint i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
      bar[BAR_WIDTH] = '\0';
      if (total > 0 && left >= 0)
        g_printerr ("\r\033[K[%s] %3.0f%%  %s  %s/s  %" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT,
                    bar, fraction * 100, phase, rate, left / 60, left % 60);
      else
        g_printerr ("\r\033[K[%s] %3.0f%%  %s", bar, fraction * 100, phase);
      p->drawn = TRUE;
    }
  else
    {
      gint step = total > 0 ? (gint) (fraction * 4) : -1;

      if (new_phase)
        {
          g_printerr ("%s\n", phase);
          p->step = 0;
        }
      if (step > p->step)
        {
          g_printerr ("  %3.0f%%\n", fraction * 100);
          p->step = step;
        }
    }

  if (new_phase)
    {
      g_free (p->phase);
      p->phase = g_steal_pointer (&phase);
    }
}

static gboolean
on_interrupt (gpointer user_data)
{
  ks_job_cancel (KS_JOB (user_data));
  return G_SOURCE_CONTINUE;
}

gboolean
ks_cli_run_job (KsJob   *job,
                GError **error)
{
  g_autoptr(KsJobQueue) queue = ks_job_queue_new ();
  Progress progress = { isatty (STDERR_FILENO), NULL, 0, FALSE };
  gulong handler;
  guint interrupt;
  gboolean ok;

  handler = g_signal_connect (job, "notify::fraction", G_CALLBACK (show_progress), &progress);
  interrupt = g_unix_signal_add (SIGINT, on_interrupt, job);

  ks_job_queue_push (queue, job);
  ok = ks_job_wait (job, error);

  g_source_remove (interrupt);
  g_signal_handler_disconnect (job, handler);
  if (progress.drawn)
    g_printerr ("\r\033[K");
  g_free (progress.phase);
  ks_job_queue_shutdown (queue);
  return ok;
}

/* Exit status for a job that failed: a read back that differs is a problem
 * found (1); anything else could not run (2). */
static int
job_failed (const GError *error)
{
  ks_cli_fail (error);
  return g_error_matches (error, KS_FLASH_ERROR, KS_FLASH_ERROR_VERIFY)
         ? KS_EXIT_PROBLEMS : KS_EXIT_BAD_INPUT;
}

void
ks_cli_add_write_result (JsonBuilder         *builder,
                         const KsWriteResult *result)
{
  json_builder_set_member_name (builder, "sectors_erased");
  json_builder_add_int_value (builder, result->sectors_erased);
  json_builder_set_member_name (builder, "bytes_programmed");
  json_builder_add_int_value (builder, result->bytes_programmed);
  json_builder_set_member_name (builder, "elapsed_ms");
  json_builder_add_int_value (builder, result->elapsed_usec / 1000);
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, result->verified);
  json_builder_set_member_name (builder, "backup_id");
  if (result->backup_id != NULL)
    json_builder_add_string_value (builder, result->backup_id);
  else
    json_builder_add_null_value (builder);
  if (result->clock_set_to != NULL)
    {
      json_builder_set_member_name (builder, "clock_set_to");
      json_builder_add_string_value (builder, result->clock_set_to);
    }
}

static void
print_write_result (const KsWriteResult *result,
                    const char          *target)
{
  if (result->verified)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Erased %u sector and programmed %" PRIu64 " bytes of %s in %.1f s; "
                          "read back and identical.\n",
                          "Erased %u sectors and programmed %" PRIu64 " bytes of %s in %.1f s; "
                          "read back and identical.\n",
                          result->sectors_erased),
             result->sectors_erased, result->bytes_programmed, target,
             result->elapsed_usec / (double) G_USEC_PER_SEC);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Erased %u sector and programmed %" PRIu64 " bytes of %s in %.1f s; "
                          "not verified.\n",
                          "Erased %u sectors and programmed %" PRIu64 " bytes of %s in %.1f s; "
                          "not verified.\n",
                          result->sectors_erased),
             result->sectors_erased, result->bytes_programmed, target,
             result->elapsed_usec / (double) G_USEC_PER_SEC);
  if (result->backup_id != NULL)
    g_print (_("The previous content is in the backup library as %s.\n"), result->backup_id);
}

/* insert, delete and trainer --set: the write job the window runs for the
 * same edit (ks_job_write_save_new()), applied on the target's worker to
 * what the file or cart holds when the job runs, and waited for */
KsJob *
ks_cli_edit_job_new (const char          *path,
                     const KsCliOptions  *options,
                     KsJobEdit            edit,
                     gpointer             user_data,
                     GError             **error)
{
  g_autoptr(KsLibrary) library = NULL;
  KsCartOverride override;

  if (!cli_override (options, &override, error))
    return NULL;

  library = ks_cli_library ();
  return ks_job_write_save_new (library, path, &override, options->format, options->force, edit,
                                user_data, NULL);
}

/* An edit refused because the container had errors before it: --force's
 * promise (the help of insert, delete and trainer) */
gboolean
ks_cli_check_before_edit (KsContainer         *container,
                          const KsCliOptions  *options,
                          GError             **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  guint errors = 0;

  if (options->force)
    return TRUE;

  findings = ks_container_verify (container);
  for (guint i = 0; i < findings->len; i++)
    if (((KsFinding *) g_ptr_array_index (findings, i))->severity == KS_SEVERITY_ERROR)
      errors++;
  if (errors == 0)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Nothing was written: the checks find %u error in what is there now "
                            "(see “keepsake-cli verify”). Use --force to change it anyway.",
                            "Nothing was written: the checks find %u errors in what is there now "
                            "(see “keepsake-cli verify”). Use --force to change it anyway.",
                            errors),
               errors);
  return FALSE;
}

int
ks_cli_job_failed (const GError *error)
{
  return job_failed (error);
}

/* What a finished write job did, as text or as the "written" member of
 * @builder (whose object is then closed and printed) */
int
ks_cli_report_write (KsJob              *job,
                     const char         *path,
                     JsonBuilder        *builder,
                     const char         *done_message)
{
  const KsWriteResult *result = ks_job_get_result (job);
  gboolean is_port = ks_target_is_port (path);

  if (builder != NULL)
    {
      json_builder_set_member_name (builder, "written");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      if (!is_port)
        {
          json_builder_set_member_name (builder, "bytes_written");
          json_builder_add_int_value (builder, result->bytes_programmed);
        }
      ks_cli_add_write_result (builder, result);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
      return KS_EXIT_OK;
    }

  g_print ("%s\n", done_message);
  if (is_port)
    print_write_result (result, path);
  else
    {
      g_print (_("Wrote %" PRIu64 " bytes to %s and read them back: identical.\n"),
               result->bytes_programmed, path);
      if (result->backup_id != NULL)
        g_print (_("The previous content is in the backup library as %s.\n"), result->backup_id);
    }
  return KS_EXIT_OK;
}

static void
add_entry (JsonBuilder         *builder,
           const KsBackupEntry *entry)
{
  g_autofree char *time = ks_backup_entry_format_time (entry);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, entry->id);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, entry->source);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, entry->title);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, entry->format_id);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, entry->size);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, entry->sha256);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, ks_backup_reason_to_string (entry->reason));
  json_builder_end_object (builder);
}

int
ks_cli_backup (const KsCliCommand *command,
               int                 argc,
               char              **argv)
{
  g_auto(KsCliOptions) options = { 0 };
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Also write the save to this file (never overwritten: a free name is picked)"),
      N_("OUT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLibrary) library = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autofree char *written = NULL;
  const KsBackupEntry *entry;
  KsCartOverride override;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;
  if (!cli_override (&options, &override, &error))
    return ks_cli_fail (error);

  library = ks_cli_library ();
  job = ks_job_backup_new (library, argv[1], &override);
  if (!ks_cli_run_job (job, &error))
    return job_failed (error);

  entry = ks_job_get_backup (job);
  if (output != NULL)
    {
      KsWriteReport report = { 0 };
      gboolean ok;

      written = ks_image_file_unique_path (output);
      ok = ks_image_file_create (written, ks_job_get_content (job), &report, &error);
      ks_write_report_clear (&report);
      if (!ok)
        return ks_cli_fail (error);
    }

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "backup");
      add_entry (builder, entry);
      json_builder_set_member_name (builder, "library");
      json_builder_add_string_value (builder, ks_library_get_path (library));
      if (written != NULL)
        {
          json_builder_set_member_name (builder, "output");
          json_builder_add_string_value (builder, written);
        }
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      g_print (_("Backed up %s (%s, %" PRIu64 " bytes) as %s in %s.\n"), argv[1],
               entry->title, entry->size, entry->id, ks_library_get_path (library));
      if (written != NULL)
        g_print (_("Also written to %s.\n"), written);
    }

  return KS_EXIT_OK;
}

static int
restore_bytes (const char         *target,
               GBytes             *content,
               const KsCliOptions *options,
               const char         *clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLibrary) library = NULL;
  g_autoptr(KsJob) job = NULL;
  KsCartOverride override;
  KsClockChoice choice = KS_CLOCK_KEEP;

  if (!cli_override (options, &override, &error) ||
      (clock != NULL && !ks_clock_choice_parse (clock, &choice, &error)))
    return ks_cli_fail (error);

  library = ks_cli_library ();
  job = ks_job_restore_new_full (library, target, &override, content, options->format,
                                 options->force, choice);
  if (!ks_cli_run_job (job, &error))
    return job_failed (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, target);
      ks_cli_add_write_result (builder, ks_job_get_result (job));
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      print_write_result (ks_job_get_result (job), target);
      if (ks_job_get_result (job)->clock_set_to != NULL)
        g_print (_("Set the cart's clock to %s and read it back.\n"),
                 ks_job_get_result (job)->clock_set_to);
    }

  return KS_EXIT_OK;
}

int
ks_cli_restore (const KsCliCommand *command,
                int                 argc,
                char              **argv)
{
  g_auto(KsCliOptions) options = { 0 };
  g_autofree char *clock = NULL;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Write even though the save already has errors, or is of another kind or size than "
         "what the target holds"), NULL },
    { "clock", 0, 0, G_OPTION_ARG_STRING, &clock,
      N_("A cart's clock after the save is written: keep (the default: untouched), now, or "
         "from-backup (the file's clock footer)"), N_("CHOICE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 2, 2))
    return KS_EXIT_BAD_INPUT;

  content = ks_image_file_load (argv[2], &error);
  if (content == NULL)
    return ks_cli_fail (error);

  return restore_bytes (argv[1], content, &options, clock);
}

int
ks_cli_erase (const KsCliCommand *command,
              int                 argc,
              char              **argv)
{
  g_auto(KsCliOptions) options = { 0 };
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Erase without asking (the save is backed up first either way)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLibrary) library = NULL;
  g_autoptr(KsJob) job = NULL;
  KsCartOverride override;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;
  if (!ks_target_is_port (argv[1]))
    return ks_cli_fail_message (_("%s is not a cart reader's port; erase works on carts."),
                                argv[1]);
  if (!yes)
    return ks_cli_fail_message (_("Erasing removes the cart's save (a copy goes to the backup "
                                  "library first). Add --yes to go ahead."));
  if (!cli_override (&options, &override, &error))
    return ks_cli_fail (error);

  library = ks_cli_library ();
  job = ks_job_erase_new (library, argv[1], &override);
  if (!ks_cli_run_job (job, &error))
    return job_failed (error);

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, argv[1]);
      ks_cli_add_write_result (builder, ks_job_get_result (job));
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    print_write_result (ks_job_get_result (job), argv[1]);

  return KS_EXIT_OK;
}

static int
backups_list (KsLibrary          *library,
              const KsCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ks_library_list (library, NULL, NULL, &error);

  if (entries == NULL)
    return ks_cli_fail (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "library");
      json_builder_add_string_value (builder, ks_library_get_path (library));
      json_builder_set_member_name (builder, "backups");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        add_entry (builder, g_ptr_array_index (entries, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
      return KS_EXIT_OK;
    }

  if (entries->len == 0)
    g_print (_("No backups in %s yet.\n"), ks_library_get_path (library));
  for (guint i = 0; i < entries->len; i++)
    {
      const KsBackupEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = ks_backup_entry_format_time (entry);

      g_print ("%s  %s  %-12s  %8" G_GUINT64_FORMAT "  %-16s  %s  %s\n", entry->id, time,
               ks_backup_reason_to_string (entry->reason), entry->size, entry->title,
               entry->format_id, entry->source);
    }
  return KS_EXIT_OK;
}

int
ks_cli_backups (const KsCliCommand *command,
                int                 argc,
                char              **argv)
{
  g_auto(KsCliOptions) options = { 0 };
  gint keep = 0;
  gint older_than_days = 0;
  gboolean force = FALSE;
  g_autofree char *clock = NULL;
  const GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep,
      N_("prune: keep this many backups of each save"), N_("N") },
    { "older-than", 0, 0, G_OPTION_ARG_INT, &older_than_days,
      N_("prune: remove backups older than this many days"), N_("DAYS") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("restore: write even though the backup has errors, or is of another kind or size "
         "than what the target holds"), NULL },
    { "clock", 0, 0, G_OPTION_ARG_STRING, &clock,
      N_("restore: a cart's clock after the save is written: keep (the default), now, or "
         "from-backup"), N_("CHOICE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLibrary) library = NULL;
  const char *action;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 0, 3))
    return KS_EXIT_BAD_INPUT;

  library = ks_cli_library ();
  action = argc > 1 ? argv[1] : "list";

  if (g_str_equal (action, "list") && argc <= 2)
    return backups_list (library, &options);

  if (g_str_equal (action, "restore") && argc == 4)
    {
      g_autoptr(KsBackupEntry) entry = ks_library_lookup (library, argv[2], &error);
      g_autoptr(GBytes) content = NULL;

      if (entry == NULL || (content = ks_library_load (library, entry, &error)) == NULL)
        return ks_cli_fail (error);
      options.force = force;
      /* --format wins; else the stored format while it still fits the bytes */
      if (options.format == NULL)
        options.format = g_strdup (ks_backup_entry_format_for_content (entry, content));
      return restore_bytes (argv[3], content, &options, clock);
    }

  if (g_str_equal (action, "prune") && argc == 2)
    {
      gint removed;

      if (keep < 0 || older_than_days < 0 || (keep == 0 && older_than_days == 0))
        return ks_cli_fail_message (_("Say what to prune: --keep N, --older-than DAYS, or "
                                      "both. The newest backup of each save is always kept."));
      removed = ks_library_prune (library, (GTimeSpan) older_than_days * G_TIME_SPAN_DAY,
                                  (guint) keep, &error);
      if (removed < 0)
        return ks_cli_fail (error);
      if (options.json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "removed");
          json_builder_add_int_value (builder, removed);
          json_builder_end_object (builder);
          ks_cli_print_json (builder);
        }
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %d backup.\n", "Removed %d backups.\n",
                              removed), removed);
      return KS_EXIT_OK;
    }

  return ks_cli_fail_message (_("Usage: keepsake-cli backups [list | restore ID PORT|FILE | "
                                "prune --keep N --older-than DAYS]"));
}
