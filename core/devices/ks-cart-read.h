/* ks-cart-read.h — everything a reader device shows, read in one go: who
 * the reader is, what cart is in it, and the cart's save as a container
 *
 * Blocking: a device runs it on a worker thread (ks-device.c).  The steps
 * are those of `keepsake-cli list PORT` (ks-reader-backup.h): identify
 * (cart-reader-protocol.md §1.2), detect (ks-cart-detect.h), read the
 * whole save with a check, open it with the format the cart's kind calls
 * for.  What was learnt before a step failed is kept, so a device can say
 * "GBxCart RW v1.4a (R42+L14), no cart answered".
 */
#pragma once

#include <gio/gio.h>

#include "ks-cart-detect.h"
#include "ks-container.h"

G_BEGIN_DECLS

typedef struct
{
  char        *reader;     /* "GBxCart RW v1.4a (R42+L14)", or NULL */
  KsCartKind   kind;       /* KS_CART_NONE until detected */
  char        *cart;       /* ks_cart_info_describe(), or NULL */
  char        *title;      /* the cart header's title, or NULL */
  char        *file_name;  /* ks_cart_info_suggest_name() */
  GBytes      *bytes;      /* the save, or NULL */
  KsContainer *container;  /* NULL when the bytes are in no known format */
} KsCartRead;

gboolean ks_cart_read       (const char    *port,
                             GCancellable  *cancellable,
                             KsCartRead    *read,
                             GError       **error);
void     ks_cart_read_clear (KsCartRead    *read);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KsCartRead, ks_cart_read_clear)

G_END_DECLS
