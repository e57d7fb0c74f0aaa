/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-copy-plan.c — compatibility, size, space and names, checked on a copy
 * of the target before a copy, an import or a restore runs */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-copy-plan.h"
#include "ks-rtc-footer.h"
#include "ks-finding.h"
#include "ks-mmc-top-cart.h"
#include "ks-saturn-bup.h"

/* mGBA's clock footer after a Gen III save: a cart holds the save without
 * it, an emulator's file with it (gen3.md) */
#define GEN3_RTC_FOOTER_SIZE 16

/* "keep both" tries NAME_2 … NAME_99 */
#define LAST_FREE_NAME_NUMBER 99

struct _KsCopyPlan
{
  KsCopyEffect  effect;
  gboolean      offered[3];   /* by KsCopyChoice */
  GPtrArray    *problems;     /* KsCopyProblem */
  char         *name;
  char         *replaced_name;
  guint64       replaced_size;
  guint64       target_size;
  guint         target_saves;
  char         *new_name;
};

static void
problem_free (gpointer data)
{
  KsCopyProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (KsCopyPlan        *plan,
             KsCopyChoice       choice,
             KsCopyProblemKind  kind,
             const char        *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (KsCopyPlan        *plan,
             KsCopyChoice       choice,
             KsCopyProblemKind  kind,
             const char        *format,
             ...)
{
  KsCopyProblem *problem = g_new0 (KsCopyProblem, 1);
  va_list args;

  va_start (args, format);
  problem->kind = kind;
  problem->choice = choice;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (plan->problems, problem);
}

/* ---- names ---- */

static gboolean
find_name (GPtrArray  *saves,
           const char *name,
           guint      *position)
{
  for (guint i = 0; name != NULL && saves != NULL && i < saves->len; i++)
    if (g_str_equal (((KsSaveInfo *) g_ptr_array_index (saves, i))->name, name))
      {
        if (position != NULL)
          *position = i;
        return TRUE;
      }

  return FALSE;
}

static guint
count_name (GPtrArray  *saves,
            const char *name)
{
  guint n = 0;

  for (guint i = 0; i < saves->len; i++)
    if (g_str_equal (((KsSaveInfo *) g_ptr_array_index (saves, i))->name, name))
      n++;

  return n;
}

/* The save an insert added: the name listed once more than before */
static const KsSaveInfo *
added_save (GPtrArray *before,
            GPtrArray *after)
{
  for (guint i = 0; i < after->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (after, i);

      if (count_name (after, info->name) > count_name (before, info->name))
        return info;
    }

  return NULL;
}

/* A fresh copy of @target's image, to try an edit on */
static KsContainer *
trial_of (KsContainer  *target,
          GError      **error)
{
  return ks_container_new_with_format (ks_container_get_original (target),
                                       ks_container_get_file_name (target),
                                       ks_container_get_format (target), error);
}

/* Inserts into @container and returns the name the new save is listed
 * under. */
static char *
insert_and_name (KsContainer  *container,
                 GBytes       *file,
                 const char   *file_name,
                 const char   *name,
                 GError      **error)
{
  g_autoptr(GPtrArray) before = ks_container_list (container, error);
  g_autoptr(GPtrArray) after = NULL;
  const KsSaveInfo *added;

  if (before == NULL || !ks_container_insert (container, file, file_name, name, error))
    return NULL;

  after = ks_container_list (container, error);
  if (after == NULL)
    return NULL;

  added = added_save (before, after);
  if (added == NULL)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_INVALID,
                   _("The save went in, but cannot be found in the list afterwards."));
      return NULL;
    }

  return g_strdup (added->name);
}

/* The name @file takes on @target.  Tried on a copy; when that copy cannot
 * take it (no room, or a name the format keeps unique), on a copy emptied
 * of its saves. */
