/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-gen3-trainer.c — trainer fields and the per-game offsets behind them
 *
 * Spec gen3.md §3.  SaveBlock2 (§3.1) has the same layout in every game:
 * name at 0x00 (7 characters + 0xFF), gender 0x08, trainer ID 0x0A and
 * secret ID 0x0C, play time 0x0E–0x12.  SaveBlock1 (§3.2) differs by game:
 * money, coins, the party, the event flags that hold the badges.  Emerald
 * and FireRed/LeafGreen XOR money with the slot's key and coins with its
 * low 16 bits (§3.3); the key is never changed here, since every other
 * encrypted field would have to be re-keyed with it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ks-bytes.h"
#include "ks-format.h"
#include "ks-gen3-charset.h"
#include "ks-gen3-private.h"
#include "ks-gen3-trainer.h"

/* §3.2 and §3.3; pret include/global.h, PKHeX SaveBlock3Large{RS,E,FRLG}.cs.
 * Badge flags: RS SYSTEM_FLAGS 0x800 + 7, E 0x860 + 7, FRLG 0x800 + 0x20.
 * Item limits: PKHeX Legal.cs.  Wallpapers: 16, plus Emerald's "Friends"
 * (pokeemerald src/data/wallpapers.h WALLPAPER_FRIENDS = 16). */
static const KsGen3Layout layouts[KS_GEN3_N_GAMES] = {
  [KS_GEN3_GAME_RS] = {
    .has_key = FALSE, .key = 0,
    .party_count = 0x234, .party = 0x238, .money = 0x490, .coins = 0x494,
    .seen_2 = 0x938, .seen_3 = 0x3A8C, .flags = 0x1220, .flags_size = 288,
    .badge_flag = 0x807, .max_item = 346, .max_wallpaper = 15,
  },
  [KS_GEN3_GAME_EMERALD] = {
    .has_key = TRUE, .key = 0xAC,
    .party_count = 0x234, .party = 0x238, .money = 0x490, .coins = 0x494,
    .seen_2 = 0x988, .seen_3 = 0x3B24, .flags = 0x1270, .flags_size = 300,
    .badge_flag = 0x867, .max_item = 376, .max_wallpaper = 16,
  },
  [KS_GEN3_GAME_FRLG] = {
    .has_key = TRUE, .key = 0xF20,
    .party_count = 0x034, .party = 0x038, .money = 0x290, .coins = 0x294,
    .seen_2 = 0x5F8, .seen_3 = 0x3A18, .flags = 0xEE0, .flags_size = 288,
    .badge_flag = 0x820, .max_item = 374, .max_wallpaper = 15,
  },
};

/* §3.5: the gym badges in the order of their flags; Ruby, Sapphire and
 * Emerald share Hoenn's, FireRed and LeafGreen have Kanto's */
static const char *const badge_names[KS_GEN3_N_GAMES][KS_GEN3_N_BADGES] = {
  [KS_GEN3_GAME_RS] = { N_("Stone"), N_("Knuckle"), N_("Dynamo"), N_("Heat"),
                        N_("Balance"), N_("Feather"), N_("Mind"), N_("Rain") },
  [KS_GEN3_GAME_EMERALD] = { N_("Stone"), N_("Knuckle"), N_("Dynamo"), N_("Heat"),
                             N_("Balance"), N_("Feather"), N_("Mind"), N_("Rain") },
  [KS_GEN3_GAME_FRLG] = { N_("Boulder"), N_("Cascade"), N_("Thunder"), N_("Rainbow"),
                          N_("Soul"), N_("Marsh"), N_("Volcano"), N_("Earth") },
};

static const char *const trainer_keys[] = {
  "name", "gender", "tid", "sid", "money", "coins", "hours", "minutes", "seconds",
  "badge1", "badge2", "badge3", "badge4", "badge5", "badge6", "badge7", "badge8",
  NULL,
};

