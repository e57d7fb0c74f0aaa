/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-lk-emulator.c — any byte stream from a host: the emulated reader
 * must answer or ignore it, never crash, hang or write outside its chips.
 *
 * Byte 0 picks the cart (bits 0-2: GBA flash, GBA SRAM, GB MBC1..5, MMC
 * with a cart on top, empty slot), the most a read command sends (bits
 * 3-5: 64 bytes << n, at most the 4 KiB buffer; mostly small, so that a
 * stream of reads costs the emulator little, and the short replies a
 * reader with a small buffer gives are fuzzed too) and the firmware
 * profile (bit 7); the rest is what the host sends.  A CRC32 command runs
 * over at most four times the read limit (a longer one is refused, as
 * one past the ROM bus is), so that no command costs the emulator much
 * more than a read.  A thread drains the replies.  Afterwards every chip
 * still holds its own size, and a cart whose reader never enabled writing
 * (no erase or program accepted) still holds what it started with. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <keepsake.h>

#include "fuzz-malloc.h"

/* Long enough for every command; short enough that a stream of maximal
 * reads finishes in well under libFuzzer's time-out. */
#define MAX_STREAM 512

/* A CRC32 command may run over as much as this many maximal reads, and is
 * refused beyond: the firmware takes up to the 32 MiB ROM bus, which
 * through the chip models is seconds of work for six bytes of input */
#define CRC32_READS 4

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gpointer
drain (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  guint8 buffer[4096];

  while (read (fd, buffer, sizeof buffer) > 0)
    ;

  return NULL;
}

/* A GB cart's ROM, made once per controller and RAM size, as the chips'
 * content below */
static GBytes *
gb_rom (KsGbMbc mbc,
        gsize   ram_size)
{
  static GHashTable *made;
  gpointer key = GSIZE_TO_POINTER ((gsize) mbc << 24 | ram_size);
  GBytes *rom;

  if (made == NULL)
    made = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                  (GDestroyNotify) g_bytes_unref);
  rom = g_hash_table_lookup (made, key);
  if (rom == NULL)
    {
      rom = ks_cart_rom_new_gb ("KEEPSAKE", mbc, ram_size);
      g_hash_table_insert (made, key, rom);
    }
  return rom;
}

/* The chips' starting content, made once per size: filling half a
 * megabyte for every input would be most of the time an input takes */
static GBytes *
pattern (gsize size)
{
  static GHashTable *made;
  GBytes *image;

  if (made == NULL)
    made = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                  (GDestroyNotify) g_bytes_unref);
  image = g_hash_table_lookup (made, GSIZE_TO_POINTER (size));
  if (image == NULL)
    {
      guint8 *bytes = g_malloc (MAX (size, 1));

      for (gsize i = 0; i < size; i++)
        bytes[i] = (guint8) (i * 7 + (i >> 8));
      image = g_bytes_new_take (bytes, size);
      g_hash_table_insert (made, GSIZE_TO_POINTER (size), image);
    }
  return g_bytes_ref (image);
}

static KsEmulatedCart *
new_cart (guint8   choice,
          GBytes **initial)
{
  g_autoptr(GBytes) image = NULL;
  gsize size;

  switch ((choice & 0x07) % 6)
    {
    case 0:
      size = 128 * 1024;
      break;
    case 1:
      size = 32 * 1024;
      break;
    case 2:
      size = 32 * 1024;
      break;
    case 3:
      size = 512;
      break;
    case 4:
      size = KS_SST28SF040_SIZE;
      break;
    default:
      size = 0;
      break;
    }

  image = pattern (size);
  *initial = g_bytes_ref (image);

  switch ((choice & 0x07) % 6)
    {
    case 0:
      return ks_emulated_cart_new_gba_flash ((choice & 0x40) ? KS_AGB_FLASH_SANYO_LE26FV10N1TS
                                                             : KS_AGB_FLASH_MACRONIX_MX29L010,
                                             image, NULL);
    case 1:
      return ks_emulated_cart_new_gba_sram (image, NULL);
    case 2:
      {
        KsGbMbc mbc = (choice & 0x40) ? KS_GB_MBC_MBC5 : KS_GB_MBC_MBC1;

        return ks_emulated_cart_new_gb (mbc, image, gb_rom (mbc, size));
      }
    case 3:
      return ks_emulated_cart_new_gb (KS_GB_MBC_MBC2, image, gb_rom (KS_GB_MBC_MBC2, size));
    case 4:
      {
        g_autoptr(GBytes) top_ram = NULL;
        KsEmulatedCart *top;

        top_ram = g_bytes_new_take (g_malloc0 (8192), 8192);
        top = ks_emulated_cart_new_gb (KS_GB_MBC_MBC3, top_ram, gb_rom (KS_GB_MBC_MBC3, 8192));
        return ks_emulated_cart_new_mmc (image, top, (choice & 0x40) ? KS_MMC_DECODE_CLONE_STRICT
                                                                     : KS_MMC_DECODE_OSCR_COMPATIBLE);
      }
    default:
      return ks_emulated_cart_new_empty ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) initial = NULL;
  g_autoptr(GBytes) after = NULL;
  KsEmulatedCart *cart;
  KsLkEmulator *emulator;
  GThread *thread;
  KsLkEmulatorEnd end;
  int sv[2];
  gsize stream;
  guint read_limit;

  if (size < 2)
    return 0;
  stream = MIN (size - 1, (gsize) MAX_STREAM);

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    abort ();

  cart = new_cart (data[0], &initial);
  emulator = ks_lk_emulator_new (cart);
  ks_lk_emulator_set_profile (emulator, (data[0] & 0x80) ? KS_LK_PROFILE_L1 : KS_LK_PROFILE_L14);
  read_limit = MIN (64u << ((data[0] >> 3) & 0x07), 4096u);
  ks_lk_emulator_set_read_limit (emulator, read_limit);
  ks_lk_emulator_set_crc32_limit (emulator, read_limit * CRC32_READS);

  thread = g_thread_new ("drain", drain, GINT_TO_POINTER (sv[1]));
  if (write (sv[1], data + 1, stream) != (ssize_t) stream)
    abort ();
  shutdown (sv[1], SHUT_WR);

  end = ks_lk_emulator_serve (emulator, sv[0]);
  if (end != KS_LK_EMULATOR_HOST_CLOSED)
    abort ();

  close (sv[0]);
  g_thread_join (thread);
  close (sv[1]);

  after = ks_emulated_cart_dup_save (cart);
  if (g_bytes_get_size (after) != g_bytes_get_size (initial))
    abort ();
  /* the chips changed only through erases/programs, or through plain
   * SRAM writes, which only SRAM and GB carts take */
  if (ks_emulated_cart_flash_operations (cart) == 0 &&
      ks_emulated_cart_get_kind (cart) != KS_EMULATED_CART_GBA_SRAM &&
      ks_emulated_cart_get_kind (cart) != KS_EMULATED_CART_GB &&
      !g_bytes_equal (after, initial))
    abort ();

  ks_lk_emulator_free (emulator);
  ks_emulated_cart_free (cart);
  return 0;
}
