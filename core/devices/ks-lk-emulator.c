/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-lk-emulator.c — an LK-firmware GBxCart RW, byte for byte
 *
 * cart-reader-protocol.md §1.2-§1.5 (commands and firmware semantics) and
 * §7.2 (what a faithful emulator must do).  Where the spec leaves a
 * choice, the emulator does what the firmware source (LKFW) does as far as
 * the spec reports it, and otherwise the choice is named here:
 *   - Reads of the GB cart RAM area (A000-BFFF) answer only when the
 *     firmware pulses /CS, i.e. with DMG_READ_CS_PULSE = 1 (B2 and D4
 *     writes there need DMG_WRITE_CS_PULSE = 1; B3 always pulses it), so
 *     a host that forgets FlashGBX's settings of §1.7 reads 0xFF.
 *   - The cart starts unpowered on L12+ (the host powers it with F2, as
 *     FlashGBX does, §1.5); an unpowered or absent cart reads 0xFF, and a
 *     GBA ROM read without a cart gives the open-bus value (the address).
 *   - GET/SET_VAR_STATE (AE/AF) dump the three variable tables in order,
 *     big-endian: 2 × u32, 7 × u16, 18 × u8 (40 bytes).
 *   - FLASH_PROGRAM (D3) is served for the UNBUFFERED method in DMG mode
 *     (§1.5); other methods and AGB mode answer 0x02.
 *   - AGB EEPROM reads and writes (C5, C6) clock the cart's EEPROM model
 *     bit by bit as LKFW does (save-chips.md §1.3); a cart without an
 *     EEPROM reads 0xFF.  AGB_READ_GPIO_RTC plays LKFW's sequence on the
 *     cart's GPIO port and S-3511 model (save-chips.md §3.3); ROM-bus
 *     writes to the port's registers reach it too, and ROM reads of them
 *     answer the port while its control register allows.  A cart without
 *     a clock gives eight 0x00 bytes.
 *   - BOOTLOADER_RESET answers 0x02: there is no bootloader to jump to.
 *   - DMG_FLASH_WRITE_BYTE and FLASH_PROGRAM write through the pin
 *     FLASH_WE_PIN names (LKFW); only WR (1) and WR+RESET (3) reach the
 *     emulated carts, so a host must set it with SET_FLASH_CMD first.
 *   - CALC_CRC32 in DMG mode reads as the firmware does, pulsing A15 and
 *     never /CS (LKFW): the cart RAM at A000-BFFF does not answer it.
 *   - The baud switch (0x3C/0x3E) exists only on the v1.4a profile; the
 *     v1.3 on L1 answers them as unknown commands (0x02).  Whether a real
 *     v1.3 ignores them is not known: a host must not send them there.
 *   - A read longer than the device buffer sends the first 4096 bytes and
 *     stops (ADDRESS moves on by what was sent).  Which bytes a real
 *     reader would send is not known; a host must not ask for more.
 */

/* posix_openpt, grantpt, unlockpt, ptsname */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <zlib.h>

#include "ks-bytes.h"
#include "ks-lk-emulator.h"
#include "ks-lk-protocol.h"

/* §1.2: what the emulated GBxCart RW says about itself (FG-FW fw.ini) */
#define L14_PCB          KS_LK_PCB_V1_4A
#define L14_OFW          42
#define L14_FW_VER       14
#define L14_BUILD_TS     1747991884u
#define L1_PCB           KS_LK_PCB_V1_3
#define L1_FW_VER        1
#define L1_BUILD_TS      1709317610u
#define DEVICE_NAME      "GBxCart RW"

/* §1.5: firmware waits */
#define POWER_ON_USEC           150000
#define POWER_OFF_USEC          104000
#define MBC_RESET_USEC          5000
#define AGB_SRAM_CMD_WAIT_USEC  10000
#define C7_BYTE_GAP_USEC        20
#define C7_ATMEL_PAGE_USEC      10000
#define C7_ATMEL_PAGE_SIZE      128
/* save-chips.md §1.3: LKFW waits this long after every EEPROM block it writes */
#define C6_BLOCK_WAIT_USEC      8500
#define D3_POLL_USEC            2
#define D3_TIMEOUT_USEC         500000

/* §1.5: the flash command table holds 6 (address, data) pairs from A7 */
#define FLASH_CMD_SLOTS   6
#define VAR_STATE_SIZE    (KS_LK_N_VAR32 * 4 + KS_LK_N_VAR16 * 2 + KS_LK_N_VAR8)
#define MAX_BANK_CHANGE   16
/* GBATEK: the GBA ROM space, the largest bus a CRC can run over */
#define CRC32_MAX_LENGTH  0x2000000
#define GB_RAM_START      0xA000
#define GB_RAM_END        0xBFFF
#define MAX_FAULTS        32
/* §1.5: a read command never sends less than this (FlashGBX's floor) */
#define MIN_READ_LIMIT    64
#define INPUT_CHUNK       4096
#define NO_HOST_POLL_MS   20

typedef enum
{
  REPLY_NONE,
  REPLY_ACK,
  REPLY_ERROR,
  REPLY_DATA,
} ReplyKind;

typedef struct
{
  KsLkFault fault;
  gboolean  fired;
} Fault;

struct _KsLkEmulator
{
  KsEmulatedCart    *cart;
  KsFlashClock      *clock;
  KsLkProfile        profile;
  gboolean           real_time;
  guint              read_limit;
  guint32            crc32_limit;
  Fault              faults[MAX_FAULTS];
  guint              n_faults;

  /* firmware state */
  guint32            var32[KS_LK_N_VAR32];
  guint16            var16[KS_LK_N_VAR16];
  guint8             var8[KS_LK_N_VAR8];
  gboolean           five_volts;
  gboolean           cart_powered;
  guint32            flash_cmd_addr[FLASH_CMD_SLOTS];
  guint16            flash_cmd_data[FLASH_CMD_SLOTS];
  guint64            start_usec;
  guint              baud;          /* the rate the UART runs at */
  guint64            wire_ns;       /* the part of a microsecond the wire owes */

  /* the connection */
  int                fd;
  int                stop_pipe[2];
  GByteArray        *input;
  GByteArray        *output;      /* replies not yet written (send_bytes()) */
  gboolean           connected;
  gboolean           ending;
  KsLkEmulatorEnd    end;
  gboolean           silent;
  gboolean           power_lost;
  gboolean           fd_is_tty;   /* the line has a rate to compare (a pty) */
  gint64             real_base;
  guint64            clock_base;

  /* fault counters */
  guint64            acks;
  guint64            reads;
  guint64            replying_commands;
  guint64            fast_requests;
  KsLkEmulatorStats  stats;
};

static const struct
{
  const char    *name;
  KsLkFaultKind  kind;
} fault_names[] = {
  { "drop-ack", KS_LK_FAULT_DROP_ACK },
  { "junk", KS_LK_FAULT_JUNK },
  { "short-read", KS_LK_FAULT_SHORT_READ },
  { "error", KS_LK_FAULT_ERROR_REPLY },
  { "lose-byte", KS_LK_FAULT_LOSE_BYTE },
  { "delay", KS_LK_FAULT_DELAY },
  { "silent", KS_LK_FAULT_SILENT },
  { "disconnect", KS_LK_FAULT_DISCONNECT },
  { "power-loss", KS_LK_FAULT_POWER_LOSS },
  { "baud", KS_LK_FAULT_BAUD },
  { "slow", KS_LK_FAULT_SLOW },
};

const char *
ks_lk_fault_kind_to_string (KsLkFaultKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (fault_names[i].kind == kind)
      return fault_names[i].name;

  g_return_val_if_reached ("?");
}

