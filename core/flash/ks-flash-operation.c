/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-flash-operation.c — busy time, status reads and the end state of a
 * flash erase or program */

#include "config.h"

#include <string.h>

#include "ks-flash-operation.h"

/* A byte program can only clear bits: it ANDs the new value into the old
 * one (cart-reader-protocol.md §4 and §5), which is why data programmed
 * without an erase reads back wrong. */
static void
apply (KsFlashOperation *op,
       guint8           *data)
{
  switch (op->kind)
    {
    case KS_FLASH_OP_PROGRAM:
      data[op->start] &= op->value;
      break;
    case KS_FLASH_OP_ERASE:
      memset (data + op->start, 0xFF, op->size);
      break;
    case KS_FLASH_OP_NONE:
    default:
      break;
    }

  op->kind = KS_FLASH_OP_NONE;
}

void
ks_flash_operation_begin_program (KsFlashOperation *op,
                                  guint32           offset,
                                  guint8            value,
                                  guint64           now_usec,
                                  guint64           duration_usec)
{
  g_return_if_fail (op != NULL);
  g_return_if_fail (op->kind == KS_FLASH_OP_NONE);

  op->kind = KS_FLASH_OP_PROGRAM;
  op->start = offset;
  op->size = 1;
  op->value = value;
  op->ends_usec = now_usec + duration_usec;
}

void
ks_flash_operation_begin_erase (KsFlashOperation *op,
                                guint32           offset,
                                guint32           size,
                                guint64           now_usec,
                                guint64           duration_usec)
{
  g_return_if_fail (op != NULL);
  g_return_if_fail (op->kind == KS_FLASH_OP_NONE);

  op->kind = KS_FLASH_OP_ERASE;
  op->start = offset;
  op->size = size;
  op->value = 0xFF;
  op->ends_usec = now_usec + duration_usec;
}

gboolean
ks_flash_operation_busy (KsFlashOperation *op,
                         guint64           now_usec,
                         guint8           *data)
{
  g_return_val_if_fail (op != NULL, FALSE);

  if (op->kind == KS_FLASH_OP_NONE)
    return FALSE;

  if (now_usec >= op->ends_usec)
    {
      apply (op, data);
      return FALSE;
    }

  return TRUE;
}

guint8
ks_flash_operation_status (KsFlashOperation *op,
                           const guint8     *data,
                           guint32           offset)
{
  guint8 status;

  g_return_val_if_fail (op != NULL, 0xFF);

  op->toggle = !op->toggle;
  status = data[offset] & ~(KS_FLASH_DQ7 | KS_FLASH_DQ6);
  status |= (~op->value) & KS_FLASH_DQ7;
  status |= op->toggle ? KS_FLASH_DQ6 : 0;

  return status;
}

void
ks_flash_operation_complete (KsFlashOperation *op,
                             guint8           *data)
{
  g_return_if_fail (op != NULL);

  apply (op, data);
}

/* A real chip leaves cells at levels nobody can predict.  The model picks a
 * definite half-done state instead, so a test can see it: a program has
 * cleared only the bits of the high nibble; an erase has reached only the
 * first half of its range. */
void
ks_flash_operation_interrupt (KsFlashOperation *op,
                              guint8           *data)
{
  g_return_if_fail (op != NULL);

  switch (op->kind)
    {
    case KS_FLASH_OP_PROGRAM:
      data[op->start] &= op->value | 0x0F;
      break;
    case KS_FLASH_OP_ERASE:
      memset (data + op->start, 0xFF, op->size / 2);
      break;
    case KS_FLASH_OP_NONE:
    default:
      break;
    }

  op->kind = KS_FLASH_OP_NONE;
}
