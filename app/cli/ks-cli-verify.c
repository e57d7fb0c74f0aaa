/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-verify.c — `keepsake-cli verify FILE`: every finding, exit 1 on errors */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

int
ks_cli_verify (const KsCliCommand  *command,
               int                  argc,
               char               **argv)
{
  KsCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean ok;
  int status;

  if (!ks_cli_parse (&argc, &argv, command, NULL, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;

  if (ks_target_kind_of (argv[1]) == KS_TARGET_FOLDER)
    {
      status = ks_cli_folder_verify (argv[1], &options);
      goto out;
    }

  container = ks_cli_open (argv[1], &options, &error);
  if (container == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }

  findings = ks_container_verify (container);
  ok = !ks_findings_has_errors (findings);

  if (options.json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, ks_container_get_format (container)->id);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, ks_verdict_to_string (ks_findings_get_verdict (findings)));
      ks_cli_add_findings (builder, findings);
      json_builder_end_object (builder);
      ks_cli_print_json (builder);
    }
  else
    {
      ks_cli_print_findings (findings);
      guint warnings = ks_findings_count (findings, KS_SEVERITY_WARNING);

      if (ks_findings_get_verdict (findings) == KS_VERDICT_UNVERIFIABLE)
        g_print (_("%s: not verifiable: Keepsake has no checks for this kind of save\n"), argv[1]);
      else
        g_print (ok ? g_dngettext (GETTEXT_PACKAGE, "%s: OK (%u warning)\n",
                                   "%s: OK (%u warnings)\n", warnings)
                    : g_dngettext (GETTEXT_PACKAGE, "%s: errors found (%u warning)\n",
                                   "%s: errors found (%u warnings)\n", warnings),
                 argv[1], warnings);
    }

  status = ok ? KS_EXIT_OK : KS_EXIT_PROBLEMS;

out:
  ks_cli_options_clear (&options);
  return status;
}
