/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-container.c — an opened image and the gate every edit passes through */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-container.h"
#include "ks-finding.h"

struct _KsContainer
{
  const KsFormat *format;
  gpointer        impl;
  GBytes         *original;
  char           *file_name;
  gboolean        modified;
};

static void
ks_container_free (KsContainer *self)
{
  if (self->impl != NULL)
    self->format->free (self->impl);
  g_clear_pointer (&self->original, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);
}

KsContainer *
ks_container_new_from_bytes (GBytes      *bytes,
                             const char  *file_name,
                             const char  *format_id,
                             GError     **error)
{
  const KsFormat *format;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  if (format_id != NULL)
    {
      format = ks_format_lookup (format_id);
      if (format == NULL)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                       _("“%s” is not a format Keepsake knows."), format_id);
          return NULL;
        }
    }
  else
    {
      format = ks_format_detect (data, size, file_name);
      if (format == NULL)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNRECOGNISED,
                       _("The format of this %zu-byte file is not recognised."),
                       size);
          return NULL;
        }
    }

  return ks_container_new_with_format (bytes, file_name, format, error);
}

/* For callers that already know the format: a reader that identified the
 * cart, or a test with a format of its own. */
KsContainer *
ks_container_new_with_format (GBytes          *bytes,
                              const char      *file_name,
                              const KsFormat  *format,
                              GError         **error)
{
  KsContainer *self;
  gpointer impl;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  impl = format->load (bytes, error);
  if (impl == NULL)
    return NULL;

  self = g_atomic_rc_box_new0 (KsContainer);
  self->format = format;
  self->impl = impl;
  self->original = g_bytes_ref (bytes);
  self->file_name = g_strdup (file_name);

  return self;
}

KsContainer *
ks_container_ref (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
ks_container_unref (KsContainer *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) ks_container_free);
}

const KsFormat *
ks_container_get_format (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->format;
}

gpointer
ks_container_get_impl (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->impl;
}

GBytes *
ks_container_get_original (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->original;
}

const char *
ks_container_get_file_name (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->file_name;
}

gboolean
ks_container_is_modified (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->modified;
}

void
ks_container_mark_modified (KsContainer *self)
{
  g_return_if_fail (self != NULL);

  self->modified = TRUE;
}

char *
ks_sha256_hex (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* The common keys first, in this order, then the format's own keys
 * alphabetically: a stable order for people reading `info` and the window. */
static const char *const leading_keys[] = {
  "format", "format_name", "platform", "size", "sha256",
};

static int
key_rank (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (leading_keys); i++)
    if (g_str_equal (key, leading_keys[i]))
      return i;

  return G_N_ELEMENTS (leading_keys);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const char *ka = *(const char * const *) a;
  const char *kb = *(const char * const *) b;
  int ra = key_rank (ka), rb = key_rank (kb);

  return ra != rb ? ra - rb : strcmp (ka, kb);
}

static GVariant *
sorted_summary (GVariant *summary)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (summary);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;

  g_variant_iter_init (&iter, owned);
  while (g_variant_iter_next (&iter, "{&sv}", &key, NULL))
    g_ptr_array_add (keys, (gpointer) key);
  g_ptr_array_sort (keys, compare_keys);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = g_ptr_array_index (keys, i);
      g_autoptr(GVariant) value = g_variant_lookup_value (owned, k, NULL);

      g_variant_builder_add (&builder, "{sv}", k, value);
    }

  return g_variant_builder_end (&builder);
}

/* Returns a floating a{sv}: format id and name, size, sha256, plus whatever
 * the format adds. */
GVariant *
ks_container_describe (KsContainer *self)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  sha256 = ks_sha256_hex (self->original);
  g_variant_dict_insert (&dict, "format", "s", self->format->id);
  g_variant_dict_insert (&dict, "format_name", "s", _(self->format->name));
  g_variant_dict_insert (&dict, "platform", "s", self->format->platform);
  g_variant_dict_insert (&dict, "size", "t", (guint64) g_bytes_get_size (self->original));
  g_variant_dict_insert (&dict, "sha256", "s", sha256);

  if (self->format->describe != NULL)
    self->format->describe (self->impl, &dict);

  return sorted_summary (g_variant_dict_end (&dict));
}

GPtrArray *
ks_container_verify (KsContainer *self)
{
  GPtrArray *findings;

  g_return_val_if_fail (self != NULL, NULL);

  findings = ks_findings_new ();
  self->format->verify (self->impl, findings);

  return findings;
}

gboolean
ks_container_has_saves (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->format->list != NULL;
}

static gboolean
check_supported (KsContainer  *self,
                 gconstpointer op,
                 GError      **error)
{
  if (op != NULL)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
               _("A %s holds a single save; it has no list of saves to change."),
               _(self->format->name));
  return FALSE;
}

