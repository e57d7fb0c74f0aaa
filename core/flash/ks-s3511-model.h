/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-s3511-model.h — a simulated Seiko S-3511 clock behind a GBA cart's
 * GPIO port (save-chips.md §3.1-§3.2)
 *
 * The host side plays the port as the reader's firmware does: 16-bit
 * writes to the data, direction and control registers (ROM word addresses
 * 0x62, 0x63, 0x64) and reads of the data register.  The chip takes a
 * command byte (bit 7 first) on rising SCK edges while CS is high, then
 * gives or takes data bytes (bit 0 first).  Its time runs on the cart's
 * clock unless it is stopped, as a clock with a dry battery is.
 */
#pragma once

#include <glib.h>

#include "ks-flash-clock.h"

G_BEGIN_DECLS

/* §3.1: the GPIO registers as 16-bit word addresses on the ROM bus */
#define KS_GPIO_REG_DATA       0x62
#define KS_GPIO_REG_DIRECTION  0x63
#define KS_GPIO_REG_CONTROL    0x64

typedef struct _KsS3511Model KsS3511Model;

/* @bcd: year, month, day, weekday, hour, minute, second at the cart
 * clock's present time; @status: the status register (§3.2); @running:
 * FALSE for a clock that does not move on */
KsS3511Model *ks_s3511_model_new        (KsFlashClock    *clock,
                                         const guint8    *bcd,
                                         guint8           status,
                                         gboolean         running);
void          ks_s3511_model_free       (KsS3511Model    *self);
/* A 16-bit write to a GPIO register (word address) */
void          ks_s3511_model_write      (KsS3511Model    *self,
                                         guint32          word_address,
                                         guint16          value);
/* A read of a GPIO register: TRUE with the port's value when the control
 * register makes the port readable, FALSE when the ROM answers instead */
gboolean      ks_s3511_model_read       (KsS3511Model    *self,
                                         guint32          word_address,
                                         guint16         *value);
/* The chip's date and time now, BCD */
void          ks_s3511_model_peek_time  (KsS3511Model    *self,
                                         guint8          *bcd);
guint8        ks_s3511_model_get_status (KsS3511Model    *self);
void          ks_s3511_model_set_powered (KsS3511Model   *self,
                                         gboolean         powered);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsS3511Model, ks_s3511_model_free)

G_END_DECLS
