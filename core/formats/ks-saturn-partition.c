/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-saturn-partition.c — the Saturn backup-RAM partition (spec saturn.md §1)
 *
 *   block 0   "BackUpRam Format" repeated (§1.2)
 *   block 1   zero
 *   start     80 00 00 00 | name[11] lang comment[10] date size | list… 00 00 | payload…
 *   others    00 00 00 00 | continuation of the chain stream
 *
 * A save is read as the chain stream of §1.4: bytes 4…B−1 of the start block,
 * then of each listed block in list order.  The list may spill over into the
 * blocks it lists; a block holds at least 30 entries, so a block number is
 * always known before its block is needed.  Every loop is bounded by the
 * block count: a chain stops at the first block that is out of range, comes
 * back to itself, or already belongs to another save, so a whole parse
 * touches each block at most once however the lists are damaged.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-finding.h"
#include "ks-format.h"
#include "ks-saturn-partition.h"
#include "ks-saturn-text.h"

#define FORMAT_MAGIC       KS_SATURN_FORMAT_MAGIC
#define FORMAT_MAGIC_SIZE  KS_SATURN_FORMAT_MAGIC_SIZE
/* §1.3: every block starts with a 4-byte tag; bit 7 of byte 0 marks a start */
#define TAG_SIZE           4
#define TAG_START          0x80
/* §1.3: name 11 + language 1 + comment 10 + date 4 + size 4 */
#define ENTRY_SIZE         30
#define ENTRY_NAME         0
#define ENTRY_LANGUAGE     11
#define ENTRY_COMMENT      12
#define ENTRY_DATE         22
#define ENTRY_SIZE_FIELD   26
/* §1.2: blocks 0 and 1 are reserved; allocation starts at 2 */
#define FIRST_SAVE_BLOCK   2
/* §1.1: the smallest block (internal RAM, Action Replay); block numbers are u16 */
#define MIN_BLOCK_SIZE     64
#define MAX_BLOCK_SIZE     4096
#define MAX_BLOCKS         65536
/* §1.3: languages 0–5 */
#define N_LANGUAGES        6
/* A damaged image can have thousands of broken saves; say the first ones
 * of each kind and count the rest. */
#define MAX_FINDINGS_PER_CODE 50

#define OWNER_FREE         0
#define OWNER_RESERVED     G_MAXUINT32

typedef enum
{
  CHAIN_OK,
  CHAIN_OUT_OF_RANGE,  /* an entry outside 2…N−1 */
  CHAIN_LOOP,          /* an entry repeats a block of the same chain */
  CHAIN_SHARED,        /* an entry is a block of another save */
  CHAIN_AHEAD,         /* the stream needs a block the list has not named yet */
  CHAIN_SHORT,         /* the payload runs past the last listed block */
} ChainState;

typedef struct
{
  guint             start;
  KsSaturnSaveMeta  meta;
  GArray           *list;            /* guint16, without the terminator */
  ChainState        state;
  guint             bad_block;       /* the entry that stopped the chain */
  guint             other;           /* CHAIN_SHARED: index of the other save */
  guint64           payload_offset;  /* in the chain stream */
} Save;

struct _KsSaturnPartition
{
  guint8                 *data;
  gsize                   size;
  guint                   block_size;
  guint                   n_blocks;
  guint                   used_blocks; /* below it saves may start (KS_SATURN_PARTITION_FLASH) */
  KsSaturnPartitionFlags  flags;
  char                   *label;
  GPtrArray              *saves;     /* Save*, in start-block order */
  guint32                *owner;     /* per block: OWNER_FREE, OWNER_RESERVED or save index + 1 */
};

static void
save_free (gpointer data)
{
  Save *save = data;

  g_array_unref (save->list);
  g_free (save);
}

static guint
stream_per_block (KsSaturnPartition *self)
{
  return self->block_size - TAG_SIZE;
}

static guint8 *
block_data (KsSaturnPartition *self,
            guint              block)
{
  return self->data + (gsize) block * self->block_size;
}