static char *
name_on (KsContainer  *target,
         GBytes       *file,
         const char   *file_name,
         const char   *name,
         GError      **error)
{
  g_autoptr(KsContainer) copy = trial_of (target, error);
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GError) local_error = NULL;
  char *taken;

  if (copy == NULL)
    return NULL;

  taken = insert_and_name (copy, file, file_name, name, &local_error);
  if (taken != NULL)
    return taken;
  if (!g_error_matches (local_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE) &&
      !g_error_matches (local_error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  g_clear_pointer (&copy, ks_container_unref);
  copy = trial_of (target, error);
  saves = copy != NULL ? ks_container_list (copy, error) : NULL;
  if (saves == NULL)
    return NULL;

  for (guint i = saves->len; i > 0; i--)
    if (!ks_container_remove (copy, i - 1, NULL))
      break;

  taken = insert_and_name (copy, file, file_name, name, NULL);
  if (taken == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return taken;
}

gboolean
ks_copy_find_clash (KsContainer *target,
                    GBytes      *file,
                    const char  *file_name,
                    const char  *name,
                    guint       *index)
{
  g_autoptr(GPtrArray) saves = NULL;
  g_autofree char *taken = NULL;
  guint position;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!ks_container_has_saves (target) ||
      (taken = name_on (target, file, file_name, name, NULL)) == NULL ||
      (saves = ks_container_list (target, NULL)) == NULL ||
      !find_name (saves, taken, &position))
    return FALSE;

  if (index != NULL)
    *index = ((KsSaveInfo *) g_ptr_array_index (saves, position))->index;
  return TRUE;
}

gboolean
ks_copy_insert (KsContainer   *target,
                GBytes        *file,
                const char    *file_name,
                const char    *name,
                KsCopyChoice   choice,
                const char    *new_name,
                GError       **error)
{
  const char *insert_name = choice == KS_COPY_CHOICE_KEEP_BOTH ? new_name : name;
  g_autofree char *taken = NULL;
  guint clash;

  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (choice != KS_COPY_CHOICE_KEEP_BOTH || new_name != NULL, FALSE);

  /* the save of the same name as it is now, which may not be the one the
   * plan saw: replaced when the person chose so; otherwise, even where the
   * format takes two saves of one name (the Mega Memory Card), a copy
   * never makes two unasked */
  if (ks_copy_find_clash (target, file, file_name, insert_name, &clash))
    {
      if (choice != KS_COPY_CHOICE_REPLACE)
        {
          g_autoptr(GPtrArray) saves = ks_container_list (target, NULL);
          const char *there = NULL;

          for (guint i = 0; saves != NULL && i < saves->len; i++)
            if (((KsSaveInfo *) g_ptr_array_index (saves, i))->index == clash)
              there = ((KsSaveInfo *) g_ptr_array_index (saves, i))->name;
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS,
                       _("A save named “%s” is already there (it was written after this copy "
                         "was planned), so nothing was written. Drop the save again to replace "
                         "it or keep both."), there != NULL ? there : insert_name);
          return FALSE;
        }
      if (!ks_container_remove (target, clash, error))
        return FALSE;
    }

  taken = insert_and_name (target, file, file_name, insert_name, error);
  return taken != NULL;
}

GBytes *
ks_copy_extract (KsContainer  *source,
                 guint         index,
                 gboolean      saturn_target,
                 char        **file_name,
                 char        **name,
                 GError      **error)
{
  g_autoptr(GPtrArray) saves = NULL;
  GBytes *file;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (file_name != NULL && name != NULL, NULL);

  /* Saturn saves travel as .BUP, the exchange format, whose header keeps
   * the name byte for byte; others as the raw .sav a cart or an emulator
   * holds, under the name they are listed with */
  *file_name = g_strdup (saturn_target ? "save.BUP" : "save.sav");
  *name = NULL;
  file = ks_container_extract (source, index, *file_name, error);
  if (file == NULL)
    {
      g_clear_pointer (file_name, g_free);
      return NULL;
    }

  saves = ks_container_list (source, NULL);
  for (guint i = 0; !saturn_target && saves != NULL && i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);

      if (info->index == index)
        *name = g_strdup (info->name);
    }

  return file;
}

/* ---- the plan ---- */

static KsCopyProblemKind
kind_of (const GError *error)
{
  if (g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NO_SPACE))
    return KS_COPY_PROBLEM_SPACE;
  if (g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_EXISTS))
    return KS_COPY_PROBLEM_NAME;
  if (g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_REFUSED))
    return KS_COPY_PROBLEM_CONTENT;
  return KS_COPY_PROBLEM_KIND;
}

