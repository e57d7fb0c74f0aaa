/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-mmc.c — Datel / InterAct Mega Memory Card flash images
 *
 * Layout (mega-memory-card.md §1-§3), 524,288 bytes in flash order,
 * 2048 blocks of 256 bytes:
 *   0x00000-0x7EFFF  data blocks 0x000-0x7EF: the saves' RLE streams
 *   0x7F000-0x7F7FF  mapping table, one byte per block: 0 free, n = save n
 *                    (entries 0x7F0-0x7FF describe the catalogue itself
 *                    and mean nothing)
 *   0x7F800-0x7FEFF  name table: 112 slots of 16 space-padded bytes;
 *                    slot i names save i+1
 *   0x7FF00-0x7FFFF  header: count at +0x00, options at +0x10..+0x13,
 *                    checksum at +0xFF = 0xAE + sum of +0x00..+0xFE
 * A save is the blocks below 0x7F0 whose entry equals its number, taken in
 * ascending order; their concatenation is the RLE stream (ks-mmc-rle.c).
 *
 * Reading follows the reader rules of §10, writing the writer rules of §9,
 * allocation §4.2 (first fit, block by block), delete §4.4 (renumbering),
 * limits §4.5.  Where Keepsake differs from the card's own program, it is
 * where the program has a bug (§4.1 end of stream, §4.3 failed backups).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-gb-sav.h"
#include "ks-mmc-rle.h"
#include "ks-mmc.h"

/* §2: catalogue offsets */
#define MMC_MAP             0x7F000
#define MMC_MAP_SIZE        KS_MMC_BLOCKS
#define MMC_NAMES           0x7F800
#define MMC_NAME_SLOTS      112
#define MMC_HEADER          0x7FF00
#define MMC_HEADER_SIZE     0x100
/* §2.1: header fields */
#define MMC_HDR_COUNT       0x00
#define MMC_HDR_UNUSED_1    0x01      /* 0x01-0x0F, written as 0x00 */
#define MMC_HDR_OPTIONS     0x10      /* icons, inverse, sound, unique names */
#define MMC_HDR_N_OPTIONS   4
#define MMC_HDR_UNIQUE      0x13
#define MMC_HDR_UNUSED_2    0x14      /* 0x14-0xFE, written as 0x00 */
#define MMC_HDR_CHECKSUM    0xFF
#define MMC_CHECKSUM_SEED   0xAE
/* §2.1: a fresh format turns icons, inverse and sound on, unique names off */
static const guint8 mmc_default_options[MMC_HDR_N_OPTIONS] = { 0xFF, 0xFF, 0xFF, 0x00 };
/* §2.2: what the format writes into unused name slots */
#define MMC_NAME_PAD        0x20
/* §2.3, §9.5: writers mark the catalogue's own mapping entries reserved */
#define MMC_MAP_RESERVED    0xFF
/* §2.3: the capacity bar counts nonzero entries, (n + 8) / 32, at most 64 */
#define MMC_BAR_ROUND       8
#define MMC_BAR_STEP        32
#define MMC_BAR_MAX         64

/* §3: decoding stops at banks x 8 KiB, 16 banks at most (§4.5) */
#define MMC_DECODE_LIMIT    (KS_MMC_MAX_SRAM_BANKS * KS_MMC_SRAM_BANK_SIZE)
/* §6, §10: the bank counts real carts have: 8, 32, 64 and 128 KiB */
#define MMC_STANDARD_BANKS  ((1u << 1) | (1u << 4) | (1u << 8) | (1u << 16))
/* §8, §9.6: the tail of a save's last block is don't-care; 0xFF leaves
 * the erased flash bytes as they are */
#define MMC_TAIL_FILL       0xFF

/* Probe scores: no magic number, only the size and the header checksum. */
#define MMC_PROBE_CHECKSUM  90
#define MMC_PROBE_ERASED    40
#define MMC_PROBE_SIZE_ONLY 20

typedef struct
{
  guint     number;            /* 1-based, as the card numbers it */
  char     *name;              /* display form of the name slot */
  guint8    raw_name[KS_MMC_NAME_LENGTH];
  GArray   *blocks;            /* guint16 block numbers, ascending */

  /* What the stream decodes to (§10), see save_analyse() */
  guint8    marker;
  guint32   candidates;        /* bit b: the stream can end at b banks */
  guint32   bug_candidates;    /* bit b: ends at b banks with a raw final marker */
  guint     banks;             /* chosen size in banks, 0 when there is none */
  gboolean  firmware_end_bug;  /* the chosen end is a bug candidate */
  gboolean  truncated;         /* the chain ends inside a run token */
  gboolean  over_limit;        /* the stream decodes past 128 KiB */
  gsize     decoded;           /* bytes decoded before the chain ran out */
  gboolean  mirror_2k;         /* 8 KiB made of four equal 2 KiB quarters */
} MmcSave;

struct _KsMmc
{
  GBytes    *original;         /* the image loaded, shared until the first edit */
  guint8    *image;            /* KS_MMC_IMAGE_SIZE bytes: the original's until
                                * own_image(), then a copy edits change in place */
  gboolean   owned;
  gboolean   erased;           /* every byte 0xFF: the card formats itself at power-on */
  GPtrArray *saves;            /* MmcSave, rebuilt by mmc_scan() after every edit */
};

/* Every edit starts here: the image becomes a copy of its own before the
 * first byte changes, so the loaded GBytes is never written. */
static void
own_image (KsMmc *self)
{
  if (self->owned)
    return;
  self->image = g_memdup2 (self->image, KS_MMC_IMAGE_SIZE);
  self->owned = TRUE;
}

static void
mmc_save_free (MmcSave *save)
{
  g_free (save->name);
  g_array_unref (save->blocks);
  g_free (save);
}

guint8
ks_mmc_header_checksum (const guint8 *header_sector)
{
  guint sum = MMC_CHECKSUM_SEED;

  g_return_val_if_fail (header_sector != NULL, 0);

  /* §2.1: 255 bytes, +0x00..+0xFE (the source comment says 0xFE; the loop runs 255 times) */
  for (guint i = 0; i < MMC_HDR_CHECKSUM; i++)
    sum += header_sector[i];

  return sum & 0xFF;
}

/* §2.1 "Fresh format": what the card writes after a chip erase */
static void
format_catalogue (guint8 *image)
{
  guint8 *header = image + MMC_HEADER;

  memset (image + MMC_MAP, 0x00, MMC_MAP_SIZE);
  memset (image + MMC_NAMES, MMC_NAME_PAD, MMC_NAME_SLOTS * KS_MMC_NAME_LENGTH);
  memset (header, 0x00, MMC_HEADER_SIZE);
  memcpy (header + MMC_HDR_OPTIONS, mmc_default_options, MMC_HDR_N_OPTIONS);
  header[MMC_HDR_CHECKSUM] = ks_mmc_header_checksum (header);
}

