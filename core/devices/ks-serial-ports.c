/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-serial-ports.c — port enumeration (libserialport) and explained open
 * errors (the device node's group, /proc/PID/fd, /sys/bus/usb/devices) */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <libserialport.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ks-serial-ports.h"

G_DEFINE_QUARK (ks-serial-port-error-quark, ks_serial_port_error)

/* Linux: Unix98 pseudo-terminal slaves have majors 136-143 (devices.txt) */
#define PTY_SLAVE_MAJOR_FIRST 136
#define PTY_SLAVE_MAJOR_LAST  143

/* Bounds on what the /proc and /sys scans look at */
#define MAX_PROCESSES 65536
#define MAX_FDS       4096

void
ks_serial_port_info_free (KsSerialPortInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->description);
  g_free (info->transport);
  g_free (info->usb_manufacturer);
  g_free (info->usb_product);
  g_free (info->usb_serial);
  g_free (info);
}

KsReaderKind
ks_reader_kind_from_usb (gint vid,
                         gint pid)
{
  if (vid == KS_USB_VID_CH340 && pid == KS_USB_PID_CH340)
    return KS_READER_KIND_CH340;
  if (vid == KS_USB_VID_JOEY_JR && pid == KS_USB_PID_JOEY_JR)
    return KS_READER_KIND_JOEY_JR;

  return KS_READER_KIND_NONE;
}

const char *
ks_reader_kind_to_string (KsReaderKind kind)
{
  switch (kind)
    {
    case KS_READER_KIND_CH340:
      return _("GBxCart RW or GBFlash (CH340)");
    case KS_READER_KIND_JOEY_JR:
      return _("Joey Jr");
    case KS_READER_KIND_NONE:
    default:
      return _("not a known cart reader");
    }
}

gboolean
ks_serial_port_is_pty (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISCHR (st.st_mode))
    return FALSE;

  return major (st.st_rdev) >= PTY_SLAVE_MAJOR_FIRST && major (st.st_rdev) <= PTY_SLAVE_MAJOR_LAST;
}

static KsSerialPortInfo *
info_from_sp_port (struct sp_port *port)
{
  KsSerialPortInfo *info = g_new0 (KsSerialPortInfo, 1);
  enum sp_transport transport = sp_get_port_transport (port);
  const char *description = sp_get_port_description (port);

  info->path = g_strdup (sp_get_port_name (port));
  info->description = g_strdup (description != NULL ? description : "");
  info->usb_vid = -1;
  info->usb_pid = -1;

  switch (transport)
    {
    case SP_TRANSPORT_USB:
      {
        int vid = -1, pid = -1;
        const char *s;

        info->transport = g_strdup ("usb");
        if (sp_get_port_usb_vid_pid (port, &vid, &pid) == SP_OK)
          {
            info->usb_vid = vid;
            info->usb_pid = pid;
          }
        if ((s = sp_get_port_usb_manufacturer (port)) != NULL)
          info->usb_manufacturer = g_strdup (s);
        if ((s = sp_get_port_usb_product (port)) != NULL)
          info->usb_product = g_strdup (s);
        if ((s = sp_get_port_usb_serial (port)) != NULL)
          info->usb_serial = g_strdup (s);
      }
      break;
    case SP_TRANSPORT_BLUETOOTH:
      info->transport = g_strdup ("bluetooth");
      break;
    case SP_TRANSPORT_NATIVE:
    default:
      info->transport = g_strdup ("native");
      break;
    }

  info->reader = ks_reader_kind_from_usb (info->usb_vid, info->usb_pid);

  return info;
}

static gint
readers_first (gconstpointer a,
               gconstpointer b)
{
  const KsSerialPortInfo *pa = *(const KsSerialPortInfo * const *) a;
  const KsSerialPortInfo *pb = *(const KsSerialPortInfo * const *) b;

  if ((pa->reader != KS_READER_KIND_NONE) != (pb->reader != KS_READER_KIND_NONE))
    return pa->reader != KS_READER_KIND_NONE ? -1 : 1;

  return g_strcmp0 (pa->path, pb->path);
}

