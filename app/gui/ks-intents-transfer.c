/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-intents-transfer.c — a save, a file or a backup going onto a device
 *
 * Every drop, import and restore takes the same road: the plan
 * (ks-copy-plan.h) works out on a copy of the target what the write would
 * do and what stands in its way, every problem at once; a refusal is
 * explained in the message bar and nothing runs; a pure addition to free
 * space starts its job at once, and its job row says that nothing is
 * replaced; anything that replaces something asks first, in one dialog
 * that names the source and the target and has a button named for each
 * choice that fits.  The job then does what the person chose, through
 * the write protocol, and checks again against what the device holds when
 * it runs.
 *
 * Several drops at once (files from the file manager) are asked about one
 * after the other.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ks-intents-private.h"

typedef enum
{
  TRANSFER_SAVE,    /* a save (or a file) copied by a copy job */
  TRANSFER_IMAGE,   /* a whole image restored over the target */
} TransferKind;

typedef struct
{
  KsIntents      *intents;    /* weak */
  KsDevice       *target;
  KsCopyPlan     *plan;
  TransferKind    kind;
  /* TRANSFER_SAVE: where the job reads the save when it runs */
  char           *source;
  KsCartOverride  source_override;
  gboolean        has_source_override;
  char           *save;        /* an index, or NULL: the whole source */
  GBytes         *file;        /* a file's bytes as planned, for its clock footer */
  /* TRANSFER_IMAGE */
  GBytes         *image;
  char           *image_format;
  /* for sentences */
  char           *what;        /* the save's name, or "The backup of …" */
  char           *from;        /* where it comes from, or NULL */
  guint64         size;
  gboolean        is_file;     /* from the file manager or a file chooser */
  /* the whole save onto a cart with a clock: the choices offered */
  GtkDropDown    *clock;
  KsClockChoice   clock_choices[3];
} Transfer;

static void
transfer_free (Transfer *t)
{
  g_clear_weak_pointer (&t->intents);
  g_clear_weak_pointer (&t->clock);
  g_clear_object (&t->target);
  g_clear_pointer (&t->plan, ks_copy_plan_free);
  g_free (t->source);
  g_free (t->save);
  g_clear_pointer (&t->file, g_bytes_unref);
  g_clear_pointer (&t->image, g_bytes_unref);
  g_free (t->image_format);
  g_free (t->what);
  g_free (t->from);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Transfer, transfer_free)

static Transfer *
transfer_new (KsIntents    *intents,
              KsDevice     *target,
              TransferKind  kind)
{
  Transfer *t = g_new0 (Transfer, 1);

  g_set_weak_pointer (&t->intents, intents);
  t->target = g_object_ref (target);
  t->kind = kind;
  return t;
}

static char *
format_size (guint64 size)
{
  return g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
}

/* ---- what devices are, for the plan ---- */

/* The platform a container's content is for, where its format says it:
 * a raw cartridge save has no structure that tells a GB from a GBA one */
static const char *
container_platform (KsContainer *container)
{
  const KsFormat *format = container != NULL ? ks_container_get_format (container) : NULL;

  if (format == NULL || g_str_equal (format->id, "gb-sav"))
    return NULL;
  return format->platform;
}

static const char *
device_platform (KsDevice *device)
{
  const char *platform = ks_device_get_platform (device);

  if (g_strcmp0 (platform, "gba") == 0)
    return "GBA";
  if (g_strcmp0 (platform, "gb") == 0)
    return "GB";
  if (g_strcmp0 (platform, "saturn") == 0 || g_strcmp0 (platform, "folder") == 0)
    return "Saturn";
  return container_platform (ks_device_get_container (device));
}

