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
KsContainer *ks_cli_open             (const char          *path,
                                      const KsCliOptions  *options,
                                      GError             **error);
gboolean     ks_cli_apply_game       (KsContainer         *container,
                                      const KsCliOptions  *options,
                                      GError             **error);
void         ks_cli_print_json       (JsonBuilder         *builder);
void         ks_cli_print_json_node  (JsonNode            *node);
void         ks_cli_add_findings     (JsonBuilder         *builder,
                                      GPtrArray           *findings);
void         ks_cli_print_findings   (GPtrArray           *findings);
int          ks_cli_write_back       (KsContainer         *container,
                                      const char          *path,
                                      const KsCliOptions  *options,
                                      JsonBuilder         *builder,
                                      const char          *done_message);
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

/* A cart reader's port where a file is expected (ks-cli-port.c) */
typedef struct
{
  GBytes     *bytes;      /* the cart's whole save */
  char       *file_name;  /* a name for it: "POKEMON EMER.sav" */
  const char *format_id;  /* the format the cart's kind calls for, or NULL */
  char       *reader;     /* "GBxCart RW v1.4a (R42+L14)" */
  char       *cart;       /* what was detected */
  char       *detection;  /* from what, in sentences, or NULL */
  gboolean    sure;
} KsCliPortRead;

gboolean     ks_cli_is_port          (const char          *path);
gboolean     ks_cli_port_read        (const char          *path,
                                      const KsCliOptions  *options,
                                      KsCliPortRead       *read,
                                      GError             **error);
void         ks_cli_port_read_clear  (KsCliPortRead       *read);
/* --format, or the cart's format when it accepts the bytes, or NULL */
const char  *ks_cli_port_format      (const KsCliPortRead *read,
                                      const KsCliOptions  *options);
KsContainer *ks_cli_open_port        (const char          *path,
                                      const KsCliOptions  *options,
                                      GError             **error);
/* The cart this command detected, sure, at @path, as an override: a write
 * the command goes on to make there powers the cart once, at its voltage,
 * without probing the other slot again.  FALSE when there is none. */
gboolean     ks_cli_port_detected    (const char          *path,
                                      KsCartOverride      *override);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsCliPortRead, ks_cli_port_read_clear)

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
int          ks_cli_write_port       (KsContainer         *container,
                                      const char          *path,
                                      const KsCliOptions  *options,
                                      JsonBuilder         *builder,
                                      const char          *done_message);
int ks_cli_backup (const KsCliCommand *command, int argc, char **argv);
int ks_cli_restore (const KsCliCommand *command, int argc, char **argv);
int ks_cli_erase (const KsCliCommand *command, int argc, char **argv);
int ks_cli_backups (const KsCliCommand *command, int argc, char **argv);

G_END_DECLS
