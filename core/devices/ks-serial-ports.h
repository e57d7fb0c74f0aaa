/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-serial-ports.h — the serial ports on this machine, which of them look
 * like cart readers, and why one cannot be opened
 *
 * Port problems are the first thing a new user meets (DESIGN.md, "The cart
 * reader"; cart-reader-protocol.md §6 item 2), so every failure to open a
 * port becomes a sentence that says what to do: join the group that owns
 * the port or install the udev rule, close the program that holds it, or
 * remove brltty, which takes CH340 adapters for Braille displays.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_SERIAL_PORT_ERROR (ks_serial_port_error_quark ())

typedef enum
{
  KS_SERIAL_PORT_ERROR_NOT_FOUND,     /* no such device */
  KS_SERIAL_PORT_ERROR_PERMISSION,    /* EACCES / EPERM */
  KS_SERIAL_PORT_ERROR_BUSY,          /* another program has it */
  KS_SERIAL_PORT_ERROR_NOT_A_PORT,    /* not a serial device */
  KS_SERIAL_PORT_ERROR_FAILED,        /* anything else */
} KsSerialPortError;

GQuark ks_serial_port_error_quark (void);

/* cart-reader-protocol.md §1.1: how readers show up on USB */
#define KS_USB_VID_CH340    0x1A86   /* GBxCart RW v1.3/v1.4/Mini, GBFlash */
#define KS_USB_PID_CH340    0x7523
#define KS_USB_VID_JOEY_JR  0x0483   /* Joey Jr (USB CDC) */
#define KS_USB_PID_JOEY_JR  0x5740

/* The udev rule Keepsake ships (data/) */
#define KS_UDEV_RULE_NAME "70-keepsake-cart-readers.rules"

typedef enum
{
  KS_READER_KIND_NONE,
  KS_READER_KIND_CH340,     /* GBxCart RW or GBFlash */
  KS_READER_KIND_JOEY_JR,
} KsReaderKind;

typedef struct
{
  char         *path;
  char         *description;
  char         *transport;      /* "usb", "native", "bluetooth" or "pty" */
  gint          usb_vid;        /* -1 when not a USB device */
  gint          usb_pid;
  char         *usb_manufacturer;
  char         *usb_product;
  char         *usb_serial;
  KsReaderKind  reader;
} KsSerialPortInfo;

void              ks_serial_port_info_free        (KsSerialPortInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsSerialPortInfo, ks_serial_port_info_free)

/* Every serial port libserialport finds, readers first (GPtrArray of
 * KsSerialPortInfo). */
GPtrArray        *ks_serial_ports_list            (GError     **error);
/* What is known about one path the user named, including pseudo-terminals
 * (an emulated reader), which libserialport does not list. */
KsSerialPortInfo *ks_serial_port_info_new_for_path (const char  *path,
                                                    GError     **error);
KsReaderKind      ks_reader_kind_from_usb         (gint         vid,
                                                   gint         pid);
const char       *ks_reader_kind_to_string        (KsReaderKind kind);
/* TRUE when @path is the slave side of a pseudo-terminal. */
gboolean          ks_serial_port_is_pty           (const char  *path);

/* Sets @error to the explained failure to open @path with @saved_errno. */
void              ks_serial_port_set_open_error   (GError     **error,
                                                   const char  *path,
                                                   int          saved_errno);
/* "brltty (pid 812), ModemManager (pid 640)": the processes that hold
 * @path open, found through @proc_root (NULL for /proc); NULL if none. */
char             *ks_serial_port_find_holders     (const char  *path,
                                                   const char  *proc_root);
/* A sentence when a CH340 is plugged in (seen under @sysfs_root) while
 * brltty runs (seen under @proc_root), else NULL.  NULL roots mean /sys
 * and /proc. */
char             *ks_serial_ports_check_brltty    (const char  *sysfs_root,
                                                   const char  *proc_root);

G_END_DECLS
