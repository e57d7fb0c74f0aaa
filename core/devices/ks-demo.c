/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-demo.c — the demo's images, and its three readers on pseudo-terminals
 *
 * Every image is built through the formats' own APIs and written through
 * ks_image_file_create(); the Mega Memory Card and the Saturn backup RAM
 * get their saves through KsContainer inserts and the verify gate
 * (ks_container_build_verified()), exactly as a user's edit would.  The
 * readers are ks_lk_emulator_serve() on a thread each, as keepsake-emulator
 * runs it, and stopping them writes the chips back the way it does.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ks-cart-rom.h"
#include "ks-container.h"
#include "ks-demo.h"
#include "ks-emulated-cart.h"
#include "ks-gen3-new.h"
#include "ks-image-file.h"
#include "ks-lk-emulator.h"
#include "ks-mmc.h"
#include "ks-rtc-footer.h"
#include "ks-saturn-bram.h"
#include "ks-saturn-bup.h"
#include "ks-saturn-date.h"

/* A Game Boy cart's RAM with MBC5: 4 banks of 8 KiB (gb-sav spec) */
#define DEMO_GB_RAM_SIZE   (32 * 1024)
/* Pokémon carts carry the 128 KiB Macronix MX29L010 (C2 09) */
#define DEMO_GBA_FLASH_CHIP KS_AGB_FLASH_MACRONIX_MX29L010
/* The header's title and game code: what a reader sees of an Emerald cart */
#define DEMO_GBA_TITLE     "POKEMON EMER"
#define DEMO_GBA_CODE      "BPEE"
#define DEMO_GB_TITLE      "KEEPSAKE DEMO"
/* A GBA cart with the larger EEPROM (save-chips.md §1.1) */
#define DEMO_EEPROM_SIZE   KS_AGB_EEPROM_LARGE_SIZE
#define DEMO_EEPROM_TITLE  "KEEPSAKE EEP"
#define DEMO_EEPROM_CODE   "KSEE"
/* How deep the folder an earlier demo made is emptied */
#define DEMO_REMOVE_DEPTH  3

typedef struct
{
  KsEmulatedCart *cart;
  KsLkEmulator   *emulator;
  int             master;
  char           *port;
  GThread        *thread;
  /* the image files the chips came from, and what was written there */
  char           *path;
  GBytes         *written;
  char           *top_path;
  GBytes         *top_written;
} DemoReader;

struct _KsDemo
{
  char       *dir;
  char       *gen3_path;
  char       *mmc_path;
  char       *gb_path;
  char       *eeprom_path;
  char       *saturn_path;
  char       *bup_folder;
  DemoReader  gba;
  DemoReader  mmc;
  DemoReader  eeprom;
  gboolean    stopped;
};

typedef struct
{
  const char *name;      /* MMC save name, or Saturn file name */
  gsize       size;
  guint8      seed;
} DemoSave;

/* Three Game Boy saves for the Mega Memory Card, 8 or 32 KiB as carts have */
static const DemoSave mmc_saves[KS_DEMO_MMC_SAVES] = {
  { "KEEPSAKE RPG", 8 * 1024, 0x11 },
  { "KEEPSAKE RACER", 32 * 1024, 0x5A },
  { "KEEPSAKE PUZZLE", 8 * 1024, 0xC3 },
};

/* Saturn saves: the name in the directory entry, its payload size, a seed */
static const DemoSave saturn_saves[] = {
  { "KSDEMO_RACE", 1200, 0x21 },
  { "KSDEMO_RPG1", 300, 0x42 },
  { "KSDEMO_CFG", 90, 0x63 },
};

static const DemoSave bup_saves[] = {
  { "KSDEMO_SHMP", 520, 0x84 },
  { "KSDEMO_PUZL", 64, 0xA5 },
};

/* Bytes that look like a save and compress like one: a patterned start and
 * the rest zero, as a game leaves most of its RAM. */
static GBytes *
patterned_bytes (gsize  size,
                 guint8 seed)
{
  guint8 *data = g_malloc0 (size);
  gsize used = MIN (size, (gsize) 512 + seed);

  for (gsize i = 0; i < used; i++)
    data[i] = (guint8) (seed + i * 7 + (i >> 5));

  return g_bytes_new_take (data, size);
}

static gboolean
write_new_file (const char  *path,
                GBytes      *content,
                GError     **error)
{
  KsWriteReport report = { 0 };
  gboolean ok = ks_image_file_create (path, content, &report, error);

  ks_write_report_clear (&report);
  return ok;
}

