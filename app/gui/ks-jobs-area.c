/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-jobs-area.c — job rows in a scrolled list of bounded height */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-job-row.h"
#include "ks-jobs-area.h"

/* The list's most height: about three job rows.  More scroll. */
#define MAX_LIST_HEIGHT 200

struct _KsJobsArea
{
  GtkWidget      parent_instance;

  GtkLabel      *summary;
  GtkButton     *clear;
  GtkListBox    *list;
  guint64        next_sequence;
  KsJob         *newest;
};

G_DEFINE_FINAL_TYPE (KsJobsArea, ks_jobs_area, GTK_TYPE_WIDGET)

/* Running and queued jobs first, then ended ones; newest first in each */
static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  gboolean a_running = ks_job_row_is_running (KS_JOB_ROW (a));
  gboolean b_running = ks_job_row_is_running (KS_JOB_ROW (b));
  guint64 sa = ks_job_row_get_sequence (KS_JOB_ROW (a));
  guint64 sb = ks_job_row_get_sequence (KS_JOB_ROW (b));

  if (a_running != b_running)
    return a_running ? -1 : 1;
  return sa > sb ? -1 : sa < sb ? 1 : 0;
}

static void
count (KsJobsArea *self,
       guint      *running,
       guint      *ended)
{
  *running = *ended = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (KS_IS_JOB_ROW (row))
      {
        if (ks_job_row_is_running (KS_JOB_ROW (row)))
          (*running)++;
        else
          (*ended)++;
      }
}

static void
update_summary (KsJobsArea *self)
{
  guint running, ended;
  g_autofree char *text = NULL;

  count (self, &running, &ended);
  if (running > 0 && ended > 0)
    {
      g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u running",
                                                         "%u running", running), running);
      g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finished",
                                                         "%u finished", ended), ended);

      /* Translators: “2 running · 5 finished” */
      text = g_strdup_printf (_("%s · %s"), a, b);
    }
  else if (running > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u running", "%u running", running),
                            running);
  else if (ended > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finished", "%u finished", ended),
                            ended);

  gtk_label_set_text (self->summary, text != NULL ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear), ended > 0);
}

static void
remove_row (KsJobsArea *self,
            GtkWidget  *row)
{
  if (KS_IS_JOB_ROW (row) && ks_job_row_get_job (KS_JOB_ROW (row)) == self->newest)
    g_clear_object (&self->newest);
  gtk_list_box_remove (self->list, row);
}

/* Past KS_JOBS_AREA_MAX_ENDED, the oldest ended rows go */
static void
trim_ended (KsJobsArea *self)
{
  guint running, ended;

  count (self, &running, &ended);
  while (ended > KS_JOBS_AREA_MAX_ENDED)
    {
      GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->list));

      while (last != NULL && !(KS_IS_JOB_ROW (last) && !ks_job_row_is_running (KS_JOB_ROW (last))))
        last = gtk_widget_get_prev_sibling (last);
      if (last == NULL)
        break;
      remove_row (self, last);
      ended--;
    }
}

static void
on_job_finished (KsJob      *job,
                 KsJobsArea *self)
{
  gtk_list_box_invalidate_sort (self->list);
  trim_ended (self);
  update_summary (self);
}

static void
on_row_dismissed (KsJobRow   *row,
                  KsJobsArea *self)
{
  remove_row (self, GTK_WIDGET (row));
  update_summary (self);
}

void
ks_jobs_area_clear_finished (KsJobsArea *self)
{
  GtkWidget *row;

  g_return_if_fail (KS_IS_JOBS_AREA (self));

  row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  while (row != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (row);

      if (KS_IS_JOB_ROW (row) && !ks_job_row_is_running (KS_JOB_ROW (row)))
        remove_row (self, row);
      row = next;
    }
  update_summary (self);
}

void
ks_jobs_area_add (KsJobsArea *self,
                  KsJob      *job)
{
  GtkWidget *row;

  g_return_if_fail (KS_IS_JOBS_AREA (self));
  g_return_if_fail (KS_IS_JOB (job));

  row = ks_job_row_new (job);
  ks_job_row_set_sequence (KS_JOB_ROW (row), self->next_sequence++);
  g_signal_connect_object (row, "dismissed", G_CALLBACK (on_row_dismissed), self, 0);
  g_signal_connect_object (job, "finished", G_CALLBACK (on_job_finished), self, G_CONNECT_AFTER);
  gtk_list_box_append (self->list, row);
  g_set_object (&self->newest, job);
  update_summary (self);
}

KsJob *
ks_jobs_area_get_newest_job (KsJobsArea *self)
{
  g_return_val_if_fail (KS_IS_JOBS_AREA (self), NULL);

  return self->newest;
}

guint
ks_jobs_area_get_n_running (KsJobsArea *self)
{
  guint running, ended;

  g_return_val_if_fail (KS_IS_JOBS_AREA (self), 0);

  count (self, &running, &ended);
  return running;
}

guint
ks_jobs_area_get_n_ended (KsJobsArea *self)
{
  guint running, ended;

  g_return_val_if_fail (KS_IS_JOBS_AREA (self), 0);

  count (self, &running, &ended);
  return ended;
}

GtkWidget *
ks_jobs_area_get_row (KsJobsArea *self,
                      KsJob      *job)
{
  g_return_val_if_fail (KS_IS_JOBS_AREA (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (KS_IS_JOB_ROW (row) && ks_job_row_get_job (KS_JOB_ROW (row)) == job)
      return row;

  return NULL;
}

const char *
ks_jobs_area_get_summary (KsJobsArea *self)
{
  g_return_val_if_fail (KS_IS_JOBS_AREA (self), NULL);

  return gtk_label_get_text (self->summary);
}

static void
ks_jobs_area_dispose (GObject *object)
{
  KsJobsArea *self = KS_JOBS_AREA (object);
  GtkWidget *child;

  g_clear_object (&self->newest);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ks_jobs_area_parent_class)->dispose (object);
}

static void
ks_jobs_area_class_init (KsJobsAreaClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ks_jobs_area_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jobsarea");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ks_jobs_area_init (KsJobsArea *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading = gtk_label_new (_("Jobs"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *placeholder;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Jobs"), -1);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  self->clear = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_lear Finished")));
  gtk_widget_add_css_class (GTK_WIDGET (self->clear), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clear), _("Remove every finished job from the list"));
  g_signal_connect_swapped (self->clear, "clicked", G_CALLBACK (ks_jobs_area_clear_finished), self);
  gtk_box_append (GTK_BOX (header), heading);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->clear));
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Jobs"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  placeholder = gtk_label_new (_("No jobs running. Backups, restores and copies show their "
                                 "progress here."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);

  /* as tall as its rows, up to MAX_LIST_HEIGHT; then it scrolls */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  update_summary (self);
}
