/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reply-stream.c — playing and recording reply streams for the host
 * driver over a link in memory (ks-reply-stream.h) */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ks-reply-stream.h"

/* Past this much waiting the "reader" is taken away: a stream cannot keep
 * the driver retrying on time-outs alone */
#define CLOCK_LIMIT_USEC (60 * G_USEC_PER_SEC)

/* The name of the link in the driver's messages and in what it remembers
 * of a port (forgotten after each session) */
#define LINK_PATH "reply-stream"

/* The emulator's read limit while recording: its smallest */
#define RECORD_READ_LIMIT 64

typedef struct
{
  const guint8 *data;        /* playing: the replies not yet sent */
  gsize         size;
  KsLkEmulator *emulator;    /* recording: the device that answers */
  GByteArray   *recording;
  GError       *record_error;
  GByteArray   *burst;       /* written since the last reply */
  gboolean      pending;     /* the host wrote since the last reply */
  GByteArray   *queue;       /* sent, not yet read by the host */
  gboolean      gone;
  guint64       clock_usec;
} Feed;

/* The emulator's whole answer to @burst: the burst is all it hears before
 * the host looks for input, so it runs until it has used the burst up.
 * Its state lives on from one burst to the next, as on one connection. */
static gboolean
emulator_answer (KsLkEmulator  *emulator,
                 GByteArray    *burst,
                 GByteArray    *answer,
                 GError       **error)
{
  guint8 buffer[512];
  gsize done = 0;
  ssize_t n;
  int sv[2];

  if (burst->len == 0)
    return TRUE;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "socketpair: %s", g_strerror (errno));
      return FALSE;
    }
  /* the burst waits in the socket until the emulator runs: a burst larger
   * than the socket holds is refused rather than waited on forever */
  fcntl (sv[1], F_SETFL, O_NONBLOCK);
  while (done < burst->len && (n = write (sv[1], burst->data + done, burst->len - done)) > 0)
    done += n;
  shutdown (sv[1], SHUT_WR);
  ks_lk_emulator_serve (emulator, sv[0]);
  close (sv[0]);
  while ((n = read (sv[1], buffer, sizeof buffer)) > 0)
    g_byte_array_append (answer, buffer, n);
  close (sv[1]);
  if (done < burst->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the emulator took %zu of a %u-byte burst", done, burst->len);
      return FALSE;
    }
  return TRUE;
}

static void
record_reply (Feed *feed)
{
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  guint8 length;

  if (!emulator_answer (feed->emulator, feed->burst, answer, &feed->record_error))
    {
      feed->gone = TRUE;
      return;
    }
  if (answer->len > KS_REPLY_STREAM_REPLY_MAX)
    {
      g_set_error (&feed->record_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "the emulator answered a %u-byte burst with %u bytes, more than a "
                   "length byte can give", feed->burst->len, answer->len);
      feed->gone = TRUE;
      return;
    }
  length = (guint8) answer->len;
  g_byte_array_append (feed->recording, &length, 1);
  g_byte_array_append (feed->recording, answer->data, answer->len);
  g_byte_array_append (feed->queue, answer->data, answer->len);
}

static void
play_reply (Feed *feed)
{
  gsize length;

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

/* The host looks for input: a burst it sent gets its reply now */
static void
answer (Feed *feed)
{
  if (!feed->pending)
    return;
  feed->pending = FALSE;
  if (feed->emulator != NULL)
    record_reply (feed);
  else
    play_reply (feed);
  g_byte_array_set_size (feed->burst, 0);
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
  feed->pending = TRUE;
  if (feed->emulator != NULL)
    g_byte_array_append (feed->burst, data, size);
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
  .backend = "reply-stream",
  .write = feed_write,
  .read = feed_read,
  .input_waiting = feed_input_waiting,
  .flush = feed_flush,
};

void
ks_reply_session_clear (KsReplySession *session)
{
  ks_cart_info_clear (&session->info);
  g_clear_pointer (&session->save, g_bytes_unref);
  g_clear_error (&session->error);
  session->opened = FALSE;
}

/* Identify, detect, read with the check, over @feed */
static void
run_session (Feed           *feed,
             guint8          mode,
             KsReplySession *session)
{
  KsSerialLink *link;
  KsLkReader *reader;

  memset (session, 0, sizeof *session);
  link = ks_serial_link_new_custom (LINK_PATH, &feed_funcs, feed, NULL);
  ks_serial_link_set_sleep_func (link, feed_sleep, feed);

  reader = ks_lk_reader_open_link (link, &session->error);
  if (reader != NULL)
    {
      KsCartOverride none;

      session->opened = TRUE;
      ks_lk_reader_set_timeouts (reader, 5 + mode % 20, 5 + mode % 20);
      ks_cart_override_init (&none);
      if (ks_cart_detect (reader, &none, &session->info, &session->error)
          && session->info.kind != KS_CART_NONE)
        session->save = ks_reader_backup_read (reader, &session->info,
                                               KS_READER_BACKUP_VERIFY, NULL, NULL,
                                               NULL, &session->error);
      ks_lk_reader_close (reader);
      g_object_unref (reader);
    }

  /* what the driver learnt of this "port" (a smaller read size, a save it
   * read) must not carry over to the next session */
  ks_reader_memory_forget (LINK_PATH);
}

static void
feed_init (Feed *feed)
{
  memset (feed, 0, sizeof *feed);
  feed->queue = g_byte_array_sized_new (256);
  feed->burst = g_byte_array_new ();
}

static void
feed_clear (Feed *feed)
{
  g_byte_array_unref (feed->queue);
  g_byte_array_unref (feed->burst);
}

void
ks_reply_stream_play (const guint8   *data,
                      gsize           size,
                      KsReplySession *session)
{
  Feed feed;

  memset (session, 0, sizeof *session);
  if (size < 1)
    return;

  feed_init (&feed);
  feed.data = data + 1;
  feed.size = size - 1;
  run_session (&feed, data[0], session);
  feed_clear (&feed);
}

GBytes *
ks_reply_stream_record (KsEmulatedCart *cart,
                        KsLkProfile     profile,
                        guint8          mode,
                        KsReplySession *session,
                        GError        **error)
{
  Feed feed;

  feed_init (&feed);
  feed.emulator = ks_lk_emulator_new (cart);
  ks_lk_emulator_set_profile (feed.emulator, profile);
  ks_lk_emulator_set_read_limit (feed.emulator, RECORD_READ_LIMIT);
  feed.recording = g_byte_array_new ();
  g_byte_array_append (feed.recording, &mode, 1);

  run_session (&feed, mode, session);

  ks_lk_emulator_free (feed.emulator);
  feed_clear (&feed);
  if (feed.record_error != NULL)
    {
      g_propagate_error (error, feed.record_error);
      g_byte_array_unref (feed.recording);
      return NULL;
    }
  return g_byte_array_free_to_bytes (feed.recording);
}
