/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-port.c — a serial port where a file is expected: read the cart in
 * the reader there and hand its save to the command as a container
 *
 * list, verify, extract and info accept a port (DESIGN.md, "Command-line
 * tool").  The read is the one a device row in the window makes,
 * ks_cart_read(): the reader identifies the cart (ks-cart-detect.h;
 * --cart names it when detection is unsure or wrong), reads the whole save
 * with a check (ks-reader-backup.h), and the bytes open with the format
 * the cart's kind calls for, never a guess across kinds: a GBA save is not
 * a GB .sav.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

gboolean
ks_cli_port_read (const char          *path,
                  const KsCliOptions  *options,
                  KsCartRead          *read,
                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  KsCartOverride override;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (read != NULL, FALSE);

  ks_cart_override_init (&override);
  if (options->cart != NULL && !ks_cart_override_parse (options->cart, &override, error))
    return FALSE;

  /* a save in no known format keeps its bytes: --format may name one */
  if (!ks_cart_read (path, &override, KS_CART_READ_DEFAULT, NULL, read, &local_error) &&
      (read->bytes == NULL ||
       !g_error_matches (local_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      ks_cart_read_clear (read);
      return FALSE;
    }

  if (read->kind == KS_CART_NONE)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   "%s: %s", path,
                   _("No cart answered. Check that it sits firmly in the right slot and that its "
                     "contacts are clean."));
      ks_cart_read_clear (read);
      return FALSE;
    }

  if (!read->sure && read->notes != NULL)
    /* Translators: the third %s is one or more whole sentences of notes */
    g_printerr (_("keepsake-cli: %s: detected %s. %s If that is wrong, name the cart with "
                  "--cart.\n"), path, read->cart, read->notes);
  else if (!read->sure)
    g_printerr (_("keepsake-cli: %s: detected %s. If that is wrong, name the cart with "
                  "--cart.\n"), path, read->cart);

  return TRUE;
}

/* The cart's save as a container: with --format, read as that format;
 * else in the format the cart's kind calls for, when the bytes are in it */
KsContainer *
ks_cli_port_container (const char          *path,
                       const KsCartRead    *read,
                       const KsCliOptions  *options,
                       GError             **error)
{
  g_autoptr(KsContainer) container = NULL;

  if (options->format != NULL)
    container = ks_container_new_from_bytes (read->bytes, read->file_name, options->format, error);
  else if (read->container != NULL)
    container = ks_container_ref (read->container);
  else
    g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                 _("%s: the save read from the cart (%s) is not in a format Keepsake knows. "
                   "Name one with --format."), path, read->cart);

  if (container == NULL)
    return NULL;
  if (!ks_cli_apply_game (container, options, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&container);
}

KsContainer *
ks_cli_open_port (const char          *path,
                  const KsCliOptions  *options,
                  GError             **error)
{
  g_auto(KsCartRead) read = { 0 };

  if (!ks_cli_port_read (path, options, &read, error))
    return NULL;

  return ks_cli_port_container (path, &read, options, error);
}
