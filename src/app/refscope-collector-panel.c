/* refscope-collector-panel.c: the collector's three generations at one
 * step (count against threshold, what has been collected) and the controls
 * that turn thresholds and collections into code for the live heap. */
#include "refscope-collector-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include <string.h>

#define N_GENS 3

/* What each generation's count counts, as CPython 3.11 keeps it. */
static const char *const gen_titles[N_GENS] = {
  N_("Generation 0"),
  N_("Generation 1"),
  N_("Generation 2"),
};

static const char *const gen_explanations[N_GENS] = {
  N_("Containers created minus containers freed since the last collection."),
  N_("Generation 0 collections since generation 1 was last collected."),
  N_("Generation 1 collections since the last full collection. A full one also waits until "
     "generation 2 has grown by a quarter."),
};

static const gint64 default_thresholds[N_GENS] = { 700, 10, 10 };

typedef struct
{
  GtkLevelBar *meter;
  GtkLabel *count;
  GtkLabel *collections;
  GtkLabel *collected;
  GtkLabel *uncollectable;
} GenRow;

struct _RefscopeCollectorPanel
{
  GtkWidget parent_instance;

  AdwPreferencesGroup *generations_group;
  GtkLabel *status_label;
  GtkSpinButton *threshold0;
  GtkSpinButton *threshold1;
  GtkSpinButton *threshold2;
  GtkWidget *apply_button;
  GtkWidget *collect0_button;
  GtkWidget *collect1_button;
  GtkWidget *collect2_button;
  GtkWidget *live_hint;
  GenRow rows[N_GENS];

  RefscopeRecording *recording;
  TraceCursor *cursor;          /* on recording's timeline */
  guint step;
  gboolean dirty;               /* show() came while unmapped */
  gint64 shown_thresholds[N_GENS]; /* what the spin buttons were last filled with */
  gboolean live;
};

G_DEFINE_FINAL_TYPE (RefscopeCollectorPanel, refscope_collector_panel, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_RUN_CODE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
stat_new (const char *caption, GtkLabel **value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("0");
  GtkWidget *name = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), label);
  *value = GTK_LABEL (label);
  return box;
}

/* A row: title and "count / threshold", the meter, what the count means,
 * then the generation's totals. */
static GtkWidget *
gen_row_new (guint gen, GenRow *row)
{
  GtkWidget *pref_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (_(gen_titles[gen]));
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *meter = gtk_level_bar_new_for_interval (0, (double) default_thresholds[gen]);
  GtkWidget *explanation = gtk_label_new (_(gen_explanations[gen]));
  GtkWidget *stats = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pref_row), _(gen_titles[gen]));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (pref_row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), count);
  gtk_box_append (GTK_BOX (box), header);

  /* The colour bands of the default offsets would read as good and bad;
   * a count near its threshold only means a collection is near. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (meter), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (meter), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (meter), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_box_append (GTK_BOX (box), meter);

  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "caption");
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (box), explanation);

  gtk_box_set_homogeneous (GTK_BOX (stats), TRUE);
  gtk_widget_set_margin_top (stats, 6);
  gtk_box_append (GTK_BOX (stats), stat_new (_("Collections"), &row->collections));
  gtk_box_append (GTK_BOX (stats), stat_new (_("Collected"), &row->collected));
  gtk_box_append (GTK_BOX (stats), stat_new (_("Uncollectable"), &row->uncollectable));
  gtk_box_append (GTK_BOX (box), stats);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (pref_row), box);
  row->meter = GTK_LEVEL_BAR (meter);
  row->count = GTK_LABEL (count);
  return pref_row;
}

/* With the locale's thousands separator. */
static char *
format_number (gint64 value)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, value);
}

static void
set_number (GtkLabel *label, gint64 value)
{
  g_autofree char *text = format_number (value);
  gtk_label_set_text (label, text);
}