/**
 * ks_mmc_new_formatted_image:
 *
 * A card as the device leaves it after "Reset" (a chip erase and the format
 * at the next power-on): data area 0xFF, empty catalogue, checksum 0xAB.
 *
 * Returns: (transfer full): KS_MMC_IMAGE_SIZE bytes
 */
GBytes *
ks_mmc_new_formatted_image (void)
{
  guint8 *image = g_malloc (KS_MMC_IMAGE_SIZE);

  memset (image, 0xFF, KS_MMC_IMAGE_SIZE);
  format_catalogue (image);

  return g_bytes_new_take (image, KS_MMC_IMAGE_SIZE);
}

static guint8 *
mmc_map (KsMmc *self)
{
  return self->image + MMC_MAP;
}

static guint8 *
mmc_header (KsMmc *self)
{
  return self->image + MMC_HEADER;
}

static guint8 *
mmc_name_slot (KsMmc *self,
               guint  slot)
{
  return self->image + MMC_NAMES + slot * KS_MMC_NAME_LENGTH;
}

static guint
mmc_count (KsMmc *self)
{
  return self->erased ? 0 : mmc_header (self)[MMC_HDR_COUNT];
}

static gboolean
mmc_count_valid (KsMmc *self)
{
  return mmc_count (self) <= MMC_NAME_SLOTS;
}

static gboolean
is_keyboard_char (guint8 c)
{
  /* §2.2: the on-screen keyboard */
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == ' ' || c == '.' || c == '#' || c == '-';
}

/* The name as the list screen shows it: up to the first 0x00 (§2.2),
 * trailing spaces cut (§10); bytes outside printable ASCII become '?'
 * (the card shows them as whatever tile has that number). */
static char *
display_name (const guint8 *raw)
{
  char text[KS_MMC_NAME_LENGTH + 1];
  guint n = 0;

  while (n < KS_MMC_NAME_LENGTH && raw[n] != 0x00)
    {
      text[n] = (raw[n] >= 0x20 && raw[n] < 0x7F) ? (char) raw[n] : '?';
      n++;
    }
  text[n] = '\0';

  return g_strchomp (g_strdup (text));
}

static guint8 *
save_stream (const guint8  *image,
             const MmcSave *save,
             gsize         *length)
{
  gsize size = (gsize) save->blocks->len * KS_MMC_BLOCK_SIZE;
  guint8 *stream = g_malloc (MAX (size, 1));

  for (guint i = 0; i < save->blocks->len; i++)
    memcpy (stream + (gsize) i * KS_MMC_BLOCK_SIZE,
            image + (gsize) g_array_index (save->blocks, guint16, i) * KS_MMC_BLOCK_SIZE,
            KS_MMC_BLOCK_SIZE);

  *length = size;
  return stream;
}

static guint
highest_bank (guint32 mask)
{
  return mask == 0 ? 0 : (guint) g_bit_nth_msf (mask, -1);
}

/* Decoding the first @limit bytes of a save, adding the final marker of a
 * firmware end-of-stream bug when the chosen size calls for it. */
static GBytes *
save_decode (const guint8  *image,
             const MmcSave *save,
             gsize          limit,
             gboolean       raw_final_marker)
{
  g_autofree guint8 *stream = NULL;
  gsize length;
  GBytes *bytes;

  stream = save_stream (image, save, &length);

  if (!raw_final_marker)
    return ks_mmc_rle_decode (stream, length, limit, NULL);

  bytes = ks_mmc_rle_decode (stream, length, limit - 1, NULL);
  if (g_bytes_get_size (bytes) == limit - 1)
    {
      GByteArray *array = g_bytes_unref_to_array (bytes);

      g_byte_array_append (array, &save->marker, 1);
      bytes = g_byte_array_free_to_bytes (array);
    }

  return bytes;
}

/* How long a save is.
 *
 * Nothing on the card stores a save's size (§3): the device decodes until
 * it has filled the banks of the cart that is plugged in.  A file needs a
 * size, so Keepsake works it out from the stream (§10):
 *
 * 1. The encoder always ends on a whole token, and it writes exactly
 *    ceil(L / 256) blocks for a stream of L bytes, so the true end is a
 *    token boundary that lies in the last block, at which the output is a
 *    whole number of 8 KiB banks.  Every such boundary is a candidate.
 *    Decoding carries on into the tail of the last block (stale bytes,
 *    0xFF from Keepsake) so that candidates there are seen as well.
 * 2. Candidates other than the true end come from very compressible data
 *    just before it, or from tail bytes that happen to decode to runs.
 *    Both lie in the same block as the true end, less than 256 stream
 *    bytes away, and 255 bytes decode to at most 85 runs = 21,760 bytes.
 *    Standard sizes (8, 32, 64, 128 KiB) are at least 24 KiB apart, so at
 *    most one candidate has a standard size: when there is one, it is the
 *    answer.  Every save Keepsake writes is found again this way.
 * 3. Without a standard candidate, the largest one wins: compressible data
 *    (zero-filled banks) makes early candidates far more often than tail
 *    garbage makes late ones.  verify() reports the size as non-standard,
 *    and as ambiguous when there was a choice.
 * 4. Without any candidate, the stream may end with the firmware's
 *    end-of-stream bug (§4.1): the last SRAM byte equal to the marker,
 *    written raw, so the stream ends right after a marker byte at which
 *    the output is one byte short of a bank boundary.  That end is used
 *    next, with the last byte restored as the marker.
 * 5. Otherwise the save has no size: list() shows the bytes it decodes to,
 *    verify() reports an error, and extract() refuses (ks_mmc_extract_banks()
 *    salvages it for a bank count the user picks).
 */
