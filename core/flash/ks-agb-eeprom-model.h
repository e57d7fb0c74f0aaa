/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-agb-eeprom-model.h — a simulated GBA save EEPROM (512 bytes or
 * 8 KiB) that takes its requests one bit at a time, as the cart's pins
 * give them (save-chips.md §1.2 and §1.6)
 *
 * Whoever drives it plays the pins: /CS (select), a WR pulse with a bit
 * on D0 (clock_in), an RD pulse that samples D0 (clock_out).  The chip
 * counts request and address bits by its own width, so a request of the
 * wrong width does what §1.6 describes.
 */
#pragma once

#include <glib.h>

#include "ks-agb-eeprom.h"
#include "ks-flash-clock.h"
#include "ks-flash-counters.h"

G_BEGIN_DECLS

typedef struct _KsAgbEepromModel KsAgbEepromModel;

/* @size: 512 or 8192; @contents: the chip at power-up (shorter is padded
 * with 0xFF, longer is cut), or NULL for a blank chip */
KsAgbEepromModel      *ks_agb_eeprom_model_new            (KsFlashClock      *clock,
                                                           gsize              size,
                                                           GBytes            *contents);
void                   ks_agb_eeprom_model_free           (KsAgbEepromModel  *self);
gsize                  ks_agb_eeprom_model_get_size       (KsAgbEepromModel  *self);
/* /CS: TRUE selects the chip (the pin low) */
void                   ks_agb_eeprom_model_select         (KsAgbEepromModel  *self,
                                                           gboolean           selected);
/* A WR pulse with @bit on D0 */
void                   ks_agb_eeprom_model_clock_in       (KsAgbEepromModel  *self,
                                                           guint              bit);
/* An RD pulse: what D0 carries (1 when the chip does not drive it) */
guint                  ks_agb_eeprom_model_clock_out      (KsAgbEepromModel  *self);
gboolean               ks_agb_eeprom_model_is_busy        (KsAgbEepromModel  *self);
const guint8          *ks_agb_eeprom_model_peek           (KsAgbEepromModel  *self);
GBytes                *ks_agb_eeprom_model_dup_contents   (KsAgbEepromModel  *self);
/* Switching the power off drops a request half taken */
void                   ks_agb_eeprom_model_set_powered    (KsAgbEepromModel  *self,
                                                           gboolean           powered);
/* Sectors are the 8-byte blocks; a block write counts 8 byte programs */
const KsFlashCounters *ks_agb_eeprom_model_get_counters   (KsAgbEepromModel  *self);
void                   ks_agb_eeprom_model_reset_counters (KsAgbEepromModel  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsAgbEepromModel, ks_agb_eeprom_model_free)

G_END_DECLS
