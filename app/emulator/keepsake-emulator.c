/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* keepsake-emulator — an emulated GBxCart RW (LK firmware) on a
 * pseudo-terminal, with a cart made of Keepsake's chip models
 *
 * Prints the pty's path on the first line of stdout; a host (keepsake-cli,
 * the app, FlashGBX) opens that path as it would /dev/ttyUSB0.  Serves
 * until SIGINT or SIGTERM (or, with --once, until the first host closes
 * the port; or until a fault takes the device away), then writes the
 * chips' contents back to the image files they came from, through the
 * same write path as every Keepsake write (temporary file, rename, NAME.bak).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <keepsake.h>

/* mGBA's RTC footer after a GBA save, and the MBC3 clock footers after a
 * GB save (cart-reader-protocol.md §6): kept as they are */
static const gsize gb_ram_sizes[] = { 512, 2048, 8192, 32768, 65536, 131072 };
static const gsize gb_footers[] = { 0, 44, 48 };

typedef struct
{
  char    *path;
  GBytes  *loaded;
  gsize    chip_size;   /* the bytes that are the chip; the rest is kept */
} Image;

typedef struct
{
  KsLkEmulator    *emulator;
  int              master;
  gboolean         once;
  KsLkEmulatorEnd  end;
  GMainLoop       *loop;
} Server;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->path, g_free);
  g_clear_pointer (&image->loaded, g_bytes_unref);
}

static gboolean
image_load (Image       *image,
            const char  *path,
            GError     **error)
{
  image->path = g_strdup (path);
  image->loaded = ks_image_file_load (path, error);
  return image->loaded != NULL;
}

static GBytes *
image_chip (Image *image)
{
  return g_bytes_new_from_bytes (image->loaded, 0, image->chip_size);
}

/* save-chips.md §3.4: a GBA image whose tail is mGBA's clock footer with a
 * valid date gives the cart a running S-3511 set to it */
static void
clock_from_footer (KsEmulatedCart *cart,
                   Image          *image)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (image->loaded, &size);
  KsGbaRtc rtc;

  if (size != image->chip_size + KS_GBA_RTC_FOOTER_SIZE ||
      !ks_gba_rtc_footer_parse (bytes + image->chip_size, KS_GBA_RTC_FOOTER_SIZE, &rtc, NULL) ||
      !ks_gba_rtc_is_valid (&rtc))
    return;

  ks_emulated_cart_set_gba_rtc (cart, ks_s3511_model_new (ks_emulated_cart_get_clock (cart),
                                                          rtc.bcd, rtc.status, TRUE));
}

/* Writes the chip back with the kept tail, if anything changed. */
static gboolean
image_save (Image   *image,
            GBytes  *chip,
            GError **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) content = NULL;
  gsize size;
  const guint8 *loaded = g_bytes_get_data (image->loaded, &size);
  KsWriteReport report = { 0 };

  g_byte_array_append (out, g_bytes_get_data (chip, NULL), g_bytes_get_size (chip));
  g_byte_array_append (out, loaded + image->chip_size, size - image->chip_size);
  content = g_byte_array_free_to_bytes (g_steal_pointer (&out));

  if (g_bytes_equal (content, image->loaded))
    return TRUE;

  if (!ks_image_file_replace (image->path, content, &report, error))
    {
      ks_write_report_clear (&report);
      return FALSE;
    }

  g_printerr (_("keepsake-emulator: wrote the chip back to %s (previous content in %s)\n"),
              image->path, report.backup_path);
  ks_write_report_clear (&report);
  return TRUE;
}

static gboolean
parse_chip (const char        *name,
            KsAgbFlashChipId  *chip,
            GError           **error)
{
  if (g_str_equal (name, "macronix"))
    *chip = KS_AGB_FLASH_MACRONIX_MX29L010;
  else if (g_str_equal (name, "sanyo"))
    *chip = KS_AGB_FLASH_SANYO_LE26FV10N1TS;
  else if (g_str_equal (name, "sst64k"))
    *chip = KS_AGB_FLASH_SST_39VF512;
  else if (g_str_equal (name, "atmel"))
    *chip = KS_AGB_FLASH_ATMEL_AT29LV512;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--chip takes macronix (C2 09), sanyo (62 13), sst64k (BF D4) or atmel "
                     "(1F 3D), not “%s”."), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_mbc (const char  *name,
           KsGbMbc     *mbc,
           GError     **error)
{
  if (g_str_equal (name, "1"))
    *mbc = KS_GB_MBC_MBC1;
  else if (g_str_equal (name, "2"))
    *mbc = KS_GB_MBC_MBC2;
  else if (g_str_equal (name, "3"))
    *mbc = KS_GB_MBC_MBC3;
  else if (g_str_equal (name, "5"))
    *mbc = KS_GB_MBC_MBC5;
  else if (g_str_equal (name, "none"))
    *mbc = KS_GB_MBC_NONE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--mbc takes 1, 2, 3, 5 or none, not “%s”."), name);
      return FALSE;
    }

  return TRUE;
}