static void
save_analyse (const guint8 *image,
              MmcSave      *save)
{
  g_autofree guint8 *stream = NULL;
  KsMmcRleReader reader;
  gsize length, last_start, produced = 0;
  guint8 value;
  guint copies;

  if (save->blocks->len == 0)
    return;

  stream = save_stream (image, save, &length);
  last_start = length - KS_MMC_BLOCK_SIZE;
  ks_mmc_rle_reader_init (&reader, stream, length);
  save->marker = reader.marker;

  /* No end lies before the last block (1.): up to it, a stretch of
   * literals (bytes other than the marker, one output byte each) is
   * counted at once, and so is a stretch of identical runs (erased flash,
   * zero-filled banks); other runs are read token by token. */
  while (reader.pos < last_start && produced < MMC_DECODE_LIMIT)
    {
      const guint8 *at = stream + reader.pos;
      const guint8 *next_marker = memchr (at, reader.marker, last_start - reader.pos);
      gsize literals = next_marker != NULL ? (gsize) (next_marker - at) : last_start - reader.pos;
      gsize runs;

      literals = MIN (literals, MMC_DECODE_LIMIT - produced);
      if (literals > 0)
        {
          reader.pos += literals;
          produced += literals;
        }
      else if ((runs = ks_mmc_rle_reader_next_repeats (&reader, last_start,
                                                       MMC_DECODE_LIMIT - produced,
                                                       &value, &copies)) > 0)
        produced += runs * copies;
      else if (ks_mmc_rle_reader_next (&reader, &value, &copies))
        produced += copies;
      else
        break;
    }

  /* Token boundaries in the last block, where the candidates lie.
   * Bounded: each pass consumes at least one stream byte, and the loop
   * stops at the decode limit. */
  for (;;)
    {
      gsize p = reader.pos, runs;

      /* a stream of p bytes would end in the last block */
      if (p > last_start && p <= length && produced > 0 &&
          produced % KS_MMC_SRAM_BANK_SIZE == 0 && produced <= MMC_DECODE_LIMIT)
        save->candidates |= 1u << (produced / KS_MMC_SRAM_BANK_SIZE);

      /* a raw final marker at p: a stream of p + 1 bytes */
      if (p < length && p >= last_start && stream[p] == reader.marker &&
          (produced + 1) % KS_MMC_SRAM_BANK_SIZE == 0 && produced + 1 <= MMC_DECODE_LIMIT)
        save->bug_candidates |= 1u << ((produced + 1) / KS_MMC_SRAM_BANK_SIZE);

      if (produced >= MMC_DECODE_LIMIT)
        {
          save->over_limit = produced > MMC_DECODE_LIMIT || p < length;
          break;
        }

      /* a stretch of literals at once: one output byte each, and a
       * candidate wherever a boundary inside it falls on a bank */
      if (p < length && stream[p] != reader.marker)
        {
          const guint8 *next_marker = memchr (stream + p, reader.marker, length - p);
          gsize n = (next_marker != NULL ? (gsize) (next_marker - stream) : length) - p;

          n = MIN (n, MMC_DECODE_LIMIT - produced);
          for (gsize bank = produced / KS_MMC_SRAM_BANK_SIZE + 1;
               bank * KS_MMC_SRAM_BANK_SIZE < produced + n; bank++)
            if (p + (bank * KS_MMC_SRAM_BANK_SIZE - produced) > last_start)
              save->candidates |= 1u << bank;
          reader.pos += n;
          produced += n;
          continue;
        }

      /* a stretch of equal runs at once (an erased last block); each
       * boundary inside it starts a token, so with a marker */
      runs = ks_mmc_rle_reader_next_repeats (&reader, length, MMC_DECODE_LIMIT - produced,
                                             &value, &copies);
      if (runs > 0)
        {
          for (gsize bank = produced / KS_MMC_SRAM_BANK_SIZE + 1;
               bank * KS_MMC_SRAM_BANK_SIZE <= produced + (runs - 1) * copies + 1; bank++)
            {
              gsize to_bank = bank * KS_MMC_SRAM_BANK_SIZE - produced;

              if (to_bank % copies == 0 && to_bank / copies < runs &&
                  p + 3 * (to_bank / copies) > last_start)
                save->candidates |= 1u << bank;
              if ((to_bank - 1) % copies == 0 && (to_bank - 1) / copies >= 1 &&
                  (to_bank - 1) / copies < runs && p + 3 * ((to_bank - 1) / copies) >= last_start)
                save->bug_candidates |= 1u << bank;
            }
          produced += runs * copies;
          continue;
        }

      if (!ks_mmc_rle_reader_next (&reader, &value, &copies))
        break;
      produced += copies;
    }

  save->truncated = reader.truncated;
  save->decoded = MIN (produced, (gsize) MMC_DECODE_LIMIT);

  if ((save->candidates & MMC_STANDARD_BANKS) != 0)
    save->banks = highest_bank (save->candidates & MMC_STANDARD_BANKS);
  else if (save->candidates != 0)
    save->banks = highest_bank (save->candidates);
  else if (save->bug_candidates != 0)
    {
      guint32 standard = save->bug_candidates & MMC_STANDARD_BANKS;

      save->banks = highest_bank (standard != 0 ? standard : save->bug_candidates);
      save->firmware_end_bug = TRUE;
    }

  /* §10: a 2 KiB cart backs up as its RAM mirrored four times */
  if (save->banks == 1)
    {
      g_autoptr(GBytes) sram = save_decode (image, save, KS_MMC_SRAM_BANK_SIZE,
                                            save->firmware_end_bug);
      const guint8 *data = g_bytes_get_data (sram, NULL);
      const gsize quarter = KS_MMC_SRAM_BANK_SIZE / 4;

      save->mirror_2k = g_bytes_get_size (sram) == KS_MMC_SRAM_BANK_SIZE &&
                        memcmp (data, data + quarter, quarter) == 0 &&
                        memcmp (data, data + 2 * quarter, quarter) == 0 &&
                        memcmp (data, data + 3 * quarter, quarter) == 0;
    }
}

static MmcSave *
mmc_save_new (KsMmc *self,
              guint  number)
{
  MmcSave *save = g_new0 (MmcSave, 1);

  save->number = number;
  memcpy (save->raw_name, mmc_name_slot (self, number - 1), KS_MMC_NAME_LENGTH);
  save->name = display_name (save->raw_name);
  save->blocks = g_array_new (FALSE, FALSE, sizeof (guint16));

  return save;
}

/* Rebuilds the list of saves from the tables (§10). */
static void
mmc_scan (KsMmc *self)
{
  const guint8 *map = mmc_map (self);
  guint listed = MIN (mmc_count (self), MMC_NAME_SLOTS);

  g_clear_pointer (&self->saves, g_ptr_array_unref);
  self->saves = g_ptr_array_new_with_free_func ((GDestroyNotify) mmc_save_free);

  for (guint i = 0; i < listed; i++)
    g_ptr_array_add (self->saves, mmc_save_new (self, i + 1));

  /* §3: ascending block order; the catalogue's own entries are ignored */
  for (guint16 b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    if (map[b] >= 1 && map[b] <= listed)
      {
        MmcSave *save = g_ptr_array_index (self->saves, map[b] - 1);

        g_array_append_val (save->blocks, b);
      }

  for (guint i = 0; i < self->saves->len; i++)
    save_analyse (self->image, g_ptr_array_index (self->saves, i));
}

static guint
count_free_blocks (KsMmc *self)
{
  const guint8 *map = mmc_map (self);
  guint n = 0;

  if (self->erased)
    return KS_MMC_DATA_BLOCKS;

  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    if (map[b] == 0)
      n++;

  return n;
}

/* Data blocks marked with a number above the count (§10): left by a backup
 * that failed part-way (§4.3) or a damaged count. */
static guint
count_orphan_blocks (KsMmc  *self,
                     guint  *first_block,
                     guint  *first_value)
{
  const guint8 *map = mmc_map (self);
  guint count = mmc_count (self);
  guint n = 0;

  if (self->erased)
    return 0;

  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    if (map[b] > count)
      {
        if (n == 0 && first_block != NULL)
          *first_block = b;
        if (n == 0 && first_value != NULL)
          *first_value = map[b];
        n++;
      }

  return n;
}

gint
ks_mmc_get_block_owner (KsMmc *self,
                        guint  block)
{
  guint8 owner;

  g_return_val_if_fail (self != NULL, KS_MMC_BLOCK_FREE);
  g_return_val_if_fail (block < KS_MMC_DATA_BLOCKS, KS_MMC_BLOCK_FREE);

  if (self->erased)
    return KS_MMC_BLOCK_FREE;

  owner = mmc_map (self)[block];
  if (owner == 0)
    return KS_MMC_BLOCK_FREE;
  if (owner > mmc_count (self) || owner > self->saves->len)
    return KS_MMC_BLOCK_ORPHANED;

  return owner;
}

static guint
mmc_probe (const guint8 *data,
           gsize         size,
           const char   *file_name)
{
  const guint8 *header;

  if (size != KS_MMC_IMAGE_SIZE)
    return 0;

  if (ks_bytes_all (data, size, 0xFF))
    return MMC_PROBE_ERASED;

  header = data + MMC_HEADER;
  if (ks_mmc_header_checksum (header) == header[MMC_HDR_CHECKSUM] &&
      header[MMC_HDR_COUNT] <= MMC_NAME_SLOTS)
    return MMC_PROBE_CHECKSUM;

  return MMC_PROBE_SIZE_ONLY;
}

static void
mmc_free (gpointer impl)
{
  KsMmc *self = impl;

  g_clear_pointer (&self->saves, g_ptr_array_unref);
  if (self->owned)
    g_free (self->image);
  g_bytes_unref (self->original);
  g_free (self);
}

static gpointer
mmc_load (GBytes  *image,
          GError **error)
{
  KsMmc *self;
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);

  if (size != KS_MMC_IMAGE_SIZE)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The file is %zu bytes; a Mega Memory Card image is the "
                     "whole 512 KiB flash chip, 524,288 bytes."), size);
      return NULL;
    }

  /* no copy of the 512 KiB until an edit asks for one (own_image()) */
  self = g_new0 (KsMmc, 1);
  self->original = g_bytes_ref (image);
  self->image = (guint8 *) data;
  self->erased = ks_bytes_all (data, size, 0xFF);
  mmc_scan (self);

  return self;
}

