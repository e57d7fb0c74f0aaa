/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-input.h — real input for the UI tests: pointer and keys go through
 * the X server (XTest), so GTK gets them as it gets a person's, with the
 * drag-and-drop protocol, focus and key bindings in between
 *
 * The tests run under Xvfb with no window manager: windows sit at (0, 0)
 * and take the keyboard focus only when given it (ks_test_input_focus()).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* FALSE (and the test should skip) without an X display with XTest */
gboolean ks_test_input_available (void);
/* Iterates the main context for @ms milliseconds */
void     ks_test_input_settle    (guint          ms);
/* Iterates until @check returns TRUE or @timeout_ms pass; its result */
gboolean ks_test_input_wait_for  (gboolean     (*check) (gpointer data),
                                  gpointer       data,
                                  guint          timeout_ms);
void     ks_test_input_focus     (GtkWindow     *window);
/* The pointer to (@x, @y) of @widget (negative: its middle) */
void     ks_test_input_move_to   (GtkWidget     *widget,
                                  double         x,
                                  double         y);
void     ks_test_input_button    (guint          button,
                                  gboolean       press);
void     ks_test_input_click     (GtkWidget     *widget,
                                  guint          button);
/* @keyval with @modifiers held (Control, Shift, Alt) */
void     ks_test_input_key       (guint          keyval,
                                  GdkModifierType modifiers);
/* Presses on the middle of @from and moves far enough for a drag to
 * start; the button stays down */
void     ks_test_input_drag_begin (GtkWidget    *from);
/* Moves there in steps, the button still down */
void     ks_test_input_drag_move  (GtkWidget    *to,
                                   double        x,
                                   double        y);
void     ks_test_input_drag_end   (void);
/* begin, move to the middle of @to, end */
void     ks_test_input_drag       (GtkWidget    *from,
                                   GtkWidget    *to);

G_END_DECLS
