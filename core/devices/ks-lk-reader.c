/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-lk-reader.c — the LK protocol, host side
 *
 * cart-reader-protocol.md §1.1 (transport, time-outs, recovery), §1.2
 * (identification), §1.5 (firmware semantics the host relies on) and §7.1
 * (the wire subset and session recipes).  Choices the spec leaves open:
 *   - The driver remembers the variables it set (TRANSFER_SIZE, ADDRESS
 *     and the DMG access settings) and follows ADDRESS's auto-increment,
 *     so a run of reads sends only read commands.  Any failure forgets
 *     them all, because a half-received command may have changed them.
 *   - Bytes found waiting before a command were sent unasked (a junk byte
 *     after a reply): they are dropped, so they cannot shift the next
 *     answer.
 *   - A resynchronisation counts only when the 0x01/0x02 is followed by
 *     silence; a status-looking byte in the middle of a data stream does
 *     not end it.
 *   - Switching between DMG and AGB switches the cart off first, so a GBA
 *     cart never sees 5 V and no cart sees a voltage change while powered.
 *   - Only a read of the full current transfer size that comes back short
 *     or late lowers the size: a fault on a smaller piece says nothing
 *     about the buffer.  A lone 0x02 is a refusal, not a short read.
 *   - After a baud switch command the host waits for the byte to leave and
 *     for the reader to change rate (BAUD_SETTLE_MS) before it changes its
 *     own: FlashGBX closes and reopens the port there, which takes as long.
 *   - Flash data packets (AGB_CART_WRITE_FLASH_DATA, FLASH_PROGRAM) carry
 *     what FlashGBX sends: 1 KiB on a v1.4/v1.4a at 1,500,000 baud, 256
 *     bytes otherwise (§1.5).  A larger packet would still fit the buffer,
 *     but no real reader is known to take one.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-lk-protocol.h"
#include "ks-lk-reader.h"
#include "ks-port-lock.h"
#include "ks-reader-memory.h"
#include "ks-serial-link.h"

G_DEFINE_QUARK (ks-lk-error-quark, ks_lk_error)

/* §1.5: write packets; FlashGBX's 256 bytes, and its 1 KiB on a v1.4 or
 * v1.4a at 1,500,000 baud */
#define WRITE_CHUNK       0x100
#define WRITE_CHUNK_FAST  0x400
/* §1.5: the read transfer sizes tried, each a quarter of the one before */
#define READ_SIZE_STEP    4
/* How long a reader takes to change its rate after 0x3C/0x3E */
#define BAUD_SETTLE_MS    20
/* §1.5: F2 takes 150 ms inside the device; FlashGBX waits up to 1 s */
#define POWER_ON_TIMEOUT_MS 1000
/* A resynchronisation answer must be followed by this much silence */
#define QUIET_MS          10
/* The GB bus areas (Pan Docs) */
#define GB_RAM_START      0xA000
#define GB_RAM_END        0xBFFF
#define GB_ROM_END        0x7FFF

typedef enum
{
  CACHE_ADDRESS,
  CACHE_TRANSFER_SIZE,
  CACHE_ACCESS_MODE,
  CACHE_READ_CS,
  CACHE_WRITE_CS,
  N_CACHE,
} CacheSlot;

static const struct
{
  guint8 size;
  guint8 key;
} cache_vars[N_CACHE] = {
  [CACHE_ADDRESS] = { KS_LK_VAR_32, KS_LK_VAR32_ADDRESS },
  [CACHE_TRANSFER_SIZE] = { KS_LK_VAR_16, KS_LK_VAR16_TRANSFER_SIZE },
  [CACHE_ACCESS_MODE] = { KS_LK_VAR_8, KS_LK_VAR8_DMG_ACCESS_MODE },
  [CACHE_READ_CS] = { KS_LK_VAR_8, KS_LK_VAR8_DMG_READ_CS_PULSE },
  [CACHE_WRITE_CS] = { KS_LK_VAR_8, KS_LK_VAR8_DMG_WRITE_CS_PULSE },
};

struct _KsLkReader
{
  GObject        parent_instance;

  char          *path;
  KsSerialLink  *link;
  KsLkIdentity   identity;
  gboolean       acks;          /* L12+: configuration commands are acked */
  guint          reply_ms;
  guint          probe_ms;
  KsLkSession    session;
  gboolean       holds_port;    /* ks-port-lock.h */
  gboolean       powered_by_us;
  gboolean       dead;          /* stopped answering or went away */
  gboolean       cache_valid[N_CACHE];
  guint32        cache[N_CACHE];
  KsBus          bus;
  KsLkStats      stats;
  guint          baud;          /* the link's rate now */
  guint          read_size;     /* the largest read transfer to ask for */
  gsize          short_size;    /* a smaller read that came back short once */
  gboolean       awaiting;      /* a command went out and nothing was read since */
  gssize         received;      /* bytes the last receive() got */
  gboolean       flash_cmd_valid;
  guint8         flash_cmd[3 + 6 * 6];   /* what SET_FLASH_CMD last set */
};

G_DEFINE_FINAL_TYPE (KsLkReader, ks_lk_reader, G_TYPE_OBJECT)

static KsLkReader *
reader_of_bus (KsBus *bus)
{
  return (KsLkReader *) ((char *) bus - G_STRUCT_OFFSET (KsLkReader, bus));
}

/* ---- bytes on the wire ------------------------------------------------------ */

static gboolean
check_open (KsLkReader  *self,
            GError     **error)
{
  if (self->link == NULL)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED,
                   _("The reader at %s is closed."), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
gone (KsLkReader  *self,
      GError     **error,
      GError      *link_error)
{
  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED, "%s", link_error->message);
  g_error_free (link_error);
  return FALSE;
}

static gboolean
send (KsLkReader    *self,
      const guint8  *data,
      gsize          size,
      GError       **error)
{
  GError *link_error = NULL;
  gint waiting;

  if (!check_open (self, error))
    return FALSE;

  /* Bytes waiting now were sent unasked: drop them before they are taken
   * for the answer to this command. */
  waiting = ks_serial_link_input_waiting (self->link);
  if (waiting > 0)
    {
      guint8 junk[256];
      gssize n = ks_serial_link_read (self->link, junk, MIN ((gsize) waiting, sizeof junk), 0,
                                      &link_error);

      if (n < 0)
        return gone (self, error, link_error);
      self->stats.junk_bytes += n;
      if ((gsize) waiting > sizeof junk)
        ks_serial_link_flush (self->link);
    }

  if (!ks_serial_link_write (self->link, data, size, &link_error))
    return gone (self, error, link_error);

  self->stats.commands++;
  self->stats.bytes_sent += size;
  self->awaiting = TRUE;
  return TRUE;
}

/* The first read after a command is where the host waits for the USB
 * round trip. */
static void
count_round_trip (KsLkReader *self)
{
  if (self->awaiting)
    self->stats.round_trips++;
  self->awaiting = FALSE;
}

static gboolean
receive (KsLkReader  *self,
         guint8      *buffer,
         gsize        size,
         guint        timeout_ms,
         guint8       command,
         GError     **error)
{
  GError *link_error = NULL;
  gssize n;

  if (!check_open (self, error))
    return FALSE;

  /* At 1,000,000 baud each byte takes 10 µs: allow twice that on top. */
  count_round_trip (self);
  self->received = 0;
  n = ks_serial_link_read (self->link, buffer, size, timeout_ms + (guint) (size / 50),
                           &link_error);
  if (n < 0)
    return gone (self, error, link_error);

  self->received = n;
  self->stats.bytes_received += n;
  if ((gsize) n < size)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT,
                   _("The reader sent %zd of %zu bytes in "
                     "answer to command %02X within %u ms."), n, size, command, timeout_ms);
      return FALSE;
    }

  return TRUE;
}

/* A data reply is exactly as long as asked: a byte waiting after it means
 * an unasked byte came before or after it, and the data may be shifted. */
static gboolean
check_nothing_more (KsLkReader  *self,
                    guint8       command,
                    GError     **error)
{
  gint waiting = ks_serial_link_input_waiting (self->link);

  if (waiting > 0)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                   _("The reader sent %d bytes more than asked in answer to command %02X."),
                   waiting, command);
      return FALSE;
    }

  return TRUE;
}

