/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-read.c — identify, detect, read and open, on the caller's thread */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-cart-read.h"
#include "ks-format.h"
#include "ks-lk-reader.h"
#include "ks-reader-backup.h"

static KsContainer *
open_save (const KsCartRead  *read,
           const KsCartInfo  *info,
           GError           **error)
{
  const char *format_id = ks_cart_info_format_for_bytes (info, read->bytes, read->file_name);
  const KsFormat *format;
  gsize size;
  const guint8 *data = g_bytes_get_data (read->bytes, &size);

  if (format_id == NULL || (format = ks_format_lookup (format_id)) == NULL ||
      format->probe (data, size, read->file_name) == 0)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                   _("The save read from the cart (%s) is not in a format Keepsake knows."),
                   read->cart);
      return NULL;
    }

  return ks_container_new_with_format (read->bytes, read->file_name, format, error);
}

/* The cart on top of the card, on the reader the card was read through:
 * the port is opened once, by one thread. */
static void
read_top (KsLkReader   *reader,
          GCancellable *cancellable,
          KsCartRead   *read)
{
  KsCartInfo info = { 0 };
  KsCartRead *top;

  if (!ks_cart_detect_top (reader, &info, &read->top_error) || info.kind == KS_CART_NONE)
    {
      ks_cart_info_clear (&info);
      return;
    }

  top = g_new0 (KsCartRead, 1);
  top->reader = g_strdup (read->reader);
  top->kind = info.kind;
  top->mbc = info.mbc;
  top->cart = ks_cart_info_describe (&info);
  top->sure = info.sure;
  top->file_name = ks_cart_info_suggest_name (&info);
  top->bytes = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, cancellable,
                                      NULL, NULL, &read->top_error);
  if (top->bytes != NULL)
    top->container = open_save (top, &info, &read->top_error);

  read->top = top;
  ks_cart_info_clear (&info);
}

KsLkReader *
ks_cart_read_open (const char            *port,
                   const KsCartOverride  *override,
                   GCancellable          *cancellable,
                   KsCartInfo            *info,
                   char                 **reader_name,
                   GError               **error)
{
  g_autoptr(KsLkReader) reader = NULL;
  KsCartOverride none;

  g_return_val_if_fail (port != NULL, NULL);
  g_return_val_if_fail (info != NULL, NULL);

  memset (info, 0, sizeof *info);
  reader = ks_lk_reader_open (port, error);
  if (reader == NULL)
    return NULL;

  if (reader_name != NULL)
    {
      g_autofree char *device = ks_lk_reader_dup_device_name (reader);
      g_autofree char *firmware = ks_lk_reader_dup_firmware (reader);

      *reader_name = g_strdup_printf ("%s (%s)", device, firmware);
    }

  ks_cart_override_init (&none);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !ks_cart_detect (reader, override != NULL ? override : &none, info, error))
    {
      ks_cart_info_clear (info);
      memset (info, 0, sizeof *info);
      ks_lk_reader_close (reader);
      return NULL;
    }

  return g_steal_pointer (&reader);
}

gboolean
ks_cart_read (const char           *port,
              const KsCartOverride *override,
              KsCartReadFlags       flags,
              GCancellable         *cancellable,
              KsCartRead           *read,
              GError              **error)
{
  g_autoptr(KsLkReader) reader = NULL;
  KsCartInfo info = { 0 };

  g_return_val_if_fail (port != NULL, FALSE);
  g_return_val_if_fail (read != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (read, 0, sizeof *read);
  read->mbc = KS_GB_MBC_UNKNOWN;

  reader = ks_cart_read_open (port, override, cancellable, &info, &read->reader, error);
  if (reader == NULL)
    return FALSE;

  read->kind = info.kind;
  if (info.kind == KS_CART_GB)
    read->mbc = info.mbc;
  read->cart = ks_cart_info_describe (&info);
  read->sure = info.sure;
  read->notes = g_strdup (info.notes);
  read->title = g_strdup (info.title);
  read->file_name = ks_cart_info_suggest_name (&info);
  if (info.kind == KS_CART_NONE)
    goto out;

  read->bytes = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, cancellable,
                                       NULL, NULL, error);
  if (read->bytes == NULL)
    goto fail;

  read->container = open_save (read, &info, error);
  if (read->container == NULL)
    goto fail;

  if (info.kind == KS_CART_MMC && (flags & KS_CART_READ_TOP) != 0)
    read_top (reader, cancellable, read);

out:
  ks_cart_info_clear (&info);
  ks_lk_reader_close (reader);
  return TRUE;

fail:
  ks_cart_info_clear (&info);
  ks_lk_reader_close (reader);
  return FALSE;
}

void
ks_cart_read_clear (KsCartRead *read)
{
  g_clear_pointer (&read->reader, g_free);
  g_clear_pointer (&read->cart, g_free);
  g_clear_pointer (&read->notes, g_free);
  g_clear_pointer (&read->title, g_free);
  g_clear_pointer (&read->file_name, g_free);
  g_clear_pointer (&read->bytes, g_bytes_unref);
  g_clear_pointer (&read->container, ks_container_unref);
  if (read->top != NULL)
    {
      ks_cart_read_clear (read->top);
      g_clear_pointer (&read->top, g_free);
    }
  g_clear_error (&read->top_error);
}