static void
target_of (KsDevice     *device,
           KsCopyTarget *to)
{
  const KsCartOverride *override = ks_device_get_cart_override (device);

  to->container = ks_device_get_container (device);
  to->folder = ks_device_get_folder (device);
  to->content = to->container == NULL ? ks_device_get_bytes (device) : NULL;
  to->title = ks_device_get_title (device);
  to->platform = ks_device_get_kind (device) == KS_DEVICE_KIND_READER ? device_platform (device)
                                                                       : NULL;
  /* the cart on top of a card takes the card's entries as the card's own
   * restore does, whatever their size */
  to->flags = override != NULL && override->kind == KS_CART_GB_ON_MMC ? KS_COPY_CHECK_CARD_RESTORE
                                                                        : KS_COPY_CHECK_NONE;
}

/* A device that is still being read has nothing to plan against yet */
static gboolean
target_ready (KsIntents *self,
              KsDevice *target)
{
  g_autofree char *message = NULL;

  if (!ks_device_get_busy (target))
    return TRUE;

  message = g_strdup_printf (_("%s is still being read; try again once its saves are shown."),
                             ks_device_get_title (target));
  ks_intents_say (self, message);
  return FALSE;
}

/* ---- sentences ---- */

/* The name the save goes in under, as planned */
static const char *
planned_name (Transfer *t)
{
  return ks_copy_plan_get_name (t->plan) != NULL ? ks_copy_plan_get_name (t->plan) : t->what;
}

static char *
job_title (Transfer     *t,
           KsCopyChoice  choice)
{
  const char *target = ks_device_get_title (t->target);
  const char *name = planned_name (t);

  if (t->kind == TRANSFER_IMAGE)
    return g_strdup_printf (_("Restore %s"), target);
  if (ks_copy_plan_get_effect (t->plan) == KS_COPY_EFFECT_REPLACE_ALL)
    return g_strdup_printf (_("Write “%s” to %s"), t->what, target);
  if (choice == KS_COPY_CHOICE_REPLACE)
    return g_strdup_printf (_("Replace “%s” on %s"), name, target);
  if (choice == KS_COPY_CHOICE_KEEP_BOTH)
    return g_strdup_printf (_("Add “%s” to %s"), ks_copy_plan_get_new_name (t->plan), target);
  return g_strdup_printf (_("Add “%s” to %s"), name, target);
}

static char *
refusal_heading (Transfer *t)
{
  const char *target = ks_device_get_title (t->target);

  if (t->kind == TRANSFER_IMAGE && !t->is_file)
    return g_strdup_printf (_("The backup was not restored to %s:"), target);
  if (t->is_file)
    return g_strdup_printf (_("“%s” was not written to %s:"), t->what, target);
  return g_strdup_printf (_("“%s” was not copied to %s:"), t->what, target);
}

static void
say_problems (KsIntents  *self,
              const char *heading,
              GPtrArray  *problems)
{
  GString *text = g_string_new (heading);

  for (guint i = 0; i < problems->len; i++)
    {
      const KsCopyProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "\n• %s", problem->message);
    }

  ks_intents_say (self, text->str);
  g_string_free (text, TRUE);
}

/* ---- running ---- */

static void
run_choice (Transfer     *t,
            KsCopyChoice  choice)
{
  KsIntents *self = t->intents;
  KsDevice *target = t->target;
  const char *path = ks_device_get_path (target);
  const KsCartOverride *override = ks_device_get_cart_override (target);
  g_autoptr(KsJob) job = NULL;
  g_autofree char *title = job_title (t, choice);
  g_autofree char *summary = NULL;
  KsClockChoice clock = t->clock != NULL
                        ? t->clock_choices[gtk_drop_down_get_selected (t->clock) % 3]
                        : KS_CLOCK_KEEP;

  if (self == NULL)
    return;

  if (t->kind == TRANSFER_IMAGE)
    job = ks_job_restore_new_full (self->library, path, override, t->image, t->image_format, FALSE,
                                   clock);
  else
    job = ks_job_copy_new_full (self->library, t->source,
                                t->has_source_override ? &t->source_override : NULL, t->save,
                                path, override, choice,
                                choice == KS_COPY_CHOICE_KEEP_BOTH
                                ? ks_copy_plan_get_new_name (t->plan) : NULL,
                                FALSE, clock);

  summary = ks_job_describe_plan (ks_job_get_kind (job), t->plan, choice, t->what,
                                  ks_device_get_title (target));
  ks_job_set_summary (job, summary);
  ks_intents_queue_job (self, job, target, title);
}