/* @extra_ms: what the device spends on the command before it answers */
static gboolean
receive_ack_after (KsLkReader  *self,
                   guint8       command,
                   guint        extra_ms,
                   GError     **error)
{
  guint8 status;

  if (!receive (self, &status, 1, self->reply_ms + extra_ms, command, error))
    return FALSE;

  if (status == KS_LK_STATUS_OK)
    return TRUE;

  if (status == KS_LK_STATUS_ERROR)
    g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                 _("The reader refused command %02X (it answered 02)."), command);
  else
    g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                 _("The reader answered %02X to command %02X, where 01 was due."), status, command);
  return FALSE;
}

static gboolean
receive_ack (KsLkReader  *self,
             guint8       command,
             GError     **error)
{
  return receive_ack_after (self, command, 0, error);
}

/* A command that is acknowledged on L12+; below, only some are (§1.5). */
static gboolean
command_ack (KsLkReader    *self,
             const guint8  *frame,
             gsize          size,
             gboolean       always_acked,
             GError       **error)
{
  if (!send (self, frame, size, error))
    return FALSE;

  if (!always_acked && !self->acks)
    return TRUE;

  return receive_ack (self, frame[0], error);
}

static void
forget_state (KsLkReader *self)
{
  memset (self->cache_valid, 0, sizeof self->cache_valid);
  self->flash_cmd_valid = FALSE;
}

/* §1.1: flush, then 0x00 bytes (an unknown command) until 0x01 or 0x02
 * comes back, followed by silence. */
static gboolean
resync (KsLkReader  *self,
        GError     **error)
{
  GError *link_error = NULL;

  self->stats.resyncs++;
  forget_state (self);

  for (guint i = 0; i < KS_LK_RESYNC_BYTES; i++)
    {
      const guint8 zero = 0x00;
      guint8 answer[64];
      gssize n;

      ks_serial_link_flush (self->link);
      if (!ks_serial_link_write (self->link, &zero, 1, &link_error))
        return gone (self, error, link_error);

      n = ks_serial_link_read (self->link, answer, 1, self->probe_ms, &link_error);
      if (n < 0)
        return gone (self, error, link_error);
      if (n == 0 || (answer[0] != KS_LK_STATUS_OK && answer[0] != KS_LK_STATUS_ERROR))
        continue;

      n = ks_serial_link_read (self->link, answer, sizeof answer, QUIET_MS, &link_error);
      if (n < 0)
        return gone (self, error, link_error);
      if (n == 0)
        return TRUE;
    }

  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT,
               _("The reader at %s stopped answering: it gave no reply to %u resynchronisation "
                 "bytes. Unplug it, plug it in again and retry."), self->path, KS_LK_RESYNC_BYTES);
  return FALSE;
}

typedef gboolean (*Step) (KsLkReader *self, gpointer data, GError **error);

static gboolean fall_back_to_slow (KsLkReader *self, GError **error);

/* Runs @step, resynchronising and repeating it after a failure that a
 * repeat can cure. */
static gboolean
run (KsLkReader  *self,
     Step         step,
     gpointer     data,
     GError     **error)
{
  g_autoptr(GError) last = NULL;

  for (guint attempt = 1; attempt <= KS_LK_ATTEMPTS; attempt++)
    {
      g_clear_error (&last);
      if (step (self, data, &last))
        return TRUE;

      forget_state (self);
      if (g_error_matches (last, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED))
        self->dead = TRUE;
      if (g_error_matches (last, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) ||
          g_error_matches (last, KS_LK_ERROR, KS_LK_ERROR_CART) ||
          attempt == KS_LK_ATTEMPTS)
        break;

      if (!resync (self, error))
        {
          /* §1.1: a reader that stops answering at 1,500,000 baud gets one
           * more chance at 1,000,000 */
          if (self->baud != KS_LK_BAUD_FAST)
            {
              self->dead = TRUE;
              return FALSE;
            }
          g_clear_error (error);
          if (!fall_back_to_slow (self, error))
            {
              self->dead = TRUE;
              return FALSE;
            }
        }
      self->stats.retries++;
    }

  if (g_error_matches (last, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) ||
      g_error_matches (last, KS_LK_ERROR, KS_LK_ERROR_CART))
    g_propagate_error (error, g_steal_pointer (&last));
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&last),
                                _("The reader kept failing after %u attempts: "), KS_LK_ATTEMPTS);
  return FALSE;
}

/* ---- variables ---------------------------------------------------------------- */

static gboolean
set_variable (KsLkReader  *self,
              guint8       size,
              guint8       key,
              guint32      value,
              GError     **error)
{
  guint8 frame[10] = { KS_LK_CMD_SET_VARIABLE, size };

  ks_write_be32 (frame + 2, key);
  ks_write_be32 (frame + 6, value);

  return command_ack (self, frame, sizeof frame, FALSE, error);
}

static gboolean
set_cached (KsLkReader  *self,
            CacheSlot    slot,
            guint32      value,
            GError     **error)
{
  if (self->cache_valid[slot] && self->cache[slot] == value)
    return TRUE;

  self->cache_valid[slot] = FALSE;
  if (!set_variable (self, cache_vars[slot].size, cache_vars[slot].key, value, error))
    return FALSE;

  self->cache_valid[slot] = TRUE;
  self->cache[slot] = value;
  return TRUE;
}

/* ---- identification ------------------------------------------------------------ */

static void
identity_clear (KsLkIdentity *identity)
{
  g_clear_pointer (&identity->name, g_free);
}

/* @whole: the byte is the whole answer (not the start of a longer one) */
static gboolean
probe_byte (KsLkReader  *self,
            guint8       command,
            gboolean     whole,
            guint8      *answer,
            GError     **error)
{
  GError *link_error = NULL;
  gssize n;

  if (!send (self, &command, 1, error))
    return FALSE;

  count_round_trip (self);
  n = ks_serial_link_read (self->link, answer, 1, self->probe_ms, &link_error);
  if (n < 0)
    {
      gone (self, error, link_error);
      return FALSE;
    }
  self->stats.bytes_received += n;

  if (n == 0)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT,
                   _("No answer to command %02X."), command);
      return FALSE;
    }

  return !whole || check_nothing_more (self, command, error);
}

static gboolean
not_lk (KsLkReader  *self,
        GError     **error)
{
  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_NOT_LK,
               _("The device at %s does not answer like a cart reader with Lesserkuma's LK "
                 "firmware (GBxCart RW, GBFlash, Joey Jr). If it is a GBxCart RW, update its "
                 "firmware with FlashGBX."), self->path);
  return FALSE;
}

