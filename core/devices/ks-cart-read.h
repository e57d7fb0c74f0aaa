/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-read.h — everything a reader device shows, read in one go: who
 * the reader is, what cart is in it, and the cart's save as a container
 *
 * Blocking: a device runs it on a worker thread (ks-device.c), and
 * keepsake-cli reads a port with it (list, info, verify, extract).  The
 * steps (ks-reader-backup.h): identify
 * (cart-reader-protocol.md §1.2), detect (ks-cart-detect.h), read the
 * whole save with a check, open it with the format the cart's kind calls
 * for.  What was learnt before a step failed is kept, so a device can say
 * "GBxCart RW v1.4a (R42+L14), no cart answered", and a save in no known
 * format keeps its bytes (the error is KS_FORMAT_ERROR_UNRECOGNISED).
 * With KS_CART_READ_TOP a Mega Memory Card is followed, on the same open
 * port, by the Game Boy cart on top of it (ks_cart_detect_top()), read
 * the same way.
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-detect.h"
#include "ks-container.h"
#include "ks-lk-reader.h"

G_BEGIN_DECLS

typedef struct _KsCartRead KsCartRead;

typedef enum
{
  KS_CART_READ_DEFAULT = 0,
  KS_CART_READ_TOP     = 1 << 0,   /* also the cart on top of a Mega Memory Card */
} KsCartReadFlags;

struct _KsCartRead
{
  char        *reader;     /* "GBxCart RW v1.4a (R42+L14)", or NULL */
  KsCartKind   kind;       /* KS_CART_NONE until detected */
  char        *cart;       /* ks_cart_info_describe(), or NULL */
  gboolean     sure;       /* the detection was sure (or the cart named) */
  char        *notes;      /* why it is unsure, or NULL */
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

/* The first steps of every read of a cart, for ks_cart_read() and the
 * jobs (which keep the port open to write): opens @port, identifies the
 * reader (its name in @reader_name, when not NULL, set even when detection
 * then fails) and detects the cart into @info (cleared by the caller with
 * ks_cart_info_clear()), or the cart @override names.  NULL on failure,
 * with the port closed and @info empty. */
KsLkReader *ks_cart_read_open (const char            *port,
                               const KsCartOverride  *override,
                               GCancellable          *cancellable,
                               KsCartInfo            *info,
                               char                 **reader_name,
                               GError               **error);
/* @override: the cart named by the person (--cart), or NULL: detect */
gboolean ks_cart_read       (const char           *port,
                             const KsCartOverride *override,
                             KsCartReadFlags       flags,
                             GCancellable  *cancellable,
                             KsCartRead    *read,
                             GError       **error);
void     ks_cart_read_clear (KsCartRead    *read);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsCartRead, ks_cart_read_clear)

G_END_DECLS