/* Chain position @c: 0 is the start block, then the list in order. */
static guint
chain_block (const Save *save,
             guint64     c)
{
  return c == 0 ? save->start : g_array_index (save->list, guint16, c - 1);
}

static void
read_meta (KsSaturnPartition *self,
           Save              *save)
{
  const guint8 *entry = block_data (self, save->start) + TAG_SIZE;

  memcpy (save->meta.name, entry + ENTRY_NAME, KS_SATURN_NAME_SIZE);
  save->meta.language = entry[ENTRY_LANGUAGE];
  memcpy (save->meta.comment, entry + ENTRY_COMMENT, KS_SATURN_COMMENT_SIZE);
  save->meta.date = ks_read_be32 (entry + ENTRY_DATE);
  save->meta.size = ks_read_be32 (entry + ENTRY_SIZE_FIELD);
}

/* §1.4: read the block list from the chain stream, claiming each block. */
static void
read_chain (KsSaturnPartition *self,
            Save              *save,
            guint32            me)
{
  guint per = stream_per_block (self);
  guint64 pos = ENTRY_SIZE;

  for (;;)
    {
      guint64 c = pos / per;
      guint block, value;
      guint16 entry_value;
      const guint8 *entry;

      if (c > save->list->len)
        {
          save->state = CHAIN_AHEAD;
          return;
        }

      block = chain_block (save, c);
      /* B − 4 and the entry offsets are even: an entry never straddles blocks */
      entry = block_data (self, block) + TAG_SIZE + pos % per;
      value = ks_read_be16 (entry);
      pos += 2;

      if (value == 0)
        break;

      if (value < FIRST_SAVE_BLOCK || value >= self->n_blocks)
        {
          save->state = CHAIN_OUT_OF_RANGE;
          save->bad_block = value;
          return;
        }

      if (self->owner[value] == me)
        {
          save->state = CHAIN_LOOP;
          save->bad_block = value;
          return;
        }

      if (self->owner[value] != OWNER_FREE)
        {
          save->state = CHAIN_SHARED;
          save->bad_block = value;
          save->other = self->owner[value] - 1;
          return;
        }

      self->owner[value] = me;
      entry_value = (guint16) value;
      g_array_append_val (save->list, entry_value);
    }

  save->payload_offset = pos;
  if (pos + save->meta.size > (guint64) (save->list->len + 1) * per)
    save->state = CHAIN_SHORT;
}

/* §1.3, §1.6: the BIOS writes start tags 80 00 00 00 and every other tag
 * 00 00 00 00 (byte 3 is left free: one tool reads a counter there). */
static gboolean
is_block_tag (const guint8 *tag)
{
  return (tag[0] == 0 || tag[0] == TAG_START) && tag[1] == 0 && tag[2] == 0;
}

/* §3.6: in flash the saves end at the first block with a tag the BIOS never
 * writes, erased flash (FF FF FF FF) above all; elsewhere at the last block. */
static guint
find_used_end (KsSaturnPartition *self)
{
  if (!(self->flags & KS_SATURN_PARTITION_FLASH))
    return self->n_blocks;

  for (guint b = FIRST_SAVE_BLOCK; b < self->n_blocks; b++)
    if (!is_block_tag (block_data (self, b)))
      return b;

  return self->n_blocks;
}

/* Find every start block first, so that a list running into another save's
 * start block is seen as shared whichever save comes first. */
static void
reparse (KsSaturnPartition *self)
{
  g_ptr_array_set_size (self->saves, 0);
  memset (self->owner, 0, self->n_blocks * sizeof *self->owner);
  self->owner[0] = OWNER_RESERVED;
  self->owner[1] = OWNER_RESERVED;
  self->used_blocks = find_used_end (self);

  for (guint b = FIRST_SAVE_BLOCK; b < self->used_blocks; b++)
    if (block_data (self, b)[0] & TAG_START)
      {
        Save *save = g_new0 (Save, 1);

        save->start = b;
        save->list = g_array_new (FALSE, FALSE, sizeof (guint16));
        read_meta (self, save);
        g_ptr_array_add (self->saves, save);
        self->owner[b] = self->saves->len;
      }

  for (guint i = 0; i < self->saves->len; i++)
    read_chain (self, g_ptr_array_index (self->saves, i), i + 1);
}

