/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-lk-host.c — the host side of the cart-reader driver fed any reply
 * stream: identify (ks_lk_reader_open_link()), detect the cart, read its
 * save with a check.  Whatever the "reader" answers, the driver must end
 * in a clear error or a save of the cart's size, never crash, hang or
 * read out of bounds.
 *
 * The input is a reply stream (tests/ks-reply-stream.h): a mode byte, then
 * a list of replies, each a length byte and that many bytes, played to the
 * driver over a link in memory, one reply for each burst the host writes.
 * Nothing sleeps and no file descriptor is opened.  Streams recorded from
 * the emulated reader (make-seeds-lk-host.c) start the fuzzer with whole
 * sessions, save read included.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "ks-reply-stream.h"

#include "fuzz-malloc.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KsReplySession session;

  if (size < 1)
    return 0;

  ks_reply_stream_play (data, size, &session);
  if (!session.opened && session.error == NULL)
    abort ();
  if (session.save != NULL && g_bytes_get_size (session.save) != session.info.save_size)
    abort ();
  ks_reply_session_clear (&session);
  return 0;
}
