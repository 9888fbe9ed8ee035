/* refscope-window.c: the main window: builds itself from its template,
 * runs the editor's program on the engine, and keeps the canvas, the
 * inspector, the panels and the timeline on one step of one recording. */
#include "refscope-window-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define LESSONS_RESOURCE "/io/github/refscope/Refscope/lessons"

G_DEFINE_FINAL_TYPE (RefscopeWindow, refscope_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SHOW_CACHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const double play_speeds[] = { 0.5, 1, 2, 4, 8 };

void
refscope_window_show_error (RefscopeWindow *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  adw_toast_set_timeout (toast, 6);
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  g_set_object (&self->error_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* An error is about the run that made it: the next run clears it. */
void
refscope_window_dismiss_error (RefscopeWindow *self)
{
  if (self->error_toast != NULL)
    adw_toast_dismiss (self->error_toast);
  g_clear_object (&self->error_toast);
  g_clear_pointer (&self->last_error, g_free);
}

char *
refscope_window_get_source (RefscopeWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

void
refscope_window_set_source (RefscopeWindow *self, const char *text)
{
  GtkTextIter start;

  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text, -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  /* Text put there by the program is not an edit of the user's. */
  self->edited_since_run = FALSE;
}

static void
clear_error_underline (RefscopeWindow *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
}

/* Underlines from (line, column) to the end of the token there, or the
 * whole line when there is no column. */
static void
underline_error (RefscopeWindow *self, guint line, guint column)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end;

  if (line == 0)
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &start, (int) line - 1);
  end = start;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  if (column > 0)
    {
      gtk_text_iter_set_line_offset (&start, MIN ((int) column - 1,
                                                  gtk_text_iter_get_chars_in_line (&start)));
      while (gtk_text_iter_get_char (&start) == ' ' && !gtk_text_iter_ends_line (&start))
        gtk_text_iter_forward_char (&start);
    }
  if (gtk_text_iter_equal (&start, &end))
    {
      /* An error at the end of a line (a missing colon): mark the line. */
      gtk_text_iter_set_line_offset (&start, 0);
    }
  gtk_text_buffer_apply_tag (buffer, self->error_tag, &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &start, 0.2, FALSE, 0, 0);
}

static void apply_settings (RefscopeWindow *self);

/* Lessons. */

static void
show_lesson_card (RefscopeWindow *self)
{
  gtk_revealer_set_reveal_child (self->lesson_revealer, self->lesson != NULL);
  if (self->lesson == NULL)
    return;
  gtk_label_set_label (self->lesson_title, self->lesson->title);
  gtk_label_set_label (self->lesson_text, self->lesson->text);
  gtk_label_set_label (self->lesson_try, self->lesson->try_text);
  gtk_widget_set_visible (GTK_WIDGET (self->lesson_try),
                          self->lesson->try_text != NULL && *self->lesson->try_text != '\0');
}

gboolean
refscope_window_open_lesson (RefscopeWindow *self, const char *id)
{
  const RefscopeLesson *lesson;
  g_autofree char *script = NULL;
  g_autoptr (GError) error = NULL;

  if (self->lessons == NULL
      || (lesson = refscope_lesson_catalog_find (self->lessons, id)) == NULL)
    return FALSE;
  script = refscope_lesson_catalog_load_script (self->lessons, lesson, &error);
  if (script == NULL)
    {
      refscope_window_show_error (self, error->message);
      return FALSE;
    }
  self->lesson = lesson;
  g_clear_object (&self->file);
  refscope_window_set_source (self, script);
  show_lesson_card (self);
  apply_settings (self);
  g_settings_set_string (self->settings, "last-lesson", lesson->id);
  refscope_window_set_recording (self, NULL, 0);
  refscope_window_run (self);
  return TRUE;
}

static void
fill_lessons_menu (RefscopeWindow *self)
{
  for (guint i = 0; self->lessons != NULL
                    && i < refscope_lesson_catalog_get_n_lessons (self->lessons);
       i++)
    {
      const RefscopeLesson *lesson = refscope_lesson_catalog_get_lesson (self->lessons, i);
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, lesson->title);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-lesson", "s", lesson->id);
      g_menu_append_item (self->lessons_section, item);
    }
}

/* Running. */

/* The subtitle names what is shown: the lesson, the file or the trace. */
static void
update_subtitle (RefscopeWindow *self)
{
  g_autofree char *name = NULL;

  if (self->running)
    name = g_strdup (_("Running…"));
  else if (self->recording != NULL && self->recording->path != NULL)
    name = g_strdup (self->recording->title);
  else if (self->lesson != NULL)
    name = g_strdup (self->lesson->title);
  else if (self->file != NULL)
    name = g_file_get_basename (self->file);
  adw_window_title_set_subtitle (self->window_title, name);
}

static void
set_running (RefscopeWindow *self, gboolean running)
{
  self->running = running;
  update_subtitle (self);
  refscope_window_update_actions (self);
  if (!running)
    refscope_window_update_step (self);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RefscopeWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefscopeRunResult) run
      = refscope_engine_run_finish (self->engine, result, &error);
  guint n_steps, step;

  if (run == NULL)
    {
      set_running (self, FALSE);
      refscope_window_show_error (self, error->message);
      return;
    }
  g_free (self->run_output);
  self->run_output = g_strdup (run->output);
  if (run->error_is_syntax)
    {
      /* Nothing ran: the heap and the timeline keep what they showed. */
      set_running (self, FALSE);
      underline_error (self, run->error_line, run->error_column);
      refscope_window_show_error (self, run->error);
      return;
    }
  n_steps = trace_timeline_n_steps (run->recording->timeline);
  step = n_steps;
  if (self->step_after_run)
    step = MIN (1, n_steps);
  else if (self->lesson != NULL && self->lesson->focus_step > 0 && !self->edited_since_run)
    step = MIN (self->lesson->focus_step, n_steps);
  self->step_after_run = FALSE;
  self->edited_since_run = FALSE;
  refscope_window_set_recording (self, run->recording, step);
  set_running (self, FALSE);
  if (run->status != REFSCOPE_RUN_OK && run->error != NULL)
    {
      g_autofree char *message = NULL;
      if (run->status == REFSCOPE_RUN_STOPPED)
        message = g_strdup_printf (_("Stopped at line %u"), run->error_line);
      else if (run->error_line > 0)
        message = g_strdup_printf (_("Line %u: %s"), run->error_line, run->error);
      else
        message = g_strdup (run->error);
      underline_error (self, run->error_line, run->error_column);
      refscope_window_show_error (self, message);
    }
}

