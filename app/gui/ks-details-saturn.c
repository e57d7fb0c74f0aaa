/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-saturn.c — Saturn backup RAM, Action Replay dumps and .BUP
 * files: the container in words with the save data's own size beside the
 * file's, a capacity bar per partition, and per save its name, comment
 * (Japanese shown as Japanese: ks-saturn-text.c decodes it), language,
 * date and blocks (saturn.md §1, §2, §3, §5)
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-details-private.h"

/* saturn.md §1.3: the language byte's values, as codes */
static const struct {
  const char *code;
  const char *name;
} languages[] = {
  { "ja", N_("Japanese") },
  { "en", N_("English") },
  { "fr", N_("French") },
  { "de", N_("German") },
  { "es", N_("Spanish") },
  { "it", N_("Italian") },
};

const char *
ks_details_language_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (code, languages[i].code))
      return _(languages[i].name);

  return _("Unknown language");
}

/* What holds the save data, in words (saturn.md §2, §3) */
static char *
container_text (const char *format_id,
                GVariant   *summary)
{
  const char *kind = NULL;
  gboolean gzip = FALSE;

  if (g_str_equal (format_id, "bup"))
    return g_strdup (_(".BUP file: one save with its directory entry"));

  if (g_str_equal (format_id, "saturn-ar"))
    {
      g_variant_lookup (summary, "partition", "&s", &kind);
      if (g_strcmp0 (kind, "rle01") == 0)
        return g_strdup (_("Action Replay flash, save partition compressed (RLE01)"));
      if (g_strcmp0 (kind, "uncompressed") == 0 || g_strcmp0 (kind, "def") == 0)
        return g_strdup (_("Action Replay flash, save partition uncompressed"));
      if (g_strcmp0 (kind, "broken") == 0)
        return g_strdup (_("Action Replay flash, save partition that cannot be decompressed"));
      return g_strdup (_("Action Replay flash without a save partition"));
    }

  g_variant_lookup (summary, "container", "&s", &kind);
  g_variant_lookup (summary, "gzip", "b", &gzip);
  if (g_strcmp0 (kind, "byte-expanded") == 0)
    return g_strdup (gzip ? _("Byte-expanded (Yabause, SSF, MiSTer), gzip-compressed")
                          : _("Byte-expanded: every byte behind a filler (Yabause, SSF, MiSTer)"));

  return g_strdup (gzip ? _("Mednafen, gzip-compressed") : _("Plain bytes (Mednafen, or a console dump)"));
}

static GtkWidget *
capacity_bar (const char *region,
              guint       blocks,
              guint       free_blocks,
              guint       block_size)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (blocks, 1));
  guint used = blocks >= free_blocks ? blocks - free_blocks : 0;
  g_autofree char *text = NULL;

  /* TRANSLATORS: "Internal memory: 12 of 512 blocks used, 500 free (64 bytes each)" */
  text = g_strdup_printf (_("%s: %'u of %'u blocks used, %'u free (%u bytes each)"),
                          region, used, blocks, free_blocks, block_size);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), used);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), ks_details_dim_label_new (text));

  return box;
}