KsSaturnPartition *
ks_saturn_partition_new (const guint8            *logical,
                         gsize                    size,
                         guint                    block_size,
                         KsSaturnPartitionFlags   flags,
                         GError                 **error)
{
  KsSaturnPartition *self;

  g_return_val_if_fail (logical != NULL || size == 0, NULL);

  if (block_size < MIN_BLOCK_SIZE || block_size > MAX_BLOCK_SIZE || block_size % 2 != 0 ||
      size % block_size != 0 || size / block_size <= FIRST_SAVE_BLOCK ||
      size / block_size > MAX_BLOCKS)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("%zu bytes cannot be a Saturn backup partition with "
                     "%u-byte blocks."), size, block_size);
      return NULL;
    }

  self = g_new0 (KsSaturnPartition, 1);
  self->data = g_memdup2 (logical, size);
  self->size = size;
  self->block_size = block_size;
  self->n_blocks = size / block_size;
  self->flags = flags;
  self->saves = g_ptr_array_new_with_free_func (save_free);
  self->owner = g_new0 (guint32, self->n_blocks);
  reparse (self);

  return self;
}

void
ks_saturn_partition_free (KsSaturnPartition *self)
{
  if (self == NULL)
    return;

  g_free (self->data);
  g_free (self->label);
  g_ptr_array_unref (self->saves);
  g_free (self->owner);
  g_free (self);
}

/* Where the partition is ("Cartridge"), prefixed to its findings when a
 * file holds more than one. */
void
ks_saturn_partition_set_label (KsSaturnPartition *self,
                               const char        *label)
{
  g_return_if_fail (self != NULL);

  g_free (self->label);
  self->label = g_strdup (label);
}

const guint8 *
ks_saturn_partition_get_data (KsSaturnPartition *self,
                              gsize             *size)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (size != NULL)
    *size = self->size;
  return self->data;
}

guint
ks_saturn_partition_get_block_size (KsSaturnPartition *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->block_size;
}

guint
ks_saturn_partition_get_n_blocks (KsSaturnPartition *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_blocks;
}

gboolean
ks_saturn_partition_is_formatted (KsSaturnPartition *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return memcmp (self->data, FORMAT_MAGIC, FORMAT_MAGIC_SIZE) == 0;
}

guint
ks_saturn_partition_get_free_blocks (KsSaturnPartition *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint b = FIRST_SAVE_BLOCK; b < self->n_blocks; b++)
    if (self->owner[b] == OWNER_FREE)
      n++;

  return n;
}

/* The largest payload a new save could have (Yabause BUP_Stat: (B − 6) × free
 * − 30, the inverse of §1.5). */
guint64
ks_saturn_partition_get_free_bytes (KsSaturnPartition *self)
{
  guint64 capacity;

  g_return_val_if_fail (self != NULL, 0);

  capacity = (guint64) ks_saturn_partition_get_free_blocks (self) * (self->block_size - 6);
  return capacity > ENTRY_SIZE ? capacity - ENTRY_SIZE : 0;
}

guint
ks_saturn_partition_get_n_saves (KsSaturnPartition *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->saves->len;
}

const KsSaturnSaveMeta *
ks_saturn_partition_get_meta (KsSaturnPartition *self,
                              guint              index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->saves->len, NULL);

  return &((Save *) g_ptr_array_index (self->saves, index))->meta;
}

guint
ks_saturn_partition_get_start (KsSaturnPartition *self,
                               guint              index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->saves->len, 0);

  return ((Save *) g_ptr_array_index (self->saves, index))->start;
}

/* The blocks the save occupies (start block included); @list gets the
 * block list as read, up to where it stopped. */
