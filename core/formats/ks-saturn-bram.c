/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-bram.c — Saturn backup RAM image files (spec saturn.md §2)
 *
 *   logical    the bytes the BIOS sees: Mednafen .bkr (32 KiB), .bcr (512 KiB)
 *   expanded   logical byte i at offset 2i+1, a filler byte before it
 *              (Yabause/Kronos 0xFF, SSF, MiSTer — may be garbage, SAROO)
 *   gzip       either of the above, gzip-compressed (standalone Mednafen .bcr)
 *   MiSTer     expanded internal RAM followed by an expanded 512 KiB cart
 *
 * Detection follows §2: gzip magic → inflate; odd bytes "BackUpRam Format"
 * → expanded; "BackUpRam Format" at 0 → logical; then the logical size gives
 * the geometry (§1.1).  4 MiB is either a 32 Mbit cart (1 KiB blocks) or
 * YabaSanshiro's extended internal RAM (64-byte blocks): both are parsed and
 * the consistent one kept.  Fillers, unformatted MiSTer cart halves and the
 * original gzip bytes are kept, so an unedited image serialises unchanged.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-saturn-bram.h"
#include "ks-saturn-partition.h"
#include "ks-saturn-save.h"

/* §1.1 geometry, logical bytes */
#define INTERNAL_SIZE        0x8000
#define INTERNAL_BLOCK       64
#define CART_4M_SIZE         0x80000
#define CART_8M_SIZE         0x100000
#define CART_16M_SIZE        0x200000
#define CART_32M_SIZE        0x400000
#define CART_BLOCK           512
#define CART_32M_BLOCK       1024
/* §2: MiSTer's .sav, expanded internal RAM then an expanded 512 KiB cart */
#define MISTER_SIZE          (INTERNAL_SIZE + CART_4M_SIZE)
/* §2: the largest container, an expanded 32 Mbit cart */
#define MAX_PHYSICAL_SIZE    (2 * CART_32M_SIZE)
/* §2: Yabause and SAROO put 0xFF before each byte */
#define EXPANDED_FILLER      0xFF
#define GZIP_MAGIC_0         0x1F
#define GZIP_MAGIC_1         0x8B
/* Enough inflated bytes to see either layout's magic */
#define PROBE_PREFIX         (2 * KS_SATURN_FORMAT_MAGIC_SIZE)

typedef struct
{
  KsSaturnPartition *partition;   /* NULL: an unformatted MiSTer cart half, kept raw */
  gsize              offset;      /* in the logical image */
  gsize              size;
  const char        *label;       /* N_() */
} Region;

typedef struct
{
  GBytes   *original;             /* the file as read */
  GBytes   *physical;             /* inflated when gzip, else the file */
  gboolean  gzip;
  gboolean  expanded;
  guint8   *logical;
  gsize     logical_size;
  Region    regions[2];
  guint     n_regions;
  guint     rejected_block_size;  /* 4 MiB: the block size not chosen, else 0 */
  gboolean  block_size_tie;       /* 4 MiB: both read alike */
  gboolean  modified;
} KsSaturnBram;

static const struct
{
  gsize size;
  guint block_size;
} devices[] = {
  [KS_SATURN_DEVICE_INTERNAL] = { INTERNAL_SIZE, INTERNAL_BLOCK },
  [KS_SATURN_DEVICE_CART_4M] = { CART_4M_SIZE, CART_BLOCK },
  [KS_SATURN_DEVICE_CART_8M] = { CART_8M_SIZE, CART_BLOCK },
  [KS_SATURN_DEVICE_CART_16M] = { CART_16M_SIZE, CART_BLOCK },
  [KS_SATURN_DEVICE_CART_32M] = { CART_32M_SIZE, CART_32M_BLOCK },
};

guint
ks_saturn_device_block_size (KsSaturnDevice device)
{
  g_return_val_if_fail (device < G_N_ELEMENTS (devices), 0);

  return devices[device].block_size;
}

gsize
ks_saturn_device_size (KsSaturnDevice device)
{
  g_return_val_if_fail (device < G_N_ELEMENTS (devices), 0);

  return devices[device].size;
}

