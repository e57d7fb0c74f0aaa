/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-sector-diagram.h — a row of sectors: intact, damaged (red, crossed)
 * or blank; described in words for screen readers */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  KS_SECTOR_BLANK,
  KS_SECTOR_INTACT,
  KS_SECTOR_DAMAGED,
} KsSectorMark;

#define KS_TYPE_SECTOR_DIAGRAM (ks_sector_diagram_get_type ())

G_DECLARE_FINAL_TYPE (KsSectorDiagram, ks_sector_diagram, KS, SECTOR_DIAGRAM, GtkWidget)

GtkWidget    *ks_sector_diagram_new      (const KsSectorMark *marks,
                                          guint               n_sectors,
                                          const char         *summary);
guint         ks_sector_diagram_get_n_sectors (KsSectorDiagram *self);
KsSectorMark  ks_sector_diagram_get_mark (KsSectorDiagram    *self,
                                          guint               sector);

G_END_DECLS
