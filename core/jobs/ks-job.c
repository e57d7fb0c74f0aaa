/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job.c — progress published under a lock, delivered coalesced
 *
 * The worker writes into `pending` under the lock and, when no delivery is
 * scheduled yet, attaches one timeout source of KS_JOB_PROGRESS_INTERVAL_MS
 * to the job's main context; the source copies `pending` to `shown` and
 * notifies.  However fast the worker reports, the main loop hears at most
 * one update per interval (Nautilus' nautilus-progress-info.c does the same).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ks-job.h"

typedef struct
{
  KsJobState  state;
  guint64     done;
  guint64     total;
  char       *phase;
  gint64      phase_start;   /* monotonic µs */
  guint64     phase_done;    /* bytes done when the phase began */
} Progress;

struct _KsJob
{
  GObject         parent_instance;

  KsJobKind       kind;
  char           *title;
  char           *summary;
  char           *device_key;
  KsJobFunc       func;
  gpointer        data;
  GDestroyNotify  data_free;
  GCancellable   *cancellable;
  GMainContext   *context;

  GMutex          lock;
  Progress        pending;    /* worker side, under lock */
  GSource        *delivery;   /* under lock */
  gboolean        ended;      /* under lock: the worker has returned */

  Progress        shown;      /* main context */
  guint           n_notifies;
  gboolean        finished;

  /* written by the worker before `ended`, read after "finished" */
  GError         *error;
  KsWriteResult   result;
  GBytes         *content;
  KsBackupEntry  *backup;
  GPtrArray      *findings;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_FRACTION,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_TYPE (KsJob, ks_job, G_TYPE_OBJECT)

static void
progress_clear (Progress *progress)
{
  g_clear_pointer (&progress->phase, g_free);
}

static void
progress_copy (Progress       *to,
               const Progress *from)
{
  g_free (to->phase);
  *to = *from;
  to->phase = g_strdup (from->phase);
}

static void
ks_job_finalize (GObject *object)
{
  KsJob *self = KS_JOB (object);

  if (self->delivery != NULL)
    {
      g_source_destroy (self->delivery);
      g_source_unref (self->delivery);
    }
  if (self->data_free != NULL)
    self->data_free (self->data);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->device_key);
  g_clear_object (&self->cancellable);
  g_main_context_unref (self->context);
  progress_clear (&self->pending);
  progress_clear (&self->shown);
  g_clear_error (&self->error);
  ks_write_result_clear (&self->result);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_clear_pointer (&self->backup, ks_backup_entry_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ks_job_parent_class)->finalize (object);
}

static void
ks_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  KsJob *self = KS_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->shown.state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, ks_job_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ks_job_class_init (KsJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ks_job_finalize;
  object_class->get_property = ks_job_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, KS_JOB_STATE_QUEUED, KS_JOB_STATE_CANCELLED,
                      KS_JOB_STATE_QUEUED, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ks_job_init (KsJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  ks_write_result_init (&self->result);
}

KsJob *
ks_job_new (KsJobKind       kind,
            const char     *title,
            const char     *device_key,
            KsJobFunc       func,
            gpointer        data,
            GDestroyNotify  data_free)
{
  KsJob *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (device_key != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (KS_TYPE_JOB, NULL);
  self->kind = kind;
  self->title = g_strdup (title);
  self->device_key = g_strdup (device_key);
  self->func = func;
  self->data = data;
  self->data_free = data_free;
  self->pending.phase = g_strdup (_("Waiting for the device"));
  self->shown.phase = g_strdup (self->pending.phase);
  return self;
}

KsJobKind
ks_job_get_kind (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), KS_JOB_KIND_BACKUP);
  return self->kind;
}

const char *
ks_job_get_title (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->title;
}

void
ks_job_set_title (KsJob      *self,
                  const char *title)
{
  g_return_if_fail (KS_IS_JOB (self));
  g_return_if_fail (title != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
ks_job_get_summary (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);

  return self->summary;
}

void
ks_job_set_summary (KsJob      *self,
                    const char *summary)
{
  g_return_if_fail (KS_IS_JOB (self));

  g_free (self->summary);
  self->summary = g_strdup (summary);
}

const char *
ks_job_get_device_key (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->device_key;
}

GCancellable *
ks_job_get_cancellable (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->cancellable;
}

void
ks_job_cancel (KsJob *self)
{
  g_return_if_fail (KS_IS_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

KsJobState
ks_job_get_state (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), KS_JOB_STATE_FAILED);
  return self->shown.state;
}

double
ks_job_get_fraction (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), 0.0);

  if (self->shown.state == KS_JOB_STATE_DONE)
    return 1.0;
  if (self->shown.total == 0)
    return 0.0;
  return MIN (1.0, (double) self->shown.done / (double) self->shown.total);
}

guint64
ks_job_get_bytes_done (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), 0);
  return self->shown.done;
}

guint64
ks_job_get_bytes_total (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), 0);
  return self->shown.total;
}

double
ks_job_get_speed (KsJob *self)
{
  gint64 elapsed;

  g_return_val_if_fail (KS_IS_JOB (self), 0.0);

  elapsed = g_get_monotonic_time () - self->shown.phase_start;
  if (self->shown.phase_start == 0 || elapsed <= 0 || self->shown.done < self->shown.phase_done)
    return 0.0;
  return (double) (self->shown.done - self->shown.phase_done) * G_USEC_PER_SEC / elapsed;
}

