/* refscope-window-actions.c: the window's actions (their accelerators are
 * in refscope-application.c's one table) and which of them apply now. */
#include "refscope-window-private.h"

#include <glib/gi18n.h>

static void
action_run (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_run (REFSCOPE_WINDOW (widget));
}

static void
action_stop (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  refscope_engine_stop (self->engine);
}

static void
action_step_forward (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  /* Stepping a program that has not run (or was edited) runs it first and
   * shows its first statement. */
  if (self->recording == NULL || (self->edited_since_run && self->recording->path == NULL))
    {
      self->step_after_run = TRUE;
      refscope_window_run (self);
      return;
    }
  refscope_window_set_step (self, self->step + 1);
}

static void
action_step_back (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  if (self->step > 0)
    refscope_window_set_step (self, self->step - 1);
}

static void
action_step_first (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_set_step (REFSCOPE_WINDOW (widget), 0);
}

static void
action_step_last (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_set_step (REFSCOPE_WINDOW (widget), G_MAXUINT);
}

static void
action_play (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  gtk_toggle_button_set_active (self->play_button,
                                !gtk_toggle_button_get_active (self->play_button));
}

static void
action_zoom (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);
  RefscopeCamera *camera = refscope_canvas_get_camera (self->canvas);

  if (g_str_equal (name, "win.zoom-in"))
    refscope_camera_zoom_in (camera);
  else if (g_str_equal (name, "win.zoom-out"))
    refscope_camera_zoom_out (camera);
  else
    refscope_canvas_zoom_to_fit (self->canvas);
}

static void
action_open (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_open_dialog (REFSCOPE_WINDOW (widget));
}

