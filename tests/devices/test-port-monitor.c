/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-port-monitor.c — readers appearing and going away, with a fake port
 * list in place of libserialport: no hardware needed */

#include "config.h"

#include <glib/gstdio.h>

#include "ks-test-utils.h"

typedef struct
{
  GMutex     lock;
  GPtrArray *ports;      /* of KsSerialPortInfo */
  GThread   *main_thread;
  guint      calls;
  gboolean   called_on_main;
} FakePorts;

static KsSerialPortInfo *
port_info (const char *path,
           gint        vid,
           gint        pid)
{
  KsSerialPortInfo *info = g_new0 (KsSerialPortInfo, 1);

  info->path = g_strdup (path);
  info->transport = g_strdup (vid >= 0 ? "usb" : "native");
  info->usb_vid = vid;
  info->usb_pid = pid;
  info->reader = ks_reader_kind_from_usb (vid, pid);
  return info;
}

static GPtrArray *
fake_list (gpointer   user_data,
           GError   **error)
{
  FakePorts *fake = user_data;
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_serial_port_info_free);

  g_mutex_lock (&fake->lock);
  fake->calls++;
  if (g_thread_self () == fake->main_thread)
    fake->called_on_main = TRUE;
  for (guint i = 0; i < fake->ports->len; i++)
    {
      const KsSerialPortInfo *info = g_ptr_array_index (fake->ports, i);

      g_ptr_array_add (copy, port_info (info->path, info->usb_vid, info->usb_pid));
    }
  g_mutex_unlock (&fake->lock);

  return copy;
}

static void
fake_set (FakePorts        *fake,
          KsSerialPortInfo *first,
          ...)
{
  va_list args;

  g_mutex_lock (&fake->lock);
  g_ptr_array_set_size (fake->ports, 0);
  va_start (args, first);
  for (KsSerialPortInfo *info = first; info != NULL; info = va_arg (args, KsSerialPortInfo *))
    g_ptr_array_add (fake->ports, info);
  va_end (args);
  g_mutex_unlock (&fake->lock);
}

static void
record (KsPortMonitor *monitor,
        const char    *path,
        gpointer       user_data)
{
  GPtrArray *events = user_data;

  g_ptr_array_add (events, g_strdup (path));
}

typedef struct
{
  FakePorts      fake;
  KsPortMonitor *monitor;
  GPtrArray     *added;
  GPtrArray     *removed;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_mutex_init (&f->fake.lock);
  f->fake.ports = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_serial_port_info_free);
  f->fake.main_thread = g_thread_self ();
  f->added = g_ptr_array_new_with_free_func (g_free);
  f->removed = g_ptr_array_new_with_free_func (g_free);

  f->monitor = ks_port_monitor_new ();
  ks_port_monitor_set_lister (f->monitor, fake_list, &f->fake, NULL);
  ks_port_monitor_set_interval (f->monitor, 20);
  g_signal_connect (f->monitor, "port-added", G_CALLBACK (record), f->added);
  g_signal_connect (f->monitor, "port-removed", G_CALLBACK (record), f->removed);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A scan in flight holds the monitor and calls the fake: let it end.
   * Its worker may drop the last reference, so nothing wakes this thread:
   * poll. */
  ks_port_monitor_stop (f->monitor);
  g_object_add_weak_pointer (G_OBJECT (f->monitor), (gpointer *) &f->monitor);
  g_object_unref (f->monitor);
  while (g_atomic_pointer_get (&f->monitor) != NULL && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (f->monitor);
  g_ptr_array_unref (f->added);
  g_ptr_array_unref (f->removed);
  g_ptr_array_unref (f->fake.ports);
  g_mutex_clear (&f->fake.lock);
}

