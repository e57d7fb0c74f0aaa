/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-port-monitor.c — a timer on the main context, the listing on a worker,
 * and the difference reported back as signals */

#include "config.h"

#include "ks-port-monitor.h"
#include "ks-reader-memory.h"
#include "ks-serial-ports.h"

struct _KsPortMonitor
{
  GObject         parent_instance;

  KsPortLister    lister;
  gpointer        lister_data;
  GDestroyNotify  lister_destroy;
  guint           interval_ms;
  GStrv           extra_ports;

  GMainContext   *context;
  GSource        *timer;
  GCancellable   *scan;          /* the scan in flight, or NULL */
  GHashTable     *ports;         /* path → path: seen at the last scan */
};

G_DEFINE_FINAL_TYPE (KsPortMonitor, ks_port_monitor, G_TYPE_OBJECT)

enum {
  PORT_ADDED,
  PORT_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GPtrArray *
list_serial_ports (gpointer   user_data,
                   GError   **error)
{
  return ks_serial_ports_list (error);
}

static void
ks_port_monitor_dispose (GObject *object)
{
  KsPortMonitor *self = KS_PORT_MONITOR (object);

  ks_port_monitor_stop (self);

  G_OBJECT_CLASS (ks_port_monitor_parent_class)->dispose (object);
}

static void
ks_port_monitor_finalize (GObject *object)
{
  KsPortMonitor *self = KS_PORT_MONITOR (object);

  if (self->lister_destroy != NULL)
    self->lister_destroy (self->lister_data);
  g_clear_pointer (&self->extra_ports, g_strfreev);
  g_clear_pointer (&self->ports, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (ks_port_monitor_parent_class)->finalize (object);
}

static void
ks_port_monitor_class_init (KsPortMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ks_port_monitor_dispose;
  object_class->finalize = ks_port_monitor_finalize;

  /* a port that looks like a reader, or was named, appeared */
  signals[PORT_ADDED] =
    g_signal_new ("port-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PORT_REMOVED] =
    g_signal_new ("port-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ks_port_monitor_init (KsPortMonitor *self)
{
  self->lister = list_serial_ports;
  self->interval_ms = KS_PORT_MONITOR_INTERVAL_MS;
  self->ports = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_ref_thread_default ();
}

KsPortMonitor *
ks_port_monitor_new (void)
{
  return g_object_new (KS_TYPE_PORT_MONITOR, NULL);
}

void
ks_port_monitor_set_lister (KsPortMonitor  *self,
                            KsPortLister    lister,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (KS_IS_PORT_MONITOR (self));
  g_return_if_fail (lister != NULL);
  g_return_if_fail (self->scan == NULL);

  if (self->lister_destroy != NULL)
    self->lister_destroy (self->lister_data);
  self->lister = lister;
  self->lister_data = user_data;
  self->lister_destroy = destroy;
}

void
ks_port_monitor_set_interval (KsPortMonitor *self,
                              guint          interval_ms)
{
  g_return_if_fail (KS_IS_PORT_MONITOR (self));
  g_return_if_fail (interval_ms > 0);

  self->interval_ms = interval_ms;
}

void
ks_port_monitor_set_extra_ports (KsPortMonitor      *self,
                                 const char * const *paths)
{
  g_return_if_fail (KS_IS_PORT_MONITOR (self));

  g_clear_pointer (&self->extra_ports, g_strfreev);
  self->extra_ports = g_strdupv ((char **) paths);
}

typedef struct
{
  KsPortLister  lister;
  gpointer      lister_data;
  GStrv         extra_ports;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_strfreev (data->extra_ports);
  g_free (data);
}

/* On the worker: the sorted paths that count now. */
static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  infos = data->lister (data->lister_data, &error);
  /* a failed listing sees no ports: readers unplugged show as gone */
  if (infos == NULL)
    g_debug ("ks-port-monitor: %s", error != NULL ? error->message : "no list");

  for (guint i = 0; infos != NULL && i < infos->len; i++)
    {
      const KsSerialPortInfo *info = g_ptr_array_index (infos, i);

      if (info->reader != KS_READER_KIND_NONE)
        g_ptr_array_add (paths, g_strdup (info->path));
    }

  for (guint i = 0; data->extra_ports != NULL && data->extra_ports[i] != NULL; i++)
    {
      const char *path = data->extra_ports[i];

      if (g_file_test (path, G_FILE_TEST_EXISTS) &&
          !g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
        g_ptr_array_add (paths, g_strdup (path));
    }

  g_task_return_pointer (task, paths, (GDestroyNotify) g_ptr_array_unref);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* On the main context: report the difference. */
static void
scan_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  KsPortMonitor *self = KS_PORT_MONITOR (source);
  g_autoptr(GCancellable) scan = user_data;
  g_autoptr(GPtrArray) paths = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (scan != self->scan || g_cancellable_is_cancelled (scan) || paths == NULL)
    return;
  g_clear_object (&self->scan);

  g_hash_table_iter_init (&iter, self->ports);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_ptr_array_find_with_equal_func (paths, key, g_str_equal, NULL))
      g_ptr_array_add (gone, g_strdup (key));
  g_ptr_array_sort (gone, compare_strings);
  g_ptr_array_sort (paths, compare_strings);

  for (guint i = 0; i < gone->len; i++)
    {
      const char *path = g_ptr_array_index (gone, i);

      g_hash_table_remove (self->ports, path);
      /* another reader may come back under the same name */
      ks_reader_memory_forget (path);
      g_signal_emit (self, signals[PORT_REMOVED], 0, path);
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_hash_table_contains (self->ports, path))
        continue;
      g_hash_table_add (self->ports, g_strdup (path));
      g_signal_emit (self, signals[PORT_ADDED], 0, path);
    }
}

static void
scan (KsPortMonitor *self)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  /* one scan at a time: a slow bus delays the next, never piles up */
  if (self->scan != NULL)
    return;

  data = g_new0 (ScanData, 1);
  data->lister = self->lister;
  data->lister_data = self->lister_data;
  data->extra_ports = g_strdupv (self->extra_ports);

  self->scan = g_cancellable_new ();
  task = g_task_new (self, self->scan, scan_done, g_object_ref (self->scan));
  g_task_set_source_tag (task, scan);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

static gboolean
on_timer (gpointer user_data)
{
  scan (KS_PORT_MONITOR (user_data));
  return G_SOURCE_CONTINUE;
}

void
ks_port_monitor_start (KsPortMonitor *self)
{
  g_return_if_fail (KS_IS_PORT_MONITOR (self));

  if (self->timer != NULL)
    return;

  scan (self);
  self->timer = g_timeout_source_new (self->interval_ms);
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_static_name (self->timer, "[keepsake] port monitor");
  g_source_attach (self->timer, self->context);
}

void
ks_port_monitor_stop (KsPortMonitor *self)
{
  g_return_if_fail (KS_IS_PORT_MONITOR (self));

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  if (self->scan != NULL)
    {
      g_cancellable_cancel (self->scan);
      g_clear_object (&self->scan);
    }
}

GStrv
ks_port_monitor_dup_ports (KsPortMonitor *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (KS_IS_PORT_MONITOR (self), NULL);

  g_hash_table_iter_init (&iter, self->ports);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (paths, g_strdup (key));
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}
