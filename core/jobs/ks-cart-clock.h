/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-cart-clock.h — setting a cart's clock after a restore
 *
 * save-chips.md §3.5 (the S-3511 on a GBA cart's GPIO port) and §4.3 (the
 * MBC3 clock): a restore writes the save and, only when asked, the clock,
 * to the computer's time or to what the restored file's footer holds.
 * The default keeps the cart's running clock untouched.
 */
#pragma once

#include <glib.h>

#include "ks-cart-detect.h"
#include "ks-container.h"
#include "ks-lk-reader.h"

G_BEGIN_DECLS

typedef enum
{
  KS_CLOCK_KEEP,          /* the cart's clock runs on untouched */
  KS_CLOCK_NOW,           /* set to the computer's local time (GBA only) */
  KS_CLOCK_FROM_BACKUP,   /* set to the restored file's clock footer */
} KsClockChoice;

/* "keep", "now", "from-backup" */
gboolean    ks_clock_choice_parse     (const char        *text,
                                       KsClockChoice     *choice,
                                       GError           **error);
const char *ks_clock_choice_to_string (KsClockChoice      choice);

/* Before anything is written: whether @choice can be done on the cart of
 * @info with @content (the file being restored); a sentence saying why
 * not otherwise (KS_FORMAT_ERROR_REFUSED) */
gboolean    ks_cart_clock_check       (const KsCartInfo  *info,
                                       KsClockChoice      choice,
                                       GBytes            *content,
                                       GError           **error);
/* Sets the clock as @choice says, reads it back and compares; @set_to
 * (may be NULL) gets what the clock was set to, in words */
gboolean    ks_cart_clock_set         (KsLkReader        *reader,
                                       const KsCartInfo  *info,
                                       KsClockChoice      choice,
                                       GBytes            *content,
                                       char             **set_to,
                                       GError           **error);

/* Whether @bytes, read in @format_id (NULL: detected), end with a clock
 * footer (mGBA's after a GBA save, BGB's after an MBC3 cart's RAM): a
 * cart's save as read carries one when the cart has a clock, and a file
 * with one can set a clock (KS_CLOCK_FROM_BACKUP) */
gboolean    ks_clock_footer_present   (GBytes            *bytes,
                                       const char        *format_id);

G_END_DECLS
