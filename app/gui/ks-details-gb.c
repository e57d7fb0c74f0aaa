/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-gb.c — a Game Boy cart's save RAM or a .sav file: the cart's
 * title and mapper where a cart was read, the RAM's size and banks, the clock a
 * footer carries; and, since a raw RAM has no structure, the plain
 * statement that Keepsake cannot check it (the pane's verdict)
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-details-private.h"

void
ks_details_gb_show (KsDetailsPane *pane,
                    KsDevice      *device)
{
  KsContainer *container = ks_device_get_container (device);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  const char *kind = NULL, *clock = NULL;
  guint64 ram_size = 0;
  guint banks = 0;

  if (ks_device_get_cart_title (device) != NULL)
    ks_details_pane_add_fact (pane, _("Cart title"), ks_device_get_cart_title (device));
  if (ks_device_get_cart_mapper (device) == KS_GB_MBC_NONE)
    ks_details_pane_add_fact (pane, _("Mapper"), _("None: the RAM sits beside the ROM"));
  else if (ks_device_get_cart_mapper (device) != KS_GB_MBC_UNKNOWN)
    ks_details_pane_add_fact (pane, _("Mapper"), ks_gb_mbc_to_string (ks_device_get_cart_mapper (device)));

  if (g_variant_lookup (summary, "ram_size", "t", &ram_size))
    {
      g_autofree char *size = ks_details_format_size (ram_size);

      ks_details_pane_add_fact (pane, _("Save RAM"), size);
    }
  if (g_variant_lookup (summary, "banks", "u", &banks) && banks > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u bank of 8 KiB",
                                                            "%u banks of 8 KiB", banks), banks);

      ks_details_pane_add_fact (pane, _("Banks"), text);
    }
  if (g_variant_lookup (summary, "ram_kind", "&s", &kind))
    ks_details_pane_add_fact (pane, _("Carts with this RAM"), kind);
  if (g_variant_lookup (summary, "rtc_clock", "&s", &clock))
    ks_details_pane_add_fact (pane, _("Clock"), clock);

  ks_details_pane_add_section (pane, NULL,
                               ks_details_dim_label_new (_("A Game Boy save is the cart's RAM "
                                                           "as the game left it, with no "
                                                           "structure Keepsake knows: it is "
                                                           "kept and copied byte for byte, "
                                                           "but nothing in it can be "
                                                           "checked.")));
}
