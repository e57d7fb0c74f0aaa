/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-pane.c — what Keepsake knows about the selected device or save:
 * a title, a list of facts, what its kind adds in people's words (a
 * trainer card, a capacity map: ks-details-*.c), and the verifier's
 * findings in sentences */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ks-details-private.h"
#include "ks-window.h"

struct _KsDetailsPane
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkLabel   *title;
  GtkLabel   *subtitle;
  GtkGrid    *facts;
  GtkBox     *sections;
  GtkListBox *findings;
  GtkLabel   *verdict;
};

G_DEFINE_FINAL_TYPE (KsDetailsPane, ks_details_pane, GTK_TYPE_WIDGET)

/* The facts every container has; a kind's own facts come from its file */
static const struct {
  const char *key;
  const char *label;
} fact_labels[] = {
  { "format_name", N_("Format") },
  { "size", N_("File size") },
  { "sha256", N_("SHA-256") },
};

GtkWidget *
ks_details_dim_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

GtkWidget *
ks_details_grid_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  return grid;
}

/* A label and its value on the next free line of @grid */
void
ks_details_grid_add (GtkGrid    *grid,
                     const char *label,
                     const char *value)
{
  GtkWidget *key = gtk_label_new (label);
  GtkWidget *val = gtk_label_new (value);
  int row = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int top, height;

      gtk_grid_query_child (grid, child, NULL, &top, NULL, &height);
      row = MAX (row, top + height);
    }

  gtk_label_set_xalign (GTK_LABEL (key), 1);
  gtk_label_set_yalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (val), 0);
  gtk_label_set_wrap (GTK_LABEL (val), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (val), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (val), TRUE);
  gtk_widget_set_hexpand (val, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (val), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  key, NULL, -1);

  gtk_grid_attach (grid, key, 0, row, 1, 1);
  gtk_grid_attach (grid, val, 1, row, 1, 1);
}

void
ks_details_pane_add_fact (KsDetailsPane *self,
                          const char    *label,
                          const char    *value)
{
  g_return_if_fail (KS_IS_DETAILS_PANE (self));

  ks_details_grid_add (self->facts, label, value);
}

void
ks_details_pane_add_section (KsDetailsPane *self,
                             const char    *heading,
                             GtkWidget     *child)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_return_if_fail (KS_IS_DETAILS_PANE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  if (heading != NULL)
    {
      GtkWidget *title = gtk_label_new (heading);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_box_append (GTK_BOX (box), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      heading, -1);
    }
  gtk_box_append (GTK_BOX (box), child);
  gtk_box_append (self->sections, box);
}

void
ks_details_pane_set_verdict (KsDetailsPane *self,
                             const char    *verdict)
{
  g_return_if_fail (KS_IS_DETAILS_PANE (self));

  gtk_label_set_text (self->verdict, verdict);
}

/* Sizes as the tree shows them: IEC units, "32.0 KiB" */
char *
ks_details_format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

/* Dates one way in every pane, never ambiguous: "1997-06-01 10:30" */
char *
ks_details_format_date (GDateTime *date)
{
  return g_date_time_format (date, "%Y-%m-%d %H:%M");
}