static void offer_next (KsIntents *self);

static void
on_question_answered (KsConfirmDialog *dialog,
                      int              response,
                      gpointer         user_data)
{
  g_autoptr(Transfer) t = user_data;
  KsIntents *self = t->intents;

  if (self == NULL)
    return;

  g_clear_weak_pointer (&self->question);
  if (response >= 0)
    run_choice (t, (KsCopyChoice) response);
  offer_next (self);
}

static GtkWidget *
add_choice (KsConfirmDialog *dialog,
            Transfer        *t,
            const char      *label,
            KsCopyChoice     choice,
            gboolean         destructive)
{
  GtkWidget *button = ks_confirm_dialog_add_choice (dialog, label, (int) choice, destructive);

  gtk_widget_set_sensitive (button, ks_copy_plan_can (t->plan, choice));
  return button;
}

static void
add_notes (KsConfirmDialog *dialog,
           KsCopyPlan      *plan)
{
  GPtrArray *problems = ks_copy_plan_get_problems (plan);

  for (guint i = 0; i < problems->len; i++)
    ks_confirm_dialog_add_note (dialog, ((KsCopyProblem *) g_ptr_array_index (problems, i))->message);
}

/* save-chips.md §3.5, §4.3: a restore, or a file written as a cart's
 * whole save, onto a cart whose clock answered offers to keep it (the
 * default), set it to now (a GBA clock) or set it from the backup's or
 * the file's footer (when it has one) */
static void
offer_clock (KsConfirmDialog *dialog,
             Transfer        *t)
{
  KsContainer *now = ks_device_get_container (t->target);
  const char *now_format = now != NULL ? ks_container_get_format (now)->id : NULL;
  GtkStringList *choices;
  GtkWidget *drop_down;
  guint n = 0;

  if (ks_device_get_kind (t->target) != KS_DEVICE_KIND_READER ||
      ks_device_get_bytes (t->target) == NULL ||
      !ks_clock_footer_present (ks_device_get_bytes (t->target), now_format))
    return;

  /* keep first, the default; a choice that cannot be done is not offered */
  choices = gtk_string_list_new (NULL);
  gtk_string_list_append (choices, _("Keep the cart's clock as it runs"));
  t->clock_choices[n++] = KS_CLOCK_KEEP;
  if (g_strcmp0 (ks_device_get_platform (t->target), "gba") == 0)
    {
      gtk_string_list_append (choices, _("Set the cart's clock to now"));
      t->clock_choices[n++] = KS_CLOCK_NOW;
    }
  if (t->kind == TRANSFER_IMAGE && ks_clock_footer_present (t->image, t->image_format))
    {
      gtk_string_list_append (choices, t->is_file
                                       ? _("Set the cart's clock from the file's clock")
                                       : _("Set the cart's clock from the backup's clock"));
      t->clock_choices[n++] = KS_CLOCK_FROM_BACKUP;
    }
  /* a file goes in as the cart's save, read in the cart's format */
  else if (t->kind == TRANSFER_SAVE && t->file != NULL &&
           ks_clock_footer_present (t->file, now_format))
    {
      gtk_string_list_append (choices, _("Set the cart's clock from the file's clock"));
      t->clock_choices[n++] = KS_CLOCK_FROM_BACKUP;
    }
  while (n < G_N_ELEMENTS (t->clock_choices))
    t->clock_choices[n++] = KS_CLOCK_KEEP;

  drop_down = gtk_drop_down_new (G_LIST_MODEL (choices), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The cart's clock"), -1);
  g_set_weak_pointer (&t->clock, GTK_DROP_DOWN (drop_down));
  ks_confirm_dialog_set_extra (dialog, drop_down);
}

/* The body of the question about restoring a whole image */
static char *
describe_image (Transfer *t)
{
  const char *target = ks_device_get_title (t->target);
  guint saves = ks_copy_plan_get_target_saves (t->plan);
  g_autofree char *size = format_size (t->size);
  g_autofree char *first = g_strdup_printf (_("%s (%s) replaces everything on %s."), t->what,
                                            size, target);
  const char *kept = _("The current content is stored in the backup library first, so it can be "
                       "restored.");
  g_autofree char *held = NULL;

  if (saves == 0)
    return g_strjoin (" ", first, kept, NULL);

  held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "It holds %u save now.",
                                       "It holds %u saves now.", saves), saves);
  return g_strjoin (" ", first, held, kept, NULL);
}

