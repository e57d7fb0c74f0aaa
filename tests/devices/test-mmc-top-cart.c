/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-mmc-top-cart.c — the Game Boy cart on top of the Mega Memory Card:
 * the card's bank test on the chip models, then detection, reading and the
 * reader device through the emulated GBxCart RW on a real pty
 * (mega-memory-card.md §1, §5, §6; cart-reader-protocol.md §3) */

#include "config.h"

#include <string.h>

#include "ks-test-emulator.h"
#include "ks-test-utils.h"

/* ---- the bank test on the chip models, no I/O ---------------------------------------- */

typedef struct
{
  KsFlashClock    clock;
  KsGbMbcModel   *top;
  KsMmcCartModel *card;
  KsMmcMapper     mapper;
} Models;

static void
models_init (Models  *m,
             KsGbMbc  mbc,
             GBytes  *ram)
{
  g_autoptr(GBytes) rom = ks_cart_rom_new_gb ("TOP CART", mbc, 32768);
  g_autoptr(GBytes) flash = ks_test_random_bytes (KS_SST28SF040_SIZE, 41);

  m->clock.now_usec = 0;
  m->top = ram != NULL ? ks_gb_mbc_model_new (mbc, rom, ram) : NULL;
  m->card = ks_mmc_cart_model_new (&m->clock, flash,
                                   m->top != NULL ? ks_gb_mbc_model_get_bus (m->top) : NULL,
                                   KS_MMC_DECODE_OSCR_COMPATIBLE);
  ks_mmc_mapper_init (&m->mapper, ks_mmc_cart_model_get_bus (m->card));
}

static void
models_clear (Models *m)
{
  ks_mmc_cart_model_free (m->card);
  g_clear_pointer (&m->top, ks_gb_mbc_model_free);
}

static guint
count_banks (Models *m)
{
  g_autoptr(GError) error = NULL;
  guint banks = 99;

  g_assert_true (ks_mmc_top_cart_count_banks (&m->mapper, &banks, &error));
  g_assert_no_error (error);
  return banks;
}

/* §6: 8, 32, 64 and 128 KiB on MBC5, as the card sizes them */
static void
test_bank_test_sizes_mbc5 (void)
{
  const gsize sizes[] = { 8192, 32768, 65536, 131072 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) ram = ks_test_random_bytes (sizes[i], 100 + i);
      g_autoptr(GBytes) after = NULL;
      Models m;

      models_init (&m, KS_GB_MBC_MBC5, ram);
      g_assert_cmpuint (count_banks (&m), ==, sizes[i] / 8192);

      /* the marker and every complemented byte went back */
      after = ks_gb_mbc_model_dup_ram (m.top);
      ks_test_assert_bytes_equal (after, ram);
      /* the RAM is disabled again and the card holds its bus */
      g_assert_false (ks_gb_mbc_model_ram_enabled (m.top));
      g_assert_cmpuint (ks_mmc_cart_model_get_register (m.card), ==, 0x80);
      models_clear (&m);
    }
}

/* §5: the card writes 0x01 to 0x6000 at power-on, so an MBC1 cart's four
 * RAM banks are reached (in MBC1's mode 0 all four would read as bank 0) */
static void
test_bank_test_mbc1_uses_ram_banking_mode (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 7);
  Models m;

  models_init (&m, KS_GB_MBC_MBC1, ram);
  g_assert_cmpuint (count_banks (&m), ==, 4);
  models_clear (&m);
}

/* §6: a 2 KiB RAM mirrors itself inside the bank; the card sees 8 KiB */
static void
test_bank_test_2k_ram_is_one_bank (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (2048, 8);
  g_autoptr(GBytes) after = NULL;
  Models m;

  models_init (&m, KS_GB_MBC_MBC1, ram);
  g_assert_cmpuint (count_banks (&m), ==, 1);
  after = ks_gb_mbc_model_dup_ram (m.top);
  ks_test_assert_bytes_equal (after, ram);
  models_clear (&m);
}

/* Nothing on top, and a cart without RAM: pass-through reads 0xFF, the
 * test byte never sticks, the count is 0 */
static void
test_bank_test_nothing_answers (void)
{
  g_autoptr(GBytes) none = g_bytes_new (NULL, 0);
  Models empty, no_ram;

  models_init (&empty, KS_GB_MBC_MBC5, NULL);
  g_assert_cmpuint (count_banks (&empty), ==, 0);
  g_assert_cmpuint (ks_mmc_cart_model_get_register (empty.card), ==, 0x80);
  models_clear (&empty);

  models_init (&no_ram, KS_GB_MBC_MBC5, none);
  g_assert_cmpuint (count_banks (&no_ram), ==, 0);
  models_clear (&no_ram);
}

