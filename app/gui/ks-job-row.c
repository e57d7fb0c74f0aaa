/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-row.c — a job as a row: title, progress bar, phase, speed, time
 * left and Cancel while it runs; then what was done, or what went wrong */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-job-row.h"

struct _KsJobRow
{
  GtkListBoxRow   parent_instance;

  KsJob          *job;
  guint64         sequence;    /* the order rows were added in */
  GtkStack       *state;       /* a spinner while it runs, then an icon */
  GtkImage       *state_icon;
  GtkLabel       *title;
  GtkLabel       *summary;
  GtkProgressBar *progress;
  GtkLabel       *status;
  GtkButton      *cancel;
  GtkButton      *dismiss;
  gulong          progress_handler;
  gulong          finished_handler;
};

G_DEFINE_FINAL_TYPE (KsJobRow, ks_job_row, GTK_TYPE_LIST_BOX_ROW)

static char *
format_time_left (gint64 seconds)
{
  if (seconds < 0)
    return NULL;
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second left", "%d seconds left",
                                         (gulong) seconds), (int) seconds);
  return g_strdup_printf (_("%d:%02d left"), (int) (seconds / 60), (int) (seconds % 60));
}

static void
on_progress (KsJobRow *self)
{
  g_autofree char *phase = ks_job_dup_phase (self->job);
  g_autofree char *left = format_time_left (ks_job_get_time_left (self->job));
  g_autofree char *speed = NULL;
  GString *text = g_string_new (phase != NULL ? phase : "");

  gtk_progress_bar_set_fraction (self->progress, CLAMP (ks_job_get_fraction (self->job), 0.0, 1.0));

  if (ks_job_get_speed (self->job) > 0)
    {
      g_autofree char *rate = g_format_size_full ((guint64) ks_job_get_speed (self->job),
                                                  G_FORMAT_SIZE_IEC_UNITS);

      speed = g_strdup_printf (_("%s/s"), rate);
      g_string_append_printf (text, " · %s", speed);
    }
  if (left != NULL)
    g_string_append_printf (text, " · %s", left);

  gtk_label_set_text (self->status, text->str);
  g_string_free (text, TRUE);
}

/* How an ended job looks: a done job, a failed one and a cancelled one
 * each have their own icon and colour, and none keeps a progress bar that
 * could pass for a finished write */
static void
show_state (KsJobRow   *self,
            KsJobState  state)
{
  const char *icon;
  const char *name;
  const char *css;

  switch (state)
    {
    case KS_JOB_STATE_DONE:
      icon = "emblem-ok-symbolic";
      name = _("Done");
      css = "success";
      break;
    case KS_JOB_STATE_FAILED:
      icon = "dialog-error-symbolic";
      name = _("Failed");
      css = "error";
      break;
    case KS_JOB_STATE_CANCELLED:
      icon = "process-stop-symbolic";
      name = _("Cancelled");
      css = "warning";
      break;
    case KS_JOB_STATE_QUEUED:
    case KS_JOB_STATE_RUNNING:
    default:
      gtk_stack_set_visible_child_name (self->state, "running");
      return;
    }

  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), css);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), css);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_icon), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_stack_set_visible_child_name (self->state, "ended");
}

static void
on_finished (KsJobRow *self)
{
  g_autofree char *message = ks_job_describe_result (self->job);
  KsJobState state = ks_job_get_state (self->job);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_label_set_text (self->status, message);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss), TRUE);
  show_state (self, state);

  /* the jobs area sorts ended jobs after running ones */
  gtk_list_box_row_changed (GTK_LIST_BOX_ROW (self));
}

static void
on_cancel_clicked (KsJobRow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel), FALSE);
  gtk_label_set_text (self->status, _("Cancelling: finishing the sector in progress…"));
  ks_job_cancel (self->job);
}