static char *
format_value (const char *key,
              GVariant   *value)
{
  if (g_str_equal (key, "size") && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    {
      guint64 size = g_variant_get_uint64 (value);
      g_autofree char *human = ks_details_format_size (size);

      if (size < 1024)   /* "570 bytes" already says it */
        return g_steal_pointer (&human);
      return g_strdup_printf (_("%s (%" PRIu64 " bytes)"), human, size);
    }

  return g_variant_print (value, FALSE);
}

static void
add_summary (KsDetailsPane *self,
             GVariant      *summary)
{
  for (guint i = 0; i < G_N_ELEMENTS (fact_labels); i++)
    {
      g_autoptr(GVariant) v = g_variant_lookup_value (summary, fact_labels[i].key, NULL);
      g_autofree char *text = NULL;

      if (v == NULL)
        continue;
      text = g_variant_is_of_type (v, G_VARIANT_TYPE_STRING) ? g_variant_dup_string (v, NULL)
                                                              : format_value (fact_labels[i].key, v);
      ks_details_pane_add_fact (self, _(fact_labels[i].label), text);
    }
}

/* What the kind of save adds: a trainer card, a map, … */
static void
add_kind (KsDetailsPane *self,
          KsDevice      *device,
          KsContainer   *container)
{
  const char *id = ks_container_get_format (container)->id;

  if (g_str_equal (id, "gen3"))
    ks_details_gen3_show (self, container);
  else if (g_str_equal (id, "mmc"))
    ks_details_mmc_show (self, container);
  else if (g_str_equal (id, "saturn-bram") || g_str_equal (id, "saturn-ar") ||
           g_str_equal (id, "bup"))
    ks_details_saturn_show (self, container);
  else if (g_str_equal (id, "gb-sav"))
    ks_details_gb_show (self, device);
  else if (g_str_equal (id, "gba-sav"))
    ks_details_gba_show (self, device);
}

/* One save of a card or partition: what its directory entry says */
static void
add_save_info (KsDetailsPane    *self,
               const KsSaveInfo *info)
{
  if (info->comment != NULL && info->comment[0] != '\0')
    ks_details_pane_add_fact (self, _("Comment"), info->comment);
  if (info->language != NULL)
    ks_details_pane_add_fact (self, _("Language"), ks_details_language_name (info->language));
  if (info->date != NULL)
    {
      g_autofree char *date = ks_details_format_date (info->date);

      ks_details_pane_add_fact (self, _("Saved"), date);
    }
  if (info->blocks >= 0)
    {
      g_autofree char *blocks = g_strdup_printf (g_dngettext (NULL, "%d block", "%d blocks",
                                                              info->blocks), info->blocks);

      ks_details_pane_add_fact (self, _("Space on the medium"), blocks);
    }
}

/* The listing of @device's saves (a container's or a .BUP folder's) */
static GPtrArray *
list_saves (KsDevice *device)
{
  if (ks_device_get_container (device) != NULL && ks_container_has_saves (ks_device_get_container (device)))
    return ks_container_list (ks_device_get_container (device), NULL);
  if (ks_device_get_folder (device) != NULL)
    return ks_bup_folder_list (ks_device_get_folder (device));

  return NULL;
}

static GtkWidget *
finding_row (const KsFinding *finding)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *label = gtk_label_new (finding->message);
  const char *icon_name;
  const char *severity;

  switch (finding->severity)
    {
    case KS_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      severity = _("Error");
      break;
    case KS_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      severity = _("Warning");
      break;
    case KS_SEVERITY_INFO:
    default:
      icon_name = "dialog-information-symbolic";
      severity = _("Information");
      break;
    }

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_set_tooltip_text (icon, severity);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity, -1);

  return box;
}

static void
clear (KsDetailsPane *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts))) != NULL)
    gtk_grid_remove (self->facts, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings))) != NULL)
    gtk_list_box_remove (self->findings, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_box_remove (self->sections, child);
}

static void
show_findings (KsDetailsPane *self,
               GPtrArray     *findings)
{
  g_autofree char *verdict = ks_findings_describe_verdict (findings);

  for (guint i = 0; i < findings->len; i++)
    gtk_list_box_append (self->findings, finding_row (g_ptr_array_index (findings, i)));

  gtk_label_set_text (self->verdict, verdict);
  gtk_widget_set_visible (GTK_WIDGET (self->findings), findings->len > 0);
}