/* §1.2 */
static gboolean
identify_once (KsLkReader  *self,
               gboolean    *answered,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  KsLkIdentity *id = &self->identity;
  guint8 info[KS_LK_FW_INFO_LENGTH];
  guint8 length;

  ks_serial_link_flush (self->link);

  identity_clear (id);
  memset (id, 0, sizeof *id);

  if (probe_byte (self, KS_LK_CMD_OFW_PCB_VER, TRUE, &id->pcb, &local_error))
    {
      *answered = TRUE;
      if (probe_byte (self, KS_LK_CMD_OFW_FW_VER, TRUE, &id->ofw, &local_error))
        {
          if (id->pcb < KS_LK_PCB_V1_4 && id->ofw > 0 &&
              !(id->pcb == KS_LK_PCB_V1_1 && id->ofw == KS_LK_STATUS_ERROR))
            {
              g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_OLD_FIRMWARE,
                           _("The GBxCart RW at %s runs insideGadgets' firmware R%u. Keepsake "
                             "speaks Lesserkuma's LK firmware: install it with FlashGBX (Options "
                             "→ Firmware Updater), then try again."), self->path, id->ofw);
              return FALSE;
            }
          /* "unknown command" twice, or no R version on a v1.4: a generic LK
           * device such as the GBFlash (§1.2 step 2 and step 5) */
          id->gbxcart = !(id->pcb == KS_LK_PCB_V1_1 && id->ofw == KS_LK_STATUS_ERROR) &&
                        !(id->pcb >= KS_LK_PCB_V1_4 && id->ofw == 0);
        }
    }

  if (g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_error (&local_error);
  ks_serial_link_flush (self->link);

  if (!probe_byte (self, KS_LK_CMD_QUERY_FW_INFO, FALSE, &length, &local_error))
    {
      if (g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return not_lk (self, error);
    }
  *answered = TRUE;

  if (length != KS_LK_FW_INFO_LENGTH ||
      !receive (self, info, sizeof info, self->reply_ms, KS_LK_CMD_QUERY_FW_INFO, &local_error) ||
      info[0] != KS_LK_CFW_ID)
    {
      if (g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return not_lk (self, error);
    }

  id->fw_ver = ks_read_be16 (info + 1);
  id->pcb_ver = info[3];
  id->build_time = ks_read_be32 (info + 4);
  if (!id->gbxcart)
    id->pcb = id->pcb_ver;

  if (id->fw_ver >= KS_LK_FW_VER_ACKS)
    {
      guint8 name_length, tail[2];
      g_autofree guint8 *name = NULL;

      if (!receive (self, &name_length, 1, self->reply_ms, KS_LK_CMD_QUERY_FW_INFO, error))
        return FALSE;
      name = g_malloc0 ((gsize) name_length + 1);
      if (!receive (self, name, name_length, self->reply_ms, KS_LK_CMD_QUERY_FW_INFO, error) ||
          !receive (self, tail, 2, self->reply_ms, KS_LK_CMD_QUERY_FW_INFO, error) ||
          !check_nothing_more (self, KS_LK_CMD_QUERY_FW_INFO, error))
        return FALSE;

      id->name = g_utf8_make_valid ((const char *) name, -1);
      id->flags = tail[0];
      /* §1.2: FlashGBX counts power control only when the byte is exactly 1 */
      id->power_control = id->flags == KS_LK_FW_FLAG_POWER_CONTROL;
    }
  else
    {
      /* L1 on the v1.3: the OFW power commands switch the cart (§1.4) */
      id->power_control = FALSE;
    }

  self->acks = id->fw_ver >= KS_LK_FW_VER_ACKS;
  return TRUE;
}

/* A device that answered, but oddly, gets a second chance after a
 * resynchronisation: one damaged byte must not condemn a good reader.  A
 * device that answered nothing is not an LK reader, and says so fast. */
static gboolean
identify (KsLkReader  *self,
          GError     **error)
{
  g_autoptr(GError) first = NULL;
  gboolean answered = FALSE;

  if (identify_once (self, &answered, &first))
    return TRUE;

  if (!answered || g_error_matches (first, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED) ||
      !resync (self, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&first));
      return FALSE;
    }

  self->stats.retries++;
  return identify_once (self, &answered, error);
}

/* ---- the link's rate (§1.1) ------------------------------------------------------ */

/* Sends 0x3C or 0x3E, which the reader does not answer, lets it leave the
 * host and the reader change its rate, then follows. */
static gboolean
switch_rate (KsLkReader  *self,
             guint8       command,
             guint        baud,
             GError     **error)
{
  GError *link_error = NULL;

  if (!send (self, &command, 1, error))
    return FALSE;
  self->awaiting = FALSE;

  ks_serial_link_drain (self->link);
  ks_serial_link_sleep (self->link, BAUD_SETTLE_MS * 1000);
  self->stats.waited_usec += BAUD_SETTLE_MS * 1000;

  if (!ks_serial_link_set_baud (self->link, baud, &link_error))
    return gone (self, error, link_error);
  ks_serial_link_flush (self->link);
  self->baud = baud;

  return TRUE;
}

/* One exchange at the new rate: the PCB byte again */
static gboolean
check_rate (KsLkReader  *self,
            GError     **error)
{
  guint8 pcb;

  if (!probe_byte (self, KS_LK_CMD_OFW_PCB_VER, TRUE, &pcb, error))
    return FALSE;

  if (pcb != self->identity.pcb)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                   _("The reader answered %02X to the PCB query at 1,500,000 baud, where %02X "
                     "was due."), pcb, self->identity.pcb);
      return FALSE;
    }

  return TRUE;
}

/* Back to 1,000,000 baud, for the rest of the session.  The reader either
 * hears the 0x3C at the fast rate or never left the slow one: at the slow
 * rate it answers the resynchronisation either way. */
static gboolean
fall_back_to_slow (KsLkReader  *self,
                   GError     **error)
{
  ks_reader_memory_set_fast_failed (self->path);
  self->stats.baud_fallbacks++;
  forget_state (self);

  return switch_rate (self, KS_LK_CMD_BAUD_1M, KS_LK_BAUD, error) &&
         resync (self, error);
}