GPtrArray *
ks_serial_ports_list (GError **error)
{
  g_autoptr(GPtrArray) ports = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_serial_port_info_free);
  struct sp_port **list = NULL;
  enum sp_return ret;

  ret = sp_list_ports (&list);
  if (ret != SP_OK)
    {
      char *message = sp_last_error_message ();

      g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_FAILED,
                   _("The serial ports could not be listed: %s"),
                   message != NULL ? message : "");
      sp_free_error_message (message);
      return NULL;
    }

  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (ports, info_from_sp_port (list[i]));
  sp_free_port_list (list);

  g_ptr_array_sort (ports, readers_first);

  return g_steal_pointer (&ports);
}

KsSerialPortInfo *
ks_serial_port_info_new_for_path (const char  *path,
                                  GError     **error)
{
  struct sp_port *port = NULL;
  KsSerialPortInfo *info;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      ks_serial_port_set_open_error (error, path, errno);
      return NULL;
    }

  if (sp_get_port_by_name (path, &port) == SP_OK)
    {
      info = info_from_sp_port (port);
      sp_free_port (port);
      return info;
    }

  if (!ks_serial_port_is_pty (path))
    {
      ks_serial_port_set_open_error (error, path, S_ISCHR (st.st_mode) ? ENXIO : ENOTTY);
      return NULL;
    }

  /* libserialport knows only ports with a sysfs node; an emulated reader
   * lives on a pseudo-terminal. */
  info = g_new0 (KsSerialPortInfo, 1);
  info->path = g_strdup (path);
  info->description = g_strdup (_("pseudo-terminal (an emulated reader)"));
  info->transport = g_strdup ("pty");
  info->usb_vid = -1;
  info->usb_pid = -1;
  info->reader = KS_READER_KIND_NONE;

  return info;
}

/* "dialout" for /dev/ttyUSB0 on Debian; NULL when unknown */
static char *
group_of (const char *path,
          gboolean   *member,
          gboolean   *member_after_login)
{
  GStatBuf st;
  struct group *gr;
  gid_t groups[256];
  int n;

  *member = FALSE;
  *member_after_login = FALSE;

  if (g_stat (path, &st) != 0 || (gr = getgrgid (st.st_gid)) == NULL)
    return NULL;

  n = getgroups (G_N_ELEMENTS (groups), groups);
  for (int i = 0; i < n; i++)
    if (groups[i] == st.st_gid)
      *member = TRUE;

  /* Listed in /etc/group but not in this session: added since login. */
  if (!*member)
    {
      const char *user = g_get_user_name ();

      for (char **m = gr->gr_mem; m != NULL && *m != NULL; m++)
        if (g_str_equal (*m, user))
          *member_after_login = TRUE;
    }

  return g_strdup (gr->gr_name);
}

static char *
read_small_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return g_strstrip (contents);
}

char *
ks_serial_port_find_holders (const char *path,
                             const char *proc_root)
{
  g_autofree char *target = NULL;
  g_autoptr(GDir) proc = NULL;
  g_autoptr(GString) holders = g_string_new (NULL);
  const char *name;
  guint seen = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (proc_root == NULL)
    proc_root = "/proc";

  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  proc = g_dir_open (proc_root, 0, NULL);
  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL && seen++ < MAX_PROCESSES)
    {
      g_autofree char *fd_dir = NULL;
      g_autoptr(GDir) fds = NULL;
      const char *fd;
      guint n_fds = 0;
      gboolean holds = FALSE;
      guint64 pid;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &pid, NULL) ||
          pid == (guint64) getpid ())
        continue;

      fd_dir = g_build_filename (proc_root, name, "fd", NULL);
      fds = g_dir_open (fd_dir, 0, NULL);
      while (!holds && fds != NULL && (fd = g_dir_read_name (fds)) != NULL && n_fds++ < MAX_FDS)
        {
          g_autofree char *link = g_build_filename (fd_dir, fd, NULL);
          g_autofree char *points = g_file_read_link (link, NULL);

          holds = points != NULL && g_str_equal (points, target);
        }

      if (holds)
        {
          g_autofree char *comm_path = g_build_filename (proc_root, name, "comm", NULL);
          g_autofree char *comm = read_small_file (comm_path);

          if (holders->len > 0)
            g_string_append (holders, ", ");
          /* Translators: a process holding a port, "ModemManager (pid 640)" */
          g_string_append_printf (holders, _("%s (pid %s)"), comm != NULL ? comm : "?", name);
        }
    }

  if (holders->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&holders), FALSE);
}

