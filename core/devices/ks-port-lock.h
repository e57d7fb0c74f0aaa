/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-port-lock.h — one user of a serial port at a time, inside Keepsake
 *
 * A device row reads its cart on a worker of its own while jobs run on the
 * port's job worker (ks-job-queue.h); both open the port through
 * ks_lk_reader_open().  Without a turn to wait for, the second to come
 * would find the port held (EBUSY) and explain it as "another program
 * holds the port".  The lock makes it wait for its turn instead; another
 * program holding the port is still told apart by the tty itself.
 *
 * The lock is per path and reentrant on one thread.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void ks_port_lock_acquire (const char *path);
void ks_port_lock_release (const char *path);

G_END_DECLS
