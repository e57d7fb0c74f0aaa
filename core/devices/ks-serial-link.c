/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-serial-link.c — libserialport for real ports, termios for ptys,
 * functions given by the caller for anything else */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <libserialport.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "ks-serial-link.h"
#include "ks-serial-ports.h"

/* A write that cannot go out within this long means the device is gone */
#define WRITE_TIMEOUT_MS 2000

struct _KsSerialLink
{
  char           *path;
  struct sp_port *port;   /* libserialport backend */
  int             fd;     /* pty backend, -1 otherwise */
  const KsSerialLinkFuncs *funcs;   /* custom backend */
  gpointer        user_data;
  GDestroyNotify  destroy;
  KsSerialLinkSleepFunc sleep_func; /* NULL: g_usleep() */
  gpointer        sleep_data;
};

static gboolean
configure_sp (struct sp_port  *port,
              guint            baud)
{
  /* cart-reader-protocol.md §1.1: 8N1, no flow control */
  return sp_set_baudrate (port, (int) baud) == SP_OK &&
         sp_set_bits (port, 8) == SP_OK &&
         sp_set_parity (port, SP_PARITY_NONE) == SP_OK &&
         sp_set_stopbits (port, 1) == SP_OK &&
         sp_set_flowcontrol (port, SP_FLOWCONTROL_NONE) == SP_OK;
}

static speed_t
termios_speed (guint baud)
{
  switch (baud)
    {
    case 1000000:
      return B1000000;
    case 1500000:
      return B1500000;
    case 115200:
      return B115200;
    default:
      return B9600;
    }
}

