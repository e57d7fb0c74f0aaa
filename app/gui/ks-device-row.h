/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-row.h — the device tree's rows, built from ks-device-row.ui */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A factory of rows from the template, with the functions its bindings
 * and signals name */
GtkListItemFactory *ks_device_row_factory_new (void);

G_END_DECLS