static KsConfirmDialog *
ask (Transfer *t)
{
  const char *target = ks_device_get_title (t->target);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *size = format_size (t->size);
  KsConfirmDialog *dialog;

  switch (ks_copy_plan_get_effect (t->plan))
    {
    case KS_COPY_EFFECT_REPLACE_SAVE:
      {
        g_autofree char *there = format_size (ks_copy_plan_get_replaced_size (t->plan));
        const char *name = ks_copy_plan_get_replaced_name (t->plan);

        heading = g_strdup_printf (_("%s already holds “%s”"), target, name);
        if (ks_copy_plan_get_new_name (t->plan) != NULL)
          body = g_strdup_printf (_("Replace it with the one from %s (%s; the one there now is "
                                    "%s and is stored in the backup library first), or keep "
                                    "both: the new one goes in as “%s”."),
                                  t->from, size, there, ks_copy_plan_get_new_name (t->plan));
        else
          body = g_strdup_printf (_("Replace it with the one from %s (%s; the one there now is "
                                    "%s and is stored in the backup library first)."),
                                  t->from, size, there);
        dialog = ks_confirm_dialog_new (t->intents->parent, heading, body);
        add_choice (dialog, t, _("Keep _Both"), KS_COPY_CHOICE_KEEP_BOTH, FALSE);
        add_choice (dialog, t, _("_Replace"), KS_COPY_CHOICE_REPLACE, TRUE);
      }
      break;

    case KS_COPY_EFFECT_REPLACE_ALL:
      if (t->kind == TRANSFER_IMAGE)
        {
          heading = t->is_file ? g_strdup_printf (_("Restore %s to %s?"), t->what, target)
                               : g_strdup_printf (_("Restore the backup to %s?"), target);
          body = describe_image (t);
          dialog = ks_confirm_dialog_new (t->intents->parent, heading, body);
          add_choice (dialog, t, _("_Restore"), KS_COPY_CHOICE_REPLACE, TRUE);
          offer_clock (dialog, t);
        }
      else
        {
          g_autofree char *there = format_size (ks_copy_plan_get_target_size (t->plan));

          heading = g_strdup_printf (_("Replace the save on %s?"), target);
          body = g_strdup_printf (_("“%s” (%s, from %s) replaces the %s save on %s. The "
                                    "current save is stored in the backup library first, so it "
                                    "can be restored."),
                                  t->what, size, t->from, there, target);
          dialog = ks_confirm_dialog_new (t->intents->parent, heading, body);
          add_choice (dialog, t, _("_Replace"), KS_COPY_CHOICE_REPLACE, TRUE);
          offer_clock (dialog, t);
        }
      break;

    case KS_COPY_EFFECT_ADD:
    default:
      g_assert_not_reached ();
    }

  add_notes (dialog, t->plan);
  return dialog;
}

