/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-trainer.c — `keepsake-cli trainer FILE [--set KEY=VALUE …]`: the
 * trainer of a Gen III save, shown, or edited and written back the way the
 * game saves (into the other slot, the loaded one staying as the backup) */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-cli.h"

static void
add_trainer (JsonBuilder         *builder,
             KsGen3Save          *save,
             const KsGen3Trainer *trainer)
{
  KsGen3Time offset;

  json_builder_set_member_name (builder, "game");
  json_builder_add_string_value (builder, ks_gen3_game_to_id (ks_gen3_get_game (save)));
  json_builder_set_member_name (builder, "game_detection");
  json_builder_add_string_value (builder, ks_gen3_get_game_detection (save));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, trainer->name);
  json_builder_set_member_name (builder, "gender");
  /* the game treats anything but 0 as female (pret: playerGender == MALE) */
  json_builder_add_string_value (builder,
                                 trainer->gender == KS_GEN3_GENDER_MALE ? "male" : "female");
  json_builder_set_member_name (builder, "tid");
  json_builder_add_int_value (builder, trainer->tid);
  json_builder_set_member_name (builder, "sid");
  json_builder_add_int_value (builder, trainer->sid);
  json_builder_set_member_name (builder, "money");
  json_builder_add_int_value (builder, trainer->money);
  json_builder_set_member_name (builder, "coins");
  json_builder_add_int_value (builder, trainer->coins);
  json_builder_set_member_name (builder, "play_time");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "hours");
  json_builder_add_int_value (builder, trainer->hours);
  json_builder_set_member_name (builder, "minutes");
  json_builder_add_int_value (builder, trainer->minutes);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_int_value (builder, trainer->seconds);
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, trainer->frames);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "badges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    json_builder_add_boolean_value (builder, trainer->badges[i]);
  json_builder_end_array (builder);

  /* gen3.md §3.6: Ruby, Sapphire and Emerald only */
  if (ks_gen3_get_clock (save, &offset, NULL))
    {
      json_builder_set_member_name (builder, "clock_offset");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "days");
      json_builder_add_int_value (builder, offset.days);
      json_builder_set_member_name (builder, "hours");
      json_builder_add_int_value (builder, offset.hours);
      json_builder_set_member_name (builder, "minutes");
      json_builder_add_int_value (builder, offset.minutes);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, offset.seconds);
      json_builder_end_object (builder);
    }
}

static void
print_trainer (KsGen3Save          *save,
               const KsGen3Trainer *trainer)
{
  KsGen3Game game = ks_gen3_get_game (save);
  GString *badges = g_string_new (NULL);
  KsGen3Time offset;

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    g_string_append_printf (badges, "%s%c", i > 0 ? " " : "",
                            trainer->badges[i] ? (char) ('1' + i) : '-');

  g_print ("%-14s %s (%s)\n", _("game"), ks_gen3_game_to_name (game), ks_gen3_game_to_id (game));
  g_print ("%-14s %s\n", _("detection"), ks_gen3_get_game_detection (save));
  g_print ("%-14s %s\n", _("name"), trainer->name);
  g_print ("%-14s %s\n", _("gender"),
           trainer->gender == KS_GEN3_GENDER_MALE ? _("male") : _("female"));
  g_print ("%-14s %05u\n", _("trainer ID"), trainer->tid);
  g_print ("%-14s %05u\n", _("secret ID"), trainer->sid);
  g_print ("%-14s %u\n", _("money"), trainer->money);
  g_print ("%-14s %u\n", _("coins"), trainer->coins);
  g_print ("%-14s %u:%02u:%02u (%u frames)\n", _("play time"),
           trainer->hours, trainer->minutes, trainer->seconds, trainer->frames);
  g_print ("%-14s %s\n", _("badges"), badges->str);
  if (ks_gen3_get_clock (save, &offset, NULL))
    {
      g_autofree char *clock = ks_gen3_describe_clock_offset (&offset);

      g_print ("%-14s %s\n", _("in-game clock"), clock);
    }

  g_string_free (badges, TRUE);
}

static gboolean
apply_sets (KsGen3Save          *save,
            char               **sets,
            const KsCliOptions  *options,
            GError             **error)
{
  for (guint i = 0; sets[i] != NULL; i++)
    {
      const char *equals = strchr (sets[i], '=');
      g_autofree char *key = NULL;

      if (equals == NULL || equals == sets[i])
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                       _("--set takes KEY=VALUE; “%s” is not of that form."), sets[i]);
          return FALSE;
        }

      key = g_strndup (sets[i], equals - sets[i]);
      if (!ks_gen3_set_trainer_field (save, key, equals + 1, options->force, error))
        {
          if (g_error_matches (*error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED))
            {
              GError *refused = g_steal_pointer (error);
              gint active = ks_gen3_get_active_slot (save);

              if (ks_gen3_is_half_size (save))
                g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                             _("Nothing was changed. %s Use --force to edit anyway; a half-size "
                               "file has one slot, so the edit rewrites it."),
                             refused->message);
              else
                g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                             _("Nothing was changed. %s Use --force to edit anyway; the edit is "
                               "saved into slot %c, and slot %c stays as it is."),
                             refused->message, active == 0 ? 'B' : 'A', active == 0 ? 'A' : 'B');
              g_error_free (refused);
            }
          return FALSE;
        }
    }

  return TRUE;
}

