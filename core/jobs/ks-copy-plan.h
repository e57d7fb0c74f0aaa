/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-copy-plan.h — what a copy, an import or a restore will do, worked out
 * in memory before anything is written
 *
 * Dolphin's lesson (DESIGN.md): check compatibility, free space and name
 * clashes first, report every problem at once, and write nothing unless
 * the person agreed to what will happen.  A plan says which effect the
 * write has on the target (a save added to free space, a save of the same
 * name replaced, or the whole content replaced), which choices fit
 * (add, replace, keep both under a free name), and the problems of each
 * choice, found by dry-running it on a copy of the target and verifying
 * the result as the write would.
 *
 * ks_copy_insert() is the one insert both the dry run and the copy job
 * use, so what the plan promised is what the job does; the job runs it
 * again on what the device holds when the job runs, so a save that
 * appeared in between (a second drop of the same save) is never doubled.
 */
#pragma once

#include <glib.h>

#include "ks-bup-folder.h"
#include "ks-container.h"

G_BEGIN_DECLS

typedef enum
{
  /* a new save in free space: nothing on the target is replaced */
  KS_COPY_EFFECT_ADD,
  /* the target holds a save of the same name: replace it, or keep both */
  KS_COPY_EFFECT_REPLACE_SAVE,
  /* the target's whole content is replaced: its only save, or a whole
   * image restored over it */
  KS_COPY_EFFECT_REPLACE_ALL,
} KsCopyEffect;

typedef enum
{
  KS_COPY_CHOICE_ADD,
  KS_COPY_CHOICE_REPLACE,
  KS_COPY_CHOICE_KEEP_BOTH,
} KsCopyChoice;

typedef enum
{
  KS_COPY_PROBLEM_KIND,      /* the target cannot hold this kind of save */
  KS_COPY_PROBLEM_SIZE,      /* the sizes do not match */
  KS_COPY_PROBLEM_SPACE,     /* not enough free space */
  KS_COPY_PROBLEM_NAME,      /* a name clash the choice cannot resolve */
  KS_COPY_PROBLEM_CONTENT,   /* the result would not verify */
} KsCopyProblemKind;

typedef struct
{
  KsCopyProblemKind  kind;
  KsCopyChoice       choice;    /* the choice it stops */
  char              *message;   /* a sentence */
} KsCopyProblem;

typedef enum
{
  KS_COPY_CHECK_NONE         = 0,
  /* The target is the Game Boy cart on top of a Mega Memory Card: an entry
   * of the card fits it as the card's own restore does (a longer save is
   * cut, a shorter one leaves the rest; ks_mmc_top_cart_fit_save()), so
   * sizes need not match. */
  KS_COPY_CHECK_CARD_RESTORE = 1 << 0,
} KsCopyCheckFlags;

/* What moves.  Either a save inside @container (@index; G_MAXUINT: the
 * whole save of a single-save container), or @file: a save as a file
 * (.sav, .BUP…) named @file_name, or, with @image_format set, a whole image
 * to restore over the target (a backup, an image file).  All borrowed. */
typedef struct
{
  KsContainer *container;
  guint        index;
  GBytes      *file;
  const char  *file_name;
  /* the name it goes in under; NULL: the name the file carries */
  const char  *name;
  /* "GB", "GBA", "Saturn" (KsFormat.platform), or NULL when unknown */
  const char  *platform;
  const char  *image_format;
} KsCopySource;

/* Where it goes: a container (NULL when the target's format is unknown),
 * or a folder of .BUP files.  All borrowed. */
typedef struct
{
  KsContainer      *container;
  KsBupFolder      *folder;
  /* what the target holds when its format is unknown (container NULL),
   * or NULL when nothing was read: a whole image must still match its
   * size and platform */
  GBytes           *content;
  const char       *title;
  /* NULL: the container format's platform */
  const char       *platform;
  KsCopyCheckFlags  flags;
} KsCopyTarget;

typedef struct _KsCopyPlan KsCopyPlan;

KsCopyPlan   *ks_copy_plan_new               (const KsCopySource *source,
                                              const KsCopyTarget *target);
void          ks_copy_plan_free              (KsCopyPlan   *self);

KsCopyEffect  ks_copy_plan_get_effect        (KsCopyPlan   *self);
/* The choice the effect asks for first: add, or replace */
KsCopyChoice  ks_copy_plan_get_default_choice (KsCopyPlan  *self);
/* TRUE when @choice fits the effect and has no problem */
gboolean      ks_copy_plan_can               (KsCopyPlan   *self,
                                              KsCopyChoice  choice);
/* TRUE when no choice can run */
gboolean      ks_copy_plan_is_refused        (KsCopyPlan   *self);
/* Every problem of every choice the effect offers (KsCopyProblem) */
GPtrArray    *ks_copy_plan_get_problems      (KsCopyPlan   *self);
/* The name the save takes on the target, when known */
const char   *ks_copy_plan_get_name          (KsCopyPlan   *self);
/* REPLACE_SAVE: the save of the same name, and its size */
const char   *ks_copy_plan_get_replaced_name (KsCopyPlan   *self);
guint64       ks_copy_plan_get_replaced_size (KsCopyPlan   *self);
/* REPLACE_ALL: the size of the content replaced, and how many saves it
 * holds (0 for a single-save target) */
guint64       ks_copy_plan_get_target_size   (KsCopyPlan   *self);
guint         ks_copy_plan_get_target_saves  (KsCopyPlan   *self);
/* REPLACE_SAVE: the free name "keep both" gives the new save, or NULL */
const char   *ks_copy_plan_get_new_name      (KsCopyPlan   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsCopyPlan, ks_copy_plan_free)

/* Save @index of @source as the file the target takes: a .BUP for a
 * Saturn target, a raw .sav otherwise; @file_name and @name (the name it
 * goes in under, NULL when the file carries it) are set. */
GBytes       *ks_copy_extract                (KsContainer  *source,
                                              guint         index,
                                              gboolean      saturn_target,
                                              char        **file_name,
                                              char        **name,
                                              GError      **error);
/* Inserts @file into @target as @choice says: ADD refuses a save of the
 * same name (KS_FORMAT_ERROR_EXISTS) even where the format would take
 * two; REPLACE removes the save of the same name first (if there still is
 * one); KEEP_BOTH inserts under @new_name. */
gboolean      ks_copy_insert                 (KsContainer  *target,
                                              GBytes       *file,
                                              const char   *file_name,
                                              const char   *name,
                                              KsCopyChoice  choice,
                                              const char   *new_name,
                                              GError      **error);
/* The index of the save in @target that @file would clash with, if any */
gboolean      ks_copy_find_clash             (KsContainer  *target,
                                              GBytes       *file,
                                              const char   *file_name,
                                              const char   *name,
                                              guint        *index);

G_END_DECLS
