/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gb-mbc-driver.c — RAM enable and bank selection, bank by bank
 *
 * cart-reader-protocol.md §1.7 (FlashGBX: 0000=0A, 4000=bank, and 6000=1
 * on MBC1) and §2 (OSCR: the same, then 0000=00 when done).  MBC2 takes
 * the enable at an address with A8 clear and has no banks (Pan Docs).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-flash-error.h"
#include "ks-gb-mbc-driver.h"

#define RAM_ENABLE_ADDR   0x0000
#define RAM_ENABLE_VALUE  0x0A
#define RAM_DISABLE_VALUE 0x00
#define RAM_BANK_ADDR     0x4000
#define MBC1_MODE_ADDR    0x6000
#define MBC1_RAM_BANKING  0x01
/* Pan Docs: 16 banks is the most any of these controllers selects */
#define MAX_RAM_BANKS     16

gboolean
ks_gb_mbc_has_standard_ram (KsGbMbc mbc)
{
  switch (mbc)
    {
    case KS_GB_MBC_NONE:
    case KS_GB_MBC_MBC1:
    case KS_GB_MBC_MBC2:
    case KS_GB_MBC_MBC3:
    case KS_GB_MBC_MBC5:
    case KS_GB_MBC_HUC1:
    case KS_GB_MBC_POCKET_CAMERA:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ks_gb_mbc_set_ram_enabled (KsBus     *bus,
                           KsGbMbc    mbc,
                           gboolean   enabled,
                           GError   **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);

  /* A cart without an MBC has its RAM always on. */
  if (mbc == KS_GB_MBC_NONE)
    return TRUE;

  if (!ks_bus_write (bus, RAM_ENABLE_ADDR, enabled ? RAM_ENABLE_VALUE : RAM_DISABLE_VALUE, error))
    return FALSE;

  if (enabled && mbc == KS_GB_MBC_MBC1)
    return ks_bus_write (bus, MBC1_MODE_ADDR, MBC1_RAM_BANKING, error);

  return TRUE;
}

gboolean
ks_gb_mbc_select_ram_bank (KsBus    *bus,
                           KsGbMbc   mbc,
                           guint     bank,
                           GError  **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);
  g_return_val_if_fail (bank < MAX_RAM_BANKS, FALSE);

  if (mbc == KS_GB_MBC_NONE || mbc == KS_GB_MBC_MBC2)
    {
      g_return_val_if_fail (bank == 0, FALSE);
      return TRUE;
    }

  return ks_bus_write (bus, RAM_BANK_ADDR, (guint8) bank, error);
}

static gboolean
check_size (KsGbMbc   mbc,
            gsize     size,
            GError  **error)
{
  gsize limit = (mbc == KS_GB_MBC_NONE || mbc == KS_GB_MBC_MBC2)
                ? KS_GB_RAM_BANK_SIZE : (gsize) MAX_RAM_BANKS * KS_GB_RAM_BANK_SIZE;

  if (!ks_gb_mbc_has_standard_ram (mbc))
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("Keepsake cannot reach the save memory of this cart (memory controller: "
                     "%s)."),
                   ks_gb_mbc_to_string (mbc));
      return FALSE;
    }

  if (size > limit)
    {
      g_set_error (error, KS_FLASH_ERROR, KS_FLASH_ERROR_RANGE,
                   _("A cart with the memory controller %s cannot hold %zu bytes of save RAM."),
                   ks_gb_mbc_to_string (mbc), size);
      return FALSE;
    }

  return TRUE;
}

typedef gboolean (*BankOp) (KsBus *, guint32, guint8 *, gsize, GError **);

static gboolean
each_bank (KsBus    *bus,
           KsGbMbc   mbc,
           guint8   *buffer,
           gsize     size,
           BankOp    op,
           GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (!check_size (mbc, size, error))
    return FALSE;

  ok = ks_gb_mbc_set_ram_enabled (bus, mbc, TRUE, &local_error);

  for (gsize done = 0; ok && done < size; done += KS_GB_RAM_BANK_SIZE)
    {
      gsize n = MIN (size - done, (gsize) KS_GB_RAM_BANK_SIZE);

      ok = ks_gb_mbc_select_ram_bank (bus, mbc, done / KS_GB_RAM_BANK_SIZE, &local_error) &&
           op (bus, KS_GB_RAM_WINDOW, buffer + done, n, &local_error);
    }

  /* Disable the RAM even after a failure; report the first error. */
  if (!ks_gb_mbc_set_ram_enabled (bus, mbc, FALSE, ok ? &local_error : NULL) && ok)
    ok = FALSE;

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

gboolean
ks_gb_mbc_read_ram (KsBus    *bus,
                    KsGbMbc   mbc,
                    guint8   *buffer,
                    gsize     size,
                    GError  **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL || size == 0, FALSE);

  return each_bank (bus, mbc, buffer, size, ks_bus_read_bulk, error);
}

static gboolean
write_bank (KsBus    *bus,
            guint32   address,
            guint8   *data,
            gsize     size,
            GError  **error)
{
  return ks_bus_write_bulk (bus, address, data, size, error);
}

gboolean
ks_gb_mbc_write_ram (KsBus         *bus,
                     KsGbMbc        mbc,
                     const guint8  *data,
                     gsize          size,
                     GError       **error)
{
  g_return_val_if_fail (bus != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  return each_bank (bus, mbc, (guint8 *) data, size, write_bank, error);
}