static void
mmc_describe (gpointer      impl,
              GVariantDict *summary)
{
  KsMmc *self = impl;
  const guint8 *header = mmc_header (self);
  const guint8 *map = mmc_map (self);
  g_autofree char *checksum = g_strdup_printf ("0x%02X", header[MMC_HDR_CHECKSUM]);
  guint used = 0, free_blocks = count_free_blocks (self);
  guint nonzero = 0;

  for (guint b = 0; b < KS_MMC_BLOCKS; b++)
    if (map[b] != 0)
      nonzero++;
  for (guint i = 0; i < self->saves->len; i++)
    used += ((MmcSave *) g_ptr_array_index (self->saves, i))->blocks->len;

  g_variant_dict_insert (summary, "saves", "u", self->saves->len);
  g_variant_dict_insert (summary, "blocks_used", "u", used);
  g_variant_dict_insert (summary, "blocks_free", "u", free_blocks);
  g_variant_dict_insert (summary, "blocks_orphaned", "u", count_orphan_blocks (self, NULL, NULL));
  g_variant_dict_insert (summary, "checksum", "s", checksum);
  g_variant_dict_insert (summary, "checksum_ok", "b",
                         ks_mmc_header_checksum (header) == header[MMC_HDR_CHECKSUM]);
  g_variant_dict_insert (summary, "erased", "b", self->erased);
  if (!self->erased)
    {
      g_variant_dict_insert (summary, "option_icons", "b", header[MMC_HDR_OPTIONS + 0] != 0);
      g_variant_dict_insert (summary, "option_inverse", "b", header[MMC_HDR_OPTIONS + 1] != 0);
      g_variant_dict_insert (summary, "option_sound", "b", header[MMC_HDR_OPTIONS + 2] != 0);
      g_variant_dict_insert (summary, "option_unique_names", "b", header[MMC_HDR_UNIQUE] != 0);
      g_variant_dict_insert (summary, "capacity_bar", "u",
                             MIN ((nonzero + MMC_BAR_ROUND) / MMC_BAR_STEP, (guint) MMC_BAR_MAX));
    }
}

static void
verify_header (KsMmc     *self,
               GPtrArray *findings)
{
  const guint8 *header = mmc_header (self);
  guint8 computed = ks_mmc_header_checksum (header);
  guint count = header[MMC_HDR_COUNT];

  if (computed != header[MMC_HDR_CHECKSUM])
    ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-header-checksum",
                     _("The header checksum at 0x7FFFF is 0x%02X, but the header sums to 0x%02X: "
                       "the card will wipe its catalogue at the next power-on. The saves can still "
                       "be extracted; any edit by Keepsake writes the right checksum."),
                     header[MMC_HDR_CHECKSUM], computed);

  if (!ks_bytes_all (header + MMC_HDR_UNUSED_1, MMC_HDR_OPTIONS - MMC_HDR_UNUSED_1, 0x00) ||
      !ks_bytes_all (header + MMC_HDR_UNUSED_2, MMC_HDR_CHECKSUM - MMC_HDR_UNUSED_2, 0x00))
    ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-header-unused",
                     _("The unused bytes of the header (0x7FF01-0x7FF0F, 0x7FF14-0x7FFFE) are "
                       "not all 0x00, as the card writes them; the next edit clears them."));

  for (guint i = 0; i < MMC_HDR_N_OPTIONS; i++)
    {
      guint8 v = header[MMC_HDR_OPTIONS + i];

      if (v != 0x00 && v != 0xFF)
        ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-header-option",
                         _("Option byte 0x%05X is 0x%02X; the card only ever writes 0x00 or 0xFF "
                           "there (it counts any nonzero value as on)."),
                         MMC_HEADER + MMC_HDR_OPTIONS + i, v);
    }

  if (count > MMC_NAME_SLOTS)
    ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-count-invalid",
                     _("The header says the card holds %u saves, but there are only %u name slots: "
                       "the catalogue is damaged. Only the first %u are listed."),
                     count, MMC_NAME_SLOTS, MMC_NAME_SLOTS);
  else if (count > KS_MMC_MAX_SAVES)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-count-over-limit",
                     _("The card holds %u saves; its program refuses new backups above %u."),
                     count, KS_MMC_MAX_SAVES);
}

/* Raw 16-byte names as hash table keys */
static guint
name_hash (gconstpointer key)
{
  const guint8 *name = key;
  guint32 hash = 2166136261u;   /* FNV-1a */

  for (guint i = 0; i < KS_MMC_NAME_LENGTH; i++)
    hash = (hash ^ name[i]) * 16777619u;
  return hash;
}

static gboolean
name_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, KS_MMC_NAME_LENGTH) == 0;
}

/* Up to this many saves with the same name problem get a finding each,
 * naming them; more get one finding that lists their numbers (a damaged
 * catalogue can give a hundred) */
#define NAME_FINDINGS_EACH 3

typedef enum
{
  NAME_EMPTY,
  NAME_NOT_ASCII,
  NAME_KEYBOARD,
  N_NAME_PROBLEMS
} NameProblem;

