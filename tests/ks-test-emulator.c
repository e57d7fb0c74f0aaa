/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-test-emulator.c — ks_lk_emulator_serve() in a thread on a pty */

#include "config.h"

#include <unistd.h>

#include "ks-test-emulator.h"

struct _KsTestEmulator
{
  KsEmulatedCart *cart;
  KsLkEmulator   *emulator;
  int             master;
  char           *path;
  GThread        *thread;
  gboolean        stopped;
};

static gpointer
serve (gpointer data)
{
  KsTestEmulator *self = data;
  KsLkEmulatorEnd end;

  do
    end = ks_lk_emulator_serve (self->emulator, self->master);
  while (end == KS_LK_EMULATOR_HOST_CLOSED);

  /* a device that went away takes its tty with it */
  if (end == KS_LK_EMULATOR_GONE)
    {
      close (self->master);
      self->master = -1;
    }

  return NULL;
}

KsTestEmulator *
ks_test_emulator_start (KsEmulatedCart     *cart,
                        KsLkProfile         profile,
                        const char * const *faults)
{
  return ks_test_emulator_start_limited (cart, profile, faults, KS_LK_DEVICE_BUFFER);
}

KsTestEmulator *
ks_test_emulator_start_limited (KsEmulatedCart     *cart,
                                KsLkProfile         profile,
                                const char * const *faults,
                                guint               read_limit)
{
  KsTestEmulator *self = g_new0 (KsTestEmulator, 1);
  g_autoptr(GError) error = NULL;

  self->cart = cart;
  self->emulator = ks_lk_emulator_new (cart);
  ks_lk_emulator_set_profile (self->emulator, profile);
  ks_lk_emulator_set_read_limit (self->emulator, read_limit);
  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      KsLkFault fault;

      /* not a fault: the wire's and the chips' times, as --timing */
      if (g_str_equal (faults[i], KS_TEST_EMULATOR_REAL_TIME))
        {
          ks_lk_emulator_set_real_time (self->emulator, TRUE);
          continue;
        }

      g_assert_true (ks_lk_fault_parse (faults[i], &fault, &error));
      g_assert_no_error (error);
      ks_lk_emulator_add_fault (self->emulator, &fault);
    }

  self->master = ks_lk_emulator_open_pty (&self->path, &error);
  g_assert_no_error (error);
  /* a pty's name comes back for another emulator: nothing learnt about the
   * last one under it holds for this one */
  ks_reader_memory_forget (self->path);
  self->thread = g_thread_new ("lk-emulator", serve, self);

  return self;
}

const char *
ks_test_emulator_get_path (KsTestEmulator *self)
{
  return self->path;
}

KsEmulatedCart *
ks_test_emulator_get_cart (KsTestEmulator *self)
{
  return self->cart;
}

void
ks_test_emulator_stop (KsTestEmulator    *self,
                       KsLkEmulatorStats *stats)
{
  if (!self->stopped)
    {
      ks_lk_emulator_stop (self->emulator);
      g_thread_join (self->thread);
      self->stopped = TRUE;
    }
  if (stats != NULL)
    ks_lk_emulator_get_stats (self->emulator, stats);
}

void
ks_test_emulator_get_stats (KsTestEmulator    *self,
                            KsLkEmulatorStats *stats)
{
  ks_lk_emulator_get_stats (self->emulator, stats);
}

void
ks_test_emulator_free (KsTestEmulator *self)
{
  if (self == NULL)
    return;

  ks_test_emulator_stop (self, NULL);
  if (self->master >= 0)
    close (self->master);
  ks_lk_emulator_free (self->emulator);
  ks_emulated_cart_free (self->cart);
  g_free (self->path);
  g_free (self);
}

KsLkReader *
ks_test_emulator_open_reader (KsTestEmulator *self)
{
  g_autoptr(GError) error = NULL;
  KsLkReader *reader = ks_lk_reader_open (self->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  ks_lk_reader_set_timeouts (reader, 200, 25);

  return reader;
}
