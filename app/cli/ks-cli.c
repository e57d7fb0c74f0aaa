/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli.c — option parsing, messages, JSON printing and the write-back step
 * shared by every keepsake-cli command */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "ks-cli.h"

gboolean
ks_cli_parse (int                 *argc,
              char              ***argv,
              const KsCliCommand  *command,
              const GOptionEntry  *extra,
              KsCliOptions        *options,
              guint                min_args,
              guint                max_args)
{
  const GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print machine-readable JSON"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      N_("Read the file as this format instead of detecting it"), N_("ID") },
    { "game", 0, 0, G_OPTION_ARG_STRING, &options->game,
      N_("Read a Gen III save as this game instead of detecting it"), N_("rs|emerald|frlg") },
    { "cart", 0, 0, G_OPTION_ARG_STRING, &options->cart,
      N_("For a cart reader's port: the cart, when detection is unsure (gba, gb, "
         "gba-flash[:SIZE|:ID], gba-flash-atmel, gba-sram[:SIZE], gba-eeprom-512, "
         "gba-eeprom-8k, gb:MBC[:SIZE], mmc), or the Game Boy cart on top of a Mega Memory "
         "Card (mmc-top[:SIZE])"), N_("CART") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = g_strdup_printf ("%s %s", command->name, command->params);

  context = g_option_context_new (params);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ks_cli_fail (error);
      return FALSE;
    }

  /* (*argv)[0] is the command name */
  if ((guint) *argc - 1 < min_args || (guint) *argc - 1 > max_args)
    {
      ks_cli_fail_message (_("Usage: keepsake-cli %s"), params);
      return FALSE;
    }

  return TRUE;
}

void
ks_cli_options_clear (KsCliOptions *options)
{
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->game, g_free);
  g_clear_pointer (&options->cart, g_free);
}

int
ks_cli_fail (const GError *error)
{
  g_printerr ("keepsake-cli: %s\n", error->message);
  return KS_EXIT_BAD_INPUT;
}

int
ks_cli_fail_message (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("keepsake-cli: %s\n", message);
  return KS_EXIT_BAD_INPUT;
}

/* --game: the caller's choice of Gen III game (spec gen3.md §2.5). */
gboolean
ks_cli_apply_game (KsContainer         *container,
                   const KsCliOptions  *options,
                   GError             **error)
{
  KsGen3Game game;

  if (options->game == NULL)
    return TRUE;

  if (ks_container_get_format (container) != &ks_gen3_format)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                   /* Translators: %s is a format name, “Mega Memory Card” */
                   _("--game applies to Gen III saves only, not to the format “%s”."),
                   _(ks_container_get_format (container)->name));
      return FALSE;
    }
  if (!ks_gen3_game_from_id (options->game, &game))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("“%s” is not a Gen III game; use rs, emerald or frlg."), options->game);
      return FALSE;
    }

  ks_gen3_set_game (ks_container_get_impl (container), game);
  return TRUE;
}

void
ks_cli_print_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
ks_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  ks_cli_print_json_node (root);
}

void
ks_cli_add_findings (JsonBuilder *builder,
                     GPtrArray   *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, ks_severity_to_string (finding->severity));
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, finding->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

void
ks_cli_print_findings (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);
      const char *label;

      switch (finding->severity)
        {
        case KS_SEVERITY_ERROR:
          label = _("error");
          break;
        case KS_SEVERITY_WARNING:
          label = _("warning");
          break;
        case KS_SEVERITY_INFO:
        default:
          label = _("info");
          break;
        }

      g_print ("%-8s %s [%s]\n", label, finding->message, finding->code);
    }
}
