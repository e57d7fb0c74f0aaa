/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-mmc.c — a Mega Memory Card: a capacity map of its 2,032 data
 * blocks, each save's size and blocks, and the card's options in words
 * (mega-memory-card.md §2)
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-capacity-map.h"
#include "ks-details-private.h"

static gboolean
lookup_flag (GVariant   *summary,
             const char *key,
             gboolean   *value)
{
  return g_variant_lookup (summary, key, "b", value);
}

static GtkWidget *
options_grid (GVariant *summary)
{
  GtkWidget *grid = ks_details_grid_new ();
  gboolean on;

  if (lookup_flag (summary, "option_icons", &on))
    ks_details_grid_add (GTK_GRID (grid), _("Icons"), on ? _("On") : _("Off"));
  if (lookup_flag (summary, "option_inverse", &on))
    ks_details_grid_add (GTK_GRID (grid), _("Inverse display"), on ? _("On") : _("Off"));
  if (lookup_flag (summary, "option_sound", &on))
    ks_details_grid_add (GTK_GRID (grid), _("Sound"), on ? _("On") : _("Off"));
  if (lookup_flag (summary, "option_unique_names", &on))
    ks_details_grid_add (GTK_GRID (grid), _("Unique names"),
                         on ? _("On: the card refuses a second save with the same name")
                            : _("Off: two saves may share a name"));

  return grid;
}

static GtkWidget *
legend_row (gint        owner,
            const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (row), ks_capacity_swatch_new (owner));
  gtk_box_append (GTK_BOX (row), label);

  return row;
}

void
ks_details_mmc_show (KsDetailsPane *pane,
                     KsContainer   *container)
{
  KsMmc *card = ks_container_get_impl (container);
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);
  g_autofree gint *owners = g_new0 (gint, KS_MMC_DATA_BLOCKS);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  guint used = 0, free_blocks = 0, orphaned = 0;
  g_autofree char *sentence = NULL;
  gboolean erased = FALSE;

  for (guint b = 0; b < KS_MMC_DATA_BLOCKS; b++)
    {
      owners[b] = ks_mmc_get_block_owner (card, b);
      if (owners[b] == KS_MMC_BLOCK_FREE)
        free_blocks++;
      else if (owners[b] == KS_MMC_BLOCK_ORPHANED)
        orphaned++;
      else
        used++;
    }

  /* TRANSLATORS: the capacity map in one sentence: "3 saves use 412 of
   * 2,032 blocks; 1,620 free; 0 orphaned" */
  sentence = g_strdup_printf (g_dngettext (NULL, "%u save uses %'u of %'u blocks; %'u free; %'u orphaned",
                                           "%u saves use %'u of %'u blocks; %'u free; %'u orphaned",
                                           saves->len),
                              saves->len, used, (guint) KS_MMC_DATA_BLOCKS, free_blocks, orphaned);
  gtk_box_append (GTK_BOX (box), ks_capacity_map_new (owners, KS_MMC_DATA_BLOCKS, sentence));
  gtk_box_append (GTK_BOX (box), ks_details_dim_label_new (sentence));

  for (guint i = 0; i < saves->len; i++)
    {
      const KsSaveInfo *info = g_ptr_array_index (saves, i);
      g_autofree char *size = ks_details_format_size (info->size);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%s: %s in %d block",
                                                            "%s: %s in %d blocks", info->blocks),
                                               info->name, size, info->blocks);

      gtk_box_append (GTK_BOX (box), legend_row ((gint) i + 1, text));
    }
  gtk_box_append (GTK_BOX (box), legend_row (KS_CAPACITY_FREE, _("Free")));
  if (orphaned > 0)
    gtk_box_append (GTK_BOX (box),
                    legend_row (KS_CAPACITY_ORPHANED,
                                _("Orphaned: marked as used by no listed save")));

  ks_details_pane_add_section (pane, _("Capacity"), box);

  if (g_variant_lookup (summary, "erased", "b", &erased) && erased)
    ks_details_pane_add_section (pane, _("Options"),
                                 ks_details_dim_label_new (_("The card is erased; it formats itself "
                                                             "with the default options when it is "
                                                             "next switched on.")));
  else
    ks_details_pane_add_section (pane, _("Options"), options_grid (summary));
}