static void
add_error (KsCopyPlan   *plan,
           KsCopyChoice  choice,
           const char   *title,
           const GError *error)
{
  switch (kind_of (error))
    {
    case KS_COPY_PROBLEM_SPACE:
      add_problem (plan, choice, KS_COPY_PROBLEM_SPACE, _("Not enough space on %s: %s"), title,
                   error->message);
      break;
    case KS_COPY_PROBLEM_CONTENT:
      add_problem (plan, choice, KS_COPY_PROBLEM_CONTENT, "%s", error->message);
      break;
    case KS_COPY_PROBLEM_NAME:
    case KS_COPY_PROBLEM_KIND:
    case KS_COPY_PROBLEM_SIZE:
    default:
      add_problem (plan, choice, kind_of (error), _("%s cannot take this save: %s"), title,
                   error->message);
      break;
    }
}

static const char *
platform_name (const char *platform)
{
  if (g_strcmp0 (platform, "GB") == 0)
    return _("Game Boy");
  if (g_strcmp0 (platform, "GBA") == 0)
    return _("Game Boy Advance");
  if (g_strcmp0 (platform, "Saturn") == 0)
    return _("Sega Saturn");
  return platform;
}

/* A Game Boy save on a Saturn device, or a GBA save on a Mega Memory Card,
 * would go in as bytes and mean nothing there. */
static gboolean
platforms_match (KsCopyPlan   *plan,
                 KsCopyChoice  choice,
                 const char   *source,
                 const char   *target,
                 const char   *title)
{
  if (source == NULL || target == NULL || g_str_equal (source, target))
    return TRUE;

  /* Translators: “%s” is a platform (Game Boy, Sega Saturn…), then a device */
  add_problem (plan, choice, KS_COPY_PROBLEM_KIND, _("This is a %s save, and %s holds %s saves."),
               platform_name (source), title, platform_name (target));
  return FALSE;
}

/* What the verifier finds wrong with @container stops @choice: a save
 * that fails its checks is never written */
static void
add_verify_errors (KsCopyPlan   *plan,
                   KsCopyChoice  choice,
                   KsContainer  *container)
{
  g_autoptr(GPtrArray) findings = ks_container_verify (container);

  for (guint i = 0; i < findings->len; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == KS_SEVERITY_ERROR)
        add_problem (plan, choice, KS_COPY_PROBLEM_CONTENT, "%s", finding->message);
    }
}

/* Dry-runs @choice on a copy of @target and verifies the result. */
static void
try_choice (KsCopyPlan   *plan,
            KsCopyChoice  choice,
            KsContainer  *target,
            const char   *title,
            GBytes       *file,
            const char   *file_name,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KsContainer) copy = trial_of (target, &error);
  g_autoptr(GBytes) built = NULL;

  if (copy != NULL &&
      ks_copy_insert (copy, file, file_name, name, choice, plan->new_name, &error) &&
      (built = ks_container_build_verified (copy, FALSE, NULL, &error)) != NULL)
    return;

  add_error (plan, choice, title, error);
}

/* Tries NAME_2 … NAME_99 (with a space where the format takes no “_”),
 * shortened to fit, until @try_name gives a name no save has. */
typedef char *(*TryName) (gpointer     data,
                          const char  *candidate,
                          GError     **error);

static char *
free_name (const char *base,
           GPtrArray  *saves,
           TryName     try_name,
           gpointer    data)
{
  static const char *const separators[] = { "_", " " };

  for (guint n = 2; n <= LAST_FREE_NAME_NUMBER; n++)
    for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
      {
        g_autofree char *stem = g_strdup (base);

        while (stem[0] != '\0')
          {
            g_autofree char *candidate = g_strdup_printf ("%s%s%u", stem, separators[s], n);
            g_autoptr(GError) error = NULL;
            g_autofree char *taken = try_name (data, candidate, &error);

            if (taken != NULL && !find_name (saves, taken, NULL))
              return g_steal_pointer (&taken);
            if (taken != NULL || !g_error_matches (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE))
              break;
            /* too long, or a character the format lacks: one less */
            *g_utf8_offset_to_pointer (stem, MAX (g_utf8_strlen (stem, -1) - 1, 0)) = '\0';
            g_strchomp (stem);
          }
      }

  return NULL;
}

typedef struct
{
  KsContainer *target;
  GBytes      *file;
  const char  *file_name;
} ContainerTry;

static char *
try_container_name (gpointer     data,
                    const char  *candidate,
                    GError     **error)
{
  ContainerTry *attempt = data;

  return name_on (attempt->target, attempt->file, attempt->file_name, candidate, error);
}

