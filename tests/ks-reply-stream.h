/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-reply-stream.h — what a cart reader answers the host driver, as a
 * list of replies: the input of fuzz-lk-host (docs/fuzzing.md §1)
 *
 * A stream is a mode byte, then replies, each a length byte and that many
 * bytes.  Playing it runs the driver over a serial link in memory
 * (ks_serial_link_new_custom()): identify, detect the cart, read its save
 * with the check.  The bytes the host writes until it next looks for
 * input are one burst, answered with the next reply.  A read that finds
 * too few bytes times out at once, and the time it would have waited, like
 * every wait the driver asks of the link, only moves a clock; when the
 * replies run out, or that clock passes a minute, the reader goes away.
 * Nothing sleeps and no file descriptor is opened.  The mode byte picks
 * the reply time-out the driver uses after identifying.
 *
 * Recording runs the same session on the same link, but each burst goes
 * to an emulated reader in the same process and its answer becomes the
 * next reply of the stream.  The driver sees the same bytes at the same
 * moments either way, so a recorded stream played back repeats the
 * session exactly, down to the save it reads.
 */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

/* The longest reply a length byte can give */
#define KS_REPLY_STREAM_REPLY_MAX 255

typedef struct
{
  gboolean    opened;   /* the driver identified a reader */
  KsCartInfo  info;     /* what detection found; kind NONE when not reached */
  GBytes     *save;     /* the save read, or NULL */
  GError     *error;    /* why the session ended without a save, if it says */
} KsReplySession;

void     ks_reply_session_clear   (KsReplySession *session);

/* Plays @data (a mode byte and replies; nothing happens without the mode
 * byte) into @session, which the caller clears. */
void     ks_reply_stream_play     (const guint8   *data,
                                   gsize           size,
                                   KsReplySession *session);

/* Records the session with @cart in an emulated reader of @profile: the
 * stream starts with @mode, and each reply is the emulator's answer to
 * the burst before it.  The emulator sends at most 64 bytes a read so
 * that every reply fits a length byte; an answer longer than
 * KS_REPLY_STREAM_REPLY_MAX all the same ends the recording with an
 * error.  Returns the stream, or NULL with @error; @session (cleared by
 * the caller) says how the recorded session ended. */
GBytes  *ks_reply_stream_record   (KsEmulatedCart *cart,
                                   KsLkProfile     profile,
                                   guint8          mode,
                                   KsReplySession *session,
                                   GError        **error);

G_END_DECLS
