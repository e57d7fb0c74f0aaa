/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-container.h — an opened image: its format, its bytes, its saves
 *
 * The one object the CLI, devices and jobs use to look inside an image
 * without knowing its format.  Edits happen in memory; build_verified()
 * produces the new bytes only when the format's verifier passes them
 * (DESIGN.md, write protocol step 2).
 */
#pragma once

#include <glib.h>

#include "ks-format.h"

G_BEGIN_DECLS

typedef struct _KsContainer KsContainer;

KsContainer    *ks_container_new_from_bytes (GBytes        *bytes,
                                             const char    *file_name,
                                             const char    *format_id,
                                             GError       **error);
KsContainer    *ks_container_new_with_format (GBytes        *bytes,
                                             const char    *file_name,
                                             const KsFormat *format,
                                             GError       **error);
KsContainer    *ks_container_ref            (KsContainer   *self);
void            ks_container_unref          (KsContainer   *self);

const KsFormat *ks_container_get_format     (KsContainer   *self);
gpointer        ks_container_get_impl       (KsContainer   *self);
GBytes         *ks_container_get_original   (KsContainer   *self);
const char     *ks_container_get_file_name  (KsContainer   *self);
gboolean        ks_container_is_modified    (KsContainer   *self);

GVariant       *ks_container_describe       (KsContainer   *self);
GPtrArray      *ks_container_verify         (KsContainer   *self);
gboolean        ks_container_has_saves      (KsContainer   *self);
GPtrArray      *ks_container_list           (KsContainer   *self,
                                             GError       **error);
gint64          ks_container_free_space     (KsContainer   *self);
gboolean        ks_container_find_save      (KsContainer   *self,
                                             const char    *index_or_name,
                                             guint         *index,
                                             GError       **error);
GBytes         *ks_container_extract        (KsContainer   *self,
                                             guint          index,
                                             const char    *out_name,
                                             GError       **error);
gboolean        ks_container_insert         (KsContainer   *self,
                                             GBytes        *file,
                                             const char    *file_name,
                                             const char    *name,
                                             GError       **error);
gboolean        ks_container_remove         (KsContainer   *self,
                                             guint          index,
                                             GError       **error);
void            ks_container_mark_modified  (KsContainer   *self);
GBytes         *ks_container_build_verified (KsContainer   *self,
                                             gboolean       force,
                                             GPtrArray    **findings_out,
                                             GError       **error);

char           *ks_sha256_hex               (GBytes        *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsContainer, ks_container_unref)

G_END_DECLS