/* The name of badge @badge (0–7) in @game, translated: "Stone", "Boulder" */
const char *
ks_gen3_badge_name (KsGen3Game game,
                    guint      badge)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, NULL);
  g_return_val_if_fail (badge < KS_GEN3_N_BADGES, NULL);

  return _(badge_names[game][badge]);
}

const KsGen3Layout *
ks_gen3_layout (KsGen3Game game)
{
  g_return_val_if_fail ((guint) game < KS_GEN3_N_GAMES, &layouts[0]);

  return &layouts[game];
}

const char *const *
ks_gen3_trainer_keys (void)
{
  return trainer_keys;
}

void
ks_gen3_trainer_clear (KsGen3Trainer *trainer)
{
  if (trainer == NULL)
    return;

  g_clear_pointer (&trainer->name, g_free);
  memset (trainer, 0, sizeof *trainer);
}

static guint8 *
sb2 (KsGen3Save *save)
{
  return save->blocks + KS_GEN3_SB2_START;
}

static guint8 *
sb1 (KsGen3Save *save)
{
  return save->blocks + KS_GEN3_SB1_START;
}

static void
badge_flag (KsGen3Save *save,
            guint       badge,
            guint      *byte,
            guint8     *bit)
{
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  guint flag = layout->badge_flag + badge;

  *byte = layout->flags + (flag >> 3);
  *bit = (guint8) (1u << (flag & 7));
}

static void
read_trainer (KsGen3Save    *save,
              KsGen3Trainer *trainer)
{
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  guint32 key = ks_gen3_get_key (save);

  memset (trainer, 0, sizeof *trainer);
  trainer->name = ks_gen3_decode_text (sb2 (save) + KS_GEN3_SB2_NAME, KS_GEN3_SB2_NAME_SIZE);
  trainer->gender = sb2 (save)[KS_GEN3_SB2_GENDER];
  trainer->tid = ks_read_le16 (sb2 (save) + KS_GEN3_SB2_TID);
  trainer->sid = ks_read_le16 (sb2 (save) + KS_GEN3_SB2_SID);
  trainer->hours = ks_read_le16 (sb2 (save) + KS_GEN3_SB2_HOURS);
  trainer->minutes = sb2 (save)[KS_GEN3_SB2_MINUTES];
  trainer->seconds = sb2 (save)[KS_GEN3_SB2_SECONDS];
  trainer->frames = sb2 (save)[KS_GEN3_SB2_FRAMES];
  trainer->money = ks_read_le32 (sb1 (save) + layout->money) ^ key;
  trainer->coins = (guint16) (ks_read_le16 (sb1 (save) + layout->coins) ^ (key & 0xFFFF));

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    {
      guint byte;
      guint8 bit;

      badge_flag (save, i, &byte, &bit);
      trainer->badges[i] = (sb1 (save)[byte] & bit) != 0;
    }
}

static gboolean
check_loaded (KsGen3Save  *save,
              GError     **error)
{
  if (save->selection.loaded_slot >= 0)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_NOT_FOUND,
               _("This save holds no game yet: both slots are empty."));
  return FALSE;
}

gboolean
ks_gen3_get_trainer (KsGen3Save     *save,
                     KsGen3Trainer  *trainer,
                     GError        **error)
{
  g_return_val_if_fail (save != NULL, FALSE);
  g_return_val_if_fail (trainer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_loaded (save, error))
    return FALSE;

  read_trainer (save, trainer);
  return TRUE;
}

