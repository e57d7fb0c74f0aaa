/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-partition.h — a Saturn backup-RAM partition over logical bytes
 *
 * The format of spec saturn.md §1, shared by internal RAM, backup carts and
 * the decoded Action Replay partition: blocks of B bytes, block 0 "BackUpRam
 * Format", block 1 zero, each save a start block and a block list read as
 * one chain stream (§1.4).  The partition owns a copy of the bytes; edits
 * change them in place, and everything not touched stays as it was.
 */
#pragma once

#include <glib.h>

#include "ks-saturn-save.h"

G_BEGIN_DECLS

/* §1.2: block 0 holds this 16-byte string, repeated */
#define KS_SATURN_FORMAT_MAGIC      "BackUpRam Format"
#define KS_SATURN_FORMAT_MAGIC_SIZE 16

typedef struct _KsSaturnPartition KsSaturnPartition;

typedef enum
{
  KS_SATURN_PARTITION_FLAGS_NONE = 0,
  /* BIOS devices must have "BackUpRam Format" in block 0; the decoded Action
   * Replay partition may not (§3.5). */
  KS_SATURN_PARTITION_REQUIRE_FORMAT = 1 << 0,
  /* The partition lies in flash and nothing records where it ends (the
   * uncompressed Action Replay area, §3.6): the first block from 2 whose
   * tag no backup RAM block has (erased flash reads FF FF FF FF) ends the
   * saves; it and the blocks after it are free and never start a save. */
  KS_SATURN_PARTITION_FLASH          = 1 << 1,
} KsSaturnPartitionFlags;

KsSaturnPartition *ks_saturn_partition_new          (const guint8             *logical,
                                                     gsize                     size,
                                                     guint                     block_size,
                                                     KsSaturnPartitionFlags    flags,
                                                     GError                  **error);
void               ks_saturn_partition_free         (KsSaturnPartition        *self);
void               ks_saturn_partition_set_label    (KsSaturnPartition        *self,
                                                     const char               *label);

const guint8      *ks_saturn_partition_get_data     (KsSaturnPartition        *self,
                                                     gsize                    *size);
guint              ks_saturn_partition_get_block_size (KsSaturnPartition      *self);
guint              ks_saturn_partition_get_n_blocks (KsSaturnPartition        *self);
gboolean           ks_saturn_partition_is_formatted (KsSaturnPartition        *self);
guint              ks_saturn_partition_get_free_blocks (KsSaturnPartition     *self);
guint64            ks_saturn_partition_get_free_bytes (KsSaturnPartition      *self);

guint              ks_saturn_partition_get_n_saves  (KsSaturnPartition        *self);
const KsSaturnSaveMeta *ks_saturn_partition_get_meta (KsSaturnPartition       *self,
                                                     guint                     index);
guint              ks_saturn_partition_get_start    (KsSaturnPartition        *self,
                                                     guint                     index);
guint              ks_saturn_partition_get_chain    (KsSaturnPartition        *self,
                                                     guint                     index,
                                                     const guint16           **list);
GPtrArray         *ks_saturn_partition_list         (KsSaturnPartition        *self,
                                                     guint                     first_index);
gint               ks_saturn_partition_find         (KsSaturnPartition        *self,
                                                     const guint8             *name);
GBytes            *ks_saturn_partition_read         (KsSaturnPartition        *self,
                                                     guint                     index,
                                                     GError                  **error);
gboolean           ks_saturn_partition_write        (KsSaturnPartition        *self,
                                                     const KsSaturnSaveMeta   *meta,
                                                     GBytes                   *payload,
                                                     GError                  **error);
gboolean           ks_saturn_partition_delete       (KsSaturnPartition        *self,
                                                     guint                     index,
                                                     gboolean                  wipe,
                                                     GError                  **error);
void               ks_saturn_partition_verify       (KsSaturnPartition        *self,
                                                     GPtrArray                *findings);

guint              ks_saturn_block_count            (guint64                   size,
                                                     guint                     block_size);
void               ks_saturn_partition_format       (guint8                   *logical,
                                                     gsize                     size,
                                                     guint                     block_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSaturnPartition, ks_saturn_partition_free)

G_END_DECLS