GPtrArray *
ks_container_list (KsContainer  *self,
                   GError      **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!check_supported (self, self->format->list, error))
    return NULL;

  return self->format->list (self->impl);
}

gint64
ks_container_free_space (KsContainer *self)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->format->free_space == NULL)
    return -1;

  return self->format->free_space (self->impl);
}

/* A save is named by its 0-based index as listed, or by its exact name. */
gboolean
ks_container_find_save (KsContainer  *self,
                        const char   *index_or_name,
                        guint        *index,
                        GError      **error)
{
  g_autoptr(GPtrArray) saves = NULL;
  guint64 n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index_or_name != NULL, FALSE);

  saves = ks_container_list (self, error);
  if (saves == NULL)
    return FALSE;

  if (g_ascii_string_to_unsigned (index_or_name, 10, 0, G_MAXUINT, &n, NULL))
    {
      if (n < saves->len)
        {
          *index = ((KsSaveInfo *) g_ptr_array_index (saves, n))->index;
          return TRUE;
        }
    }

  for (guint i = 0; i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (g_str_equal (info->name, index_or_name))
        {
          *index = info->index;
          return TRUE;
        }
    }

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
               _("There is no save “%s” here; give an index from 0 to %u or a name as listed."),
               index_or_name, saves->len == 0 ? 0 : saves->len - 1);
  return FALSE;
}

GBytes *
ks_container_extract (KsContainer  *self,
                      guint         index,
                      const char   *out_name,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!check_supported (self, self->format->extract, error))
    return NULL;

  return self->format->extract (self->impl, index, out_name, error);
}

gboolean
ks_container_insert (KsContainer  *self,
                     GBytes       *file,
                     const char   *file_name,
                     const char   *name,
                     GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!check_supported (self, self->format->insert, error))
    return FALSE;

  if (!self->format->insert (self->impl, file, file_name, name, error))
    return FALSE;

  self->modified = TRUE;
  return TRUE;
}

gboolean
ks_container_remove (KsContainer  *self,
                     guint         index,
                     GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!check_supported (self, self->format->remove, error))
    return FALSE;

  if (!self->format->remove (self->impl, index, error))
    return FALSE;

  self->modified = TRUE;
  return TRUE;
}

static GPtrArray *
verify_bytes (const KsFormat  *format,
              GBytes          *bytes,
              GError         **error)
{
  GPtrArray *findings;
  gpointer impl;

  impl = format->load (bytes, error);
  if (impl == NULL)
    return NULL;

  findings = ks_findings_new ();
  format->verify (impl, findings);
  format->free (impl);

  return findings;
}

/* The first few errors' sentences, then how many more there are: a
 * refusal stays a paragraph however broken the image is */
#define SHOWN_ERRORS 5

static char *
join_errors (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);
  guint shown = 0;
  guint more = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity != KS_SEVERITY_ERROR)
        continue;
      if (shown == SHOWN_ERRORS)
        {
          more++;
          continue;
        }
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, finding->message);
      shown++;
    }

  if (more > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "And %u more error (see verify).",
                                           "And %u more errors (see verify).", more),
                              more);
    }

  return g_string_free (text, FALSE);
}

/* Serialise the edited image and verify what would be written, as the
 * format's own reader will see it.  An error finding in the output refuses
 * the write; @force accepts errors that were already in the original, but
 * never one the edit introduced. */
GBytes *
ks_container_build_verified (KsContainer  *self,
                             gboolean      force,
                             GPtrArray   **findings_out,
                             GError      **error)
{
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) before = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  output = self->format->serialize (self->impl, error);
  if (output == NULL)
    return NULL;

  after = verify_bytes (self->format, output, error);
  if (after == NULL)
    {
      g_prefix_error (error, _("The new content cannot be read back: "));
      return NULL;
    }

  if (ks_findings_has_errors (after))
    {
      g_autofree char *errors = join_errors (after);

      if (!force)
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                       _("The new content fails verification. %s"), errors);
          return NULL;
        }

      before = verify_bytes (self->format, self->original, NULL);
      for (guint i = 0; i < after->len; i++)
        {
          const KsFinding *finding = g_ptr_array_index (after, i);

          if (finding->severity == KS_SEVERITY_ERROR &&
              (before == NULL || ks_findings_find (before, finding->code) == NULL))
            {
              g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED,
                           _("The edit would introduce a new error, which --force does not "
                             "allow. %s"), finding->message);
              return NULL;
            }
        }
    }

  if (findings_out != NULL)
    *findings_out = g_steal_pointer (&after);

  return g_steal_pointer (&output);
}