/* §1.1: FlashGBX's 1,500,000 baud on PCB 5 and 6 */
static gboolean
go_fast (KsLkReader  *self,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const KsLkIdentity *id = &self->identity;

  if (self->baud == KS_LK_BAUD_FAST || !id->gbxcart || !self->acks ||
      (id->pcb != KS_LK_PCB_V1_4 && id->pcb != KS_LK_PCB_V1_4A) ||
      ks_reader_memory_get_fast_failed (self->path))
    return TRUE;

  if (!switch_rate (self, KS_LK_CMD_BAUD_1M5, KS_LK_BAUD_FAST, error))
    return FALSE;
  if (check_rate (self, &local_error))
    return TRUE;

  if (g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_DISCONNECTED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return fall_back_to_slow (self, error);
}

/* ---- the object ------------------------------------------------------------------ */

static void
ks_lk_reader_finalize (GObject *object)
{
  KsLkReader *self = (KsLkReader *) object;

  ks_lk_reader_close (self);
  identity_clear (&self->identity);
  g_free (self->path);

  G_OBJECT_CLASS (ks_lk_reader_parent_class)->finalize (object);
}

static void
ks_lk_reader_class_init (KsLkReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ks_lk_reader_finalize;
}

static const KsBusOps reader_bus_ops;

static void
ks_lk_reader_init (KsLkReader *self)
{
  self->reply_ms = KS_LK_REPLY_TIMEOUT_MS;
  self->probe_ms = KS_LK_PROBE_TIMEOUT_MS;
  self->bus.ops = &reader_bus_ops;
  self->baud = KS_LK_BAUD;
  self->read_size = KS_READER_READ_SIZE_MAX;
}

/* Identifies the device on the open link and switches to the fast rate */
static gboolean
start (KsLkReader  *self,
       GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!identify (self, &local_error))
    {
      GError *link_error = NULL;

      /* §1.1: FlashGBX tries 1,000,000 baud, then 1,500,000: a reader a
       * crashed program left at the fast rate hears only noise at the
       * slow one. */
      if (!g_error_matches (local_error, KS_LK_ERROR, KS_LK_ERROR_NOT_LK))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!ks_serial_link_set_baud (self->link, KS_LK_BAUD_FAST, &link_error))
        {
          g_error_free (link_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      self->baud = KS_LK_BAUD_FAST;
      if (!identify (self, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (!go_fast (self, error))
    return FALSE;

  return TRUE;
}

KsLkReader *
ks_lk_reader_open (const char  *path,
                   GError     **error)
{
  g_autoptr(KsLkReader) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KS_TYPE_LK_READER, NULL);
  self->path = g_strdup (path);
  /* Keepsake's own other users of the port (a device row reading its
   * cart, a job) go first: wait for them, do not fail with EBUSY */
  ks_port_lock_acquire (path);
  self->holds_port = TRUE;
  self->read_size = ks_reader_memory_get_read_size (path);
  self->link = ks_serial_link_open (path, KS_LK_BAUD, error);
  if (self->link == NULL)
    return NULL;

  if (!start (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

KsLkReader *
ks_lk_reader_open_link (KsSerialLink  *link,
                        GError       **error)
{
  g_autoptr(KsLkReader) self = NULL;

  g_return_val_if_fail (link != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KS_TYPE_LK_READER, NULL);
  self->path = g_strdup (ks_serial_link_get_path (link));
  self->read_size = ks_reader_memory_get_read_size (self->path);
  self->link = link;

  if (!start (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
ks_lk_reader_release_port (KsLkReader *self)
{
  if (self->holds_port)
    {
      self->holds_port = FALSE;
      ks_port_lock_release (self->path);
    }
}

void
ks_lk_reader_close (KsLkReader *self)
{
  g_return_if_fail (KS_IS_LK_READER (self));

  if (self->link == NULL)
    {
      ks_lk_reader_release_port (self);
      return;
    }

  /* Leave the cart unpowered, as FlashGBX does when it disconnects (a
   * device that stopped answering is not asked again). */
  if (self->powered_by_us && !self->dead)
    ks_lk_reader_power_off (self, NULL);
  /* §1.1: leave the reader at the rate it starts at */
  if (self->baud == KS_LK_BAUD_FAST && !self->dead)
    switch_rate (self, KS_LK_CMD_BAUD_1M, KS_LK_BAUD, NULL);

  g_clear_pointer (&self->link, ks_serial_link_close);
  self->session = KS_LK_SESSION_NONE;
  ks_lk_reader_release_port (self);
}

const char *
ks_lk_reader_get_path (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  return self->path;
}

const char *
ks_lk_reader_get_backend (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  return self->link != NULL ? ks_serial_link_get_backend (self->link) : "closed";
}

const KsLkIdentity *
ks_lk_reader_get_identity (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  return &self->identity;
}

char *
ks_lk_reader_dup_firmware (KsLkReader *self)
{
  const KsLkIdentity *id;

  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  id = &self->identity;
  if (id->gbxcart && (id->pcb == KS_LK_PCB_V1_4 || id->pcb == KS_LK_PCB_V1_4A))
    return g_strdup_printf ("R%u+L%u", id->ofw, id->fw_ver);

  return g_strdup_printf ("L%u", id->fw_ver);
}

char *
ks_lk_reader_dup_device_name (KsLkReader *self)
{
  const KsLkIdentity *id;
  const char *base;

  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  id = &self->identity;
  if (id->name != NULL && id->name[0] != '\0')
    base = id->name;
  else
    base = id->gbxcart ? "GBxCart RW" : _("LK cart reader");
  if (!id->gbxcart)
    return g_strdup (base);

  /* §1.2: the PCB numbers */
  switch (id->pcb)
    {
    case KS_LK_PCB_V1_1:
      return g_strdup_printf ("%s v1.1/v1.2", base);
    case KS_LK_PCB_V1_3:
      return g_strdup_printf ("%s v1.3", base);
    case KS_LK_PCB_V1_4:
      return g_strdup_printf ("%s v1.4", base);
    case KS_LK_PCB_V1_4A:
      return g_strdup_printf ("%s v1.4a", base);
    case KS_LK_PCB_XMAS:
      return g_strdup_printf ("%s XMAS", base);
    case KS_LK_PCB_MINI:
      return g_strdup_printf ("%s Mini", base);
    default:
      return g_strdup_printf ("%s (PCB %u)", base, id->pcb);
    }
}

void
ks_lk_reader_set_timeouts (KsLkReader *self,
                           guint       reply_ms,
                           guint       probe_ms)
{
  g_return_if_fail (KS_IS_LK_READER (self));
  g_return_if_fail (reply_ms > 0 && probe_ms > 0);

  self->reply_ms = reply_ms;
  self->probe_ms = probe_ms;
}

void
ks_lk_reader_get_stats (KsLkReader *self,
                        KsLkStats  *stats)
{
  g_return_if_fail (KS_IS_LK_READER (self));
  g_return_if_fail (stats != NULL);

  *stats = self->stats;
}

guint
ks_lk_reader_get_baud (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), 0);

  return self->baud;
}

guint
ks_lk_reader_get_read_size (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), 0);

  return self->read_size;
}

char *
ks_lk_reader_dup_rate (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  return g_strdup (self->baud == KS_LK_BAUD_FAST ? _("1.5 Mbaud") : _("1 Mbaud"));
}

KsLkSession
ks_lk_reader_get_session (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), KS_LK_SESSION_NONE);

  return self->session;
}

/* ---- sessions ---------------------------------------------------------------------- */

static gboolean
step_simple (KsLkReader  *self,
             gpointer     data,
             GError     **error)
{
  guint8 command = GPOINTER_TO_UINT (data);

  return command_ack (self, &command, 1, TRUE, error);
}

static gboolean
step_config (KsLkReader  *self,
             gpointer     data,
             GError     **error)
{
  guint8 command = GPOINTER_TO_UINT (data);

  return command_ack (self, &command, 1, FALSE, error);
}

typedef struct
{
  guint8  size;
  guint8  key;
  guint32 value;
} VarStep;

static gboolean
step_variable (KsLkReader  *self,
               gpointer     data,
               GError     **error)
{
  const VarStep *v = data;

  return set_variable (self, v->size, v->key, v->value, error);
}

static gboolean
query_power (KsLkReader  *self,
             gpointer     data,
             GError     **error)
{
  guint8 *powered = data;
  guint8 command = self->identity.power_control ? KS_LK_CMD_QUERY_CART_PWR
                                                : KS_LK_CMD_OFW_QUERY_CART_PWR;

  if (!send (self, &command, 1, error) ||
      !receive (self, powered, 1, self->reply_ms, command, error) ||
      !check_nothing_more (self, command, error))
    return FALSE;

  /* 0 or 1; a 0x02 here is an error status, not a power state */
  if (*powered > 1)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                   _("The reader answered %02X to the power query, where 00 or 01 was due."),
                   *powered);
      return FALSE;
    }

  return TRUE;
}

/* F2, then wait for the ack; FlashGBX tolerates junk here ("GBxCart RW
 * sometimes glitches after cart power on", §1.5). */
static gboolean
step_power_on (KsLkReader  *self,
               gpointer     data,
               GError     **error)
{
  const guint8 command = KS_LK_CMD_CART_PWR_ON;
  gint64 deadline;

  if (!send (self, &command, 1, error))
    return FALSE;

  deadline = g_get_monotonic_time () + POWER_ON_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    {
      guint8 answer;
      guint left = (guint) ((deadline - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND) + 1;

      if (!receive (self, &answer, 1, left, command, error))
        return FALSE;
      if (answer == KS_LK_STATUS_OK)
        return TRUE;
      if (answer == KS_LK_STATUS_ERROR)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_PROTOCOL,
                       _("The reader refused to switch the cart on."));
          return FALSE;
        }
      self->stats.junk_bytes++;
    }

  g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT,
               _("The reader did not confirm switching the cart on within %u ms."),
               POWER_ON_TIMEOUT_MS);
  return FALSE;
}

static gboolean
run_simple (KsLkReader  *self,
            guint8       command,
            GError     **error)
{
  return run (self, step_simple, GUINT_TO_POINTER (command), error);
}

static gboolean
run_config (KsLkReader  *self,
            guint8       command,
            GError     **error)
{
  return run (self, step_config, GUINT_TO_POINTER (command), error);
}

static gboolean
run_variable (KsLkReader  *self,
              guint8       size,
              guint8       key,
              guint32      value,
              GError     **error)
{
  VarStep v = { size, key, value };

  return run (self, step_variable, &v, error);
}

/* §1.5 FlashGBX power-on order (FG-LK CartPowerOn) */
static gboolean
power_on (KsLkReader   *self,
          KsLkSession   session,
          GError      **error)
{
  guint8 mode = session == KS_LK_SESSION_DMG ? KS_LK_CMD_SET_MODE_DMG : KS_LK_CMD_SET_MODE_AGB;
  guint8 powered = 0;

  if (!run (self, query_power, &powered, error))
    return FALSE;

  if (powered == 0)
    {
      if (self->identity.power_control)
        {
          if (!run_config (self, mode, error) ||
              !run (self, step_power_on, NULL, error))
            return FALSE;
        }
      else
        {
          const guint8 command = KS_LK_CMD_OFW_CART_PWR_ON;

          /* below L12: no answer; the device takes its 150 ms */
          if (!send (self, &command, 1, error))
            return FALSE;
          ks_serial_link_sleep (self->link, 2 * 150 * 1000);
        }

      if (!run (self, query_power, &powered, error))
        return FALSE;
      if (powered != 1)
        {
          g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                       _("The reader did not switch the cart on. Check that the cart is in the "
                         "right slot, then unplug the reader and plug it in again."));
          return FALSE;
        }
      self->powered_by_us = TRUE;

      if (session == KS_LK_SESSION_DMG)
        return run_simple (self, KS_LK_CMD_DMG_MBC_RESET, error);
      return run_simple (self, KS_LK_CMD_AGB_BOOTUP_SEQUENCE, error);
    }

  return TRUE;
}

