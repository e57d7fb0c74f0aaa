/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-finding.c — findings: severity, stable code, readable sentence */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-finding.h"

KsFinding *
ks_finding_new (KsSeverity  severity,
                const char *code,
                const char *message)
{
  KsFinding *finding;

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  finding = g_new0 (KsFinding, 1);
  finding->severity = severity;
  finding->code = g_strdup (code);
  finding->message = g_strdup (message);

  return finding;
}

void
ks_finding_free (KsFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->code);
  g_free (finding->message);
  g_free (finding);
}

const char *
ks_severity_to_string (KsSeverity severity)
{
  switch (severity)
    {
    case KS_SEVERITY_INFO:
      return "info";
    case KS_SEVERITY_WARNING:
      return "warning";
    case KS_SEVERITY_ERROR:
      return "error";
    default:
      g_return_val_if_reached ("error");
    }
}

GPtrArray *
ks_findings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ks_finding_free);
}

void
ks_findings_add (GPtrArray  *findings,
                 KsSeverity  severity,
                 const char *code,
                 const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (findings != NULL);
  g_return_if_fail (code != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (findings, ks_finding_new (severity, code, message));
}

guint
ks_findings_count (GPtrArray  *findings,
                   KsSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (findings != NULL, 0);

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == severity)
        n++;
    }

  return n;
}

gboolean
ks_findings_has_errors (GPtrArray *findings)
{
  return ks_findings_count (findings, KS_SEVERITY_ERROR) > 0;
}

const KsFinding *
ks_findings_find (GPtrArray  *findings,
                  const char *code)
{
  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->code, code))
        return finding;
    }

  return NULL;
}

void
ks_findings_add_unverifiable (GPtrArray  *findings,
                              const char *why)
{
  g_return_if_fail (findings != NULL);
  g_return_if_fail (why != NULL);

  ks_findings_add (findings, KS_SEVERITY_INFO, KS_FINDING_UNVERIFIABLE, "%s", why);
}

/* Errors and warnings come first: they were found by a check that did run
 * (a wrong size, a clock out of range), so they say more than "unchecked". */
KsVerdict
ks_findings_get_verdict (GPtrArray *findings)
{
  g_return_val_if_fail (findings != NULL, KS_VERDICT_ERROR);

  if (ks_findings_has_errors (findings))
    return KS_VERDICT_ERROR;
  if (ks_findings_count (findings, KS_SEVERITY_WARNING) > 0)
    return KS_VERDICT_WARNING;
  if (ks_findings_find (findings, KS_FINDING_UNVERIFIABLE) != NULL)
    return KS_VERDICT_UNVERIFIABLE;
  return KS_VERDICT_OK;
}

const char *
ks_verdict_to_string (KsVerdict verdict)
{
  switch (verdict)
    {
    case KS_VERDICT_OK:
      return "ok";
    case KS_VERDICT_UNVERIFIABLE:
      return "unverifiable";
    case KS_VERDICT_WARNING:
      return "warning";
    case KS_VERDICT_ERROR:
      return "error";
    default:
      g_return_val_if_reached ("error");
    }
}

char *
ks_findings_describe_verdict (GPtrArray *findings)
{
  guint errors;
  guint warnings;

  g_return_val_if_fail (findings != NULL, NULL);

  errors = ks_findings_count (findings, KS_SEVERITY_ERROR);
  warnings = ks_findings_count (findings, KS_SEVERITY_WARNING);
  if (errors > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u error found: this must not be written as it is.",
                                         "%u errors found: this must not be written as it is.",
                                         errors), errors);
  if (warnings > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No errors; %u warning.",
                                         "No errors; %u warnings.", warnings), warnings);
  if (ks_findings_get_verdict (findings) == KS_VERDICT_UNVERIFIABLE)
    return g_strdup (_("Keepsake has no checks for this kind of save."));
  return g_strdup (_("Verified: no problems found."));
}
