/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-clock.h — the time a simulated chip lives in
 *
 * Chip models measure their busy times against this clock, never against
 * the wall clock, so tests are fast and give the same answer on every run.
 * Whoever drives the models advances it: a model bus's wait hook, or the
 * emulator by the time each command takes on the wire (and, with --timing,
 * by keeping it in step with real time).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 now_usec;
} KsFlashClock;

static inline void
ks_flash_clock_advance (KsFlashClock *clock,
                        guint64       usec)
{
  clock->now_usec += usec;
}

G_END_DECLS