/* Refused: explained; a pure addition: run; anything else: asked */
static void
offer (Transfer *t)
{
  KsIntents *self = t->intents;
  KsConfirmDialog *dialog;

  if (ks_copy_plan_is_refused (t->plan))
    {
      g_autofree char *heading = refusal_heading (t);

      say_problems (self, heading, ks_copy_plan_get_problems (t->plan));
      transfer_free (t);
      offer_next (self);
      return;
    }

  if (ks_copy_plan_get_effect (t->plan) == KS_COPY_EFFECT_ADD)
    {
      run_choice (t, KS_COPY_CHOICE_ADD);
      transfer_free (t);
      offer_next (self);
      return;
    }

  dialog = ask (t);
  g_set_weak_pointer (&self->question, dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_question_answered), t);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_next (KsIntents *self)
{
  Transfer *t;

  if (self->question != NULL)
    return;

  /* a transfer whose controller went away is dropped with it */
  while ((t = g_queue_pop_head (&self->transfers)) != NULL && t->intents == NULL)
    transfer_free (t);
  if (t != NULL)
    offer (t);
}

static void
queue_transfer (KsIntents *self,
                Transfer *t)
{
  g_queue_push_tail (&self->transfers, t);
  offer_next (self);
}

/* ---- what moves ---- */

/* A save row dropped on another device, or a device's only save */
void
ks_intents_copy_save (KsIntents  *self,
                      KsDevice   *source,
                      KsSaveItem *save,
                      KsDevice   *target)
{
  g_autoptr(Transfer) t = NULL;
  g_autoptr(GBytes) bup = NULL;
  g_autoptr(GError) error = NULL;
  KsCopySource from = { 0 };
  KsCopyTarget to = { 0 };
  KsBupFolder *folder = ks_device_get_folder (source);
  const KsCartOverride *override = ks_device_get_cart_override (source);

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (source) && KS_IS_SAVE_ITEM (save) && KS_IS_DEVICE (target));

  if (!target_ready (self, target))
    return;

  t = transfer_new (self, target, TRANSFER_SAVE);
  t->what = g_strdup (ks_save_item_get_name (save));
  t->from = g_strdup (ks_device_get_title (source));
  t->size = ks_save_item_get_size (save);
  if (override != NULL)
    {
      t->source_override = *override;
      t->has_source_override = TRUE;
    }

  if (folder != NULL)
    {
      /* a .BUP of a folder: the file is the save */
      guint index = ks_save_item_get_index (save);

      bup = ks_bup_folder_extract (folder, index, "save.BUP", &error);
      if (bup == NULL)
        {
          ks_intents_say (self, error->message);
          return;
        }
      t->source = g_strdup (ks_bup_folder_get_file_path (folder, index));
      from.file = bup;
      from.file_name = ks_bup_folder_get_file (folder, index);
      from.platform = "Saturn";
    }
  else if (ks_device_get_container (source) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Keepsake cannot read the saves of %s, so "
                                                    "it cannot copy one."),
                                                  ks_device_get_title (source));

      ks_intents_say (self, message);
      return;
    }
  else
    {
      t->source = g_strdup (ks_device_get_path (source));
      from.container = ks_device_get_container (source);
      from.platform = device_platform (source);
      if (ks_save_item_is_whole_image (save))
        {
          /* a cart's only save goes in under the cart's title, as the
           * copy job names it (else its file's name) */
          from.index = G_MAXUINT;
          from.name = ks_device_get_cart_title (source);
        }
      else
        {
          from.index = ks_save_item_get_index (save);
          t->save = g_strdup_printf ("%u", from.index);
        }
    }

  target_of (target, &to);
  t->plan = ks_copy_plan_new (&from, &to);
  queue_transfer (self, g_steal_pointer (&t));
}

/* A whole image over @target: a library backup, or an image file */
static Transfer *
image_transfer (KsIntents  *self,
                KsDevice   *target,
                GBytes     *image,
                const char *format_id,
                const char *file_name,
                char       *what,
                gboolean    is_file)
{
  Transfer *t = transfer_new (self, target, TRANSFER_IMAGE);
  KsCopySource from = { 0 };
  KsCopyTarget to = { 0 };

  t->image = g_bytes_ref (image);
  t->image_format = g_strdup (format_id);
  t->what = what;
  t->size = g_bytes_get_size (image);
  t->is_file = is_file;

  from.file = image;
  from.file_name = file_name;
  from.image_format = format_id;
  target_of (target, &to);
  t->plan = ks_copy_plan_new (&from, &to);
  return t;
}

