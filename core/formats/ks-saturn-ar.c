/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-ar.c — Action Replay 4M Plus flash dumps (spec saturn.md §3)
 *
 *   0x00000  "SEGA SEGASATURN" …  firmware ("ACTION REPLAY" at 0x50)
 *   0x20000  "RLE01" K size | RLE01 payload            (§3.3, §3.4)
 *            … 0xFF up to 0x40000, the end of the flash
 *
 * The RLE01 stream decodes to one §1 partition with 64-byte blocks (§3.5);
 * saves are read, inserted and deleted there, and the whole partition is
 * re-encoded on writing.  The firmware (0x00000–0x1FFFF) is never touched;
 * after the new stream the flash is 0xFF; a stream that would pass 0x40000
 * is refused.  Other partitions are shown read-only with the reason: the
 * uncompressed layout of §3.6 (read, not produced), DEF01/DEF02 and
 * chained headers (§3.7, undocumented), a stream that does not decode, or
 * none at all.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-saturn-ar.h"
#include "ks-saturn-partition.h"
#include "ks-saturn-rle01.h"
#include "ks-saturn-save.h"

/* §3.1 detection */
#define SEGA_MAGIC          "SEGA SEGASATURN"
#define SEGA_MAGIC_SIZE     15
#define AR_MAGIC            "ACTION REPLAY"
#define AR_MAGIC_OFFSET     0x50
#define AR_MAGIC_SIZE       13
/* §3.3, §3.7: headers that may start the partition */
#define RLE01_MAGIC         "RLE01"
#define DEF_MAGIC_PREFIX    "DEF0"
#define HEADER_MAGIC_SIZE   5
/* §4.3: erased flash reads 0xFF */
#define ERASED              0xFF
/* The most a partition of 64-byte blocks can address (u16 block numbers) */
#define MAX_DECODED_SIZE    (65536 * KS_SATURN_AR_BLOCK_SIZE)

typedef enum
{
  AR_RLE01,          /* writable */
  AR_UNCOMPRESSED,   /* §3.6 */
  AR_DEF,            /* §3.7, or several headers in a row */
  AR_BROKEN,         /* RLE01 that does not decode */
  AR_NONE,           /* erased or unknown bytes at 0x20000 */
} ArKind;

typedef struct
{
  GBytes            *original;
  gsize              flash_end;       /* MIN (file size, 0x40000) */
  ArKind             kind;
  char              *headers;         /* e.g. "RLE01 + DEF02", for messages */
  KsRle01Info        rle;
  KsRle01Status      status;
  KsSaturnPartition *partition;       /* AR_RLE01 and AR_UNCOMPRESSED */
  GBytes            *tail;            /* decoded bytes past the last whole block */
  GBytes            *built;           /* the image after the last insert, until another edit */
  gboolean           modified;
} KsSaturnAr;

static guint
ar_probe (const guint8 *data,
          gsize         size,
          const char   *file_name)
{
  gboolean ar, sega;

  if (size < KS_SATURN_AR_PARTITION_OFFSET + KS_RLE01_HEADER_SIZE)
    return 0;

  ar = memcmp (data + AR_MAGIC_OFFSET, AR_MAGIC, AR_MAGIC_SIZE) == 0;
  sega = memcmp (data, SEGA_MAGIC, SEGA_MAGIC_SIZE) == 0;

  return ar ? (sega ? 100 : 90) : 0;
}

static void
ar_free (gpointer impl)
{
  KsSaturnAr *self = impl;

  g_clear_pointer (&self->partition, ks_saturn_partition_free);
  g_clear_pointer (&self->tail, g_bytes_unref);
  g_clear_pointer (&self->built, g_bytes_unref);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_free (self->headers);
  g_free (self);
}

static gboolean
is_header_magic (const guint8 *p,
                 gsize         available)
{
  return available >= HEADER_MAGIC_SIZE &&
         (memcmp (p, RLE01_MAGIC, HEADER_MAGIC_SIZE) == 0 ||
          memcmp (p, DEF_MAGIC_PREFIX, strlen (DEF_MAGIC_PREFIX)) == 0);
}