/* trainer --set, run by the write job on what the file or cart holds
 * when it runs; what it did is kept for the report */
typedef struct
{
  const KsCliOptions *options;
  char              **sets;
  const char         *path;
  KsContainer        *container;   /* the edited container */
  gboolean            half_size;
  gint                active;      /* the slot loaded before the edit */
} TrainerEdit;

static gboolean
is_gen3 (KsContainer  *container,
         const char   *path,
         GError      **error)
{
  if (ks_container_get_format (container) == &ks_gen3_format)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
               /* Translators: a file or port, then a format name */
               _("%s is in the format “%s”; trainer works on Pokémon Gen III saves only."),
               path, _(ks_container_get_format (container)->name));
  return FALSE;
}

static gboolean
edit_trainer (KsContainer  *container,
              gpointer      user_data,
              GError      **error)
{
  TrainerEdit *edit = user_data;

  if (!is_gen3 (container, edit->path, error) ||
      !ks_cli_apply_game (container, edit->options, error) ||
      !apply_sets (ks_container_get_impl (container), edit->sets, edit->options, error))
    return FALSE;

  ks_container_mark_modified (container);
  edit->container = ks_container_ref (container);
  edit->half_size = ks_gen3_is_half_size (ks_container_get_impl (container));
  edit->active = ks_gen3_get_active_slot (ks_container_get_impl (container));
  return TRUE;
}

static void
show_trainer (KsContainer  *container,
              JsonBuilder **builder,
              gboolean      json)
{
  KsGen3Save *save = ks_container_get_impl (container);
  g_auto(KsGen3Trainer) trainer = { 0 };

  /* the container opened and its slot loaded: reading it cannot fail */
  ks_gen3_get_trainer (save, &trainer, NULL);
  if (json)
    {
      *builder = json_builder_new ();
      json_builder_begin_object (*builder);
      add_trainer (*builder, save, &trainer);
    }
  else
    print_trainer (save, &trainer);
}

int
ks_cli_trainer (const KsCliCommand  *command,
                int                  argc,
                char               **argv)
{
  KsCliOptions options = { 0 };
  g_auto(GStrv) sets = NULL;
  const GOptionEntry entries[] = {
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets,
      N_("Set a field: name, gender, tid, sid, money, coins, hours, minutes, seconds or "
         "badge1 to badge8 (repeatable)"), N_("KEY=VALUE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force,
      N_("Edit even though the loaded slot has errors"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(KsJob) job = NULL;
  g_autofree char *done = NULL;
  TrainerEdit edit = { &options, NULL, NULL, NULL, FALSE, 0 };
  int status = KS_EXIT_OK;

  if (!ks_cli_parse (&argc, &argv, command, entries, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;

  if (sets == NULL)
    {
      g_auto(KsGen3Trainer) trainer = { 0 };

      container = ks_cli_open (argv[1], &options, &error);
      if (container == NULL || !is_gen3 (container, argv[1], &error) ||
          !ks_gen3_get_trainer (ks_container_get_impl (container), &trainer, &error))
        {
          status = ks_cli_fail (error);
          goto out;
        }
      show_trainer (container, &builder, options.json);
      if (builder != NULL)
        {
          json_builder_end_object (builder);
          ks_cli_print_json (builder);
        }
      goto out;
    }

  /* the write job the window's trainer editor runs, with these fields */
  edit.sets = sets;
  edit.path = argv[1];
  job = ks_cli_edit_job_new (argv[1], &options, edit_trainer, &edit, &error);
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

  container = g_steal_pointer (&edit.container);
  show_trainer (container, &builder, options.json);
  if (edit.half_size)
    done = g_strdup (_("Slot A of the half-size file was rewritten in place."));
  else
    done = g_strdup_printf (_("The edit was saved into slot %c; slot %c keeps the previous save "
                              "as the game’s backup."),
                            edit.active == 0 ? 'B' : 'A', edit.active == 0 ? 'A' : 'B');
  status = ks_cli_report_write (job, argv[1], builder, done);

out:
  g_clear_pointer (&edit.container, ks_container_unref);
  ks_cli_options_clear (&options);
  return status;
}
