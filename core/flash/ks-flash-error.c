/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-error.c — the KS_FLASH_ERROR domain */

#include "config.h"

#include "ks-flash-error.h"

G_DEFINE_QUARK (ks-flash-error-quark, ks_flash_error)