/* A .sav of a known RAM size, maybe followed by a clock footer */
static gboolean
size_gb_image (Image    *image,
               KsGbMbc   mbc,
               GError  **error)
{
  gsize size = g_bytes_get_size (image->loaded);

  for (guint f = 0; f < G_N_ELEMENTS (gb_footers); f++)
    for (guint r = 0; r < G_N_ELEMENTS (gb_ram_sizes); r++)
      if (size == gb_ram_sizes[r] + gb_footers[f] &&
          (gb_ram_sizes[r] == 512) == (mbc == KS_GB_MBC_MBC2))
        {
          image->chip_size = gb_ram_sizes[r];
          return TRUE;
        }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               mbc == KS_GB_MBC_MBC2
               ? _("%s is %zu bytes; an MBC2 save is 512 bytes.")
               : _("%s is %zu bytes; a Game Boy save is 2, 8, 32, 64 or 128 KiB "
                   "(plus an optional 44- or 48-byte clock footer)."),
               image->path, size);
  return FALSE;
}

static gpointer
serve_thread (gpointer data)
{
  Server *server = data;

  do
    server->end = ks_lk_emulator_serve (server->emulator, server->master);
  while (server->end == KS_LK_EMULATOR_HOST_CLOSED && !server->once);

  g_main_loop_quit (server->loop);
  return NULL;
}

