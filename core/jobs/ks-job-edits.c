/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-edits.c — container edits shared by the window's and the command
 * line's write jobs */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-gen3.h"
#include "ks-job-edits.h"

gboolean
ks_job_edit_remove (KsContainer  *container,
                    gpointer      user_data,
                    GError      **error)
{
  return ks_container_remove (container, GPOINTER_TO_UINT (user_data), error);
}

gboolean
ks_job_edit_set_trainer (KsContainer  *container,
                         gpointer      user_data,
                         GError      **error)
{
  /* the trainer lives in a Gen III save; any other impl is not a KsGen3Save */
  if (!g_str_equal (ks_container_get_format (container)->id, "gen3"))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                   _("This is not a Pokémon Gen III save, so it has no trainer to edit."));
      return FALSE;
    }
  if (!ks_gen3_set_trainer (ks_container_get_impl (container), user_data, FALSE, error))
    return FALSE;

  ks_container_mark_modified (container);
  return TRUE;
}

void
ks_job_edit_trainer_free (gpointer trainer)
{
  if (trainer == NULL)
    return;
  ks_gen3_trainer_clear (trainer);
  g_free (trainer);
}