gboolean
ks_lk_fault_parse (const char  *spec,
                   KsLkFault   *fault,
                   GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 n = 1;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (fault != NULL, FALSE);

  parts = g_strsplit (spec, ":", 2);
  if (parts[1] != NULL &&
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &n, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a count: the N in KIND:N is a whole number from 1."), parts[1]);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fault_names); i++)
    if (g_str_equal (parts[0], fault_names[i].name))
      {
        fault->kind = fault_names[i].kind;
        fault->n = (guint) n;
        return TRUE;
      }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a fault kind. Known kinds: drop-ack, junk, short-read, error, "
                 "lose-byte, delay, silent, disconnect, power-loss, baud, slow."), parts[0]);
  return FALSE;
}

KsLkEmulator *
ks_lk_emulator_new (KsEmulatedCart *cart)
{
  KsLkEmulator *self;

  g_return_val_if_fail (cart != NULL, NULL);

  self = g_new0 (KsLkEmulator, 1);
  self->cart = cart;
  self->clock = ks_emulated_cart_get_clock (cart);
  self->profile = KS_LK_PROFILE_L14;
  self->read_limit = KS_LK_DEVICE_BUFFER;
  self->crc32_limit = CRC32_MAX_LENGTH;
  self->baud = KS_LK_BAUD;
  self->fd = -1;
  self->input = g_byte_array_new ();
  self->output = g_byte_array_new ();
  self->var8[KS_LK_VAR8_CART_MODE] = KS_LK_CART_MODE_DMG;
  self->var8[KS_LK_VAR8_DMG_READ_METHOD] = 1;   /* §1.3: FlashGBX's default */
  self->start_usec = self->clock->now_usec;
  if (!g_unix_open_pipe (self->stop_pipe, FD_CLOEXEC, NULL))
    g_error ("no pipe for the emulator's stop signal: %s", g_strerror (errno));
  g_unix_set_fd_nonblocking (self->stop_pipe[0], TRUE, NULL);

  /* L12+ readers switch the cart on when asked (§1.5) */
  ks_emulated_cart_set_powered (cart, FALSE);

  return self;
}

void
ks_lk_emulator_free (KsLkEmulator *self)
{
  if (self == NULL)
    return;

  close (self->stop_pipe[0]);
  close (self->stop_pipe[1]);
  g_byte_array_unref (self->input);
  g_byte_array_unref (self->output);
  g_free (self);
}

void
ks_lk_emulator_set_profile (KsLkEmulator *self,
                            KsLkProfile   profile)
{
  g_return_if_fail (self != NULL);

  self->profile = profile;
  /* a v1.3 on L1 has no cart power switch: the cart is always on */
  self->cart_powered = profile == KS_LK_PROFILE_L1;
  self->var8[KS_LK_VAR8_CART_POWERED] = self->cart_powered;
  ks_emulated_cart_set_powered (self->cart, self->cart_powered);
}

void
ks_lk_emulator_set_real_time (KsLkEmulator *self,
                              gboolean      real_time)
{
  g_return_if_fail (self != NULL);

  self->real_time = real_time;
}

void
ks_lk_emulator_set_read_limit (KsLkEmulator *self,
                               guint         limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limit >= MIN_READ_LIMIT && limit <= KS_LK_DEVICE_BUFFER);

  self->read_limit = limit;
}

void
ks_lk_emulator_set_crc32_limit (KsLkEmulator *self,
                                guint32       limit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limit >= 1 && limit <= CRC32_MAX_LENGTH);

  self->crc32_limit = limit;
}

guint
ks_lk_emulator_get_baud (KsLkEmulator *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->baud;
}

void
ks_lk_emulator_add_fault (KsLkEmulator    *self,
                          const KsLkFault *fault)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fault != NULL && fault->n >= 1);
  g_return_if_fail (self->n_faults < MAX_FAULTS);

  self->faults[self->n_faults].fault = *fault;
  self->faults[self->n_faults].fired = FALSE;
  self->n_faults++;
}

void
ks_lk_emulator_get_stats (KsLkEmulator      *self,
                          KsLkEmulatorStats *stats)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

guint64
ks_lk_emulator_get_time_usec (KsLkEmulator *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->clock->now_usec;
}

void
ks_lk_emulator_stop (KsLkEmulator *self)
{
  const char byte = 1;

  g_return_if_fail (self != NULL);

  /* a pipe write is atomic and async-signal-safe: any thread may stop */
  if (write (self->stop_pipe[1], &byte, 1) < 0)
    g_warning ("could not signal the emulator to stop: %s", g_strerror (errno));
}

/* TRUE (once) when the fault of @kind counted by @count is due now. */
static gboolean
fault_due (KsLkEmulator  *self,
           KsLkFaultKind  kind,
           guint64        count)
{
  for (guint i = 0; i < self->n_faults; i++)
    {
      Fault *f = &self->faults[i];

      if (f->fault.kind == kind && !f->fired && count >= f->fault.n)
        {
          f->fired = TRUE;
          self->stats.faults_fired++;
          return TRUE;
        }
    }

  return FALSE;
}

/* ---- time ---------------------------------------------------------------- */

static guint64
real_clock (KsLkEmulator *self)
{
  return self->clock_base + (guint64) (g_get_monotonic_time () - self->real_base);
}

static void
device_wait (KsLkEmulator *self,
             guint64       usec)
{
  ks_flash_clock_advance (self->clock, usec);
  self->stats.device_usec += usec;
}

/* §1.1: @bytes on the wire, 10 bits each at the rate the device runs at */
static void
wire_time (KsLkEmulator *self,
           guint64       bytes)
{
  guint64 ns = bytes * KS_LK_BITS_PER_BYTE * G_GUINT64_CONSTANT (1000000000) / self->baud +
               self->wire_ns;

  ks_flash_clock_advance (self->clock, ns / 1000);
  self->stats.link_usec += ns / 1000;
  self->wire_ns = ns % 1000;
}

/* With real time on, the device's clock never runs behind the wall clock,
 * and a reply leaves no earlier than the device's clock says. */
static void
catch_up (KsLkEmulator *self)
{
  if (self->real_time)
    self->clock->now_usec = MAX (self->clock->now_usec, real_clock (self));
}

static void
sleep_until_clock (KsLkEmulator *self)
{
  if (self->real_time)
    {
      guint64 now = real_clock (self);

      if (self->clock->now_usec > now)
        g_usleep (self->clock->now_usec - now);
    }
}

/* ---- the byte stream ------------------------------------------------------ */

static gboolean
stop_requested (KsLkEmulator *self)
{
  char byte;

  return read (self->stop_pipe[0], &byte, 1) == 1;
}

static void flush_output (KsLkEmulator *self);

static gboolean
fill (KsLkEmulator *self)
{
  guint8 chunk[INPUT_CHUNK];

  /* the device is about to wait for the host: what it answered goes out */
  flush_output (self);

  while (!self->ending)
    {
      struct pollfd fds[2] = {
        { self->fd, POLLIN, 0 },
        { self->stop_pipe[0], POLLIN, 0 },
      };
      int r = poll (fds, 2, self->connected ? -1 : NO_HOST_POLL_MS);

      if (r < 0 && errno == EINTR)
        continue;
      if ((fds[1].revents & POLLIN) != 0 && stop_requested (self))
        {
          self->ending = TRUE;
          self->end = KS_LK_EMULATOR_STOPPED;
          break;
        }
      if (r <= 0)
        continue;

      if ((fds[0].revents & POLLIN) != 0)
        {
          ssize_t n = read (self->fd, chunk, sizeof chunk);

          if (n > 0)
            {
              g_byte_array_append (self->input, chunk, n);
              self->connected = TRUE;
              return TRUE;
            }
          if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        }

      if ((fds[0].revents & (POLLHUP | POLLERR | POLLIN)) != 0)
        {
          /* A pty master reports a hang-up until a host opens the slave. */
          if (self->connected)
            {
              self->ending = TRUE;
              self->end = KS_LK_EMULATOR_HOST_CLOSED;
              break;
            }
          g_usleep (NO_HOST_POLL_MS * 1000);
        }
    }

  return FALSE;
}