void
refscope_window_run (RefscopeWindow *self)
{
  g_autofree char *source = NULL;
  g_autofree char *name = NULL;

  if (self->running)
    return;
  source = refscope_window_get_source (self);
  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else if (self->lesson != NULL)
    name = g_strdup (self->lesson->script_name);
  else
    name = g_strdup ("program.py");
  clear_error_underline (self);
  refscope_window_dismiss_error (self);
  set_running (self, TRUE);
  refscope_engine_run_async (self->engine, name, source, run_done, g_object_ref (self));
}

static void
continue_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RefscopeWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RefscopeRunResult) run
      = refscope_engine_continue_finish (self->engine, result, &error);

  set_running (self, FALSE);
  if (run == NULL)
    {
      refscope_window_show_error (self, error->message);
      return;
    }
  if (run->recording != self->recording)
    return;
  refscope_window_set_recording (self, run->recording,
                                 trace_timeline_n_steps (run->recording->timeline));
  if (run->error != NULL)
    refscope_window_show_error (self, run->error);
}

/* Runs code on the heap the program left, as the collector panel asks. */
void
refscope_window_run_code (RefscopeWindow *self, const char *code)
{
  if (self->running || self->recording == NULL || !self->recording->live)
    {
      refscope_window_show_error (self, _("Run the program first: the collector acts on the "
                                          "heap it leaves"));
      return;
    }
  set_running (self, TRUE);
  /* Until it is done, only the engine may touch the recording. */
  refscope_engine_continue_async (self->engine, code, continue_done, g_object_ref (self));
}

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
  update_subtitle (self);
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

static void
mark_line (RefscopeWindow *self, guint line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter iter, end;

  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &iter, &end, "current-line");
  if (line == 0 || line > (guint) gtk_text_buffer_get_line_count (buffer))
    return;
  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line - 1);
  gtk_source_buffer_create_source_mark (self->buffer, NULL, "current-line", &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.1, FALSE, 0, 0);
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
      mark_line (self, 0);
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
    mark_line (self, line);
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

/* Signal handlers (bound in the template or in init). */

static void
on_scrubber_step (RefscopeWindow *self, guint step)
{
  refscope_window_set_step (self, step);
}

