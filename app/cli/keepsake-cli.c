/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* keepsake-cli — Keepsake's command-line tool: the same core as the window */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ks-cli.h"

static const KsCliCommand commands[] = {
  { "info", N_("FILE|PORT"), N_("Detect the format of FILE and summarise it"), ks_cli_info },
  { "list", N_("FILE|PORT"), N_("List the saves inside a container"), ks_cli_list },
  { "verify", N_("FILE|PORT"), N_("Check FILE and report findings"), ks_cli_verify },
  { "extract", N_("FILE|PORT SAVE"), N_("Write one save to a file (SAVE = index or name)"), ks_cli_extract },
  { "insert", N_("FILE SAVEFILE"), N_("Add a save to a container"), ks_cli_insert },
  { "delete", N_("FILE SAVE"), N_("Remove a save from a container"), ks_cli_delete },
  { "ports", N_("[--port PATH…]"), N_("List serial ports and the cart readers on them"), ks_cli_ports },
  { "trainer", N_("FILE [--set …]"), N_("Show or edit the trainer of a Gen III save (--set KEY=VALUE)"), ks_cli_trainer },
  { "backup", N_("PORT|FILE [-o OUT]"), N_("Read the whole save into the backup library"), ks_cli_backup },
  { "restore", N_("PORT|FILE SAVEFILE"), N_("Write a save to a cart or file (backed up and verified)"), ks_cli_restore },
  { "erase", N_("PORT --yes"), N_("Erase a cart's save (backed up first)"), ks_cli_erase },
  { "backups", N_("[list | restore ID PORT|FILE | prune]"), N_("The backup library"), ks_cli_backups },
};

static const KsCliCommand *
lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];

  return NULL;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: keepsake-cli COMMAND [OPTION…] ARGUMENTS"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = g_strdup_printf ("%s %s", commands[i].name, _(commands[i].params));

      fprintf (stream, "  %-24s %s\n", left, _(commands[i].summary));
    }
  fprintf (stream, "\n%s\n", _("Every command takes --json. Run “keepsake-cli COMMAND --help” for its options."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 problems found, 2 bad input."));
}

int
main (int   argc,
      char *argv[])
{
  const KsCliCommand *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return KS_EXIT_BAD_INPUT;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("keepsake-cli %s\n", PACKAGE_VERSION);
      return KS_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return KS_EXIT_OK;
    }

  command = lookup (argv[1]);
  if (command == NULL)
    {
      ks_cli_fail_message (_("“%s” is not a command. Run “keepsake-cli --help” for the list."),
                           argv[1]);
      return KS_EXIT_BAD_INPUT;
    }

  return command->run (command, argc - 1, argv + 1);
}
