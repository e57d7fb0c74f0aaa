/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-lk-emulator.h — the device side of the LK protocol, backed by chip
 * models: an emulated GBxCart RW on a file descriptor (a pty master)
 *
 * Serves the protocol as the firmware semantics of
 * cart-reader-protocol.md §1.4, §1.5 and §7.2 describe them: one command
 * byte, then exactly its payload; ADDRESS auto-increments; reads send
 * TRANSFER_SIZE bytes; unknown commands get 0x02; nothing is sent unasked.
 *
 * Time: the cart's chips live in virtual time (ks-flash-clock.h).  Each
 * byte on the wire costs 10 bits at the rate the device runs at (10 µs at
 * 1,000,000 baud, 6.7 µs at 1,500,000), each reply a 1 ms USB round trip,
 * and the firmware's own waits (10 ms after an AGB flash command packet,
 * 150 ms for power-on…) their length; with real time on, the emulator also
 * sleeps those times, so a host sees the speed of the real device.
 *
 * The link: the device starts at 1,000,000 baud; on the v1.4a profile 0x3E
 * switches it to 1,500,000 and 0x3C back (§1.1; the v1.3 profile does not
 * know them).  A pty carries bytes whatever its speed, so the emulator
 * reads the speed the host set on the line: while the host runs at the
 * other of the two LK rates, every byte it sends is noise the device drops
 * (a host at any other speed is not modelled and is heard).
 *
 * The device buffer (§1.5): a read command sends at most 4096 bytes (or
 * the lower read limit set here, to stand for a reader that cannot stream
 * more); a larger TRANSFER_SIZE gets a short reply.  A write command whose
 * TRANSFER_SIZE is larger than the buffer is refused (0x02): the real
 * firmware would overflow its buffer, which no host may risk.
 *
 * Faults: each fires once, at the Nth event of its kind (1-based, counted
 * from the start of the emulator).
 */
#pragma once

#include <glib.h>

#include "ks-emulated-cart.h"

G_BEGIN_DECLS

/* The wire model (§1.1 and §7.2): bytes at the baud rate, 10 bits each,
 * plus a USB round trip for every reply */
#define KS_LK_USB_ROUND_TRIP_USEC 1000
/* How late a "delay" fault answers: past the host's 1 s time-out (§7.2) */
#define KS_LK_FAULT_DELAY_MS      1500
/* The byte a "junk" fault sends: not a status byte */
#define KS_LK_FAULT_JUNK_BYTE     0xA5

typedef enum
{
  KS_LK_FAULT_DROP_ACK,     /* the Nth acknowledgement is not sent */
  KS_LK_FAULT_JUNK,         /* a junk byte follows the reply to the Nth command */
  KS_LK_FAULT_SHORT_READ,   /* the Nth read command sends half its bytes */
  KS_LK_FAULT_ERROR_REPLY,  /* the Nth replying command answers 0x02, not done */
  KS_LK_FAULT_LOSE_BYTE,    /* the Nth byte from the host is lost */
  KS_LK_FAULT_DELAY,        /* the reply to the Nth command comes 1.5 s late */
  KS_LK_FAULT_SILENT,       /* after N commands the device answers nothing */
  KS_LK_FAULT_DISCONNECT,   /* after N commands the device goes away */
  KS_LK_FAULT_POWER_LOSS,   /* power fails as the Nth flash erase/program starts */
  KS_LK_FAULT_BAUD,         /* the Nth 0x3E is not obeyed: the device stays at 1 Mbaud */
  KS_LK_FAULT_SLOW,         /* after N commands the UART is back at 1 Mbaud (a reset) */
} KsLkFaultKind;

typedef struct
{
  KsLkFaultKind kind;
  guint         n;
} KsLkFault;

/* "drop-ack", "junk", "short-read", "error", "lose-byte", "delay",
 * "silent", "disconnect", "power-loss", "baud", "slow", each optionally
 * ":N" (default 1). */