/* A save into a container of saves: added, or beside or over the save of
 * the same name */
static void
plan_container (KsCopyPlan         *plan,
                const KsCopyTarget *target,
                GBytes             *file,
                const char         *file_name,
                const char         *name)
{
  g_autoptr(GPtrArray) saves = ks_container_list (target->container, NULL);
  g_autoptr(GError) error = NULL;
  guint clash;

  plan->target_saves = saves != NULL ? saves->len : 0;
  plan->name = name_on (target->container, file, file_name, name, &error);
  if (plan->name == NULL)
    {
      add_error (plan, KS_COPY_CHOICE_ADD, target->title, error);
      return;
    }

  if (!find_name (saves, plan->name, &clash))
    {
      try_choice (plan, KS_COPY_CHOICE_ADD, target->container, target->title, file, file_name, name);
      return;
    }

  plan->effect = KS_COPY_EFFECT_REPLACE_SAVE;
  plan->offered[KS_COPY_CHOICE_ADD] = FALSE;
  plan->offered[KS_COPY_CHOICE_REPLACE] = TRUE;
  plan->offered[KS_COPY_CHOICE_KEEP_BOTH] = TRUE;
  plan->replaced_name = g_strdup (plan->name);
  plan->replaced_size = ((KsSaveInfo *) g_ptr_array_index (saves, clash))->size;

  try_choice (plan, KS_COPY_CHOICE_REPLACE, target->container, target->title, file, file_name, name);

  {
    ContainerTry attempt = { target->container, file, file_name };

    plan->new_name = free_name (plan->name, saves, try_container_name, &attempt);
  }
  if (plan->new_name == NULL)
    add_problem (plan, KS_COPY_CHOICE_KEEP_BOTH, KS_COPY_PROBLEM_NAME,
                 _("%s has no free name left for a second “%s”."), target->title, plan->name);
  else
    try_choice (plan, KS_COPY_CHOICE_KEEP_BOTH, target->container, target->title, file, file_name,
                name);
}

static gboolean
sizes_fit (gsize           size,
           gsize           have,
           const KsFormat *format)
{
  gsize more = MAX (size, have) - MIN (size, have);

  if (size == have)
    return TRUE;
  if (format == NULL)
    return FALSE;

  /* a Gen III or GBA save goes to a cart without the emulator's clock
   * footer, and into a file with or without it (save-chips.md §3.4, §6);
   * a Game Boy save likewise with the MBC3 footer (§4.2) */
  if (g_str_equal (format->id, "gen3") || g_str_equal (format->id, "gba-sav"))
    return more == GEN3_RTC_FOOTER_SIZE;
  if (g_str_equal (format->id, "gb-sav"))
    return more == KS_MBC3_RTC_FOOTER_SIZE || more == KS_MBC3_RTC_FOOTER_SIZE_OLD;
  return FALSE;
}

/* Content in no known format against an image: the same size, or the same
 * save with or without a cart clock's footer after it (save-chips.md §3.4,
 * §4.2: a backup of a cart with a clock carries one, a plain save none) */
static gboolean
sizes_fit_unknown (gsize size,
                   gsize have)
{
  gsize more = MAX (size, have) - MIN (size, have);

  return more == 0 || more == KS_GBA_RTC_FOOTER_SIZE || more == KS_MBC3_RTC_FOOTER_SIZE ||
         more == KS_MBC3_RTC_FOOTER_SIZE_OLD;
}