static int
name_problem (const MmcSave *save)
{
  gboolean printable = TRUE, keyboard = TRUE;

  for (guint c = 0; c < KS_MMC_NAME_LENGTH; c++)
    {
      guint8 b = save->raw_name[c];

      if (b < 0x20 || b >= 0x7F)
        printable = FALSE;
      else if (!is_keyboard_char (b))
        keyboard = FALSE;
    }

  if (ks_bytes_all (save->raw_name, KS_MMC_NAME_LENGTH, MMC_NAME_PAD))
    return NAME_EMPTY;
  if (!printable)
    return NAME_NOT_ASCII;
  if (!keyboard)
    return NAME_KEYBOARD;
  return -1;
}

/* "3, 5 and 9": the numbers of the saves at @indices */
static char *
save_numbers (KsMmc  *self,
              GArray *indices)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < indices->len; k++)
    {
      const MmcSave *save = g_ptr_array_index (self->saves, g_array_index (indices, guint, k));

      if (k > 0)
        /* Translators: between the last two numbers of a list: "3, 5 and 9" */
        g_string_append (text, k + 1 == indices->len ? _(" and ") : ", ");
      g_string_append_printf (text, "%u", save->number);
    }

  return g_string_free (text, FALSE);
}

static void
add_name_finding (KsMmc       *self,
                  GPtrArray   *findings,
                  NameProblem  problem,
                  guint        i)
{
  const MmcSave *save = g_ptr_array_index (self->saves, i);

  switch (problem)
    {
    case NAME_EMPTY:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-name-empty",
                       _("Save %u has an empty name; the card's keyboard does not allow one."),
                       save->number);
      break;
    case NAME_NOT_ASCII:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-name-not-ascii",
                       _("The name of save %u (slot at 0x%05X) holds bytes outside printable "
                         "ASCII; the card shows them as odd tiles, and 0x00 cuts the name "
                         "short. It is listed as “%s”."),
                       save->number, MMC_NAMES + i * KS_MMC_NAME_LENGTH, save->name);
      break;
    case NAME_KEYBOARD:
    default:
      ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-name-keyboard",
                       _("The name of save %u, “%s”, uses characters the card's keyboard cannot "
                         "type (it has A-Z, 0-9, space, “.”, “#” and “-”)."),
                       save->number, save->name);
      break;
    }
}

static void
add_names_finding (KsMmc       *self,
                   GPtrArray   *findings,
                   NameProblem  problem,
                   GArray      *indices)
{
  g_autofree char *numbers = save_numbers (self, indices);

  switch (problem)
    {
    case NAME_EMPTY:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-name-empty",
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u save has an empty name (save %s); the card's keyboard "
                                    "does not allow one.",
                                    "%u saves have an empty name (saves %s); the card's keyboard "
                                    "does not allow one.", indices->len),
                       indices->len, numbers);
      break;
    case NAME_NOT_ASCII:
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-name-not-ascii",
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The name of %u save (save %s) holds bytes outside printable "
                                    "ASCII; the card shows them as odd tiles, and 0x00 cuts a "
                                    "name short.",
                                    "The names of %u saves (saves %s) hold bytes outside printable "
                                    "ASCII; the card shows them as odd tiles, and 0x00 cuts a "
                                    "name short.", indices->len),
                       indices->len, numbers);
      break;
    case NAME_KEYBOARD:
    default:
      ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-name-keyboard",
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The name of %u save (save %s) uses characters the card's "
                                    "keyboard cannot type (it has A-Z, 0-9, space, “.”, “#” and "
                                    "“-”).",
                                    "The names of %u saves (saves %s) use characters the card's "
                                    "keyboard cannot type (it has A-Z, 0-9, space, “.”, “#” and "
                                    "“-”).", indices->len),
                       indices->len, numbers);
      break;
    }
}

/* Saves of the same name, one finding for each name */
static void
add_duplicate_finding (KsMmc     *self,
                       GPtrArray *findings,
                       GArray    *indices)
{
  const MmcSave *first = g_ptr_array_index (self->saves, g_array_index (indices, guint, 0));
  const MmcSave *second = g_ptr_array_index (self->saves, g_array_index (indices, guint, 1));
  gboolean unique = mmc_header (self)[MMC_HDR_UNIQUE] != 0;
  g_autofree char *numbers = NULL;

  if (indices->len == 2 && unique)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-duplicate-name",
                     _("Saves %u and %u are both named “%s”. The card's “Unique "
                       "names” option is on, which should have prevented this."),
                     first->number, second->number, first->name);
  else if (indices->len == 2)
    ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-duplicate-name",
                     _("Saves %u and %u are both named “%s”."),
                     first->number, second->number, first->name);
  else if (unique)
    {
      numbers = save_numbers (self, indices);
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-duplicate-name",
                       _("Saves %s are all named “%s”. The card's “Unique names” option is on, "
                         "which should have prevented this."),
                       numbers, first->name);
    }
  else
    {
      numbers = save_numbers (self, indices);
      ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-duplicate-name",
                       _("Saves %s are all named “%s”."), numbers, first->name);
    }
}

static void
verify_names (KsMmc     *self,
              GPtrArray *findings)
{
  /* name -> indices of the saves so named, and the names in card order */
  g_autoptr(GHashTable) named = g_hash_table_new_full (name_hash, name_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GArray *problems[N_NAME_PROBLEMS];
  guint listed = self->saves->len;
  guint beyond = 0, first_beyond = 0;

  for (guint p = 0; p < N_NAME_PROBLEMS; p++)
    problems[p] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < listed; i++)
    {
      const MmcSave *save = g_ptr_array_index (self->saves, i);
      int problem = name_problem (save);
      GArray *same = g_hash_table_lookup (named, save->raw_name);

      if (problem >= 0)
        g_array_append_val (problems[problem], i);

      /* one table, not every pair */
      if (same == NULL)
        {
          same = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (named, (gpointer) save->raw_name, same);
          g_ptr_array_add (names, same);
        }
      g_array_append_val (same, i);
    }

  for (guint p = 0; p < N_NAME_PROBLEMS; p++)
    {
      if (problems[p]->len > NAME_FINDINGS_EACH)
        add_names_finding (self, findings, p, problems[p]);
      else
        for (guint k = 0; k < problems[p]->len; k++)
          add_name_finding (self, findings, p, g_array_index (problems[p], guint, k));
      g_array_unref (problems[p]);
    }

  for (guint n = 0; n < names->len; n++)
    if (((GArray *) g_ptr_array_index (names, n))->len > 1)
      add_duplicate_finding (self, findings, g_ptr_array_index (names, n));

  /* §2.2: slots past the count stay spaces; a name there means the count
   * lost a save (or a save was half written) */
  for (guint slot = listed; slot < MMC_NAME_SLOTS; slot++)
    if (!ks_bytes_all (mmc_name_slot (self, slot), KS_MMC_NAME_LENGTH, MMC_NAME_PAD))
      {
        if (beyond == 0)
          first_beyond = slot;
        beyond++;
      }

  if (beyond > 0)
    {
      g_autofree char *name = display_name (mmc_name_slot (self, first_beyond));

      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-name-beyond-count",
                       _("%u name slots after the last save are not blank (the first is slot %u "
                         "at 0x%05X, “%s”), but the card counts only %u saves: the count may be "
                         "damaged."),
                       beyond, first_beyond + 1, MMC_NAMES + first_beyond * KS_MMC_NAME_LENGTH,
                       name, listed);
    }
}

