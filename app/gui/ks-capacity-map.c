/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-capacity-map.c — a grid of blocks, one cell each, coloured by owner
 *
 * The cells wrap at a fixed number of columns so that a block keeps its
 * place whatever the pane's width; the map is an image to assistive
 * technologies, described by the summary sentence its caller gives (the
 * same sentence is also shown as text beside it).
 */

#include "config.h"

#include "ks-capacity-map.h"

#define MAP_COLUMNS   128
#define CELL_MIN      2
#define CELL_NATURAL  4
#define CELL_GAP      1
#define SWATCH_SIZE   12

struct _KsCapacityMap
{
  GtkWidget  parent_instance;

  gint      *owners;
  guint      n_blocks;
  gint       swatch;      /* a one-cell legend square when n_blocks is 0 */
};

G_DEFINE_FINAL_TYPE (KsCapacityMap, ks_capacity_map, GTK_TYPE_WIDGET)

/* GNOME palette colours, far enough apart to tell neighbours apart */
static const char *const save_colours[] = {
  "#3584e4", "#33d17a", "#ff7800", "#9141ac", "#f6d32d", "#986a44", "#2190a4", "#c061cb",
};

static void
owner_colour (gint     owner,
              GdkRGBA *rgba)
{
  if (owner == KS_CAPACITY_FREE)
    gdk_rgba_parse (rgba, "rgba(127,127,127,0.25)");
  else if (owner < 0)
    gdk_rgba_parse (rgba, "#e01b24");
  else
    gdk_rgba_parse (rgba, save_colours[(owner - 1) % G_N_ELEMENTS (save_colours)]);
}

static guint
n_rows (KsCapacityMap *self)
{
  return (self->n_blocks + MAP_COLUMNS - 1) / MAP_COLUMNS;
}

static void
draw_cell (GtkSnapshot *snapshot,
           float        x,
           float        y,
           float        size,
           gint         owner)
{
  GdkRGBA rgba;

  owner_colour (owner, &rgba);
  gtk_snapshot_append_color (snapshot, &rgba, &GRAPHENE_RECT_INIT (x, y, size, size));
  if (owner == KS_CAPACITY_ORPHANED && size >= 4)
    {
      /* not by colour alone: an orphaned block has a light centre */
      GdkRGBA mark = { 1, 1, 1, 0.8f };
      float inset = size / 3;

      gtk_snapshot_append_color (snapshot, &mark,
                                 &GRAPHENE_RECT_INIT (x + inset, y + inset,
                                                      size - 2 * inset, size - 2 * inset));
    }
}

static void
ks_capacity_map_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KsCapacityMap *self = KS_CAPACITY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  float pitch, cell;

  if (self->n_blocks == 0)
    {
      draw_cell (snapshot, 0, 0, SWATCH_SIZE, self->swatch);
      return;
    }

  pitch = MAX ((float) width / MAP_COLUMNS, CELL_MIN + CELL_GAP);
  cell = pitch - CELL_GAP;
  for (guint b = 0; b < self->n_blocks; b++)
    draw_cell (snapshot, (b % MAP_COLUMNS) * pitch, (b / MAP_COLUMNS) * pitch, cell,
               self->owners[b]);
}

static void
ks_capacity_map_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  KsCapacityMap *self = KS_CAPACITY_MAP (widget);

  if (self->n_blocks == 0)
    {
      *minimum = *natural = SWATCH_SIZE;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAP_COLUMNS * (CELL_MIN + CELL_GAP);
      *natural = MAP_COLUMNS * (CELL_NATURAL + CELL_GAP);
    }
  else
    {
      float pitch = for_size > 0 ? MAX ((float) for_size / MAP_COLUMNS, CELL_MIN + CELL_GAP)
                                 : CELL_NATURAL + CELL_GAP;

      *minimum = *natural = (int) (n_rows (self) * pitch + 0.5f);
    }
}

static GtkSizeRequestMode
ks_capacity_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ks_capacity_map_finalize (GObject *object)
{
  KsCapacityMap *self = KS_CAPACITY_MAP (object);

  g_free (self->owners);

  G_OBJECT_CLASS (ks_capacity_map_parent_class)->finalize (object);
}

static void
ks_capacity_map_class_init (KsCapacityMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ks_capacity_map_finalize;
  widget_class->snapshot = ks_capacity_map_snapshot;
  widget_class->measure = ks_capacity_map_measure;
  widget_class->get_request_mode = ks_capacity_map_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "capacitymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ks_capacity_map_init (KsCapacityMap *self)
{
}

GtkWidget *
ks_capacity_map_new (const gint *owners,
                     guint       n_blocks,
                     const char *summary)
{
  KsCapacityMap *self;

  g_return_val_if_fail (owners != NULL || n_blocks == 0, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (KS_TYPE_CAPACITY_MAP, NULL);
  self->owners = g_memdup2 (owners, n_blocks * sizeof (gint));
  self->n_blocks = n_blocks;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);

  return GTK_WIDGET (self);
}

guint
ks_capacity_map_get_n_blocks (KsCapacityMap *self)
{
  g_return_val_if_fail (KS_IS_CAPACITY_MAP (self), 0);

  return self->n_blocks;
}

gint
ks_capacity_map_get_owner (KsCapacityMap *self,
                           guint          block)
{
  g_return_val_if_fail (KS_IS_CAPACITY_MAP (self), KS_CAPACITY_FREE);
  g_return_val_if_fail (block < self->n_blocks, KS_CAPACITY_FREE);

  return self->owners[block];
}

GtkWidget *
ks_capacity_swatch_new (gint owner)
{
  KsCapacityMap *self = g_object_new (KS_TYPE_CAPACITY_MAP, NULL);

  self->swatch = owner;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  /* the legend's text says what the colour means */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return GTK_WIDGET (self);
}