/* ---- gzip, through GIO's zlib converters ---- */

static gboolean
run_converter (GConverter    *converter,
               const guint8  *data,
               gsize          size,
               gsize          max_output,
               GByteArray    *out,
               GError       **error)
{
  g_autofree guint8 *buffer = g_malloc (65536);
  gsize in_pos = 0;

  for (;;)
    {
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, data + in_pos, size - in_pos, buffer, 65536,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, error);
      if (result == G_CONVERTER_ERROR)
        return FALSE;

      in_pos += bytes_read;
      g_byte_array_append (out, buffer, bytes_written);

      if (result == G_CONVERTER_FINISHED || out->len >= max_output)
        return TRUE;

      if (bytes_read == 0 && bytes_written == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                       _("the compressed data ends too early"));
          return FALSE;
        }
    }
}

/* Stops after @max_output bytes; the caller decides whether that is too much. */
static GBytes *
gzip_inflate (const guint8  *data,
              gsize          size,
              gsize          max_output,
              GError       **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  if (!run_converter (G_CONVERTER (decompressor), data, size, max_output, out, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static GBytes *
gzip_deflate (const guint8  *data,
              gsize          size,
              GError       **error)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GByteArray) out = g_byte_array_new ();

  if (!run_converter (G_CONVERTER (compressor), data, size, G_MAXSIZE, out, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
is_gzip (const guint8 *data,
         gsize         size)
{
  return size >= 2 && data[0] == GZIP_MAGIC_0 && data[1] == GZIP_MAGIC_1;
}

/* ---- layouts ---- */

typedef enum
{
  LAYOUT_UNKNOWN,
  LAYOUT_LOGICAL,
  LAYOUT_EXPANDED,
} Layout;

static Layout
layout_from_magic (const guint8 *data,
                   gsize         size)
{
  if (size >= KS_SATURN_FORMAT_MAGIC_SIZE &&
      memcmp (data, KS_SATURN_FORMAT_MAGIC, KS_SATURN_FORMAT_MAGIC_SIZE) == 0)
    return LAYOUT_LOGICAL;

  if (size >= 2 * KS_SATURN_FORMAT_MAGIC_SIZE)
    {
      for (guint i = 0; i < KS_SATURN_FORMAT_MAGIC_SIZE; i++)
        if (data[2 * i + 1] != (guint8) KS_SATURN_FORMAT_MAGIC[i])
          return LAYOUT_UNKNOWN;
      return LAYOUT_EXPANDED;
    }

  return LAYOUT_UNKNOWN;
}

static gboolean
is_logical_size (gsize size)
{
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (devices[i].size == size)
      return TRUE;

  return size == MISTER_SIZE;
}

/* An unformatted image (only loaded when asked for by name) by size alone */
static Layout
layout_from_size (gsize size)
{
  if (is_logical_size (size))
    return LAYOUT_LOGICAL;
  if (size % 2 == 0 && is_logical_size (size / 2))
    return LAYOUT_EXPANDED;

  return LAYOUT_UNKNOWN;
}

static guint
bram_probe (const guint8 *data,
            gsize         size,
            const char   *file_name)
{
  Layout layout;
  gsize logical_size;

  if (is_gzip (data, size))
    {
      g_autoptr(GBytes) prefix = gzip_inflate (data, size, PROBE_PREFIX, NULL);
      gsize prefix_size;
      const guint8 *prefix_data;

      if (prefix == NULL)
        return 0;
      prefix_data = g_bytes_get_data (prefix, &prefix_size);
      return layout_from_magic (prefix_data, prefix_size) != LAYOUT_UNKNOWN ? 100 : 0;
    }

  layout = layout_from_magic (data, size);
  if (layout == LAYOUT_UNKNOWN)
    return 0;

  logical_size = layout == LAYOUT_EXPANDED ? size / 2 : size;
  /* the magic of a size no device has: claim it, so load can say what is wrong */
  return is_logical_size (logical_size) && (layout == LAYOUT_LOGICAL || size % 2 == 0) ? 100 : 50;
}

static void
bram_free (gpointer impl)
{
  KsSaturnBram *self = impl;

  for (guint i = 0; i < self->n_regions; i++)
    g_clear_pointer (&self->regions[i].partition, ks_saturn_partition_free);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_clear_pointer (&self->physical, g_bytes_unref);
  g_free (self->logical);
  g_free (self);
}

static KsSaturnPartition *
new_partition (KsSaturnBram  *self,
               gsize          offset,
               gsize          size,
               guint          block_size,
               GError       **error)
{
  return ks_saturn_partition_new (self->logical + offset, size, block_size,
                                  KS_SATURN_PARTITION_REQUIRE_FORMAT, error);
}

/* How badly a reading fits: errors weigh most; a 64-byte-aligned start tag
 * that 1 KiB blocks cannot see is evidence for 64-byte blocks. */
static guint
inconsistency (KsSaturnPartition *partition,
               const guint8      *logical,
               gsize              size)
{
  g_autoptr(GPtrArray) findings = ks_findings_new ();
  guint block_size = ks_saturn_partition_get_block_size (partition);
  guint score;

  ks_saturn_partition_verify (partition, findings);
  score = 4 * ks_findings_count (findings, KS_SEVERITY_ERROR) +
          ks_findings_count (findings, KS_SEVERITY_WARNING);

  if (block_size > INTERNAL_BLOCK)
    for (gsize offset = 2 * block_size; offset + 4 <= size; offset += INTERNAL_BLOCK)
      if (offset % block_size != 0 && logical[offset] == 0x80 &&
          ks_bytes_all (logical + offset + 1, 3, 0))
        score++;

  return score;
}

static gboolean
add_region (KsSaturnBram  *self,
            gsize          offset,
            gsize          size,
            guint          block_size,
            const char    *label,
            GError       **error)
{
  Region *region = &self->regions[self->n_regions];

  region->offset = offset;
  region->size = size;
  region->label = label;

  if (size == CART_32M_SIZE)
    {
      /* §2: 1 KiB blocks (32 Mbit cart) or 64 (YabaSanshiro); ties go to the cart */
      g_autoptr(KsSaturnPartition) cart = new_partition (self, offset, size, CART_32M_BLOCK, NULL);
      g_autoptr(KsSaturnPartition) yaba = new_partition (self, offset, size, INTERNAL_BLOCK, NULL);
      guint cart_score = inconsistency (cart, self->logical + offset, size);
      guint yaba_score = inconsistency (yaba, self->logical + offset, size);

      self->block_size_tie = cart_score == yaba_score;
      if (yaba_score < cart_score)
        {
          region->partition = g_steal_pointer (&yaba);
          self->rejected_block_size = CART_32M_BLOCK;
        }
      else
        {
          region->partition = g_steal_pointer (&cart);
          self->rejected_block_size = INTERNAL_BLOCK;
        }
    }
  else
    region->partition = new_partition (self, offset, size, block_size, error);

  if (region->partition == NULL)
    return FALSE;

  self->n_regions++;
  return TRUE;
}

static gboolean
setup_regions (KsSaturnBram  *self,
               GError       **error)
{
  switch (self->logical_size)
    {
    case INTERNAL_SIZE:
      return add_region (self, 0, INTERNAL_SIZE, INTERNAL_BLOCK, N_("Internal RAM"), error);

    case CART_4M_SIZE:
    case CART_8M_SIZE:
    case CART_16M_SIZE:
      return add_region (self, 0, self->logical_size, CART_BLOCK, N_("Cartridge"), error);

    case CART_32M_SIZE:
      /* add_region() tries 64-byte blocks as well */
      return add_region (self, 0, self->logical_size, CART_32M_BLOCK, N_("Cartridge"), error);

    case MISTER_SIZE:
      if (!add_region (self, 0, INTERNAL_SIZE, INTERNAL_BLOCK, N_("Internal RAM"), error))
        return FALSE;
      if (memcmp (self->logical + INTERNAL_SIZE, KS_SATURN_FORMAT_MAGIC,
                  KS_SATURN_FORMAT_MAGIC_SIZE) != 0)
        {
          /* no cart was formatted in this MiSTer file: keep its bytes, list nothing */
          self->regions[1] = (Region) { NULL, INTERNAL_SIZE, CART_4M_SIZE, N_("Cartridge") };
          self->n_regions = 2;
          return TRUE;
        }
      if (!add_region (self, INTERNAL_SIZE, CART_4M_SIZE, CART_BLOCK, N_("Cartridge"), error))
        return FALSE;
      for (guint i = 0; i < self->n_regions; i++)
        ks_saturn_partition_set_label (self->regions[i].partition, _(self->regions[i].label));
      return TRUE;

    default:
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("This looks like Saturn backup RAM but holds %zu bytes; "
                     "Saturn devices hold 32 KiB (internal RAM) or 512 KiB, 1, 2 or 4 MiB "
                     "(cartridges)."), self->logical_size);
      return FALSE;
    }
}

static gpointer
bram_load (GBytes  *image,
           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  KsSaturnBram *self;
  gsize size, physical_size;
  const guint8 *data = g_bytes_get_data (image, &size);
  const guint8 *physical;
  Layout layout;

  self = g_new0 (KsSaturnBram, 1);
  self->original = g_bytes_ref (image);

  if (is_gzip (data, size))
    {
      self->gzip = TRUE;
      self->physical = gzip_inflate (data, size, MAX_PHYSICAL_SIZE + 1, &local_error);
      if (self->physical == NULL)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                       _("The file is gzip-compressed but does not inflate: %s."),
                       local_error->message);
          goto fail;
        }
    }
  else
    self->physical = g_bytes_ref (image);

  physical = g_bytes_get_data (self->physical, &physical_size);
  if (physical_size > MAX_PHYSICAL_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The image is larger than any Saturn backup RAM (8 MiB byte-expanded)."));
      goto fail;
    }

  layout = layout_from_magic (physical, physical_size);
  if (layout == LAYOUT_UNKNOWN)
    layout = layout_from_size (physical_size);

  if (layout == LAYOUT_EXPANDED && physical_size % 2 == 0)
    {
      self->expanded = TRUE;
      self->logical_size = physical_size / 2;
      self->logical = g_malloc (MAX (self->logical_size, 1));
      for (gsize i = 0; i < self->logical_size; i++)
        self->logical[i] = physical[2 * i + 1];
    }
  else if (layout == LAYOUT_EXPANDED)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("This byte-expanded Saturn backup RAM image is %zu bytes, "
                     "an odd number: a byte is missing."), physical_size);
      goto fail;
    }
  else if (layout == LAYOUT_LOGICAL)
    {
      self->logical_size = physical_size;
      self->logical = g_memdup2 (physical, MAX (physical_size, 1));
    }
  else
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("This %zu-byte file is not Saturn backup RAM: it has no "
                     "“BackUpRam Format” block and no device has its size."), physical_size);
      goto fail;
    }

  if (!setup_regions (self, error))
    goto fail;

  return self;