static char *
describe_backup (const KsBackupEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (entry->time);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

  if (entry->title != NULL && entry->title[0] != '\0')
    /* Translators: a cart or game, then a date and time */
    return g_strdup_printf (_("The backup of %s from %s"), entry->title, when);
  /* Translators: a date and time */
  return g_strdup_printf (_("The backup from %s"), when);
}

/* A library backup restored over @target, after the same checks */
void
ks_intents_restore_backup (KsIntents           *self,
                           const KsBackupEntry *entry,
                           KsDevice            *target)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (entry != NULL);
  g_return_if_fail (KS_IS_DEVICE (target));

  if (!target_ready (self, target))
    return;

  content = ks_library_load (self->library, entry, &error);
  if (content == NULL)
    {
      ks_intents_say (self, error->message);
      return;
    }

  queue_transfer (self, image_transfer (self, target, content,
                                        ks_backup_entry_format_for_content (entry, content),
                                        entry->title, describe_backup (entry), FALSE));
}

static GBytes *
load_or_say (KsIntents *self,
             GFile     *file,
             char     **path)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  *path = g_file_get_path (file);
  if (*path == NULL)
    {
      ks_intents_say (self, _("Only local files can be used."));
      return NULL;
    }

  bytes = ks_image_file_load (*path, &error);
  if (bytes == NULL)
    ks_intents_say (self, error->message);

  return bytes;
}

/* A file from the file manager or the Import chooser: a save goes in as a
 * save; an image of the target's own kind replaces it whole; an image of
 * another kind with saves of its own is opened, not poured in. */
void
ks_intents_import_file (KsIntents *self,
                        KsDevice  *target,
                        GFile     *file)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsContainer) container = NULL;
  KsContainer *have = ks_device_get_container (target);
  KsCopySource from = { 0 };
  KsCopyTarget to = { 0 };
  Transfer *t;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (target));

  if (!target_ready (self, target) || (bytes = load_or_say (self, file, &path)) == NULL)
    return;

  base = g_path_get_basename (path);
  container = ks_container_new_from_bytes (bytes, base, NULL, NULL);
  if (container != NULL && ks_container_has_saves (container))
    {
      g_autoptr(GPtrArray) saves = ks_container_list (container, NULL);
      guint n = saves != NULL ? saves->len : 0;
      g_autofree char *message = NULL;

      if (have != NULL && ks_container_get_format (have) == ks_container_get_format (container))
        {
          queue_transfer (self, image_transfer (self, target, bytes,
                                                ks_container_get_format (container)->id, base,
                                                g_strdup_printf (_("“%s”"), base), TRUE));
          return;
        }

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” is an image with %u save of its own; open it "
                                              "(File → Open) and drag the save you want onto %s.",
                                              "“%s” is an image with %u saves of its own; open it "
                                              "(File → Open) and drag the saves you want onto %s.",
                                              n),
                                 base, n, ks_device_get_title (target));
      ks_intents_say (self, message);
      return;
    }

  t = transfer_new (self, target, TRANSFER_SAVE);
  t->source = g_strdup (path);
  t->what = g_strdup (base);
  t->from = g_strdup (base);
  t->size = g_bytes_get_size (bytes);
  t->is_file = TRUE;
  t->file = g_bytes_ref (bytes);
  from.file = bytes;
  from.file_name = base;
  from.platform = container_platform (container);
  target_of (target, &to);
  t->plan = ks_copy_plan_new (&from, &to);
  queue_transfer (self, t);
}

/* Restore… with a file: a device of saves takes it as its whole image; a
 * single-save device as its save */
