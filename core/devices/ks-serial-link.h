/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-serial-link.h — an open serial port: bytes out, bytes in with a
 * time limit on every read
 *
 * Real readers (CH340 and CDC ports) are opened through libserialport at
 * 1,000,000 baud 8N1 without flow control (cart-reader-protocol.md §1.1).
 * libserialport 0.1.1 cannot open a pseudo-terminal: it needs a sysfs
 * node for the port and the modem-control ioctls, which ptys lack
 * (upstream considers ptys out of scope, sigrokproject/libserialport PR
 * #4).  An emulated reader lives on a pty, so for pty paths only the link
 * opens the same tty line with termios, in the same raw 8N1 mode; every
 * byte above this layer is the same.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KsSerialLink KsSerialLink;

/* Open errors are KS_SERIAL_PORT_ERROR with an explanation
 * (ks-serial-ports.h). */
KsSerialLink *ks_serial_link_open          (const char     *path,
                                            guint           baud,
                                            GError        **error);
void          ks_serial_link_close         (KsSerialLink   *link);
const char   *ks_serial_link_get_path      (KsSerialLink   *link);
/* "libserialport" or "pty" */
const char   *ks_serial_link_get_backend   (KsSerialLink   *link);
/* FALSE with G_IO_ERROR_BROKEN_PIPE when the device went away. */
gboolean      ks_serial_link_write         (KsSerialLink   *link,
                                            const guint8   *data,
                                            gsize           size,
                                            GError        **error);
/* Reads up to @size bytes, waiting at most @timeout_ms in all; returns how
 * many arrived (fewer on a timeout), or -1 with G_IO_ERROR_BROKEN_PIPE
 * when the device went away. */
gssize        ks_serial_link_read          (KsSerialLink   *link,
                                            guint8         *buffer,
                                            gsize           size,
                                            guint           timeout_ms,
                                            GError        **error);
/* Bytes received and not yet read, or -1 when the device went away. */
gint          ks_serial_link_input_waiting (KsSerialLink   *link);
/* Discards what is waiting in both directions. */
void          ks_serial_link_flush         (KsSerialLink   *link);
/* Waits until every byte written has left the host. */
void          ks_serial_link_drain         (KsSerialLink   *link);
/* Sets the line to @baud (1,000,000 or 1,500,000), keeping 8N1.  FlashGBX
 * closes the port and opens it again at the new rate; changing the open
 * port's setting leaves the line in the same state. */
gboolean      ks_serial_link_set_baud      (KsSerialLink   *link,
                                            guint           baud,
                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSerialLink, ks_serial_link_close)

G_END_DECLS
