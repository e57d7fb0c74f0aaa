/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-serial-ports.c — port enumeration and the explained open errors
 * (cart-reader-protocol.md §1.1, §6 item 2; DESIGN.md "The cart reader") */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "ks-test-utils.h"

static void
test_list_does_not_fail (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = ks_serial_ports_list (&error);

  g_assert_no_error (error);
  g_assert_nonnull (ports);
  /* readers first */
  for (guint i = 1; i < ports->len; i++)
    {
      const KsSerialPortInfo *a = g_ptr_array_index (ports, i - 1);
      const KsSerialPortInfo *b = g_ptr_array_index (ports, i);

      g_assert_true (a->reader != KS_READER_KIND_NONE || b->reader == KS_READER_KIND_NONE);
    }
}

static void
test_readers_by_usb_id (void)
{
  g_assert_cmpint (ks_reader_kind_from_usb (0x1A86, 0x7523), ==, KS_READER_KIND_CH340);
  g_assert_cmpint (ks_reader_kind_from_usb (0x0483, 0x5740), ==, KS_READER_KIND_JOEY_JR);
  g_assert_cmpint (ks_reader_kind_from_usb (0x0403, 0x6001), ==, KS_READER_KIND_NONE);
  g_assert_cmpint (ks_reader_kind_from_usb (-1, -1), ==, KS_READER_KIND_NONE);
}

static void
test_pty_is_described (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(KsSerialPortInfo) info = NULL;
  int master = ks_lk_emulator_open_pty (&path, &error);

  g_assert_no_error (error);
  g_assert_true (ks_serial_port_is_pty (path));
  g_assert_false (ks_serial_port_is_pty ("/dev/null"));
  info = ks_serial_port_info_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->transport, ==, "pty");
  g_assert_cmpint (info->usb_vid, ==, -1);
  close (master);
}

static void
test_permission_names_group_and_udev_rule (void)
{
  g_autoptr(GError) error = NULL;

  ks_serial_port_set_open_error (&error, "/dev/null", EACCES);
  g_assert_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "usermod -aG"));
  g_assert_nonnull (strstr (error->message, "70-keepsake-cart-readers.rules"));
  g_assert_nonnull (strstr (error->message, "/etc/udev/rules.d/"));
}

static void
test_busy_names_the_holder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *holders = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autofree char *script = NULL;
  int master = ks_lk_emulator_open_pty (&path, &error);

  g_assert_no_error (error);
  /* another program holds the port open */
  script = g_strdup_printf ("exec sleep 30 < %s", path);
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script, NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 100 && holders == NULL; i++)
    {
      g_usleep (20000);
      holders = ks_serial_port_find_holders (path, NULL);
    }
  g_assert_nonnull (holders);
  g_assert_nonnull (strstr (holders, "sleep (pid "));

  ks_serial_port_set_open_error (&error, path, EBUSY);
  g_assert_error (error, KS_SERIAL_PORT_ERROR, KS_SERIAL_PORT_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "is in use by sleep (pid "));

  g_subprocess_force_exit (holder);
  g_subprocess_wait (holder, NULL, NULL);
  close (master);
}

static void
make_fake (const char *root,
           const char *relative,
           const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_brltty_with_ch340_is_called_out (void)
{
  g_autofree char *sys = ks_test_make_tmpdir ();
  g_autofree char *proc = ks_test_make_tmpdir ();
  g_autofree char *message = NULL;

  /* nothing plugged in: nothing to say */
  g_assert_null (ks_serial_ports_check_brltty (sys, proc));

  make_fake (sys, "bus/usb/devices/1-2/idVendor", "1a86\n");
  make_fake (sys, "bus/usb/devices/1-2/idProduct", "7523\n");
  make_fake (proc, "812/comm", "brltty\n");
  make_fake (proc, "640/comm", "ModemManager\n");

  message = ks_serial_ports_check_brltty (sys, proc);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "brltty (pid 812)"));
  g_assert_nonnull (strstr (message, "1a86:7523"));
  g_assert_nonnull (strstr (message, "apt remove brltty"));

  /* a CH340 without brltty is fine */
  {
    g_autofree char *comm = g_build_filename (proc, "812", "comm", NULL);

    g_assert_true (g_file_set_contents (comm, "bash\n", -1, NULL));
  }
  g_clear_pointer (&message, g_free);
  g_assert_null (ks_serial_ports_check_brltty (sys, proc));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/serial-ports/list/does-not-fail", test_list_does_not_fail);
  g_test_add_func ("/serial-ports/list/readers-by-usb-id", test_readers_by_usb_id);
  g_test_add_func ("/serial-ports/pty/is-described", test_pty_is_described);
  g_test_add_func ("/serial-ports/explain/permission-names-group-and-udev-rule",
                   test_permission_names_group_and_udev_rule);
  g_test_add_func ("/serial-ports/explain/busy-names-the-holder", test_busy_names_the_holder);
  g_test_add_func ("/serial-ports/explain/brltty-with-ch340-is-called-out",
                   test_brltty_with_ch340_is_called_out);

  return g_test_run ();
}