gint64
ks_job_get_time_left (KsJob *self)
{
  double speed;

  g_return_val_if_fail (KS_IS_JOB (self), -1);

  speed = ks_job_get_speed (self);
  if (speed <= 0.0 || self->shown.total < self->shown.done)
    return -1;
  return (gint64) ((self->shown.total - self->shown.done) / speed + 0.5);
}

char *
ks_job_dup_phase (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return g_strdup (self->shown.phase);
}

guint
ks_job_get_n_notifies (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), 0);
  return self->n_notifies;
}

const GError *
ks_job_get_error (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->finished ? self->error : NULL;
}

const KsWriteResult *
ks_job_get_result (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return &self->result;
}

GBytes *
ks_job_get_content (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->finished ? self->content : NULL;
}

const KsBackupEntry *
ks_job_get_backup (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->finished ? self->backup : NULL;
}

GPtrArray *
ks_job_get_findings (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return self->finished ? self->findings : NULL;
}

KsWriteResult *
ks_job_get_result_for_worker (KsJob *self)
{
  g_return_val_if_fail (KS_IS_JOB (self), NULL);
  return &self->result;
}

void
ks_job_take_content (KsJob  *self,
                     GBytes *content)
{
  g_return_if_fail (KS_IS_JOB (self));
  g_clear_pointer (&self->content, g_bytes_unref);
  self->content = content;
}

void
ks_job_take_findings (KsJob     *self,
                      GPtrArray *findings)
{
  g_return_if_fail (KS_IS_JOB (self));
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
}

void
ks_job_take_backup (KsJob         *self,
                    KsBackupEntry *entry)
{
  g_return_if_fail (KS_IS_JOB (self));
  g_clear_pointer (&self->backup, ks_backup_entry_free);
  self->backup = entry;
  if (entry != NULL)
    {
      g_free (self->result.backup_id);
      self->result.backup_id = g_strdup (entry->id);
    }
}

/* Main context: show what the worker published */
static gboolean
deliver (gpointer user_data)
{
  KsJob *self = user_data;
  gboolean ended;

  g_mutex_lock (&self->lock);
  progress_copy (&self->shown, &self->pending);
  g_clear_pointer (&self->delivery, g_source_unref);
  ended = self->ended;
  g_mutex_unlock (&self->lock);

  self->n_notifies++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  if (ended && !self->finished)
    {
      self->finished = TRUE;
      g_signal_emit (self, signals[FINISHED], 0);
    }

  return G_SOURCE_REMOVE;
}

/* Under the lock */
static void
schedule_delivery (KsJob *self,
                   guint  delay_ms)
{
  if (self->delivery != NULL)
    return;

  self->delivery = delay_ms > 0 ? g_timeout_source_new (delay_ms) : g_idle_source_new ();
  /* Above GTK's redraw (G_PRIORITY_HIGH_IDLE + 20): a window that redraws
   * frame after frame (an autoscroll, a slow renderer) must not keep a
   * job's end from being shown. */
  g_source_set_priority (self->delivery, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->delivery, deliver, g_object_ref (self), g_object_unref);
  g_source_set_name (self->delivery, "[keepsake] job progress");
  g_source_attach (self->delivery, self->context);
}

void
ks_job_set_progress (KsJob      *self,
                     guint64     done,
                     guint64     total,
                     const char *phase)
{
  g_return_if_fail (KS_IS_JOB (self));

  g_mutex_lock (&self->lock);
  if (phase != NULL && g_strcmp0 (phase, self->pending.phase) != 0)
    {
      g_free (self->pending.phase);
      self->pending.phase = g_strdup (phase);
      /* speed is measured per phase: a read and a write differ tenfold */
      self->pending.phase_start = g_get_monotonic_time ();
      self->pending.phase_done = done;
    }
  self->pending.done = done;
  self->pending.total = total;
  schedule_delivery (self, KS_JOB_PROGRESS_INTERVAL_MS);
  g_mutex_unlock (&self->lock);
}

void
ks_job_run (KsJob *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_if_fail (KS_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->pending.state = KS_JOB_STATE_RUNNING;
  self->pending.phase_start = g_get_monotonic_time ();
  schedule_delivery (self, KS_JOB_PROGRESS_INTERVAL_MS);
  g_mutex_unlock (&self->lock);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, &error))
    ok = FALSE;
  else
    ok = self->func (self, self->data, self->cancellable, &error);

  g_mutex_lock (&self->lock);
  self->error = g_steal_pointer (&error);
  if (ok)
    self->pending.state = KS_JOB_STATE_DONE;
  else if (g_error_matches (self->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->pending.state = KS_JOB_STATE_CANCELLED;
  else
    self->pending.state = KS_JOB_STATE_FAILED;
  self->ended = TRUE;
  /* the end is shown at once, not after the interval */
  if (self->delivery != NULL)
    {
      g_source_destroy (self->delivery);
      g_clear_pointer (&self->delivery, g_source_unref);
    }
  schedule_delivery (self, 0);
  g_mutex_unlock (&self->lock);
}

gboolean
ks_job_wait (KsJob   *self,
             GError **error)
{
  g_return_val_if_fail (KS_IS_JOB (self), FALSE);

  while (!self->finished)
    g_main_context_iteration (self->context, TRUE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}