/* hitomi's reader loops over 10-byte headers in a row (§3.3); note them all. */
static void
read_headers (KsSaturnAr   *self,
              const guint8 *start,
              gsize         available)
{
  GString *names = g_string_new (NULL);
  gsize pos = 0;
  gboolean def = FALSE;
  guint n = 0;

  while (pos + KS_RLE01_HEADER_SIZE <= available && is_header_magic (start + pos, available - pos))
    {
      if (names->len > 0)
        g_string_append (names, " + ");
      for (guint i = 0; i < HEADER_MAGIC_SIZE; i++)
        g_string_append_c (names, g_ascii_isprint (start[pos + i]) ? start[pos + i] : '?');
      def |= start[pos] == 'D';
      pos += KS_RLE01_HEADER_SIZE;
      n++;
    }

  self->headers = g_string_free (names, FALSE);
  if (def || n > 1)
    self->kind = AR_DEF;
}

static void
decode_rle01 (KsSaturnAr   *self,
              const guint8 *start,
              gsize         available)
{
  g_autoptr(GBytes) decoded = NULL;
  gsize decoded_size, whole;
  const guint8 *decoded_data;

  decoded = ks_rle01_decode (start, available, MAX_DECODED_SIZE, &self->rle, &self->status);
  if (decoded == NULL)
    {
      self->kind = AR_BROKEN;
      return;
    }

  decoded_data = g_bytes_get_data (decoded, &decoded_size);
  whole = decoded_size - decoded_size % KS_SATURN_AR_BLOCK_SIZE;
  self->partition = ks_saturn_partition_new (decoded_data, whole, KS_SATURN_AR_BLOCK_SIZE,
                                             KS_SATURN_PARTITION_FLAGS_NONE, NULL);
  if (self->partition == NULL)
    {
      /* fewer than three blocks: nothing a save could live in */
      self->kind = AR_BROKEN;
      self->status = KS_RLE01_OK;
      return;
    }

  self->tail = g_bytes_new_from_bytes (decoded, whole, decoded_size - whole);
  self->kind = AR_RLE01;
}

static gpointer
ar_load (GBytes  *image,
         GError **error)
{
  KsSaturnAr *self;
  gsize size, available;
  const guint8 *data = g_bytes_get_data (image, &size);
  const guint8 *start;

  if (size < KS_SATURN_AR_PARTITION_OFFSET + KS_RLE01_HEADER_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("An Action Replay flash dump is 262,144 bytes with its saves at 0x20000; "
                     "this file is %zu bytes, too short to hold them."), size);
      return NULL;
    }

  self = g_new0 (KsSaturnAr, 1);
  self->original = g_bytes_ref (image);
  self->flash_end = MIN (size, (gsize) KS_SATURN_AR_FLASH_SIZE);
  start = data + KS_SATURN_AR_PARTITION_OFFSET;
  available = self->flash_end - KS_SATURN_AR_PARTITION_OFFSET;

  if (available >= KS_SATURN_FORMAT_MAGIC_SIZE &&
      memcmp (start, KS_SATURN_FORMAT_MAGIC, KS_SATURN_FORMAT_MAGIC_SIZE) == 0)
    {
      /* §3.6: read it as the 64-byte-block image it is, up to the end of the
       * flash; erased flash after the saves is free blocks, not saves */
      self->kind = AR_UNCOMPRESSED;
      self->headers = g_strdup ("");
      self->partition = ks_saturn_partition_new (start,
                                                 available - available % KS_SATURN_AR_BLOCK_SIZE,
                                                 KS_SATURN_AR_BLOCK_SIZE,
                                                 KS_SATURN_PARTITION_FLASH, NULL);
      if (self->partition == NULL)
        self->kind = AR_NONE;
      return self;
    }

  self->kind = AR_NONE;
  read_headers (self, start, available);
  if (self->kind == AR_NONE && memcmp (start, RLE01_MAGIC, HEADER_MAGIC_SIZE) == 0)
    decode_rle01 (self, start, available);

  return self;
}