/* §3, §5: the card's restore stops when the cart is full, and leaves the
 * RAM past a shorter save as it was */
static void
test_fit_save_follows_the_cards_restore (void)
{
  g_autoptr(GBytes) cart = ks_test_random_bytes (32768, 3);
  g_autoptr(GBytes) small = ks_test_random_bytes (8192, 4);
  g_autoptr(GBytes) big = ks_test_random_bytes (65536, 5);
  g_autoptr(GBytes) same = ks_test_random_bytes (32768, 6);
  g_autoptr(GBytes) a = ks_mmc_top_cart_fit_save (small, cart);
  g_autoptr(GBytes) b = ks_mmc_top_cart_fit_save (big, cart);
  g_autoptr(GBytes) c = ks_mmc_top_cart_fit_save (same, cart);
  g_autoptr(GBytes) a_head = g_bytes_new_from_bytes (a, 0, 8192);
  g_autoptr(GBytes) a_tail = g_bytes_new_from_bytes (a, 8192, 32768 - 8192);
  g_autoptr(GBytes) cart_tail = g_bytes_new_from_bytes (cart, 8192, 32768 - 8192);
  g_autoptr(GBytes) big_head = g_bytes_new_from_bytes (big, 0, 32768);

  g_assert_cmpuint (g_bytes_get_size (a), ==, 32768);
  ks_test_assert_bytes_equal (a_head, small);
  ks_test_assert_bytes_equal (a_tail, cart_tail);
  ks_test_assert_bytes_equal (b, big_head);
  ks_test_assert_bytes_equal (c, same);
}

/* ---- through the reader --------------------------------------------------------------- */

static KsTestEmulator *
mmc_with_top (GBytes  *card,
              KsGbMbc  mbc,
              GBytes  *ram)
{
  KsEmulatedCart *top = ram != NULL ? ks_emulated_cart_new_gb (mbc, ram, NULL) : NULL;

  return ks_test_emulator_start (ks_emulated_cart_new_mmc (card, top,
                                                           KS_MMC_DECODE_OSCR_COMPATIBLE),
                                 KS_LK_PROFILE_L14, NULL);
}

static void
top_override (KsCartOverride *override)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ks_cart_override_parse ("mmc-top", override, &error));
  g_assert_no_error (error);
}

static void
check_detected_size (gsize size)
{
  g_autoptr(GBytes) card = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x70);
  g_autoptr(GBytes) ram = ks_test_random_bytes (size, (guint32) size);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, KS_GB_MBC_MBC5, ram);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) top_after = NULL;
  g_autoptr(GBytes) card_after = NULL;
  g_autofree char *described = NULL;
  g_autofree char *name = NULL;
  KsEmulatedCart *cart = ks_test_emulator_get_cart (emu);
  KsCartOverride override;
  KsCartInfo info;

  top_override (&override);
  g_assert_true (ks_cart_detect (reader, &override, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, KS_CART_GB_ON_MMC);
  g_assert_cmpuint (info.save_size, ==, size);
  g_assert_true (info.sure);
  g_assert_null (info.title);
  g_assert_cmpint (info.mbc, ==, KS_GB_MBC_MBC5);
  g_assert_cmpstr (ks_cart_info_format_id (&info), ==, "gb-sav");
  described = ks_cart_info_describe (&info);
  name = ks_cart_info_suggest_name (&info);
  g_test_message ("%s", described);
  g_assert_true (g_str_has_prefix (described, "Game Boy cart on top of the Mega Memory Card, "));
  g_assert_nonnull (strstr (described, "\u00a0KiB of RAM"));
  g_assert_cmpstr (name, ==, "mmc-top-cart.sav");

  /* read twice, equal, and equal to the chip */
  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_VERIFY, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, ram);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  /* the bank test left bank 0's first 16 bytes (and everything else) as
   * they were, and never touched the card */
  top_after = ks_emulated_cart_dup_save (ks_emulated_cart_get_top (cart));
  ks_test_assert_bytes_equal (top_after, ram);
  card_after = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (card_after, card);
  g_assert_cmpuint (ks_emulated_cart_flash_operations (cart), ==, 0);
  g_assert_cmpuint (ks_mmc_cart_model_get_register (ks_emulated_cart_get_mmc (cart)), ==, 0x80);
  ks_cart_info_clear (&info);
}

static void
test_detect_8k (void)
{
  check_detected_size (8192);
}

static void
test_detect_32k (void)
{
  check_detected_size (32768);
}

