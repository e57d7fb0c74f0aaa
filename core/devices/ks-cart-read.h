/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-read.h — everything a reader device shows, read in one go: who
 * the reader is, what cart is in it, and the cart's save as a container
 *
 * Blocking: a device runs it on a worker thread (ks-device.c).  The steps
 * are those of `keepsake-cli list PORT` (ks-reader-backup.h): identify
 * (cart-reader-protocol.md §1.2), detect (ks-cart-detect.h), read the
 * whole save with a check, open it with the format the cart's kind calls
 * for.  What was learnt before a step failed is kept, so a device can say
 * "GBxCart RW v1.4a (R42+L14), no cart answered".  A Mega Memory Card is
 * followed, on the same open port, by the Game Boy cart on top of it
 * (ks_cart_detect_top()), read the same way.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-detect.h"
#include "ks-container.h"

G_BEGIN_DECLS

typedef struct _KsCartRead KsCartRead;

struct _KsCartRead
{
  char        *reader;     /* "GBxCart RW v1.4a (R42+L14)", or NULL */
  KsCartKind   kind;       /* KS_CART_NONE until detected */
  char        *cart;       /* ks_cart_info_describe(), or NULL */
  char        *title;      /* the cart header's title, or NULL */
  KsGbMbc      mbc;        /* a Game Boy cart's mapper from its header, else KS_GB_MBC_UNKNOWN */
  char        *file_name;  /* ks_cart_info_suggest_name() */
  GBytes      *bytes;      /* the save, or NULL */
  KsContainer *container;  /* NULL when the bytes are in no known format */
  /* The Game Boy cart on top of a Mega Memory Card: NULL when none
   * answers (or the card is no MMC); what was learnt when reading it
   * failed, with the reason in top_error */
  KsCartRead  *top;
  GError      *top_error;  /* why the cart on top could not be read, or NULL */
};

gboolean ks_cart_read       (const char    *port,
                             GCancellable  *cancellable,
                             KsCartRead    *read,
                             GError       **error);
void     ks_cart_read_clear (KsCartRead    *read);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsCartRead, ks_cart_read_clear)

G_END_DECLS
