/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-describe.h — a container's summary as its format gives it
 *
 * ks_container_describe() adds the SHA-256 of the whole image to what the
 * format says; hashing 64 to 256 KiB took a third of an input's time and
 * fuzzes nothing of Keepsake's.  The targets call the format's describe()
 * itself, which is all of the summary that reads the image's bytes.
 */
#pragma once

#include <keepsake.h>

static GVariant *
fuzz_describe (KsContainer *container)
{
  const KsFormat *format = ks_container_get_format (container);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  if (format->describe != NULL)
    format->describe (ks_container_get_impl (container), &dict);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}
