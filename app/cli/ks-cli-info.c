/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cli-info.c — `keepsake-cli info FILE`: format, size, SHA-256, summary;
 * data in no known format gets its size and SHA-256 and exit status 2 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

static void
print_value (const char *key,
             GVariant   *value)
{
  g_autofree char *text = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    text = g_strdup (g_variant_get_boolean (value) ? _("yes") : _("no"));
  else
    text = g_variant_print (value, FALSE);

  g_print ("%-14s %s\n", key, text);
}

/* A cart read through a reader: the reader, what was detected and from what */
static void
print_port (const KsTargetReading *port)
{
  if (port->kind != KS_TARGET_PORT)
    return;

  g_print ("%-14s %s\n", _("reader"), port->reader_name);
  g_print ("%-14s %s\n", _("cart"), port->cart);
  if (port->cart_info.notes != NULL)
    g_print ("%-14s %s\n", _("detection"), port->cart_info.notes);
}

static void
add_port_json (JsonObject            *object,
               const KsTargetReading *port)
{
  if (port->kind != KS_TARGET_PORT)
    return;

  json_object_set_string_member (object, "reader", port->reader_name);
  json_object_set_string_member (object, "cart", port->cart);
  json_object_set_boolean_member (object, "cart_sure", port->cart_info.sure);
  if (port->cart_info.notes != NULL)
    json_object_set_string_member (object, "detection", port->cart_info.notes);
}

static int
info_unrecognised (const char            *path,
                   GBytes                *bytes,
                   const KsTargetReading *port,
                   gboolean               json)
{
  g_autofree char *sha256 = ks_sha256_hex (bytes);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "format");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (bytes));
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, sha256);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, _("The format is not recognised."));
      json_builder_end_object (builder);
      {
        g_autoptr(JsonNode) node = json_builder_get_root (builder);

        add_port_json (json_node_get_object (node), port);
        ks_cli_print_json_node (node);
      }
    }
  else
    {
      g_print ("%-14s %s\n", _("file"), path);
      print_port (port);
      g_print ("%-14s %s\n", _("format"), _("not recognised"));
      g_print ("%-14s %" G_GSIZE_FORMAT "\n", _("size"), g_bytes_get_size (bytes));
      g_print ("%-14s %s\n", "sha256", sha256);
    }

  /* the facts above, and bad input all the same (DESIGN.md) */
  return ks_cli_fail_message (_("%s: the format is not recognised; if you know it, name it with "
                                "--format."), path);
}

int
ks_cli_info (const KsCliCommand  *command,
             int                  argc,
             char               **argv)
{
  KsCliOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) container = NULL;
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(KsTargetReading) reading = NULL;
  const char *path;
  int status = KS_EXIT_OK;

  if (!ks_cli_parse (&argc, &argv, command, NULL, &options, 1, 1))
    return KS_EXIT_BAD_INPUT;

  path = argv[1];
  /* a file, or a cart reader's port: the cart's save, read through the reader */
  if (!ks_cli_read (path, &options, &reading, &error))
    {
      status = ks_cli_fail (error);
      goto out;
    }
  if (reading->bytes != NULL && reading->container == NULL && options.format == NULL &&
      g_error_matches (reading->format_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED))
    {
      status = info_unrecognised (path, reading->bytes, reading, options.json);
      goto out;
    }
  container = ks_cli_container (reading, &options, &error);
  if (container == NULL)
    {
      status = ks_cli_fail (error);
      goto out;
    }

  summary = g_variant_ref_sink (ks_container_describe (container));
  findings = ks_container_verify (container);

  if (options.json)
    {
      g_autoptr(JsonNode) node = json_gvariant_serialize (summary);
      JsonObject *object = json_node_get_object (node);

      json_object_set_string_member (object, "file", path);
      add_port_json (object, reading);
      json_object_set_int_member (object, "errors",
                                  ks_findings_count (findings, KS_SEVERITY_ERROR));
      json_object_set_int_member (object, "warnings",
                                  ks_findings_count (findings, KS_SEVERITY_WARNING));
      ks_cli_print_json_node (node);
    }
  else
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_print ("%-14s %s\n", _("file"), path);
      print_port (reading);
      g_variant_iter_init (&iter, summary);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          print_value (key, value);
          g_variant_unref (value);
        }
      g_print ("%-14s %u\n", _("errors"), ks_findings_count (findings, KS_SEVERITY_ERROR));
      g_print ("%-14s %u\n", _("warnings"), ks_findings_count (findings, KS_SEVERITY_WARNING));
    }

out:
  ks_cli_options_clear (&options);
  return status;
}
