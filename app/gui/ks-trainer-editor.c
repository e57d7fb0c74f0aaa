/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-trainer-editor.c — the Gen III trainer form
 *
 * Spec gen3.md §3 (fields and limits) and §4 (the name's character set).
 * The form holds what the core reads with ks_gen3_get_trainer(); the limits
 * live in the adjustments of the .ui and in the core's constants, and the
 * name is checked with the core's own encoder as it is typed, so the
 * editor can never hand the window a value the core would refuse for its
 * form.  Writing is the window's job: this only asks for it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ks-trainer-editor.h"

struct _KsTrainerEditor
{
  GtkWindow       parent_instance;

  KsContainer    *container;
  KsGen3Trainer   original;
  gboolean        busy;

  GtkLabel       *game_label;
  GtkLabel       *detection_label;
  GtkEntry       *name_entry;
  GtkLabel       *name_message;
  GtkCheckButton *male_check;
  GtkCheckButton *female_check;
  GtkSpinButton  *tid_spin;
  GtkSpinButton  *sid_spin;
  GtkSpinButton  *money_spin;
  GtkSpinButton  *coins_spin;
  GtkSpinButton  *hours_spin;
  GtkSpinButton  *minutes_spin;
  GtkSpinButton  *seconds_spin;
  GtkCheckButton *badge_checks[KS_GEN3_N_BADGES];
  GtkLabel       *result_label;
  GtkLabel       *damage_label;
  GtkButton      *save_button;
  GtkButton      *cancel_button;
};

G_DEFINE_FINAL_TYPE (KsTrainerEditor, ks_trainer_editor, GTK_TYPE_WINDOW)

enum {
  SAVE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Badges in the order of the games' badge flags (§3.2): Hoenn for
 * Ruby/Sapphire and Emerald, Kanto for FireRed/LeafGreen.  The check
 * buttons sit under a “Badges” heading and show the short name; the
 * tooltip gives the badge's whole name, each its own message. */
typedef struct
{
  const char *label;
  const char *name;
} Badge;

static const Badge hoenn_badges[KS_GEN3_N_BADGES] = {
  /* Translators: the short badge names label check buttons under the
   * heading “Badges”; the whole names are their tooltips */
  { N_("Stone"), N_("Stone Badge") },
  { N_("Knuckle"), N_("Knuckle Badge") },
  { N_("Dynamo"), N_("Dynamo Badge") },
  { N_("Heat"), N_("Heat Badge") },
  { N_("Balance"), N_("Balance Badge") },
  { N_("Feather"), N_("Feather Badge") },
  { N_("Mind"), N_("Mind Badge") },
  { N_("Rain"), N_("Rain Badge") },
};
static const Badge kanto_badges[KS_GEN3_N_BADGES] = {
  { N_("Boulder"), N_("Boulder Badge") },
  { N_("Cascade"), N_("Cascade Badge") },
  { N_("Thunder"), N_("Thunder Badge") },
  { N_("Rainbow"), N_("Rainbow Badge") },
  { N_("Soul"), N_("Soul Badge") },
  { N_("Marsh"), N_("Marsh Badge") },
  { N_("Volcano"), N_("Volcano Badge") },
  { N_("Earth"), N_("Earth Badge") },
};

static KsGen3Save *
get_save (KsTrainerEditor *self)
{
  return ks_container_get_impl (self->container);
}

static void
show_name_message (KsTrainerEditor *self,
                   const char      *message)
{
  gtk_label_set_text (self->name_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_message), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  /* for screen readers the same: the field is marked, the message (its
   * description, ks-trainer-editor.ui) says why */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->name_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The number of game characters @text takes, or -1 when the Western table
 * cannot show it.  Counted by the core's encoder, so glyphs such as "PK"
 * that stand for several letters count as the one byte they are. */
static gssize
encoded_length (const char *text)
{
  g_autoptr(GBytes) bytes = ks_gen3_encode_text (text, NULL);

  if (bytes == NULL)
    return -1;

  return (gssize) g_bytes_get_size (bytes) - 1;
}

/* Refuses, before it reaches the entry, any insertion with a character the
 * Gen III charset has no glyph for (§4), or one that makes the name longer
 * than the game's field. */
static void
on_name_insert_text (GtkEditable     *editable,
                     const char      *text,
                     int              length,
                     int             *position,
                     KsTrainerEditor *self)
{
  g_autofree char *inserted = NULL;
  g_autoptr(GString) result = NULL;
  const char *current;
  const char *split;
  gssize result_length;

  inserted = length < 0 ? g_strdup (text) : g_strndup (text, length);
  if (!g_utf8_validate (inserted, -1, NULL))
    {
      g_signal_stop_emission_by_name (editable, "insert-text");
      gtk_widget_error_bell (GTK_WIDGET (self->name_entry));
      return;
    }

  for (const char *p = inserted; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *character = g_strndup (p, g_utf8_next_char (p) - p);
      g_autofree char *message = NULL;

      if (encoded_length (character) >= 0)
        continue;

      message = g_strdup_printf (_("“%s” cannot be written in a Gen III name; use letters, "
                                   "digits, accented letters or simple punctuation."),
                                 character);
      show_name_message (self, message);
      gtk_widget_error_bell (GTK_WIDGET (self->name_entry));
      g_signal_stop_emission_by_name (editable, "insert-text");
      return;
    }

  current = gtk_editable_get_text (editable);
  split = g_utf8_offset_to_pointer (current, CLAMP (*position, 0, (int) g_utf8_strlen (current, -1)));
  result = g_string_new_len (current, split - current);
  g_string_append (result, inserted);
  g_string_append (result, split);

  /* A stored name with bytes the table cannot show (read as U+FFFD) is
   * measured in characters: each such character is one byte. */
  result_length = encoded_length (result->str);
  if (result_length < 0)
    result_length = g_utf8_strlen (result->str, -1);

  if (result_length > KS_GEN3_NAME_MAX_CHARS)
    {
      g_autofree char *message = g_strdup_printf (_("A trainer name holds at most %d characters."),
                                                  KS_GEN3_NAME_MAX_CHARS);

      show_name_message (self, message);
      gtk_widget_error_bell (GTK_WIDGET (self->name_entry));
      g_signal_stop_emission_by_name (editable, "insert-text");
      return;
    }

  show_name_message (self, NULL);
}

static void
set_busy (KsTrainerEditor *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy);
}

static void
show_result_text (KsTrainerEditor *self,
                  gboolean         ok,
                  const char      *text)
{
  GtkWidget *label = GTK_WIDGET (self->result_label);

  gtk_label_set_text (self->result_label, text);
  gtk_widget_remove_css_class (label, ok ? "error" : "success");
  gtk_widget_add_css_class (label, ok ? "success" : "error");
  gtk_widget_set_visible (label, TRUE);
}

static void
on_save_clicked (KsTrainerEditor *self)
{
  const char *name;

  if (self->busy)
    return;

  /* Spin buttons take typed text only on activate or focus-out: take it
   * now, clamped to the adjustment, so what is shown is what is saved. */
  for (GtkSpinButton **spin = (GtkSpinButton *[]) { self->tid_spin, self->sid_spin, self->money_spin,
                                                    self->coins_spin, self->hours_spin,
                                                    self->minutes_spin, self->seconds_spin, NULL };
       *spin != NULL; spin++)
    gtk_spin_button_update (*spin);

  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  if (*name == '\0')
    {
      show_name_message (self, _("The name cannot be empty."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (g_strcmp0 (name, self->original.name) != 0 && encoded_length (name) < 0)
    {
      show_name_message (self, _("The name has a character the Gen III character set cannot "
                                 "show; retype it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }

  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  g_signal_emit (self, signals[SAVE_REQUESTED], 0);
}

static void
fill_form (KsTrainerEditor *self)
{
  KsGen3Save *save = get_save (self);
  KsGen3Game game = ks_gen3_get_game (save);
  const Badge *badges = game == KS_GEN3_GAME_FRLG ? kanto_badges : hoenn_badges;
  g_autofree char *game_text = NULL;
  const KsGen3Trainer *t = &self->original;

  game_text = g_strdup_printf (ks_gen3_is_game_overridden (save) ? _("Game: %s (chosen)")
                                                                 : _("Game: %s (detected)"),
                               ks_gen3_game_to_name (game));
  gtk_label_set_text (self->game_label, game_text);
  gtk_label_set_text (self->detection_label, ks_gen3_get_game_detection (save));

  /* The stored name is shown as it is, even with bytes the table cannot
   * show: only typing is checked. */
  g_signal_handlers_block_by_func (gtk_editable_get_delegate (GTK_EDITABLE (self->name_entry)),
                                   on_name_insert_text, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), t->name != NULL ? t->name : "");
  g_signal_handlers_unblock_by_func (gtk_editable_get_delegate (GTK_EDITABLE (self->name_entry)),
                                     on_name_insert_text, self);
  /* A stored gender other than 0 or 1 checks neither and is kept. */
  gtk_check_button_set_active (self->male_check, t->gender == KS_GEN3_GENDER_MALE);
  gtk_check_button_set_active (self->female_check, t->gender == KS_GEN3_GENDER_FEMALE);
  gtk_spin_button_set_value (self->tid_spin, t->tid);
  gtk_spin_button_set_value (self->sid_spin, t->sid);
  gtk_spin_button_set_value (self->money_spin, t->money);
  gtk_spin_button_set_value (self->coins_spin, t->coins);
  gtk_spin_button_set_value (self->hours_spin, t->hours);
  gtk_spin_button_set_value (self->minutes_spin, t->minutes);
  gtk_spin_button_set_value (self->seconds_spin, t->seconds);

  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    {
      /* Alt+1 … Alt+8 toggle the badges in the game's order. */
      g_autofree char *label = g_strdup_printf ("_%u %s", i + 1, _(badges[i].label));

      gtk_check_button_set_label (self->badge_checks[i], label);
      gtk_check_button_set_active (self->badge_checks[i], t->badges[i]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->badge_checks[i]), _(badges[i].name));
    }
}

static void
ks_trainer_editor_dispose (GObject *object)
{
  KsTrainerEditor *self = KS_TRAINER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KS_TYPE_TRAINER_EDITOR);

  G_OBJECT_CLASS (ks_trainer_editor_parent_class)->dispose (object);
}

static void
ks_trainer_editor_finalize (GObject *object)
{
  KsTrainerEditor *self = KS_TRAINER_EDITOR (object);

  ks_gen3_trainer_clear (&self->original);
  g_clear_pointer (&self->container, ks_container_unref);

  G_OBJECT_CLASS (ks_trainer_editor_parent_class)->finalize (object);
}

static void
ks_trainer_editor_class_init (KsTrainerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ks_trainer_editor_dispose;
  object_class->finalize = ks_trainer_editor_finalize;

  /**
   * KsTrainerEditor::save-requested:
   *
   * Save was pressed with a valid form.  The handler reads the form with
   * ks_trainer_editor_get_trainer(), writes it, and answers with
   * ks_trainer_editor_show_result(); until then Save stays insensitive.
   */
  signals[SAVE_REQUESTED] = g_signal_new ("save-requested",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ks-trainer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, game_label);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, detection_label);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, male_check);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, female_check);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, tid_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, sid_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, money_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, coins_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, seconds_spin);
  gtk_widget_class_bind_template_child_full (widget_class, "badge1_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge2_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge3_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge4_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge5_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge6_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge7_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "badge8_check", FALSE,
                                             G_STRUCT_OFFSET (KsTrainerEditor, badge_checks[7]));
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, result_label);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, damage_label);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KsTrainerEditor, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  /* A plain GtkWindow has no Escape binding; an editor should. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ks_trainer_editor_init (KsTrainerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->name_entry)), "insert-text",
                    G_CALLBACK (on_name_insert_text), self);
}

/* A save that fails its checks opens with a warning above the form: the
 * verdict and the first finding that made it, in the checks' own words */
