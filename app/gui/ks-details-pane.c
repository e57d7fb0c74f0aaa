/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-details-pane.c — what Keepsake knows about the selected device or save:
 * a title, a list of facts, and the verifier's findings in sentences */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "ks-details-pane.h"

struct _KsDetailsPane
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkLabel   *title;
  GtkLabel   *subtitle;
  GtkGrid    *facts;
  GtkListBox *findings;
  GtkLabel   *verdict;
  guint       n_facts;
};

G_DEFINE_FINAL_TYPE (KsDetailsPane, ks_details_pane, GTK_TYPE_WIDGET)

/* Readable labels for the summary keys every container has; other keys
 * (format-specific) are shown as they are named. */
static const struct {
  const char *key;
  const char *label;
} fact_labels[] = {
  { "format_name", N_("Format") },
  { "platform", N_("Platform") },
  { "size", N_("Size") },
  { "sha256", N_("SHA-256") },
};

static void
add_fact (KsDetailsPane *self,
          const char    *label,
          const char    *value)
{
  GtkWidget *key = gtk_label_new (label);
  GtkWidget *val = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (key), 1);
  gtk_label_set_yalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (val), 0);
  gtk_label_set_wrap (GTK_LABEL (val), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (val), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (val), TRUE);
  gtk_widget_set_hexpand (val, TRUE);

  gtk_grid_attach (self->facts, key, 0, self->n_facts, 1, 1);
  gtk_grid_attach (self->facts, val, 1, self->n_facts, 1, 1);
  self->n_facts++;
}

static char *
format_value (const char *key,
              GVariant   *value)
{
  if (g_str_equal (key, "size") && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    {
      guint64 size = g_variant_get_uint64 (value);
      g_autofree char *human = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      return g_strdup_printf (_("%s (%" PRIu64 " bytes)"), human, size);
    }
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));

  return g_variant_print (value, FALSE);
}

static void
add_summary (KsDetailsPane *self,
             GVariant      *summary)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  for (guint i = 0; i < G_N_ELEMENTS (fact_labels); i++)
    {
      g_autoptr(GVariant) v = g_variant_lookup_value (summary, fact_labels[i].key, NULL);

      if (v != NULL)
        {
          g_autofree char *text = format_value (fact_labels[i].key, v);

          add_fact (self, _(fact_labels[i].label), text);
        }
    }

  g_variant_iter_init (&iter, summary);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      gboolean known = g_str_equal (key, "format");

      for (guint i = 0; i < G_N_ELEMENTS (fact_labels); i++)
        known |= g_str_equal (key, fact_labels[i].key);

      if (!known)
        {
          g_autofree char *text = format_value (key, value);
          g_autofree char *label = g_strdelimit (g_strdup (key), "_", ' ');

          /* "blocks_free" → "Blocks free": format keys are stable
           * identifiers, shown readably */
          label[0] = g_ascii_toupper (label[0]);
          add_fact (self, label, text);
        }
      g_variant_unref (value);
    }
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
  self->n_facts = 0;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings))) != NULL)
    gtk_list_box_remove (self->findings, child);
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
      g_autofree char *size = g_format_size_full (ks_save_item_get_size (save),
                                                  G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *index = g_strdup_printf ("%u", ks_save_item_get_index (save));

      gtk_label_set_text (self->title, ks_save_item_get_name (save));
      gtk_label_set_text (self->subtitle, ks_device_get_title (device));
      add_fact (self, _("Size"), size);
      add_fact (self, _("Position"), index);
      if (ks_save_item_get_comment (save) != NULL)
        add_fact (self, _("Comment"), ks_save_item_get_comment (save));
      gtk_label_set_text (self->verdict, "");
      gtk_widget_set_visible (GTK_WIDGET (self->findings), FALSE);
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
          add_fact (self, _("Port"), path);
          break;
        case KS_DEVICE_KIND_FOLDER:
          add_fact (self, _("Folder"), path);
          break;
        case KS_DEVICE_KIND_FILE:
        default:
          add_fact (self, _("File"), path);
          break;
        }
    }
  if (ks_device_get_reader_name (device) != NULL)
    add_fact (self, _("Reader"), ks_device_get_reader_name (device));
  if (ks_device_get_cart (device) != NULL)
    add_fact (self, _("Cart"), ks_device_get_cart (device));

  if (ks_device_get_container (device) != NULL)
    {
      g_autoptr(GVariant) summary = g_variant_ref_sink (ks_container_describe (ks_device_get_container (device)));

      add_summary (self, summary);
    }
  else if (ks_device_get_bytes (device) != NULL)   /* folders and readers may have none */
    {
      GBytes *bytes = ks_device_get_bytes (device);
      g_autofree char *sha256 = ks_sha256_hex (bytes);
      g_autofree char *human = g_format_size_full (g_bytes_get_size (bytes), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *size = g_strdup_printf (_("%s (%zu bytes)"),
                                               human, g_bytes_get_size (bytes));

      add_fact (self, _("Format"), _("Not recognised"));
      add_fact (self, _("Size"), size);
      add_fact (self, _("SHA-256"), sha256);
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
  const KsBackupEntry *entry;
  g_autofree char *when = NULL;
  g_autofree char *human = NULL;
  g_autofree char *size = NULL;

  g_return_if_fail (KS_IS_DETAILS_PANE (self));
  g_return_if_fail (KS_IS_BACKUP_ITEM (backup));

  clear (self);
  gtk_stack_set_visible_child_name (self->stack, "details");

  entry = ks_backup_item_get_entry (backup);
  when = ks_backup_item_dup_when (backup);
  human = g_format_size_full (entry->size, G_FORMAT_SIZE_IEC_UNITS);
  size = g_strdup_printf (_("%s (%" PRIu64 " bytes)"), human, entry->size);

  gtk_label_set_text (self->title, entry->title[0] != '\0' ? entry->title : _("Untitled"));
  gtk_label_set_text (self->subtitle, _("Backup in the library"));
  add_fact (self, _("Taken"), when);
  add_fact (self, _("From"), entry->source);
  add_fact (self, _("Format"), entry->format_id[0] != '\0' ? entry->format_id : _("Not recognised"));
  add_fact (self, _("Size"), size);
  add_fact (self, _("Why"), ks_backup_reason_describe (entry->reason));
  add_fact (self, _("Backup ID"), entry->id);
  add_fact (self, _("SHA-256"), entry->sha256);

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
  add_fact (self, _("Backups"), count);
  add_fact (self, _("Folder"), folder);
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

/* Everything the pane shows, as lines of text (for tests and copying). */
char *
ks_details_pane_get_text (KsDetailsPane *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (KS_IS_DETAILS_PANE (self), NULL);

  g_string_append_printf (text, "%s\n%s\n", gtk_label_get_text (self->title),
                          gtk_label_get_text (self->subtitle));
  for (guint row = 0; row < self->n_facts; row++)
    {
      GtkWidget *key = gtk_grid_get_child_at (self->facts, 0, row);
      GtkWidget *val = gtk_grid_get_child_at (self->facts, 1, row);

      g_string_append_printf (text, "%s: %s\n", gtk_label_get_text (GTK_LABEL (key)),
                              gtk_label_get_text (GTK_LABEL (val)));
    }
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
