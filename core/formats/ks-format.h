/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-format.h — what every save format offers the rest of Keepsake
 *
 * A format is a table of functions over an in-memory image (GBytes).  Format
 * code never does I/O: devices and the CLI hand it bytes and take bytes back.
 * Reading is tolerant (problems become findings from verify()); load() fails
 * only when nothing sensible can be read.  serialize() with no edits must give
 * back the loaded bytes exactly.
 *
 * Container formats (a card or partition holding several saves) also fill in
 * list/extract/insert/remove; single-save formats leave them NULL.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_FORMAT_ERROR (ks_format_error_quark ())

typedef enum
{
  KS_FORMAT_ERROR_UNRECOGNISED,   /* no format claims the bytes */
  KS_FORMAT_ERROR_INVALID,        /* the bytes cannot be read as this format */
  KS_FORMAT_ERROR_UNSUPPORTED,    /* the format cannot do this operation */
  KS_FORMAT_ERROR_NOT_FOUND,      /* no save with that index or name */
  KS_FORMAT_ERROR_NO_SPACE,       /* the container is full */
  KS_FORMAT_ERROR_EXISTS,         /* a save with that name is already there */
  KS_FORMAT_ERROR_REFUSED,        /* verification found errors; nothing written */
  KS_FORMAT_ERROR_BAD_VALUE,      /* a field value outside the format's limits */
} KsFormatError;

GQuark ks_format_error_quark (void);

/* One save inside a container, as listed. */
typedef struct
{
  guint      index;      /* 0-based position, stable until the container changes */
  char      *name;       /* UTF-8 for display */
  guint64    size;       /* payload bytes, decompressed */
  char      *comment;    /* UTF-8 for display, or NULL */
  char      *language;   /* or NULL */
  GDateTime *date;       /* or NULL */
  gint       blocks;     /* blocks used on the medium, or -1 */
} KsSaveInfo;

KsSaveInfo *ks_save_info_new  (guint       index,
                               const char *name,
                               guint64     size);
void        ks_save_info_free (KsSaveInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSaveInfo, ks_save_info_free)

typedef struct _KsFormat KsFormat;

struct _KsFormat
{
  /* stable identifier used in JSON output and --format overrides */
  const char *id;
  /* human name, marked with N_() for translation */
  const char *name;
  /* platform shown beside it: "GBA", "GB", "Saturn" */
  const char *platform;

  /* How sure the format is that @data is one of its images: 0 = not mine,
   * 100 = a magic number matched.  @file_name may be NULL. */
  guint      (*probe)      (const guint8 *data,
                            gsize         size,
                            const char   *file_name);
  gpointer   (*load)       (GBytes       *image,
                            GError      **error);
  void       (*free)       (gpointer      self);
  /* Summary facts for `info` (string, integer and boolean values). */
  void       (*describe)   (gpointer      self,
                            GVariantDict *summary);
  void       (*verify)     (gpointer      self,
                            GPtrArray    *findings);
  GBytes    *(*serialize)  (gpointer      self,
                            GError      **error);

  /* Optional: formats that hold several saves. */
  GPtrArray *(*list)       (gpointer      self);           /* of KsSaveInfo */
  gint64     (*free_space) (gpointer      self);           /* bytes, or -1 */
  /* The save's bytes as a stand-alone file; the format may choose the file
   * kind from @out_name's extension (.sav, .BUP, anything else = raw). */
  GBytes    *(*extract)    (gpointer      self,
                            guint         index,
                            const char   *out_name,
                            GError      **error);
  /* Add a save read from a file (@file_name gives its kind and a default
   * name); @name overrides the name when not NULL. */
  gboolean   (*insert)     (gpointer      self,
                            GBytes       *file,
                            const char   *file_name,
                            const char   *name,
                            GError      **error);
  gboolean   (*remove)     (gpointer      self,
                            guint         index,
                            GError      **error);
};

const KsFormat *const *ks_formats_all    (guint        *n_formats);
const KsFormat        *ks_format_lookup  (const char   *id);
const KsFormat        *ks_format_detect  (const guint8 *data,
                                          gsize         size,
                                          const char   *file_name);

G_END_DECLS