gboolean
ks_gen3_get_options (KsGen3Save    *save,
                     KsGen3Options *options)
{
  guint16 bits;

  g_return_val_if_fail (save != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  memset (options, 0, sizeof *options);
  if (save->selection.loaded_slot < 0)
    return FALSE;

  bits = ks_read_le16 (sb2 (save) + KS_GEN3_SB2_OPTIONS);
  options->button_mode = sb2 (save)[KS_GEN3_SB2_BUTTON_MODE];
  options->text_speed = bits & 0x7;
  options->window_frame = (bits >> 3) & 0x1F;
  options->sound_stereo = (bits >> 8) & 1;
  options->battle_style_set = (bits >> 9) & 1;
  options->battle_scene_off = (bits >> 10) & 1;
  options->region_map_zoom = (bits >> 11) & 1;
  return TRUE;
}

static void
read_time (const guint8 *p,
           KsGen3Time   *time)
{
  time->days = (gint16) ks_read_le16 (p);
  time->hours = (gint8) p[2];
  time->minutes = (gint8) p[3];
  time->seconds = (gint8) p[4];
}

gboolean
ks_gen3_get_clock (KsGen3Save *save,
                   KsGen3Time *offset,
                   KsGen3Time *berry_update)
{
  g_return_val_if_fail (save != NULL, FALSE);

  if (save->selection.loaded_slot < 0 || save->game == KS_GEN3_GAME_FRLG)
    return FALSE;

  if (offset != NULL)
    read_time (sb2 (save) + KS_GEN3_SB2_CLOCK_OFFSET, offset);
  if (berry_update != NULL)
    read_time (sb2 (save) + KS_GEN3_SB2_BERRY_UPDATE, berry_update);
  return TRUE;
}

char *
ks_gen3_describe_clock_offset (const KsGen3Time *offset)
{
  /* §3.6: the game's time is the cart's minus the offset, borrowing
   * between the fields, so their sum in seconds is what counts */
  gint64 total;
  guint64 span;
  guint days, hours, minutes, seconds;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (offset != NULL, NULL);

  total = (gint64) offset->days * 86400 + offset->hours * 3600 + offset->minutes * 60 +
          offset->seconds;
  if (total == 0)
    return g_strdup (_("the same as the cart's clock"));

  span = (guint64) (total < 0 ? -total : total);
  days = (guint) (span / 86400);
  hours = (guint) (span / 3600 % 24);
  minutes = (guint) (span / 60 % 60);
  seconds = (guint) (span % 60);
  if (days > 0)
    /* Translators: "3 days 04:05:06" */
    amount = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day %02u:%02u:%02u",
                                           "%u days %02u:%02u:%02u", days),
                              days, hours, minutes, seconds);
  else
    amount = g_strdup_printf ("%02u:%02u:%02u", hours, minutes, seconds);

  /* Translators: %s is a span of time, "3 days 04:05:06" */
  return g_strdup_printf (total > 0 ? _("%s behind the cart's clock")
                                    : _("%s ahead of the cart's clock"), amount);
}

static gboolean
check_limit (const char  *label,
             guint        value,
             guint        max,
             GError     **error)
{
  if (value <= max)
    return TRUE;

  g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
               _("%s can be at most %u in the game; %u is more."), label, max, value);
  return FALSE;
}

/* The 8-byte name field as the game fills it: characters, 0xFF, then 0xFF
 * padding (PKHeX "ClearFF", the game-init pattern). */
static gboolean
encode_name (const char  *name,
             guint8       field[KS_GEN3_SB2_NAME_SIZE],
             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const guint8 *data;

  bytes = ks_gen3_encode_text (name, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  if (size <= 1)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("The name cannot be empty."));
      return FALSE;
    }
  if (size - 1 > KS_GEN3_NAME_MAX_CHARS)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("“%s” is %zu characters; a trainer name holds at most %d."),
                   name, size - 1, KS_GEN3_NAME_MAX_CHARS);
      return FALSE;
    }

  memset (field, KS_GEN3_CHAR_TERMINATOR, KS_GEN3_SB2_NAME_SIZE);
  memcpy (field, data, size);
  return TRUE;
}

/* Checks every field of @trainer that differs from @current, then writes
 * only those, so an unchanged field keeps its bytes (and a stored value
 * already out of range does not block editing another field). */