static void
show_damage (KsTrainerEditor *self)
{
  g_autoptr(GPtrArray) findings = ks_container_verify (self->container);
  KsVerdict verdict = ks_findings_get_verdict (findings);
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  KsSeverity worst;

  if (verdict != KS_VERDICT_ERROR && verdict != KS_VERDICT_WARNING)
    return;

  worst = verdict == KS_VERDICT_ERROR ? KS_SEVERITY_ERROR : KS_SEVERITY_WARNING;
  sentence = ks_findings_describe_verdict (findings);
  for (guint i = 0; i < findings->len && text == NULL; i++)
    {
      const KsFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == worst)
        /* Translators: the verdict, then the first problem found */
        text = g_strdup_printf (worst == KS_SEVERITY_ERROR ? _("This save is damaged. %s %s")
                                                           : _("This save has a problem. %s %s"),
                                sentence, finding->message);
    }

  gtk_label_set_text (self->damage_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->damage_label), TRUE);
}

/* An editor on the Gen III save in @container, transient and modal for
 * @parent.  Fails when @container holds another format, or a save with no
 * game in it yet. */
KsTrainerEditor *
ks_trainer_editor_new (GtkWindow    *parent,
                       KsContainer  *container,
                       GError      **error)
{
  KsTrainerEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (container != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (ks_container_get_format (container) != &ks_gen3_format)
    {
      g_set_error (error, KS_FORMAT_ERROR, KS_FORMAT_ERROR_UNSUPPORTED,
                   _("Only Pokémon Ruby, Sapphire, Emerald, FireRed and LeafGreen saves have a "
                     "trainer to edit."));
      return NULL;
    }

  /* Like every GtkWindow, owned by GTK until gtk_window_destroy(). */
  self = g_object_new (KS_TYPE_TRAINER_EDITOR,
                       "transient-for", parent,
                       NULL);
  self->container = ks_container_ref (container);
  if (!ks_gen3_get_trainer (get_save (self), &self->original, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  fill_form (self);
  show_damage (self);
  return self;
}

/* The warning at the top, while one is shown, else NULL */
const char *
ks_trainer_editor_get_damage (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->damage_label)))
    return NULL;
  return gtk_label_get_text (self->damage_label);
}

