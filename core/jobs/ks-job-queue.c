/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-job-queue.c — a single-thread GThreadPool per device key */

#include "config.h"

#include "ks-job-queue.h"

struct _KsJobQueue
{
  GObject     parent_instance;
  GMutex      lock;
  GHashTable *workers;   /* device key → GThreadPool with one thread */
  GPtrArray  *active;    /* KsJob, under lock */
};

G_DEFINE_TYPE (KsJobQueue, ks_job_queue, G_TYPE_OBJECT)

static void
ks_job_queue_finalize (GObject *object)
{
  KsJobQueue *self = KS_JOB_QUEUE (object);

  ks_job_queue_shutdown (self);
  g_hash_table_unref (self->workers);
  g_ptr_array_unref (self->active);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (ks_job_queue_parent_class)->finalize (object);
}

static void
ks_job_queue_class_init (KsJobQueueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ks_job_queue_finalize;
}

static void
ks_job_queue_init (KsJobQueue *self)
{
  g_mutex_init (&self->lock);
  self->workers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->active = g_ptr_array_new_with_free_func (g_object_unref);
}

KsJobQueue *
ks_job_queue_new (void)
{
  return g_object_new (KS_TYPE_JOB_QUEUE, NULL);
}

typedef struct
{
  KsJobQueue *queue;
  KsJob      *job;
} Task;

static void
run_task (gpointer data,
          gpointer user_data)
{
  Task *task = data;

  ks_job_run (task->job);

  g_mutex_lock (&task->queue->lock);
  g_ptr_array_remove (task->queue->active, task->job);
  g_mutex_unlock (&task->queue->lock);

  g_object_unref (task->queue);
  g_free (task);
}

void
ks_job_queue_push (KsJobQueue *self,
                   KsJob      *job)
{
  const char *key;
  GThreadPool *worker;
  Task *task;

  g_return_if_fail (KS_IS_JOB_QUEUE (self));
  g_return_if_fail (KS_IS_JOB (job));

  key = ks_job_get_device_key (job);
  task = g_new0 (Task, 1);
  task->queue = g_object_ref (self);
  task->job = job;

  g_mutex_lock (&self->lock);
  worker = g_hash_table_lookup (self->workers, key);
  if (worker == NULL)
    {
      /* exclusive, one thread: the device's own worker, never shared */
      worker = g_thread_pool_new (run_task, NULL, 1, TRUE, NULL);
      g_hash_table_insert (self->workers, g_strdup (key), worker);
    }
  g_ptr_array_add (self->active, g_object_ref (job));
  g_thread_pool_push (worker, task, NULL);
  g_mutex_unlock (&self->lock);
}

guint
ks_job_queue_get_n_active (KsJobQueue *self)
{
  guint n;

  g_return_val_if_fail (KS_IS_JOB_QUEUE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->active->len;
  g_mutex_unlock (&self->lock);
  return n;
}

void
ks_job_queue_shutdown (KsJobQueue *self)
{
  g_autoptr(GList) pools = NULL;

  g_return_if_fail (KS_IS_JOB_QUEUE (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->active->len; i++)
    ks_job_cancel (g_ptr_array_index (self->active, i));
  pools = g_hash_table_get_values (self->workers);
  g_hash_table_remove_all (self->workers);
  g_mutex_unlock (&self->lock);

  /* queued jobs still run, and end at once as cancelled */
  for (GList *l = pools; l != NULL; l = l->next)
    g_thread_pool_free (l->data, FALSE, TRUE);
}
