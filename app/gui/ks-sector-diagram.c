/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sector-diagram.c — one small square per sector, in physical order
 *
 * Intact sectors are green, damaged ones red with a cross (so the mark
 * does not rest on colour alone), blank ones an outline.  The widget is an
 * image to assistive technologies, labelled with the caller's sentence.
 */

#include "config.h"

#include "ks-sector-diagram.h"

#define CELL_SIZE    14
#define CELL_GAP     3
#define LINE_WIDTH   2

struct _KsSectorDiagram
{
  GtkWidget     parent_instance;

  KsSectorMark *marks;
  guint         n_sectors;
};

G_DEFINE_FINAL_TYPE (KsSectorDiagram, ks_sector_diagram, GTK_TYPE_WIDGET)

static void
draw_cross (GtkSnapshot *snapshot,
            float        x,
            float        y)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, CELL_SIZE, CELL_SIZE));

  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_move_to (cr, x + 3, y + 3);
  cairo_line_to (cr, x + CELL_SIZE - 3, y + CELL_SIZE - 3);
  cairo_move_to (cr, x + CELL_SIZE - 3, y + 3);
  cairo_line_to (cr, x + 3, y + CELL_SIZE - 3);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
ks_sector_diagram_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  KsSectorDiagram *self = KS_SECTOR_DIAGRAM (widget);

  for (guint i = 0; i < self->n_sectors; i++)
    {
      float x = i * (CELL_SIZE + CELL_GAP);
      GskRoundedRect outline;
      GdkRGBA rgba;

      switch (self->marks[i])
        {
        case KS_SECTOR_INTACT:
          gdk_rgba_parse (&rgba, "#2ec27e");
          gtk_snapshot_append_color (snapshot, &rgba, &GRAPHENE_RECT_INIT (x, 0, CELL_SIZE, CELL_SIZE));
          break;
        case KS_SECTOR_DAMAGED:
          gdk_rgba_parse (&rgba, "#e01b24");
          gtk_snapshot_append_color (snapshot, &rgba, &GRAPHENE_RECT_INIT (x, 0, CELL_SIZE, CELL_SIZE));
          draw_cross (snapshot, x, 0);
          break;
        case KS_SECTOR_BLANK:
        default:
          gdk_rgba_parse (&rgba, "rgba(127,127,127,0.6)");
          gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x, 0, CELL_SIZE, CELL_SIZE), 0);
          gtk_snapshot_append_border (snapshot, &outline,
                                      (float[4]) { 1, 1, 1, 1 },
                                      (GdkRGBA[4]) { rgba, rgba, rgba, rgba });
          break;
        }
    }
}

static void
ks_sector_diagram_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  KsSectorDiagram *self = KS_SECTOR_DIAGRAM (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->n_sectors > 0 ? self->n_sectors * (CELL_SIZE + CELL_GAP) - CELL_GAP : 0;
  else
    *minimum = *natural = CELL_SIZE;
}

static void
ks_sector_diagram_finalize (GObject *object)
{
  g_free (KS_SECTOR_DIAGRAM (object)->marks);

  G_OBJECT_CLASS (ks_sector_diagram_parent_class)->finalize (object);
}

static void
ks_sector_diagram_class_init (KsSectorDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ks_sector_diagram_finalize;
  widget_class->snapshot = ks_sector_diagram_snapshot;
  widget_class->measure = ks_sector_diagram_measure;
  gtk_widget_class_set_css_name (widget_class, "sectordiagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ks_sector_diagram_init (KsSectorDiagram *self)
{
}

GtkWidget *
ks_sector_diagram_new (const KsSectorMark *marks,
                       guint               n_sectors,
                       const char         *summary)
{
  KsSectorDiagram *self;

  g_return_val_if_fail (marks != NULL || n_sectors == 0, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (KS_TYPE_SECTOR_DIAGRAM, NULL);
  self->marks = g_memdup2 (marks, n_sectors * sizeof (KsSectorMark));
  self->n_sectors = n_sectors;
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);

  return GTK_WIDGET (self);
}

guint
ks_sector_diagram_get_n_sectors (KsSectorDiagram *self)
{
  g_return_val_if_fail (KS_IS_SECTOR_DIAGRAM (self), 0);

  return self->n_sectors;
}

KsSectorMark
ks_sector_diagram_get_mark (KsSectorDiagram *self,
                            guint            sector)
{
  g_return_val_if_fail (KS_IS_SECTOR_DIAGRAM (self), KS_SECTOR_BLANK);
  g_return_val_if_fail (sector < self->n_sectors, KS_SECTOR_BLANK);

  return self->marks[sector];
}