static gboolean
on_signal (gpointer data)
{
  Server *server = data;

  ks_lk_emulator_stop (server->emulator);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *gba_flash = NULL, *gba_sram = NULL, *gb_sram = NULL, *mmc = NULL;
  g_autofree char *gba_eeprom = NULL;
  g_autofree char *chip_name = NULL, *mbc_name = NULL, *decode_name = NULL;
  g_auto(GStrv) fault_specs = NULL;
  gboolean timing = FALSE, l1 = FALSE, once = FALSE, print_stats = FALSE, version = FALSE;
  gint read_limit = 0;
  const GOptionEntry entries[] = {
    { "gba-flash", 0, 0, G_OPTION_ARG_FILENAME, &gba_flash,
      N_("A GBA cart with a flash save loaded from FILE"), N_("FILE") },
    { "chip", 0, 0, G_OPTION_ARG_STRING, &chip_name,
      N_("The flash chip: macronix (default), sanyo, sst64k or atmel"), N_("CHIP") },
    { "gba-sram", 0, 0, G_OPTION_ARG_FILENAME, &gba_sram,
      N_("A GBA cart with a 32 or 64 KiB SRAM save loaded from FILE"), N_("FILE") },
    { "gba-eeprom", 0, 0, G_OPTION_ARG_FILENAME, &gba_eeprom,
      N_("A GBA cart with a 512-byte or 8 KiB EEPROM save loaded from FILE (a clock footer "
         "after it is kept)"), N_("FILE") },
    { "gb-sram", 0, 0, G_OPTION_ARG_FILENAME, &gb_sram,
      N_("A Game Boy cart with save RAM loaded from FILE (on top of the card with --mmc)"),
      N_("FILE") },
    { "mbc", 0, 0, G_OPTION_ARG_STRING, &mbc_name,
      N_("The Game Boy cart's controller: 1, 2, 3, 5 or none"), N_("N") },
    { "mmc", 0, 0, G_OPTION_ARG_FILENAME, &mmc,
      N_("A Mega Memory Card whose 512 KiB flash is loaded from FILE"), N_("FILE") },
    { "mmc-decode", 0, 0, G_OPTION_ARG_STRING, &decode_name,
      N_("How the card reads register values without bit 7: oscr (default) or strict"),
      N_("MODE") },
    { "timing", 0, 0, G_OPTION_ARG_NONE, &timing,
      N_("Take real time: every byte at the baud rate (1,000,000, or 1,500,000 after the "
         "host's switch), 1 ms a USB round trip, the chips' busy times"), NULL },
    { "read-limit", 0, 0, G_OPTION_ARG_INT, &read_limit,
      N_("Send at most BYTES in answer to a read command (64 to 4096; default 4096, the "
         "reader's buffer)"), N_("BYTES") },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &print_stats,
      N_("At exit, print what crossed the wire: commands, round trips, bytes and the "
         "modelled time"), NULL },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fault_specs,
      N_("Inject a fault once: drop-ack, junk, short-read, error, lose-byte, delay, silent, "
         "disconnect, power-loss, baud or slow, at the Nth event (repeatable)"), N_("KIND[:N]") },
    { "l1", 0, 0, G_OPTION_ARG_NONE, &l1,
      N_("Be a GBxCart RW v1.3 on firmware L1 instead of a v1.4a on R42+L14"), NULL },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once,
      N_("Stop when the first host closes the port"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KsEmulatedCart) cart = NULL;
  g_autoptr(KsLkEmulator) emulator = NULL;
  g_autofree char *slave = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Image main_image = { 0 }, top_image = { 0 };
  KsAgbFlashChipId chip = KS_AGB_FLASH_MACRONIX_MX29L010;
  KsMmcRegisterDecode decode = KS_MMC_DECODE_OSCR_COMPATIBLE;
  KsGbMbc mbc = KS_GB_MBC_UNKNOWN;
  Server server = { 0 };
  GThread *thread;
  int status = 0;
  guint n_carts;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serve an emulated GBxCart RW cart reader on a pseudo-terminal."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (version)
    {
      g_print ("keepsake-emulator %s\n", PACKAGE_VERSION);
      return 0;
    }

  n_carts = (gba_flash != NULL) + (gba_sram != NULL) + (gba_eeprom != NULL) + (mmc != NULL) +
            (gb_sram != NULL && mmc == NULL);
  if (n_carts != 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("Name one cart: --gba-flash FILE, --gba-sram FILE, --gba-eeprom FILE, "
                     "--gb-sram FILE --mbc N, or --mmc FILE (with --gb-sram FILE --mbc N for a "
                     "cart on top)."));
      goto fail;
    }
  if ((chip_name != NULL && !parse_chip (chip_name, &chip, &error)) ||
      (mbc_name != NULL && !parse_mbc (mbc_name, &mbc, &error)))
    goto fail;
  if (gb_sram != NULL && mbc_name == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--gb-sram needs --mbc to say which controller the cart has."));
      goto fail;
    }
  if (decode_name != NULL)
    {
      if (g_str_equal (decode_name, "strict"))
        decode = KS_MMC_DECODE_CLONE_STRICT;
      else if (!g_str_equal (decode_name, "oscr"))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--mmc-decode takes oscr or strict."));
          goto fail;
        }
    }

  if (gba_flash != NULL)
    {
      gsize chip_size = ks_agb_flash_chip_get (chip)->size;
      g_autoptr(GBytes) contents = NULL;

      if (!image_load (&main_image, gba_flash, &error))
        goto fail;
      if (g_bytes_get_size (main_image.loaded) < chip_size)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is %zu bytes, smaller than the %zu"
                         "-byte flash chip."), gba_flash, g_bytes_get_size (main_image.loaded),
                       chip_size);
          goto fail;
        }
      main_image.chip_size = chip_size;
      contents = image_chip (&main_image);
      cart = ks_emulated_cart_new_gba_flash (chip, contents, NULL);
    }
  else if (gba_sram != NULL)
    {
      g_autoptr(GBytes) contents = NULL;
      gsize size;

      if (!image_load (&main_image, gba_sram, &error))
        goto fail;
      size = g_bytes_get_size (main_image.loaded);
      if (size != 32 * 1024 && size != 64 * 1024)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is %zu bytes; a GBA SRAM save is 32 or 64 KiB."),
                       gba_sram, size);
          goto fail;
        }
      main_image.chip_size = size;
      contents = image_chip (&main_image);
      cart = ks_emulated_cart_new_gba_sram (contents, NULL);
    }
  else if (gba_eeprom != NULL)
    {
      g_autoptr(GBytes) contents = NULL;
      gsize size;

      if (!image_load (&main_image, gba_eeprom, &error))
        goto fail;
      /* save-chips.md §1.2: the file's size is the chip's; §3.4: a 16-byte
       * clock footer may follow */
      size = g_bytes_get_size (main_image.loaded);
      if (size >= KS_AGB_EEPROM_LARGE_SIZE)
        size = KS_AGB_EEPROM_LARGE_SIZE;
      else if (size >= KS_AGB_EEPROM_SMALL_SIZE && size < KS_AGB_EEPROM_SMALL_SIZE + 64)
        size = KS_AGB_EEPROM_SMALL_SIZE;
      else
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is %zu bytes; a GBA EEPROM save is 512 or 8192 bytes."),
                       gba_eeprom, g_bytes_get_size (main_image.loaded));
          goto fail;
        }
      main_image.chip_size = size;
      contents = image_chip (&main_image);
      cart = ks_emulated_cart_new_gba_eeprom (size, contents, NULL);
    }
  else
    {
      KsEmulatedCart *top = NULL;

      if (gb_sram != NULL)
        {
          Image *gb = mmc != NULL ? &top_image : &main_image;
          g_autoptr(GBytes) ram = NULL;

          if (!image_load (gb, gb_sram, &error) || !size_gb_image (gb, mbc, &error))
            goto fail;
          ram = image_chip (gb);
          top = ks_emulated_cart_new_gb (mbc, ram, NULL);
        }

      if (mmc != NULL)
        {
          g_autoptr(GBytes) flash = NULL;

          if (!image_load (&main_image, mmc, &error))
            {
              ks_emulated_cart_free (top);
              goto fail;
            }
          if (g_bytes_get_size (main_image.loaded) != KS_SST28SF040_SIZE)
            {
              g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("%s is %zu bytes; a Mega Memory Card image is "
                             "524,288 bytes."), mmc, g_bytes_get_size (main_image.loaded));
              ks_emulated_cart_free (top);
              goto fail;
            }
          main_image.chip_size = KS_SST28SF040_SIZE;
          flash = image_chip (&main_image);
          cart = ks_emulated_cart_new_mmc (flash, top, decode);
        }
      else
        cart = top;
    }

  if (read_limit != 0 && (read_limit < 64 || read_limit > 4096))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--read-limit takes a number of bytes from 64 to 4096, not %d."), read_limit);
      goto fail;
    }

  if (ks_emulated_cart_is_gba (cart))
    clock_from_footer (cart, &main_image);
  emulator = ks_lk_emulator_new (cart);
  ks_lk_emulator_set_profile (emulator, l1 ? KS_LK_PROFILE_L1 : KS_LK_PROFILE_L14);
  ks_lk_emulator_set_real_time (emulator, timing);
  if (read_limit != 0)
    ks_lk_emulator_set_read_limit (emulator, (guint) read_limit);
  for (guint i = 0; fault_specs != NULL && fault_specs[i] != NULL; i++)
    {
      KsLkFault fault;

      if (!ks_lk_fault_parse (fault_specs[i], &fault, &error))
        goto fail;
      ks_lk_emulator_add_fault (emulator, &fault);
    }

  server.master = ks_lk_emulator_open_pty (&slave, &error);
  if (server.master < 0)
    goto fail;

  /* the first line of stdout is the port; tests and scripts read it */
  printf ("%s\n", slave);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  server.emulator = emulator;
  server.once = once;
  server.loop = loop;
  g_unix_signal_add (SIGINT, on_signal, &server);
  g_unix_signal_add (SIGTERM, on_signal, &server);
  thread = g_thread_new ("lk-emulator", serve_thread, &server);
  g_main_loop_run (loop);
  g_thread_join (thread);
  close (server.master);

  if (server.end == KS_LK_EMULATOR_GONE)
    g_printerr (_("keepsake-emulator: the reader went away (an injected fault).\n"));

  if (print_stats)
    {
      KsLkEmulatorStats stats;

      /* one line of fixed keys, for scripts and the benchmarks */
      ks_lk_emulator_get_stats (emulator, &stats);
      g_printerr ("keepsake-emulator: stats commands=%" G_GUINT64_FORMAT
                  " round_trips=%" G_GUINT64_FORMAT " bytes_in=%" G_GUINT64_FORMAT
                  " bytes_out=%" G_GUINT64_FORMAT " link_usec=%" G_GUINT64_FORMAT
                  " device_usec=%" G_GUINT64_FORMAT " power_ons=%u baud_switches=%u"
                  " garbled_bytes=%" G_GUINT64_FORMAT " baud=%u\n",
                  stats.commands, stats.round_trips, stats.bytes_in, stats.bytes_out,
                  stats.link_usec, stats.device_usec, stats.power_ons, stats.baud_switches,
                  stats.garbled_bytes, ks_lk_emulator_get_baud (emulator));
    }

  {
    g_autoptr(GBytes) save = ks_emulated_cart_dup_save (cart);

    if (!image_save (&main_image, save, &error))
      goto fail;
    if (ks_emulated_cart_get_top (cart) != NULL)
      {
        g_autoptr(GBytes) top_save = ks_emulated_cart_dup_save (ks_emulated_cart_get_top (cart));

        if (!image_save (&top_image, top_save, &error))
          goto fail;
      }
  }

  goto out;

fail:
  g_printerr ("keepsake-emulator: %s\n", error->message);
  status = 2;

out:
  g_clear_pointer (&emulator, ks_lk_emulator_free);
  image_clear (&main_image);
  image_clear (&top_image);
  return status;
}
