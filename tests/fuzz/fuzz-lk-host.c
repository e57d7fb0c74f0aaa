/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-lk-host.c — the host side of the cart-reader driver fed any reply
 * stream: identify (ks_lk_reader_open_link()), detect the cart, read its
 * save with a check.  Whatever the "reader" answers, the driver must end
 * in a clear error or a save of the cart's size, never crash, hang or
 * read out of bounds.
 *
 * The input is a list of replies: a length byte, then that many bytes.
 * The driver runs over a link in memory (ks_serial_link_new_custom()):
 * the bytes the host writes until it next looks for input are one burst,
 * and each burst is answered with the next reply.  A read that finds too
 * few bytes times out at once, and the time it would have waited, like
 * every wait the driver asks of the link, only moves a clock; when the
 * replies run out, or that clock passes a minute, the reader goes away.
 * Nothing sleeps and no file descriptor is opened.  Byte 0 of the input
 * picks the reply time-out the driver uses after identifying.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <keepsake.h>

#include "fuzz-malloc.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Past this much waiting the "reader" is taken away: an input cannot keep
 * the driver retrying on time-outs alone */
#define CLOCK_LIMIT_USEC (60 * G_USEC_PER_SEC)

#define LINK_PATH "fuzz-reply-stream"

typedef struct
{
  const guint8 *data;      /* the replies not yet sent */
  gsize         size;
  GByteArray   *queue;     /* sent, not yet read by the host */
  gboolean      burst;     /* the host wrote since the last reply */
  gboolean      gone;
  guint64       clock_usec;
} Feed;

/* The host looks for input: a burst it sent gets its reply now */
static void
answer (Feed *feed)
{
  gsize length;

  if (!feed->burst)
    return;
  feed->burst = FALSE;
  if (feed->size == 0)
    {
      feed->gone = TRUE;
      return;
    }
  length = MIN ((gsize) feed->data[0], feed->size - 1);
  g_byte_array_append (feed->queue, feed->data + 1, length);
  feed->data += 1 + length;
  feed->size -= 1 + length;
}

static gboolean
feed_write (gpointer      user_data,
            const guint8 *data,
            gsize         size,
            GError      **error)
{
  Feed *feed = user_data;

  if (feed->gone)
    return FALSE;
  feed->burst = TRUE;
  return TRUE;
}

static gssize
feed_read (gpointer  user_data,
           guint8   *buffer,
           gsize     size,
           guint     timeout_ms,
           GError  **error)
{
  Feed *feed = user_data;
  gsize n;

  answer (feed);
  if (feed->queue->len == 0 && (feed->gone || feed->clock_usec > CLOCK_LIMIT_USEC))
    {
      feed->gone = TRUE;
      return -1;
    }

  n = MIN (size, (gsize) feed->queue->len);
  memcpy (buffer, feed->queue->data, n);
  g_byte_array_remove_range (feed->queue, 0, n);
  if (n < size)
    feed->clock_usec += (guint64) timeout_ms * 1000;
  return n;
}

static gint
feed_input_waiting (gpointer user_data)
{
  Feed *feed = user_data;

  answer (feed);
  if (feed->queue->len == 0 && feed->gone)
    return -1;
  return feed->queue->len;
}

static void
feed_flush (gpointer user_data)
{
  Feed *feed = user_data;

  answer (feed);
  g_byte_array_set_size (feed->queue, 0);
}

static void
feed_sleep (gpointer user_data,
            guint64  usec)
{
  Feed *feed = user_data;

  feed->clock_usec += usec;
}

static const KsSerialLinkFuncs feed_funcs = {
  .backend = "fuzz",
  .write = feed_write,
  .read = feed_read,
  .input_waiting = feed_input_waiting,
  .flush = feed_flush,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GByteArray *queue;
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  KsSerialLink *link;
  KsCartOverride none;
  KsCartInfo info = { 0 };
  Feed feed;

  if (size < 1)
    return 0;

  if (queue == NULL)
    queue = g_byte_array_sized_new (4096);
  g_byte_array_set_size (queue, 0);
  feed.data = data + 1;
  feed.size = size - 1;
  feed.queue = queue;
  feed.burst = FALSE;
  feed.gone = FALSE;
  feed.clock_usec = 0;

  link = ks_serial_link_new_custom (LINK_PATH, &feed_funcs, &feed, NULL);
  ks_serial_link_set_sleep_func (link, feed_sleep, &feed);

  reader = ks_lk_reader_open_link (link, &error);
  if (reader != NULL)
    {
      ks_lk_reader_set_timeouts (reader, 5 + data[0] % 20, 5 + data[0] % 20);
      ks_cart_override_init (&none);
      if (ks_cart_detect (reader, &none, &info, &error) && info.kind != KS_CART_NONE)
        {
          g_autoptr(GBytes) save = ks_reader_backup_read (reader, &info,
                                                          KS_READER_BACKUP_VERIFY, NULL, NULL,
                                                          NULL, &error);

          if (save != NULL && g_bytes_get_size (save) != info.save_size)
            abort ();
        }
      ks_cart_info_clear (&info);
      ks_lk_reader_close (reader);
    }
  else if (error == NULL)
    abort ();

  /* what the driver learnt of this "port" (a smaller read size) must not
   * carry over to the next input */
  ks_reader_memory_forget (LINK_PATH);
  return 0;
}