static int
open_pty (const char *path,
          guint       baud)
{
  struct termios tio;
  int fd = open (path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

  if (fd < 0)
    return -1;

  /* Exclusive, as libserialport opens a real port; raw 8N1: no echo, no
   * line editing, no CR/LF mapping, no XON/XOFF (bytes 0x11/0x13 are
   * data). */
  if (ioctl (fd, TIOCEXCL) != 0 || tcgetattr (fd, &tio) != 0)
    goto fail;
  cfmakeraw (&tio);
  tio.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  cfsetispeed (&tio, termios_speed (baud));
  cfsetospeed (&tio, termios_speed (baud));
  if (tcsetattr (fd, TCSANOW, &tio) != 0)
    goto fail;
  tcflush (fd, TCIOFLUSH);

  return fd;

fail:
  {
    int saved_errno = errno;

    close (fd);
    errno = saved_errno;
    return -1;
  }
}

KsSerialLink *
ks_serial_link_open (const char  *path,
                     guint        baud,
                     GError     **error)
{
  g_autoptr(KsSerialLink) link = NULL;
  struct sp_port *port = NULL;
  enum sp_return ret;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (baud > 0, NULL);

  link = g_new0 (KsSerialLink, 1);
  link->path = g_strdup (path);
  link->fd = -1;

  if (ks_serial_port_is_pty (path))
    {
      link->fd = open_pty (path, baud);
      if (link->fd < 0)
        {
          ks_serial_port_set_open_error (error, path, errno);
          return NULL;
        }
      return g_steal_pointer (&link);
    }

  ret = sp_get_port_by_name (path, &port);
  if (ret != SP_OK)
    {
      int saved_errno = ret == SP_ERR_FAIL ? sp_last_error_code () : 0;

      /* libserialport says "argument" for paths it cannot find in sysfs */
      if (saved_errno == 0)
        saved_errno = g_file_test (path, G_FILE_TEST_EXISTS) ? ENOTTY : ENOENT;
      ks_serial_port_set_open_error (error, path, saved_errno);
      return NULL;
    }
  link->port = port;

  if (sp_open (port, SP_MODE_READ_WRITE) != SP_OK)
    {
      ks_serial_port_set_open_error (error, path, sp_last_error_code ());
      return NULL;
    }

  if (!configure_sp (port, baud))
    {
      ks_serial_port_set_open_error (error, path, sp_last_error_code ());
      return NULL;
    }

  {
    int fd;

    /* Keep other programs from opening the port while Keepsake talks. */
    if (sp_get_port_handle (port, &fd) == SP_OK)
      ioctl (fd, TIOCEXCL);
  }

  sp_flush (port, SP_BUF_BOTH);

  return g_steal_pointer (&link);
}

KsSerialLink *
ks_serial_link_new_custom (const char              *path,
                           const KsSerialLinkFuncs *funcs,
                           gpointer                 user_data,
                           GDestroyNotify           destroy)
{
  KsSerialLink *link;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (funcs != NULL && funcs->write != NULL && funcs->read != NULL &&
                        funcs->input_waiting != NULL, NULL);

  link = g_new0 (KsSerialLink, 1);
  link->path = g_strdup (path);
  link->fd = -1;
  link->funcs = funcs;
  link->user_data = user_data;
  link->destroy = destroy;

  return link;
}

void
ks_serial_link_set_sleep_func (KsSerialLink          *link,
                               KsSerialLinkSleepFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (link != NULL);

  link->sleep_func = func;
  link->sleep_data = user_data;
}

void
ks_serial_link_sleep (KsSerialLink *link,
                      guint64       usec)
{
  g_return_if_fail (link != NULL);

  if (link->sleep_func != NULL)
    link->sleep_func (link->sleep_data, usec);
  else
    g_usleep (usec);
}

void
ks_serial_link_close (KsSerialLink *link)
{
  if (link == NULL)
    return;

  if (link->destroy != NULL)
    link->destroy (link->user_data);

  if (link->port != NULL)
    {
      sp_close (link->port);
      sp_free_port (link->port);
    }
  if (link->fd >= 0)
    close (link->fd);
  g_free (link->path);
  g_free (link);
}

const char *
ks_serial_link_get_path (KsSerialLink *link)
{
  g_return_val_if_fail (link != NULL, NULL);

  return link->path;
}

const char *
ks_serial_link_get_backend (KsSerialLink *link)
{
  g_return_val_if_fail (link != NULL, NULL);

  if (link->funcs != NULL)
    return link->funcs->backend != NULL ? link->funcs->backend : "custom";
  return link->port != NULL ? "libserialport" : "pty";
}

static void
set_gone (GError       **error,
          KsSerialLink  *link,
          const char    *detail)
{
  g_autofree char *display = g_filename_display_name (link->path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
               _("The reader at %s went away (%s). Check the USB cable and plug it in again."),
               display, detail);
}

/* A custom function failed: its error, or "went away" when it gave none */
static void
custom_failed (KsSerialLink  *link,
               GError       **error,
               GError        *local_error)
{
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else
    set_gone (error, link, _("end of file"));
}

gboolean
ks_serial_link_write (KsSerialLink  *link,
                      const guint8  *data,
                      gsize          size,
                      GError       **error)
{
  gint64 deadline;
  gsize done = 0;

  g_return_val_if_fail (link != NULL, FALSE);

  if (link->funcs != NULL)
    {
      GError *local_error = NULL;

      if (link->funcs->write (link->user_data, data, size, &local_error))
        return TRUE;
      custom_failed (link, error, local_error);
      return FALSE;
    }

  if (link->port != NULL)
    {
      enum sp_return ret = sp_blocking_write (link->port, data, size, WRITE_TIMEOUT_MS);

      if (ret < 0 || (gsize) ret != size)
        {
          char *message = ret < 0 ? sp_last_error_message () : NULL;

          set_gone (error, link, message != NULL ? message : _("write timed out"));
          if (message != NULL)
            sp_free_error_message (message);
          return FALSE;
        }
      return TRUE;
    }

  deadline = g_get_monotonic_time () + WRITE_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  while (done < size)
    {
      ssize_t n = write (link->fd, data + done, size - done);

      if (n > 0)
        {
          done += n;
          continue;
        }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN && g_get_monotonic_time () < deadline)
        {
          struct pollfd pfd = { link->fd, POLLOUT, 0 };

          poll (&pfd, 1, 10);
          continue;
        }
      set_gone (error, link, n < 0 ? g_strerror (errno) : _("write timed out"));
      return FALSE;
    }

  return TRUE;
}

