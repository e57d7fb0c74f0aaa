/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli.h — what every keepsake-cli command shares
 *
 * Exit status (DESIGN.md): 0 success, 1 the operation ran and found problems,
 * 2 bad input or the operation could not run, with a message on stderr.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <keepsake.h>

G_BEGIN_DECLS

enum
{
  KS_EXIT_OK = 0,
  KS_EXIT_PROBLEMS = 1,
  KS_EXIT_BAD_INPUT = 2,
};

typedef struct
{
  gboolean  json;
  gboolean  force;
  char     *format;
  char     *game;       /* --game: read a Gen III save as this game */
  char     *cart;       /* --cart: what is in the reader, when detection is unsure */
} KsCliOptions;

typedef struct _KsCliCommand KsCliCommand;

struct _KsCliCommand
{
  const char *name;
  const char *params;
  const char *summary;
  int       (*run) (const KsCliCommand *command,
                    int                 argc,
                    char              **argv);
};

gboolean     ks_cli_parse            (int                 *argc,
                                      char              ***argv,
                                      const KsCliCommand  *command,
                                      const GOptionEntry  *extra,
                                      KsCliOptions        *options,
                                      guint                min_args,
                                      guint                max_args);
void         ks_cli_options_clear    (KsCliOptions        *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsCliOptions, ks_cli_options_clear)
int          ks_cli_fail             (const GError        *error);
int          ks_cli_fail_message     (const char          *format,
                                      ...) G_GNUC_PRINTF (1, 2);
gboolean     ks_cli_apply_game       (KsContainer         *container,
                                      const KsCliOptions  *options,
                                      GError             **error);
void         ks_cli_print_json       (JsonBuilder         *builder);
void         ks_cli_print_json_node  (JsonNode            *node);
void         ks_cli_add_findings     (JsonBuilder         *builder,
                                      GPtrArray           *findings);
void         ks_cli_print_findings   (GPtrArray           *findings);
void         ks_cli_print_saves      (const char          *format_id,
                                      GPtrArray           *saves,
                                      gint64               free_space,
                                      gboolean             json);
int          ks_cli_write_export     (const char          *requested,
                                      GBytes              *bytes,
                                      guint                index,
                                      const KsCliOptions  *options);

/* A folder of .BUP files (ks-cli-folder.c) */
int          ks_cli_folder_list      (const char          *path,
                                      const KsCliOptions  *options);
int          ks_cli_folder_verify    (const char          *path,
                                      const KsCliOptions  *options);
int          ks_cli_folder_extract   (const char          *path,
                                      const char          *save,
                                      const char          *output,
                                      const KsCliOptions  *options);
int          ks_cli_folder_insert    (const char          *path,
                                      const char          *save_file,
                                      const char          *name,
                                      const KsCliOptions  *options);
int          ks_cli_folder_delete    (const char          *path,
                                      const char          *save);

/* FILE|PORT|FOLDER read as the window and the jobs read it
 * (ks-cli-read.c, ks_target_read()): --cart and --format apply, an
 * unsure detection is said on stderr.  ks_cli_container() gives the
 * reading's container with --game applied, or says why there is none. */
gboolean     ks_cli_read             (const char          *path,
                                      const KsCliOptions  *options,
                                      KsTargetReading    **reading,
                                      GError             **error);
KsContainer *ks_cli_container        (const KsTargetReading *reading,
                                      const KsCliOptions  *options,
                                      GError             **error);
KsContainer *ks_cli_open             (const char          *path,
                                      const KsCliOptions  *options,
                                      GError             **error);

int ks_cli_info (const KsCliCommand *command, int argc, char **argv);
int ks_cli_verify (const KsCliCommand *command, int argc, char **argv);
int ks_cli_list (const KsCliCommand *command, int argc, char **argv);
int ks_cli_extract (const KsCliCommand *command, int argc, char **argv);
int ks_cli_insert (const KsCliCommand *command, int argc, char **argv);
int ks_cli_delete (const KsCliCommand *command, int argc, char **argv);
int ks_cli_ports (const KsCliCommand *command, int argc, char **argv);
int ks_cli_trainer (const KsCliCommand *command, int argc, char **argv);

/* Jobs and the backup library (ks-cli-backup.c) */
KsLibrary   *ks_cli_library          (void);
gboolean     ks_cli_run_job          (KsJob               *job,
                                      GError             **error);
void         ks_cli_add_write_result (JsonBuilder         *builder,
                                      const KsWriteResult *result);
/* insert, delete, trainer --set: the window's write job for the edit */
KsJob       *ks_cli_edit_job_new     (const char          *path,
                                      const KsCliOptions  *options,
                                      KsJobEdit            edit,
                                      gpointer             user_data,
                                      GError             **error);
gboolean     ks_cli_check_before_edit (KsContainer        *container,
                                      const KsCliOptions  *options,
                                      GError             **error);
int          ks_cli_job_failed       (const GError        *error);
int          ks_cli_report_write     (KsJob               *job,
                                      const char          *path,
                                      JsonBuilder         *builder,
                                      const char          *done_message);
int ks_cli_backup (const KsCliCommand *command, int argc, char **argv);
int ks_cli_restore (const KsCliCommand *command, int argc, char **argv);
int ks_cli_erase (const KsCliCommand *command, int argc, char **argv);
int ks_cli_backups (const KsCliCommand *command, int argc, char **argv);

G_END_DECLS