KsContainer *
ks_trainer_editor_get_container (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->container;
}

/* The form as a KsGen3Trainer; free it with ks_gen3_trainer_clear().  The
 * frames of the play time, which the form does not show, are kept. */
void
ks_trainer_editor_get_trainer (KsTrainerEditor *self,
                               KsGen3Trainer   *out)
{
  g_return_if_fail (KS_IS_TRAINER_EDITOR (self));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  if (gtk_check_button_get_active (self->male_check))
    out->gender = KS_GEN3_GENDER_MALE;
  else if (gtk_check_button_get_active (self->female_check))
    out->gender = KS_GEN3_GENDER_FEMALE;
  else
    out->gender = self->original.gender;
  out->tid = (guint16) gtk_spin_button_get_value_as_int (self->tid_spin);
  out->sid = (guint16) gtk_spin_button_get_value_as_int (self->sid_spin);
  out->money = (guint32) gtk_spin_button_get_value_as_int (self->money_spin);
  out->coins = (guint16) gtk_spin_button_get_value_as_int (self->coins_spin);
  out->hours = (guint16) gtk_spin_button_get_value_as_int (self->hours_spin);
  out->minutes = (guint8) gtk_spin_button_get_value_as_int (self->minutes_spin);
  out->seconds = (guint8) gtk_spin_button_get_value_as_int (self->seconds_spin);
  out->frames = self->original.frames;
  for (guint i = 0; i < KS_GEN3_N_BADGES; i++)
    out->badges[i] = gtk_check_button_get_active (self->badge_checks[i]);
}