enum {
  DISMISSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The jobs area takes the row away */
static void
on_dismiss_clicked (KsJobRow *self)
{
  g_signal_emit (self, signals[DISMISSED], 0);
}

static void
ks_job_row_dispose (GObject *object)
{
  KsJobRow *self = KS_JOB_ROW (object);

  if (self->job != NULL)
    {
      g_clear_signal_handler (&self->progress_handler, self->job);
      g_clear_signal_handler (&self->finished_handler, self->job);
    }
  g_clear_object (&self->job);

  G_OBJECT_CLASS (ks_job_row_parent_class)->dispose (object);
}

static void
ks_job_row_class_init (KsJobRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ks_job_row_dispose;

  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ks_job_row_init (KsJobRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->state = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->state, gtk_spinner_new (), "running");
  gtk_spinner_start (GTK_SPINNER (gtk_stack_get_child_by_name (self->state, "running")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_stack_get_child_by_name (self->state, "running")),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Running"), -1);
  self->state_icon = GTK_IMAGE (gtk_image_new ());
  gtk_stack_add_named (self->state, GTK_WIDGET (self->state_icon), "ended");
  gtk_widget_set_valign (GTK_WIDGET (self->state), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->state), 2);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  /* a wrapped label needs a width of its own to measure consistently */
  gtk_label_set_width_chars (self->summary, 20);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->summary), FALSE);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);

  self->status = GTK_LABEL (gtk_label_new (_("Waiting for the device…")));
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_width_chars (self->status, 20);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");

  self->cancel = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_valign (GTK_WIDGET (self->cancel), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);

  self->dismiss = GTK_BUTTON (gtk_button_new_from_icon_name ("window-close-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dismiss), _("Remove from the list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dismiss), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove from the list"), -1);
  gtk_widget_set_valign (GTK_WIDGET (self->dismiss), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->dismiss), "flat");
  gtk_widget_set_visible (GTK_WIDGET (self->dismiss), FALSE);
  g_signal_connect_swapped (self->dismiss, "clicked", G_CALLBACK (on_dismiss_clicked), self);

  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (self->status));
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->state));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cancel));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->dismiss));
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

GtkWidget *
ks_job_row_new (KsJob *job)
{
  KsJobRow *self;

  g_return_val_if_fail (KS_IS_JOB (job), NULL);

  self = g_object_new (KS_TYPE_JOB_ROW, NULL);
  self->job = g_object_ref (job);
  gtk_label_set_text (self->title, ks_job_get_title (job));
  if (ks_job_get_summary (job) != NULL)
    {
      gtk_label_set_text (self->summary, ks_job_get_summary (job));
      gtk_widget_set_visible (GTK_WIDGET (self->summary), TRUE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ks_job_get_title (job), -1);
  self->progress_handler = g_signal_connect_swapped (job, "notify::fraction",
                                                     G_CALLBACK (on_progress), self);
  self->finished_handler = g_signal_connect_swapped (job, "finished",
                                                     G_CALLBACK (on_finished), self);

  if (ks_job_get_state (job) >= KS_JOB_STATE_DONE)
    on_finished (self);

  return GTK_WIDGET (self);
}

KsJob *
ks_job_row_get_job (KsJobRow *self)
{
  g_return_val_if_fail (KS_IS_JOB_ROW (self), NULL);

  return self->job;
}

gboolean
ks_job_row_is_running (KsJobRow *self)
{
  g_return_val_if_fail (KS_IS_JOB_ROW (self), FALSE);

  return ks_job_get_state (self->job) < KS_JOB_STATE_DONE;
}

void
ks_job_row_set_sequence (KsJobRow *self,
                         guint64   sequence)
{
  g_return_if_fail (KS_IS_JOB_ROW (self));

  self->sequence = sequence;
}

guint64
ks_job_row_get_sequence (KsJobRow *self)
{
  g_return_val_if_fail (KS_IS_JOB_ROW (self), 0);

  return self->sequence;
}

/* The progress bar while the job runs; hidden once it has ended */
gboolean
ks_job_row_shows_progress (KsJobRow *self)
{
  g_return_val_if_fail (KS_IS_JOB_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->progress));
}

const char *
ks_job_row_get_status (KsJobRow *self)
{
  g_return_val_if_fail (KS_IS_JOB_ROW (self), NULL);

  return gtk_label_get_text (self->status);
}
