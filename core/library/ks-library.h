/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-library.h — the backup library: every copy Keepsake keeps of a save
 *
 * A folder (by default $XDG_DATA_HOME/keepsake/backups) holding each content
 * once, named by its SHA-256 (objects/ab/abcdef….bin), and an index
 * (index.ini, a GKeyFile with one group per backup) saying where and when
 * each backup came from.  Write protocol step 1 (DESIGN.md) lands here.
 *
 * Thread-safe: jobs on different devices store backups at the same time.
 */
#pragma once

#include <gio/gio.h>

#include "ks-format.h"

G_BEGIN_DECLS

#define KS_LIBRARY_ERROR (ks_library_error_quark ())

typedef enum
{
  KS_LIBRARY_ERROR_NOT_FOUND,   /* no backup has that id */
  KS_LIBRARY_ERROR_AMBIGUOUS,   /* the id prefix names more than one */
  KS_LIBRARY_ERROR_DAMAGED,     /* the stored bytes no longer match their SHA-256 */
  KS_LIBRARY_ERROR_INDEX,       /* the index cannot be read */
} KsLibraryError;

typedef enum
{
  KS_BACKUP_REASON_MANUAL,        /* the user asked for it */
  KS_BACKUP_REASON_BEFORE_WRITE,  /* write protocol step 1 */
  KS_BACKUP_REASON_EDITED,        /* a changed copy of another backup (the original stays) */
} KsBackupReason;

typedef struct
{
  char           *id;         /* "20261121T014747.123456Z-ab12cd34" */
  GDateTime      *time;       /* UTC */
  char           *source;     /* device description, port or file path */
  char           *title;      /* cart title or game; "" when unknown */
  char           *format_id;  /* "" when unknown */
  guint64         size;
  char           *sha256;     /* lower-case hex */
  KsBackupReason  reason;
} KsBackupEntry;

#define KS_TYPE_LIBRARY (ks_library_get_type ())

G_DECLARE_FINAL_TYPE (KsLibrary, ks_library, KS, LIBRARY, GObject)

GQuark         ks_library_error_quark      (void);

/* $XDG_DATA_HOME/keepsake/backups */
char          *ks_library_default_path     (void);
/* The one answer to "where is the backup library?", for the window and
 * keepsake-cli alike: the "backup-folder" setting when it is set (read
 * from @settings, or, when NULL, from the app's schema if it is
 * installed), else $KEEPSAKE_LIBRARY_DIR, else ks_library_default_path(). */
char          *ks_library_find_path        (GSettings       *settings);
/* @path: the library folder; created on the first backup. */
KsLibrary     *ks_library_new              (const char      *path);
const char    *ks_library_get_path         (KsLibrary       *self);

/* Stores @content.  A before-write backup whose content this source already
 * has in the library is not stored again: the existing entry is returned.
 * A manual backup always gets an entry of its own (the bytes are still
 * stored once). */
KsBackupEntry *ks_library_add              (KsLibrary       *self,
                                            GBytes          *content,
                                            const char      *source,
                                            const char      *title,
                                            const char      *format_id,
                                            KsBackupReason   reason,
                                            GError         **error);
/* Newest first; @source and @title filter when not NULL. */
GPtrArray     *ks_library_list             (KsLibrary       *self,
                                            const char      *source,
                                            const char      *title,
                                            GError         **error);
/* An id or an unambiguous prefix of one */
KsBackupEntry *ks_library_lookup           (KsLibrary       *self,
                                            const char      *id,
                                            GError         **error);
/* Whether a backup with this content (SHA-256, lower-case hex) is stored:
 * in the index and its bytes on disk. */
gboolean       ks_library_has_content      (KsLibrary       *self,
                                            const char      *sha256);
/* The newest backup of @source, or NULL (no error) when there is none. */
KsBackupEntry *ks_library_latest           (KsLibrary       *self,
                                            const char      *source,
                                            GError         **error);
/* The stored bytes, checked against their SHA-256. */
GBytes        *ks_library_load             (KsLibrary       *self,
                                            const KsBackupEntry *entry,
                                            GError         **error);
/* Removes backups older than @max_age (0: any age) and beyond the newest
 * @keep (0: any number) per source and title, but never the newest one of
 * a source and title.  Returns how many were removed, or -1. */
gint           ks_library_prune            (KsLibrary       *self,
                                            GTimeSpan        max_age,
                                            guint            keep,
                                            GError         **error);

/* What changed since the previous backup of the same cart, in a sentence;
 * NULL (no error) for the first one (ks-backup-diff.c) */
char          *ks_library_describe_changes (KsLibrary       *self,
                                            const KsBackupEntry *entry,
                                            GError         **error);

/* The format to open @content, the bytes of @entry, in: the format id
 * stored with it while that format still recognises the bytes, else NULL:
 * open them as any file (detected from the bytes, or as a target cart
 * calls for).  The stored id says what the bytes were taken for, not what
 * they are (ks-backup-format.c).  Returns @entry's string. */
const char    *ks_backup_entry_format_for_content (const KsBackupEntry *entry,
                                                   GBytes              *content);
/* The format @content, the bytes of @entry, are, to show a person: the
 * stored one while it recognises them, else the format of the same
 * platform that claims them most surely, else what detection says; NULL
 * when nothing recognises them */
const KsFormat *ks_backup_entry_content_format   (const KsBackupEntry *entry,
                                                  GBytes              *content);
KsBackupEntry *ks_backup_entry_copy        (const KsBackupEntry *entry);
/* "2026-11-21 10:22:07" in local time */
char          *ks_backup_entry_dup_when    (const KsBackupEntry *entry);
void           ks_backup_entry_free        (KsBackupEntry   *entry);
const char    *ks_backup_reason_to_string  (KsBackupReason   reason);
/* "Backed up by hand", "Kept before a write", "Edited copy of a backup" */
const char    *ks_backup_reason_describe   (KsBackupReason   reason);
/* "2026-11-21T01:47:47Z" */
char          *ks_backup_entry_format_time (const KsBackupEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsBackupEntry, ks_backup_entry_free)

G_END_DECLS