static gboolean
get_byte (KsLkEmulator *self,
          guint8       *byte)
{
  for (;;)
    {
      if (self->input->len == 0 && !fill (self))
        return FALSE;

      *byte = self->input->data[0];
      g_byte_array_remove_index (self->input, 0);
      self->stats.bytes_in++;
      wire_time (self, 1);

      if (!fault_due (self, KS_LK_FAULT_LOSE_BYTE, self->stats.bytes_in))
        return TRUE;
    }
}

static gboolean
get_bytes (KsLkEmulator *self,
           guint8       *buffer,
           gsize         size)
{
  for (gsize i = 0; i < size; i++)
    if (!get_byte (self, &buffer[i]))
      return FALSE;

  return TRUE;
}

static gboolean
get_u16 (KsLkEmulator *self,
         guint16      *value)
{
  guint8 b[2];

  if (!get_bytes (self, b, 2))
    return FALSE;
  *value = ks_read_be16 (b);
  return TRUE;
}

static gboolean
get_u32 (KsLkEmulator *self,
         guint32      *value)
{
  guint8 b[4];

  if (!get_bytes (self, b, 4))
    return FALSE;
  *value = ks_read_be32 (b);
  return TRUE;
}

static void
write_out (KsLkEmulator *self,
           const guint8 *data,
           gsize         size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = write (self->fd, data + done, size - done);

      if (n > 0)
        done += n;
      else if (n < 0 && errno == EINTR)
        continue;
      else if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { self->fd, POLLOUT, 0 };

          poll (&pfd, 1, 100);
        }
      else
        {
          /* the host went away while the reply was on its way */
          self->ending = TRUE;
          self->end = KS_LK_EMULATOR_HOST_CLOSED;
          return;
        }
    }

  self->stats.bytes_out += size;
}

static void
flush_output (KsLkEmulator *self)
{
  if (self->output->len > 0)
    write_out (self, self->output->data, self->output->len);
  g_byte_array_set_size (self->output, 0);
}

/* A reply leaves at once, unless the host has already sent more: then it
 * goes out with the replies to what follows when the device next waits
 * for the host (fill()), the same bytes in the same order, with one write
 * for a stream of commands.  With real time on every reply leaves when
 * it is due. */
static void
send_bytes (KsLkEmulator *self,
            const guint8 *data,
            gsize         size)
{
  g_byte_array_append (self->output, data, size);
  if (self->real_time || self->input->len == 0)
    flush_output (self);
}

static void
put_u8 (GByteArray *out,
        guint8      value)
{
  g_byte_array_append (out, &value, 1);
}

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint8 b[2];

  ks_write_be16 (b, value);
  g_byte_array_append (out, b, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint8 b[4];

  ks_write_be32 (b, value);
  g_byte_array_append (out, b, 4);
}

/* ---- the cart side -------------------------------------------------------- */

static gboolean
mode_is (KsLkEmulator *self,
         guint8        mode)
{
  return self->var8[KS_LK_VAR8_CART_MODE] == mode;
}

static KsBus *
dmg_bus (KsLkEmulator *self)
{
  if (!self->cart_powered || !mode_is (self, KS_LK_CART_MODE_DMG))
    return NULL;
  return ks_emulated_cart_get_gb_bus (self->cart);
}

static KsBus *
agb_save_bus (KsLkEmulator *self)
{
  if (!self->cart_powered || !mode_is (self, KS_LK_CART_MODE_AGB))
    return NULL;
  return ks_emulated_cart_get_save_bus (self->cart);
}

static gboolean
in_gb_ram (guint32 address)
{
  return address >= GB_RAM_START && address <= GB_RAM_END;
}

static guint8
dmg_read (KsLkEmulator *self,
          guint32       address)
{
  KsBus *bus = dmg_bus (self);
  guint8 value = 0xFF;

  address &= 0xFFFF;
  if (bus == NULL || (in_gb_ram (address) && self->var8[KS_LK_VAR8_DMG_READ_CS_PULSE] != 1))
    return 0xFF;

  ks_bus_read (bus, address, &value, NULL);
  return value;
}

/* Whether what the DMG bus reads at @address stays the same while the
 * device only polls it: true of everything on a GB cart (ROM, RAM, and the
 * clock registers, which show the copy the last latch took), of RAM read
 * without /CS and of a bus nothing answers on.  On an MMC the window at
 * 4000-7FFF shows its program ROM, the top cart or the flash; a flash that
 * is not busy stays so until written, and once its last reads (the ones
 * its protection sequences look at, SDP_POLLS at most) are all this
 * address, polling it changes nothing.  Below and above the window the
 * MMC shows its program ROM and the top cart's RAM, which polls cannot
 * change. */
#define SDP_POLLS 8
#define MMC_WINDOW_START 0x4000
#define MMC_WINDOW_END   0x7FFF

static gboolean
dmg_read_is_steady (KsLkEmulator *self,
                    guint32       address,
                    guint         polls)
{
  KsMmcCartModel *mmc;

  /* as dmg_read() reads them: without a /CS pulse the RAM stays silent */
  if (dmg_bus (self) == NULL ||
      (in_gb_ram (address & 0xFFFF) && self->var8[KS_LK_VAR8_DMG_READ_CS_PULSE] != 1) ||
      ks_emulated_cart_get_kind (self->cart) == KS_EMULATED_CART_GB)
    return TRUE;
  if (ks_emulated_cart_get_kind (self->cart) != KS_EMULATED_CART_MMC)
    return FALSE;

  /* only the window at 4000-7FFF can show the MMC's flash: the program ROM
   * below it and the top cart's RAM above it do not change */
  if ((address & 0xFFFF) < MMC_WINDOW_START || (address & 0xFFFF) > MMC_WINDOW_END)
    return TRUE;
  mmc = ks_emulated_cart_get_mmc (self->cart);
  return polls >= SDP_POLLS && !ks_sst28sf040_model_is_busy (ks_mmc_cart_model_get_flash (mmc));
}

/* Every cart write goes through here, so a power-loss fault can strike
 * the moment the chip accepts its Nth erase or program. */
static void
cart_write (KsLkEmulator *self,
            KsBus        *bus,
            guint32       address,
            guint8        value)
{
  if (bus == NULL || self->power_lost)
    return;

  ks_bus_write (bus, address, value, NULL);

  if (ks_emulated_cart_flash_operations (self->cart) > 0 &&
      fault_due (self, KS_LK_FAULT_POWER_LOSS, ks_emulated_cart_flash_operations (self->cart)))
    {
      ks_emulated_cart_set_powered (self->cart, FALSE);
      self->power_lost = TRUE;
    }
}

static void
dmg_write (KsLkEmulator *self,
           guint32       address,
           guint8        value,
           gboolean      cs_pulse)
{
  address &= 0xFFFF;
  if (in_gb_ram (address) && !cs_pulse)
    return;
  cart_write (self, dmg_bus (self), address, value);
}

static guint8
agb_save_read (KsLkEmulator *self,
               guint32       address)
{
  KsBus *bus = agb_save_bus (self);
  guint8 value = 0xFF;

  if (bus != NULL)
    ks_bus_read (bus, address & KS_LK_AGB_SAVE_MASK, &value, NULL);
  return value;
}