/* The window's answer to "save-requested": @ok with @message (or a default
 * sentence) once the write was read back and verified, else the error
 * sentence.  Save becomes available again either way. */
void
ks_trainer_editor_show_result (KsTrainerEditor *self,
                               gboolean         ok,
                               const char      *message)
{
  g_return_if_fail (KS_IS_TRAINER_EDITOR (self));

  set_busy (self, FALSE);

  if (message == NULL)
    message = ok ? _("Saved, read back and verified.") : _("The save could not be written.");
  show_result_text (self, ok, message);

  if (ok)
    {
      /* What was written is the new starting point: Cancel now only
       * closes. */
      ks_gen3_trainer_clear (&self->original);
      ks_trainer_editor_get_trainer (self, &self->original);
      gtk_button_set_label (self->cancel_button, _("_Close"));
    }
}

/* TRUE between "save-requested" and ks_trainer_editor_show_result(). */
gboolean
ks_trainer_editor_is_busy (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), FALSE);

  return self->busy;
}

GtkEditable *
ks_trainer_editor_get_name_entry (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return GTK_EDITABLE (self->name_entry);
}

/* The sentence under the name while one is shown, else NULL. */
const char *
ks_trainer_editor_get_name_message (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->name_message)))
    return NULL;

  return gtk_label_get_text (self->name_message);
}

GtkCheckButton *
ks_trainer_editor_get_gender_check (KsTrainerEditor *self,
                                    KsGen3Gender     gender)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return gender == KS_GEN3_GENDER_FEMALE ? self->female_check : self->male_check;
}

GtkSpinButton *
ks_trainer_editor_get_tid_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->tid_spin;
}

GtkSpinButton *
ks_trainer_editor_get_sid_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->sid_spin;
}

GtkSpinButton *
ks_trainer_editor_get_money_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->money_spin;
}

GtkSpinButton *
ks_trainer_editor_get_coins_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->coins_spin;
}

GtkSpinButton *
ks_trainer_editor_get_hours_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->hours_spin;
}

GtkSpinButton *
ks_trainer_editor_get_minutes_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->minutes_spin;
}

GtkSpinButton *
ks_trainer_editor_get_seconds_spin (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->seconds_spin;
}

/* @badge counts from 0, in the games' order. */
GtkCheckButton *
ks_trainer_editor_get_badge_check (KsTrainerEditor *self,
                                   guint            badge)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);
  g_return_val_if_fail (badge < KS_GEN3_N_BADGES, NULL);

  return self->badge_checks[badge];
}

const char *
ks_trainer_editor_get_game_text (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return gtk_label_get_text (self->game_label);
}

GtkButton *
ks_trainer_editor_get_save_button (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->save_button;
}

GtkButton *
ks_trainer_editor_get_cancel_button (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  return self->cancel_button;
}

/* The result sentence while one is shown, else NULL. */
const char *
ks_trainer_editor_get_result_text (KsTrainerEditor *self)
{
  g_return_val_if_fail (KS_IS_TRAINER_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->result_label)))
    return NULL;

  return gtk_label_get_text (self->result_label);
}
