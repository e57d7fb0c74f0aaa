/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-operation.h — an erase or program a simulated chip is busy with
 *
 * Shared by the flash models.  While an operation runs, reads return the
 * status the data sheets describe instead of data: DQ7 is the complement of
 * the bit being written (Data# polling; 0 during an erase, whose target is
 * 0xFF) and DQ6 flips on every read (the toggle bit); the other bits come
 * from the array.  The effect lands when the operation ends, so a power
 * loss in the middle can leave something in between
 * (cart-reader-protocol.md §5 and §7.2).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KS_FLASH_OP_NONE,
  KS_FLASH_OP_PROGRAM,
  KS_FLASH_OP_ERASE,
} KsFlashOpKind;

typedef struct
{
  KsFlashOpKind kind;
  guint32       start;       /* offset in the array */
  guint32       size;        /* bytes the operation covers (1 for a program) */
  guint8        value;       /* the byte being programmed */
  guint64       ends_usec;
  gboolean      toggle;      /* DQ6 as last read */
} KsFlashOperation;

/* DQ7 and DQ6 of the status read (SST 28SF040 and JEDEC parts alike) */
#define KS_FLASH_DQ7 0x80
#define KS_FLASH_DQ6 0x40

void     ks_flash_operation_begin_program (KsFlashOperation *op,
                                           guint32           offset,
                                           guint8            value,
                                           guint64           now_usec,
                                           guint64           duration_usec);
void     ks_flash_operation_begin_erase   (KsFlashOperation *op,
                                           guint32           offset,
                                           guint32           size,
                                           guint64           now_usec,
                                           guint64           duration_usec);
/* Finishes the operation if its time is up; TRUE while it still runs. */
gboolean ks_flash_operation_busy          (KsFlashOperation *op,
                                           guint64           now_usec,
                                           guint8           *data);
guint8   ks_flash_operation_status        (KsFlashOperation *op,
                                           const guint8     *data,
                                           guint32           offset);
/* Lets the operation run to its end now. */
void     ks_flash_operation_complete      (KsFlashOperation *op,
                                           guint8           *data);
/* The power went away: leave the half-done state and forget the operation. */
void     ks_flash_operation_interrupt     (KsFlashOperation *op,
                                           guint8           *data);

G_END_DECLS