gboolean
ks_gen3_apply_trainer (KsGen3Save          *save,
                       const KsGen3Trainer *current,
                       const KsGen3Trainer *trainer,
                       GError             **error)
{
  const KsGen3Layout *layout = ks_gen3_layout (save->game);
  guint32 key = ks_gen3_get_key (save);
  gboolean name_changed;
  guint8 name[KS_GEN3_SB2_NAME_SIZE];

  name_changed = trainer->name != NULL && g_strcmp0 (trainer->name, current->name) != 0;
  if (name_changed && !encode_name (trainer->name, name, error))
    return FALSE;

  if ((trainer->gender != current->gender &&
       !check_limit (_("Gender"), trainer->gender, KS_GEN3_GENDER_FEMALE, error)) ||
      (trainer->money != current->money &&
       !check_limit (_("Money"), trainer->money, KS_GEN3_MONEY_MAX, error)) ||
      (trainer->coins != current->coins &&
       !check_limit (_("Coins"), trainer->coins, KS_GEN3_COINS_MAX, error)) ||
      (trainer->hours != current->hours &&
       !check_limit (_("Hours"), trainer->hours, KS_GEN3_HOURS_MAX, error)) ||
      (trainer->minutes != current->minutes &&
       !check_limit (_("Minutes"), trainer->minutes, KS_GEN3_MINUTES_MAX, error)) ||
      (trainer->seconds != current->seconds &&
       !check_limit (_("Seconds"), trainer->seconds, KS_GEN3_MINUTES_MAX, error)) ||
      (trainer->frames != current->frames &&
       !check_limit (_("Frames"), trainer->frames, KS_GEN3_MINUTES_MAX, error)))
    return FALSE;

  if (name_changed)
    memcpy (sb2 (save) + KS_GEN3_SB2_NAME, name, KS_GEN3_SB2_NAME_SIZE);
  if (trainer->gender != current->gender)
    sb2 (save)[KS_GEN3_SB2_GENDER] = trainer->gender;
  if (trainer->tid != current->tid)
    ks_write_le16 (sb2 (save) + KS_GEN3_SB2_TID, trainer->tid);
  if (trainer->sid != current->sid)
    ks_write_le16 (sb2 (save) + KS_GEN3_SB2_SID, trainer->sid);
  if (trainer->hours != current->hours)
    ks_write_le16 (sb2 (save) + KS_GEN3_SB2_HOURS, trainer->hours);
  if (trainer->minutes != current->minutes)
    sb2 (save)[KS_GEN3_SB2_MINUTES] = trainer->minutes;
  if (trainer->seconds != current->seconds)
    sb2 (save)[KS_GEN3_SB2_SECONDS] = trainer->seconds;
  if (trainer->frames != current->frames)
    sb2 (save)[KS_GEN3_SB2_FRAMES] = trainer->frames;
  /* §3.3: encoded with this slot's key, which stays as it is. */
  if (trainer->money != current->money)
    ks_write_le32 (sb1 (save) + layout->money, trainer->money ^ key);
  if (trainer->coins != current->coins)
    ks_write_le16 (sb1 (save) + layout->coins, (guint16) (trainer->coins ^ (key & 0xFFFF)));

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    {
      guint byte;
      guint8 bit;

      if (!trainer->badges[i] == !current->badges[i])
        continue;
      badge_flag (save, i, &byte, &bit);
      if (trainer->badges[i])
        sb1 (save)[byte] |= bit;
      else
        sb1 (save)[byte] &= (guint8) ~bit;
    }

  return TRUE;
}

/* Sets every field of @trainer (name NULL keeps the name).  Refused while
 * the loaded slot has error findings unless @force. */
gboolean
ks_gen3_set_trainer (KsGen3Save           *save,
                     const KsGen3Trainer  *trainer,
                     gboolean              force,
                     GError              **error)
{
  g_auto(KsGen3Trainer) current = { 0 };

  g_return_val_if_fail (save != NULL, FALSE);
  g_return_val_if_fail (trainer != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_loaded (save, error))
    return FALSE;
  /* §7 write gate, before anything changes: checksums and every other
   * error of the slot being edited. */
  if (!force && !ks_gen3_check_writable (save, error))
    return FALSE;

  read_trainer (save, &current);
  if (!ks_gen3_apply_trainer (save, &current, trainer, error))
    return FALSE;

  save->edited = TRUE;
  if (force)
    save->forced = TRUE;
  return TRUE;
}