static char *
format_banks (guint32 mask)
{
  GString *text = g_string_new (NULL);

  for (guint b = 1; b <= KS_MMC_MAX_SRAM_BANKS; b++)
    if ((mask & (1u << b)) != 0)
      g_string_append_printf (text, "%s%u KiB", text->len > 0 ? ", " : "",
                              b * KS_MMC_SRAM_BANK_SIZE / 1024);

  return g_string_free (text, FALSE);
}

static void
verify_save (KsMmc         *self,
             const MmcSave *save,
             GPtrArray     *findings)
{
  guint last_block;

  if (save->blocks->len == 0)
    {
      ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-save-no-blocks",
                       _("Save %u “%s” owns no blocks; the card would restore nothing."),
                       save->number, save->name);
      return;
    }

  last_block = g_array_index (save->blocks, guint16, save->blocks->len - 1);

  if (save->banks == 0)
    {
      if (save->truncated)
        ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-save-truncated",
                         _("Save %u “%s” ends inside a run in block 0x%03X after %zu"
                           " bytes: its last block is missing or damaged."),
                         save->number, save->name, last_block, save->decoded);
      else if (save->over_limit)
        ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-save-size",
                         _("Save %u “%s” decodes past 128 KiB without ending on a bank boundary in "
                           "its last block (0x%03X): its blocks do not hold one save."),
                         save->number, save->name, last_block);
      else
        ks_findings_add (findings, KS_SEVERITY_ERROR, "mmc-save-size",
                         _("Save %u “%s” does not end on an 8 KiB bank boundary in its last block "
                           "(0x%03X); its %u blocks decode to %zu bytes. A block "
                           "may be missing or damaged."),
                         save->number, save->name, last_block, save->blocks->len, save->decoded);
      return;
    }

  if (save->firmware_end_bug)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-save-firmware-end-bug",
                     _("Save %u “%s” ends with its marker byte 0x%02X written raw, a bug of the "
                       "card's program: the card restores the save's last byte wrongly. Keepsake "
                       "reads it as 0x%02X."),
                     save->number, save->name, save->marker, save->marker);

  if (((1u << save->banks) & MMC_STANDARD_BANKS) == 0)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-save-size-nonstandard",
                     _("Save %u “%s” decodes to %u KiB, a size no cart has (8, 32, 64 or "
                       "128 KiB)."),
                     save->number, save->name, save->banks * KS_MMC_SRAM_BANK_SIZE / 1024);

  if ((save->candidates & (save->candidates - 1)) != 0)
    {
      g_autofree char *sizes = format_banks (save->candidates);

      ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-save-size-ambiguous",
                       _("Save %u “%s” could end at %s; Keepsake takes %u KiB (standard sizes "
                         "first, then the largest)."),
                       save->number, save->name, sizes, save->banks * KS_MMC_SRAM_BANK_SIZE / 1024);
    }

  if (save->mirror_2k)
    ks_findings_add (findings, KS_SEVERITY_INFO, "mmc-save-2k-mirror",
                     _("The four 2 KiB quarters of save %u “%s” are identical: it may come from a "
                       "2 KiB cart, which the card reads as 8 KiB."),
                     save->number, save->name);
}

static void
mmc_verify (gpointer   impl,
            GPtrArray *findings)
{
  KsMmc *self = impl;
  guint first_block = 0, first_value = 0, orphans;

  if (self->erased)
    {
      ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-erased",
                       _("Erased card: every byte is 0xFF. The card will format it at power-on; "
                         "until then it holds no saves."));
      return;
    }

  verify_header (self, findings);
  verify_names (self, findings);

  orphans = count_orphan_blocks (self, &first_block, &first_value);
  if (orphans > 0)
    ks_findings_add (findings, KS_SEVERITY_WARNING, "mmc-orphan-block",
                     _("%u data blocks belong to no listed save (the first is block 0x%03X, marked "
                       "as save %u, but the card counts %u saves). The space is lost until an edit "
                       "by Keepsake frees them."),
                     orphans, first_block, first_value, mmc_count (self));

  for (guint i = 0; i < self->saves->len; i++)
    verify_save (self, g_ptr_array_index (self->saves, i), findings);
}

static GBytes *
mmc_serialize (gpointer   impl,
               GError   **error)
{
  KsMmc *self = impl;

  if (!self->owned)
    return g_bytes_ref (self->original);
  return g_bytes_new (self->image, KS_MMC_IMAGE_SIZE);
}

static GPtrArray *
mmc_list (gpointer impl)
{
  KsMmc *self = impl;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  for (guint i = 0; i < self->saves->len; i++)
    {
      const MmcSave *save = g_ptr_array_index (self->saves, i);
      gsize size = save->banks > 0 ? (gsize) save->banks * KS_MMC_SRAM_BANK_SIZE : save->decoded;
      KsSaveInfo *info = ks_save_info_new (i, save->name, size);

      info->blocks = (gint) save->blocks->len;
      g_ptr_array_add (list, info);
    }

  return list;
}

static gint64
mmc_free_space (gpointer impl)
{
  KsMmc *self = impl;

  return (gint64) count_free_blocks (self) * KS_MMC_BLOCK_SIZE;
}

static const MmcSave *
lookup_save (KsMmc   *self,
             guint    index,
             GError **error)
{
  if (index >= self->saves->len)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("The card holds %u saves; there is no save with index %u."),
                   self->saves->len, index);
      return NULL;
    }

  return g_ptr_array_index (self->saves, index);
}

/* The plain SRAM bytes of a save, as a .sav file; @out_name does not
 * matter, a Game Boy save has only one file form. */
static GBytes *
mmc_extract (gpointer     impl,
             guint        index,
             const char  *out_name,
             GError     **error)
{
  KsMmc *self = impl;
  const MmcSave *save = lookup_save (self, index, error);

  if (save == NULL)
    return NULL;

  if (save->blocks->len == 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("Save %u “%s” owns no blocks; there is nothing to extract."),
                   save->number, save->name);
      return NULL;
    }

  if (save->banks == 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("Save %u “%s” does not decode to whole 8 KiB banks (its blocks give %zu"
                     " bytes), so its size is unknown; run verify for details."),
                   save->number, save->name, save->decoded);
      return NULL;
    }

  return save_decode (self->image, save, (gsize) save->banks * KS_MMC_SRAM_BANK_SIZE,
                      save->firmware_end_bug);
}

/**
 * ks_mmc_save_size_candidates:
 * @self: a loaded card
 * @index: 0-based save index
 *
 * The bank counts at which the save's stream could end (§10): bit b set
 * means b banks of 8 KiB.  More than one bit means the size is ambiguous
 * and the user may choose.
 */
