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
int          ks_cli_fail             (const GError        *error);
int          ks_cli_fail_message     (const char          *format,
                                      ...) G_GNUC_PRINTF (1, 2);
KsContainer *ks_cli_open             (const char          *path,
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

int ks_cli_info (const KsCliCommand *command, int argc, char **argv);
int ks_cli_verify (const KsCliCommand *command, int argc, char **argv);
int ks_cli_list (const KsCliCommand *command, int argc, char **argv);
int ks_cli_extract (const KsCliCommand *command, int argc, char **argv);
int ks_cli_insert (const KsCliCommand *command, int argc, char **argv);
int ks_cli_delete (const KsCliCommand *command, int argc, char **argv);

G_END_DECLS