fail:
  bram_free (self);
  return NULL;
}

/* 64-byte blocks are internal RAM, YabaSanshiro's 4 MiB one included */
static const char *
device_name (const Region *region)
{
  if (region->partition != NULL)
    return ks_saturn_partition_get_block_size (region->partition) == INTERNAL_BLOCK
           ? "internal" : "cartridge";

  return region->size == INTERNAL_SIZE ? "internal" : "cartridge";
}

static void
bram_describe (gpointer      impl,
               GVariantDict *summary)
{
  KsSaturnBram *self = impl;

  g_variant_dict_insert (summary, "container", "s", self->expanded ? "byte-expanded" : "logical");
  g_variant_dict_insert (summary, "gzip", "b", self->gzip);
  g_variant_dict_insert (summary, "logical_size", "t", (guint64) self->logical_size);

  for (guint i = 0; i < self->n_regions; i++)
    {
      const Region *region = &self->regions[i];
      g_autofree char *prefix = self->n_regions > 1 ? g_strdup_printf ("%s_", device_name (region))
                                                    : g_strdup ("");
      g_autofree char *key = NULL;

      if (region->partition == NULL)
        {
          key = g_strconcat (prefix, "formatted", NULL);
          g_variant_dict_insert (summary, key, "b", FALSE);
          continue;
        }

#define INSERT(name, type, value) \
      G_STMT_START { \
        g_free (key); \
        key = g_strconcat (prefix, name, NULL); \
        g_variant_dict_insert (summary, key, type, value); \
      } G_STMT_END

      INSERT ("device", "s", device_name (region));
      INSERT ("block_size", "u", ks_saturn_partition_get_block_size (region->partition));
      INSERT ("blocks", "u", ks_saturn_partition_get_n_blocks (region->partition));
      INSERT ("free_blocks", "u", ks_saturn_partition_get_free_blocks (region->partition));
      INSERT ("saves", "u", ks_saturn_partition_get_n_saves (region->partition));
      INSERT ("formatted", "b", ks_saturn_partition_is_formatted (region->partition));
#undef INSERT
    }
}