/* A save over a single-save target: it replaces the target's content */
static void
plan_single (KsCopyPlan         *plan,
             const KsCopyTarget *target,
             const KsCopySource *source,
             GBytes             *file)
{
  const KsFormat *format = ks_container_get_format (target->container);
  gsize have = g_bytes_get_size (ks_container_get_original (target->container));
  g_autoptr(GBytes) fitted = g_bytes_ref (file);
  g_autoptr(KsContainer) as_target = NULL;
  g_autoptr(GError) error = NULL;

  plan->effect = KS_COPY_EFFECT_REPLACE_ALL;
  plan->offered[KS_COPY_CHOICE_ADD] = FALSE;
  plan->offered[KS_COPY_CHOICE_REPLACE] = TRUE;
  plan->target_size = have;

  /* what the copy job will write, fitted as the card fits it */
  if ((target->flags & KS_COPY_CHECK_CARD_RESTORE) != 0 && source->container != NULL &&
      g_str_equal (ks_container_get_format (source->container)->id, "mmc"))
    {
      g_bytes_unref (fitted);
      fitted = ks_mmc_top_cart_fit_save (file, ks_container_get_original (target->container));
    }

  if (!sizes_fit (g_bytes_get_size (fitted), have, format))
    add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_SIZE,
                 _("The save is %zu bytes; %s holds %zu bytes."), g_bytes_get_size (fitted),
                 target->title, have);

  as_target = ks_container_new_with_format (fitted, NULL, format, &error);
  if (as_target == NULL)
    /* Translators: the second %s is a format name, “Mega Memory Card” */
    add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_KIND,
                 _("%s is in the format “%s”, and this save cannot be read in that format: %s"),
                 target->title, _(format->name), error->message);
  else
    add_verify_errors (plan, KS_COPY_CHOICE_REPLACE, as_target);
}

/* A whole image (a backup) over the target */
static void
plan_image (KsCopyPlan         *plan,
            const KsCopySource *source,
            const KsCopyTarget *target)
{
  const KsFormat *format = ks_format_lookup (source->image_format);
  gsize size = g_bytes_get_size (source->file);
  g_autoptr(KsContainer) image = NULL;
  g_autoptr(GError) error = NULL;

  plan->effect = KS_COPY_EFFECT_REPLACE_ALL;
  plan->offered[KS_COPY_CHOICE_ADD] = FALSE;
  plan->offered[KS_COPY_CHOICE_REPLACE] = TRUE;

  if (target->folder != NULL)
    {
      add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_KIND,
                   _("%s is a folder of .BUP files; a whole image goes back to an image file or "
                     "a cart. Drag single saves into the folder instead."), target->title);
      return;
    }

  if (target->container != NULL)
    {
      const KsFormat *have = ks_container_get_format (target->container);
      g_autoptr(GPtrArray) saves = ks_container_has_saves (target->container)
                                   ? ks_container_list (target->container, NULL) : NULL;

      plan->target_size = g_bytes_get_size (ks_container_get_original (target->container));
      plan->target_saves = saves != NULL ? saves->len : 0;

      if (format == NULL && g_str_equal (have->id, "gba-sav"))
        {
          /* a backup kept before Keepsake knew raw GBA saves (its format
           * unknown) goes back to the GBA cart it came from by size alone */
          if (!sizes_fit_unknown (size, plan->target_size))
            add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_SIZE,
                         _("The backup is %zu bytes; %s holds %zu bytes."), size, target->title,
                         (gsize) plan->target_size);
        }
      else if (format != have)
        /* Translators: a device, then two format names: “Mega Memory Card” */
        add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_KIND,
                     _("%s holds a “%s” image, and this is a “%s” image."), target->title,
                     _(have->name), format != NULL ? _(format->name) : source->image_format);
      else if (!sizes_fit (size, plan->target_size, format))
        add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_SIZE,
                     _("The backup is %zu bytes; %s holds %zu bytes."), size, target->title,
                     (gsize) plan->target_size);
    }
  else if (target->content != NULL)
    {
      /* content in no known format: nothing of a kind to keep, but the
       * medium still has its platform and its size */
      plan->target_size = g_bytes_get_size (target->content);

      if (format != NULL && target->platform != NULL &&
          g_strcmp0 (format->platform, target->platform) != 0)
        /* Translators: a device, a platform (“GBA”), then a format name */
        add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_KIND,
                     _("%s takes %s saves, and this is a “%s” image."), target->title,
                     target->platform, _(format->name));
      else if (!sizes_fit_unknown (size, plan->target_size))
        add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_SIZE,
                     _("The backup is %zu bytes; %s holds %zu bytes."), size, target->title,
                     (gsize) plan->target_size);
    }

  image = format != NULL ? ks_container_new_with_format (source->file, source->file_name, format,
                                                         &error)
                         : ks_container_new_from_bytes (source->file, source->file_name, NULL,
                                                        &error);
  if (image == NULL)
    {
      add_problem (plan, KS_COPY_CHOICE_REPLACE, KS_COPY_PROBLEM_CONTENT, "%s", error->message);
      return;
    }

  add_verify_errors (plan, KS_COPY_CHOICE_REPLACE, image);
}