/* Why the partition cannot be changed, or NULL when it can. */
static char *
read_only_reason (KsSaturnAr *self)
{
  switch (self->kind)
    {
    case AR_RLE01:
      return NULL;
    case AR_UNCOMPRESSED:
      return g_strdup (_("This Action Replay holds its saves uncompressed at 0x20000, as Pseudo "
                         "Saturn Kai leaves them; Keepsake reads that layout but does not "
                         "write it."));
    case AR_DEF:
      return g_strdup_printf (_("The save partition starts with %s; no one has documented that "
                                "compression, so Keepsake shows the image but does not change "
                                "it."), self->headers);
    case AR_BROKEN:
      return g_strdup (_("The RLE01 save partition at 0x20000 does not decode; Keepsake does "
                         "not rewrite it. Run verify for the details."));
    case AR_NONE:
    default:
      return g_strdup (_("There is no save partition at 0x20000 (no RLE01 header); Keepsake "
                         "does not create one."));
    }
}

static const char *
kind_name (ArKind kind)
{
  switch (kind)
    {
    case AR_RLE01:
      return "rle01";
    case AR_UNCOMPRESSED:
      return "uncompressed";
    case AR_DEF:
      return "def";
    case AR_BROKEN:
      return "broken";
    case AR_NONE:
    default:
      return "none";
    }
}

static void
ar_describe (gpointer      impl,
             GVariantDict *summary)
{
  KsSaturnAr *self = impl;
  g_autofree char *reason = read_only_reason (self);

  g_variant_dict_insert (summary, "partition", "s", kind_name (self->kind));
  g_variant_dict_insert (summary, "read_only", "b", reason != NULL);
  if (reason != NULL)
    g_variant_dict_insert (summary, "read_only_reason", "s", reason);

  if (self->kind == AR_RLE01 || self->kind == AR_BROKEN)
    {
      g_variant_dict_insert (summary, "rle01_key", "u", (guint) self->rle.key);
      g_variant_dict_insert (summary, "compressed_size", "u", self->rle.compressed_size);
    }

  if (self->partition != NULL)
    {
      gsize decoded;

      ks_saturn_partition_get_data (self->partition, &decoded);
      if (self->tail != NULL)
        decoded += g_bytes_get_size (self->tail);
      g_variant_dict_insert (summary, "decoded_size", "t", (guint64) decoded);
      g_variant_dict_insert (summary, "block_size", "u", KS_SATURN_AR_BLOCK_SIZE);
      g_variant_dict_insert (summary, "blocks", "u",
                             ks_saturn_partition_get_n_blocks (self->partition));
      g_variant_dict_insert (summary, "free_blocks", "u",
                             ks_saturn_partition_get_free_blocks (self->partition));
      g_variant_dict_insert (summary, "saves", "u",
                             ks_saturn_partition_get_n_saves (self->partition));
    }

  if (self->kind == AR_RLE01)
    g_variant_dict_insert (summary, "flash_free", "t",
                           (guint64) (self->flash_end - KS_SATURN_AR_PARTITION_OFFSET
                                      - self->rle.compressed_size));
}

static void
verify_rle01_status (KsSaturnAr *self,
                     GPtrArray  *findings)
{
  gsize available = self->flash_end - KS_SATURN_AR_PARTITION_OFFSET;

  switch (self->status)
    {
    case KS_RLE01_BAD_SIZE:
      ks_findings_add (findings, KS_SEVERITY_ERROR, "saturn-ar-rle01-size",
                       _("The RLE01 header at 0x20000 gives a size of %u bytes, less than the "
                         "10-byte header itself."), self->rle.compressed_size);
      break;
    case KS_RLE01_PAST_END:
      ks_findings_add (findings, KS_SEVERITY_ERROR, "saturn-ar-rle01-size",
                       _("The RLE01 stream at 0x20000 claims %u bytes, %" PRIu64
                         " past the end of the flash at 0x%zX."),
                       self->rle.compressed_size,
                       (guint64) self->rle.compressed_size - available,
                       self->flash_end);
      break;
    case KS_RLE01_CUT_ESCAPE:
      ks_findings_add (findings, KS_SEVERITY_ERROR, "saturn-ar-rle01-cut",
                       _("The RLE01 stream ends inside a run (after %zu"
                         " decoded bytes): the partition is incomplete."),
                       self->rle.decoded_size);
      break;
    case KS_RLE01_TOO_LONG:
      ks_findings_add (findings, KS_SEVERITY_ERROR, "saturn-ar-rle01-too-long",
                       _("The RLE01 stream decodes to more than %u bytes, more than a partition "
                         "of 64-byte blocks can address."), MAX_DECODED_SIZE);
      break;
    case KS_RLE01_OK:
      ks_findings_add (findings, KS_SEVERITY_ERROR, "saturn-ar-rle01-too-short",
                       _("The RLE01 stream decodes to %zu bytes, too few for "
                         "a save partition."), self->rle.decoded_size);
      break;
    case KS_RLE01_NO_MAGIC:
    case KS_RLE01_SHORT_HEADER:
    default:
      break;
    }
}

