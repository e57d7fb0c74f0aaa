/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-trainer-editor.h — the Gen III trainer form (name, IDs, money, badges)
 *
 * The editor never writes: Save emits "save-requested", the window reads
 * the form with ks_trainer_editor_get_trainer(), runs the write protocol
 * and reports back with ks_trainer_editor_show_result().
 */
#pragma once

#include <gtk/gtk.h>
#include <keepsake.h>

G_BEGIN_DECLS

#define KS_TYPE_TRAINER_EDITOR (ks_trainer_editor_get_type ())

G_DECLARE_FINAL_TYPE (KsTrainerEditor, ks_trainer_editor, KS, TRAINER_EDITOR, GtkWindow)

KsTrainerEditor *ks_trainer_editor_new              (GtkWindow        *parent,
                                                     KsContainer      *container,
                                                     GError          **error);
KsContainer     *ks_trainer_editor_get_container    (KsTrainerEditor  *self);
void             ks_trainer_editor_get_trainer      (KsTrainerEditor  *self,
                                                     KsGen3Trainer    *out);
void             ks_trainer_editor_show_result      (KsTrainerEditor  *self,
                                                     gboolean          ok,
                                                     const char       *message);
gboolean         ks_trainer_editor_is_busy          (KsTrainerEditor  *self);

/* The form's widgets, for tests and for the window's focus handling. */
GtkEditable     *ks_trainer_editor_get_name_entry   (KsTrainerEditor  *self);
const char      *ks_trainer_editor_get_name_message (KsTrainerEditor  *self);
GtkCheckButton  *ks_trainer_editor_get_gender_check (KsTrainerEditor  *self,
                                                     KsGen3Gender      gender);
GtkSpinButton   *ks_trainer_editor_get_tid_spin     (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_sid_spin     (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_money_spin   (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_coins_spin   (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_hours_spin   (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_minutes_spin (KsTrainerEditor  *self);
GtkSpinButton   *ks_trainer_editor_get_seconds_spin (KsTrainerEditor  *self);
GtkCheckButton  *ks_trainer_editor_get_badge_check  (KsTrainerEditor  *self,
                                                     guint             badge);
const char      *ks_trainer_editor_get_game_text    (KsTrainerEditor  *self);
GtkButton       *ks_trainer_editor_get_save_button  (KsTrainerEditor  *self);
GtkButton       *ks_trainer_editor_get_cancel_button (KsTrainerEditor *self);
const char      *ks_trainer_editor_get_result_text  (KsTrainerEditor  *self);
const char      *ks_trainer_editor_get_damage       (KsTrainerEditor  *self);

G_END_DECLS
