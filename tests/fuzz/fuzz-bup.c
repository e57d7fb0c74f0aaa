/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-bup.c — .BUP single saves (spec saturn.md §5)
 *
 * The input goes through the bup format and through the import that puts a
 * save on a device.  Must hold (abort() otherwise): an unedited file
 * serialises to itself; an imported .BUP rebuilt with ks_bup_build() reads
 * back with the same entry and payload; display text is valid UTF-8.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-describe.h"
#include "fuzz-malloc.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) file = g_bytes_new_static (data, size);
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GBytes) payload = NULL;
  KsSaturnSaveMeta meta;

  container = ks_container_new_with_format (file, "FUZZ.BUP", &ks_bup_format, NULL);
  if (container != NULL)
    {
      g_autoptr(GVariant) summary = fuzz_describe (container);
      g_autoptr(GPtrArray) findings = ks_container_verify (container);
      g_autoptr(GBytes) out = ks_bup_format.serialize (ks_container_get_impl (container), NULL);

      if (summary == NULL || findings == NULL || out == NULL || !g_bytes_equal (out, file))
        abort ();
    }

  if (ks_saturn_save_import (file, "FUZZ.BUP", NULL, &meta, &payload, NULL))
    {
      g_autoptr(GBytes) rebuilt = ks_bup_build (&meta, g_bytes_get_data (payload, NULL), 7);
      g_autoptr(KsSaveInfo) info = ks_saturn_save_info_new (0, &meta, -1);
      KsBupHeader header;

      if (!ks_bup_read_header (g_bytes_get_data (rebuilt, NULL), g_bytes_get_size (rebuilt),
                               &header, NULL) ||
          memcmp (&header.meta, &meta, sizeof meta) != 0 || header.blocks != 7 ||
          header.payload_available != meta.size ||
          memcmp ((const guint8 *) g_bytes_get_data (rebuilt, NULL) + KS_BUP_HEADER_SIZE,
                  g_bytes_get_data (payload, NULL), meta.size) != 0)
        abort ();
      if (!g_utf8_validate (info->name, -1, NULL) || !g_utf8_validate (info->comment, -1, NULL))
        abort ();
    }
  g_clear_pointer (&payload, g_bytes_unref);

  /* as a raw payload, named by the fuzzer's first bytes */
  if (size > 0 && !ks_bup_has_magic (data, size))
    {
      g_autofree char *name = g_strndup ((const char *) data, MIN (size, (size_t) 12));

      if (ks_saturn_save_import (file, "fuzz.bin", name, &meta, &payload, NULL) &&
          (meta.size != size || g_bytes_get_size (payload) != size))
        abort ();
    }

  return 0;
}