static void
on_selected_changed (RefscopeWindow *self)
{
  if (self->recording == NULL)
    return;
  refscope_inspector_show (self->inspector, self->recording, self->step,
                           refscope_canvas_get_selected (self->canvas));
  if (refscope_canvas_get_selected (self->canvas) != 0)
    adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
}

static void
on_inspector_select (RefscopeWindow *self, guint64 id)
{
  refscope_canvas_set_selected (self->canvas, id);
}

static void
on_run_code (RefscopeWindow *self, const char *code)
{
  refscope_window_run_code (self, code);
}

static void
on_buffer_changed (RefscopeWindow *self)
{
  self->edited_since_run = TRUE;
  clear_error_underline (self);
  mark_line (self, 0);
  refscope_window_schedule_draft (self);
}

static gboolean
play_tick (gpointer data)
{
  RefscopeWindow *self = data;

  if (self->step >= refscope_window_get_n_steps (self))
    {
      self->play_source = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  /* Wait for the drawing rather than skipping steps nobody saw. */
  if (refscope_canvas_is_idle (self->canvas))
    refscope_window_set_step (self, self->step + 1);
  return G_SOURCE_CONTINUE;
}

static void
on_play_toggled (RefscopeWindow *self)
{
  gboolean playing = gtk_toggle_button_get_active (self->play_button);

  g_clear_handle_id (&self->play_source, g_source_remove);
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  if (playing)
    {
      guint speed = gtk_drop_down_get_selected (self->speed_dropdown);
      double per_second = play_speeds[MIN (speed, G_N_ELEMENTS (play_speeds) - 1)];
      if (self->step >= refscope_window_get_n_steps (self))
        refscope_window_set_step (self, 0);
      self->play_source = g_timeout_add ((guint) (1000 / per_second), play_tick, self);
    }
}

static void
on_diff_toggled (RefscopeWindow *self)
{
  /* The step where comparing starts is the one shown when it is pressed. */
  self->diff_from = self->step;
  refscope_window_update_step (self);
}

static void
on_speed_changed (RefscopeWindow *self)
{
  g_settings_set_double (self->settings, "play-speed",
                         play_speeds[gtk_drop_down_get_selected (self->speed_dropdown)]);
  if (gtk_toggle_button_get_active (self->play_button))
    on_play_toggled (self);
}

static void
on_memory_step (RefscopeWindow *self, guint step)
{
  refscope_window_set_step (self, step);
}

static void
update_theme (RefscopeWindow *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (manager);
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();

  refscope_canvas_set_theme (self->canvas, dark ? VIEW_THEME_DARK : VIEW_THEME_LIGHT);
  gtk_source_buffer_set_style_scheme (
      self->buffer,
      gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita"));
}

static void
apply_settings (RefscopeWindow *self)
{
  g_autofree char *engine = g_settings_get_string (self->settings, "layout-engine");

  /* A lesson about shared atoms draws them whatever the setting. */
  refscope_canvas_set_show_cached (self->canvas,
                                   g_settings_get_boolean (self->settings, "show-cached")
                                       || (self->lesson != NULL && self->lesson->show_cached));
  refscope_canvas_set_layout_engine (self->canvas, g_str_equal (engine, "dot")    ? VIEW_LAYOUT_DOT
                                                   : g_str_equal (engine, "fast") ? VIEW_LAYOUT_FAST
                                                                                  : VIEW_LAYOUT_AUTO);
}

/* A script or trace dropped anywhere on the window opens. */
static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, RefscopeWindow *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;
  refscope_window_open_file (self, file);
  return TRUE;
}

/* Closing: a trace changed by the collector panel cannot be made again
 * from the program's text (which is kept as a draft anyway), so it is the
 * one thing to ask about. */

static gboolean
has_unsaved_trace (RefscopeWindow *self)
{
  return self->recording != NULL && !self->recording->saved
         && trace_log_n_files (trace_timeline_log (self->recording->timeline)) > 1;
}

static void
on_close_response (AdwMessageDialog *dialog, const char *response, RefscopeWindow *self)
{
  if (g_str_equal (response, "save"))
    refscope_window_save_trace_dialog (self);
  else if (g_str_equal (response, "discard"))
    {
      self->recording->saved = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
refscope_window_close_request (GtkWindow *window)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (window);
  GtkWidget *dialog;

  if (!has_unsaved_trace (self))
    return GTK_WINDOW_CLASS (refscope_window_parent_class)->close_request (window);
  dialog = adw_message_dialog_new (window, _("Save the Trace?"),
                                   _("The collector panel changed this heap: its trace cannot be "
                                     "recorded again from the program alone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* GObject. */

static void
refscope_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CACHED:
      g_value_set_boolean (value, g_settings_get_boolean (self->settings, "show-cached"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
refscope_window_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CACHED:
      g_settings_set_boolean (self->settings, "show-cached", g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_show_cached_changed (RefscopeWindow *self)
{
  apply_settings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CACHED]);
}

static void
refscope_window_dispose (GObject *object)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  if (self->draft_source != 0)
    {
      /* Write the pending draft now: nothing typed is lost. */
      g_clear_handle_id (&self->draft_source, g_source_remove);
      refscope_window_schedule_draft (self);
      g_clear_handle_id (&self->draft_source, g_source_remove);
    }
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), REFSCOPE_TYPE_WINDOW);
  G_OBJECT_CLASS (refscope_window_parent_class)->dispose (object);
}

static void
refscope_window_finalize (GObject *object)
{
  RefscopeWindow *self = REFSCOPE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->lessons, refscope_lesson_catalog_free);
  g_clear_object (&self->buffer);
  g_clear_object (&self->file);
  g_clear_pointer (&self->recording, refscope_recording_unref);
  g_clear_pointer (&self->marks, refscope_timeline_marks_free);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->error_toast);
  g_clear_pointer (&self->replay, refscope_collection_replay_free);
  g_free (self->run_output);
  g_free (self->last_error);
  G_OBJECT_CLASS (refscope_window_parent_class)->finalize (object);
}

static void
refscope_window_class_init (RefscopeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = refscope_window_dispose;
  object_class->finalize = refscope_window_finalize;
  object_class->get_property = refscope_window_get_property;
  object_class->set_property = refscope_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = refscope_window_close_request;

  properties[PROP_SHOW_CACHED]
      = g_param_spec_boolean ("show-cached", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (REFSCOPE_TYPE_CANVAS);
  g_type_ensure (REFSCOPE_TYPE_INSPECTOR);
  g_type_ensure (REFSCOPE_TYPE_COLLECTOR_PANEL);
  g_type_ensure (REFSCOPE_TYPE_MEMORY_CHART);
  g_type_ensure (REFSCOPE_TYPE_SCRUBBER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/refscope/Refscope/ui/refscope-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RefscopeWindow, name)
  BIND (toast_overlay);
  BIND (window_title);
  BIND (lessons_button);
  BIND (lesson_revealer);
  BIND (lesson_title);
  BIND (lesson_text);
  BIND (lesson_try);
  BIND (source_view);
  BIND (output_view);
  BIND (main_paned);
  BIND (canvas_paned);
  BIND (canvas);
  BIND (placeholder);
  BIND (load_revealer);
  BIND (replay_revealer);
  BIND (replay_title);
  BIND (replay_text);
  BIND (replay_watch_button);
  BIND (replay_nav);
  BIND (load_label);
  BIND (load_progress);
  BIND (side_panel);
  BIND (side_stack);
  BIND (inspector);
  BIND (collector_panel);
  BIND (memory_chart);
  BIND (inspector_toggle);
  BIND (play_button);
  BIND (diff_toggle);
  BIND (scrubber);
  BIND (step_label);
  BIND (speed_dropdown);
  BIND (lessons_section);
  BIND (recent_section);
#undef BIND
  refscope_window_class_init_actions (widget_class);
}

static void
refscope_window_init (RefscopeWindow *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr (GtkSourceMarkAttributes) line_attributes = gtk_source_mark_attributes_new ();
  g_autoptr (GError) error = NULL;
  GdkRGBA line_colour;

  /* Before the template: its property action reads a setting. */
  self->settings = g_settings_new ("io.github.refscope.Refscope");
  gtk_widget_init_template (GTK_WIDGET (self));
  self->step = 0;
  self->event = G_MAXUINT64;
  self->replay_stop = -1;

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_language (self->buffer,
                                  gtk_source_language_manager_get_language (languages, "python3"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->source_view), GTK_TEXT_BUFFER (self->buffer));
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "error",
                                                "underline", PANGO_UNDERLINE_ERROR, NULL);
  gdk_rgba_parse (&line_colour, "rgba(53,132,228,0.18)");
  gtk_source_mark_attributes_set_background (line_attributes, &line_colour);
  gtk_source_mark_attributes_set_icon_name (line_attributes, "go-next-symbolic");
  gtk_source_view_set_mark_attributes (self->source_view, "current-line", line_attributes, 10);
  gtk_source_view_set_show_line_marks (self->source_view, TRUE);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_buffer_changed), self);

  self->lessons = refscope_lesson_catalog_new_from_resource (LESSONS_RESOURCE, NULL, &error);
  if (self->lessons == NULL)
    g_warning ("The built-in lessons cannot be read: %s", error->message);
  fill_lessons_menu (self);
  refscope_window_fill_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (refscope_window_fill_recent), self, G_CONNECT_SWAPPED);

  g_signal_connect_swapped (self->scrubber, "step-activated", G_CALLBACK (on_scrubber_step), self);
  g_signal_connect_swapped (self->canvas, "notify::selected", G_CALLBACK (on_selected_changed),
                            self);
  g_signal_connect_swapped (self->inspector, "select", G_CALLBACK (on_inspector_select), self);
  g_signal_connect_swapped (self->inspector, "step-activated", G_CALLBACK (on_scrubber_step),
                            self);
  g_signal_connect_swapped (self->collector_panel, "run-code", G_CALLBACK (on_run_code), self);
  g_signal_connect_swapped (self->memory_chart, "step-activated", G_CALLBACK (on_memory_step),
                            self);
  g_signal_connect_swapped (self->play_button, "toggled", G_CALLBACK (on_play_toggled), self);
  g_signal_connect_swapped (self->diff_toggle, "toggled", G_CALLBACK (on_diff_toggled), self);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (on_speed_changed), self);
  g_object_bind_property (self->inspector_toggle, "active", self->side_panel, "visible",
                          G_BINDING_SYNC_CREATE);
  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "editor-width", self->main_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "inspector-visible", self->inspector_toggle, "active",
                   G_SETTINGS_BIND_DEFAULT);
  {
    double speed = g_settings_get_double (self->settings, "play-speed");
    guint best = 2;
    for (guint i = 0; i < G_N_ELEMENTS (play_speeds); i++)
      if (fabs (play_speeds[i] - speed) < fabs (play_speeds[best] - speed))
        best = i;
    gtk_drop_down_set_selected (self->speed_dropdown, best);
  }
  g_signal_connect_swapped (self->settings, "changed::show-cached",
                            G_CALLBACK (on_show_cached_changed), self);
  g_signal_connect_swapped (self->settings, "changed::layout-engine", G_CALLBACK (apply_settings),
                            self);
  apply_settings (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_theme), self, G_CONNECT_SWAPPED);
  update_theme (self);
  refscope_window_update_step (self);
  refscope_window_update_actions (self);
}

