/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-ports.c — `keepsake-cli ports`: the serial ports, which look like
 * cart readers (USB 1a86:7523 or 0483:5740), and what the readers say
 * about themselves (cart-reader-protocol.md §1.1-§1.2)
 *
 * Only ports that look like readers, or that the user names with --port,
 * are sent the identification bytes: a modem or a console on another port
 * should not receive them.  A reader that takes 1,500,000 baud (§1.1) is
 * switched there while it is probed, and shown so.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

typedef struct
{
  KsSerialPortInfo *info;
  char             *device;
  char             *firmware;
  char             *rate;
  guint             baud;
  char             *problem;
} Row;

static void
row_free (Row *row)
{
  ks_serial_port_info_free (row->info);
  g_free (row->device);
  g_free (row->firmware);
  g_free (row->rate);
  g_free (row->problem);
  g_free (row);
}

static void
probe (Row *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsLkReader) reader = ks_lk_reader_open (row->info->path, &error);

  if (reader == NULL)
    {
      row->problem = g_strdup (error->message);
      return;
    }

  row->device = ks_lk_reader_dup_device_name (reader);
  row->firmware = ks_lk_reader_dup_firmware (reader);
  row->rate = ks_lk_reader_dup_rate (reader);
  row->baud = ks_lk_reader_get_baud (reader);
}

static char *
usb_id (gint id)
{
  return id >= 0 ? g_strdup_printf ("%04x", id) : NULL;
}

static void
print_json (GPtrArray  *rows,
            const char *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);
      g_autofree char *vid = usb_id (row->info->usb_vid);
      g_autofree char *pid = usb_id (row->info->usb_pid);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, row->info->path);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, row->info->description);
      json_builder_set_member_name (builder, "transport");
      json_builder_add_string_value (builder, row->info->transport);
      json_builder_set_member_name (builder, "usb_vid");
      if (vid != NULL)
        json_builder_add_string_value (builder, vid);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "usb_pid");
      if (pid != NULL)
        json_builder_add_string_value (builder, pid);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "looks_like_reader");
      json_builder_add_boolean_value (builder, row->info->reader != KS_READER_KIND_NONE);
      json_builder_set_member_name (builder, "reader");
      json_builder_add_boolean_value (builder, row->device != NULL);
      if (row->device != NULL)
        {
          json_builder_set_member_name (builder, "device");
          json_builder_add_string_value (builder, row->device);
          json_builder_set_member_name (builder, "firmware");
          json_builder_add_string_value (builder, row->firmware);
          json_builder_set_member_name (builder, "baud");
          json_builder_add_int_value (builder, row->baud);
        }
      if (row->problem != NULL)
        {
          json_builder_set_member_name (builder, "problem");
          json_builder_add_string_value (builder, row->problem);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  if (note != NULL)
    json_builder_add_string_value (builder, note);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ks_cli_print_json (builder);
}

static void
print_text (GPtrArray  *rows,
            const char *note)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);
      g_autofree char *vid = usb_id (row->info->usb_vid);
      g_autofree char *pid = usb_id (row->info->usb_pid);
      g_autofree char *usb = vid != NULL ? g_strdup_printf ("%s:%s", vid, pid) : g_strdup ("-");

      g_print ("%-16s %-9s %-30s %s\n", row->info->path, usb, row->info->description,
               row->info->reader != KS_READER_KIND_NONE
               ? ks_reader_kind_to_string (row->info->reader) : "");
      if (row->device != NULL)
        {
          /* Translators: the reader, its firmware and its link rate:
           * "GBxCart RW v1.4a, firmware R42+L14, 1.5 Mbaud" */
          g_autofree char *line = g_strdup_printf (_("%s, firmware %s, %s"), row->device,
                                                   row->firmware, row->rate);

          g_print ("%16s %s\n", "", line);
        }
      if (row->problem != NULL)
        g_print ("%16s %s\n", "", row->problem);
    }

  if (rows->len == 0)
    g_print ("%s\n", _("No serial ports."));
  if (note != NULL)
    g_print ("\n%s\n", note);
}

int
ks_cli_ports (const KsCliCommand  *command,
              int                  argc,
              char               **argv)
{
  KsCliOptions options = { 0 };
  g_auto(GStrv) extra_ports = NULL;
  const GOptionEntry extra[] = {
    { "port", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &extra_ports,
      N_("Also look at this port (an emulated reader's pty); repeatable"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autofree char *note = NULL;
  int status = KS_EXIT_OK;

  if (!ks_cli_parse (&argc, &argv, command, extra, &options, 0, 0))
    return KS_EXIT_BAD_INPUT;

  ports = ks_serial_ports_list (&error);
  if (ports == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }

  while (ports->len > 0)
    {
      Row *row = g_new0 (Row, 1);

      row->info = g_ptr_array_steal_index (ports, 0);
      if (row->info->reader != KS_READER_KIND_NONE)
        probe (row);
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; extra_ports != NULL && extra_ports[i] != NULL; i++)
    {
      g_autoptr(GError) port_error = NULL;
      Row *row = g_new0 (Row, 1);

      row->info = ks_serial_port_info_new_for_path (extra_ports[i], &port_error);
      if (row->info == NULL)
        {
          row->info = g_new0 (KsSerialPortInfo, 1);
          row->info->path = g_strdup (extra_ports[i]);
          row->info->description = g_strdup ("");
          row->info->transport = g_strdup ("");
          row->info->usb_vid = row->info->usb_pid = -1;
          row->problem = g_strdup (port_error->message);
        }
      else
        probe (row);
      g_ptr_array_add (rows, row);
    }

  note = ks_serial_ports_check_brltty (NULL, NULL);

  if (options.json)
    print_json (rows, note);
  else
    print_text (rows, note);

out:
  ks_cli_options_clear (&options);
  return status;
}