void
ks_intents_restore_file (KsIntents *self,
                         KsDevice  *target,
                         GFile     *file)
{
  KsContainer *have = ks_device_get_container (target);
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KsContainer) container = NULL;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (KS_IS_DEVICE (target));

  if (have == NULL || !ks_container_has_saves (have))
    {
      ks_intents_import_file (self, target, file);
      return;
    }

  if (!target_ready (self, target) || (bytes = load_or_say (self, file, &path)) == NULL)
    return;

  base = g_path_get_basename (path);
  container = ks_container_new_from_bytes (bytes, base, NULL, NULL);
  queue_transfer (self, image_transfer (self, target, bytes,
                                        ks_container_get_format (container != NULL ? container
                                                                                   : have)->id,
                                        base, g_strdup_printf (_("“%s”"), base), TRUE));
}

/* ---- Restore… of a backup: to which device? ---- */

typedef struct
{
  KsIntents     *intents;    /* weak */
  KsBackupEntry *entry;
  GBytes        *content;
  GListStore    *devices;    /* those that can take it */
  GtkDropDown   *choice;
  Transfer      *chosen;     /* the restore onto the device chosen now */
} RestoreChoice;

static void
restore_choice_free (RestoreChoice *rc)
{
  g_clear_pointer (&rc->chosen, transfer_free);
  g_clear_weak_pointer (&rc->intents);
  g_clear_pointer (&rc->entry, ks_backup_entry_free);
  g_clear_pointer (&rc->content, g_bytes_unref);
  g_clear_object (&rc->devices);
  g_free (rc);
}

/* What restoring the chosen backup to @device would do */
static Transfer *
restore_transfer (RestoreChoice *rc,
                  KsDevice      *device)
{
  return image_transfer (rc->intents, device, rc->content,
                         ks_backup_entry_format_for_content (rc->entry, rc->content),
                         rc->entry->title, describe_backup (rc->entry), FALSE);
}

static void
on_restore_target_changed (GtkDropDown     *drop_down,
                           GParamSpec      *pspec,
                           KsConfirmDialog *dialog)
{
  RestoreChoice *rc = g_object_get_data (G_OBJECT (dialog), "ks-restore");
  KsDevice *device = gtk_drop_down_get_selected_item (drop_down);
  g_autofree char *body = NULL;

  if (device == NULL)
    return;

  /* the clock question belongs to the device chosen: a cart with a clock
   * asks it, another device does not */
  if (rc->chosen != NULL && rc->chosen->clock != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (rc->chosen->clock))),
                    GTK_WIDGET (rc->chosen->clock));
  g_clear_pointer (&rc->chosen, transfer_free);
  rc->chosen = restore_transfer (rc, device);
  body = describe_image (rc->chosen);
  ks_confirm_dialog_set_body (dialog, body);
  offer_clock (dialog, rc->chosen);
}

/* The device (and its clock's choice) was chosen in the dialog that said
 * what the restore does: no second question */
static void
restore_backup_now (KsIntents *self,
                    Transfer  *t)
{
  if (ks_copy_plan_is_refused (t->plan))
    {
      g_autofree char *heading = refusal_heading (t);

      say_problems (self, heading, ks_copy_plan_get_problems (t->plan));
      return;
    }
  run_choice (t, KS_COPY_CHOICE_REPLACE);
}

static void
on_restore_answered (KsConfirmDialog *dialog,
                     int              response,
                     RestoreChoice   *rc)
{
  KsDevice *device = rc->choice != NULL ? gtk_drop_down_get_selected_item (rc->choice) : NULL;

  if (rc->intents != NULL)
    g_clear_weak_pointer (&rc->intents->question);
  if (response == KS_COPY_CHOICE_REPLACE && device != NULL && rc->intents != NULL &&
      rc->chosen != NULL && rc->chosen->target == device)
    restore_backup_now (rc->intents, rc->chosen);
}

/* Starts on the device the backup came from, else the device last
 * selected, else the first that can take it */