static gboolean
parse_number (const char  *key,
              const char  *value,
              guint        max,
              guint       *out,
              GError     **error)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (value, 10, 0, max, &n, NULL))
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("%s must be a whole number from 0 to %u; “%s” is not."), key, max, value);
      return FALSE;
    }

  *out = (guint) n;
  return TRUE;
}

static gboolean
parse_boolean (const char  *key,
               const char  *value,
               gboolean    *out,
               GError     **error)
{
  if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1") ||
      g_ascii_strcasecmp (value, "yes") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0") ||
           g_ascii_strcasecmp (value, "no") == 0)
    *out = FALSE;
  else
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("%s must be true or false (or 1 or 0); “%s” is neither."), key, value);
      return FALSE;
    }

  return TRUE;
}

/* One field from text, as the CLI's --set KEY=VALUE gives it.  Keys are
 * those of ks_gen3_trainer_keys(). */
gboolean
ks_gen3_set_trainer_field (KsGen3Save  *save,
                           const char  *key,
                           const char  *value,
                           gboolean     force,
                           GError     **error)
{
  g_auto(KsGen3Trainer) trainer = { 0 };
  guint n = 0;

  g_return_val_if_fail (save != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ks_gen3_get_trainer (save, &trainer, error))
    return FALSE;

  if (g_str_equal (key, "name"))
    {
      g_free (trainer.name);
      trainer.name = g_strdup (value);
    }
  else if (g_str_equal (key, "gender"))
    {
      if (g_ascii_strcasecmp (value, "male") == 0)
        trainer.gender = KS_GEN3_GENDER_MALE;
      else if (g_ascii_strcasecmp (value, "female") == 0)
        trainer.gender = KS_GEN3_GENDER_FEMALE;
      else
        {
          g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                       _("gender must be male or female; “%s” is neither."), value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "tid") || g_str_equal (key, "sid"))
    {
      if (!parse_number (key, value, G_MAXUINT16, &n, error))
        return FALSE;
      if (g_str_equal (key, "tid"))
        trainer.tid = (guint16) n;
      else
        trainer.sid = (guint16) n;
    }
  else if (g_str_equal (key, "money"))
    {
      if (!parse_number (key, value, KS_GEN3_MONEY_MAX, &n, error))
        return FALSE;
      trainer.money = n;
    }
  else if (g_str_equal (key, "coins"))
    {
      if (!parse_number (key, value, KS_GEN3_COINS_MAX, &n, error))
        return FALSE;
      trainer.coins = (guint16) n;
    }
  else if (g_str_equal (key, "hours"))
    {
      if (!parse_number (key, value, KS_GEN3_HOURS_MAX, &n, error))
        return FALSE;
      trainer.hours = (guint16) n;
    }
  else if (g_str_equal (key, "minutes") || g_str_equal (key, "seconds"))
    {
      if (!parse_number (key, value, KS_GEN3_MINUTES_MAX, &n, error))
        return FALSE;
      if (g_str_equal (key, "minutes"))
        trainer.minutes = (guint8) n;
      else
        trainer.seconds = (guint8) n;
    }
  else if (g_str_has_prefix (key, "badge") && strlen (key) == 6 && key[5] >= '1' && key[5] <= '8')
    {
      if (!parse_boolean (key, value, &trainer.badges[key[5] - '1'], error))
        return FALSE;
    }
  else
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_BAD_VALUE,
                   _("“%s” is not a trainer field; use name, gender, tid, sid, money, coins, "
                     "hours, minutes, seconds or badge1 to badge8."),
                   key);
      return FALSE;
    }

  return ks_gen3_set_trainer (save, &trainer, force, error);
}