static void
add_capacity (KsDetailsPane *pane,
              GVariant      *summary)
{
  static const struct {
    const char *prefix;
    const char *name;
  } regions[] = {
    { "", N_("Partition") },
    { "internal_", N_("Internal memory") },
    { "cartridge_", N_("Cartridge") },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gboolean any = FALSE;

  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    {
      g_autofree char *blocks_key = g_strconcat (regions[r].prefix, "blocks", NULL);
      g_autofree char *free_key = g_strconcat (regions[r].prefix, "free_blocks", NULL);
      g_autofree char *size_key = g_strconcat (regions[r].prefix, "block_size", NULL);
      g_autofree char *device_key = g_strconcat (regions[r].prefix, "device", NULL);
      guint blocks, free_blocks, block_size = 0;
      const char *device = NULL;
      const char *name = _(regions[r].name);

      if (!g_variant_lookup (summary, blocks_key, "u", &blocks) ||
          !g_variant_lookup (summary, free_key, "u", &free_blocks))
        continue;
      g_variant_lookup (summary, size_key, "u", &block_size);
      if (g_variant_lookup (summary, device_key, "&s", &device))
        name = g_str_equal (device, "internal") ? _("Internal memory") : _("Cartridge");
      gtk_box_append (GTK_BOX (box), capacity_bar (name, blocks, free_blocks, block_size));
      any = TRUE;
    }

  if (!any)
    {
      g_object_unref (g_object_ref_sink (box));
      return;
    }
  ks_details_pane_add_section (pane, _("Capacity"), box);
}

static GtkWidget *
save_view (const KsSaveInfo *info)
{
  GtkWidget *grid = ks_details_grid_new ();
  g_autofree char *size = ks_details_format_size (info->size);

  ks_details_grid_add (GTK_GRID (grid), _("Name"), info->name);
  if (info->comment != NULL && info->comment[0] != '\0')
    ks_details_grid_add (GTK_GRID (grid), _("Comment"), info->comment);
  if (info->language != NULL)
    ks_details_grid_add (GTK_GRID (grid), _("Language"), ks_details_language_name (info->language));
  if (info->date != NULL)
    {
      g_autofree char *date = ks_details_format_date (info->date);

      ks_details_grid_add (GTK_GRID (grid), _("Saved"), date);
    }
  if (info->blocks >= 0)
    {
      g_autofree char *blocks = g_strdup_printf (g_dngettext (NULL, "%s in %d block",
                                                              "%s in %d blocks", info->blocks),
                                                 size, info->blocks);

      ks_details_grid_add (GTK_GRID (grid), _("Size"), blocks);
    }
  else
    ks_details_grid_add (GTK_GRID (grid), _("Size"), size);

  gtk_widget_set_margin_bottom (grid, 6);
  return grid;
}

void
ks_details_saturn_add_saves (KsDetailsPane *pane,
                             GPtrArray     *saves)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (saves->len == 0)
    gtk_box_append (GTK_BOX (box), ks_details_dim_label_new (_("No saves yet.")));
  for (guint i = 0; i < saves->len; i++)
    {
      if (i > 0)
        gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      gtk_box_append (GTK_BOX (box), save_view (g_ptr_array_index (saves, i)));
    }

  ks_details_pane_add_section (pane, _("Saves"), box);
}

void
ks_details_saturn_show (KsDetailsPane *pane,
                        KsContainer   *container)
{
  g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (container));
  const char *id = ks_container_get_format (container)->id;
  g_autofree char *kind = container_text (id, summary);
  guint64 logical = 0;

  ks_details_pane_add_fact (pane, _("Container"), kind);
  if (g_variant_lookup (summary, "logical_size", "t", &logical) ||
      g_variant_lookup (summary, "decoded_size", "t", &logical))
    {
      g_autofree char *text = ks_details_format_size (logical);

      ks_details_pane_add_fact (pane, _("Save data size"), text);
    }

  add_capacity (pane, summary);

  if (ks_container_has_saves (container))
    {
      g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);

      if (saves != NULL)
        ks_details_saturn_add_saves (pane, saves);
    }
  else if (g_str_equal (id, "bup"))
    {
      /* one save: its directory entry, from the format's summary */
      g_autoptr(KsSaveInfo) info = NULL;
      const char *name = "", *comment = NULL, *language = NULL, *date = NULL;
      guint size = 0;
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_variant_lookup (summary, "name", "&s", &name);
      g_variant_lookup (summary, "comment", "&s", &comment);
      g_variant_lookup (summary, "language", "&s", &language);
      g_variant_lookup (summary, "date", "&s", &date);
      g_variant_lookup (summary, "data_size", "u", &size);
      info = ks_save_info_new (0, name, size);
      info->comment = g_strdup (comment);
      info->language = g_strdup (language);
      g_ptr_array_add (one, info);
      ks_details_saturn_add_saves (pane, one);
      if (date != NULL)
        ks_details_pane_add_fact (pane, _("Saved"), date);
    }
}
