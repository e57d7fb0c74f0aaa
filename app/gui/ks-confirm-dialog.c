/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-confirm-dialog.c — a question with named answers, Escape cancels */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-confirm-dialog.h"

struct _KsConfirmDialog
{
  GtkWindow  parent_instance;

  GtkLabel  *heading;
  GtkLabel  *body;
  GtkBox    *extra;
  GtkBox    *notes;
  GtkBox    *buttons;
  gboolean   answered;
};

G_DEFINE_FINAL_TYPE (KsConfirmDialog, ks_confirm_dialog, GTK_TYPE_WINDOW)

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
ks_confirm_dialog_respond (KsConfirmDialog *self,
                           int              response)
{
  g_return_if_fail (KS_IS_CONFIRM_DIALOG (self));

  if (self->answered)
    return;

  self->answered = TRUE;
  g_object_ref (self);
  g_signal_emit (self, signals[RESPONSE], 0, response);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static gboolean
on_close_request (GtkWindow *window)
{
  ks_confirm_dialog_respond (KS_CONFIRM_DIALOG (window), GTK_RESPONSE_CANCEL);
  return FALSE;
}

static void
on_choice_clicked (GtkButton       *button,
                   KsConfirmDialog *self)
{
  ks_confirm_dialog_respond (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                       "ks-response")));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ks_confirm_dialog_respond (KS_CONFIRM_DIALOG (widget), GTK_RESPONSE_CANCEL);
}

static void
ks_confirm_dialog_class_init (KsConfirmDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GTK_WINDOW_CLASS (klass)->close_request = on_close_request;

  signals[RESPONSE] = g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static GtkLabel *
wrapped_label (const char *css_class)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_label_set_max_width_chars (label, 52);
  gtk_label_set_width_chars (label, 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
  return label;
}

static void
ks_confirm_dialog_init (KsConfirmDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);

  self->heading = wrapped_label ("title-4");
  self->body = wrapped_label (NULL);
  self->extra = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  self->notes = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  self->buttons = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_halign (GTK_WIDGET (self->buttons), GTK_ALIGN_END);
  gtk_widget_set_margin_top (GTK_WIDGET (self->buttons), 6);
  gtk_box_set_homogeneous (self->buttons, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->extra), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->notes), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->body));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->extra));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->notes));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->buttons));
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_window_set_child (GTK_WINDOW (self), box);

  /* Cancel first, and focused: Enter never replaces anything by itself */
  gtk_window_set_focus (GTK_WINDOW (self),
                        ks_confirm_dialog_add_choice (self, _("_Cancel"), GTK_RESPONSE_CANCEL,
                                                      FALSE));
}

KsConfirmDialog *
ks_confirm_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body)
{
  KsConfirmDialog *self;

  g_return_val_if_fail (heading != NULL, NULL);

  /* a screen reader announces it as a dialog, named by its question */
  self = g_object_new (KS_TYPE_CONFIRM_DIALOG,
                       "transient-for", parent,
                       "title", heading,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       NULL);
  gtk_label_set_text (self->heading, heading);
  ks_confirm_dialog_set_body (self, body);
  return self;
}

void
ks_confirm_dialog_set_body (KsConfirmDialog *self,
                            const char      *body)
{
  g_return_if_fail (KS_IS_CONFIRM_DIALOG (self));

  gtk_label_set_text (self->body, body != NULL ? body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->body), body != NULL && body[0] != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  body != NULL ? body : "", -1);
}

const char *
ks_confirm_dialog_get_body (KsConfirmDialog *self)
{
  g_return_val_if_fail (KS_IS_CONFIRM_DIALOG (self), NULL);

  return gtk_label_get_text (self->body);
}

void
ks_confirm_dialog_add_note (KsConfirmDialog *self,
                            const char      *note)
{
  GtkLabel *label;
  g_autofree char *text = NULL;

  g_return_if_fail (KS_IS_CONFIRM_DIALOG (self));
  g_return_if_fail (note != NULL);

  /* Translators: a bullet before one problem of a list */
  text = g_strdup_printf (_("• %s"), note);
  label = wrapped_label (NULL);
  gtk_label_set_text (label, text);
  gtk_box_append (self->notes, GTK_WIDGET (label));
  gtk_widget_set_visible (GTK_WIDGET (self->notes), TRUE);
}

void
ks_confirm_dialog_clear_notes (KsConfirmDialog *self)
{
  GtkWidget *child;

  g_return_if_fail (KS_IS_CONFIRM_DIALOG (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->notes))) != NULL)
    gtk_box_remove (self->notes, child);
  gtk_widget_set_visible (GTK_WIDGET (self->notes), FALSE);
}

char *
ks_confirm_dialog_dup_notes (KsConfirmDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (KS_IS_CONFIRM_DIALOG (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->notes));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "",
                            gtk_label_get_text (GTK_LABEL (child)));

  return g_string_free (text, FALSE);
}

void
ks_confirm_dialog_set_extra (KsConfirmDialog *self,
                             GtkWidget       *extra)
{
  g_return_if_fail (KS_IS_CONFIRM_DIALOG (self));
  g_return_if_fail (GTK_IS_WIDGET (extra));

  gtk_box_append (self->extra, extra);
  gtk_widget_set_visible (GTK_WIDGET (self->extra), TRUE);
}

GtkWidget *
ks_confirm_dialog_add_choice (KsConfirmDialog *self,
                              const char      *label,
                              int              response,
                              gboolean         destructive)
{
  GtkWidget *button;

  g_return_val_if_fail (KS_IS_CONFIRM_DIALOG (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  button = gtk_button_new_with_mnemonic (label);
  g_object_set_data (G_OBJECT (button), "ks-response", GINT_TO_POINTER (response));
  if (destructive)
    gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
  gtk_box_append (self->buttons, button);
  return button;
}

GtkWidget *
ks_confirm_dialog_get_choice (KsConfirmDialog *self,
                              int              response)
{
  g_return_val_if_fail (KS_IS_CONFIRM_DIALOG (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->buttons));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "ks-response")) == response)
      return child;

  return NULL;
}
