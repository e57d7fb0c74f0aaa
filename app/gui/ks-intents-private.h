/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-intents-private.h — the controller's state, shared by ks-intents.c and
 * ks-intents-transfer.c (and nothing else) */
#pragma once

#include "ks-intents.h"

G_BEGIN_DECLS

struct _KsIntents
{
  GObject          parent_instance;

  KsLibrary       *library;
  KsJobQueue      *job_queue;
  GListModel      *devices;
  GtkWindow       *parent;      /* weak */

  /* ks-intents-transfer.c: drops, imports and restores waiting for their
   * question, and the question on screen (weak) */
  GQueue           transfers;
  KsConfirmDialog *question;
};

/* Emits "message" */
void ks_intents_say             (KsIntents *self,
                                 const char *message);
void ks_intents_clear_transfers (KsIntents *self);

G_END_DECLS
