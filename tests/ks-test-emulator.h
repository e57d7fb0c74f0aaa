/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-emulator.h — an emulated LK reader on a real pseudo-terminal,
 * served by a thread of the test program */
#pragma once

#include <keepsake.h>

G_BEGIN_DECLS

typedef struct _KsTestEmulator KsTestEmulator;

/* In @faults: take the time a real reader and chip take (as
 * keepsake-emulator --timing), so a job lasts long enough to be cancelled */
#define KS_TEST_EMULATOR_REAL_TIME "real-time"

/* Takes @cart.  @faults: NULL-terminated "KIND[:N]" strings, or NULL.
 * The emulator serves host after host until stopped, or until a fault
 * takes it away (then the pty closes). */
KsTestEmulator  *ks_test_emulator_start      (KsEmulatedCart     *cart,
                                              KsLkProfile         profile,
                                              const char * const *faults);
/* The same, with the emulator's read limit (ks_lk_emulator_set_read_limit) */
KsTestEmulator  *ks_test_emulator_start_limited (KsEmulatedCart  *cart,
                                              KsLkProfile         profile,
                                              const char * const *faults,
                                              guint               read_limit);
const char      *ks_test_emulator_get_path   (KsTestEmulator     *self);
KsEmulatedCart  *ks_test_emulator_get_cart   (KsTestEmulator     *self);
/* Stops the thread; the cart stays readable until free. */
void             ks_test_emulator_stop       (KsTestEmulator     *self,
                                              KsLkEmulatorStats  *stats);
void             ks_test_emulator_free       (KsTestEmulator     *self);
/* The counts so far, the emulator still serving: call it only while no
 * host has the port open */
void             ks_test_emulator_get_stats  (KsTestEmulator     *self,
                                              KsLkEmulatorStats  *stats);

/* A reader on the emulator with short time limits (200 ms / 25 ms), so a
 * fault costs tenths of a second. */
KsLkReader      *ks_test_emulator_open_reader (KsTestEmulator    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsTestEmulator, ks_test_emulator_free)

G_END_DECLS
