/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-gen3.c — the Gen III reader, verifier and game-like writer on any
 * bytes.  What must hold: loading either fails with an error or gives a
 * save whose serialisation without edits is the input itself; a forced
 * edit of a loaded slot writes a slot the game boots, holding the edit. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-describe.h"
#include "fuzz-malloc.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GBytes) same = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(KsGen3Trainer) trainer = { 0 };
  KsContainer *container;
  KsGen3Save *save;

  ks_format_detect (data, size, "fuzz.sav");

  container = ks_container_new_with_format (bytes, "fuzz.sav", &ks_gen3_format, &error);
  if (container == NULL)
    return 0;

  save = ks_container_get_impl (container);
  findings = ks_container_verify (container);
  summary = fuzz_describe (container);

  same = ks_gen3_format.serialize (save, &error);
  if (same == NULL || !g_bytes_equal (same, bytes))
    abort ();

  if (ks_gen3_get_trainer (save, &trainer, NULL))
    {
      g_autoptr(GError) edit_error = NULL;
      guint32 money = trainer.money == 1234 ? 4321 : 1234;
      g_autofree char *value = g_strdup_printf ("%u", money);

      /* forced, so damaged slots reach the writer too */
      if (ks_gen3_set_trainer_field (save, "money", value, TRUE, &edit_error))
        {
          ks_container_mark_modified (container);
          edited = ks_container_build_verified (container, TRUE, NULL, &edit_error);
          if (edited != NULL)
            {
              g_auto(KsGen3Trainer) check = { 0 };
              KsContainer *reread;

              if (g_bytes_get_size (edited) != size)
                abort ();
              reread = ks_container_new_with_format (edited, "fuzz.sav", &ks_gen3_format, NULL);
              if (reread == NULL)
                abort ();
              ks_gen3_set_game (ks_container_get_impl (reread), ks_gen3_get_game (save));
              if (!ks_gen3_get_trainer (ks_container_get_impl (reread), &check, NULL) ||
                  check.money != money)
                abort ();
              ks_container_unref (reread);
            }
        }
    }

  ks_container_unref (container);
  return 0;
}
