/* ks-window.c — the main window and its window-scoped actions */

#include "config.h"

#include <glib/gi18n.h>
#include <keepsake.h>

#include "ks-window.h"

struct _KsWindow
{
  GtkApplicationWindow  parent_instance;

  KsDeviceTree         *device_tree;
  KsDetailsPane        *details_pane;
  GtkRevealer          *message_revealer;
  GtkLabel             *message_label;
  GtkListBox           *jobs_list;
};

G_DEFINE_FINAL_TYPE (KsWindow, ks_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_message (KsWindow   *self,
              const char *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
on_message_close (KsWindow *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

static void
on_selection_changed (KsWindow     *self,
                      GParamSpec   *pspec,
                      KsDeviceTree *tree)
{
  ks_details_pane_show (self->details_pane,
                        ks_device_tree_get_selected_device (tree),
                        ks_device_tree_get_selected_save (tree));
}

/* Opens @file as a device row and selects it; an unreadable file is
 * explained in the message bar and nothing is added. */
gboolean
ks_window_open_file (KsWindow *self,
                     GFile    *file)
{
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_message (self, _("Only local files can be opened."));
      return FALSE;
    }

  if (ks_device_tree_select_path (self->device_tree, path))
    return TRUE;

  device = ks_device_new_for_file (path, &error);
  if (device == NULL)
    {
      show_message (self, error->message);
      return FALSE;
    }

  ks_device_tree_add_device (self->device_tree, device);
  return TRUE;
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  KsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          ks_window_open_file (self, file);
        }
    }

  g_object_unref (dialog);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KsWindow *self = KS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Save or Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  gtk_file_filter_set_name (images, _("Saves and images"));
  for (const char *const *p = (const char *const[]) { "*.sav", "*.srm", "*.fla", "*.bin", "*.bkr",
                                                       "*.bcr", "*.bup", "*.BUP", "*.ram",
                                                       "*.bram", NULL }; *p; p++)
    gtk_file_filter_add_pattern (images, *p);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
ks_window_class_init (KsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (KS_TYPE_DEVICE_TREE);
  g_type_ensure (KS_TYPE_DETAILS_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KsWindow, device_tree);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, KsWindow, jobs_list);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
}

static void
ks_window_init (KsWindow *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No jobs running. Backups, restores and copies show their "
                                 "progress here."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->jobs_list, placeholder);
}

KsWindow *
ks_window_new (KsApplication *application)
{
  /* show-menubar is a construct property: a template value would be reset */
  return g_object_new (KS_TYPE_WINDOW,
                       "application", application,
                       "show-menubar", TRUE,
                       NULL);
}

KsDeviceTree *
ks_window_get_device_tree (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->device_tree;
}

KsDetailsPane *
ks_window_get_details_pane (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  return self->details_pane;
}

/* The message bar's text while it is shown, else NULL. */
const char *
ks_window_get_message (KsWindow *self)
{
  g_return_val_if_fail (KS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
