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
  return g_strdup (_("Verified: no problems found."));
}
