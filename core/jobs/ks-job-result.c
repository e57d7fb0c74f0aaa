/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-result.c — the sentence a finished job leaves behind, per kind of
 * job, next to the results it is made of (ks-job.h), and the sentence that
 * says beforehand what a planned copy or restore will do (ks-copy-plan.h):
 * the window's job rows, its message bar and any other front end say the
 * same thing
 *
 * Sizes are in IEC units (KiB), as everywhere in Keepsake.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-finding.h"
#include "ks-job-result.h"

/* Where the previous content went: a whole sentence of its own, joined by
 * a space */
static void
append_kept (GString             *text,
             const KsWriteResult *result)
{
  if (result->backup_id == NULL)
    return;

  g_string_append_c (text, ' ');
  g_string_append_printf (text, _("The previous content is in the backup library as %s."),
                          result->backup_id);
}

/* The sentence a finished job leaves behind: what was written and verified,
 * where the backup went, or the error in the words core gave it. */
char *
ks_job_describe_result (KsJob *job)
{
  const KsWriteResult *result = ks_job_get_result (job);
  const KsBackupEntry *backup = ks_job_get_backup (job);
  GString *text = g_string_new (NULL);

  switch (ks_job_get_state (job))
    {
    case KS_JOB_STATE_FAILED:
      g_string_append (text, ks_job_get_error (job) != NULL ? ks_job_get_error (job)->message
                                                             : _("The job failed."));
      break;

    case KS_JOB_STATE_CANCELLED:
      g_string_append (text, ks_job_get_error (job) != NULL ? ks_job_get_error (job)->message
                                                             : _("Cancelled."));
      break;

    case KS_JOB_STATE_DONE:
      if (ks_job_get_kind (job) == KS_JOB_KIND_BACKUP && backup != NULL)
        {
          g_autofree char *size = g_format_size_full (backup->size, G_FORMAT_SIZE_IEC_UNITS);

          g_string_append_printf (text, _("Backed up %s (read twice, identical) as %s in the backup library."),
                                  size, backup->id);
        }
      else if (ks_job_get_kind (job) == KS_JOB_KIND_VERIFY && ks_job_get_findings (job) != NULL)
        {
          GPtrArray *findings = ks_job_get_findings (job);
          g_autofree char *verdict = ks_findings_describe_verdict (findings);

          /* the first error, in the words of the check that found it */
          g_string_append (text, verdict);
          for (guint i = 0; i < findings->len; i++)
            {
              const KsFinding *finding = g_ptr_array_index (findings, i);

              if (finding->severity == KS_SEVERITY_ERROR)
                {
                  g_string_append_c (text, ' ');
                  g_string_append (text, finding->message);
                  break;
                }
            }
        }
      else if (ks_job_get_kind (job) == KS_JOB_KIND_EDIT_BACKUP && backup != NULL)
        g_string_append_printf (text, _("Verified and stored as a new backup, %s; the original "
                                        "backup is kept as it was."), backup->id);
      else if (result != NULL && result->sector_size == 0)
        {
          /* a file: written whole to a temporary file and renamed */
          g_autofree char *bytes = g_format_size_full (result->bytes_programmed,
                                                       G_FORMAT_SIZE_IEC_UNITS);

          if (result->bytes_programmed == 0)
            g_string_append (text, _("Done: the file already held this content."));
          else if (result->verified)
            g_string_append_printf (text, _("Done: %s written to the file, read back and "
                                            "verified."), bytes);
          else
            g_string_append_printf (text, _("Done: %s written to the file, not read back."),
                                    bytes);
          append_kept (text, result);
        }
      else if (result != NULL && result->sectors_erased == 0)
        {
          /* save RAM (or flash that needed no erase): nothing to count but bytes */
          g_autofree char *bytes = g_format_size_full (result->bytes_programmed,
                                                       G_FORMAT_SIZE_IEC_UNITS);

          if (result->verified)
            g_string_append_printf (text, _("Done: %s written, read back and verified."), bytes);
          else
            g_string_append_printf (text, _("Done: %s written, not read back."), bytes);
          append_kept (text, result);
        }
      else if (result != NULL)
        {
          g_autofree char *bytes = g_format_size_full (result->bytes_programmed,
                                                       G_FORMAT_SIZE_IEC_UNITS);

          if (result->verified)
            g_string_append_printf (text,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "Done: %u sector erased, %s written, read back "
                                                 "and verified.",
                                                 "Done: %u sectors erased, %s written, read back "
                                                 "and verified.",
                                                 result->sectors_erased),
                                    result->sectors_erased, bytes);
          else
            g_string_append_printf (text,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "Done: %u sector erased, %s written, not read "
                                                 "back.",
                                                 "Done: %u sectors erased, %s written, not read "
                                                 "back.",
                                                 result->sectors_erased),
                                    result->sectors_erased, bytes);
          append_kept (text, result);
        }
      else
        g_string_append (text, _("Done."));
      break;

    case KS_JOB_STATE_QUEUED:
    case KS_JOB_STATE_RUNNING:
    default:
      g_string_append (text, _("Waiting…"));
      break;
    }

  return g_string_free (text, FALSE);
}

/* Before the job runs: what the plan says it does, and that what it
 * replaces is kept in the backup library first */
char *
ks_job_describe_plan (KsJobKind     kind,
                      KsCopyPlan   *plan,
                      KsCopyChoice  choice,
                      const char   *name,
                      const char   *target)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (ks_copy_plan_get_name (plan) != NULL)
    name = ks_copy_plan_get_name (plan);

  if (kind == KS_JOB_KIND_RESTORE)
    return g_strdup_printf (_("Replaces everything on %s; the current content is stored in the "
                              "backup library first."), target);
  if (ks_copy_plan_get_effect (plan) == KS_COPY_EFFECT_REPLACE_ALL)
    {
      g_autofree char *size = g_format_size_full (ks_copy_plan_get_target_size (plan),
                                                  G_FORMAT_SIZE_IEC_UNITS);

      return g_strdup_printf (_("Replaces the %s save on %s; the current save is stored in the "
                                "backup library first."), size, target);
    }
  if (choice == KS_COPY_CHOICE_REPLACE)
    return g_strdup_printf (_("Replaces “%s” on %s; the one there now is stored in the backup "
                              "library first."), name, target);
  if (choice == KS_COPY_CHOICE_KEEP_BOTH)
    return g_strdup_printf (_("Adds a new save “%s” beside “%s” on %s; nothing there is "
                              "replaced."), ks_copy_plan_get_new_name (plan), name, target);
  return g_strdup_printf (_("Adds a new save “%s” to %s; nothing there is replaced."), name,
                          target);
}
