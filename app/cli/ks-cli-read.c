/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-read.c — FILE|PORT (or a folder of .BUP files) where a command
 * reads: the read the window's device rows and the jobs make
 *
 * list, verify, extract, info and trainer read through ks_target_read():
 * a file is loaded and its format detected (--format names it); a port's
 * reader identifies the cart (ks-cart-detect.h; --cart names it when
 * detection is unsure or wrong), reads the whole save with a check
 * (ks-reader-backup.h), and the bytes open with the format the cart's
 * kind calls for, never a guess across kinds: a GBA save is not a GB .sav.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

gboolean
ks_cli_read (const char          *path,
             const KsCliOptions  *options,
             KsTargetReading    **reading,
             GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  KsTargetReadOptions read_options = { 0 };
  KsCartOverride override;
  KsTargetReading *read;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (reading != NULL, FALSE);

  *reading = NULL;
  ks_cart_override_init (&override);
  if (options->cart != NULL && !ks_cart_override_parse (options->cart, &override, error))
    return FALSE;

  read_options.override = &override;
  read_options.format_id = options->format;
  if (!ks_target_read (path, &read_options, NULL, &read, &local_error))
    {
      /* a file's errors name it; a port's say what went wrong there */
      if (read->kind == KS_TARGET_PORT)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      ks_target_reading_free (read);
      return FALSE;
    }

  if (read->kind == KS_TARGET_PORT && !read->cart_info.sure)
    {
      if (read->cart_info.notes != NULL)
        /* Translators: the third %s is one or more whole sentences of notes */
        g_printerr (_("keepsake-cli: %s: detected %s. %s If that is wrong, name the cart with "
                      "--cart.\n"), path, read->cart, read->cart_info.notes);
      else
        g_printerr (_("keepsake-cli: %s: detected %s. If that is wrong, name the cart with "
                      "--cart.\n"), path, read->cart);
    }

  *reading = read;
  return TRUE;
}

KsContainer *
ks_cli_container (const KsTargetReading  *reading,
                  const KsCliOptions     *options,
                  GError                **error)
{
  g_autofree char *display = g_filename_display_name (reading->path);

  if (reading->container == NULL)
    {
      if (reading->kind == KS_TARGET_PORT && options->format == NULL &&
          g_error_matches (reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED))
        g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                     _("%s: the save read from the cart (%s) is not in a format Keepsake knows. "
                       "Name one with --format."), reading->path, reading->cart);
      else if (reading->format_error != NULL)
        g_propagate_prefixed_error (error, g_error_copy (reading->format_error), "%s: ", display);
      else
        g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                     _("%s is a folder of .BUP files, not one save file."), display);
      return NULL;
    }

  if (!ks_cli_apply_game (reading->container, options, error))
    {
      g_prefix_error (error, "%s: ", display);
      return NULL;
    }
  return ks_container_ref (reading->container);
}

KsContainer *
ks_cli_open (const char          *path,
             const KsCliOptions  *options,
             GError             **error)
{
  g_autoptr(KsTargetReading) reading = NULL;

  if (!ks_cli_read (path, options, &reading, error))
    return NULL;

  return ks_cli_container (reading, options, error);
}