static void
test_nothing_on_top_is_a_clear_error (void)
{
  g_autoptr(GBytes) card = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x71);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, KS_GB_MBC_MBC5, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) card_after = NULL;
  KsEmulatedCart *cart = ks_test_emulator_get_cart (emu);
  KsCartOverride override;
  KsCartInfo info = { 0 };

  top_override (&override);
  g_assert_false (ks_cart_detect (reader, &override, &info, &error));
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_CART);
  g_assert_cmpstr (error->message, ==,
                   "No Game Boy cart with save RAM answers on top of the Mega Memory Card.");
  ks_cart_info_clear (&info);
  g_clear_error (&error);

  /* asked without an override (as a reader device asks), it is no error */
  g_assert_true (ks_cart_detect_top (reader, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.kind, ==, KS_CART_NONE);
  g_assert_cmpstr (info.notes, ==,
                   "No Game Boy cart with save RAM answers on top of the Mega Memory Card.");
  ks_cart_info_clear (&info);

  ks_lk_reader_close (reader);
  ks_test_emulator_stop (emu, NULL);
  card_after = ks_emulated_cart_dup_save (cart);
  ks_test_assert_bytes_equal (card_after, card);
  g_assert_cmpuint (ks_emulated_cart_flash_operations (cart), ==, 0);
}

static void
test_no_card_is_a_clear_error (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (8192, 0x72);
  g_autoptr(KsTestEmulator) emu =
    ks_test_emulator_start (ks_emulated_cart_new_gb (KS_GB_MBC_MBC5, ram, NULL),
                            KS_LK_PROFILE_L14, NULL);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  KsCartOverride override;
  KsCartInfo info = { 0 };

  top_override (&override);
  g_assert_false (ks_cart_detect (reader, &override, &info, &error));
  g_assert_error (error, KS_LK_ERROR, KS_LK_ERROR_CART);
  g_assert_nonnull (strstr (error->message, "No Mega Memory Card answers"));
  ks_cart_info_clear (&info);
}