static gboolean
remove_tree (const char  *path,
             guint        depth,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        goto fail;
      return TRUE;
    }

  if (depth == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("%s holds folders deeper than the demo makes; remove it by hand."), path);
      return FALSE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!remove_tree (child, depth - 1, error))
        return FALSE;
    }
  if (g_rmdir (path) != 0)
    goto fail;

  return TRUE;

fail:
  {
    int saved_errno = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("Could not remove %s: %s."), path, g_strerror (saved_errno));
    return FALSE;
  }
}

/* An empty @dir, or one a demo made before (then emptied). */
static gboolean
prepare_dir (const char  *dir,
             GError     **error)
{
  g_autofree char *marker = g_build_filename (dir, KS_DEMO_MARKER_FILE, NULL);
  g_autoptr(GDir) listing = NULL;

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      if (!remove_tree (dir, DEMO_REMOVE_DEPTH, error))
        return FALSE;
    }
  else if ((listing = g_dir_open (dir, 0, NULL)) != NULL && g_dir_read_name (listing) != NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s is not empty and no demo made it; give the demo an empty folder."), dir);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s."), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents (marker, "", 0, error);
}

static GBytes *
build_gen3 (GError **error)
{
  KsGen3Trainer trainer = {
    .name = (char *) KS_DEMO_TRAINER_NAME,
    .gender = KS_GEN3_GENDER_FEMALE,
    .tid = KS_DEMO_TRAINER_TID,
    .sid = KS_DEMO_TRAINER_SID,
    .money = 12345,
    .coins = 50,
    .hours = 12,
    .minutes = 34,
    .seconds = 56,
    .badges = { TRUE, TRUE, TRUE },
  };

  return ks_gen3_build_new_save (KS_GEN3_GAME_EMERALD, &trainer, error);
}

static GBytes *
build_mmc (GError **error)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(KsContainer) card = NULL;

  card = ks_container_new_from_bytes (formatted, KS_DEMO_MMC_FILE, "mmc", error);
  if (card == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (mmc_saves); i++)
    {
      g_autoptr(GBytes) sram = patterned_bytes (mmc_saves[i].size, mmc_saves[i].seed);

      if (!ks_container_insert (card, sram, "save.sav", mmc_saves[i].name, error))
        return NULL;
    }

  return ks_container_build_verified (card, FALSE, NULL, error);
}

static GBytes *
build_bup (const DemoSave  *save,
           GError         **error)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (1997, 6, 1, 10, 30, 0);
  g_autoptr(GBytes) payload = patterned_bytes (save->size, save->seed);
  KsSaturnSaveMeta meta = { 0 };

  if (!ks_saturn_save_meta_set_name (&meta, save->name, error))
    return NULL;
  meta.language = 1;   /* English (saturn.md §1.3) */
  memcpy (meta.comment, "KEEPSAKE", strlen ("KEEPSAKE"));
  meta.date = ks_saturn_date_from_datetime (date);
  meta.size = (guint32) save->size;

  return ks_bup_build (&meta, g_bytes_get_data (payload, NULL), 0);
}

static GBytes *
build_saturn (GError **error)
{
  g_autoptr(GBytes) formatted = ks_saturn_bram_new_formatted (KS_SATURN_DEVICE_INTERNAL,
                                                              KS_SATURN_CONTAINER_LOGICAL);
  g_autoptr(KsContainer) bram = NULL;

  bram = ks_container_new_from_bytes (formatted, KS_DEMO_SATURN_FILE, "saturn-bram", error);
  if (bram == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (saturn_saves); i++)
    {
      g_autoptr(GBytes) bup = build_bup (&saturn_saves[i], error);
      g_autofree char *file_name = g_strconcat (saturn_saves[i].name, ".BUP", NULL);

      if (bup == NULL || !ks_container_insert (bram, bup, file_name, NULL, error))
        return NULL;
    }

  return ks_container_build_verified (bram, FALSE, NULL, error);
}

static gpointer
serve (gpointer data)
{
  DemoReader *reader = data;
  KsLkEmulatorEnd end;

  /* a reader stays plugged in while hosts come and go */
  do
    end = ks_lk_emulator_serve (reader->emulator, reader->master);
  while (end == KS_LK_EMULATOR_HOST_CLOSED);

  return NULL;
}