static void
action_open_lesson (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_open_lesson (REFSCOPE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
action_lessons (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gtk_menu_button_popup (REFSCOPE_WINDOW (widget)->lessons_button);
}

static void
action_new (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  g_clear_object (&self->file);
  self->lesson = NULL;
  gtk_revealer_set_reveal_child (self->lesson_revealer, FALSE);
  refscope_window_set_source (self, "");
  g_clear_pointer (&self->run_output, g_free);
  refscope_window_set_recording (self, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
action_save_trace (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_save_trace_dialog (REFSCOPE_WINDOW (widget));
}

static void
action_save_program (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_save_program_dialog (REFSCOPE_WINDOW (widget));
}

static void
action_export (GtkWidget *widget, const char *name, GVariant *parameter)
{
  refscope_window_export_dialog (REFSCOPE_WINDOW (widget));
}

static void
action_cancel_load (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
action_toggle_inspector (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  gtk_toggle_button_set_active (self->inspector_toggle,
                                !gtk_toggle_button_get_active (self->inspector_toggle));
}

static void
action_focus_canvas (GtkWidget *widget, const char *name, GVariant *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (REFSCOPE_WINDOW (widget)->canvas));
}

static void
action_open_uri (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  refscope_window_open_file (REFSCOPE_WINDOW (widget), file);
}

/* Stepping one event at a time: the canvas shows the state inside a
 * statement, as each reference, count and free happens. */
static void
action_event (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);
  TraceTimeline *timeline;
  guint64 position, n_events;
  g_autofree char *label = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *total_text = NULL;

  if (self->recording == NULL)
    return;
  timeline = self->recording->timeline;
  refscope_recording_read_lock (self->recording);
  n_events = trace_timeline_n_events (timeline);
  position = self->event != G_MAXUINT64 ? self->event
                                         : trace_timeline_step_end (timeline, self->step);
  if (g_str_equal (name, "win.event-forward"))
    position = MIN (position + 1, n_events);
  else if (position > 0)
    position--;
  self->event = position;
  self->step = position > 0 ? trace_log_step_of_event (trace_timeline_log (timeline), position - 1)
                            : 0;
  refscope_recording_read_unlock (self->recording);
  refscope_scrubber_set_step (self->scrubber, self->step);
  refscope_canvas_set_event (self->canvas, position, position > 0 ? position - 1 : G_MAXUINT64);
  event_text = g_strdup_printf ("%" G_GUINT64_FORMAT, position);
  total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_events);
  /* Translators: step number, then events applied and the events in all. */
  label = g_strdup_printf (_("Step %u · event %s of %s"), self->step, event_text, total_text);
  gtk_label_set_label (self->step_label, label);
  refscope_window_update_actions (self);
}

static void
action_replay (GtkWidget *widget, const char *name, GVariant *parameter)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (widget);

  if (g_str_equal (name, "win.replay-watch"))
    refscope_window_replay_watch (self);
  else if (g_str_equal (name, "win.replay-next"))
    refscope_window_replay_move (self, 1);
  else if (g_str_equal (name, "win.replay-previous"))
    refscope_window_replay_move (self, -1);
  else
    refscope_window_replay_done (self);
}

void
refscope_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, action_run);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, action_stop);
  gtk_widget_class_install_action (widget_class, "win.step-forward", NULL, action_step_forward);
  gtk_widget_class_install_action (widget_class, "win.step-back", NULL, action_step_back);
  gtk_widget_class_install_action (widget_class, "win.step-first", NULL, action_step_first);
  gtk_widget_class_install_action (widget_class, "win.step-last", NULL, action_step_last);
  gtk_widget_class_install_action (widget_class, "win.play", NULL, action_play);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", action_open_lesson);
  gtk_widget_class_install_action (widget_class, "win.lessons", NULL, action_lessons);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "win.save-trace", NULL, action_save_trace);
  gtk_widget_class_install_action (widget_class, "win.save-program", NULL, action_save_program);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, action_cancel_load);
  gtk_widget_class_install_action (widget_class, "win.toggle-inspector", NULL,
                                   action_toggle_inspector);
  gtk_widget_class_install_action (widget_class, "win.focus-canvas", NULL, action_focus_canvas);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", action_open_uri);
  gtk_widget_class_install_action (widget_class, "win.event-forward", NULL, action_event);
  gtk_widget_class_install_action (widget_class, "win.event-back", NULL, action_event);
  gtk_widget_class_install_action (widget_class, "win.replay-watch", NULL, action_replay);
  gtk_widget_class_install_action (widget_class, "win.replay-next", NULL, action_replay);
  gtk_widget_class_install_action (widget_class, "win.replay-previous", NULL, action_replay);
  gtk_widget_class_install_action (widget_class, "win.replay-done", NULL, action_replay);
  gtk_widget_class_install_property_action (widget_class, "win.show-cached", "show-cached");
}

void
refscope_window_update_actions (RefscopeWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have = self->recording != NULL;
  guint n_steps = refscope_window_get_n_steps (self);
  gboolean loading = self->load_cancellable != NULL;

  gtk_widget_action_set_enabled (widget, "win.run", !self->running && !loading);
  gtk_widget_action_set_enabled (widget, "win.stop", self->running);
  gtk_widget_action_set_enabled (widget, "win.step-forward",
                                 !self->running && !loading
                                     && (!have || self->edited_since_run || self->step < n_steps));
  gtk_widget_action_set_enabled (widget, "win.step-back", have && self->step > 0);
  gtk_widget_action_set_enabled (widget, "win.step-first", have && self->step > 0);
  gtk_widget_action_set_enabled (widget, "win.step-last", have && self->step < n_steps);
  gtk_widget_action_set_enabled (widget, "win.play", have && n_steps > 0);
  gtk_widget_action_set_enabled (widget, "win.event-forward", have && !self->running);
  gtk_widget_action_set_enabled (widget, "win.event-back", have && !self->running);
  gtk_widget_action_set_enabled (widget, "win.save-trace", have && !self->running);
  gtk_widget_action_set_enabled (widget, "win.export", have);
  gtk_widget_action_set_enabled (widget, "win.cancel-load", loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), have && n_steps > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->diff_toggle), have);
}
