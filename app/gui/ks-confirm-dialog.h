/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-confirm-dialog.h — one question before something is written or
 * replaced: what will happen, in sentences, what stands in the way, and a
 * button named for each action that fits
 *
 * Escape, the window's close button and Cancel all answer
 * GTK_RESPONSE_CANCEL, and nothing is written.  The dialog answers once,
 * with "response", and then closes itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KS_TYPE_CONFIRM_DIALOG (ks_confirm_dialog_get_type ())

G_DECLARE_FINAL_TYPE (KsConfirmDialog, ks_confirm_dialog, KS, CONFIRM_DIALOG, GtkWindow)

KsConfirmDialog *ks_confirm_dialog_new        (GtkWindow       *parent,
                                               const char      *heading,
                                               const char      *body);
void             ks_confirm_dialog_set_body   (KsConfirmDialog *self,
                                               const char      *body);
/* A line below the body: a problem, or why a choice is not offered */
void             ks_confirm_dialog_add_note   (KsConfirmDialog *self,
                                               const char      *note);
void             ks_confirm_dialog_clear_notes (KsConfirmDialog *self);
/* A widget between the body and the notes (a device to restore to) */
void             ks_confirm_dialog_set_extra  (KsConfirmDialog *self,
                                               GtkWidget       *extra);
/* A button (with a mnemonic) that answers @response; the last one added
 * sits at the end.  Destructive choices are drawn as such. */
GtkWidget       *ks_confirm_dialog_add_choice (KsConfirmDialog *self,
                                               const char      *label,
                                               int              response,
                                               gboolean         destructive);
/* The button of @response, or NULL */
GtkWidget       *ks_confirm_dialog_get_choice (KsConfirmDialog *self,
                                               int              response);
const char      *ks_confirm_dialog_get_body   (KsConfirmDialog *self);
/* The notes as shown, one per line */
char            *ks_confirm_dialog_dup_notes  (KsConfirmDialog *self);
/* Answers as the button of @response would (tests, and keyboard paths) */
void             ks_confirm_dialog_respond    (KsConfirmDialog *self,
                                               int              response);

G_END_DECLS