void
ks_details_pane_show (KsDetailsPane *self,
                      KsDevice      *device,
                      KsSaveItem    *save)
{
  g_return_if_fail (KS_IS_DETAILS_PANE (self));
  g_return_if_fail (device == NULL || KS_IS_DEVICE (device));
  g_return_if_fail (save == NULL || KS_IS_SAVE_ITEM (save));

  clear (self);

  if (device == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "details");

  if (save != NULL)
    {
      g_autofree char *size = ks_details_format_size (ks_save_item_get_size (save));
      g_autoptr(GPtrArray) saves = list_saves (device);
      guint index = ks_save_item_get_index (save);

      gtk_label_set_text (self->title, ks_save_item_get_name (save));
      gtk_label_set_text (self->subtitle, ks_device_get_title (device));
      ks_details_pane_add_fact (self, _("Size"), size);
      if (saves != NULL && index < saves->len)
        add_save_info (self, g_ptr_array_index (saves, index));
      else if (ks_save_item_get_comment (save) != NULL)
        ks_details_pane_add_fact (self, _("Comment"), ks_save_item_get_comment (save));
      /* the save is the whole image (a Pokémon cart): the same card */
      if (ks_save_item_is_whole_image (save) && ks_device_get_container (device) != NULL)
        add_kind (self, device, ks_device_get_container (device));
      /* the verifier's findings about this save, and its verdict */
      {
        g_autoptr(GPtrArray) findings = ks_device_dup_save_findings (device, save);

        show_findings (self, findings);
      }
      return;
    }

  gtk_label_set_text (self->title, ks_device_get_title (device));
  gtk_label_set_text (self->subtitle, ks_device_get_subtitle (device));

  if (ks_device_get_path (device) != NULL)
    {
      g_autofree char *path = g_filename_display_name (ks_device_get_path (device));

      switch (ks_device_get_kind (device))
        {
        case KS_DEVICE_KIND_READER:
          ks_details_pane_add_fact (self, _("Port"), path);
          break;
        case KS_DEVICE_KIND_FOLDER:
          ks_details_pane_add_fact (self, _("Folder"), path);
          break;
        case KS_DEVICE_KIND_FILE:
        default:
          ks_details_pane_add_fact (self, _("File"), path);
          break;
        }
    }
  if (ks_device_get_reader_name (device) != NULL)
    ks_details_pane_add_fact (self, _("Reader"), ks_device_get_reader_name (device));
  if (ks_device_get_cart (device) != NULL)
    ks_details_pane_add_fact (self, _("Cart"), ks_device_get_cart (device));

  if (ks_device_get_container (device) == NULL && ks_device_get_folder (device) != NULL)
    {
      g_autoptr(GPtrArray) saves = ks_bup_folder_list (ks_device_get_folder (device));

      ks_details_saturn_add_saves (self, saves);
    }
  else if (ks_device_get_container (device) != NULL)
    {
      g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (ks_device_get_container (device)));

      add_summary (self, summary);
      add_kind (self, device, ks_device_get_container (device));
    }
  else if (ks_device_get_bytes (device) != NULL)   /* folders and readers may have none */
    {
      GBytes *bytes = ks_device_get_bytes (device);
      g_autofree char *sha256 = ks_sha256_hex (bytes);
      g_autofree char *human = ks_details_format_size (g_bytes_get_size (bytes));
      g_autofree char *size = g_strdup_printf (_("%s (%zu bytes)"),
                                               human, g_bytes_get_size (bytes));

      ks_details_pane_add_fact (self, _("Format"), _("Not recognised"));
      ks_details_pane_add_fact (self, _("Size"), size);
      ks_details_pane_add_fact (self, _("SHA-256"), sha256);
    }

  show_findings (self, ks_device_get_findings (device));

  if (ks_device_get_container (device) == NULL && ks_device_get_bytes (device) != NULL)
    gtk_label_set_text (self->verdict, _("Not verified: Keepsake does not know this format."));
}

/* A backup of the library: where and when it came from, and what
 * verifying its stored bytes found, once Verify has run on it */
void
ks_details_pane_show_backup (KsDetailsPane *self,
                             KsBackupItem  *backup)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (KS_IS_DETAILS_PANE (self));
  g_return_if_fail (KS_IS_BACKUP_ITEM (backup));

  clear (self);
  gtk_stack_set_visible_child_name (self->stack, "details");
  gtk_label_set_text (self->title, ks_backup_item_get_entry (backup)->title[0] != '\0'
                                   ? ks_backup_item_get_entry (backup)->title : _("Untitled"));
  gtk_label_set_text (self->subtitle, _("Backup in the library"));
  ks_details_backup_show (self, backup,
                          KS_IS_WINDOW (root) ? ks_window_get_library (KS_WINDOW (root)) : NULL);

  if (ks_backup_item_get_findings (backup) != NULL)
    show_findings (self, ks_backup_item_get_findings (backup));
  else
    {
      gtk_label_set_text (self->verdict, _("Not verified yet: Verify checks the stored bytes."));
      gtk_widget_set_visible (GTK_WIDGET (self->findings), FALSE);
    }
}