RefscopeWindow *
refscope_window_new (GtkApplication *application, RefscopeEngine *engine)
{
  RefscopeWindow *self = g_object_new (REFSCOPE_TYPE_WINDOW, "application", application, NULL);

  self->engine = engine;
  return self;
}

void
refscope_window_open_file (RefscopeWindow *self, GFile *file)
{
  g_autofree char *head = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  char buffer[256];
  gssize got;

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      refscope_window_show_error (self, error->message);
      return;
    }
  got = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer - 1, NULL, &error);
  if (got < 0)
    {
      refscope_window_show_error (self, error->message);
      return;
    }
  buffer[got] = '\0';
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);
  /* A trace begins with its header, which names its format. */
  if (buffer[0] == '{' && strstr (buffer, "refscope-trace") != NULL)
    {
      refscope_window_load_trace (self, file);
      return;
    }
  {
    g_autofree char *contents = NULL;
    gsize length;
    if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
      {
        refscope_window_show_error (self, error->message);
        return;
      }
    if (!g_utf8_validate (contents, (gssize) length, NULL))
      {
        g_autofree char *name = g_file_get_basename (file);
        g_autofree char *message
            = g_strdup_printf (_("%s is neither a Python script (UTF-8 text) nor a trace"), name);
        refscope_window_show_error (self, message);
        return;
      }
    g_set_object (&self->file, file);
    self->lesson = NULL;
    show_lesson_card (self);
    refscope_window_set_source (self, contents);
    refscope_window_set_recording (self, NULL, 0);
    {
      GtkRecentManager *recent = gtk_recent_manager_get_default ();
      g_autofree char *uri = g_file_get_uri (file);
      gtk_recent_manager_add_item (recent, uri);
    }
    refscope_window_run (self);
  }
}