static guint
first_choice (RestoreChoice *rc,
              KsDevice      *last)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (rc->devices));
  guint position;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (G_LIST_MODEL (rc->devices), i);

      if (g_strcmp0 (ks_device_get_path (device), rc->entry->source) == 0)
        return i;
    }

  if (last != NULL && g_list_store_find (rc->devices, last, &position))
    return position;
  return 0;
}

/* Devices shown in the tree that can take @device's backup: the cart on
 * top of a card too */
static void
collect_devices (GListModel *devices,
                 GPtrArray  *all)
{
  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      KsDevice *device = g_list_model_get_item (devices, i);

      g_ptr_array_add (all, device);
      if (ks_device_get_top_cart (device) != NULL)
        g_ptr_array_add (all, g_object_ref (ks_device_get_top_cart (device)));
    }
}

void
ks_intents_choose_restore_target (KsIntents           *self,
                                  const KsBackupEntry *entry,
                                  KsDevice            *preferred,
                                  GtkWindow           *parent)
{
  RestoreChoice *rc;
  KsConfirmDialog *dialog;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  GtkWidget *label;
  GtkExpression *title;

  g_return_if_fail (KS_IS_INTENTS (self));
  g_return_if_fail (entry != NULL);

  rc = g_new0 (RestoreChoice, 1);
  g_set_weak_pointer (&rc->intents, self);
  rc->entry = ks_backup_entry_copy (entry);
  rc->content = ks_library_load (self->library, entry, &error);
  if (rc->content == NULL)
    {
      ks_intents_say (self, error->message);
      restore_choice_free (rc);
      return;
    }

  rc->devices = g_list_store_new (KS_TYPE_DEVICE);
  collect_devices (self->devices, all);
  for (guint i = 0; i < all->len; i++)
    {
      KsDevice *device = g_ptr_array_index (all, i);
      g_autoptr(Transfer) t = NULL;

      if (ks_device_get_busy (device))
        continue;
      t = restore_transfer (rc, device);
      if (ks_copy_plan_can (t->plan, KS_COPY_CHOICE_REPLACE))
        g_list_store_append (rc->devices, device);
    }

  what = describe_backup (entry);
  dialog = ks_confirm_dialog_new (parent != NULL ? parent : self->parent,
                                  _("Restore the Backup"), NULL);
  g_object_set_data_full (G_OBJECT (dialog), "ks-restore", rc,
                          (GDestroyNotify) restore_choice_free);

  if (g_list_model_get_n_items (G_LIST_MODEL (rc->devices)) == 0)
    {
      const char *format_id = ks_backup_entry_format_for_content (entry, rc->content);
      const KsFormat *format = format_id != NULL ? ks_format_lookup (format_id) : NULL;
      g_autofree char *body = g_strdup_printf (_("%s can go back to a device of the same kind "
                                                 "(%s), and none is open. Plug in the reader or "
                                                 "open the image file, or export the backup "
                                                 "instead."),
                                               what, format != NULL ? _(format->name)
                                                                    : _("unknown format"));

      ks_confirm_dialog_set_body (dialog, body);
    }
  else
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

      label = gtk_label_new_with_mnemonic (_("Restore _to:"));
      title = gtk_property_expression_new (KS_TYPE_DEVICE, NULL, "title");
      rc->choice = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (rc->devices)),
                                                     title));
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (rc->choice));
      gtk_widget_set_hexpand (GTK_WIDGET (rc->choice), TRUE);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (rc->choice));
      ks_confirm_dialog_set_extra (dialog, row);
      gtk_drop_down_set_selected (rc->choice, first_choice (rc, preferred));
      g_signal_connect (rc->choice, "notify::selected", G_CALLBACK (on_restore_target_changed),
                        dialog);
      on_restore_target_changed (rc->choice, NULL, dialog);
      ks_confirm_dialog_add_choice (dialog, _("_Restore"), KS_COPY_CHOICE_REPLACE, TRUE);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_answered), rc);
  g_set_weak_pointer (&self->question, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ks_intents_clear_transfers (KsIntents *self)
{
  g_queue_clear_full (&self->transfers, (GDestroyNotify) transfer_free);
}