static void
bram_verify (gpointer   impl,
             GPtrArray *findings)
{
  KsSaturnBram *self = impl;

  if (self->rejected_block_size != 0 && self->block_size_tie)
    ks_findings_add (findings, KS_SEVERITY_INFO, "saturn-block-size-chosen",
                     _("A 4 MiB partition can have 1 KiB blocks (32 Mbit cartridge) or 64-byte "
                       "blocks (YabaSanshiro); both read alike here, so it is taken as a "
                       "cartridge."));
  else if (self->rejected_block_size != 0)
    ks_findings_add (findings, KS_SEVERITY_INFO, "saturn-block-size-chosen",
                     _("A 4 MiB partition can have 1 KiB blocks (32 Mbit cartridge) or 64-byte "
                       "blocks (YabaSanshiro); %u-byte blocks read more consistently."),
                     ks_saturn_partition_get_block_size (self->regions[0].partition));

  for (guint i = 0; i < self->n_regions; i++)
    {
      const Region *region = &self->regions[i];

      if (region->partition != NULL)
        ks_saturn_partition_verify (region->partition, findings);
      else
        ks_findings_add (findings, KS_SEVERITY_INFO, "saturn-cart-unformatted",
                         _("The cartridge half of this MiSTer file is not formatted; it holds "
                           "no saves and is kept as it is."));
    }
}