static void
agb_save_write (KsLkEmulator *self,
                guint32       address,
                guint8        value)
{
  cart_write (self, agb_save_bus (self), address & KS_LK_AGB_SAVE_MASK, value);
}

/* One 16-bit word of the GBA ROM bus; without a cart the bus keeps the
 * low half of the address it was given (GBATEK, open bus). */
static guint16
agb_rom_read (KsLkEmulator *self,
              guint32       word_address)
{
  GBytes *rom = ks_emulated_cart_get_gba_rom (self->cart);
  gsize size;
  const guint8 *data;
  gsize at = (gsize) word_address * 2;

  if (rom == NULL || !self->cart_powered || !mode_is (self, KS_LK_CART_MODE_AGB))
    return word_address & 0xFFFF;

  {
    KsS3511Model *rtc = ks_emulated_cart_get_gba_rtc (self->cart);
    guint16 port;

    if (rtc != NULL && ks_s3511_model_read (rtc, word_address, &port))
      return port;
  }

  data = g_bytes_get_data (rom, &size);
  if (at + 1 >= size)
    return word_address & 0xFFFF;

  return (guint16) (data[at] | data[at + 1] << 8);
}

static KsAgbEepromModel *
agb_eeprom (KsLkEmulator *self)
{
  if (!self->cart_powered || !mode_is (self, KS_LK_CART_MODE_AGB))
    return NULL;
  return ks_emulated_cart_get_agb_eeprom (self->cart);
}

/* One block of C5 or C6 as LKFW clocks it (save-chips.md §1.3): /CS low,
 * the request bits 11 (read) or 10 (write) and the address, most
 * significant first, the width the type byte names (the address is ORed
 * into the request bits, so a 6-bit request of block 64 asks for block 0);
 * a read then sends a 0, raises /CS, lowers it again, ignores 4 bits and
 * collects 64; a write sends the 64 bits and a 0.  @block holds the 8
 * bytes, byte 0 and bit 7 first. */
static void
eeprom_access (KsAgbEepromModel *chip,
               guint8            type,
               guint32           address,
               gboolean          read,
               guint8           *block)
{
  guint shift = type == 2 ? 15 : 7;
  guint16 request = (guint16) (address | (guint32) (read ? 0xC0 : 0x80) << (shift - 7));

  ks_agb_eeprom_model_select (chip, TRUE);
  for (guint i = 0; i <= shift; i++)
    ks_agb_eeprom_model_clock_in (chip, request >> (shift - i) & 1);

  if (read)
    {
      ks_agb_eeprom_model_clock_in (chip, 0);
      ks_agb_eeprom_model_select (chip, FALSE);
      ks_agb_eeprom_model_select (chip, TRUE);
      for (guint i = 0; i < 4; i++)
        ks_agb_eeprom_model_clock_out (chip);
      memset (block, 0, KS_AGB_EEPROM_BLOCK_SIZE);
      for (guint i = 0; i < KS_AGB_EEPROM_BLOCK_SIZE * 8; i++)
        block[i / 8] |= (guint8) (ks_agb_eeprom_model_clock_out (chip) << (7 - i % 8));
    }
  else
    {
      for (guint i = 0; i < KS_AGB_EEPROM_BLOCK_SIZE * 8; i++)
        ks_agb_eeprom_model_clock_in (chip, block[i / 8] >> (7 - i % 8) & 1);
      ks_agb_eeprom_model_clock_in (chip, 0);
    }

  ks_agb_eeprom_model_select (chip, FALSE);
}

static KsS3511Model *
gba_rtc (KsLkEmulator *self)
{
  if (!self->cart_powered || !mode_is (self, KS_LK_CART_MODE_AGB))
    return NULL;
  return ks_emulated_cart_get_gba_rtc (self->cart);
}

/* AGB_READ_GPIO_RTC as LKFW plays it (save-chips.md §3.3): the command
 * byte bit 7 first, 3 writes with SCK low and one with SCK high per bit
 * (CS high, the bit on SIO); each data bit after 5 writes with SCK low and
 * one high, then a read of SIO; the status (0x63), then the date and time
 * (0x65) in a second transfer */
static void
rtc_command (KsS3511Model *rtc,
             guint8        command)
{
  for (guint i = 0; i < 8; i++)
    {
      guint bit = command >> (7 - i) & 1;

      for (guint k = 0; k < 3; k++)
        ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (4 | bit << 1));
      ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, (guint16) (5 | bit << 1));
    }
}

static guint8
rtc_read_byte (KsS3511Model *rtc)
{
  guint8 data = 0;

  for (guint i = 0; i < 8; i++)
    {
      guint16 value = 0;

      for (guint k = 0; k < 5; k++)
        ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 4);
      ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 5);
      ks_s3511_model_read (rtc, KS_GPIO_REG_DATA, &value);
      data = (guint8) (data >> 1 | ((value & 2) >> 1) << 7);
    }
  return data;
}

static void
rtc_transfer (KsS3511Model *rtc,
              guint8        command,
              guint8       *out,
              guint         n)
{
  ks_s3511_model_write (rtc, KS_GPIO_REG_CONTROL, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 5);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DIRECTION, 7);
  rtc_command (rtc, command);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DIRECTION, 5);
  for (guint i = 0; i < n; i++)
    out[i] = rtc_read_byte (rtc);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_DATA, 1);
  ks_s3511_model_write (rtc, KS_GPIO_REG_CONTROL, 0);
}

static void
check_voltage (KsLkEmulator *self)
{
  if (self->cart_powered && self->five_volts && ks_emulated_cart_is_gba (self->cart))
    self->stats.gba_cart_at_5v++;
}

static void
set_power (KsLkEmulator *self,
           gboolean      on)
{
  if (on && !self->cart_powered)
    self->stats.power_ons++;
  self->cart_powered = on;
  self->var8[KS_LK_VAR8_CART_POWERED] = on;
  ks_emulated_cart_set_powered (self->cart, on);
  check_voltage (self);
}

/* ---- commands ------------------------------------------------------------- */

static gboolean
l1 (KsLkEmulator *self)
{
  return self->profile == KS_LK_PROFILE_L1;
}

/* §1.5: below L12 these commands are not acknowledged */
static ReplyKind
config_ack (KsLkEmulator *self)
{
  return l1 (self) ? REPLY_NONE : REPLY_ACK;
}

/* §1.1: FlashGBX switches the rate only on PCB 5 and 6 (v1.4, v1.4a) */
static gboolean
switches_baud (KsLkEmulator *self)
{
  return !l1 (self);
}

static gboolean
replies (KsLkEmulator *self,
         guint8        cmd)
{
  switch (cmd)
    {
    case KS_LK_CMD_BAUD_1M:
    case KS_LK_CMD_BAUD_1M5:
      return !switches_baud (self);
    case KS_LK_CMD_OFW_CART_PWR_ON:
    case KS_LK_CMD_OFW_CART_PWR_OFF:
      return FALSE;
    case KS_LK_CMD_SET_MODE_AGB:
    case KS_LK_CMD_SET_MODE_DMG:
    case KS_LK_CMD_SET_VOLTAGE_3_3V:
    case KS_LK_CMD_SET_VOLTAGE_5V:
    case KS_LK_CMD_SET_VARIABLE:
    case KS_LK_CMD_SET_ADDR_AS_INPUTS:
    case KS_LK_CMD_DMG_CART_WRITE:
    case KS_LK_CMD_AGB_CART_WRITE:
      return !l1 (self);
    default:
      return TRUE;
    }
}