guint
ks_saturn_partition_get_chain (KsSaturnPartition  *self,
                               guint               index,
                               const guint16     **list)
{
  Save *save;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->saves->len, 0);

  save = g_ptr_array_index (self->saves, index);
  if (list != NULL)
    *list = (const guint16 *) (gpointer) save->list->data;

  return save->list->len + 1;
}

GPtrArray *
ks_saturn_partition_list (KsSaturnPartition *self,
                          guint              first_index)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_save_info_free);

  g_return_val_if_fail (self != NULL, infos);

  for (guint i = 0; i < self->saves->len; i++)
    {
      Save *save = g_ptr_array_index (self->saves, i);

      g_ptr_array_add (infos, ks_saturn_save_info_new (first_index + i, &save->meta,
                                                       save->list->len + 1));
    }

  return infos;
}

/* The BIOS compares all 11 bytes of a name (§1.6); -1 when absent. */
gint
ks_saturn_partition_find (KsSaturnPartition *self,
                          const guint8      *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->saves->len; i++)
    {
      Save *save = g_ptr_array_index (self->saves, i);

      if (memcmp (save->meta.name, name, KS_SATURN_NAME_SIZE) == 0)
        return (gint) i;
    }

  return -1;
}

static char *
save_display_name (const Save *save)
{
  return ks_saturn_text_to_utf8 (save->meta.name, KS_SATURN_NAME_SIZE);
}

GBytes *
ks_saturn_partition_read (KsSaturnPartition  *self,
                          guint               index,
                          GError            **error)
{
  g_autofree char *name = NULL;
  guint per;
  guint64 pos;
  guint8 *payload;
  gsize done = 0;
  Save *save;

  g_return_val_if_fail (self != NULL, NULL);

  if (index >= self->saves->len)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("There is no save %u; this partition holds %u."), index, self->saves->len);
      return NULL;
    }

  save = g_ptr_array_index (self->saves, index);
  if (save->state != CHAIN_OK)
    {
      name = save_display_name (save);
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("Save “%s” (block %u) cannot be read: its block list is broken. "
                     "Run verify for the details."), name, save->start);
      return NULL;
    }

  per = stream_per_block (self);
  pos = save->payload_offset;
  payload = g_malloc (save->meta.size > 0 ? save->meta.size : 1);

  while (done < save->meta.size)
    {
      guint block = chain_block (save, pos / per);
      guint offset = pos % per;
      gsize n = MIN (per - offset, save->meta.size - done);

      memcpy (payload + done, block_data (self, block) + TAG_SIZE + offset, n);
      done += n;
      pos += n;
    }

  return g_bytes_new_take (payload, save->meta.size);
}

/* §1.5: n = ⌈(30 + size) / (B − 6)⌉ blocks, start block included, because
 * n·(B − 4) must hold 30 + 2(n − 1) + 2 + size bytes of chain stream. */
guint
ks_saturn_block_count (guint64 size,
                       guint   block_size)
{
  guint64 n;

  g_return_val_if_fail (block_size > 6, 0);

  n = (ENTRY_SIZE + size + (block_size - 6) - 1) / (block_size - 6);
  return (guint) MIN (n, (guint64) G_MAXUINT);
}

/* §1.6: the lowest free blocks, start first; the stream split into B − 4
 * byte chunks behind each tag, the slack of the last block zeroed. */
