/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-lk-host.c — the host side of the cart-reader driver fed any reply
 * stream: identify (ks_lk_reader_open()), detect the cart, read its save
 * with a check.  Whatever the "reader" answers, the driver must end in a
 * clear error or a save of the cart's size, never crash, hang or read out
 * of bounds.
 *
 * The input is a list of replies: a length byte, then that many bytes.
 * A thread on a pseudo-terminal's master side answers each burst of bytes
 * from the host with the next reply; when the replies run out, or the
 * host waits for more than a reply gave, it closes the line: the host sees
 * the reader go away at once rather than wait out its time-outs.  Byte 0 of the input picks the reply time-out
 * the driver uses after identifying (short either way).
 */

#include "config.h"

#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <keepsake.h>

#include "fuzz-malloc.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* How long the "reader" waits for the host's next command: past it the
 * host is waiting for bytes that will not come (a short reply), and the
 * line is closed so that it finds out at once */
#define QUIET_MS 3

typedef struct
{
  int            fd;
  const guint8  *data;
  gsize          size;
  gint           host_done;   /* atomic: the host closed its side */
} Feed;

static gpointer
answer (gpointer user_data)
{
  Feed *feed = user_data;
  gsize at = 0;
  guint8 buffer[4096];

  while (at < feed->size)
    {
      struct pollfd pfd = { feed->fd, POLLIN, 0 };
      gsize length;
      int ready = poll (&pfd, 1, QUIET_MS);

      if (ready == 0 && g_atomic_int_get (&feed->host_done))
        break;
      if (ready == 0)
        {
          /* quiet: the host waits for more of the last reply */
          if (at > 0)
            break;
          continue;
        }
      if ((pfd.revents & POLLIN) == 0)
        {
          /* a master reports a hang-up until the host opens the slave,
           * and again once it has closed it */
          if (g_atomic_int_get (&feed->host_done))
            break;
          g_usleep (50);
          continue;
        }
      if (read (feed->fd, buffer, sizeof buffer) <= 0)
        break;

      /* a burst from the host, then the next reply */
      length = MIN ((gsize) feed->data[at], feed->size - at - 1);
      at++;
      if (length > 0 && write (feed->fd, feed->data + at, length) != (ssize_t) length)
        break;
      at += length;
    }

  close (feed->fd);
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(KsLkReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slave = NULL;
  KsCartOverride none;
  KsCartInfo info = { 0 };
  Feed feed;
  GThread *thread;
  int master;

  if (size < 1)
    return 0;

  master = ks_lk_emulator_open_pty (&slave, NULL);
  if (master < 0)
    abort ();

  feed.fd = master;
  feed.data = data + 1;
  feed.size = size - 1;
  feed.host_done = 0;
  thread = g_thread_new ("answer", answer, &feed);

  reader = ks_lk_reader_open (slave, &error);
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

  g_atomic_int_set (&feed.host_done, 1);
  g_thread_join (thread);
  return 0;
}