gboolean
ks_lk_reader_power_off (KsLkReader  *self,
                        GError     **error)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);

  if (!check_open (self, error))
    return FALSE;

  self->session = KS_LK_SESSION_NONE;
  forget_state (self);

  if (!self->identity.power_control)
    {
      const guint8 command = KS_LK_CMD_OFW_CART_PWR_OFF;

      self->powered_by_us = FALSE;
      return send (self, &command, 1, error);
    }

  if (!run_simple (self, KS_LK_CMD_CART_PWR_OFF, error))
    return FALSE;

  self->powered_by_us = FALSE;
  return TRUE;
}

gboolean
ks_lk_reader_start_session (KsLkReader   *self,
                            KsLkSession   session,
                            GError      **error)
{
  gboolean dmg = session == KS_LK_SESSION_DMG;

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);
  g_return_val_if_fail (session == KS_LK_SESSION_DMG || session == KS_LK_SESSION_AGB, FALSE);

  if (!check_open (self, error))
    return FALSE;

  if (self->session == session)
    return TRUE;

  /* A cart must not see its voltage change while powered. */
  if (self->session != KS_LK_SESSION_NONE && !ks_lk_reader_power_off (self, error))
    return FALSE;

  self->session = KS_LK_SESSION_NONE;
  forget_state (self);

  /* §7.1 DMG / AGB session recipes */
  if (!run_config (self, dmg ? KS_LK_CMD_SET_MODE_DMG : KS_LK_CMD_SET_MODE_AGB, error) ||
      !run_config (self, dmg ? KS_LK_CMD_SET_VOLTAGE_5V : KS_LK_CMD_SET_VOLTAGE_3_3V, error))
    return FALSE;

  if (dmg)
    {
      if (!run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_DMG_READ_METHOD, 0, error) ||
          !run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_CART_MODE, KS_LK_CART_MODE_DMG, error) ||
          !run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_DMG_READ_CS_PULSE, 0, error) ||
          !run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_DMG_WRITE_CS_PULSE, 0, error))
        return FALSE;
    }
  else
    {
      if (!run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_AGB_READ_METHOD, 0, error) ||
          !run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_CART_MODE, KS_LK_CART_MODE_AGB, error) ||
          !run_variable (self, KS_LK_VAR_8, KS_LK_VAR8_AGB_IRQ_ENABLED, 0, error))
        return FALSE;
    }

  if (!run_variable (self, KS_LK_VAR_32, KS_LK_VAR32_ADDRESS, 0, error) ||
      !power_on (self, session, error))
    return FALSE;

  forget_state (self);
  self->session = session;
  return TRUE;
}

/* ---- the cart's bus ------------------------------------------------------------------ */

static gboolean
in_gb_ram (guint32 address)
{
  return address >= GB_RAM_START && address <= GB_RAM_END;
}