/* Takes @cart. */
static gboolean
reader_start (DemoReader      *reader,
              KsEmulatedCart  *cart,
              GError         **error)
{
  reader->cart = cart;
  reader->emulator = ks_lk_emulator_new (cart);
  reader->master = ks_lk_emulator_open_pty (&reader->port, error);
  if (reader->master < 0)
    return FALSE;

  reader->thread = g_thread_new ("ks-demo-reader", serve, reader);
  return TRUE;
}

/* Writes @chip over @path when it changed, through the one write path. */
static gboolean
save_back (const char  *path,
           GBytes      *written,
           GBytes      *chip,
           GError     **error)
{
  KsWriteReport report = { 0 };
  gboolean ok;

  if (path == NULL || chip == NULL || g_bytes_equal (chip, written))
    return TRUE;

  ok = ks_image_file_replace (path, chip, &report, error);
  ks_write_report_clear (&report);
  return ok;
}

static gboolean
reader_stop (DemoReader  *reader,
             GError     **error)
{
  g_autoptr(GBytes) chip = NULL;
  g_autoptr(GBytes) top_chip = NULL;

  if (reader->emulator == NULL)
    return TRUE;

  if (reader->thread != NULL)
    {
      ks_lk_emulator_stop (reader->emulator);
      g_clear_pointer (&reader->thread, g_thread_join);
    }
  if (reader->master >= 0)
    {
      close (reader->master);
      reader->master = -1;
    }

  chip = ks_emulated_cart_dup_save (reader->cart);
  if (ks_emulated_cart_get_top (reader->cart) != NULL)
    top_chip = ks_emulated_cart_dup_save (ks_emulated_cart_get_top (reader->cart));

  return save_back (reader->path, reader->written, chip, error) &&
         save_back (reader->top_path, reader->top_written, top_chip, error);
}

static void
reader_clear (DemoReader *reader)
{
  g_clear_pointer (&reader->emulator, ks_lk_emulator_free);
  g_clear_pointer (&reader->cart, ks_emulated_cart_free);
  g_clear_pointer (&reader->port, g_free);
  g_clear_pointer (&reader->path, g_free);
  g_clear_pointer (&reader->written, g_bytes_unref);
  g_clear_pointer (&reader->top_path, g_free);
  g_clear_pointer (&reader->top_written, g_bytes_unref);
}

static gboolean
write_bup_folder (const char  *folder,
                  GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create %s: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bup_saves); i++)
    {
      g_autoptr(GBytes) bup = build_bup (&bup_saves[i], error);
      g_autofree char *file_name = g_strconcat (bup_saves[i].name, ".BUP", NULL);
      g_autofree char *path = g_build_filename (folder, file_name, NULL);

      if (bup == NULL || !write_new_file (path, bup, error))
        return FALSE;
    }

  return TRUE;
}

/* save-chips.md §3: a running clock, set to the time the demo starts */
static KsS3511Model *
demo_clock (KsFlashClock *clock)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint8 bcd[7];
  guint values[7] = {
    (guint) g_date_time_get_year (now) % 100, (guint) g_date_time_get_month (now),
    (guint) g_date_time_get_day_of_month (now), (guint) g_date_time_get_day_of_week (now) % 7,
    (guint) g_date_time_get_hour (now), (guint) g_date_time_get_minute (now),
    (guint) g_date_time_get_second (now),
  };

  for (guint i = 0; i < 7; i++)
    bcd[i] = (guint8) ((values[i] / 10) << 4 | values[i] % 10);
  /* 24-hour mode: the hour's bit 7 from 12:00 on */
  if (values[4] >= 12)
    bcd[4] |= 0x80;

  return ks_s3511_model_new (clock, bcd, KS_S3511_STATUS_24H, TRUE);
}

