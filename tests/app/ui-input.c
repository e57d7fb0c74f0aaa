/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ui-input.c — XTest pointer and key events for the UI tests */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "ui-input.h"

static Display *
display (void)
{
  GdkDisplay *gdk = gdk_display_get_default ();

  return GDK_IS_X11_DISPLAY (gdk) ? gdk_x11_display_get_xdisplay (gdk) : NULL;
}

gboolean
ks_test_input_available (void)
{
  int event, error, major, minor;
  Display *dpy = display ();

  return dpy != NULL && XTestQueryExtension (dpy, &event, &error, &major, &minor);
}

void
ks_test_input_settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  /* bounded by the clock: an animation (a job's spinner) keeps the
   * context busy for as long as it runs */
  do
    {
      while (g_main_context_pending (NULL) && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

gboolean
ks_test_input_wait_for (gboolean (*check) (gpointer data),
                        gpointer   data,
                        guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      ks_test_input_settle (10);
    }

  return TRUE;
}

static Window
xid_of (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);

  return gdk_x11_surface_get_xid (gtk_native_get_surface (native));
}

void
ks_test_input_focus (GtkWindow *window)
{
  Display *dpy = display ();

  ks_test_input_settle (50);
  XSetInputFocus (dpy, xid_of (GTK_WIDGET (window)), RevertToParent, CurrentTime);
  XFlush (dpy);
  ks_test_input_settle (100);
}

/* (@x, @y) of @widget on the screen */
static void
to_root (GtkWidget *widget,
         double     x,
         double     y,
         int       *root_x,
         int       *root_y)
{
  Display *dpy = display ();
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point, in_native;
  double sx, sy;
  Window child;

  if (x < 0)
    x = gtk_widget_get_width (widget) / 2.0;
  if (y < 0)
    y = gtk_widget_get_height (widget) / 2.0;
  point = GRAPHENE_POINT_INIT ((float) x, (float) y);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &point, &in_native));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, xid_of (widget), DefaultRootWindow (dpy),
                         (int) (in_native.x + sx), (int) (in_native.y + sy), root_x, root_y,
                         &child);
}

static int pointer_x, pointer_y;

static void
move_root (int x,
           int y)
{
  Display *dpy = display ();

  XTestFakeMotionEvent (dpy, -1, x, y, CurrentTime);
  XFlush (dpy);
  pointer_x = x;
  pointer_y = y;
  ks_test_input_settle (20);
}

void
ks_test_input_move_to (GtkWidget *widget,
                       double     x,
                       double     y)
{
  int rx, ry;

  to_root (widget, x, y, &rx, &ry);
  move_root (rx, ry);
}

void
ks_test_input_button (guint    button,
                      gboolean press)
{
  Display *dpy = display ();

  XTestFakeButtonEvent (dpy, button, press, CurrentTime);
  XFlush (dpy);
  ks_test_input_settle (40);
}

void
ks_test_input_click (GtkWidget *widget,
                     guint      button)
{
  ks_test_input_move_to (widget, -1, -1);
  ks_test_input_button (button, TRUE);
  ks_test_input_button (button, FALSE);
  ks_test_input_settle (50);
}

static void
key_event (KeySym   keysym,
           gboolean press)
{
  Display *dpy = display ();
  KeyCode code = XKeysymToKeycode (dpy, keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (dpy, code, press, CurrentTime);
  XFlush (dpy);
}

void
ks_test_input_key (guint           keyval,
                   GdkModifierType modifiers)
{
  if (modifiers & GDK_CONTROL_MASK)
    key_event (XK_Control_L, TRUE);
  if (modifiers & GDK_SHIFT_MASK)
    key_event (XK_Shift_L, TRUE);
  if (modifiers & GDK_ALT_MASK)
    key_event (XK_Alt_L, TRUE);
  ks_test_input_settle (10);

  key_event (keyval, TRUE);
  key_event (keyval, FALSE);
  ks_test_input_settle (10);

  if (modifiers & GDK_ALT_MASK)
    key_event (XK_Alt_L, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    key_event (XK_Shift_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    key_event (XK_Control_L, FALSE);
  ks_test_input_settle (80);
}

void
ks_test_input_drag_begin (GtkWidget *from)
{
  ks_test_input_move_to (from, -1, -1);
  ks_test_input_button (1, TRUE);
  /* past GTK's drag threshold, a few pixels at a time */
  for (int i = 1; i <= 4; i++)
    move_root (pointer_x + 3, pointer_y + 3);
  ks_test_input_settle (100);
}

void
ks_test_input_drag_move (GtkWidget *to,
                         double     x,
                         double     y)
{
  int start_x = pointer_x, start_y = pointer_y;
  int end_x, end_y;
  const int steps = 12;

  to_root (to, x, y, &end_x, &end_y);
  for (int i = 1; i <= steps; i++)
    move_root (start_x + (end_x - start_x) * i / steps, start_y + (end_y - start_y) * i / steps);
  ks_test_input_settle (150);
}

void
ks_test_input_drag_end (void)
{
  ks_test_input_button (1, FALSE);
  ks_test_input_settle (200);
}

void
ks_test_input_drag (GtkWidget *from,
                    GtkWidget *to)
{
  ks_test_input_drag_begin (from);
  ks_test_input_drag_move (to, -1, -1);
  ks_test_input_drag_end ();
}