static gboolean
var_slot (KsLkEmulator *self,
          guint8        size,
          guint32       key,
          guint32     **p32,
          guint16     **p16,
          guint8      **p8)
{
  *p32 = NULL;
  *p16 = NULL;
  *p8 = NULL;

  if (size == KS_LK_VAR_32 && key < KS_LK_N_VAR32)
    *p32 = &self->var32[key];
  else if (size == KS_LK_VAR_16 && key < KS_LK_N_VAR16)
    *p16 = &self->var16[key];
  else if (size == KS_LK_VAR_8 && key < KS_LK_N_VAR8)
    *p8 = &self->var8[key];
  else
    return FALSE;

  return TRUE;
}

static ReplyKind
set_variable (KsLkEmulator *self,
              guint8        size,
              guint32       key,
              guint32       value)
{
  guint32 *p32;
  guint16 *p16;
  guint8 *p8;

  if (!var_slot (self, size, key, &p32, &p16, &p8))
    return l1 (self) ? REPLY_NONE : REPLY_ERROR;

  if (p32 != NULL)
    *p32 = value;
  else if (p16 != NULL)
    {
      *p16 = (guint16) value;
      /* §1.3: DMG_ROM_BANK also copies its low byte to LAST_BANK_ACCESSED */
      if (key == KS_LK_VAR16_DMG_ROM_BANK)
        self->var16[KS_LK_VAR16_LAST_BANK_ACCESSED] = value & 0xFF;
    }
  else
    {
      *p8 = (guint8) value;
      if (key == KS_LK_VAR8_CART_POWERED)
        set_power (self, value != 0);
    }

  return config_ack (self);
}

static void
put_fw_info (KsLkEmulator *self,
             GByteArray   *out)
{
  put_u8 (out, KS_LK_FW_INFO_LENGTH);
  put_u8 (out, KS_LK_CFW_ID);
  put_u16 (out, l1 (self) ? L1_FW_VER : L14_FW_VER);
  put_u8 (out, l1 (self) ? L1_PCB : L14_PCB);
  put_u32 (out, l1 (self) ? L1_BUILD_TS : L14_BUILD_TS);

  if (!l1 (self))
    {
      /* §1.2: L12+ adds the name (NUL included), flags and bootloader byte */
      put_u8 (out, sizeof DEVICE_NAME);
      g_byte_array_append (out, (const guint8 *) DEVICE_NAME, sizeof DEVICE_NAME);
      put_u8 (out, KS_LK_FW_FLAG_POWER_CONTROL);
      put_u8 (out, 0);
    }
}

static void
put_var_state (KsLkEmulator *self,
               GByteArray   *out)
{
  for (guint i = 0; i < KS_LK_N_VAR32; i++)
    put_u32 (out, self->var32[i]);
  for (guint i = 0; i < KS_LK_N_VAR16; i++)
    put_u16 (out, self->var16[i]);
  g_byte_array_append (out, self->var8, KS_LK_N_VAR8);
}

static void
take_var_state (KsLkEmulator *self,
                const guint8 *dump)
{
  for (guint i = 0; i < KS_LK_N_VAR32; i++)
    self->var32[i] = ks_read_be32 (dump + 4 * i);
  dump += 4 * KS_LK_N_VAR32;
  for (guint i = 0; i < KS_LK_N_VAR16; i++)
    self->var16[i] = ks_read_be16 (dump + 2 * i);
  dump += 2 * KS_LK_N_VAR16;
  memcpy (self->var8, dump, KS_LK_N_VAR8);
  set_power (self, self->var8[KS_LK_VAR8_CART_POWERED] != 0);
}

static guint32 *
address (KsLkEmulator *self)
{
  return &self->var32[KS_LK_VAR32_ADDRESS];
}

static guint16
transfer_size (KsLkEmulator *self)
{
  return self->var16[KS_LK_VAR16_TRANSFER_SIZE];
}

/* §1.5: what a read command sends: TRANSFER_SIZE, but no more than the
 * device buffer holds */
static guint
read_size (KsLkEmulator *self)
{
  return MIN ((guint) transfer_size (self), self->read_limit);
}

/* §1.5: a write command's data must fit the device buffer */
static gboolean
fits_buffer (KsLkEmulator *self)
{
  return transfer_size (self) <= KS_LK_DEVICE_BUFFER;
}

/* LKFW: flash writes strobe the pin FLASH_WE_PIN names; the emulated
 * carts take writes on WR (1), alone or with RESET (3) */
static gboolean
flash_we_is_wr (KsLkEmulator *self)
{
  return self->var8[KS_LK_VAR8_FLASH_WE_PIN] == 1 || self->var8[KS_LK_VAR8_FLASH_WE_PIN] == 3;
}

static void
flash_write (KsLkEmulator *self,
             guint32       address,
             guint8        value)
{
  if (flash_we_is_wr (self))
    cart_write (self, dmg_bus (self), address & 0xFFFF, value);
}

/* D3 in DMG mode, UNBUFFERED: the three stored cycles, the byte, then
 * read it back until it matches (§1.5). */
static ReplyKind
flash_program (KsLkEmulator *self,
               const guint8 *data,
               gsize         size)
{
  if (!mode_is (self, KS_LK_CART_MODE_DMG) ||
      self->var8[KS_LK_VAR8_FLASH_METHOD] != KS_LK_FLASH_METHOD_UNBUFFERED)
    return REPLY_ERROR;

  for (gsize i = 0; i < size; i++)
    {
      guint32 at = *address (self) & 0xFFFF;
      guint64 waited = 0;

      if (data[i] != 0xFF)
        {
          for (guint c = 0; c < 3; c++)
            flash_write (self, self->flash_cmd_addr[c], self->flash_cmd_data[c] & 0xFF);
          flash_write (self, at, data[i]);
          while (dmg_read (self, at) != data[i])
            {
              if (waited >= D3_TIMEOUT_USEC || self->power_lost)
                return REPLY_ERROR;
              if (dmg_read_is_steady (self, at, (guint) (waited / D3_POLL_USEC)))
                {
                  /* no poll will see the byte: the time-out, at once
                   * rather than in 250,000 reads */
                  device_wait (self, D3_TIMEOUT_USEC - waited);
                  return REPLY_ERROR;
                }
              device_wait (self, D3_POLL_USEC);
              waited += D3_POLL_USEC;
            }
        }
      (*address (self))++;
    }

  return REPLY_ACK;
}

/* Reads the payload of @cmd, then (unless an error-reply fault strikes)
 * does what the firmware does.  FALSE when the stream ended mid-payload. */
