/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-bup.c — .BUP files, Pseudo Saturn Kai's "Vmem" single save
 * (spec saturn.md §5)
 *
 *   0x00 "Vmem"  0x04 save_id  0x08 stats[4]  0x0C unused
 *   0x10 name[11] + 1 (junk allowed)  0x1C comment[10] + 1  0x27 language
 *   0x28 date  0x2C datasize  0x30 blocksize  0x32 pad  0x34 date again
 *   0x38 unused[8]  0x40 payload
 *
 * Reading believes only the BupDir fields; 0x30–0x3F are never validated
 * (tools write junk there).  Writing puts in the number of blocks the save
 * occupies on the device it was read from — what BUP_Dir reports and what
 * the real samples carry — or 0 when it came from no device.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-format.h"
#include "ks-saturn-bup.h"
#include "ks-saturn-date.h"
#include "ks-saturn-text.h"

/* §5 offsets */
#define BUP_MAGIC          "Vmem"
#define BUP_MAGIC_SIZE     4
#define BUP_SAVE_ID        0x04
#define BUP_NAME           0x10
#define BUP_COMMENT        0x1C
#define BUP_LANGUAGE       0x27
#define BUP_DATE           0x28
#define BUP_DATA_SIZE      0x2C
#define BUP_BLOCK_SIZE     0x30
#define BUP_DATE_AGAIN     0x34

gboolean
ks_bup_has_magic (const guint8 *data,
                  gsize         size)
{
  return size >= BUP_MAGIC_SIZE && memcmp (data, BUP_MAGIC, BUP_MAGIC_SIZE) == 0;
}

gboolean
ks_bup_is_bup_name (const char *file_name)
{
  gsize length;

  if (file_name == NULL)
    return FALSE;

  length = strlen (file_name);
  return length >= 4 && g_ascii_strcasecmp (file_name + length - 4, ".bup") == 0;
}

gboolean
ks_bup_read_header (const guint8  *data,
                    gsize          size,
                    KsBupHeader   *header,
                    GError       **error)
{
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  if (!ks_bup_has_magic (data, size))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("This is not a .BUP file: it does not start with “Vmem”."));
      return FALSE;
    }

  if (size < KS_BUP_HEADER_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("This .BUP file is %zu bytes, shorter than its "
                     "64-byte header."), size);
      return FALSE;
    }

  memset (header, 0, sizeof *header);
  memcpy (header->meta.name, data + BUP_NAME, KS_SATURN_NAME_SIZE);
  memcpy (header->meta.comment, data + BUP_COMMENT, KS_SATURN_COMMENT_SIZE);
  header->meta.language = data[BUP_LANGUAGE];
  /* §5: 0x34 is when PSKai started; it stands in only for a missing date */
  header->meta.date = ks_read_be32 (data + BUP_DATE);
  if (header->meta.date == 0)
    header->meta.date = ks_read_be32 (data + BUP_DATE_AGAIN);
  header->meta.size = ks_read_be32 (data + BUP_DATA_SIZE);
  header->save_id = ks_read_be32 (data + BUP_SAVE_ID);
  header->blocks = ks_read_be16 (data + BUP_BLOCK_SIZE);
  header->payload_available = size - KS_BUP_HEADER_SIZE;

  return TRUE;
}

/* A clean header: NUL after the name and the comment, zero counters. */
GBytes *
ks_bup_build (const KsSaturnSaveMeta *meta,
              const guint8           *payload,
              guint                   blocks)
{
  guint8 *file;

  g_return_val_if_fail (meta != NULL, NULL);
  g_return_val_if_fail (payload != NULL || meta->size == 0, NULL);

  file = g_malloc0 ((gsize) KS_BUP_HEADER_SIZE + meta->size);
  memcpy (file, BUP_MAGIC, BUP_MAGIC_SIZE);
  memcpy (file + BUP_NAME, meta->name, KS_SATURN_NAME_SIZE);
  memcpy (file + BUP_COMMENT, meta->comment, KS_SATURN_COMMENT_SIZE);
  file[BUP_LANGUAGE] = meta->language;
  ks_write_be32 (file + BUP_DATE, meta->date);
  ks_write_be32 (file + BUP_DATA_SIZE, meta->size);
  ks_write_be16 (file + BUP_BLOCK_SIZE, (guint16) MIN (blocks, G_MAXUINT16));
  ks_write_be32 (file + BUP_DATE_AGAIN, meta->date);
  if (meta->size > 0)
    memcpy (file + KS_BUP_HEADER_SIZE, payload, meta->size);

  return g_bytes_new_take (file, (gsize) KS_BUP_HEADER_SIZE + meta->size);
}