gssize
ks_serial_link_read (KsSerialLink  *link,
                     guint8        *buffer,
                     gsize          size,
                     guint          timeout_ms,
                     GError       **error)
{
  gint64 deadline;
  gsize done = 0;

  g_return_val_if_fail (link != NULL, -1);

  if (size == 0)
    return 0;

  if (link->funcs != NULL)
    {
      GError *local_error = NULL;
      gssize n = link->funcs->read (link->user_data, buffer, size, timeout_ms, &local_error);

      if (n >= 0)
        return MIN ((gsize) n, size);
      custom_failed (link, error, local_error);
      return -1;
    }

  if (link->port != NULL)
    {
      /* libserialport's blocking read takes 0 to mean "wait forever" */
      enum sp_return ret = timeout_ms == 0
                           ? sp_nonblocking_read (link->port, buffer, size)
                           : sp_blocking_read (link->port, buffer, size, timeout_ms);

      if (ret < 0)
        {
          char *message = sp_last_error_message ();

          set_gone (error, link, message != NULL ? message : "");
          sp_free_error_message (message);
          return -1;
        }
      return ret;
    }

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  while (done < size)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      struct pollfd pfd = { link->fd, POLLIN, 0 };
      ssize_t n;
      int r;

      r = poll (&pfd, 1, (int) MAX (left, 0));
      if (r < 0 && errno == EINTR)
        continue;
      if (r == 0)
        break;
      if (r < 0 || (pfd.revents & (POLLERR | POLLNVAL)) != 0)
        {
          set_gone (error, link, g_strerror (r < 0 ? errno : EIO));
          return -1;
        }

      n = read (link->fd, buffer + done, size - done);
      if (n > 0)
        done += n;
      else if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      else
        {
          /* 0 or EIO: the other end of the pty is closed */
          set_gone (error, link, n < 0 ? g_strerror (errno) : _("end of file"));
          return -1;
        }
    }

  return done;
}

gint
ks_serial_link_input_waiting (KsSerialLink *link)
{
  int n = 0;

  g_return_val_if_fail (link != NULL, -1);

  if (link->funcs != NULL)
    return link->funcs->input_waiting (link->user_data);

  if (link->port != NULL)
    {
      enum sp_return ret = sp_input_waiting (link->port);

      return ret < 0 ? -1 : ret;
    }

  if (ioctl (link->fd, FIONREAD, &n) != 0)
    return -1;

  return n;
}

void
ks_serial_link_flush (KsSerialLink *link)
{
  g_return_if_fail (link != NULL);

  if (link->funcs != NULL)
    {
      if (link->funcs->flush != NULL)
        link->funcs->flush (link->user_data);
      return;
    }

  if (link->port != NULL)
    sp_flush (link->port, SP_BUF_BOTH);
  else
    tcflush (link->fd, TCIOFLUSH);
}

void
ks_serial_link_drain (KsSerialLink *link)
{
  g_return_if_fail (link != NULL);

  if (link->funcs != NULL)
    {
      if (link->funcs->drain != NULL)
        link->funcs->drain (link->user_data);
      return;
    }

  if (link->port != NULL)
    sp_drain (link->port);
  else
    tcdrain (link->fd);
}

gboolean
ks_serial_link_set_baud (KsSerialLink  *link,
                         guint          baud,
                         GError       **error)
{
  struct termios tio;

  g_return_val_if_fail (link != NULL, FALSE);

  if (link->funcs != NULL)
    {
      GError *local_error = NULL;

      if (link->funcs->set_baud == NULL ||
          link->funcs->set_baud (link->user_data, baud, &local_error))
        return TRUE;
      custom_failed (link, error, local_error);
      return FALSE;
    }

  if (link->port != NULL)
    {
      if (sp_set_baudrate (link->port, (int) baud) != SP_OK)
        {
          char *message = sp_last_error_message ();

          set_gone (error, link, message != NULL ? message : "");
          sp_free_error_message (message);
          return FALSE;
        }
      return TRUE;
    }

  if (tcgetattr (link->fd, &tio) != 0 ||
      cfsetispeed (&tio, termios_speed (baud)) != 0 ||
      cfsetospeed (&tio, termios_speed (baud)) != 0 ||
      tcsetattr (link->fd, TCSANOW, &tio) != 0)
    {
      set_gone (error, link, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