static gboolean
check_session (KsLkReader  *self,
               GError     **error)
{
  if (!check_open (self, error))
    return FALSE;

  if (self->session == KS_LK_SESSION_NONE)
    {
      g_set_error (error, KS_LK_ERROR, KS_LK_ERROR_CART,
                   _("The cart is not switched on: start a session first."));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  guint32       address;
  guint8       *buffer;
  const guint8 *data;
  gsize         size;
  guint8        flag;
} Transfer;

/* DMG: RAM answers when the firmware pulses /CS (FlashGBX's settings for
 * SRAM reads, §1.7); ROM-area reads must not pulse it. */
static gboolean
prepare_dmg_access (KsLkReader  *self,
                    gboolean     ram,
                    gboolean     write,
                    GError     **error)
{
  guint8 mode = write ? (ram ? KS_LK_DMG_ACCESS_RAM_WRITE : KS_LK_DMG_ACCESS_ROM_WRITE)
                      : (ram ? KS_LK_DMG_ACCESS_RAM_READ : KS_LK_DMG_ACCESS_ROM_READ);

  return set_cached (self, CACHE_ACCESS_MODE, mode, error) &&
         set_cached (self, write ? CACHE_WRITE_CS : CACHE_READ_CS, ram ? 1 : 0, error);
}

/* §1.5: a read came back short or late.  A read of the full transfer
 * size steps the size down at once (4096, 1024, 256, 64); a smaller one
 * the second time running, to the step below it, so that one damaged
 * reply to a small read does not slow the whole session.  The size is
 * kept for the port.  A lone 0x02 is the reader refusing the command, not
 * running out. */
static void
read_failed (KsLkReader   *self,
             const guint8 *buffer,
             gsize         size,
             const GError *error)
{
  guint below = KS_READER_READ_SIZE_MIN;

  if (!g_error_matches (error, KS_LK_ERROR, KS_LK_ERROR_TIMEOUT) ||
      size <= KS_READER_READ_SIZE_MIN ||
      (self->received == 1 && buffer[0] == KS_LK_STATUS_ERROR))
    return;

  if (size < self->read_size && size != self->short_size)
    {
      self->short_size = size;
      return;
    }

  while (below * READ_SIZE_STEP < size)
    below *= READ_SIZE_STEP;
  self->short_size = 0;
  self->read_size = MIN (self->read_size, below);
  self->stats.read_fallbacks++;
  ks_reader_memory_set_read_size (self->path, self->read_size);
}

/* Receives the @size bytes a read command sends, noting a short reply */
static gboolean
receive_read (KsLkReader  *self,
              guint8      *buffer,
              gsize        size,
              guint8       command,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (receive (self, buffer, size, self->reply_ms, command, &local_error) &&
      check_nothing_more (self, command, &local_error))
    return TRUE;

  read_failed (self, buffer, size, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* @t->size is what is left of the piece; each try asks for as much of it
 * as the transfer size allows, and says in @t->size what it read. */
static gboolean
step_read (KsLkReader  *self,
           gpointer     data,
           GError     **error)
{
  Transfer *t = data;
  gboolean dmg = self->session == KS_LK_SESSION_DMG;
  guint8 command = dmg ? KS_LK_CMD_DMG_CART_READ : KS_LK_CMD_AGB_CART_READ_SRAM;

  t->size = MIN (t->size, (gsize) self->read_size);
  if ((dmg && !prepare_dmg_access (self, in_gb_ram (t->address), FALSE, error)) ||
      !set_cached (self, CACHE_TRANSFER_SIZE, (guint32) t->size, error) ||
      !set_cached (self, CACHE_ADDRESS, t->address, error) ||
      !send (self, &command, 1, error))
    return FALSE;

  /* the device moves ADDRESS on as soon as it has the command */
  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!receive_read (self, t->buffer, t->size, command, error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = t->address + (guint32) t->size;
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

/* A piece never runs from the cart's ROM area into its RAM area or out of
 * the RAM area: the two are read with different /CS settings. */
static gsize
read_piece_size (KsLkReader *self,
                 guint32     address,
                 gsize       left)
{
  if (self->session == KS_LK_SESSION_DMG && in_gb_ram (address))
    return MIN (left, (gsize) (GB_RAM_END + 1 - address));
  if (self->session == KS_LK_SESSION_DMG && address < GB_RAM_START)
    return MIN (left, (gsize) (GB_RAM_START - address));

  return left;
}

static gboolean
bus_read_bulk (KsBus    *bus,
               guint32   address,
               guint8   *buffer,
               gsize     size,
               GError  **error)
{
  KsLkReader *self = reader_of_bus (bus);
  gsize done = 0;

  if (!check_session (self, error))
    return FALSE;

  while (done < size)
    {
      Transfer t = { address + (guint32) done, buffer + done, NULL, 0, 0 };

      t.size = read_piece_size (self, t.address, size - done);
      if (!run (self, step_read, &t, error))
        return FALSE;
      done += t.size;
    }

  return TRUE;
}

static gboolean
bus_read (KsBus    *bus,
          guint32   address,
          guint8   *value,
          GError  **error)
{
  return bus_read_bulk (bus, address, value, 1, error);
}

/* One D4 packet: the writes run back to back in the device (§1.5). */
static gboolean
step_write_sequence (KsLkReader  *self,
                     gpointer     data,
                     GError     **error)
{
  const Transfer *t = data;
  const KsBusWrite *writes = (const KsBusWrite *) t->data;
  guint8 frame[3 + KS_LK_MAX_FLASH_CMDS * 6] = { KS_LK_CMD_CART_WRITE_FLASH_CMD, 0,
                                                 (guint8) t->size };

  if (self->session == KS_LK_SESSION_DMG &&
      !set_cached (self, CACHE_WRITE_CS, in_gb_ram (writes[0].address) ? 1 : 0, error))
    return FALSE;

  for (gsize i = 0; i < t->size; i++)
    {
      ks_write_be32 (frame + 3 + 6 * i, writes[i].address);
      ks_write_be16 (frame + 7 + 6 * i, writes[i].value);
    }

  return command_ack (self, frame, 3 + 6 * t->size, TRUE, error);
}

static gboolean
bus_write_sequence (KsBus             *bus,
                    const KsBusWrite  *writes,
                    guint              n_writes,
                    GError           **error)
{
  KsLkReader *self = reader_of_bus (bus);
  Transfer t = { 0, NULL, (const guint8 *) writes, n_writes, 0 };

  g_return_val_if_fail (n_writes <= KS_LK_MAX_FLASH_CMDS, FALSE);

  if (!check_session (self, error))
    return FALSE;

  /* DMG: the packet's /CS setting must suit every write in it */
  for (guint i = 1; i < n_writes && self->session == KS_LK_SESSION_DMG; i++)
    g_return_val_if_fail (in_gb_ram (writes[i].address) == in_gb_ram (writes[0].address), FALSE);

  return run (self, step_write_sequence, &t, error);
}

static gboolean
step_dmg_write (KsLkReader  *self,
                gpointer     data,
                GError     **error)
{
  const Transfer *t = data;
  guint8 frame[6] = { KS_LK_CMD_DMG_CART_WRITE };

  ks_write_be32 (frame + 1, t->address);
  frame[5] = t->flag;

  return set_cached (self, CACHE_WRITE_CS, in_gb_ram (t->address) ? 1 : 0, error) &&
         command_ack (self, frame, sizeof frame, FALSE, error);
}

static gboolean
bus_write (KsBus    *bus,
           guint32   address,
           guint8    value,
           GError  **error)
{
  KsLkReader *self = reader_of_bus (bus);
  KsBusWrite write = { address, value };
  Transfer t = { address, NULL, NULL, 0, value };

  if (!check_session (self, error))
    return FALSE;

  /* AGB: the save bus is written through CART_WRITE_FLASH_CMD (§1.7) */
  if (self->session == KS_LK_SESSION_AGB)
    return bus_write_sequence (bus, &write, 1, error);

  return run (self, step_dmg_write, &t, error);
}

static gboolean
step_write_block (KsLkReader  *self,
                  gpointer     data,
                  GError     **error)
{
  const Transfer *t = data;
  g_autofree guint8 *frame = g_malloc (2 + t->size);
  gsize header = 1;

  if (t->flag == KS_LK_CMD_DMG_CART_WRITE_SRAM &&
      !prepare_dmg_access (self, TRUE, TRUE, error))
    return FALSE;

  if (!set_cached (self, CACHE_TRANSFER_SIZE, (guint32) t->size, error) ||
      !set_cached (self, CACHE_ADDRESS, t->address, error))
    return FALSE;

  frame[0] = t->flag;
  if (t->flag == KS_LK_CMD_AGB_WRITE_FLASH_DATA)
    frame[header++] = 1;    /* §1.5: flash type 1, not Atmel */
  memcpy (frame + header, t->data, t->size);

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!command_ack (self, frame, header + t->size, TRUE, error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = t->address + (guint32) t->size;
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

/* §1.5: FlashGBX's write packets */
static gsize
write_chunk (KsLkReader *self)
{
  const KsLkIdentity *id = &self->identity;

  if (self->baud == KS_LK_BAUD_FAST && id->gbxcart &&
      (id->pcb == KS_LK_PCB_V1_4 || id->pcb == KS_LK_PCB_V1_4A))
    return WRITE_CHUNK_FAST;

  return WRITE_CHUNK;
}

static gboolean
write_blocks (KsLkReader    *self,
              guint8         command,
              guint32        address,
              const guint8  *data,
              gsize          size,
              GError       **error)
{
  gsize chunk = write_chunk (self);

  for (gsize done = 0; done < size; done += chunk)
    {
      Transfer t = { address + (guint32) done, NULL, data + done,
                     MIN (chunk, size - done), command };

      if (!run (self, step_write_block, &t, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bus_write_bulk (KsBus         *bus,
                guint32        address,
                const guint8  *data,
                gsize          size,
                GError       **error)
{
  KsLkReader *self = reader_of_bus (bus);

  if (!check_session (self, error))
    return FALSE;

  if (self->session == KS_LK_SESSION_AGB)
    return write_blocks (self, KS_LK_CMD_AGB_CART_WRITE_SRAM, address, data, size, error);

  if (in_gb_ram (address) && in_gb_ram (address + (guint32) size - 1))
    return write_blocks (self, KS_LK_CMD_DMG_CART_WRITE_SRAM, address, data, size, error);

  for (gsize i = 0; i < size; i++)
    if (!bus_write (bus, address + (guint32) i, data[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
bus_jedec_program (KsBus         *bus,
                   guint32        address,
                   const guint8  *data,
                   gsize          size,
                   guint          gap_usec,
                   GError       **error)
{
  KsLkReader *self = reader_of_bus (bus);

  if (!check_session (self, error))
    return FALSE;

  /* §1.5: C7 01 does AA 55 A0 + byte and a 20 µs gap per byte device-side */
  if (self->session == KS_LK_SESSION_AGB)
    return write_blocks (self, KS_LK_CMD_AGB_WRITE_FLASH_DATA, address, data, size, error);

  for (gsize i = 0; i < size; i++)
    {
      const KsBusWrite program[] = {
        { 0x5555, 0xAA }, { 0x2AAA, 0x55 }, { 0x5555, 0xA0 }, { address + (guint32) i, data[i] },
      };

      if (!bus_write_sequence (bus, program, G_N_ELEMENTS (program), error))
        return FALSE;
      ks_serial_link_sleep (self->link, gap_usec);
    }

  return TRUE;
}

/* save-chips.md §2: C7 with flash type 2 writes whole Atmel pages; ADDRESS
 * counts pages, and the firmware waits 10 ms after each before the next */
#define ATMEL_PACKET_PAGES  8
#define ATMEL_PAGE_WAIT_MS  10

/* A write command whose ADDRESS counts units of @unit bytes (EEPROM blocks,
 * Atmel pages), answered after the device's @unit_ms for every unit */
static gboolean
send_counted_write (KsLkReader      *self,
                    const Transfer  *t,
                    guint8           command,
                    guint8           type,
                    gsize            unit,
                    guint            unit_ms,
                    GError         **error)
{
  guint units = (guint) (t->size / unit);
  g_autofree guint8 *frame = g_malloc (2 + t->size);

  frame[0] = command;
  frame[1] = type;
  memcpy (frame + 2, t->data, t->size);
  if (!set_cached (self, CACHE_TRANSFER_SIZE, (guint32) t->size, error) ||
      !set_cached (self, CACHE_ADDRESS, t->address, error) ||
      !send (self, frame, 2 + t->size, error))
    return FALSE;

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!receive_ack_after (self, command, units * unit_ms, error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = t->address + units;
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

static gboolean
step_page_program (KsLkReader  *self,
                   gpointer     data,
                   GError     **error)
{
  return send_counted_write (self, data, KS_LK_CMD_AGB_WRITE_FLASH_DATA, 2, KS_BUS_PAGE_SIZE,
                             ATMEL_PAGE_WAIT_MS, error);
}

static gboolean
bus_page_program (KsBus         *bus,
                  guint32        address,
                  const guint8  *data,
                  gsize          size,
                  guint          page_usec,
                  GError       **error)
{
  KsLkReader *self = reader_of_bus (bus);
  const gsize packet = ATMEL_PACKET_PAGES * KS_BUS_PAGE_SIZE;

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_AGB, FALSE);

  for (gsize done = 0; done < size; done += packet)
    {
      Transfer t = { (address + (guint32) done) / KS_BUS_PAGE_SIZE, NULL, data + done,
                     MIN (packet, size - done), 0 };

      if (!run (self, step_page_program, &t, error))
        return FALSE;
    }

  return TRUE;
}

/* §1.5: FLASH_PROGRAM in DMG mode, UNBUFFERED, AMD command set: the
 * firmware writes the three command cycles SET_FLASH_CMD stored, then the
 * byte, then reads it until it reads back (0xFF bytes are skipped), and
 * answers 0x02 when one never does. */
#define FLASH_PROGRAM_CYCLES 3
#define FLASH_WE_PIN_WR      1

typedef struct
{
  Transfer          t;
  const KsBusWrite *setup;
} ProgramStep;

static gboolean
set_flash_cmd (KsLkReader        *self,
               const KsBusWrite  *setup,
               GError           **error)
{
  guint8 frame[1 + sizeof self->flash_cmd] = { KS_LK_CMD_SET_FLASH_CMD };
  guint8 *cmd = frame + 1;

  cmd[0] = KS_LK_FLASH_CMDSET_AMD;
  cmd[1] = KS_LK_FLASH_METHOD_UNBUFFERED;
  cmd[2] = FLASH_WE_PIN_WR;
  for (guint i = 0; i < FLASH_PROGRAM_CYCLES; i++)
    {
      ks_write_be32 (cmd + 3 + 6 * i, setup[i].address);
      ks_write_be16 (cmd + 7 + 6 * i, setup[i].value);
    }

  if (self->flash_cmd_valid && memcmp (self->flash_cmd, cmd, sizeof self->flash_cmd) == 0)
    return TRUE;

  self->flash_cmd_valid = FALSE;
  if (!command_ack (self, frame, sizeof frame, TRUE, error))
    return FALSE;

  memcpy (self->flash_cmd, cmd, sizeof self->flash_cmd);
  self->flash_cmd_valid = TRUE;
  return TRUE;
}

static gboolean
step_program (KsLkReader  *self,
              gpointer     data,
              GError     **error)
{
  ProgramStep *p = data;
  g_autofree guint8 *frame = g_malloc (1 + p->t.size);

  if (!set_flash_cmd (self, p->setup, error) ||
      !set_cached (self, CACHE_TRANSFER_SIZE, (guint32) p->t.size, error) ||
      !set_cached (self, CACHE_ADDRESS, p->t.address, error))
    return FALSE;

  frame[0] = KS_LK_CMD_FLASH_PROGRAM;
  memcpy (frame + 1, p->t.data, p->t.size);

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!command_ack (self, frame, 1 + p->t.size, TRUE, error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = p->t.address + (guint32) p->t.size;
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

static gboolean
bus_program_polled (KsBus            *bus,
                    const KsBusWrite *setup,
                    guint             n_setup,
                    guint32           address,
                    const guint8     *data,
                    gsize             size,
                    GError          **error)
{
  KsLkReader *self = reader_of_bus (bus);
  gsize chunk;

  if (!check_session (self, error))
    return FALSE;

  /* FLASH_PROGRAM takes exactly three cycles, on the Game Boy bus's ROM
   * area; below L12 its answer is not documented (§1.5) */
  if (self->session != KS_LK_SESSION_DMG || n_setup != FLASH_PROGRAM_CYCLES || !self->acks ||
      address + size > GB_ROM_END + 1)
    return ks_bus_program_polled_by_access (bus, setup, n_setup, address, data, size, error);

  chunk = write_chunk (self);
  for (gsize done = 0; done < size; done += chunk)
    {
      ProgramStep p = { { address + (guint32) done, NULL, data + done, MIN (chunk, size - done),
                          0 }, setup };

      if (!run (self, step_program, &p, error))
        return FALSE;
    }

  return TRUE;
}

static void
bus_wait_usec (KsBus   *bus,
               guint64  usec)
{
  KsLkReader *self = reader_of_bus (bus);

  self->stats.waited_usec += usec;
  ks_serial_link_sleep (self->link, usec);
}

static const KsBusOps reader_bus_ops = {
  .read = bus_read,
  .write = bus_write,
  .read_bulk = bus_read_bulk,
  .write_bulk = bus_write_bulk,
  .write_sequence = bus_write_sequence,
  .jedec_program = bus_jedec_program,
  .page_program = bus_page_program,
  .wait_usec = bus_wait_usec,
  .program_polled = bus_program_polled,
};

KsBus *
ks_lk_reader_get_bus (KsLkReader *self)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), NULL);

  return &self->bus;
}

static gboolean
step_read_rom (KsLkReader  *self,
               gpointer     data,
               GError     **error)
{
  Transfer *t = data;
  const guint8 command = KS_LK_CMD_AGB_CART_READ;

  /* §1.5: the ROM bus counts 16-bit words */
  t->size = MIN (t->size, (gsize) self->read_size);
  if (!set_cached (self, CACHE_TRANSFER_SIZE, (guint32) t->size, error) ||
      !set_cached (self, CACHE_ADDRESS, t->address / 2, error) ||
      !send (self, &command, 1, error))
    return FALSE;

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!receive_read (self, t->buffer, t->size, command, error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = (t->address + (guint32) t->size) / 2;
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

gboolean
ks_lk_reader_read_agb_rom (KsLkReader  *self,
                           guint32      byte_address,
                           guint8      *buffer,
                           gsize        size,
                           GError     **error)
{
  gsize done = 0;

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);
  g_return_val_if_fail ((byte_address & 1) == 0 && (size & 1) == 0, FALSE);

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_AGB, FALSE);

  while (done < size)
    {
      Transfer t = { byte_address + (guint32) done, buffer + done, NULL, size - done, 0 };

      if (!run (self, step_read_rom, &t, error))
        return FALSE;
      done += t.size;
    }

  return TRUE;
}

/* ---- GBA EEPROM (save-chips.md §1.3) ------------------------------------------- */

/* save-chips.md §1.3: C6 waits 8.5 ms after every block; a packet of 16
 * blocks keeps the answer within 136 ms */
#define EEPROM_WRITE_BLOCKS   16
#define EEPROM_BLOCK_WAIT_MS  9

/* @t->address is a block number, @t->flag the address width */
static gboolean
step_read_eeprom (KsLkReader  *self,
                  gpointer     data,
                  GError     **error)
{
  Transfer *t = data;
  guint8 frame[2] = { KS_LK_CMD_AGB_READ_EEPROM, t->flag };

  t->size = MIN (t->size, (gsize) self->read_size);
  if (!set_cached (self, CACHE_TRANSFER_SIZE, (guint32) t->size, error) ||
      !set_cached (self, CACHE_ADDRESS, t->address, error) ||
      !send (self, frame, sizeof frame, error))
    return FALSE;

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!receive_read (self, t->buffer, t->size, frame[0], error))
    return FALSE;

  self->cache[CACHE_ADDRESS] = t->address + (guint32) (t->size / KS_AGB_EEPROM_BLOCK_SIZE);
  self->cache_valid[CACHE_ADDRESS] = TRUE;
  return TRUE;
}

static gboolean
step_write_eeprom (KsLkReader  *self,
                   gpointer     data,
                   GError     **error)
{
  const Transfer *t = data;

  return send_counted_write (self, t, KS_LK_CMD_AGB_WRITE_EEPROM, t->flag,
                             KS_AGB_EEPROM_BLOCK_SIZE, EEPROM_BLOCK_WAIT_MS, error);
}

static gboolean
check_eeprom_call (KsLkReader        *self,
                   KsAgbEepromWidth   width,
                   gsize              size,
                   GError           **error)
{
  g_return_val_if_fail (width == KS_AGB_EEPROM_ADDRESS_6 || width == KS_AGB_EEPROM_ADDRESS_14,
                        FALSE);
  g_return_val_if_fail (size % KS_AGB_EEPROM_BLOCK_SIZE == 0, FALSE);

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_AGB, FALSE);

  return TRUE;
}

gboolean
ks_lk_reader_read_agb_eeprom (KsLkReader        *self,
                              KsAgbEepromWidth   width,
                              guint              block,
                              guint8            *buffer,
                              gsize              size,
                              GError           **error)
{
  gsize done = 0;

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);

  if (!check_eeprom_call (self, width, size, error))
    return FALSE;

  while (done < size)
    {
      Transfer t = { block + (guint32) (done / KS_AGB_EEPROM_BLOCK_SIZE), buffer + done, NULL,
                     size - done, width };

      if (!run (self, step_read_eeprom, &t, error))
        return FALSE;
      done += t.size;
    }

  return TRUE;
}

gboolean
ks_lk_reader_write_agb_eeprom (KsLkReader        *self,
                               KsAgbEepromWidth   width,
                               guint              block,
                               const guint8      *data,
                               gsize              size,
                               GError           **error)
{
  const gsize packet = EEPROM_WRITE_BLOCKS * KS_AGB_EEPROM_BLOCK_SIZE;

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);

  if (!check_eeprom_call (self, width, size, error))
    return FALSE;

  for (gsize done = 0; done < size; done += packet)
    {
      Transfer t = { block + (guint32) (done / KS_AGB_EEPROM_BLOCK_SIZE), NULL, data + done,
                     MIN (packet, size - done), width };

      if (!run (self, step_write_eeprom, &t, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- GBA clock (save-chips.md §3.3) -------------------------------------------- */

static gboolean
step_read_gba_rtc (KsLkReader  *self,
                   gpointer     data,
                   GError     **error)
{
  guint8 command = KS_LK_CMD_AGB_READ_GPIO_RTC;

  return send (self, &command, 1, error) &&
         receive (self, data, KS_LK_GBA_RTC_SIZE, self->reply_ms, command, error) &&
         check_nothing_more (self, command, error);
}

gboolean
ks_lk_reader_read_gba_rtc (KsLkReader  *self,
                           guint8      *clock,
                           GError     **error)
{
  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_AGB, FALSE);

  return run (self, step_read_gba_rtc, clock, error);
}

/* save-chips.md §3.1: the GPIO registers (ROM word addresses) and pins;
 * §3.2: the S-3511's reset, status-write and date-and-time-write commands */
#define GBA_GPIO_DATA            0x62
#define GBA_GPIO_DIRECTION       0x63
#define GBA_GPIO_CONTROL         0x64
#define GPIO_SCK                 0x1
#define GPIO_SIO                 0x2
#define GPIO_CS                  0x4
#define GBA_RTC_RESET            0x60
#define GBA_RTC_WRITE_STATUS     0x62
#define GBA_RTC_WRITE_DATE_TIME  0x64

/* save-chips.md §3.5: the reader has no command that sets the clock, so
 * the host plays the port with ROM-bus writes (AGB_CART_WRITE, one 16-bit
 * register write each) */
typedef struct
{
  guint8        command;
  const guint8 *data;
  guint         n;
} RtcWrite;

static gboolean
gpio_write (KsLkReader  *self,
            guint32      word_address,
            guint16      value,
            GError     **error)
{
  guint8 frame[7] = { KS_LK_CMD_AGB_CART_WRITE };

  ks_write_be32 (frame + 1, word_address);
  ks_write_be16 (frame + 5, value);
  return command_ack (self, frame, sizeof frame, FALSE, error);
}

/* §3.2: one bit on SIO with SCK low, then SCK high (the chip samples on
 * the rising edge), CS held high */
static gboolean
gpio_bit (KsLkReader  *self,
          guint        bit,
          GError     **error)
{
  return gpio_write (self, GBA_GPIO_DATA, (guint16) (GPIO_CS | bit << 1), error) &&
         gpio_write (self, GBA_GPIO_DATA, (guint16) (GPIO_CS | GPIO_SCK | bit << 1), error);
}

static gboolean
step_write_gba_rtc (KsLkReader  *self,
                    gpointer     data,
                    GError     **error)
{
  const RtcWrite *w = data;

  /* port readable, SCK high and CS low, then CS high, all three pins out */
  if (!gpio_write (self, GBA_GPIO_CONTROL, 1, error) ||
      !gpio_write (self, GBA_GPIO_DATA, GPIO_SCK, error) ||
      !gpio_write (self, GBA_GPIO_DATA, GPIO_CS | GPIO_SCK, error) ||
      !gpio_write (self, GBA_GPIO_DIRECTION, GPIO_CS | GPIO_SIO | GPIO_SCK, error))
    return FALSE;
  /* the command bit 7 first, the data bytes bit 0 first */
  for (guint i = 0; i < 8; i++)
    if (!gpio_bit (self, w->command >> (7 - i) & 1, error))
      return FALSE;
  for (guint b = 0; b < w->n; b++)
    for (guint i = 0; i < 8; i++)
      if (!gpio_bit (self, w->data[b] >> i & 1, error))
        return FALSE;
  /* CS low ends the transfer; the port goes back to showing the ROM */
  return gpio_write (self, GBA_GPIO_DATA, GPIO_SCK, error) &&
         gpio_write (self, GBA_GPIO_CONTROL, 0, error);
}

gboolean
ks_lk_reader_write_gba_rtc (KsLkReader    *self,
                            guint8         status,
                            const guint8  *date_time,
                            GError       **error)
{
  const RtcWrite reset = { GBA_RTC_RESET, NULL, 0 };
  const RtcWrite set_status = { GBA_RTC_WRITE_STATUS, &status, 1 };
  const RtcWrite set_time = { GBA_RTC_WRITE_DATE_TIME, date_time, 7 };

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);
  g_return_val_if_fail (date_time != NULL, FALSE);

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_AGB, FALSE);

  return run (self, step_write_gba_rtc, (gpointer) &reset, error) &&
         run (self, step_write_gba_rtc, (gpointer) &set_status, error) &&
         run (self, step_write_gba_rtc, (gpointer) &set_time, error);
}

typedef struct
{
  guint32  address;
  guint32  length;
  guint32 *crc;
} CrcStep;

static gboolean
step_crc32 (KsLkReader  *self,
            gpointer     data,
            GError     **error)
{
  CrcStep *c = data;
  guint8 frame[5] = { KS_LK_CMD_CALC_CRC32 };
  guint8 answer[4];

  ks_write_be32 (frame + 1, c->length);

  if (!prepare_dmg_access (self, in_gb_ram (c->address), FALSE, error) ||
      !set_cached (self, CACHE_ADDRESS, c->address, error) ||
      !send (self, frame, sizeof frame, error))
    return FALSE;

  self->cache_valid[CACHE_ADDRESS] = FALSE;
  if (!receive (self, answer, sizeof answer, self->reply_ms, frame[0], error) ||
      !check_nothing_more (self, frame[0], error))
    return FALSE;

  *c->crc = ks_read_be32 (answer);
  return TRUE;
}

gboolean
ks_lk_reader_crc32 (KsLkReader  *self,
                    guint32      address,
                    guint32      length,
                    guint32     *crc,
                    GError     **error)
{
  CrcStep c = { address, length, crc };

  g_return_val_if_fail (KS_IS_LK_READER (self), FALSE);
  g_return_val_if_fail (crc != NULL, FALSE);

  if (!check_session (self, error))
    return FALSE;
  g_return_val_if_fail (self->session == KS_LK_SESSION_DMG, FALSE);

  return run (self, step_crc32, &c, error);
}