typedef struct
{
  KsBupFolder *folder;
  GBytes      *file;
  const char  *file_name;
} FolderTry;

static char *
try_folder_name (gpointer     data,
                 const char  *candidate,
                 GError     **error)
{
  FolderTry *attempt = data;
  g_autofree char *base = NULL;
  char *name = NULL;
  g_autoptr(GBytes) content = ks_bup_folder_prepare (attempt->folder, attempt->file,
                                                      attempt->file_name, candidate, &base, &name,
                                                      error);

  if (content == NULL)
    g_clear_pointer (&name, g_free);
  return name;
}

/* The .BUP file @choice writes into the folder, checked as any write is;
 * returns its save name */
static char *
try_folder_choice (KsCopyPlan         *plan,
                   KsCopyChoice        choice,
                   const KsCopyTarget *target,
                   GBytes             *file,
                   const char         *file_name,
                   const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  char *save_name = NULL;
  g_autoptr(GBytes) content = ks_bup_folder_prepare (target->folder, file, file_name, name, &base,
                                                      &save_name, &error);
  g_autoptr(KsContainer) check = NULL;

  if (content == NULL)
    {
      add_error (plan, choice, target->title, error);
      return NULL;
    }

  check = ks_container_new_with_format (content, base, &ks_bup_format, &error);
  if (check == NULL)
    {
      add_problem (plan, choice, KS_COPY_PROBLEM_CONTENT, "%s", error->message);
      return save_name;
    }

  add_verify_errors (plan, choice, check);
  return save_name;
}

/* A save into a folder of .BUP files: a new file, or over the file of the
 * save of the same name */
static void
plan_folder (KsCopyPlan         *plan,
             const KsCopyTarget *target,
             GBytes             *file,
             const char         *file_name,
             const char         *name)
{
  g_autoptr(GPtrArray) saves = ks_bup_folder_list (target->folder);
  guint clash;

  plan->target_saves = saves->len;
  plan->name = try_folder_choice (plan, KS_COPY_CHOICE_ADD, target, file, file_name, name);
  if (plan->name == NULL || !find_name (saves, plan->name, &clash))
    return;

  /* the save of the same name: replace its file, or keep both */
  g_ptr_array_set_size (plan->problems, 0);
  plan->effect = KS_COPY_EFFECT_REPLACE_SAVE;
  plan->offered[KS_COPY_CHOICE_ADD] = FALSE;
  plan->offered[KS_COPY_CHOICE_REPLACE] = TRUE;
  plan->offered[KS_COPY_CHOICE_KEEP_BOTH] = TRUE;
  plan->replaced_name = g_strdup (plan->name);
  plan->replaced_size = ((KsSaveInfo *) g_ptr_array_index (saves, clash))->size;
  g_free (try_folder_choice (plan, KS_COPY_CHOICE_REPLACE, target, file, file_name, name));

  {
    FolderTry attempt = { target->folder, file, file_name };

    plan->new_name = free_name (plan->name, saves, try_folder_name, &attempt);
  }
  if (plan->new_name == NULL)
    add_problem (plan, KS_COPY_CHOICE_KEEP_BOTH, KS_COPY_PROBLEM_NAME,
                 _("%s has no free name left for a second “%s”."), target->title, plan->name);
  else
    g_free (try_folder_choice (plan, KS_COPY_CHOICE_KEEP_BOTH, target, file, file_name,
                               plan->new_name));
}

