/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-port.c — a serial port where a file is expected: read the cart in
 * the reader there and hand its save to the command as bytes
 *
 * list, verify, extract and info accept a port (DESIGN.md, "Command-line
 * tool").  The reader identifies the cart (ks-cart-detect.h; --cart names
 * it when detection is unsure or wrong), reads the whole save with a check
 * (ks-reader-backup.h), and the bytes open with the format the cart's kind
 * calls for, never a guess across kinds: a GBA save is not a GB .sav.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ks-cli.h"

/* What ks_cli_port_read() detected: one command, one process, seconds
 * apart, so no cart can have been swapped in between */
static char *detected_path;
static KsCartOverride detected;

static void
remember_detection (const char       *path,
                    const KsCartInfo *info)
{
  g_clear_pointer (&detected_path, g_free);
  if (!info->sure || info->kind == KS_CART_NONE || info->kind == KS_CART_GBA_OTHER)
    return;

  ks_cart_override_init (&detected);
  detected.kind = info->kind;
  detected.platform = ks_cart_kind_is_gba (info->kind) ? KS_CART_PLATFORM_GBA
                                                       : KS_CART_PLATFORM_GB;
  detected.save_size = info->save_size;
  detected.mbc = info->mbc;
  detected.flash_id = info->flash_id;
  detected_path = g_strdup (path);
}

gboolean
ks_cli_port_detected (const char     *path,
                      KsCartOverride *override)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (override != NULL, FALSE);

  if (g_strcmp0 (path, detected_path) != 0)
    return FALSE;

  *override = detected;
  return TRUE;
}

gboolean
ks_cli_is_port (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) == 0)
    return S_ISCHR (st.st_mode);

  /* a reader that is not plugged in: say so, rather than "no such file" */
  return g_str_has_prefix (path, "/dev/tty");
}

void
ks_cli_port_read_clear (KsCliPortRead *read)
{
  g_clear_pointer (&read->bytes, g_bytes_unref);
  g_clear_pointer (&read->file_name, g_free);
  g_clear_pointer (&read->reader, g_free);
  g_clear_pointer (&read->cart, g_free);
  g_clear_pointer (&read->detection, g_free);
}

gboolean
ks_cli_port_read (const char          *path,
                  const KsCliOptions  *options,
                  KsCliPortRead       *read,
                  GError             **error)
{
  g_autoptr(KsLkReader) reader = NULL;
  g_autofree char *device = NULL;
  g_autofree char *firmware = NULL;
  KsCartOverride override;
  KsCartInfo info;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (read != NULL, FALSE);

  memset (read, 0, sizeof *read);
  ks_cart_override_init (&override);
  if (options->cart != NULL && !ks_cart_override_parse (options->cart, &override, error))
    return FALSE;

  reader = ks_lk_reader_open (path, error);
  if (reader == NULL)
    return FALSE;

  device = ks_lk_reader_dup_device_name (reader);
  firmware = ks_lk_reader_dup_firmware (reader);
  read->reader = g_strdup_printf ("%s (%s)", device, firmware);

  if (!ks_cart_detect (reader, &override, &info, error))
    return FALSE;

  remember_detection (path, &info);
  read->cart = ks_cart_info_describe (&info);
  read->detection = g_strdup (info.notes);
  read->sure = info.sure;
  if (!info.sure && info.kind != KS_CART_NONE && info.notes != NULL)
    /* Translators: the third %s is one or more whole sentences of notes */
    g_printerr (_("keepsake-cli: %s: detected %s. %s If that is wrong, name the cart with "
                  "--cart.\n"), path, read->cart, info.notes);
  else if (!info.sure && info.kind != KS_CART_NONE)
    g_printerr (_("keepsake-cli: %s: detected %s. If that is wrong, name the cart with "
                  "--cart.\n"), path, read->cart);

  read->bytes = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL,
                                       error);
  ok = read->bytes != NULL;
  if (ok)
    {
      read->file_name = ks_cart_info_suggest_name (&info);
      read->format_id = ks_cart_info_format_id (&info);
    }

  ks_cart_info_clear (&info);
  ks_lk_reader_close (reader);
  if (!ok)
    ks_cli_port_read_clear (read);

  return ok;
}

const char *
ks_cli_port_format (const KsCliPortRead *read,
                    const KsCliOptions  *options)
{
  const KsFormat *format;
  gsize size;
  const guint8 *data;

  if (options->format != NULL)
    return options->format;
  if (read->format_id == NULL || (format = ks_format_lookup (read->format_id)) == NULL)
    return NULL;

  data = g_bytes_get_data (read->bytes, &size);
  return format->probe (data, size, read->file_name) > 0 ? read->format_id : NULL;
}

KsContainer *
ks_cli_open_port (const char          *path,
                  const KsCliOptions  *options,
                  GError             **error)
{
  g_auto(KsCliPortRead) read = { 0 };
  g_autoptr(KsContainer) container = NULL;
  const char *format_id;

  if (!ks_cli_port_read (path, options, &read, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  format_id = ks_cli_port_format (&read, options);
  if (format_id == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                   _("%s: the save read from the cart (%s) is not in a format Keepsake knows. "
                     "Name one with --format."), path, read.cart);
      return NULL;
    }

  container = ks_container_new_from_bytes (read.bytes, read.file_name, format_id, error);
  if (container == NULL || !ks_cli_apply_game (container, options, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return g_steal_pointer (&container);
}