/* The library's node, or one of its groups: how many backups, and where */
void
ks_details_pane_show_library (KsDetailsPane  *self,
                              KsLibraryModel *library,
                              KsBackupGroup  *group)
{
  g_autofree char *folder = NULL;
  g_autofree char *count = NULL;
  guint n;

  g_return_if_fail (KS_IS_DETAILS_PANE (self));
  g_return_if_fail (KS_IS_LIBRARY_MODEL (library));
  g_return_if_fail (group == NULL || KS_IS_BACKUP_GROUP (group));

  clear (self);
  gtk_stack_set_visible_child_name (self->stack, "details");

  n = group != NULL ? g_list_model_get_n_items (ks_backup_group_get_backups (group))
                    : ks_library_model_get_n_backups (library);
  count = g_strdup_printf ("%u", n);
  folder = g_filename_display_name (ks_library_get_path (ks_library_model_get_library (library)));

  if (group != NULL)
    {
      const char *title = ks_backup_group_get_title (group);

      gtk_label_set_text (self->title, title[0] != '\0' ? title : _("Untitled"));
      gtk_label_set_text (self->subtitle, _("Backups of this cart or game, newest first"));
    }
  else
    {
      gtk_label_set_text (self->title, _("Backup Library"));
      gtk_label_set_text (self->subtitle,
                          _("Every backup Keepsake made, by hand or before a write. Drag one "
                            "onto a device to restore it there."));
    }
  ks_details_pane_add_fact (self, _("Backups"), count);
  ks_details_pane_add_fact (self, _("Folder"), folder);
  gtk_label_set_text (self->verdict, "");
  gtk_widget_set_visible (GTK_WIDGET (self->findings), FALSE);
}

const char *
ks_details_pane_get_title (KsDetailsPane *self)
{
  g_return_val_if_fail (KS_IS_DETAILS_PANE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") != 0)
    return NULL;

  return gtk_label_get_text (self->title);
}

static void
append_grid (GString *text,
             GtkGrid *grid)
{
  for (int row = 0; ; row++)
    {
      GtkWidget *key = gtk_grid_get_child_at (grid, 0, row);
      GtkWidget *val = gtk_grid_get_child_at (grid, 1, row);

      if (key == NULL && val == NULL)
        break;
      if (GTK_IS_LABEL (key) && GTK_IS_LABEL (val))
        g_string_append_printf (text, "%s: %s\n", gtk_label_get_text (GTK_LABEL (key)),
                                gtk_label_get_text (GTK_LABEL (val)));
    }
}

/* The sections' words: labels, and what the drawings tell a screen reader
 * (their tooltips carry the same sentence) */
static void
append_section_text (GString   *text,
                     GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      if (gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_IMG &&
      gtk_widget_get_tooltip_text (widget) != NULL)
    {
      g_string_append_printf (text, "%s\n", gtk_widget_get_tooltip_text (widget));
      return;
    }
  if (GTK_IS_GRID (widget) && gtk_grid_get_child_at (GTK_GRID (widget), 0, 0) != NULL &&
      GTK_IS_LABEL (gtk_grid_get_child_at (GTK_GRID (widget), 0, 0)))
    {
      append_grid (text, GTK_GRID (widget));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_section_text (text, child);
}

/* Everything the pane shows, as lines of text (for tests and copying). */
char *
ks_details_pane_get_text (KsDetailsPane *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (KS_IS_DETAILS_PANE (self), NULL);

  g_string_append_printf (text, "%s\n%s\n", gtk_label_get_text (self->title),
                          gtk_label_get_text (self->subtitle));
  append_grid (text, self->facts);
  append_section_text (text, GTK_WIDGET (self->sections));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->findings));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *label = gtk_widget_get_last_child (box);

      g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (label)));
    }
  g_string_append_printf (text, "%s\n", gtk_label_get_text (self->verdict));

  return g_string_free (text, FALSE);
}

static void
ks_details_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KS_TYPE_DETAILS_PANE);

  G_OBJECT_CLASS (ks_details_pane_parent_class)->dispose (object);
}

static void
ks_details_pane_class_init (KsDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_details_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ks-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, title);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, subtitle);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, facts);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, sections);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, findings);
  gtk_widget_class_bind_template_child (widget_class, KsDetailsPane, verdict);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "detailspane");
}

static void
ks_details_pane_init (KsDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
