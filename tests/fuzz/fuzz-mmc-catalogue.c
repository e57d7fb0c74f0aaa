/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-mmc-catalogue.c — the Mega Memory Card catalogue and everything
 * that reads it: load, describe, verify, list, extract, insert, delete,
 * serialise.
 *
 * The input is laid over a freshly formatted card: its first 4 KiB become
 * the catalogue (0x7F000-0x7FFFF: mapping table, names, header), its next
 * 4 KiB at most the data area from block 0.  Inputs are bounded to those
 * 8 KiB (campaign.sh passes -max_len=8192; longer ones are cut): the
 * fuzzer spends its time on the tables, not on copying whole cards.
 *
 * Properties that must hold (abort() otherwise): a 512 KiB image always
 * loads; serialising without edits gives the image back; a save Keepsake
 * inserted extracts to the bytes that went in; after an insert and a
 * delete the card loads again and lists the saves the edited card lists
 * (checked on a sampled quarter of the inputs, see SAMPLE_RELOAD).
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-malloc.h"
#include "fuzz-sample.h"

#define CATALOGUE      0x7F000
#define CATALOGUE_SIZE 0x1000
#define DATA_SIZE      0x1000
#define MAX_EXTRACTS   8
/* Reading the edited card back loads all 512 KiB again and analyses every
 * save, a third of an input's time: it is done for one input in
 * SAMPLE_RELOAD, chosen by a hash of the input's bytes, so that the same
 * input always gets the same treatment and every path stays reachable */
#define SAMPLE_RELOAD  4

/* One formatted card per process: each input is laid over a copy of it,
 * and the regions the input covered are put back afterwards, so an input
 * costs copies of 8 KiB, not a fresh 512 KiB card. */
static GBytes *formatted;   /* kept for the process, as a whole: the
                             * sanitizer counts a lone header as a leak */
static const guint8 *pristine;
static guint8 *laid;

static void
lay_over (const uint8_t *data,
          size_t         size,
          size_t        *catalogue,
          size_t        *rest)
{
  if (pristine == NULL)
    {
      formatted = ks_mmc_new_formatted_image ();
      pristine = g_bytes_get_data (formatted, NULL);
      laid = g_memdup2 (pristine, KS_MMC_IMAGE_SIZE);
    }

  *catalogue = MIN (size, (size_t) CATALOGUE_SIZE);
  memcpy (laid + CATALOGUE, data, *catalogue);
  *rest = MIN (size - *catalogue, (size_t) DATA_SIZE);
  memcpy (laid, data + *catalogue, *rest);
}

static void
put_back (size_t catalogue,
          size_t rest)
{
  memcpy (laid + CATALOGUE, pristine + CATALOGUE, catalogue);
  memcpy (laid, pristine, rest);
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const KsFormat *format = &ks_mmc_format;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) findings = ks_findings_new ();
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GBytes) sram = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) summary = NULL;
  KsMmc *mmc;
  guint8 small[8192];

  size_t catalogue, rest;

  lay_over (data, size, &catalogue, &rest);
  image = g_bytes_new_static (laid, KS_MMC_IMAGE_SIZE);
  (void) format->probe (g_bytes_get_data (image, NULL), KS_MMC_IMAGE_SIZE, NULL);

  mmc = format->load (image, NULL);
  if (mmc == NULL)
    abort ();

  format->describe (mmc, &dict);
  summary = g_variant_ref_sink (g_variant_dict_end (&dict));
  format->verify (mmc, findings);
  (void) format->free_space (mmc);

  output = format->serialize (mmc, NULL);
  /* an unedited card hands back the very bytes it was loaded from */
  if (output == NULL || (output != image && !g_bytes_equal (output, image)))
    abort ();

  saves = format->list (mmc);
  for (guint i = 0; i < saves->len && i < MAX_EXTRACTS; i++)
    {
      GBytes *bytes = format->extract (mmc, i, "out.sav", NULL);
      guint32 candidates = ks_mmc_save_size_candidates (mmc, i);

      g_clear_pointer (&bytes, g_bytes_unref);
      if (candidates != 0)
        {
          bytes = ks_mmc_extract_banks (mmc, i, g_bit_nth_lsf (candidates, 0), NULL);
          if (bytes == NULL)
            abort ();
          g_bytes_unref (bytes);
        }
    }

  /* An 8 KiB save made of the input's first bytes, then zeros. */
  memset (small, 0, sizeof small);
  memcpy (small, data, MIN (size, (size_t) 64));
  sram = g_bytes_new (small, sizeof small);
  if (format->insert (mmc, sram, "FUZZ.sav", NULL, NULL))
    {
      g_autoptr(GPtrArray) listed = format->list (mmc);
      g_autoptr(GBytes) back = NULL;

      if (listed->len == 0)
        abort ();
      back = format->extract (mmc, listed->len - 1, "back.sav", NULL);
      if (back == NULL || !g_bytes_equal (back, sram))
        abort ();
    }

  if (saves->len > 0)
    (void) format->remove (mmc, 0, NULL);

  /* whatever the edits did, the result must read back, as the same saves
   * the edited card lists (an edit updates its list of saves in place) */
  if (fuzz_sampled (data, size, SAMPLE_RELOAD))
  {
    g_autoptr(GBytes) edited = format->serialize (mmc, NULL);
    g_autoptr(GPtrArray) kept = format->list (mmc);
    g_autoptr(GPtrArray) read = NULL;
    gpointer again = format->load (edited, NULL);

    if (again == NULL)
      abort ();
    after = ks_findings_new ();
    format->verify (again, after);
    read = format->list (again);
    if (read->len != kept->len)
      abort ();
    for (guint i = 0; i < read->len; i++)
      {
        const KsSaveInfo *a = g_ptr_array_index (kept, i);
        const KsSaveInfo *b = g_ptr_array_index (read, i);

        if (g_strcmp0 (a->name, b->name) != 0 || a->size != b->size || a->blocks != b->blocks ||
            ks_mmc_save_size_candidates (mmc, i) != ks_mmc_save_size_candidates (again, i))
          abort ();
      }
    format->free (again);
  }

  format->free (mmc);
  g_clear_pointer (&image, g_bytes_unref);
  put_back (catalogue, rest);
  return 0;
}