static GBytes *
bram_serialize (gpointer  impl,
                GError  **error)
{
  KsSaturnBram *self = impl;
  g_autoptr(GBytes) physical = NULL;

  if (!self->modified)
    return g_bytes_ref (self->original);

  for (guint i = 0; i < self->n_regions; i++)
    {
      const Region *region = &self->regions[i];

      if (region->partition != NULL)
        memcpy (self->logical + region->offset,
                ks_saturn_partition_get_data (region->partition, NULL), region->size);
    }

  if (self->expanded)
    {
      gsize size;
      guint8 *out = g_bytes_unref_to_data (g_bytes_ref (self->physical), &size);

      for (gsize i = 0; i < self->logical_size; i++)
        out[2 * i + 1] = self->logical[i];
      physical = g_bytes_new_take (out, size);
    }
  else
    physical = g_bytes_new (self->logical, self->logical_size);

  if (self->gzip)
    return gzip_deflate (g_bytes_get_data (physical, NULL), g_bytes_get_size (physical), error);

  return g_steal_pointer (&physical);
}

static GPtrArray *
bram_list (gpointer impl)
{
  KsSaturnBram *self = impl;
  GPtrArray *saves = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  for (guint i = 0; i < self->n_regions; i++)
    if (self->regions[i].partition != NULL)
      {
        g_autoptr(GPtrArray) part = ks_saturn_partition_list (self->regions[i].partition,
                                                              saves->len);

        g_ptr_array_extend_and_steal (saves, g_steal_pointer (&part));
      }

  return saves;
}

/* The largest save that can still go in. */
static gint64
bram_free_space (gpointer impl)
{
  KsSaturnBram *self = impl;
  guint64 best = 0;

  for (guint i = 0; i < self->n_regions; i++)
    if (self->regions[i].partition != NULL &&
        ks_saturn_partition_is_formatted (self->regions[i].partition))
      best = MAX (best, ks_saturn_partition_get_free_bytes (self->regions[i].partition));

  return (gint64) best;
}