gboolean
ks_saturn_partition_write (KsSaturnPartition       *self,
                           const KsSaturnSaveMeta  *meta,
                           GBytes                  *payload,
                           GError                 **error)
{
  g_autofree guint16 *chain = NULL;
  g_autofree guint8 *stream = NULL;
  guint per, n, free_blocks, found = 0;
  gsize payload_size;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);
  g_return_val_if_fail (g_bytes_get_size (payload) == meta->size, FALSE);

  if ((self->flags & KS_SATURN_PARTITION_REQUIRE_FORMAT) &&
      !ks_saturn_partition_is_formatted (self))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                   _("This backup RAM is not formatted (block 0 does not start with "
                     "“BackUpRam Format”); format it on the console first."));
      return FALSE;
    }

  if (ks_saturn_partition_find (self, meta->name) >= 0)
    {
      g_autofree char *name = ks_saturn_text_to_utf8 (meta->name, KS_SATURN_NAME_SIZE);

      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS,
                   _("A save named “%s” is already here; delete it first or give the new "
                     "one another name."), name);
      return FALSE;
    }

  per = stream_per_block (self);
  n = ks_saturn_block_count (meta->size, self->block_size);
  free_blocks = ks_saturn_partition_get_free_blocks (self);
  if (n > free_blocks)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE,
                   _("The save needs %u blocks of %u bytes; %u are free, room for %"
                     PRIu64 " bytes of save data."),
                   n, self->block_size, free_blocks, ks_saturn_partition_get_free_bytes (self));
      return FALSE;
    }

  chain = g_new (guint16, n);
  for (guint b = FIRST_SAVE_BLOCK; b < self->n_blocks && found < n; b++)
    if (self->owner[b] == OWNER_FREE)
      chain[found++] = (guint16) b;
  g_assert (found == n);

  stream = g_malloc0 ((gsize) n * per);
  memcpy (stream + ENTRY_NAME, meta->name, KS_SATURN_NAME_SIZE);
  stream[ENTRY_LANGUAGE] = meta->language;
  memcpy (stream + ENTRY_COMMENT, meta->comment, KS_SATURN_COMMENT_SIZE);
  ks_write_be32 (stream + ENTRY_DATE, meta->date);
  ks_write_be32 (stream + ENTRY_SIZE_FIELD, meta->size);
  for (guint k = 1; k < n; k++)
    ks_write_be16 (stream + ENTRY_SIZE + 2 * (k - 1), chain[k]);
  /* the terminator, always present (§1.4), is already zero */
  payload_size = g_bytes_get_size (payload);
  g_assert (ENTRY_SIZE + 2 * (gsize) n + payload_size <= (gsize) n * per);
  if (payload_size > 0)
    memcpy (stream + ENTRY_SIZE + 2 * n, g_bytes_get_data (payload, NULL), payload_size);

  for (guint k = 0; k < n; k++)
    {
      guint8 *block = block_data (self, chain[k]);

      memset (block, 0, TAG_SIZE);
      if (k == 0)
        block[0] = TAG_START;
      memcpy (block + TAG_SIZE, stream + (gsize) k * per, per);
    }

  reparse (self);
  return TRUE;
}

/* §1.6: the BIOS clears only the start tag and the blocks keep their bytes
 * (so a save can be undeleted).  @wipe zeroes the blocks as well, for the
 * Action Replay, where stale bytes would cost room in the compressed flash. */
gboolean
ks_saturn_partition_delete (KsSaturnPartition  *self,
                            guint               index,
                            gboolean            wipe,
                            GError            **error)
{
  Save *save;

  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= self->saves->len)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
                   _("There is no save %u; this partition holds %u."), index, self->saves->len);
      return FALSE;
    }

  save = g_ptr_array_index (self->saves, index);
  block_data (self, save->start)[0] = 0;
  if (wipe)
    {
      memset (block_data (self, save->start), 0, self->block_size);
      for (guint k = 0; k < save->list->len; k++)
        memset (block_data (self, g_array_index (save->list, guint16, k)), 0, self->block_size);
    }

  reparse (self);
  return TRUE;
}

/* §1.2: block 0 full of copies of the magic (what Mednafen and the real
 * Daytona cart sample carry), everything else zero. */
void
ks_saturn_partition_format (guint8 *logical,
                            gsize   size,
                            guint   block_size)
{
  g_return_if_fail (logical != NULL);
  g_return_if_fail (block_size % FORMAT_MAGIC_SIZE == 0 && block_size <= size);

  memset (logical, 0, size);
  for (guint i = 0; i < block_size; i += FORMAT_MAGIC_SIZE)
    memcpy (logical + i, FORMAT_MAGIC, FORMAT_MAGIC_SIZE);
}