KsDemo *
ks_demo_start (const char  *dir,
               GError     **error)
{
  g_autoptr(KsDemo) self = NULL;
  g_autoptr(GBytes) gen3 = NULL;
  g_autoptr(GBytes) mmc = NULL;
  g_autoptr(GBytes) gb = NULL;
  g_autoptr(GBytes) saturn = NULL;
  g_autoptr(GBytes) gba_rom = NULL;
  g_autoptr(GBytes) eeprom = NULL;
  g_autoptr(GBytes) eeprom_rom = NULL;
  KsEmulatedCart *eeprom_cart;
  KsEmulatedCart *top;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (KsDemo, 1);
  self->gba.master = self->mmc.master = self->eeprom.master = -1;
  self->dir = g_strdup (dir);
  self->gen3_path = g_build_filename (dir, KS_DEMO_GEN3_FILE, NULL);
  self->mmc_path = g_build_filename (dir, KS_DEMO_MMC_FILE, NULL);
  self->gb_path = g_build_filename (dir, KS_DEMO_GB_FILE, NULL);
  self->eeprom_path = g_build_filename (dir, KS_DEMO_EEPROM_FILE, NULL);
  self->saturn_path = g_build_filename (dir, KS_DEMO_SATURN_FILE, NULL);
  self->bup_folder = g_build_filename (dir, KS_DEMO_BUP_FOLDER, NULL);

  if (!prepare_dir (dir, error))
    return NULL;

  if ((gen3 = build_gen3 (error)) == NULL ||
      (mmc = build_mmc (error)) == NULL ||
      (saturn = build_saturn (error)) == NULL)
    return NULL;
  gb = patterned_bytes (DEMO_GB_RAM_SIZE, 0x37);
  eeprom = patterned_bytes (DEMO_EEPROM_SIZE, 0x5E);

  if (!write_new_file (self->gen3_path, gen3, error) ||
      !write_new_file (self->mmc_path, mmc, error) ||
      !write_new_file (self->gb_path, gb, error) ||
      !write_new_file (self->eeprom_path, eeprom, error) ||
      !write_new_file (self->saturn_path, saturn, error) ||
      !write_bup_folder (self->bup_folder, error))
    return NULL;

  self->gba.path = g_strdup (self->gen3_path);
  self->gba.written = g_bytes_ref (gen3);
  gba_rom = ks_cart_rom_new_gba (DEMO_GBA_TITLE, DEMO_GBA_CODE);
  if (!reader_start (&self->gba,
                     ks_emulated_cart_new_gba_flash (DEMO_GBA_FLASH_CHIP, gen3, gba_rom),
                     error))
    return NULL;

  self->mmc.path = g_strdup (self->mmc_path);
  self->mmc.written = g_bytes_ref (mmc);
  self->mmc.top_path = g_strdup (self->gb_path);
  self->mmc.top_written = g_bytes_ref (gb);
  top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, gb, NULL);
  if (!reader_start (&self->mmc,
                     ks_emulated_cart_new_mmc (mmc, top, KS_MMC_DECODE_OSCR_COMPATIBLE),
                     error))
    return NULL;

  self->eeprom.path = g_strdup (self->eeprom_path);
  self->eeprom.written = g_bytes_ref (eeprom);
  eeprom_rom = ks_cart_rom_new_gba (DEMO_EEPROM_TITLE, DEMO_EEPROM_CODE);
  eeprom_cart = ks_emulated_cart_new_gba_eeprom (DEMO_EEPROM_SIZE, eeprom, eeprom_rom);
  ks_emulated_cart_set_gba_rtc (eeprom_cart, demo_clock (ks_emulated_cart_get_clock (eeprom_cart)));
  if (!reader_start (&self->eeprom, eeprom_cart, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
ks_demo_stop (KsDemo  *self,
              GError **error)
{
  g_autoptr(GError) mmc_error = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->stopped)
    return TRUE;
  self->stopped = TRUE;

  /* stop them all, whatever the first one says */
  ok = reader_stop (&self->gba, error);
  if (!reader_stop (&self->mmc, ok ? error : &mmc_error))
    ok = FALSE;
  g_clear_error (&mmc_error);
  if (!reader_stop (&self->eeprom, ok ? error : &mmc_error))
    ok = FALSE;

  return ok;
}

void
ks_demo_free (KsDemo *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (!ks_demo_stop (self, &error))
    g_debug ("ks-demo: %s", error->message);

  reader_clear (&self->gba);
  reader_clear (&self->mmc);
  reader_clear (&self->eeprom);
  g_free (self->dir);
  g_free (self->gen3_path);
  g_free (self->mmc_path);
  g_free (self->gb_path);
  g_free (self->eeprom_path);
  g_free (self->saturn_path);
  g_free (self->bup_folder);
  g_free (self);
}

const char *
ks_demo_get_dir (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dir;
}

const char *
ks_demo_get_gba_port (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gba.port;
}

const char *
ks_demo_get_mmc_port (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->mmc.port;
}

const char *
ks_demo_get_eeprom_port (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->eeprom.port;
}

const char *
ks_demo_get_eeprom_path (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->eeprom_path;
}

const char *
ks_demo_get_gen3_path (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gen3_path;
}

const char *
ks_demo_get_mmc_path (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->mmc_path;
}

const char *
ks_demo_get_gb_path (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->gb_path;
}

const char *
ks_demo_get_saturn_path (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->saturn_path;
}

const char *
ks_demo_get_bup_folder (KsDemo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->bup_folder;
}
