/* refscope-inspector.c: the inspector panel, rebuilt from a
 * RefscopeInspection each time the selection or the step changes. */
#include "refscope-inspector.h"
#include "inspection.h"

#include <glib/gi18n.h>

struct _RefscopeInspector
{
  GtkWidget parent_instance;
  GtkWidget *box;         /* everything, rebuilt by show */
  char *title;
};

G_DEFINE_FINAL_TYPE (RefscopeInspector, refscope_inspector, GTK_TYPE_WIDGET)

enum
{
  SELECT,
  STEP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Numbers go into messages as strings: a G_GINT64_FORMAT inside _() would
 * hide the message from xgettext. */
static char *
number (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static GtkWidget *
label_new (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static GtkWidget *
section (RefscopeInspector *self, const char *title)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_box_append (GTK_BOX (self->box), label_new (title, "heading"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (self->box), list);
  return list;
}

static void
on_row_activated (AdwActionRow *row, RefscopeInspector *self)
{
  guint64 *id = g_object_get_data (G_OBJECT (row), "object");
  gpointer step = g_object_get_data (G_OBJECT (row), "step");

  if (id != NULL)
    g_signal_emit (self, signals[SELECT], 0, *id);
  else if (step != NULL)
    g_signal_emit (self, signals[STEP_ACTIVATED], 0, GPOINTER_TO_UINT (step) - 1);
}

/* A row; clicking it selects object (if not 0) or goes to step (if not
 * G_MAXUINT). */
static GtkWidget *
row_new (RefscopeInspector *self, GtkWidget *list, const char *title, const char *subtitle,
         guint64 object, guint step)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (object != 0)
    {
      g_object_set_data_full (G_OBJECT (row), "object", g_memdup2 (&object, sizeof object),
                              g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else if (step != G_MAXUINT)
    g_object_set_data (G_OBJECT (row), "step", GUINT_TO_POINTER (step + 1));
  if (object != 0 || step != G_MAXUINT)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), self);
    }
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
clear (RefscopeInspector *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  g_clear_pointer (&self->title, g_free);
}

static void
show_hint (RefscopeInspector *self, const char *text)
{
  GtkWidget *label = label_new (text, "dim-label");

  gtk_widget_set_margin_top (label, 24);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_box_append (GTK_BOX (self->box), label);
}

static void
show_identity (RefscopeInspector *self, const RefscopeInspection *inspection)
{
  g_autofree char *facts = NULL;
  g_autofree char *count = NULL;

  self->title = g_strdup (inspection->title);
  gtk_box_append (GTK_BOX (self->box), label_new (inspection->title, "title-2"));
  g_autofree char *size = number ((gint64) inspection->size);
  g_autofree char *refcnt = number (inspection->refcnt);

  /* Translators: type, address, size in bytes, generation. */
  facts = g_strdup_printf (_("%s at %s · %s bytes · %s"), inspection->type_name,
                           inspection->address, size, inspection->generation_text);
  gtk_box_append (GTK_BOX (self->box), label_new (facts, "dim-label"));
  if (inspection->repr != NULL && g_strcmp0 (inspection->repr, inspection->title) != 0)
    gtk_box_append (GTK_BOX (self->box), label_new (inspection->repr, "monospace"));
  if (inspection->shared_atom)
    gtk_box_append (GTK_BOX (self->box),
                    label_new (_("Shared: Python keeps one copy of this value (small ints from "
                                 "−5 to 256, interned strings, None, True, False) and every use "
                                 "refers to it, so its refcount is large."),
                               "caption"));
  if (!inspection->alive)
    {
      g_autofree char *death = g_strdup_printf (_("Freed at step %u: %s"), inspection->died_step,
                                                inspection->death_text);
      gtk_box_append (GTK_BOX (self->box), label_new (death, "error"));
      return;
    }
  count = g_strdup_printf (ngettext ("Refcount %s: %s reference points to it",
                                     "Refcount %s: %s references point to it",
                                     (gulong) inspection->refcnt),
                           refcnt, refcnt);
  gtk_box_append (GTK_BOX (self->box), label_new (count, "title-4"));
}

static void
show_holders (RefscopeInspector *self, const RefscopeInspection *inspection)
{
  GtkWidget *list;

  if (inspection->n_holders == 0)
    return;
  list = section (self, _("Held by"));
  for (guint i = 0; i < inspection->n_holders; i++)
    {
      const RefscopeHolder *holder = &inspection->holders[i];
      row_new (self, list, holder->sentence, NULL,
               holder->holder_is_frame ? 0 : holder->holder, G_MAXUINT);
    }
}

static void
show_path (RefscopeInspector *self, const RefscopeInspection *inspection)
{
  GtkWidget *list;

  list = section (self, _("Why is it alive?"));
  if (inspection->unreachable)
    {
      GtkWidget *row = row_new (self, list,
                                inspection->garbage ? _("Garbage: no variable reaches it")
                                                    : _("No variable reaches it"),
                                inspection->unreachable_text, 0, G_MAXUINT);
      gtk_widget_add_css_class (row, "error");
      return;
    }
  for (guint i = 0; i < inspection->n_path; i++)
    {
      const RefscopePathStep *step = &inspection->path[i];
      g_autofree char *title = step->label != NULL
                                   ? g_strdup_printf ("%s → %s", step->title, step->label)
                                   : g_strdup (step->title);
      row_new (self, list, title, NULL, step->is_frame ? 0 : step->id, G_MAXUINT);
    }
  if (inspection->path_expression != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Reached in Python as %s"),
                                               inspection->path_expression);
      gtk_box_append (GTK_BOX (self->box), label_new (text, "caption"));
    }
}

static void
show_referents (RefscopeInspector *self, const RefscopeInspection *inspection)
{
  GtkWidget *list;

  if (inspection->n_referents == 0)
    return;
  list = section (self, _("Refers to"));
  for (guint i = 0; i < inspection->n_referents; i++)
    {
      const RefscopeReferent *referent = &inspection->referents[i];
      row_new (self, list, referent->description, referent->label, referent->target, G_MAXUINT);
    }
  if (inspection->n_referents_total > inspection->n_referents)
    {
      g_autofree char *n = number ((gint64) (inspection->n_referents_total
                                             - inspection->n_referents));
      g_autofree char *more = g_strdup_printf (_("and %s more"), n);
      gtk_box_append (GTK_BOX (self->box), label_new (more, "dim-label"));
    }
}

static void
show_history (RefscopeInspector *self, const RefscopeInspection *inspection)
{
  GtkWidget *list = section (self, _("History"));
  g_autofree char *born = g_strdup_printf (_("Born at step %u"), inspection->born_step);
  g_autofree char *born_refcnt = number (inspection->born_refcnt);
  g_autofree char *born_count = g_strdup_printf (_("refcount %s"), born_refcnt);

  row_new (self, list, born, born_count, 0, inspection->born_step);
  for (guint i = 0; i < inspection->n_changes && i < 200; i++)
    {
      const RefscopeRefcntChange *change = &inspection->changes[i];
      g_autofree char *title = g_strdup_printf (_("Step %u"), change->step);
      g_autofree char *from = number (change->old_refcnt);
      g_autofree char *to = number (change->new_refcnt);
      g_autofree char *text = g_strdup_printf (_("refcount %s → %s"), from, to);
      GtkWidget *row = row_new (self, list, title, text, 0, change->step);
      if (change->step == inspection->step)
        gtk_widget_add_css_class (row, "accent");
    }
  if (inspection->died)
    {
      g_autofree char *title = g_strdup_printf (_("Died at step %u"), inspection->died_step);
      row_new (self, list, title, inspection->death_text, 0, inspection->died_step);
    }
  if (inspection->history_sampled)
    gtk_box_append (GTK_BOX (self->box),
                    label_new (_("A long life: counts are compared every few steps."),
                               "dim-label"));
}

void
refscope_inspector_show (RefscopeInspector *self, RefscopeRecording *recording, guint step,
                         guint64 id)
{
  g_autoptr (RefscopeInspection) inspection = NULL;

  clear (self);
  if (recording == NULL || id == 0)
    {
      show_hint (self, _("Click an object on the canvas to see who holds it, why it is alive, "
                         "and its story."));
      return;
    }
  refscope_recording_read_lock (recording);
  if (trace_heap_lookup_frame (trace_timeline_head (recording->timeline), id) == NULL)
    {
      inspection = refscope_inspection_new (recording->timeline, step, id);
      if (inspection == NULL)
        inspection = refscope_inspection_new_dead (recording->timeline, step, id);
    }
  refscope_recording_read_unlock (recording);
  if (inspection == NULL)
    {
      show_hint (self, _("A frame: the variables of a running function, or the program's "
                         "globals. Each variable is a reference to an object."));
      return;
    }
  show_identity (self, inspection);
  if (inspection->alive)
    {
      show_holders (self, inspection);
      show_path (self, inspection);
      show_referents (self, inspection);
    }
  show_history (self, inspection);
}

const char *
refscope_inspector_get_title (RefscopeInspector *self)
{
  return self->title;
}

static void
refscope_inspector_dispose (GObject *object)
{
  RefscopeInspector *self = REFSCOPE_INSPECTOR (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (refscope_inspector_parent_class)->dispose (object);
}

static void
refscope_inspector_class_init (RefscopeInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = refscope_inspector_dispose;
  signals[SELECT] = g_signal_new ("select", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
  signals[STEP_ACTIVATED] = g_signal_new ("step-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                          G_TYPE_UINT);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "refscope-inspector");
}

static void
refscope_inspector_init (RefscopeInspector *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