gboolean    ks_lk_fault_parse            (const char     *spec,
                                          KsLkFault      *fault,
                                          GError        **error);
const char *ks_lk_fault_kind_to_string   (KsLkFaultKind   kind);

typedef enum
{
  KS_LK_PROFILE_L14,   /* GBxCart RW v1.4a, R42+L14: PCB 6, acks everything */
  KS_LK_PROFILE_L1,    /* GBxCart RW v1.3, L1: no acks for A2-A6/A8/B2/C2 */
} KsLkProfile;

typedef enum
{
  KS_LK_EMULATOR_HOST_CLOSED,   /* the host closed the port */
  KS_LK_EMULATOR_STOPPED,       /* ks_lk_emulator_stop() */
  KS_LK_EMULATOR_GONE,          /* a disconnect or power-loss fault fired */
} KsLkEmulatorEnd;

typedef struct
{
  guint64 commands;
  guint64 bytes_in;
  guint64 bytes_out;
  /* commands the device answered: each costs the host a USB round trip */
  guint64 round_trips;
  /* read commands (B1, C1, C3, C5): what "short-read:N" counts */
  guint64 reads;
  /* the wire model: every byte at the rate in force, plus 1 ms a reply */
  guint64 link_usec;
  /* what the firmware and the chips took on top (power-on, erase, …) */
  guint64 device_usec;
  /* bytes dropped because host and device ran at different rates */
  guint64 garbled_bytes;
  guint   baud_switches;
  guint   power_ons;
  guint   faults_fired;
  /* commands the firmware does not know (0x00 resynchronisation bytes…) */
  guint64 unknown_commands;
  /* times a GBA cart was powered at 5 V: a host must never do this */
  guint   gba_cart_at_5v;
} KsLkEmulatorStats;

typedef struct _KsLkEmulator KsLkEmulator;

/* @cart is not owned; it must outlive the emulator. */
KsLkEmulator    *ks_lk_emulator_new         (KsEmulatedCart  *cart);
void             ks_lk_emulator_free        (KsLkEmulator    *self);
void             ks_lk_emulator_set_profile (KsLkEmulator    *self,
                                             KsLkProfile      profile);
void             ks_lk_emulator_set_real_time (KsLkEmulator  *self,
                                             gboolean         real_time);
/* The most a read command sends (64 to 4096; default 4096, the buffer) */
void             ks_lk_emulator_set_read_limit (KsLkEmulator *self,
                                             guint            limit);
/* The longest run a CRC32 command reads (1 byte to 32 MiB, the GBA ROM
 * bus; default 32 MiB); a longer one is answered with an error */
void             ks_lk_emulator_set_crc32_limit (KsLkEmulator *self,
                                             guint32          limit);
/* The rate the device runs at now */
guint            ks_lk_emulator_get_baud    (KsLkEmulator    *self);
void             ks_lk_emulator_add_fault   (KsLkEmulator    *self,
                                             const KsLkFault *fault);
/* Serves @fd until the host closes it, ks_lk_emulator_stop() is called, or
 * a fault takes the device away.  Before the first byte arrives, a pty
 * without a host is waited on.  Device state persists across calls, as a
 * reader stays powered when a host closes the port. */
KsLkEmulatorEnd  ks_lk_emulator_serve       (KsLkEmulator    *self,
                                             int              fd);
/* Makes a running ks_lk_emulator_serve() return; safe from any thread. */
void             ks_lk_emulator_stop        (KsLkEmulator    *self);
void             ks_lk_emulator_get_stats   (KsLkEmulator    *self,
                                             KsLkEmulatorStats *stats);
/* Device time: what the wire, the firmware and the chips have used */
guint64          ks_lk_emulator_get_time_usec (KsLkEmulator  *self);

/* A new pseudo-terminal in raw mode: returns the master fd and sets
 * @slave_path to the path a host opens. */
int              ks_lk_emulator_open_pty    (char           **slave_path,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsLkEmulator, ks_lk_emulator_free)

G_END_DECLS
