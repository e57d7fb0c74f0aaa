/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-device-row.c — a row of the device tree, from a template
 *
 * The row is ks-device-row.ui: its labels and icons are bound to the
 * KsTreeNode properties of the row's item (ks-tree-node.h), so a row
 * follows a device read again, a backup verified or a library refreshed
 * as they notify, without being bound again.  What is the window's own
 * wording is computed here, in the closures the template names: the
 * badge's icon, colour and sentence with the findings behind it.  GTK
 * 4.8 cannot bind an accessible property: the closures that compute the
 * icon's and the badge's bound values give them their text alternatives
 * too, through the binding's "this" object (the widget itself).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <keepsake.h>

#include "ks-device-row.h"
#include "ks-device-tree-private.h"

#define ROW_RESOURCE RESOURCE_PREFIX "/ks-device-row.ui"

/* The findings named on a badge, at most */
#define BADGE_FINDINGS 3

static const char *
status_sentence (KsSaveStatus status)
{
  switch (status)
    {
    case KS_SAVE_STATUS_OK:
      return _("Verified: no problems found");
    case KS_SAVE_STATUS_UNVERIFIABLE:
      return _("Not verifiable: Keepsake has no checks for this kind of save");
    case KS_SAVE_STATUS_WARNING:
      return _("Verified, with warnings");
    case KS_SAVE_STATUS_ERROR:
      return _("Errors found: not safe to write as it is");
    case KS_SAVE_STATUS_UNKNOWN:
    default:
      return NULL;
    }
}

/* What a row's icon shows, in words, for screen readers and tooltips */
static const char *
icon_description (const char *icon_name)
{
  static const struct {
    const char *icon;
    const char *text;
  } icons[] = {
    { "ks-gb-cart-symbolic", N_("Game Boy cart") },
    { "ks-gba-cart-symbolic", N_("Game Boy Advance cart") },
    { "ks-memory-card-symbolic", N_("Mega Memory Card") },
    { "ks-saturn-symbolic", N_("Saturn backup memory") },
    { "ks-reader-symbolic", N_("Cart reader") },
    { "ks-save-folder-symbolic", N_("Folder of saves") },
    { "ks-image-file-symbolic", N_("File") },
    { "ks-library-symbolic", N_("Backup library") },
    { "folder-symbolic", N_("Backups of one cart or game") },
    { "document-save-symbolic", N_("Backup") },
    { "content-loading-symbolic", N_("Reading") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_strcmp0 (icons[i].icon, icon_name) == 0)
      return _(icons[i].text);

  return "";
}

/* ---- closures of the template's bindings ---- */

static char **
expander_classes (gpointer  this,
                  gboolean  has_children,
                  gpointer  user_data)
{
  char **strv = g_new0 (char *, 2);

  if (!has_children)
    strv[0] = g_strdup ("no-children");
  return strv;
}

static char *
badge_icon (gpointer     this,
            KsSaveStatus status,
            gpointer     user_data)
{
  return g_strdup (ks_save_status_icon_name (status));
}

static gboolean
badge_shown (gpointer     this,
             KsSaveStatus status,
             gpointer     user_data)
{
  return ks_save_status_icon_name (status) != NULL;
}

static char **
badge_classes (gpointer     this,
               KsSaveStatus status,
               gpointer     user_data)
{
  const char *name = ks_save_status_to_string (status);
  char **strv = g_new0 (char *, 2);

  if (name != NULL)
    strv[0] = g_strconcat ("badge-", name, NULL);
  return strv;
}

/* The icon's name, and the same in words for screen readers: the
 * binding's "this" is the image */
static char *
row_icon (GtkImage   *icon,
          const char *icon_name,
          gpointer    user_data)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  icon_description (icon_name), -1);
  return g_strdup (icon_name);
}

/* The badge's tooltip: the status in words, then what the checks found
 * (warnings and errors, the first few), one a line.  The sentence is also
 * the badge's accessible name, the findings its description (the
 * binding's "this" is the badge). */
static char *
badge_text (GtkImage     *badge,
            KsSaveStatus  status,
            GPtrArray    *findings,
            gpointer      user_data)
{
  const char *sentence = status_sentence (status);
  g_autoptr(GString) problems = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; findings != NULL && i < findings->len && shown < BADGE_FINDINGS; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == KS_SEVERITY_INFO)
        continue;
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "", finding->message);
      shown++;
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sentence != NULL ? sentence : "", -1);
  if (sentence != NULL && problems->len > 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problems->str, -1);
      return g_strdup_printf ("%s\n%s", sentence, problems->str);
    }

  gtk_accessible_reset_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  return g_strdup (sentence);
}

GtkListItemFactory *
ks_device_row_factory_new (void)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  GtkBuilderCScope *cscope = GTK_BUILDER_CSCOPE (scope);

  /* the template names the interface by its type name */
  g_type_ensure (KS_TYPE_TREE_NODE);

  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_badge_shown",
                                          G_CALLBACK (badge_shown));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_expander_classes",
                                          G_CALLBACK (expander_classes));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_badge_icon",
                                          G_CALLBACK (badge_icon));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_badge_classes",
                                          G_CALLBACK (badge_classes));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_badge_text",
                                          G_CALLBACK (badge_text));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_row_icon",
                                          G_CALLBACK (row_icon));
  gtk_builder_cscope_add_callback_symbol (cscope, "ks_device_tree_drag_prepare",
                                          G_CALLBACK (ks_device_tree_drag_prepare));

  return gtk_builder_list_item_factory_new_from_resource (scope, ROW_RESOURCE);
}