/* ---- verify ---- */

typedef struct
{
  GPtrArray  *findings;
  const char *label;
  GHashTable *counts;   /* code → guint count */
} Report;

static void report_add (Report     *report,
                        KsSeverity  severity,
                        const char *code,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
report_add (Report     *report,
            KsSeverity  severity,
            const char *code,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (report->counts, code)) + 1;
  va_list args;

  g_hash_table_insert (report->counts, (gpointer) code, GUINT_TO_POINTER (count));
  if (count > MAX_FINDINGS_PER_CODE)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (report->label != NULL)
    ks_findings_add (report->findings, severity, code, "%s: %s", report->label, message);
  else
    ks_findings_add (report->findings, severity, code, "%s", message);
}

static void
report_overflow (Report *report)
{
  GHashTableIter iter;
  gpointer code, count;

  g_hash_table_iter_init (&iter, report->counts);
  while (g_hash_table_iter_next (&iter, &code, &count))
    if (GPOINTER_TO_UINT (count) > MAX_FINDINGS_PER_CODE)
      ks_findings_add (report->findings, KS_SEVERITY_INFO, "saturn-more-findings",
                       _("%u more findings like [%s] are not listed."),
                       GPOINTER_TO_UINT (count) - MAX_FINDINGS_PER_CODE, (const char *) code);
}

/* The name is converted only when there is something to say about the save. */
static const char *
lazy_name (const Save  *save,
           char       **cache)
{
  if (*cache == NULL)
    *cache = save_display_name (save);

  return *cache;
}

static void
verify_chain (KsSaturnPartition *self,
              Report            *report,
              Save              *save)
{
  g_autofree char *name = NULL;
  guint per = stream_per_block (self);
  guint chain_length = save->list->len + 1;

  switch (save->state)
    {
    case CHAIN_OUT_OF_RANGE:
      report_add (report, KS_SEVERITY_ERROR, "saturn-block-out-of-range",
                  _("Save “%s” (block %u) lists block %u, outside the usable blocks 2–%u."),
                  lazy_name (save, &name), save->start, save->bad_block, self->n_blocks - 1);
      break;
    case CHAIN_LOOP:
      report_add (report, KS_SEVERITY_ERROR, "saturn-block-loop",
                  _("The block list of save “%s” (block %u) comes back to block %u: it loops."),
                  lazy_name (save, &name), save->start, save->bad_block);
      break;
    case CHAIN_SHARED:
      {
        Save *other = g_ptr_array_index (self->saves, save->other);
        g_autofree char *other_name = save_display_name (other);

        report_add (report, KS_SEVERITY_ERROR, "saturn-block-shared",
                    _("Block %u is claimed by save “%s” (block %u) and by save “%s” "
                      "(block %u)."),
                    save->bad_block, lazy_name (save, &name), save->start, other_name,
                    other->start);
      }
      break;
    case CHAIN_AHEAD:
      report_add (report, KS_SEVERITY_ERROR, "saturn-block-list-ahead",
                  _("The block list of save “%s” (block %u) needs a block it has not "
                    "named yet."), lazy_name (save, &name), save->start);
      break;
    case CHAIN_SHORT:
      report_add (report, KS_SEVERITY_ERROR, "saturn-size-past-chain",
                  _("Save “%s” (block %u) is %u bytes, but its %u blocks hold only %"
                    PRIu64 ": the end of the save is missing."),
                  lazy_name (save, &name), save->start, save->meta.size, chain_length,
                  (guint64) chain_length * per > save->payload_offset
                  ? (guint64) chain_length * per - save->payload_offset : 0);
      break;
    case CHAIN_OK:
    default:
      {
        guint expected = ks_saturn_block_count (save->meta.size, self->block_size);

        if (chain_length != expected)
          report_add (report, KS_SEVERITY_WARNING, "saturn-block-count",
                      _("Save “%s” (block %u) uses %u blocks where %u hold its %u bytes."),
                      lazy_name (save, &name), save->start, chain_length, expected,
                      save->meta.size);
      }
      break;
    }

  for (guint k = 0; k < save->list->len; k++)
    {
      guint block = g_array_index (save->list, guint16, k);
      const guint8 *tag = block_data (self, block);

      if (!ks_bytes_all (tag, TAG_SIZE, 0))
        report_add (report, KS_SEVERITY_WARNING, "saturn-continuation-tag",
                    _("Block %u of save “%s” should begin 00 00 00 00 but begins "
                      "%02X %02X %02X %02X."),
                    block, lazy_name (save, &name), tag[0], tag[1], tag[2], tag[3]);
    }

  if (save->meta.language >= N_LANGUAGES)
    report_add (report, KS_SEVERITY_INFO, "saturn-language",
                _("Save “%s” has language byte 0x%02X, not one of the six the BIOS knows; "
                  "games accept it."), lazy_name (save, &name), save->meta.language);
}