guint32
ks_mmc_save_size_candidates (KsMmc *self,
                             guint  index)
{
  const MmcSave *save;

  g_return_val_if_fail (self != NULL, 0);

  save = lookup_save (self, index, NULL);
  if (save == NULL)
    return 0;

  return save->candidates | (save->candidates == 0 ? save->bug_candidates : 0);
}

/**
 * ks_mmc_extract_banks:
 * @self: a loaded card
 * @index: 0-based save index
 * @banks: the size to decode, in 8 KiB banks (1-16)
 *
 * Decodes a save as the card restores it into a cart of @banks banks: up to
 * @banks x 8 KiB, stopping earlier when the save's blocks run out (the card
 * then leaves the rest of the cart's RAM as it was).  For salvage, and for a
 * size the user picked when the stream allows several.
 */
GBytes *
ks_mmc_extract_banks (KsMmc   *self,
                      guint    index,
                      guint    banks,
                      GError **error)
{
  const MmcSave *save;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (banks >= 1 && banks <= KS_MMC_MAX_SRAM_BANKS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  save = lookup_save (self, index, error);
  if (save == NULL)
    return NULL;

  return save_decode (self->image, save, (gsize) banks * KS_MMC_SRAM_BANK_SIZE,
                      save->firmware_end_bug && banks == save->banks);
}

/**
 * ks_mmc_sram_from_sav:
 * @sav: a .sav file as a cart reader or emulator writes it
 *
 * The bytes the card would read from that cart (§9.8): 2 KiB repeated four
 * times, as the card sees a 2 KiB RAM through its mirrors; an MBC3 clock
 * footer dropped, since the card does not save clocks; MBC2 and anything
 * over 128 KiB refused.
 */
GBytes *
ks_mmc_sram_from_sav (GBytes  *sav,
                      GError **error)
{
  KsGbSavLayout layout;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (sav != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (sav, &size);

  if (!ks_gb_sav_layout_from_size (size, &layout))
    {
      if (size > KS_GB_SAV_MAX_RAM_SIZE)
        g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                     _("The save is %zu bytes; the Mega Memory Card holds saves of "
                       "up to 128 KiB (16 banks of 8 KiB)."), size);
      else
        g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                     _("The save is %zu bytes; a Game Boy save is 2,048, 8,192, "
                       "32,768, 65,536 or 131,072 bytes, optionally followed by a 44- or 48-byte "
                       "MBC3 clock footer."), size);
      return NULL;
    }

  if (layout.mbc2)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                   _("A 512-byte save comes from an MBC2 cart, whose 4-bit RAM the Mega Memory "
                     "Card cannot back up or restore (its RAM test fails on it)."));
      return NULL;
    }

  if (layout.ram_size < KS_MMC_SRAM_BANK_SIZE)
    {
      /* §9.8: padding would overwrite the real data through the mirrors */
      GByteArray *array = g_byte_array_sized_new (KS_MMC_SRAM_BANK_SIZE);

      for (gsize n = 0; n < KS_MMC_SRAM_BANK_SIZE; n += layout.ram_size)
        g_byte_array_append (array, data, (guint) layout.ram_size);

      return g_byte_array_free_to_bytes (array);
    }

  return g_bytes_new_from_bytes (sav, 0, layout.ram_size);
}

/**
 * ks_mmc_name_from_file_name:
 * @file_name: (nullable): "Pokemon Red (USA).sav" or a path
 *
 * A card name made from a file name, as the card's keyboard could have
 * typed it: the extension dropped, accents transliterated, upper case,
 * '_' as space, every character outside A-Z 0-9 space . # - dropped,
 * spaces collapsed, at most 16 characters.  "POKEMON RED USA" for the
 * example; "SAVE" when nothing is left.
 *
 * Returns: (transfer full): the name
 */
char *
ks_mmc_name_from_file_name (const char *file_name)
{
  g_autofree char *base = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *ascii = NULL;
  char *dot;
  GString *name = g_string_new (NULL);

  base = file_name != NULL ? g_path_get_basename (file_name) : g_strdup ("");
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';

  valid = g_utf8_make_valid (base, -1);
  ascii = g_str_to_ascii (valid, "C");

  for (const char *p = ascii; *p != '\0' && name->len < KS_MMC_NAME_LENGTH; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '_')
        c = ' ';
      if (!is_keyboard_char ((guint8) c))
        continue;
      if (c == ' ' && (name->len == 0 || name->str[name->len - 1] == ' '))
        continue;
      g_string_append_c (name, c);
    }

  while (name->len > 0 && name->str[name->len - 1] == ' ')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, "SAVE");

  return g_string_free (name, FALSE);
}

/**
 * ks_mmc_name_normalise:
 * @name: a name the user typed
 *
 * The name as the card stores it: upper case, spaces trimmed.  Refuses an
 * empty name, a character the card's keyboard lacks, or more than 16.
 *
 * Returns: (transfer full): the name, or %NULL with @error set
 */
char *
ks_mmc_name_normalise (const char  *name,
                       GError     **error)
{
  g_autofree char *upper = NULL;
  glong length;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("The name is not valid text; names on the Mega Memory Card use A-Z, 0-9, "
                     "space, “.”, “#” and “-”."));
      return NULL;
    }

  upper = g_strstrip (g_ascii_strup (name, -1));
  if (*upper == '\0')
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("A save on the Mega Memory Card needs a name; the card refuses an empty "
                     "one."));
      return NULL;
    }

  for (const char *p = upper; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_keyboard_char ((guint8) *p))
      {
        char character[8] = { 0 };

        g_unichar_to_utf8 (g_utf8_get_char (p), character);
        g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                     _("“%s” cannot be typed on the Mega Memory Card; names use A-Z, 0-9, space, "
                       "“.”, “#” and “-”."), character);
        return NULL;
      }

  length = g_utf8_strlen (upper, -1);
  if (length > KS_MMC_NAME_LENGTH)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("Names on the Mega Memory Card are at most 16 characters; “%s” has %ld."),
                   upper, length);
      return NULL;
    }

  return g_steal_pointer (&upper);
}

/* §9.2: count, the card's options kept, 0x00 elsewhere, the checksum */
static void
write_header (KsMmc *self,
              guint  count)
{
  guint8 *header = mmc_header (self);
  guint8 options[MMC_HDR_N_OPTIONS];

  memcpy (options, header + MMC_HDR_OPTIONS, MMC_HDR_N_OPTIONS);
  memset (header, 0x00, MMC_HEADER_SIZE);
  header[MMC_HDR_COUNT] = (guint8) count;
  memcpy (header + MMC_HDR_OPTIONS, options, MMC_HDR_N_OPTIONS);
  header[MMC_HDR_CHECKSUM] = ks_mmc_header_checksum (header);
}

/* §9.3 allows no entry above the count below 0x7F0.  Orphans would also
 * join the chain of the next save to get their number, so every edit
 * frees them; only the mapping sectors, rewritten anyway, change. */
