/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-copy-check.c — compatibility, space and name checks before a copy */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-copy-check.h"
#include "ks-mmc-top-cart.h"
#include "ks-finding.h"

static void
add (GPtrArray  *problems,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
add (GPtrArray  *problems,
     const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
save_name (KsContainer *container,
           guint        index)
{
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

  for (guint i = 0; saves != NULL && i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (info->index == index)
        return g_strdup (info->name);
    }

  return NULL;
}

static gboolean
name_taken (KsContainer *target,
            const char  *name)
{
  g_autoptr(GPtrArray) saves = ks_container_list (target, NULL);

  for (guint i = 0; name != NULL && saves != NULL && i < saves->len; i++)
    if (g_str_equal (((KsSaveInfo *) g_ptr_array_index (saves, i))->name, name))
      return TRUE;

  return FALSE;
}

GPtrArray *
ks_copy_check (KsContainer *source,
               guint        index,
               KsContainer *target,
               const char  *target_title)
{
  return ks_copy_check_full (source, index, target, target_title, KS_COPY_CHECK_NONE);
}

GPtrArray *
ks_copy_check_full (KsContainer      *source,
                    guint             index,
                    KsContainer      *target,
                    const char       *target_title,
                    KsCopyCheckFlags  flags)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  const KsFormat *target_format;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *file_name;

  g_return_val_if_fail (source != NULL, problems);
  g_return_val_if_fail (target_title != NULL, problems);

  if (target == NULL)
    {
      add (problems, _("Keepsake does not know the format of %s, so it cannot write a save into it."),
           target_title);
      return problems;
    }

  target_format = ks_container_get_format (target);
  /* Saturn saves travel as .BUP, the exchange format; others as raw .sav */
  file_name = g_strcmp0 (target_format->platform, "Saturn") == 0 ? "save.BUP" : "save.sav";

  if (index == G_MAXUINT || !ks_container_has_saves (source))
    file = g_bytes_ref (ks_container_get_original (source));
  else
    {
      name = save_name (source, index);
      file = ks_container_extract (source, index, file_name, &error);
      if (file == NULL)
        {
          add (problems, "%s", error->message);
          return problems;
        }
    }

  if (ks_container_has_saves (target))
    {
      g_autoptr(KsContainer) trial = NULL;
      gboolean clash = name_taken (target, name);

      if (clash)
        add (problems, _("%s already holds a save named “%s”."), target_title, name);

      trial = ks_container_new_with_format (ks_container_get_original (target), NULL, target_format,
                                            &error);
      if (trial == NULL || !ks_container_insert (trial, file, file_name, NULL, &error))
        {
          if (g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE))
            add (problems, _("Not enough space on %s: %s"), target_title, error->message);
          else if (!(clash && g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS)))
            add (problems, _("%s cannot take this save: %s"), target_title, error->message);
          return problems;
        }

      g_clear_pointer (&file, g_bytes_unref);
      file = ks_container_build_verified (trial, FALSE, NULL, &error);
      if (file == NULL)
        add (problems, "%s", error->message);
    }
  else
    {
      /* a single-save target: the save replaces its whole content */
      gsize have = g_bytes_get_size (ks_container_get_original (target));
      g_autoptr(KsContainer) as_target = NULL;

      /* what the copy job will write, fitted as the card fits it */
      if ((flags & KS_COPY_CHECK_CARD_RESTORE) != 0 &&
          g_str_equal (ks_container_get_format (source)->id, "mmc"))
        {
          GBytes *fitted = ks_mmc_top_cart_fit_save (file, ks_container_get_original (target));

          g_bytes_unref (file);
          file = fitted;
        }

      if (g_bytes_get_size (file) != have)
        add (problems, _("The save is %zu bytes; %s holds %zu bytes."),
             g_bytes_get_size (file), target_title, have);

      as_target = ks_container_new_with_format (file, NULL, target_format, &error);
      if (as_target == NULL)
        /* Translators: the second %s is a format name, “Mega Memory Card” */
        add (problems, _("%s is in the format “%s”, and this save cannot be read in that "
                         "format: %s"),
             target_title, _(target_format->name), error->message);
      else
        {
          g_autoptr(GPtrArray) findings = ks_container_verify (as_target);

          for (guint i = 0; i < findings->len; i++)
            {
              const KsFinding *finding = g_ptr_array_index (findings, i);

              if (finding->severity == KS_SEVERITY_ERROR)
                add (problems, "%s", finding->message);
            }
        }
    }

  return problems;
}
