/* refscope-window-steps.c: the recording shown and the step of it: the
 * canvas, the panels, the output so far and the current line follow it. */
#include "refscope-window-private.h"

#include <glib/gi18n.h>

/* The recording and the step. */

void
refscope_window_set_recording (RefscopeWindow *self, RefscopeRecording *recording, guint step)
{
  if (recording != self->recording)
    {
      g_clear_pointer (&self->recording, refscope_recording_unref);
      self->recording = recording != NULL ? refscope_recording_ref (recording) : NULL;
    }
  g_clear_pointer (&self->marks, refscope_timeline_marks_free);
  if (recording != NULL)
    {
      refscope_recording_read_lock (recording);
      self->marks = refscope_timeline_marks_new (recording->timeline);
      refscope_recording_read_unlock (recording);
    }
  refscope_scrubber_set_marks (self->scrubber, self->marks,
                               recording != NULL ? trace_timeline_n_steps (recording->timeline)
                                                 : 0);
  refscope_canvas_set_recording (self->canvas, recording);
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), recording == NULL);
  refscope_window_update_subtitle (self);
  self->step = G_MAXUINT;
  refscope_window_set_step (self, step);
  refscope_window_update_actions (self);
}

static char *
output_until (RefscopeWindow *self, guint64 events)
{
  TraceTimeline *timeline = self->recording->timeline;
  TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (GString) text = g_string_new (NULL);
  TraceLogIter iter;
  TraceEvent event;

  /* The output so far, as the program had printed it at this step. Past
   * a few million events the whole output stands in. */
  if (trace_log_n_events (log) > 4000000)
    return g_strdup (self->run_output != NULL ? self->run_output : "");
  trace_log_iter_init (&iter, log, 0);
  while (iter.index < events && trace_log_iter_next (&iter, &event))
    if (event.kind == TRACE_EV_OUTPUT && event.str != 0)
      g_string_append (text, trace_log_string (log, event.str));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Scrolls the editor to iter through a mark: scrolling to an iter right
 * after the text changed uses line heights not yet computed and lands
 * elsewhere; a mark is scrolled to once they are. */
void
refscope_window_scroll_to (RefscopeWindow *self, const GtkTextIter *iter, double margin)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextMark *mark = gtk_text_buffer_get_mark (buffer, "refscope-scroll");

  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "refscope-scroll", iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, iter);
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->source_view), mark, margin, FALSE, 0, 0);
}

void
refscope_window_mark_line (RefscopeWindow *self, guint line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter, end;

  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &iter, &end, "current-line");
  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line - 1);
  gtk_source_buffer_create_source_mark (self->buffer, NULL, "current-line", &iter);
  refscope_window_scroll_to (self, &iter, 0.1);
}

void
refscope_window_update_step (RefscopeWindow *self)
{
  g_autofree char *label = NULL;
  guint n_steps = refscope_window_get_n_steps (self);
  guint line = 0;

  if (self->recording == NULL)
    {
      refscope_window_update_replay (self);
      gtk_label_set_label (self->step_label, _("No steps"));
      refscope_window_mark_line (self, 0);
      refscope_inspector_show (self->inspector, NULL, 0, 0);
      refscope_collector_panel_show (self->collector_panel, NULL, 0);
      refscope_memory_chart_show (self->memory_chart, NULL, 0);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view),
                                self->run_output != NULL ? self->run_output : "", -1);
      return;
    }
  label = g_strdup_printf (_("Step %u of %u"), self->step, n_steps);
  gtk_label_set_label (self->step_label, label);
  refscope_recording_read_lock (self->recording);
  {
    TraceLog *log = trace_timeline_log (self->recording->timeline);
    g_autofree char *output = NULL;
    if (self->step > 0 && self->step <= trace_log_n_steps (log))
      {
        TraceEvent event;
        trace_log_get (log, trace_log_step_event (log, self->step), &event);
        /* Only the program's own lines: the collector panel's code is file 1. */
        if (event.c == 0)
          line = (guint) event.b;
      }
    output = output_until (self, trace_timeline_step_end (self->recording->timeline, self->step));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), output, -1);
  }
  refscope_recording_read_unlock (self->recording);
  if (!self->edited_since_run)
    refscope_window_mark_line (self, line);
  refscope_inspector_show (self->inspector, self->recording, self->step,
                           refscope_canvas_get_selected (self->canvas));
  refscope_collector_panel_show (self->collector_panel, self->recording, self->step);
  g_object_set (self->collector_panel, "live", self->recording->live && !self->running, NULL);
  refscope_memory_chart_show (self->memory_chart, self->recording, self->step);
  refscope_window_update_replay (self);
  if (gtk_toggle_button_get_active (self->diff_toggle))
    {
      GHashTable *ids = NULL;
      refscope_recording_read_lock (self->recording);
      {
        g_autoptr (RefscopeStepDiff) diff
            = refscope_step_diff_new (self->recording->timeline, self->diff_from, self->step);
        ids = refscope_step_diff_to_table (diff);
      }
      refscope_recording_read_unlock (self->recording);
      refscope_canvas_set_marked (self->canvas, ids);
    }
  else
    refscope_canvas_set_marked (self->canvas, NULL);
}

guint
refscope_window_get_step (RefscopeWindow *self)
{
  return self->step;
}

guint
refscope_window_get_n_steps (RefscopeWindow *self)
{
  return self->recording != NULL ? trace_timeline_n_steps (self->recording->timeline) : 0;
}

void
refscope_window_set_step (RefscopeWindow *self, guint step)
{
  step = MIN (step, refscope_window_get_n_steps (self));
  if (step == self->step && self->event == G_MAXUINT64)
    return;
  self->step = step;
  self->event = G_MAXUINT64;
  refscope_scrubber_set_step (self->scrubber, step);
  refscope_canvas_set_step (self->canvas, step);
  refscope_window_update_step (self);
  refscope_window_update_actions (self);
}

gboolean
refscope_window_is_idle (RefscopeWindow *self)
{
  GtkRevealer *revealers[] = { self->lesson_revealer, self->replay_revealer, self->load_revealer };

  /* Revealers that are still sliding count as busy: a screenshot then
   * shows the window as a user would see it a moment later. */
  for (guint i = 0; i < G_N_ELEMENTS (revealers); i++)
    if (gtk_revealer_get_child_revealed (revealers[i]) != gtk_revealer_get_reveal_child (revealers[i]))
      return FALSE;
  return !self->running && self->load_cancellable == NULL
         && (self->recording == NULL || refscope_canvas_is_idle (self->canvas));
}

GtkWidget *
refscope_window_get_canvas (RefscopeWindow *self)
{
  return GTK_WIDGET (self->canvas);
}

GtkWidget *
refscope_window_get_inspector (RefscopeWindow *self)
{
  return GTK_WIDGET (self->inspector);
}

const char *
refscope_window_get_last_error (RefscopeWindow *self)
{
  return self->last_error;
}