static void
test_override_spec (void)
{
  g_autoptr(GError) error = NULL;
  KsCartOverride override;
  const char *bad[] = { "mmc-top:4096", "mmc-top:12288", "mmc-top:262144", "mmc-top:x",
                        "mmc-top:8192:1" };

  g_assert_true (ks_cart_override_parse ("mmc-top", &override, &error));
  g_assert_cmpint (override.kind, ==, KS_CART_GB_ON_MMC);
  g_assert_cmpint (override.platform, ==, KS_CART_PLATFORM_GB);
  g_assert_cmpuint (override.save_size, ==, 0);

  g_assert_true (ks_cart_override_parse ("mmc-top:65536", &override, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (override.save_size, ==, 65536);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (ks_cart_override_parse (bad[i], &override, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

/* A size the user names wins over the bank test, and says so */
static void
test_override_size_wins (void)
{
  g_autoptr(GBytes) card = ks_test_random_bytes (KS_SST28SF040_SIZE, 0x73);
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x74);
  g_autoptr(KsTestEmulator) emu = mmc_with_top (card, KS_GB_MBC_MBC5, ram);
  g_autoptr(KsLkReader) reader = ks_test_emulator_open_reader (emu);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (ram, 0, 8192);
  KsCartOverride override;
  KsCartInfo info;

  g_assert_true (ks_cart_override_parse ("mmc-top:8192", &override, &error));
  g_assert_true (ks_cart_detect (reader, &override, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.save_size, ==, 8192);
  g_assert_nonnull (strstr (info.notes, "32768"));

  read = ks_reader_backup_read (reader, &info, KS_READER_BACKUP_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ks_test_assert_bytes_equal (read, head);
  ks_cart_info_clear (&info);
}

/* ---- the reader device ------------------------------------------------------------------ */

static void
wait_until_read (KsDevice *device)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ks_device_get_busy (device) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ks_device_get_busy (device));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_device_exposes_the_cart_on_top (void)
{
  g_autoptr(GBytes) ram = ks_test_random_bytes (32768, 0x76);
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(KsTestEmulator) emu = mmc_with_top (formatted, KS_GB_MBC_MBC5, ram);
  g_autoptr(KsDevice) device = NULL;
  g_autoptr(KsSaveItem) item = NULL;
  g_autofree char *subtitle = NULL;
  KsDevice *top;
  const KsCartOverride *override;
  guint top_notifies = 0;
  guint busy_notifies = 0;

  device = ks_device_new_for_port (ks_test_emulator_get_path (emu));
  g_signal_connect (device, "notify::top-cart", G_CALLBACK (count_notify), &top_notifies);
  g_assert_null (ks_device_get_top_cart (device));
  wait_until_read (device);

  g_assert_cmpstr (ks_device_get_title (device), ==, "Mega Memory Card");
  g_assert_null (ks_device_get_cart_override (device));
  g_assert_cmpuint (top_notifies, ==, 1);

  top = ks_device_get_top_cart (device);
  g_assert_nonnull (top);
  g_assert_cmpint (ks_device_get_kind (top), ==, KS_DEVICE_KIND_READER);
  g_assert_false (ks_device_get_busy (top));
  g_assert_cmpstr (ks_device_get_platform (top), ==, "gb");
  g_assert_cmpstr (ks_device_get_path (top), ==, ks_test_emulator_get_path (emu));
  g_assert_cmpstr (ks_device_get_title (top), ==, "Game Boy cart");
  subtitle = g_strdup_printf ("On the Mega Memory Card in %s", ks_device_get_reader_name (device));
  g_assert_cmpstr (ks_device_get_subtitle (top), ==, subtitle);
  g_assert_cmpstr (ks_container_get_format (ks_device_get_container (top))->id, ==, "gb-sav");
  ks_test_assert_bytes_equal (ks_device_get_bytes (top), ram);
  g_assert_false (ks_findings_has_errors (ks_device_get_findings (top)));

  g_assert_cmpuint (g_list_model_get_n_items (ks_device_get_saves (top)), ==, 1);
  item = g_list_model_get_item (ks_device_get_saves (top), 0);
  g_assert_true (ks_save_item_is_whole_image (item));
  g_assert_cmpuint (ks_save_item_get_size (item), ==, 32768);

  override = ks_device_get_cart_override (top);
  g_assert_nonnull (override);
  g_assert_cmpint (override->kind, ==, KS_CART_GB_ON_MMC);

  /* reloading the cart on top reads its reader again; the row stays the
   * same object, busy while the reader is */
  g_signal_connect (top, "notify::busy", G_CALLBACK (count_notify), &busy_notifies);
  ks_device_reload (top);
  g_assert_true (ks_device_get_busy (device));
  g_assert_true (ks_device_get_busy (top));
  g_assert_cmpstr (ks_device_get_subtitle (top), ==, "Reading…");
  wait_until_read (device);
  g_assert_true (ks_device_get_top_cart (device) == top);
  g_assert_false (ks_device_get_busy (top));
  g_assert_cmpuint (busy_notifies, ==, 2);
  g_assert_cmpuint (top_notifies, ==, 1);
  ks_test_assert_bytes_equal (ks_device_get_bytes (top), ram);
}

static void
test_device_without_cart_on_top (void)
{
  g_autoptr(GBytes) formatted = ks_mmc_new_formatted_image ();
  g_autoptr(KsTestEmulator) emu = mmc_with_top (formatted, KS_GB_MBC_MBC5, NULL);
  g_autoptr(KsDevice) device = ks_device_new_for_port (ks_test_emulator_get_path (emu));

  wait_until_read (device);
  g_assert_cmpstr (ks_device_get_title (device), ==, "Mega Memory Card");
  g_assert_null (ks_device_get_top_cart (device));
  g_assert_false (ks_findings_has_errors (ks_device_get_findings (device)));
  g_assert_cmpuint (ks_device_get_findings (device)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mmc-top/bank-test/sizes-8k-to-128k-bytes-put-back", test_bank_test_sizes_mbc5);
  g_test_add_func ("/mmc-top/bank-test/mbc1-uses-ram-banking-mode",
                   test_bank_test_mbc1_uses_ram_banking_mode);
  g_test_add_func ("/mmc-top/bank-test/2k-ram-is-one-bank", test_bank_test_2k_ram_is_one_bank);
  g_test_add_func ("/mmc-top/bank-test/nothing-answers", test_bank_test_nothing_answers);
  g_test_add_func ("/mmc-top/fit-save/follows-the-cards-restore",
                   test_fit_save_follows_the_cards_restore);
  g_test_add_func ("/mmc-top/override/spec", test_override_spec);
  g_test_add_func ("/mmc-top/detect/8k-read-equals-chip-card-untouched", test_detect_8k);
  g_test_add_func ("/mmc-top/detect/32k-read-equals-chip-card-untouched", test_detect_32k);
  g_test_add_func ("/mmc-top/detect/nothing-on-top-is-a-clear-error",
                   test_nothing_on_top_is_a_clear_error);
  g_test_add_func ("/mmc-top/detect/no-card-is-a-clear-error", test_no_card_is_a_clear_error);
  g_test_add_func ("/mmc-top/detect/override-size-wins", test_override_size_wins);
  g_test_add_func ("/mmc-top/device/exposes-the-cart-on-top", test_device_exposes_the_cart_on_top);
  g_test_add_func ("/mmc-top/device/none-on-top", test_device_without_cart_on_top);

  return g_test_run ();
}
