/* refscope-window-replay.c: watching the collector. When the step shown
 * ran a collection, a card on the canvas offers to replay it pass by pass:
 * the canvas then shows the state inside the step, with each object's
 * gc_refs and the unreachable marked, and the card explains the pass. */
#include "refscope-window-private.h"

#include <glib/gi18n.h>

static guint
n_stops (const RefscopeCollectionReplay *replay)
{
  guint n = 0;

  for (guint i = 0; i < replay->n_collections; i++)
    n += replay->collections[i].n_stops;
  return n;
}

/* The stop index of all the step's stops, and its collection. */
static const RefscopeReplayStop *
stop_at (const RefscopeCollectionReplay *replay, guint index, const RefscopeCollection **out)
{
  for (guint i = 0; i < replay->n_collections; i++)
    {
      const RefscopeCollection *c = &replay->collections[i];
      if (index < c->n_stops)
        {
          *out = c;
          return &c->stops[index];
        }
      index -= c->n_stops;
    }
  return NULL;
}

/* The offer is small (a title and a button), so as to hide little of the
 * picture; what the collection did is in its tooltip. */
static void
show_offer (RefscopeWindow *self)
{
  const RefscopeCollection *c = &self->replay->collections[0];
  g_autofree char *title = NULL;
  g_autofree char *collected = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (c->collected, 0));
  g_autofree char *text = NULL;

  title = g_strdup_printf (c->manual ? _("gc.collect() collected generation %d here")
                                     : _("Generation %d was collected here"),
                           c->generation);
  if (c->collected > 0)
    text = g_strdup_printf (_("It freed %s objects held only by cycles. Watch its passes to see "
                              "how the collector tells garbage from what is still in use."),
                            collected);
  else
    text = g_strdup (_("It found no garbage: everything it examined is still reachable. Watch "
                       "its passes to see how it knows."));
  gtk_label_set_label (self->replay_title, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->replay_title), text);
  gtk_widget_set_tooltip_text (self->replay_watch_button, text);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_text), FALSE);
  gtk_widget_set_visible (self->replay_watch_button, TRUE);
  gtk_widget_set_visible (self->replay_nav, FALSE);
}

static void
show_stop (RefscopeWindow *self)
{
  const RefscopeCollection *c = NULL;
  const RefscopeReplayStop *stop = stop_at (self->replay, (guint) self->replay_stop, &c);
  const RefscopeReplayStop *before = self->replay_stop > 0
                                         ? stop_at (self->replay, (guint) self->replay_stop - 1, &c)
                                         : NULL;
  g_autofree char *title = NULL;

  stop = stop_at (self->replay, (guint) self->replay_stop, &c);
  title = g_strdup_printf (_("Pass %d of %u: %s"), self->replay_stop + 1, n_stops (self->replay),
                           refscope_replay_phase_title (stop->phase));
  gtk_label_set_label (self->replay_title, title);
  if (!c->detailed && stop->phase == TRACE_PHASE_SUBTRACT_REFS)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", refscope_replay_phase_text (stop->phase),
                                               _("(This trace does not record gc_refs.)"));
      gtk_label_set_label (self->replay_text, text);
    }
  else
    gtk_label_set_label (self->replay_text, refscope_replay_phase_text (stop->phase));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->replay_title), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->replay_text), TRUE);
  gtk_widget_set_visible (self->replay_watch_button, FALSE);
  gtk_widget_set_visible (self->replay_nav, TRUE);
  refscope_canvas_set_event (self->canvas, stop->events,
                             before != NULL ? before->events : G_MAXUINT64);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-previous", self->replay_stop > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.replay-next",
                                 (guint) self->replay_stop + 1 < n_stops (self->replay));
}

/* Called when the step changes: the offer follows the step. */
void
refscope_window_update_replay (RefscopeWindow *self)
{
  g_clear_pointer (&self->replay, refscope_collection_replay_free);
  self->replay_stop = -1;
  if (self->recording != NULL && self->step > 0)
    {
      refscope_recording_read_lock (self->recording);
      self->replay = refscope_collection_replay_new (self->recording->timeline, self->step);
      refscope_recording_read_unlock (self->recording);
    }
  if (self->replay == NULL || self->replay->n_collections == 0)
    {
      gtk_revealer_set_reveal_child (self->replay_revealer, FALSE);
      return;
    }
  show_offer (self);
  gtk_revealer_set_reveal_child (self->replay_revealer, TRUE);
}

void
refscope_window_replay_watch (RefscopeWindow *self)
{
  if (self->replay == NULL || n_stops (self->replay) == 0)
    return;
  self->replay_stop = 0;
  show_stop (self);
}

void
refscope_window_replay_move (RefscopeWindow *self, gint delta)
{
  gint stop;

  if (self->replay == NULL || self->replay_stop < 0)
    return;
  stop = CLAMP (self->replay_stop + delta, 0, (gint) n_stops (self->replay) - 1);
  if (stop == self->replay_stop)
    return;
  self->replay_stop = stop;
  show_stop (self);
}

void
refscope_window_replay_done (RefscopeWindow *self)
{
  if (self->replay == NULL || self->replay_stop < 0)
    return;
  self->replay_stop = -1;
  show_offer (self);
  refscope_canvas_set_step (self->canvas, self->step);
}
