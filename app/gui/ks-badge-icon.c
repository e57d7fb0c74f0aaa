/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-badge-icon.c — a badge as Keepsake's own drawing (no game artwork)
 *
 * Eight badges, eight shapes (circle, polygons, a star) and colours, so
 * that they can be told apart without colour; an unearned badge is the
 * same shape as a thin grey outline.
 */

#include "config.h"

#include <math.h>

#include "ks-badge-icon.h"

#define ICON_SIZE   24
#define N_BADGES    8
#define STAR_INNER  0.45

struct _KsBadgeIcon
{
  GtkWidget parent_instance;

  guint     index;
  gboolean  earned;
};

G_DEFINE_FINAL_TYPE (KsBadgeIcon, ks_badge_icon, GTK_TYPE_WIDGET)

/* corners of each shape (0: a circle, negative: a star with that many points) */
static const int shape_corners[N_BADGES] = { 0, 3, 4, 5, 6, -5, 8, -4 };
static const char *const shape_colours[N_BADGES] = {
  "#9a9996", "#c64600", "#f5c211", "#e66100", "#1c71d8", "#57e389", "#c061cb", "#62a0ea",
};

static void
trace_shape (cairo_t *cr,
             int      corners,
             double   c,
             double   r)
{
  guint points = corners < 0 ? (guint) -corners * 2 : (guint) corners;

  if (corners == 0)
    {
      cairo_arc (cr, c, c, r, 0, 2 * G_PI);
      return;
    }

  for (guint i = 0; i < points; i++)
    {
      double angle = -G_PI / 2 + i * 2 * G_PI / points;
      double radius = corners < 0 && (i % 2) == 1 ? r * STAR_INNER : r;

      if (i == 0)
        cairo_move_to (cr, c + radius * cos (angle), c + radius * sin (angle));
      else
        cairo_line_to (cr, c + radius * cos (angle), c + radius * sin (angle));
    }
  cairo_close_path (cr);
}

static void
ks_badge_icon_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KsBadgeIcon *self = KS_BADGE_ICON (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, ICON_SIZE, ICON_SIZE));
  GdkRGBA rgba;

  trace_shape (cr, shape_corners[self->index % N_BADGES], ICON_SIZE / 2.0, ICON_SIZE / 2.0 - 2);
  if (self->earned)
    {
      gdk_rgba_parse (&rgba, shape_colours[self->index % N_BADGES]);
      gdk_cairo_set_source_rgba (cr, &rgba);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      cairo_set_line_width (cr, 1);
    }
  else
    {
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.7);
      cairo_set_line_width (cr, 1.5);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
ks_badge_icon_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = ICON_SIZE;
}

static void
ks_badge_icon_class_init (KsBadgeIconClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = ks_badge_icon_snapshot;
  widget_class->measure = ks_badge_icon_measure;
  gtk_widget_class_set_css_name (widget_class, "badgeicon");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ks_badge_icon_init (KsBadgeIcon *self)
{
}

GtkWidget *
ks_badge_icon_new (guint       index,
                   gboolean    earned,
                   const char *description)
{
  KsBadgeIcon *self;

  g_return_val_if_fail (description != NULL, NULL);

  self = g_object_new (KS_TYPE_BADGE_ICON, NULL);
  self->index = index;
  self->earned = earned;
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  return GTK_WIDGET (self);
}

gboolean
ks_badge_icon_get_earned (KsBadgeIcon *self)
{
  g_return_val_if_fail (KS_IS_BADGE_ICON (self), FALSE);

  return self->earned;
}
