/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-private.h — what the per-kind details files (ks-details-*.c)
 * add to the pane, and what each of them offers
 *
 * The pane shows a title, facts (a label and a value per line), then any
 * sections a kind adds (a heading and a widget: a trainer card, a map),
 * then the integrity verdict.  Every label is a translated phrase; no file
 * here shows a format's internal summary key.
 */
#pragma once

#include "ks-details-pane.h"

G_BEGIN_DECLS

void       ks_details_pane_add_fact     (KsDetailsPane *self,
                                         const char    *label,
                                         const char    *value);
/* @child goes under @heading (may be NULL) in the pane's sections */
void       ks_details_pane_add_section  (KsDetailsPane *self,
                                         const char    *heading,
                                         GtkWidget     *child);
/* Replaces the verdict: nothing about this save can be checked */
void       ks_details_pane_set_verdict  (KsDetailsPane *self,
                                         const char    *verdict);

/* Helpers the kinds share */
char      *ks_details_format_size       (guint64        bytes);
char      *ks_details_format_date       (GDateTime     *date);
GtkWidget *ks_details_grid_new          (void);
void       ks_details_grid_add          (GtkGrid       *grid,
                                         const char    *label,
                                         const char    *value);
GtkWidget *ks_details_dim_label_new     (const char    *text);
/* "English" for a language code of a save ("en"), translated */
const char *ks_details_language_name    (const char    *code);

/* One file per kind of save */
void ks_details_gen3_show        (KsDetailsPane *pane,
                                  KsContainer   *container);
void ks_details_mmc_show         (KsDetailsPane *pane,
                                  KsContainer   *container);
void ks_details_saturn_show      (KsDetailsPane *pane,
                                  KsContainer   *container);
void ks_details_saturn_add_saves (KsDetailsPane *pane,
                                  GPtrArray     *saves);
void ks_details_gb_show          (KsDetailsPane *pane,
                                  KsDevice      *device);
void ks_details_gba_show         (KsDetailsPane *pane,
                                  KsDevice      *device);
void ks_details_backup_show      (KsDetailsPane *pane,
                                  KsBackupItem  *backup,
                                  KsLibrary     *library);

G_END_DECLS
