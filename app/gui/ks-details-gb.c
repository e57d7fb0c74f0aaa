/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-gb.c — a Game Boy or GBA cart's save or its .sav file: the cart's
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

/* A GBA cart's save chip or a GBA .sav (save-chips.md §6): the cart's
 * title where a cart was read, the chip the size points to, the clock
 * its footer carries, and the same plain statement as for a Game Boy save */
void
ks_details_gba_show (KsDetailsPane *pane,
                     KsDevice      *device)
{
  KsContainer *container = ks_device_get_container (device);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  const char *kind = NULL, *clock = NULL;
  guint64 save_size = 0, saved_at = 0;
  gboolean power_lost = FALSE;

  if (ks_device_get_cart_title (device) != NULL)
    ks_details_pane_add_fact (pane, _("Cart title"), ks_device_get_cart_title (device));
  if (g_variant_lookup (summary, "save_size", "t", &save_size))
    {
      g_autofree char *size = ks_details_format_size (save_size);

      ks_details_pane_add_fact (pane, _("Save size"), size);
    }
  if (g_variant_lookup (summary, "chip_kind", "&s", &kind))
    ks_details_pane_add_fact (pane, _("Save chip"), kind);
  if (g_variant_lookup (summary, "rtc_clock", "&s", &clock))
    {
      g_variant_lookup (summary, "rtc_power_lost", "b", &power_lost);
      if (power_lost)
        {
          /* Translators: %s is the clock's date and time */
          g_autofree char *text = g_strdup_printf (_("%s (it had lost power: the battery may "
                                                     "be dry)"), clock);

          ks_details_pane_add_fact (pane, _("Clock"), text);
        }
      else
        ks_details_pane_add_fact (pane, _("Clock"), clock);
    }
  if (g_variant_lookup (summary, "rtc_saved_at", "t", &saved_at) && saved_at > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local ((gint64) saved_at);
      g_autofree char *text = when != NULL ? ks_details_format_date (when) : NULL;

      if (text != NULL)
        ks_details_pane_add_fact (pane, _("Clock read"), text);
    }

  ks_details_pane_add_section (pane, NULL,
                               ks_details_dim_label_new (_("A GBA save is the cart's save chip "
                                                           "as the game left it, with no "
                                                           "structure Keepsake knows: it is "
                                                           "kept and copied byte for byte, "
                                                           "but nothing in it can be "
                                                           "checked.")));
}
