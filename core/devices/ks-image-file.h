/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-image-file.h — image files on disk: bounded reads and the file write path
 *
 * ks_image_file_replace() is the only code that writes a save file.  It keeps
 * the previous content, writes a temporary file beside the target, syncs it,
 * renames it over the target and reads the result back (DESIGN.md, write
 * protocol steps 1, 3, 4 and 5; step 2 is ks_container_build_verified()).
 * ks_image_file_replace_full() is the same path; KS_IMAGE_FILE_NO_BAK leaves
 * step 1 to the caller (the jobs keep the previous content in the backup
 * library, ks-library.h).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KS_IMAGE_FILE_ERROR (ks_image_file_error_quark ())

typedef enum
{
  KS_IMAGE_FILE_ERROR_TOO_LARGE,
  KS_IMAGE_FILE_ERROR_NOT_REGULAR,
  KS_IMAGE_FILE_ERROR_READBACK,
} KsImageFileError;

/* The largest image Keepsake opens: a byte-expanded 4 MiB Saturn cart is 8 MiB. */
#define KS_IMAGE_FILE_MAX_SIZE (64u * 1024u * 1024u)

typedef struct
{
  char    *backup_path;     /* where the previous content was kept, or NULL */
  guint64  bytes_written;   /* 0 when the file already held this content */
  gboolean verified;        /* read back and equal */
  gint64   elapsed_usec;
} KsWriteReport;

typedef enum
{
  KS_IMAGE_FILE_DEFAULT = 0,
  /* The caller keeps the previous content elsewhere (the backup library
   * keeps it for the jobs; the library's own index needs no copy), so no
   * NAME.bak is written. */
  KS_IMAGE_FILE_NO_BAK  = 1 << 0,
} KsImageFileFlags;

GQuark   ks_image_file_error_quark (void);

GBytes  *ks_image_file_load        (const char     *path,
                                    GError        **error);
gboolean ks_image_file_replace     (const char     *path,
                                    GBytes         *content,
                                    KsWriteReport  *report,
                                    GError        **error);
gboolean ks_image_file_replace_full (const char      *path,
                                     GBytes          *content,
                                     KsImageFileFlags flags,
                                     KsWriteReport   *report,
                                     GError         **error);
gboolean ks_image_file_create      (const char     *path,
                                    GBytes         *content,
                                    KsWriteReport  *report,
                                    GError        **error);
char    *ks_image_file_unique_path (const char     *path);
void     ks_write_report_clear     (KsWriteReport  *report);

G_END_DECLS
