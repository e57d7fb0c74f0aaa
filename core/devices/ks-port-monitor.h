/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-port-monitor.h — cart readers coming and going on serial ports
 *
 * Every interval (2 s) a worker thread lists the serial ports — never the
 * main thread: libserialport walks sysfs and may block on a busy bus — and
 * the main context learns which ports appeared and went away.  A port
 * counts when it looks like a reader (its USB VID:PID, ks-serial-ports.h)
 * or when the caller named it (the "extra-serial-ports" setting: a reader
 * behind an adapter we do not know, an emulator's pseudo-terminal); a named
 * port counts while its path exists.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* cart-reader-protocol.md §6: how often FlashGBX looks for readers */
#define KS_PORT_MONITOR_INTERVAL_MS 2000

/* Lists the ports (GPtrArray of KsSerialPortInfo).  Called on a worker
 * thread, one call at a time. */
typedef GPtrArray *(*KsPortLister) (gpointer   user_data,
                                    GError   **error);

#define KS_TYPE_PORT_MONITOR (ks_port_monitor_get_type ())

G_DECLARE_FINAL_TYPE (KsPortMonitor, ks_port_monitor, KS, PORT_MONITOR, GObject)

/* Lists with ks_serial_ports_list(); emits on the thread-default main
 * context of the caller. */
KsPortMonitor  *ks_port_monitor_new             (void);
void            ks_port_monitor_set_lister      (KsPortMonitor       *self,
                                                 KsPortLister         lister,
                                                 gpointer             user_data,
                                                 GDestroyNotify       destroy);
void            ks_port_monitor_set_interval    (KsPortMonitor       *self,
                                                 guint                interval_ms);
void            ks_port_monitor_set_extra_ports (KsPortMonitor       *self,
                                                 const char * const  *paths);
/* Scans now, then every interval. */
void            ks_port_monitor_start           (KsPortMonitor       *self);
void            ks_port_monitor_stop            (KsPortMonitor       *self);
/* The ports seen at the last scan, sorted. */
GStrv           ks_port_monitor_dup_ports       (KsPortMonitor       *self);

G_END_DECLS
