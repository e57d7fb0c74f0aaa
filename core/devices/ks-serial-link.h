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
 *
 * A link can also run over functions it is given (a device in the same
 * process, a recorded or generated reply stream), and with a sleep
 * function of its own: the reader driver waits where the device needs
 * time through ks_serial_link_sleep(), so a link whose device does not
 * run in real time need not wait at all.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KsSerialLink KsSerialLink;

/* The functions of a link that is not a port (ks_serial_link_new_custom()).
 * They behave like the calls below of the same name; a function that fails
 * without setting @error is reported as the device going away.  @flush,
 * @drain and @set_baud may be NULL (nothing to do). */
typedef struct
{
  const char *backend;   /* what ks_serial_link_get_backend() says */
  gboolean  (*write)         (gpointer      user_data,
                              const guint8 *data,
                              gsize         size,
                              GError      **error);
  gssize    (*read)          (gpointer      user_data,
                              guint8       *buffer,
                              gsize         size,
                              guint         timeout_ms,
                              GError      **error);
  gint      (*input_waiting) (gpointer      user_data);
  void      (*flush)         (gpointer      user_data);
  void      (*drain)         (gpointer      user_data);
  gboolean  (*set_baud)      (gpointer      user_data,
                              guint         baud,
                              GError      **error);
} KsSerialLinkFuncs;

/* Waits @usec microseconds on behalf of the device */
typedef void (*KsSerialLinkSleepFunc) (gpointer user_data,
                                       guint64  usec);

/* Open errors are KS_SERIAL_PORT_ERROR with an explanation
 * (ks-serial-ports.h). */
KsSerialLink *ks_serial_link_open          (const char     *path,
                                            guint           baud,
                                            GError        **error);
/* A link over @funcs (kept by pointer: it must outlive the link); @destroy
 * frees @user_data when the link closes.  @path names the link in
 * messages. */
KsSerialLink *ks_serial_link_new_custom    (const char              *path,
                                            const KsSerialLinkFuncs *funcs,
                                            gpointer                 user_data,
                                            GDestroyNotify           destroy);
void          ks_serial_link_close         (KsSerialLink   *link);
/* Replaces g_usleep() as the way ks_serial_link_sleep() waits */
void          ks_serial_link_set_sleep_func (KsSerialLink          *link,
                                             KsSerialLinkSleepFunc  func,
                                             gpointer               user_data);
/* Waits @usec microseconds: the time a device needs between commands */
void          ks_serial_link_sleep         (KsSerialLink   *link,
                                            guint64         usec);
const char   *ks_serial_link_get_path      (KsSerialLink   *link);
/* "libserialport", "pty" or the custom functions' backend name */
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