static void
gen_row_update (GenRow *row, guint gen, gint64 count, gint64 threshold, const TraceGenStats *stats)
{
  g_autofree char *count_text = format_number (count);
  g_autofree char *threshold_text = format_number (threshold);
  g_autofree char *text = NULL;
  g_autofree char *due = NULL;

  /* TRANSLATORS: a generation's count against its threshold, "523 / 700" */
  text = g_strdup_printf (_("%s / %s"), count_text, threshold_text);
  gtk_label_set_text (row->count, text);
  gtk_level_bar_set_max_value (row->meter, MAX (threshold, 1));
  gtk_level_bar_set_value (row->meter, CLAMP (count, 0, MAX (threshold, 1)));

  /* Past its threshold, an older generation waits for the next trigger
   * (an allocation that takes generation 0 past its own). */
  if (count > threshold)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row->count), "warning");
      due = g_strdup (gen == 0 ? _("Past the threshold: the collector is disabled or running")
                               : _("Past the threshold: collected at the next collection"));
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row->count), "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->count), due);

  set_number (row->collections, stats->collections);
  set_number (row->collected, stats->collected);
  set_number (row->uncollectable, stats->uncollectable);
}

static GtkSpinButton *
threshold_spin (RefscopeCollectorPanel *self, guint gen)
{
  GtkSpinButton *spins[N_GENS] = { self->threshold0, self->threshold1, self->threshold2 };
  return spins[gen];
}