static void
ar_verify (gpointer   impl,
           GPtrArray *findings)
{
  KsSaturnAr *self = impl;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->original, &size);

  if (memcmp (data + AR_MAGIC_OFFSET, AR_MAGIC, AR_MAGIC_SIZE) != 0 ||
      memcmp (data, SEGA_MAGIC, SEGA_MAGIC_SIZE) != 0)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "saturn-ar-no-magic",
                     _("The firmware lacks “SEGA SEGASATURN” at 0 or “ACTION REPLAY” at 0x50; "
                       "this may not be an Action Replay dump."));

  if (size != KS_SATURN_AR_FLASH_SIZE)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "saturn-ar-size",
                     _("The dump is %zu bytes; the Action Replay's flash is "
                       "262,144. Bytes past 0x40000 are kept but are not flash."), size);

  switch (self->kind)
    {
    case AR_BROKEN:
      verify_rle01_status (self, findings);
      break;
    case AR_DEF:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "saturn-ar-def-compression",
                       _("The save partition starts with %s, a compression no one has "
                         "documented; its saves cannot be listed and the image is read-only."),
                       self->headers);
      break;
    case AR_NONE:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "saturn-ar-no-partition",
                       _("There is no RLE01 save partition at 0x20000; the image is "
                         "read-only."));
      break;
    case AR_UNCOMPRESSED:
      ks_findings_add (findings, KS_SEVERITY_INFO, "saturn-ar-uncompressed",
                       _("The save partition at 0x20000 is not compressed (as Pseudo Saturn Kai "
                         "leaves it); it is read-only here."));
      break;
    case AR_RLE01:
    default:
      {
        gsize decoded;

        ks_saturn_partition_get_data (self->partition, &decoded);
        decoded += g_bytes_get_size (self->tail);
        if (decoded != KS_SATURN_AR_DECODED_SIZE)
          ks_findings_add (findings,
                           decoded % KS_SATURN_AR_BLOCK_SIZE != 0 ? KS_SEVERITY_WARNING
                                                                   : KS_SEVERITY_INFO,
                           "saturn-ar-decoded-size",
                           _("The partition decodes to %zu bytes, not the "
                             "usual 524,288; it is kept at that length."), decoded);
      }
      break;
    }

  if (self->partition != NULL)
    ks_saturn_partition_verify (self->partition, findings);
}

/* §3.5: the partition re-encoded, at 0x20000, 0xFF after it; the firmware
 * and anything past the flash kept byte for byte.  NULL with the overflow
 * when it does not fit. */
static GBytes *
build_image (KsSaturnAr  *self,
             GError     **error)
{
  g_autoptr(GByteArray) decoded = g_byte_array_new ();
  g_autoptr(GBytes) stream = NULL;
  gsize partition_size, stream_size, room, size;
  const guint8 *partition_data;
  guint8 *out;

  partition_data = ks_saturn_partition_get_data (self->partition, &partition_size);
  g_byte_array_append (decoded, partition_data, partition_size);
  g_byte_array_append (decoded, g_bytes_get_data (self->tail, NULL), g_bytes_get_size (self->tail));

  stream = ks_rle01_encode (decoded->data, decoded->len);
  stream_size = g_bytes_get_size (stream);
  room = self->flash_end - KS_SATURN_AR_PARTITION_OFFSET;

  if (stream_size > room)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE,
                   _("The saves do not fit in the Action Replay's flash: compressed they take "
                     "%zu bytes, %zu bytes over the %zu"
                     " from 0x20000 to the end of the flash. Delete a save or "
                     "choose a smaller one."),
                   stream_size, stream_size - room, room);
      return NULL;
    }

  out = g_bytes_unref_to_data (g_bytes_ref (self->original), &size);
  memcpy (out + KS_SATURN_AR_PARTITION_OFFSET, g_bytes_get_data (stream, NULL), stream_size);
  memset (out + KS_SATURN_AR_PARTITION_OFFSET + stream_size, ERASED, room - stream_size);

  return g_bytes_new_take (out, size);
}