static gboolean
ch340_plugged_in (const char *sysfs_root)
{
  g_autofree char *usb = g_build_filename (sysfs_root, "bus", "usb", "devices", NULL);
  g_autoptr(GDir) dir = g_dir_open (usb, 0, NULL);
  const char *name;
  guint seen = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL && seen++ < MAX_PROCESSES)
    {
      g_autofree char *vid_path = g_build_filename (usb, name, "idVendor", NULL);
      g_autofree char *pid_path = g_build_filename (usb, name, "idProduct", NULL);
      g_autofree char *vid = read_small_file (vid_path);
      g_autofree char *pid = read_small_file (pid_path);

      if (vid != NULL && pid != NULL &&
          g_ascii_strtoull (vid, NULL, 16) == KS_USB_VID_CH340 &&
          g_ascii_strtoull (pid, NULL, 16) == KS_USB_PID_CH340)
        return TRUE;
    }

  return FALSE;
}

static char *
find_process (const char *proc_root,
              const char *wanted)
{
  g_autoptr(GDir) proc = g_dir_open (proc_root, 0, NULL);
  const char *name;
  guint seen = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL && seen++ < MAX_PROCESSES)
    {
      g_autofree char *comm_path = NULL;
      g_autofree char *comm = NULL;

      if (!g_ascii_isdigit (name[0]))
        continue;
      comm_path = g_build_filename (proc_root, name, "comm", NULL);
      comm = read_small_file (comm_path);
      if (comm != NULL && g_str_equal (comm, wanted))
        return g_strdup (name);
    }

  return NULL;
}

char *
ks_serial_ports_check_brltty (const char *sysfs_root,
                              const char *proc_root)
{
  g_autofree char *pid = NULL;

  if (sysfs_root == NULL)
    sysfs_root = "/sys";
  if (proc_root == NULL)
    proc_root = "/proc";

  if (!ch340_plugged_in (sysfs_root))
    return NULL;

  pid = find_process (proc_root, "brltty");
  if (pid == NULL)
    return NULL;

  return g_strdup_printf (_("brltty (pid %s) is running while a CH340 USB serial adapter "
                            "(1a86:7523, the chip in the GBxCart RW) is plugged in. brltty takes "
                            "such adapters for Braille displays and removes their serial port. "
                            "Unless you use a Braille display, remove it (sudo apt remove brltty), "
                            "then unplug the reader and plug it in again."), pid);
}

void
ks_serial_port_set_open_error (GError     **error,
                               const char  *path,
                               int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
      {
        gboolean member, member_after_login;
        g_autofree char *group = group_of (path, &member, &member_after_login);

        if (member_after_login)
          g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_PERMISSION,
                       _("You may not open %s. You were added to the group “%s” that owns it, "
                         "but this session started before that: log out and back in."),
                       display, group);
        else
          g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_PERMISSION,
                       _("You may not open %s (it belongs to the group “%s”). Either join that "
                         "group (sudo usermod -aG %s $USER, then log out and back in), or install "
                         "Keepsake's udev rule %s into /etc/udev/rules.d/ (sudo udevadm control "
                         "--reload) and plug the reader in again."),
                       display, group != NULL ? group : "dialout",
                       group != NULL ? group : "dialout", KS_UDEV_RULE_NAME);
      }
      break;

    case EBUSY:
      {
        g_autofree char *holders = ks_serial_port_find_holders (path, NULL);

        if (holders != NULL)
          g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_BUSY,
                       _("%s is in use by %s. Close that program (or stop it) and try again."),
                       display, holders);
        else
          g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_BUSY,
                       _("%s is in use by another program, which Keepsake cannot see (it may "
                         "belong to another user). Close it and try again."), display);
      }
      break;

    case ENOENT:
    case ENODEV:
    case ENXIO:
      {
        g_autofree char *brltty = ks_serial_ports_check_brltty (NULL, NULL);

        g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_NOT_FOUND,
                     _("There is no serial device at %s. Is the reader plugged in? "
                       "“keepsake-cli ports” lists the ports there are.%s%s"),
                     display, brltty != NULL ? " " : "", brltty != NULL ? brltty : "");
      }
      break;

    case ENOTTY:
    case EISDIR:
      g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_NOT_A_PORT,
                   _("%s is not a serial port."), display);
      break;

    default:
      g_set_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_FAILED,
                   _("Could not open %s: %s"), display, g_strerror (saved_errno));
      break;
    }
}
