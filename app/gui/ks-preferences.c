/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-preferences.c — the Preferences window
 *
 * Every control stands for one key of the io.github.keepsake.Keepsake
 * schema and writes it at once (no Apply): the folder and the port list,
 * by hand because their widgets show a derived form of the value.  Only
 * settings something reads are offered: every write is read back (the
 * write protocol), and the link rate is the fastest the reader takes
 * (cart-reader-protocol.md), so neither is a choice.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <keepsake.h>

#include "ks-preferences.h"

struct _KsPreferences
{
  GtkWindow             parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  GtkButton            *folder_button;
  GtkLabel             *folder_label;
  GtkButton            *folder_reset;
  GtkListBox           *ports_list;
  GtkEntry             *port_entry;
  GtkButton            *port_add_button;
};

G_DEFINE_FINAL_TYPE (KsPreferences, ks_preferences, GTK_TYPE_WINDOW)

static void
update_folder (KsPreferences *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  if (*folder == '\0')
    {
      g_autofree char *path = ks_library_default_path ();
      g_autofree char *text = g_strdup_printf (_("Default (%s)"), path);

      gtk_label_set_text (self->folder_label, text);
    }
  else
    {
      gtk_label_set_text (self->folder_label, folder);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->folder_reset), *folder != '\0');
}

static void
on_folder_response (KsPreferences        *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      /* Only a local folder can hold the library. */
      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
    }

  g_clear_object (&self->chooser);
}

static void
on_folder_clicked (KsPreferences *self)
{
  g_autofree char *folder = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose Backup Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  folder = g_settings_get_string (self->settings, "backup-folder");
  if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), file, NULL);
    }

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_folder_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_folder_reset (KsPreferences *self)
{
  g_settings_reset (self->settings, "backup-folder");
}

static void
remove_port (KsPreferences *self,
             const char    *port)
{
  g_auto(GStrv) ports = g_settings_get_strv (self->settings, "extra-serial-ports");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; ports[i] != NULL; i++)
    if (g_strcmp0 (ports[i], port) != 0)
      g_strv_builder_add (kept, ports[i]);

  result = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, "extra-serial-ports", (const char *const *) result);
}

static void
on_port_remove_clicked (GtkButton     *button,
                        KsPreferences *self)
{
  remove_port (self, g_object_get_data (G_OBJECT (button), "port"));
}

static GtkWidget *
create_port_row (KsPreferences *self,
                 const char    *port)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (port);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  g_autofree char *remove_text = g_strdup_printf (_("Remove %s"), port);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_text,
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "port", g_strdup (port), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_port_remove_clicked), self);
  gtk_box_append (GTK_BOX (box), remove);

  return box;
}

static void
update_ports (KsPreferences *self)
{
  g_auto(GStrv) ports = g_settings_get_strv (self->settings, "extra-serial-ports");
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (self->ports_list, 0)) != NULL)
    gtk_list_box_remove (self->ports_list, GTK_WIDGET (row));

  for (guint i = 0; ports[i] != NULL; i++)
    gtk_list_box_append (self->ports_list, create_port_row (self, ports[i]));
}

static void
on_port_changed (KsPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->port_entry));
  g_autofree char *port = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (GTK_WIDGET (self->port_add_button), *port != '\0');
}

static void
on_port_add (KsPreferences *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->port_entry));
  g_autofree char *port = g_strstrip (g_strdup (text));
  g_auto(GStrv) ports = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;

  if (*port == '\0')
    return;

  ports = g_settings_get_strv (self->settings, "extra-serial-ports");
  /* The same port twice would only be probed twice. */
  if (!g_strv_contains ((const char *const *) ports, port))
    {
      builder = g_strv_builder_new ();
      g_strv_builder_addv (builder, (const char **) ports);
      g_strv_builder_add (builder, port);
      result = g_strv_builder_end (builder);
      g_settings_set_strv (self->settings, "extra-serial-ports", (const char *const *) result);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->port_entry), "");
}

static void
ks_preferences_dispose (GObject *object)
{
  KsPreferences *self = KS_PREFERENCES (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_PREFERENCES);

  G_OBJECT_CLASS (ks_preferences_parent_class)->dispose (object);
}

static void
ks_preferences_class_init (KsPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ks-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, folder_button);
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, folder_label);
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, folder_reset);
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, ports_list);
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, port_entry);
  gtk_widget_class_bind_template_child (widget_class, KsPreferences, port_add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_reset);
  gtk_widget_class_bind_template_callback (widget_class, on_port_add);
  gtk_widget_class_bind_template_callback (widget_class, on_port_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ks_preferences_init (KsPreferences *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No extra ports."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->ports_list, placeholder);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::backup-folder",
                            G_CALLBACK (update_folder), self);
  g_signal_connect_swapped (self->settings, "changed::extra-serial-ports",
                            G_CALLBACK (update_ports), self);
  update_folder (self);
  update_ports (self);
}

KsPreferences *
ks_preferences_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* Like every GtkWindow, owned by GTK until gtk_window_destroy(). */
  return g_object_new (KS_TYPE_PREFERENCES,
                       "transient-for", parent,
                       NULL);
}

/* Shows the one Preferences window, creating it on first use: two would
 * only fight over the same keys. */
KsPreferences *
ks_preferences_present (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  KsPreferences *self = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  for (guint i = 0; self == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (KS_IS_PREFERENCES (window))
        self = KS_PREFERENCES (window);
    }

  if (self == NULL)
    self = ks_preferences_new (parent);
  else if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

GtkButton *
ks_preferences_get_folder_button (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return self->folder_button;
}

GtkButton *
ks_preferences_get_folder_reset (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return self->folder_reset;
}

/* What the folder button shows: the chosen folder, or "Default (path)". */
const char *
ks_preferences_get_folder_text (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return gtk_label_get_text (self->folder_label);
}

GtkEditable *
ks_preferences_get_port_entry (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return GTK_EDITABLE (self->port_entry);
}

GtkButton *
ks_preferences_get_port_add_button (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return self->port_add_button;
}

GtkListBox *
ks_preferences_get_ports_list (KsPreferences *self)
{
  g_return_val_if_fail (KS_IS_PREFERENCES (self), NULL);

  return self->ports_list;
}
