/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-sample.h — one input in N, chosen by its bytes
 *
 * Some inputs cost a hundred times the others (a few bytes of gzip or
 * RLE01 that become a 4 MiB partition of 65,536 blocks; a card whose edits
 * must be read back whole).  A target takes such paths for one input in N
 * only, chosen by a hash of the input, so that the same input always gets
 * the same treatment (a crash reproduces, a minimised corpus keeps it) and
 * every path stays reachable, at a cost the fuzzer can afford.
 */
#pragma once

#include <glib.h>

static inline gboolean
fuzz_sampled (const guint8 *data,
              gsize         size,
              guint         one_in)
{
  guint32 hash = 2166136261u;   /* FNV-1a */

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash % one_in == 0;
}