/* §3.6: past the end of the saves the flash should be erased; anything
 * else there is said once, however many blocks it fills. */
static void
verify_flash_end (KsSaturnPartition *self,
                  Report            *report)
{
  const guint8 *tag;
  guint not_erased = 0;

  if (self->used_blocks >= self->n_blocks)
    return;

  for (guint b = self->used_blocks; b < self->n_blocks; b++)
    if (!ks_bytes_all (block_data (self, b), self->block_size, 0xFF))
      not_erased++;

  if (not_erased == 0)
    return;

  tag = block_data (self, self->used_blocks);
  report_add (report, KS_SEVERITY_WARNING, "saturn-flash-not-erased",
              _("The saves end at block %u, which begins %02X %02X %02X %02X, a tag no "
                "backup RAM block has. %u of the %u blocks from there to the end are not "
                "erased flash (0xFF); they are kept as they are but not read as saves."),
              self->used_blocks, tag[0], tag[1], tag[2], tag[3], not_erased,
              self->n_blocks - self->used_blocks);
}

void
ks_saturn_partition_verify (KsSaturnPartition *self,
                            GPtrArray         *findings)
{
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) counts = NULL;
  Report report;

  g_return_if_fail (self != NULL);
  g_return_if_fail (findings != NULL);

  counts = g_hash_table_new (g_str_hash, g_str_equal);
  report = (Report) { findings, self->label, counts };

  if ((self->flags & KS_SATURN_PARTITION_REQUIRE_FORMAT) &&
      !ks_saturn_partition_is_formatted (self))
    report_add (&report, KS_SEVERITY_ERROR, "saturn-unformatted",
                _("Block 0 does not start with “BackUpRam Format”: this backup RAM is not "
                  "formatted."));

  if (!ks_bytes_all (block_data (self, 1), self->block_size, 0))
    report_add (&report, KS_SEVERITY_WARNING, "saturn-block1-not-zero",
                _("Block 1 should be all zero but holds data; it is kept as it is."));

  verify_flash_end (self, &report);

  names = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                 (GDestroyNotify) g_bytes_unref, NULL);

  for (guint i = 0; i < self->saves->len; i++)
    {
      Save *save = g_ptr_array_index (self->saves, i);
      g_autoptr(GBytes) key = g_bytes_new (save->meta.name, KS_SATURN_NAME_SIZE);
      gpointer first;

      verify_chain (self, &report, save);

      if (g_hash_table_lookup_extended (names, key, NULL, &first))
        {
          g_autofree char *name = save_display_name (save);

          report_add (&report, KS_SEVERITY_WARNING, "saturn-duplicate-name",
                      _("Two saves are named “%s” (blocks %u and %u); games find only "
                        "the first."), name, GPOINTER_TO_UINT (first), save->start);
        }
      else
        g_hash_table_insert (names, g_steal_pointer (&key), GUINT_TO_POINTER (save->start));
    }

  report_overflow (&report);
}
