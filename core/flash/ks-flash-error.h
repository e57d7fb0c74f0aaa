/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-error.h — what can go wrong talking to a flash chip */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_FLASH_ERROR (ks_flash_error_quark ())

typedef enum
{
  KS_FLASH_ERROR_TIMEOUT,     /* the chip stayed busy past its data-sheet time */
  KS_FLASH_ERROR_WRONG_ID,    /* the chip answered the ID command with another ID */
  KS_FLASH_ERROR_NOT_ERASED,  /* an erase left bytes that are not 0xFF */
  KS_FLASH_ERROR_VERIFY,      /* a programmed byte reads back different */
  KS_FLASH_ERROR_RANGE,       /* an address or size outside the chip */
} KsFlashError;

GQuark ks_flash_error_quark (void);

G_END_DECLS