static GBytes *
ar_serialize (gpointer  impl,
              GError  **error)
{
  KsSaturnAr *self = impl;

  if (!self->modified)
    return g_bytes_ref (self->original);
  if (self->built != NULL)
    return g_bytes_ref (self->built);

  return build_image (self, error);
}

static GPtrArray *
ar_list (gpointer impl)
{
  KsSaturnAr *self = impl;

  if (self->partition == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  return ks_saturn_partition_list (self->partition, 0);
}

/* Room in the partition; the compressed flash may hold less (insert says). */
static gint64
ar_free_space (gpointer impl)
{
  KsSaturnAr *self = impl;

  if (self->kind != AR_RLE01)
    return 0;

  return (gint64) ks_saturn_partition_get_free_bytes (self->partition);
}

static GBytes *
ar_extract (gpointer     impl,
            guint        index,
            const char  *out_name,
            GError     **error)
{
  KsSaturnAr *self = impl;
  g_autoptr(GBytes) payload = NULL;

  if (self->partition == NULL)
    {
      g_autofree char *reason = read_only_reason (self);

      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED, "%s", reason);
      return NULL;
    }

  payload = ks_saturn_partition_read (self->partition, index, error);
  if (payload == NULL)
    return NULL;

  return ks_saturn_save_export (ks_saturn_partition_get_meta (self->partition, index), payload,
                                ks_saturn_partition_get_chain (self->partition, index, NULL),
                                out_name);
}

static gboolean
check_writable (KsSaturnAr  *self,
                GError     **error)
{
  g_autofree char *reason = read_only_reason (self);

  if (reason == NULL)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED, "%s", reason);
  return FALSE;
}

/* The flash limit is checked here, so a save that does not fit is refused
 * at once and the partition left as it was. */
static gboolean
ar_insert (gpointer     impl,
           GBytes      *file,
           const char  *file_name,
           const char  *name,
           GError     **error)
{
  KsSaturnAr *self = impl;
  g_autoptr(GBytes) payload = NULL;
  GBytes *image;
  g_autofree guint8 *before = NULL;
  const guint8 *data;
  KsSaturnSaveMeta meta;
  gsize size;

  if (!check_writable (self, error) ||
      !ks_saturn_save_import (file, file_name, name, &meta, &payload, error))
    return FALSE;

  data = ks_saturn_partition_get_data (self->partition, &size);
  before = g_memdup2 (data, size);
  if (!ks_saturn_partition_write (self->partition, &meta, payload, error))
    return FALSE;

  image = build_image (self, error);
  if (image == NULL)
    {
      ks_saturn_partition_free (self->partition);
      self->partition = ks_saturn_partition_new (before, size, KS_SATURN_AR_BLOCK_SIZE,
                                                 KS_SATURN_PARTITION_FLAGS_NONE, NULL);
      return FALSE;
    }

  g_clear_pointer (&self->built, g_bytes_unref);
  self->built = image;
  self->modified = TRUE;
  return TRUE;
}

/* The freed blocks are zeroed: on the Action Replay stale bytes would only
 * take room in the compressed flash. */
static gboolean
ar_remove (gpointer     impl,
           guint        index,
           GError     **error)
{
  KsSaturnAr *self = impl;

  if (!check_writable (self, error) ||
      !ks_saturn_partition_delete (self->partition, index, TRUE, error))
    return FALSE;

  g_clear_pointer (&self->built, g_bytes_unref);
  self->modified = TRUE;
  return TRUE;
}

const KsFormat ks_saturn_ar_format = {
  .id = "saturn-ar",
  .name = N_("Saturn Action Replay flash"),
  .platform = "Saturn",
  .probe = ar_probe,
  .load = ar_load,
  .free = ar_free,
  .describe = ar_describe,
  .verify = ar_verify,
  .serialize = ar_serialize,
  .list = ar_list,
  .free_space = ar_free_space,
  .extract = ar_extract,
  .insert = ar_insert,
  .remove = ar_remove,
};