static void
update (RefscopeCollectorPanel *self)
{
  TraceHeapStats stats = { 0 };

  self->dirty = FALSE;
  if (self->recording != NULL)
    {
      refscope_recording_read_lock (self->recording);
      if (self->cursor == NULL)
        self->cursor = trace_cursor_new (self->recording->timeline);
      trace_cursor_seek_step (self->cursor, self->step);
      stats = *trace_heap_stats (trace_cursor_heap (self->cursor));
      refscope_recording_read_unlock (self->recording);
    }
  else
    {
      stats.collecting = -1;
      memcpy (stats.thresholds, default_thresholds, sizeof stats.thresholds);
    }

  for (guint gen = 0; gen < N_GENS; gen++)
    {
      gen_row_update (&self->rows[gen], gen, stats.counts[gen], stats.thresholds[gen],
                      &stats.gens[gen]);
      /* Refill a spin button only when the heap's threshold changed, so
       * stepping does not undo an edit in progress. */
      if (stats.thresholds[gen] != self->shown_thresholds[gen])
        {
          gtk_spin_button_set_value (threshold_spin (self, gen), (double) stats.thresholds[gen]);
          self->shown_thresholds[gen] = stats.thresholds[gen];
        }
    }

  if (stats.collecting >= 0 && stats.collecting < N_GENS)
    {
      g_autofree char *text = g_strdup_printf (_("Collecting generation %d"), stats.collecting);
      gtk_label_set_text (self->status_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
}

void
refscope_collector_panel_show (RefscopeCollectorPanel *self, RefscopeRecording *recording,
                               guint step)
{
  g_return_if_fail (REFSCOPE_IS_COLLECTOR_PANEL (self));

  if (recording != self->recording)
    {
      g_clear_pointer (&self->cursor, trace_cursor_free);
      g_clear_pointer (&self->recording, refscope_recording_unref);
      if (recording != NULL)
        self->recording = refscope_recording_ref (recording);
    }
  self->step = step;
  /* Seeking costs a replay: do it only for a panel that is seen. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update (self);
  else
    self->dirty = TRUE;
}

static void
emit_code (RefscopeCollectorPanel *self, const char *code)
{
  g_signal_emit (self, signals[SIGNAL_RUN_CODE], 0, code);
}

static void
apply_clicked_cb (RefscopeCollectorPanel *self)
{
  g_autofree char *code = NULL;
  gint values[N_GENS];

  for (guint gen = 0; gen < N_GENS; gen++)
    {
      gtk_spin_button_update (threshold_spin (self, gen));
      values[gen] = gtk_spin_button_get_value_as_int (threshold_spin (self, gen));
    }
  code = g_strdup_printf ("import gc\ngc.set_threshold(%d, %d, %d)\n", values[0], values[1],
                          values[2]);
  emit_code (self, code);
}

static void
collect_clicked_cb (RefscopeCollectorPanel *self, GtkButton *button)
{
  GtkWidget *buttons[N_GENS] = { self->collect0_button, self->collect1_button,
                                 self->collect2_button };

  for (guint gen = 0; gen < N_GENS; gen++)
    if (GTK_WIDGET (button) == buttons[gen])
      {
        g_autofree char *code = g_strdup_printf ("import gc\ngc.collect(%u)\n", gen);
        emit_code (self, code);
      }
}

static void
sync_live (RefscopeCollectorPanel *self)
{
  GtkWidget *controls[] = {
    self->collect0_button, self->collect1_button, self->collect2_button, self->apply_button,
    GTK_WIDGET (self->threshold0), GTK_WIDGET (self->threshold1), GTK_WIDGET (self->threshold2),
  };
  const char *why = self->live ? NULL
                               : _("Run the program to act on its heap (a loaded trace is a "
                                   "recording)");

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      gtk_widget_set_sensitive (controls[i], self->live);
      gtk_widget_set_tooltip_text (controls[i], why);
    }
  gtk_widget_set_visible (self->live_hint, !self->live);
  if (self->live)
    {
      /* What each button runs, for those who want to type it themselves. */
      gtk_widget_set_tooltip_text (self->collect0_button, "gc.collect(0)");
      gtk_widget_set_tooltip_text (self->collect1_button, "gc.collect(1)");
      gtk_widget_set_tooltip_text (self->collect2_button, "gc.collect(2)");
      gtk_widget_set_tooltip_text (self->apply_button, "gc.set_threshold()");
    }
}

void
refscope_collector_panel_set_live (RefscopeCollectorPanel *self, gboolean live)
{
  g_return_if_fail (REFSCOPE_IS_COLLECTOR_PANEL (self));

  live = !!live;
  if (self->live == live)
    return;
  self->live = live;
  sync_live (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
}

gboolean
refscope_collector_panel_get_live (RefscopeCollectorPanel *self)
{
  g_return_val_if_fail (REFSCOPE_IS_COLLECTOR_PANEL (self), FALSE);
  return self->live;
}

GtkWidget *
refscope_collector_panel_new (void)
{
  return g_object_new (REFSCOPE_TYPE_COLLECTOR_PANEL, NULL);
}

static void
refscope_collector_panel_map (GtkWidget *widget)
{
  RefscopeCollectorPanel *self = REFSCOPE_COLLECTOR_PANEL (widget);

  GTK_WIDGET_CLASS (refscope_collector_panel_parent_class)->map (widget);
  if (self->dirty)
    update (self);
}

static void
refscope_collector_panel_get_property (GObject *object, guint prop_id, GValue *value,
                                       GParamSpec *pspec)
{
  RefscopeCollectorPanel *self = REFSCOPE_COLLECTOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_collector_panel_set_property (GObject *object, guint prop_id, const GValue *value,
                                       GParamSpec *pspec)
{
  RefscopeCollectorPanel *self = REFSCOPE_COLLECTOR_PANEL (object);

  switch (prop_id)
    {
    case PROP_LIVE:
      refscope_collector_panel_set_live (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_collector_panel_dispose (GObject *object)
{
  RefscopeCollectorPanel *self = REFSCOPE_COLLECTOR_PANEL (object);
  GtkWidget *child;

  g_clear_pointer (&self->cursor, trace_cursor_free);
  g_clear_pointer (&self->recording, refscope_recording_unref);
  /* A plain widget's children are unparented by hand, bound or not. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFSCOPE_TYPE_COLLECTOR_PANEL);
  G_OBJECT_CLASS (refscope_collector_panel_parent_class)->dispose (object);
}

static void
refscope_collector_panel_class_init (RefscopeCollectorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = refscope_collector_panel_get_property;
  object_class->set_property = refscope_collector_panel_set_property;
  object_class->dispose = refscope_collector_panel_dispose;
  widget_class->map = refscope_collector_panel_map;

  properties[PROP_LIVE]
    = g_param_spec_boolean ("live", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_RUN_CODE]
    = g_signal_new ("run-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/refscope/Refscope/ui/refscope-collector-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, generations_group);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, threshold0);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, threshold1);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, threshold2);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, collect0_button);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, collect1_button);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, collect2_button);
  gtk_widget_class_bind_template_child (widget_class, RefscopeCollectorPanel, live_hint);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, collect_clicked_cb);
}

static void
refscope_collector_panel_init (RefscopeCollectorPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint gen = 0; gen < N_GENS; gen++)
    {
      adw_preferences_group_add (self->generations_group, gen_row_new (gen, &self->rows[gen]));
      self->shown_thresholds[gen] = default_thresholds[gen];
    }
  sync_live (self);
  update (self);
}