/* ---- the KsFormat: a .BUP file on its own ---- */

typedef struct
{
  GBytes      *original;
  KsBupHeader  header;
} KsBupFile;

static guint
bup_probe (const guint8 *data,
           gsize         size,
           const char   *file_name)
{
  return size >= KS_BUP_HEADER_SIZE && ks_bup_has_magic (data, size) ? 100 : 0;
}

static void
bup_free (gpointer impl)
{
  KsBupFile *self = impl;

  g_bytes_unref (self->original);
  g_free (self);
}

static gpointer
bup_load (GBytes  *image,
          GError **error)
{
  KsBupFile *self;
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);
  KsBupHeader header;

  if (!ks_bup_read_header (data, size, &header, error))
    return NULL;

  self = g_new0 (KsBupFile, 1);
  self->original = g_bytes_ref (image);
  self->header = header;

  return self;
}

static void
bup_describe (gpointer      impl,
              GVariantDict *summary)
{
  KsBupFile *self = impl;
  g_autoptr(KsSaveInfo) info = ks_saturn_save_info_new (0, &self->header.meta, -1);

  g_variant_dict_insert (summary, "name", "s", info->name);
  g_variant_dict_insert (summary, "comment", "s", info->comment);
  g_variant_dict_insert (summary, "language", "s", info->language);
  if (info->date != NULL)
    {
      g_autofree char *date = g_date_time_format (info->date, "%Y-%m-%d %H:%M");

      g_variant_dict_insert (summary, "date", "s", date);
    }
  g_variant_dict_insert (summary, "data_size", "u", self->header.meta.size);
  g_variant_dict_insert (summary, "header_blocks", "u", (guint) self->header.blocks);
  g_variant_dict_insert (summary, "save_id", "u", self->header.save_id);
}

static void
bup_verify (gpointer   impl,
            GPtrArray *findings)
{
  KsBupFile *self = impl;
  const KsBupHeader *header = &self->header;

  if (header->payload_available < header->meta.size)
    ks_findings_add (findings, KS_SEVERITY_ERROR, "bup-truncated",
                     _("The header promises %u bytes of save data but the file holds only "
                       "%zu; the save is cut short."),
                     header->meta.size, header->payload_available);
  else if (header->payload_available > header->meta.size)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "bup-trailing-bytes",
                     _("%zu bytes follow the %u bytes of save data; they are "
                       "kept but belong to no save."),
                     header->payload_available - header->meta.size, header->meta.size);

  if (header->meta.name[0] == 0)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "bup-empty-name",
                     _("The save has an empty name; a game cannot find it by name."));

  if (header->meta.language > 5)
    ks_findings_add (findings, KS_SEVERITY_INFO, "saturn-language",
                     _("The language byte is 0x%02X, not one of the six the BIOS knows; "
                       "games accept it."), header->meta.language);
}

/* A .BUP is never edited in place: the file is what it was. */
static GBytes *
bup_serialize (gpointer  impl,
               GError  **error)
{
  KsBupFile *self = impl;

  return g_bytes_ref (self->original);
}

const KsFormat ks_bup_format = {
  .id = "bup",
  .name = N_("Saturn .BUP file"),
  .platform = "Saturn",
  .probe = bup_probe,
  .load = bup_load,
  .free = bup_free,
  .describe = bup_describe,
  .verify = bup_verify,
  .serialize = bup_serialize,
};