static gboolean
handle (KsLkEmulator *self,
        guint8        cmd,
        gboolean      fail,
        GByteArray   *out,
        ReplyKind    *kind,
        gboolean     *is_read)
{
  guint8 b, size, n;
  guint16 w;
  guint32 key, value, addr;

  *kind = REPLY_NONE;
  *is_read = FALSE;

#define PAYLOAD(expr) G_STMT_START { if (!(expr)) return FALSE; } G_STMT_END
#define FAIL_CHECK() G_STMT_START { if (fail) { *kind = REPLY_ERROR; return TRUE; } } G_STMT_END

  switch (cmd)
    {
    case KS_LK_CMD_OFW_PCB_VER:
      FAIL_CHECK ();
      put_u8 (out, l1 (self) ? L1_PCB : L14_PCB);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_OFW_FW_VER:
      FAIL_CHECK ();
      /* §7.2: R42 beside L14; the v1.3 on L1 answers 0 */
      put_u8 (out, l1 (self) ? 0 : L14_OFW);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_OFW_CART_MODE:
      FAIL_CHECK ();
      put_u8 (out, self->var8[KS_LK_VAR8_CART_MODE]);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_BAUD_1M:
    case KS_LK_CMD_BAUD_1M5:
      /* §1.1: no reply; the UART runs at the new rate from the next byte */
      if (!switches_baud (self))
        {
          self->stats.unknown_commands++;
          *kind = REPLY_ERROR;
          break;
        }
      if (cmd == KS_LK_CMD_BAUD_1M5 &&
          fault_due (self, KS_LK_FAULT_BAUD, ++self->fast_requests))
        break;
      self->baud = cmd == KS_LK_CMD_BAUD_1M5 ? KS_LK_BAUD_FAST : KS_LK_BAUD;
      self->stats.baud_switches++;
      break;

    case KS_LK_CMD_OFW_CART_PWR_ON:
    case KS_LK_CMD_OFW_CART_PWR_OFF:
      device_wait (self, cmd == KS_LK_CMD_OFW_CART_PWR_ON ? POWER_ON_USEC : POWER_OFF_USEC);
      set_power (self, cmd == KS_LK_CMD_OFW_CART_PWR_ON);
      break;

    case KS_LK_CMD_OFW_QUERY_CART_PWR:
    case KS_LK_CMD_QUERY_CART_PWR:
      FAIL_CHECK ();
      put_u8 (out, self->cart_powered ? 1 : 0);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_QUERY_FW_INFO:
      FAIL_CHECK ();
      put_fw_info (self, out);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_SET_MODE_AGB:
    case KS_LK_CMD_SET_MODE_DMG:
    case KS_LK_CMD_SET_VOLTAGE_3_3V:
    case KS_LK_CMD_SET_VOLTAGE_5V:
      FAIL_CHECK ();
      /* §1.4: the voltage commands set the cart mode too */
      self->var8[KS_LK_VAR8_CART_MODE] =
        (cmd == KS_LK_CMD_SET_MODE_AGB || cmd == KS_LK_CMD_SET_VOLTAGE_3_3V)
        ? KS_LK_CART_MODE_AGB : KS_LK_CART_MODE_DMG;
      if (cmd == KS_LK_CMD_SET_VOLTAGE_3_3V || cmd == KS_LK_CMD_SET_VOLTAGE_5V)
        {
          self->five_volts = cmd == KS_LK_CMD_SET_VOLTAGE_5V;
          check_voltage (self);
        }
      *kind = config_ack (self);
      break;

    case KS_LK_CMD_SET_VARIABLE:
      PAYLOAD (get_byte (self, &size) && get_u32 (self, &key) && get_u32 (self, &value));
      FAIL_CHECK ();
      *kind = set_variable (self, size, key, value);
      break;

    case KS_LK_CMD_GET_VARIABLE:
      PAYLOAD (get_byte (self, &size) && get_u32 (self, &key));
      FAIL_CHECK ();
      if (key == KS_LK_VAR_KEY_RUNTIME)
        put_u32 (out, (guint32) ((self->clock->now_usec - self->start_usec) / 1000));
      else
        {
          guint32 *p32;
          guint16 *p16;
          guint8 *p8;

          if (!var_slot (self, size, key, &p32, &p16, &p8))
            {
              *kind = REPLY_ERROR;
              break;
            }
          put_u32 (out, p32 != NULL ? *p32 : p16 != NULL ? *p16 : *p8);
        }
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_SET_FLASH_CMD:
      {
        guint8 head[3];
        guint32 a[FLASH_CMD_SLOTS];
        guint16 d[FLASH_CMD_SLOTS];

        PAYLOAD (get_bytes (self, head, 3));
        for (guint i = 0; i < FLASH_CMD_SLOTS; i++)
          PAYLOAD (get_u32 (self, &a[i]) && get_u16 (self, &d[i]));
        FAIL_CHECK ();
        self->var8[KS_LK_VAR8_FLASH_COMMAND_SET] = head[0];
        self->var8[KS_LK_VAR8_FLASH_METHOD] = head[1];
        self->var8[KS_LK_VAR8_FLASH_WE_PIN] = head[2];
        memcpy (self->flash_cmd_addr, a, sizeof a);
        memcpy (self->flash_cmd_data, d, sizeof d);
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_SET_ADDR_AS_INPUTS:
      FAIL_CHECK ();
      *kind = config_ack (self);
      break;

    case KS_LK_CMD_CLK_TOGGLE:
      PAYLOAD (get_u32 (self, &value));
      FAIL_CHECK ();
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_ENABLE_PULLUPS:
    case KS_LK_CMD_DISABLE_PULLUPS:
      FAIL_CHECK ();
      self->var8[KS_LK_VAR8_PULLUPS_ENABLED] = cmd == KS_LK_CMD_ENABLE_PULLUPS;
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_GET_VAR_STATE:
      FAIL_CHECK ();
      put_var_state (self, out);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_SET_VAR_STATE:
      {
        guint8 dump[VAR_STATE_SIZE];

        PAYLOAD (get_bytes (self, dump, sizeof dump));
        FAIL_CHECK ();
        take_var_state (self, dump);
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_DMG_CART_READ:
      FAIL_CHECK ();
      for (guint i = 0; i < read_size (self); i++)
        put_u8 (out, dmg_read (self, *address (self) + i));
      *address (self) += read_size (self);
      *kind = REPLY_DATA;
      *is_read = TRUE;
      break;

    case KS_LK_CMD_DMG_CART_WRITE:
      PAYLOAD (get_u32 (self, &addr) && get_byte (self, &b));
      FAIL_CHECK ();
      dmg_write (self, addr, b, self->var8[KS_LK_VAR8_DMG_WRITE_CS_PULSE] == 1);
      *kind = config_ack (self);
      break;

    case KS_LK_CMD_DMG_FLASH_WRITE_BYTE:
      PAYLOAD (get_u32 (self, &addr) && get_byte (self, &b));
      FAIL_CHECK ();
      flash_write (self, addr, b);
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_DMG_CART_WRITE_SRAM:
      {
        g_autofree guint8 *data = g_malloc (MAX (transfer_size (self), 1));

        PAYLOAD (get_bytes (self, data, transfer_size (self)));
        FAIL_CHECK ();
        if (!fits_buffer (self))
          {
            *kind = REPLY_ERROR;
            break;
          }
        for (guint i = 0; i < transfer_size (self); i++)
          dmg_write (self, (*address (self))++, data[i], TRUE);
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_DMG_MBC_RESET:
      FAIL_CHECK ();
      device_wait (self, MBC_RESET_USEC);
      if (self->cart_powered)
        ks_emulated_cart_reset (self->cart);
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_DMG_SET_BANK_CHANGE:
      PAYLOAD (get_byte (self, &n));
      for (guint i = 0; i < n; i++)
        PAYLOAD (get_u32 (self, &addr) && get_byte (self, &b));
      FAIL_CHECK ();
      *kind = n <= MAX_BANK_CHANGE ? REPLY_ACK : REPLY_ERROR;
      break;

    case KS_LK_CMD_AGB_CART_READ:
      FAIL_CHECK ();
      /* §1.5: ADDRESS counts 16-bit words on the ROM bus */
      for (guint i = 0; i < read_size (self); i += 2)
        {
          guint16 word = agb_rom_read (self, *address (self) + i / 2);

          put_u8 (out, word & 0xFF);
          if (i + 1 < read_size (self))
            put_u8 (out, word >> 8);
        }
      *address (self) += read_size (self) / 2;
      *kind = REPLY_DATA;
      *is_read = TRUE;
      break;

    case KS_LK_CMD_AGB_CART_WRITE:
    case KS_LK_CMD_AGB_FLASH_WRITE_SHORT:
      /* the emulated carts have mask ROM: ROM-bus writes change nothing
       * but the GPIO port's registers */
      PAYLOAD (get_u32 (self, &addr) && get_u16 (self, &w));
      FAIL_CHECK ();
      if (gba_rtc (self) != NULL)
        ks_s3511_model_write (gba_rtc (self), addr, w);
      *kind = cmd == KS_LK_CMD_AGB_CART_WRITE ? config_ack (self) : REPLY_ACK;
      break;

    case KS_LK_CMD_AGB_CART_READ_SRAM:
      FAIL_CHECK ();
      for (guint i = 0; i < read_size (self); i++)
        put_u8 (out, agb_save_read (self, (*address (self))++));
      *kind = REPLY_DATA;
      *is_read = TRUE;
      break;

    case KS_LK_CMD_AGB_CART_WRITE_SRAM:
      {
        g_autofree guint8 *data = g_malloc (MAX (transfer_size (self), 1));

        PAYLOAD (get_bytes (self, data, transfer_size (self)));
        FAIL_CHECK ();
        if (!fits_buffer (self))
          {
            *kind = REPLY_ERROR;
            break;
          }
        for (guint i = 0; i < transfer_size (self); i++)
          agb_save_write (self, (*address (self))++, data[i]);
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_AGB_READ_EEPROM:
      /* save-chips.md §1.3: 8 bytes per block, ADDRESS counts blocks */
      PAYLOAD (get_byte (self, &b));
      FAIL_CHECK ();
      for (guint i = 0; i < read_size (self); i += KS_AGB_EEPROM_BLOCK_SIZE)
        {
          guint8 block[KS_AGB_EEPROM_BLOCK_SIZE];

          memset (block, 0xFF, sizeof block);
          if (agb_eeprom (self) != NULL)
            eeprom_access (agb_eeprom (self), b, *address (self), TRUE, block);
          g_byte_array_append (out, block, sizeof block);
          (*address (self))++;
        }
      *kind = REPLY_DATA;
      *is_read = TRUE;
      break;

    case KS_LK_CMD_AGB_WRITE_EEPROM:
      {
        g_autofree guint8 *data = g_malloc0 (transfer_size (self) + KS_AGB_EEPROM_BLOCK_SIZE);

        PAYLOAD (get_byte (self, &b) && get_bytes (self, data, transfer_size (self)));
        FAIL_CHECK ();
        if (!fits_buffer (self))
          {
            *kind = REPLY_ERROR;
            break;
          }
        for (guint i = 0; i < transfer_size (self); i += KS_AGB_EEPROM_BLOCK_SIZE)
          {
            KsAgbEepromModel *chip = self->power_lost ? NULL : agb_eeprom (self);

            if (chip != NULL)
              eeprom_access (chip, b, *address (self), FALSE, data + i);
            (*address (self))++;
            device_wait (self, C6_BLOCK_WAIT_USEC);
            if (chip != NULL &&
                fault_due (self, KS_LK_FAULT_POWER_LOSS, ks_emulated_cart_flash_operations (self->cart)))
              {
                ks_emulated_cart_set_powered (self->cart, FALSE);
                self->power_lost = TRUE;
              }
          }
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_AGB_WRITE_FLASH_DATA:
      {
        g_autofree guint8 *data = g_malloc (MAX (transfer_size (self), 1));

        PAYLOAD (get_byte (self, &b) && get_bytes (self, data, transfer_size (self)));
        FAIL_CHECK ();
        if (!fits_buffer (self))
          {
            *kind = REPLY_ERROR;
            break;
          }
        if (b == 2)
          {
            /* Atmel, per 128 bytes (LKFW): one unlock, the page at
             * (ADDRESS << 7) | i on the 16-bit save bus, 10 ms, ADDRESS + 1 */
            for (guint x = 0; x < transfer_size (self); x += C7_ATMEL_PAGE_SIZE)
              {
                agb_save_write (self, 0x5555, 0xAA);
                agb_save_write (self, 0x2AAA, 0x55);
                agb_save_write (self, 0x5555, 0xA0);
                for (guint i = 0; i < C7_ATMEL_PAGE_SIZE && x + i < transfer_size (self); i++)
                  agb_save_write (self, (guint16) (*address (self) << 7 | i), data[x + i]);
                device_wait (self, C7_ATMEL_PAGE_USEC);
                (*address (self))++;
              }
          }
        else
          {
            /* per byte: AA 55 A0, the byte, 20 µs, no polling */
            for (guint i = 0; i < transfer_size (self); i++)
              {
                agb_save_write (self, 0x5555, 0xAA);
                agb_save_write (self, 0x2AAA, 0x55);
                agb_save_write (self, 0x5555, 0xA0);
                agb_save_write (self, *address (self), data[i]);
                device_wait (self, C7_BYTE_GAP_USEC);
                (*address (self))++;
              }
          }
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_AGB_BOOTUP_SEQUENCE:
      FAIL_CHECK ();
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_AGB_READ_GPIO_RTC:
      FAIL_CHECK ();
      {
        guint8 clock[8] = { 0 };

        if (gba_rtc (self) != NULL)
          {
            rtc_transfer (gba_rtc (self), 0x63, clock, 1);
            rtc_transfer (gba_rtc (self), 0x65, clock + 1, 7);
          }
        g_byte_array_append (out, clock, sizeof clock);
      }
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_FLASH_PROGRAM:
      {
        g_autofree guint8 *data = g_malloc (MAX (transfer_size (self), 1));

        PAYLOAD (get_bytes (self, data, transfer_size (self)));
        FAIL_CHECK ();
        *kind = fits_buffer (self) ? flash_program (self, data, transfer_size (self))
                                   : REPLY_ERROR;
      }
      break;

    case KS_LK_CMD_CART_WRITE_FLASH_CMD:
      {
        guint8 flashcart;
        guint32 a[256];
        guint16 d[256];

        PAYLOAD (get_byte (self, &flashcart) && get_byte (self, &n));
        for (guint i = 0; i < n; i++)
          PAYLOAD (get_u32 (self, &a[i]) && get_u16 (self, &d[i]));
        FAIL_CHECK ();
        /* §1.5: the commands land in 16 slots of the table */
        if (n > KS_LK_MAX_FLASH_CMDS)
          {
            *kind = REPLY_ERROR;
            break;
          }
        for (guint i = 0; i < n; i++)
          {
            if (mode_is (self, KS_LK_CART_MODE_DMG))
              dmg_write (self, a[i], d[i] & 0xFF,
                         self->var8[KS_LK_VAR8_DMG_WRITE_CS_PULSE] == 1);
            else if (flashcart == 0)
              agb_save_write (self, a[i], d[i] & 0xFF);
          }
        /* §1.5: AGB flag 0 ends with a fixed 10 ms wait */
        if (mode_is (self, KS_LK_CART_MODE_AGB) && flashcart == 0)
          device_wait (self, AGB_SRAM_CMD_WAIT_USEC);
        *kind = REPLY_ACK;
      }
      break;

    case KS_LK_CMD_CALC_CRC32:
      {
        uLong crc = crc32 (0L, Z_NULL, 0);
        guint8 chunk[256];

        PAYLOAD (get_u32 (self, &value));
        FAIL_CHECK ();
        /* The ROM bus is 32 MiB at most: a longer run is refused rather
         * than kept busy for hours (and one over a smaller limit set
         * with ks_lk_emulator_set_crc32_limit()). */
        if (value > self->crc32_limit)
          {
            *kind = REPLY_ERROR;
            break;
          }
        /* §1.4: over the ROM bus from ADDRESS */
        for (guint32 done = 0; done < value; done += sizeof chunk)
          {
            guint32 length = MIN ((guint32) sizeof chunk, value - done);

            for (guint32 i = 0; i < length; i++)
              {
                guint32 at = done + i;

                if (mode_is (self, KS_LK_CART_MODE_AGB))
                  {
                    guint16 word = agb_rom_read (self, *address (self) + at / 2);

                    chunk[i] = (at & 1) ? word >> 8 : word & 0xFF;
                  }
                else if (in_gb_ram ((*address (self) + at) & 0xFFFF))
                  chunk[i] = 0xFF;   /* LKFW: no /CS pulse, the RAM stays silent */
                else
                  chunk[i] = dmg_read (self, *address (self) + at);
              }
            crc = crc32 (crc, chunk, length);
          }
        put_u32 (out, (guint32) crc);
        *kind = REPLY_DATA;
      }
      break;

    case KS_LK_CMD_BOOTLOADER_RESET:
      FAIL_CHECK ();
      *kind = REPLY_ERROR;
      break;

    case KS_LK_CMD_CART_PWR_ON:
    case KS_LK_CMD_CART_PWR_OFF:
      FAIL_CHECK ();
      if (l1 (self))
        {
          *kind = REPLY_ERROR;
          break;
        }
      device_wait (self, cmd == KS_LK_CMD_CART_PWR_ON ? POWER_ON_USEC : POWER_OFF_USEC);
      set_power (self, cmd == KS_LK_CMD_CART_PWR_ON);
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_SET_PIN:
      PAYLOAD (get_u32 (self, &value) && get_byte (self, &b));
      FAIL_CHECK ();
      *kind = REPLY_ACK;
      break;

    case KS_LK_CMD_GET_SWITCH_STATE:
      FAIL_CHECK ();
      /* §1.2 flags: this device has no cart switch */
      put_u8 (out, 0);
      *kind = REPLY_DATA;
      break;

    case KS_LK_CMD_PING:
      PAYLOAD (get_byte (self, &b));
      FAIL_CHECK ();
      put_u8 (out, b);
      *kind = REPLY_DATA;
      break;

    default:
      /* §1.1: unknown commands are answered 0x02 */
      self->stats.unknown_commands++;
      *kind = REPLY_ERROR;
      break;
    }

#undef PAYLOAD
#undef FAIL_CHECK

  return TRUE;
}

/* Sends what @kind and @out hold, as faults allow. */
static void
reply (KsLkEmulator *self,
       ReplyKind     kind,
       GByteArray   *out,
       gboolean      is_read)
{
  gsize size;

  if (kind == REPLY_ACK)
    {
      self->acks++;
      if (fault_due (self, KS_LK_FAULT_DROP_ACK, self->acks))
        return;
      g_byte_array_set_size (out, 0);
      put_u8 (out, KS_LK_STATUS_OK);
    }
  else if (kind == REPLY_ERROR)
    {
      g_byte_array_set_size (out, 0);
      put_u8 (out, KS_LK_STATUS_ERROR);
    }

  size = out->len;
  if (is_read)
    {
      self->reads++;
      self->stats.reads++;
      if (fault_due (self, KS_LK_FAULT_SHORT_READ, self->reads))
        size /= 2;
    }

  self->stats.round_trips++;
  ks_flash_clock_advance (self->clock, KS_LK_USB_ROUND_TRIP_USEC);
  self->stats.link_usec += KS_LK_USB_ROUND_TRIP_USEC;
  wire_time (self, out->len);
  sleep_until_clock (self);
  if (fault_due (self, KS_LK_FAULT_DELAY, self->stats.commands))
    g_usleep (KS_LK_FAULT_DELAY_MS * 1000);

  send_bytes (self, out->data, size);
}

static void
serve_command (KsLkEmulator *self,
               guint8        cmd)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  ReplyKind kind;
  gboolean is_read;
  gboolean fail = FALSE;

  self->stats.commands++;
  catch_up (self);

  if (replies (self, cmd))
    {
      self->replying_commands++;
      fail = fault_due (self, KS_LK_FAULT_ERROR_REPLY, self->replying_commands);
    }

  if (!handle (self, cmd, fail, out, &kind, &is_read))
    return;

  if (self->power_lost)
    {
      /* the reader lost power with the cart: it leaves the USB bus */
      self->ending = TRUE;
      self->end = KS_LK_EMULATOR_GONE;
      return;
    }

  if (kind != REPLY_NONE)
    reply (self, kind, out, is_read);

  if (fault_due (self, KS_LK_FAULT_JUNK, self->stats.commands))
    {
      const guint8 junk = KS_LK_FAULT_JUNK_BYTE;

      send_bytes (self, &junk, 1);
    }

  if (fault_due (self, KS_LK_FAULT_DISCONNECT, self->stats.commands))
    {
      self->ending = TRUE;
      self->end = KS_LK_EMULATOR_GONE;
    }
  else if (fault_due (self, KS_LK_FAULT_SILENT, self->stats.commands))
    self->silent = TRUE;
  else if (fault_due (self, KS_LK_FAULT_SLOW, self->stats.commands))
    self->baud = KS_LK_BAUD;
}

/* The rate the host set on the line: one of the two LK rates, or 0 for
 * any other (not modelled) */
static guint
line_baud (KsLkEmulator *self)
{
  struct termios tio;

  if (!self->fd_is_tty || tcgetattr (self->fd, &tio) != 0)
    return 0;

  switch (cfgetospeed (&tio))
    {
    case B1000000:
      return KS_LK_BAUD;
    case B1500000:
      return KS_LK_BAUD_FAST;
    default:
      return 0;
    }
}

/* A byte sent at the other LK rate reaches the device as noise */
static gboolean
heard (KsLkEmulator *self)
{
  guint line = line_baud (self);

  return line == 0 || line == self->baud;
}

KsLkEmulatorEnd
ks_lk_emulator_serve (KsLkEmulator *self,
                      int           fd)
{
  guint8 cmd;

  g_return_val_if_fail (self != NULL, KS_LK_EMULATOR_STOPPED);
  g_return_val_if_fail (fd >= 0, KS_LK_EMULATOR_STOPPED);

  self->fd = fd;
  self->fd_is_tty = isatty (fd);
  self->connected = FALSE;
  self->ending = FALSE;
  g_byte_array_set_size (self->input, 0);
  self->real_base = g_get_monotonic_time ();
  self->clock_base = self->clock->now_usec;

  while (!self->ending && get_byte (self, &cmd))
    {
      if (self->silent)
        continue;
      if (!heard (self))
        {
          self->stats.garbled_bytes++;
          continue;
        }
      serve_command (self, cmd);
    }

  /* what the device answered before it stopped still goes out; how it
   * ended stays what ended it */
  {
    KsLkEmulatorEnd end = self->ending ? self->end : KS_LK_EMULATOR_HOST_CLOSED;

    flush_output (self);
    self->end = end;
    self->ending = TRUE;
  }
  self->fd = -1;
  return self->ending ? self->end : KS_LK_EMULATOR_HOST_CLOSED;
}

int
ks_lk_emulator_open_pty (char   **slave_path,
                         GError **error)
{
  struct termios tio;
  const char *name;
  int fd;

  g_return_val_if_fail (slave_path != NULL, -1);

  fd = posix_openpt (O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || grantpt (fd) != 0 || unlockpt (fd) != 0 || (name = ptsname (fd)) == NULL)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a pseudo-terminal for the emulated reader: %s"),
                   g_strerror (saved_errno));
      return -1;
    }

  /* Raw from the start, so even a host that does not set the line up
   * gets the bytes unchanged (the slave's settings live on the master). */
  if (tcgetattr (fd, &tio) == 0)
    {
      cfmakeraw (&tio);
      tcsetattr (fd, TCSANOW, &tio);
    }

  *slave_path = g_strdup (name);
  return fd;
}