KsCopyPlan *
ks_copy_plan_new (const KsCopySource *source,
                  const KsCopyTarget *target)
{
  g_autoptr(KsCopyPlan) plan = g_new0 (KsCopyPlan, 1);
  const char *source_platform;
  const char *target_platform;
  g_autoptr(GBytes) file = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (source != NULL && target != NULL, NULL);
  g_return_val_if_fail (source->container != NULL || source->file != NULL, NULL);
  g_return_val_if_fail (target->title != NULL, NULL);

  plan->problems = g_ptr_array_new_with_free_func (problem_free);
  plan->effect = KS_COPY_EFFECT_ADD;
  plan->offered[KS_COPY_CHOICE_ADD] = TRUE;

  if (source->image_format != NULL)
    {
      plan_image (plan, source, target);
      return g_steal_pointer (&plan);
    }

  source_platform = source->platform;
  if (source_platform == NULL && source->container != NULL)
    source_platform = ks_container_get_format (source->container)->platform;
  target_platform = target->platform;
  if (target_platform == NULL)
    target_platform = target->folder != NULL ? "Saturn"
                    : target->container != NULL ? ks_container_get_format (target->container)->platform
                    : NULL;

  if (target->container == NULL && target->folder == NULL)
    {
      add_problem (plan, KS_COPY_CHOICE_ADD, KS_COPY_PROBLEM_KIND,
                   _("Keepsake does not know the format of %s, so it cannot write a save into "
                     "it."), target->title);
      return g_steal_pointer (&plan);
    }

  /* the save as the file the target takes */
  if (source->container != NULL && source->index != G_MAXUINT &&
      ks_container_has_saves (source->container))
    {
      file = ks_copy_extract (source->container, source->index,
                              g_strcmp0 (target_platform, "Saturn") == 0, &file_name, &name, &error);
      if (file == NULL)
        {
          add_problem (plan, KS_COPY_CHOICE_ADD, KS_COPY_PROBLEM_CONTENT, "%s", error->message);
          return g_steal_pointer (&plan);
        }
    }
  else
    {
      file = g_bytes_ref (source->file != NULL ? source->file
                                               : ks_container_get_original (source->container));
      file_name = g_strdup (source->file_name != NULL ? source->file_name
                            : source->container != NULL ? ks_container_get_file_name (source->container)
                            : NULL);
      name = g_strdup (source->name);
    }
  if (source->name != NULL)
    {
      g_free (name);
      name = g_strdup (source->name);
    }

  if (target->container != NULL && !ks_container_has_saves (target->container))
    {
      if (platforms_match (plan, KS_COPY_CHOICE_REPLACE, source_platform, target_platform,
                           target->title))
        plan_single (plan, target, source, file);
      else
        {
          plan->effect = KS_COPY_EFFECT_REPLACE_ALL;
          plan->offered[KS_COPY_CHOICE_ADD] = FALSE;
          plan->offered[KS_COPY_CHOICE_REPLACE] = TRUE;
        }
      return g_steal_pointer (&plan);
    }

  if (!platforms_match (plan, KS_COPY_CHOICE_ADD, source_platform, target_platform, target->title))
    return g_steal_pointer (&plan);

  if (target->folder != NULL)
    plan_folder (plan, target, file, file_name, name);
  else
    plan_container (plan, target, file, file_name, name);

  return g_steal_pointer (&plan);
}

void
ks_copy_plan_free (KsCopyPlan *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->name);
  g_free (self->replaced_name);
  g_free (self->new_name);
  g_free (self);
}

KsCopyEffect
ks_copy_plan_get_effect (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, KS_COPY_EFFECT_ADD);

  return self->effect;
}

KsCopyChoice
ks_copy_plan_get_default_choice (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, KS_COPY_CHOICE_ADD);

  return self->effect == KS_COPY_EFFECT_ADD ? KS_COPY_CHOICE_ADD : KS_COPY_CHOICE_REPLACE;
}

gboolean
ks_copy_plan_can (KsCopyPlan   *self,
                  KsCopyChoice  choice)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (choice <= KS_COPY_CHOICE_KEEP_BOTH, FALSE);

  if (!self->offered[choice])
    return FALSE;

  for (guint i = 0; i < self->problems->len; i++)
    if (((KsCopyProblem *) g_ptr_array_index (self->problems, i))->choice == choice)
      return FALSE;

  return TRUE;
}

gboolean
ks_copy_plan_is_refused (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (KsCopyChoice choice = KS_COPY_CHOICE_ADD; choice <= KS_COPY_CHOICE_KEEP_BOTH; choice++)
    if (ks_copy_plan_can (self, choice))
      return FALSE;

  return TRUE;
}

GPtrArray *
ks_copy_plan_get_problems (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

const char *
ks_copy_plan_get_name (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
ks_copy_plan_get_replaced_name (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->replaced_name;
}

guint64
ks_copy_plan_get_replaced_size (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->replaced_size;
}

guint64
ks_copy_plan_get_target_size (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->target_size;
}

guint
ks_copy_plan_get_target_saves (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->target_saves;
}

const char *
ks_copy_plan_get_new_name (KsCopyPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->new_name;
}
