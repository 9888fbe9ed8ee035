/* refscope-window-run.c: running the editor's program on the engine and
 * the collector panel's code on its heap, and what a run's errors do to
 * the editor (underlines) and the window (toasts). */
#include "refscope-window-private.h"

#include <glib/gi18n.h>

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

void
refscope_window_clear_error_underline (RefscopeWindow *self)
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
  refscope_window_scroll_to (self, &start, 0.2);
}


/* Running. */

/* The subtitle names what is shown: the lesson, the file or the trace. */
void
refscope_window_update_subtitle (RefscopeWindow *self)
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
  refscope_window_update_subtitle (self);
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
  refscope_window_clear_error_underline (self);
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