/* Runs the main loop until @events has @n entries (or 5 s pass). */
static void
wait_for (GPtrArray *events,
          guint      n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (events->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (events->len, ==, n);
}

/* Lets a few more scans run. */
static void
settle (Fixture *f)
{
  guint calls;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_mutex_lock (&f->fake.lock);
  calls = f->fake.calls;
  g_mutex_unlock (&f->fake.lock);

  while (g_get_monotonic_time () < deadline)
    {
      guint now;

      g_main_context_iteration (NULL, TRUE);
      g_mutex_lock (&f->fake.lock);
      now = f->fake.calls;
      g_mutex_unlock (&f->fake.lock);
      if (now >= calls + 3)
        break;
    }
  /* the last scan's result reaches the main context */
  for (guint i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_reader_ports_come_and_go (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(GStrv) ports = NULL;

  fake_set (&f->fake,
            port_info ("/dev/ttyS0", -1, -1),
            port_info ("/dev/ttyUSB0", KS_USB_VID_CH340, KS_USB_PID_CH340),
            port_info ("/dev/ttyACM3", 0x2341, 0x0043),   /* an Arduino: not a reader */
            NULL);
  ks_port_monitor_start (f->monitor);
  wait_for (f->added, 1);
  g_assert_cmpstr (g_ptr_array_index (f->added, 0), ==, "/dev/ttyUSB0");

  fake_set (&f->fake,
            port_info ("/dev/ttyS0", -1, -1),
            port_info ("/dev/ttyUSB0", KS_USB_VID_CH340, KS_USB_PID_CH340),
            port_info ("/dev/ttyACM0", KS_USB_VID_JOEY_JR, KS_USB_PID_JOEY_JR),
            NULL);
  wait_for (f->added, 2);
  g_assert_cmpstr (g_ptr_array_index (f->added, 1), ==, "/dev/ttyACM0");
  g_assert_cmpuint (f->removed->len, ==, 0);

  ports = ks_port_monitor_dup_ports (f->monitor);
  g_assert_cmpuint (g_strv_length (ports), ==, 2);
  g_assert_cmpstr (ports[0], ==, "/dev/ttyACM0");
  g_assert_cmpstr (ports[1], ==, "/dev/ttyUSB0");

  fake_set (&f->fake, port_info ("/dev/ttyACM0", KS_USB_VID_JOEY_JR, KS_USB_PID_JOEY_JR), NULL);
  wait_for (f->removed, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, "/dev/ttyUSB0");

  /* a port that stays is not reported again */
  settle (f);
  g_assert_cmpuint (f->added->len, ==, 2);
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_false (f->fake.called_on_main);
}

static void
test_named_ports_count_while_they_exist (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree char *dir = ks_test_make_tmpdir ();
  g_autofree char *named = g_build_filename (dir, "ttyEMU", NULL);
  const char *extra[] = { named, "/dev/ttyKEEPSAKE-NOT-THERE", NULL };

  g_assert_true (g_file_set_contents (named, "", 0, NULL));
  fake_set (&f->fake, port_info ("/dev/ttyS0", -1, -1), NULL);
  ks_port_monitor_set_extra_ports (f->monitor, extra);
  ks_port_monitor_start (f->monitor);

  wait_for (f->added, 1);
  g_assert_cmpstr (g_ptr_array_index (f->added, 0), ==, named);

  g_assert_cmpint (g_remove (named), ==, 0);
  wait_for (f->removed, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, named);
  settle (f);
  g_assert_cmpuint (f->added->len, ==, 1);
}

static void
test_stop_ends_scanning (Fixture       *f,
                         gconstpointer  data)
{
  fake_set (&f->fake, NULL, NULL);
  ks_port_monitor_start (f->monitor);
  settle (f);
  ks_port_monitor_stop (f->monitor);

  fake_set (&f->fake, port_info ("/dev/ttyUSB0", KS_USB_VID_CH340, KS_USB_PID_CH340), NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20 * 1000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (f->added->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/port-monitor/reader-ports-come-and-go", Fixture, NULL,
              fixture_set_up, test_reader_ports_come_and_go, fixture_tear_down);
  g_test_add ("/port-monitor/named-ports-count-while-they-exist", Fixture, NULL,
              fixture_set_up, test_named_ports_count_while_they_exist, fixture_tear_down);
  g_test_add ("/port-monitor/stop-ends-scanning", Fixture, NULL,
              fixture_set_up, test_stop_ends_scanning, fixture_tear_down);

  return g_test_run ();
}