static void
free_orphans (KsMmc *self,
              guint  count)
{
  guint8 *map = mmc_map (self);

  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    if (map[b] > count)
      map[b] = 0;
}

static gboolean
check_editable (KsMmc   *self,
                GError **error)
{
  if (!mmc_count_valid (self))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The catalogue says the card holds %u saves, more than its %u name slots: it "
                     "is damaged, and Keepsake will not edit it. Extract what you need first."),
                   mmc_count (self), MMC_NAME_SLOTS);
      return FALSE;
    }

  return TRUE;
}

/* §4.2: the card's backup.  Everything is checked before the image is
 * touched, so a refused insert leaves it as it was.  Only the blocks the
 * new save takes and the catalogue sectors change. */
static gboolean
mmc_insert (gpointer     impl,
            GBytes      *file,
            const char  *file_name,
            const char  *name,
            GError     **error)
{
  KsMmc *self = impl;
  g_autoptr(GBytes) sram = NULL;
  g_autoptr(GBytes) stream = NULL;
  g_autofree char *card_name = NULL;
  guint8 raw_name[KS_MMC_NAME_LENGTH];
  const guint8 *sram_data, *stream_data;
  gsize sram_size, stream_size;
  guint count, needed, available = 0;
  guint8 *map;

  if (!check_editable (self, error))
    return FALSE;
  own_image (self);

  sram = ks_mmc_sram_from_sav (file, error);
  if (sram == NULL)
    return FALSE;

  if (name != NULL)
    card_name = ks_mmc_name_normalise (name, error);
  else
    card_name = ks_mmc_name_from_file_name (file_name);
  if (card_name == NULL)
    return FALSE;

  g_assert (strlen (card_name) <= KS_MMC_NAME_LENGTH);
  memset (raw_name, MMC_NAME_PAD, sizeof raw_name);
  memcpy (raw_name, card_name, strlen (card_name));

  count = mmc_count (self);
  if (count >= KS_MMC_MAX_SAVES)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE,
                   _("The card already holds %u saves, the most its program allows (%u); "
                     "delete one first."), count, KS_MMC_MAX_SAVES);
      return FALSE;
    }

  /* §4.5: the option compares all 16 bytes */
  if (!self->erased && mmc_header (self)[MMC_HDR_UNIQUE] != 0)
    for (guint i = 0; i < count; i++)
      if (memcmp (mmc_name_slot (self, i), raw_name, KS_MMC_NAME_LENGTH) == 0)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS,
                       _("A save named “%s” is already on the card, and the card's “Unique names” "
                         "option is on. Give another name."), card_name);
          return FALSE;
        }

  sram_data = g_bytes_get_data (sram, &sram_size);
  stream = ks_mmc_rle_encode (sram_data, sram_size,
                              ks_mmc_rle_choose_marker (sram_data, sram_size));
  stream_data = g_bytes_get_data (stream, &stream_size);
  needed = (guint) ((stream_size + KS_MMC_BLOCK_SIZE - 1) / KS_MMC_BLOCK_SIZE);

  map = mmc_map (self);
  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    if (self->erased || map[b] == 0 || map[b] > count)
      available++;

  if (needed > available)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE,
                   _("“%s” needs %u blocks, only %u free (%u missing). Delete a save to make "
                     "room."),
                   card_name, needed, available, needed - available);
      return FALSE;
    }

  /* An erased card formats itself at power-on (§2.1); do it first. */
  if (self->erased)
    {
      format_catalogue (self->image);
      self->erased = FALSE;
    }

  free_orphans (self, count);

  /* §4.2: the name first, then first fit block by block */
  memcpy (mmc_name_slot (self, count), raw_name, KS_MMC_NAME_LENGTH);
  for (gsize offset = 0, b = 0; offset < stream_size; offset += KS_MMC_BLOCK_SIZE)
    {
      guint8 *block;
      gsize n = MIN ((gsize) KS_MMC_BLOCK_SIZE, stream_size - offset);

      while (b < KS_MMC_DATA_BLOCKS && map[b] != 0)
        b++;
      g_assert (b < KS_MMC_DATA_BLOCKS);

      map[b] = (guint8) (count + 1);
      block = self->image + b * KS_MMC_BLOCK_SIZE;
      memcpy (block, stream_data + offset, n);
      memset (block + n, MMC_TAIL_FILL, KS_MMC_BLOCK_SIZE - n);
    }

  memset (map + KS_MMC_DATA_BLOCKS, MMC_MAP_RESERVED, KS_MMC_BLOCKS - KS_MMC_DATA_BLOCKS);
  write_header (self, count + 1);

  /* The saves already listed keep their blocks (only free blocks and
   * orphans were taken), so only the new one is read (§10) */
  {
    MmcSave *save = mmc_save_new (self, count + 1);

    for (guint16 b = 0; b < KS_MMC_DATA_BLOCKS; b++)
      if (map[b] == count + 1)
        g_array_append_val (save->blocks, b);
    save_analyse (self->image, save);
    g_ptr_array_add (self->saves, save);
  }

  return TRUE;
}

/* §4.4: the card's delete.  Its blocks are freed, not erased; every higher
 * number moves down by one, in the whole table (so the reserved entries go
 * 0xFF -> 0xFE as on the card); the names after it move down one slot. */
static gboolean
mmc_remove (gpointer   impl,
            guint      index,
            GError   **error)
{
  KsMmc *self = impl;
  guint8 *map;
  guint k, count;

  if (!check_editable (self, error) || lookup_save (self, index, error) == NULL)
    return FALSE;

  own_image (self);
  map = mmc_map (self);
  count = mmc_count (self);
  k = index + 1;

  for (guint b = 0; b < KS_MMC_BLOCKS; b++)
    {
      if (map[b] == k)
        map[b] = 0;
      else if (map[b] > k)
        map[b]--;
    }
  free_orphans (self, count - 1);

  /* slots k..111 move down one; the last keeps its bytes, as on the card */
  memmove (mmc_name_slot (self, k - 1), mmc_name_slot (self, k),
           (MMC_NAME_SLOTS - k) * KS_MMC_NAME_LENGTH);

  write_header (self, count - 1);

  /* The other saves keep their blocks and names; those after it move
   * down one number, as their map entries and name slots did */
  g_ptr_array_remove_index (self->saves, index);
  for (guint i = index; i < self->saves->len; i++)
    ((MmcSave *) g_ptr_array_index (self->saves, i))->number = i + 1;

  return TRUE;
}

const KsFormat ks_mmc_format = {
  .id = "mmc",
  .name = N_("Mega Memory Card"),
  .platform = "GB",
  .probe = mmc_probe,
  .load = mmc_load,
  .free = mmc_free,
  .describe = mmc_describe,
  .verify = mmc_verify,
  .serialize = mmc_serialize,
  .list = mmc_list,
  .free_space = mmc_free_space,
  .extract = mmc_extract,
  .insert = mmc_insert,
  .remove = mmc_remove,
};