static KsSaturnPartition *
locate (KsSaturnBram  *self,
        guint          index,
        guint         *local,
        GError       **error)
{
  guint first = 0;

  for (guint i = 0; i < self->n_regions; i++)
    {
      KsSaturnPartition *partition = self->regions[i].partition;
      guint n = partition != NULL ? ks_saturn_partition_get_n_saves (partition) : 0;

      if (index < first + n)
        {
          *local = index - first;
          return partition;
        }
      first += n;
    }

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
               _("There is no save %u; this image holds %u."), index, first);
  return NULL;
}

static GBytes *
bram_extract (gpointer     impl,
              guint        index,
              const char  *out_name,
              GError     **error)
{
  KsSaturnBram *self = impl;
  g_autoptr(GBytes) payload = NULL;
  KsSaturnPartition *partition;
  guint local;

  partition = locate (self, index, &local, error);
  if (partition == NULL)
    return NULL;

  payload = ks_saturn_partition_read (partition, local, error);
  if (payload == NULL)
    return NULL;

  return ks_saturn_save_export (ks_saturn_partition_get_meta (partition, local), payload,
                                ks_saturn_partition_get_chain (partition, local, NULL), out_name);
}

/* Into the first partition with room (internal RAM before the cartridge,
 * as on MiSTer's pair); a name clash stops at the partition that has it. */
static gboolean
bram_insert (gpointer     impl,
             GBytes      *file,
             const char  *file_name,
             const char  *name,
             GError     **error)
{
  KsSaturnBram *self = impl;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) first_error = NULL;
  KsSaturnSaveMeta meta;

  if (!ks_saturn_save_import (file, file_name, name, &meta, &payload, error))
    return FALSE;

  for (guint i = 0; i < self->n_regions; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (self->regions[i].partition == NULL)
        continue;

      if (ks_saturn_partition_write (self->regions[i].partition, &meta, payload, &local_error))
        {
          self->modified = TRUE;
          return TRUE;
        }

      if (!g_error_matches (local_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  g_propagate_error (error, g_steal_pointer (&first_error));
  return FALSE;
}

static gboolean
bram_remove (gpointer     impl,
             guint        index,
             GError     **error)
{
  KsSaturnBram *self = impl;
  KsSaturnPartition *partition;
  guint local;

  partition = locate (self, index, &local, error);
  if (partition == NULL || !ks_saturn_partition_delete (partition, local, FALSE, error))
    return FALSE;

  self->modified = TRUE;
  return TRUE;
}

const KsFormat ks_saturn_bram_format = {
  .id = "saturn-bram",
  .name = N_("Saturn backup RAM"),
  .platform = "Saturn",
  .probe = bram_probe,
  .load = bram_load,
  .free = bram_free,
  .describe = bram_describe,
  .verify = bram_verify,
  .serialize = bram_serialize,
  .list = bram_list,
  .free_space = bram_free_space,
  .extract = bram_extract,
  .insert = bram_insert,
  .remove = bram_remove,
};

/* A freshly formatted device, as the console's own format leaves it (block 0
 * full of "BackUpRam Format", the rest zero), in the container asked for;
 * NULL only when gzip runs out of memory. */
GBytes *
ks_saturn_bram_new_formatted (KsSaturnDevice    device,
                              KsSaturnContainer container)
{
  g_autofree guint8 *logical = NULL;
  gsize size;

  g_return_val_if_fail (device < G_N_ELEMENTS (devices), NULL);

  size = devices[device].size;
  logical = g_malloc (size);
  ks_saturn_partition_format (logical, size, devices[device].block_size);

  switch (container)
    {
    case KS_SATURN_CONTAINER_EXPANDED:
      {
        guint8 *physical = g_malloc (2 * size);

        for (gsize i = 0; i < size; i++)
          {
            physical[2 * i] = EXPANDED_FILLER;
            physical[2 * i + 1] = logical[i];
          }
        return g_bytes_new_take (physical, 2 * size);
      }

    case KS_SATURN_CONTAINER_GZIP:
      return gzip_deflate (logical, size, NULL);

    case KS_SATURN_CONTAINER_LOGICAL:
    default:
      return g_bytes_new_take (g_steal_pointer (&logical), size);
    }
}
