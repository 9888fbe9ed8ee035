/* refscope-window-files.c: what the window reads and writes: scripts and
 * traces (opened, saved atomically), exported pictures, and the draft of
 * the editor's text that survives closing and crashing. */
#include "refscope-window-private.h"

#include "reader.h"
#include "writer.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define DRAFT_DELAY_MS 400

/* Loading a trace: read and checked on a pool thread, with progress. */

typedef struct
{
  RefscopeWindow *window;   /* a reference, dropped on the main thread */
  char *path;
  double fraction;
  guint progress_source;
  GMutex mutex;
  GPtrArray *warnings;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_mutex_clear (&job->mutex);
  g_ptr_array_unref (job->warnings);
  g_free (job);
}

static gboolean
show_progress (gpointer data)
{
  LoadJob *job = data;
  double fraction;

  g_mutex_lock (&job->mutex);
  fraction = job->fraction;
  g_mutex_unlock (&job->mutex);
  gtk_progress_bar_set_fraction (job->window->load_progress, fraction);
  return G_SOURCE_CONTINUE;
}

static void
on_load_progress (double fraction, gpointer user)
{
  LoadJob *job = user;

  g_mutex_lock (&job->mutex);
  job->fraction = fraction;
  g_mutex_unlock (&job->mutex);
}

static void
load_run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  LoadJob *job = data;
  TraceReadOptions options = {
    .cancellable = cancellable,
    .progress = on_load_progress,
    .progress_user = job,
    .warnings = job->warnings,
  };
  GError *error = NULL;
  TraceTimeline *timeline = trace_read_file (job->path, &options, &error);

  if (timeline == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, timeline, (GDestroyNotify) trace_timeline_free);
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (RefscopeWindow) self = job->window;
  g_autoptr (GError) error = NULL;
  TraceTimeline *timeline = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_clear_object (&self->load_cancellable);
  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  if (timeline == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refscope_window_show_error (self, error->message);
      refscope_window_update_actions (self);
      return;
    }
  {
    g_autofree char *title = g_path_get_basename (job->path);
    g_autoptr (RefscopeRecording) recording = refscope_recording_new (timeline, title);
    recording->path = g_strdup (job->path);
    TraceLog *log = trace_timeline_log (timeline);
    gsize length = 0;
    const char *text = trace_log_n_files (log) > 0 ? trace_log_file_text (log, 0, &length) : NULL;

    g_free (self->run_output);
    self->run_output = NULL;
    /* The editor shows the traced program, so that stepping marks its lines. */
    self->lesson = NULL;
    g_clear_object (&self->file);
    gtk_revealer_set_reveal_child (self->lesson_revealer, FALSE);
    if (text != NULL && g_utf8_validate (text, (gssize) length, NULL))
      {
        g_autofree char *copy = g_strndup (text, length);
        refscope_window_set_source (self, copy);
      }
    else
      refscope_window_set_source (self, "");
    refscope_window_set_recording (self, recording, trace_timeline_n_steps (timeline));
  }
  for (guint i = 0; i < job->warnings->len; i++)
    refscope_window_show_error (self, g_ptr_array_index (job->warnings, i));
}

void
refscope_window_load_trace (RefscopeWindow *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;
  LoadJob *job;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *label = g_strdup_printf (_("Loading %s"), name);

  if (g_file_get_path (file) == NULL)
    {
      refscope_window_show_error (self, _("Only local traces can be loaded"));
      return;
    }
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  refscope_window_dismiss_error (self);
  job = g_new0 (LoadJob, 1);
  job->window = g_object_ref (self);
  job->path = g_file_get_path (file);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&job->mutex);
  job->progress_source = g_timeout_add (100, show_progress, job);
  gtk_label_set_label (self->load_label, label);
  gtk_progress_bar_set_fraction (self->load_progress, 0);
  gtk_revealer_set_reveal_child (self->load_revealer, TRUE);
  {
    GtkRecentManager *recent = gtk_recent_manager_get_default ();
    g_autofree char *uri = g_file_get_uri (file);
    gtk_recent_manager_add_item (recent, uri);
  }
  task = g_task_new (NULL, self->load_cancellable, load_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_run);
  refscope_window_update_actions (self);
}

static gint
compare_recent (gconstpointer a, gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return -g_date_time_compare (ta, tb);
}

/* Dialogs. */

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_open_response (GtkNativeDialog *dialog, int response, RefscopeWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      refscope_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

void
refscope_window_open_dialog (RefscopeWindow *self)
{
  GtkFileChooserNative *dialog
      = gtk_file_chooser_native_new (_("Open a Script or Trace"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  add_filter (GTK_FILE_CHOOSER (dialog), _("Scripts and traces"),
              (const char *[]){ "*.py", "*.jsonl", "*.json", NULL });
  add_filter (GTK_FILE_CHOOSER (dialog), _("Python scripts"), (const char *[]){ "*.py", NULL });
  add_filter (GTK_FILE_CHOOSER (dialog), _("Traces"), (const char *[]){ "*.jsonl", NULL });
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_trace_response (GtkNativeDialog *dialog, int response, RefscopeWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->recording != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      gboolean ok;

      refscope_recording_read_lock (self->recording);
      ok = trace_write_file (trace_timeline_log (self->recording->timeline), path, &error);
      refscope_recording_read_unlock (self->recording);
      if (!ok)
        refscope_window_show_error (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Saved the trace as %s"), name);
          self->recording->saved = TRUE;
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }
  g_object_unref (dialog);
}

void
refscope_window_save_trace_dialog (RefscopeWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (self->recording == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save the Trace"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  stem = g_strdup (self->recording->title != NULL ? self->recording->title : "trace");
  if (g_str_has_suffix (stem, ".py"))
    stem[strlen (stem) - 3] = '\0';
  if (g_str_has_suffix (stem, ".jsonl"))
    stem[strlen (stem) - 6] = '\0';
  name = g_strconcat (stem, ".jsonl", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Traces"), (const char *[]){ "*.jsonl", NULL });
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_trace_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_program_response (GtkNativeDialog *dialog, int response, RefscopeWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *text = refscope_window_get_source (self);
      g_autoptr (GError) error = NULL;

      /* g_file_replace_contents writes a temporary file and renames it. */
      if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        refscope_window_show_error (self, error->message);
      else
        {
          g_set_object (&self->file, file);
          self->lesson = NULL;
          gtk_revealer_set_reveal_child (self->lesson_revealer, FALSE);
        }
    }
  g_object_unref (dialog);
}

void
refscope_window_save_program_dialog (RefscopeWindow *self)
{
  GtkFileChooserNative *dialog
      = gtk_file_chooser_native_new (_("Save the Program"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), self->file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                       self->lesson != NULL ? self->lesson->script_name
                                                            : "program.py");
  add_filter (GTK_FILE_CHOOSER (dialog), _("Python scripts"), (const char *[]){ "*.py", NULL });
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_program_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Export. */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The visible part only: drawn here with the same painter, clipped. */
static gboolean
export_visible (RefscopeWindow *self, ViewScene *scene, ViewLayout *layout,
                const ViewPaintOptions *options, ViewExportFormat format, double scale,
                GFile *file, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  ViewBox box;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  refscope_canvas_get_visible (self->canvas, &box);
  if (format == VIEW_EXPORT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (box.width * scale),
                                          (int) ceil (box.height * scale));
  else if (format == VIEW_EXPORT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, box.width, box.height);
  else
    surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, box.width, box.height);
  cr = cairo_create (surface);
  if (format == VIEW_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  cairo_translate (cr, -box.x, -box.y);
  view_paint (cr, scene, layout, options);
  cairo_destroy (cr);
  if (format == VIEW_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot draw the picture: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

gboolean
refscope_window_export_to (RefscopeWindow *self, GFile *file, double scale, gboolean dark,
                           gboolean whole, GError **error)
{
  ViewScene *scene = refscope_canvas_get_scene (self->canvas);
  ViewLayout *layout = refscope_canvas_get_layout (self->canvas);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dot = NULL;
  ViewPaintOptions options;
  ViewExportFormat format;

  if (scene == NULL || layout == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Nothing is drawn yet: run a program or open a trace"));
      return FALSE;
    }
  if (path == NULL || !view_export_format_from_path (path, &format))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           _("Export as .png, .svg, .pdf or .dot"));
      return FALSE;
    }
  view_paint_options_init (&options);
  options.theme = dark ? VIEW_THEME_DARK : VIEW_THEME_LIGHT;
  if (format == VIEW_EXPORT_DOT)
    dot = view_layout_dot_source (scene, NULL);
  else if (!whole)
    return export_visible (self, scene, layout, &options, format, scale, file, error);
  return view_export (scene, layout, &options, format, scale, dot, path, error);
}

static void
on_export_response (GtkNativeDialog *dialog, int response, RefscopeWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
      g_autoptr (GFile) file = gtk_file_chooser_get_file (chooser);
      const char *theme = gtk_file_chooser_get_choice (chooser, "theme");
      const char *area = gtk_file_chooser_get_choice (chooser, "area");
      const char *scale = gtk_file_chooser_get_choice (chooser, "scale");
      g_autoptr (GError) error = NULL;
      double factor = scale != NULL ? g_ascii_strtod (scale, NULL) : 2;
      gboolean dark = g_strcmp0 (theme, "dark") == 0;
      gboolean whole = g_strcmp0 (area, "visible") != 0;

      g_settings_set_double (self->settings, "export-scale", factor);
      g_settings_set_string (self->settings, "export-theme", dark ? "dark" : "light");
      g_settings_set_boolean (self->settings, "export-whole", whole);
      if (!refscope_window_export_to (self, file, factor, dark, whole, &error))
        refscope_window_show_error (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported %s"), name);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }
  g_object_unref (dialog);
}

void
refscope_window_export_dialog (RefscopeWindow *self)
{
  GtkFileChooserNative *dialog;
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;
  g_autofree char *scale = NULL;
  g_autofree char *theme = g_settings_get_string (self->settings, "export-theme");
  const char *scale_ids[] = { "1", "2", "3", "4", NULL };
  const char *scale_labels[] = { "1×", "2×", "3×", "4×", NULL };
  const char *theme_ids[] = { "light", "dark", NULL };
  const char *theme_labels[] = { _("Light"), _("Dark"), NULL };
  const char *area_ids[] = { "whole", "visible", NULL };
  const char *area_labels[] = { _("The whole picture"), _("What is visible"), NULL };

  if (refscope_canvas_get_scene (self->canvas) == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export the Picture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (dialog);
  name = g_strdup_printf ("%s-step-%u.png",
                          self->lesson != NULL ? self->lesson->id : "refscope", self->step);
  gtk_file_chooser_set_current_name (chooser, name);
  add_filter (chooser, _("Pictures (PNG, SVG, PDF)"),
              (const char *[]){ "*.png", "*.svg", "*.pdf", NULL });
  gtk_file_chooser_add_choice (chooser, "theme", _("Colours"), theme_ids, theme_labels);
  gtk_file_chooser_set_choice (chooser, "theme", theme);
  gtk_file_chooser_add_choice (chooser, "area", _("Area"), area_ids, area_labels);
  gtk_file_chooser_set_choice (chooser, "area",
                               g_settings_get_boolean (self->settings, "export-whole") ? "whole"
                                                                                      : "visible");
  gtk_file_chooser_add_choice (chooser, "scale", _("Scale (PNG)"), scale_ids, scale_labels);
  scale = g_strdup_printf ("%d", (int) CLAMP (g_settings_get_double (self->settings,
                                                                     "export-scale"), 1, 4));
  gtk_file_chooser_set_choice (chooser, "scale", scale);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The draft: the editor's text, saved as it is typed, restored at start. */

static char *
draft_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "refscope", "draft.py", NULL);
}

static char *
draft_origin_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "refscope", "draft-origin", NULL);
}

static gboolean
write_draft (gpointer data)
{
  RefscopeWindow *self = data;
  g_autofree char *path = draft_path ();
  g_autofree char *origin_path = draft_origin_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = refscope_window_get_source (self);
  g_autofree char *origin = NULL;
  g_autoptr (GError) error = NULL;

  self->draft_source = 0;
  if (self->file != NULL)
    origin = g_strconcat ("file:", g_file_peek_path (self->file), NULL);
  else if (self->lesson != NULL)
    origin = g_strconcat ("lesson:", self->lesson->id, NULL);
  else
    origin = g_strdup ("new:");
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents (path, text, -1, &error)
      || !g_file_set_contents (origin_path, origin, -1, &error))
    g_warning ("Cannot save the draft in %s: %s", dir,
               error != NULL ? error->message : g_strerror (errno));
  return G_SOURCE_REMOVE;
}

void
refscope_window_schedule_draft (RefscopeWindow *self)
{
  if (self->draft_source != 0)
    return;
  self->draft_source = g_timeout_add (DRAFT_DELAY_MS, write_draft, self);
}

/* Restores the draft; FALSE if there is none. */
gboolean
refscope_window_restore_draft (RefscopeWindow *self)
{
  g_autofree char *path = draft_path ();
  g_autofree char *origin_path = draft_origin_path ();
  g_autofree char *text = NULL;
  g_autofree char *origin = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  g_file_get_contents (origin_path, &origin, NULL, NULL);
  if (origin != NULL && g_str_has_prefix (origin, "lesson:"))
    {
      if (!refscope_window_open_lesson (self, origin + strlen ("lesson:")))
        return FALSE;
    }
  else if (origin != NULL && g_str_has_prefix (origin, "file:"))
    {
      g_autoptr (GFile) file = g_file_new_for_path (origin + strlen ("file:"));
      g_set_object (&self->file, file);
    }
  refscope_window_set_source (self, text);
  refscope_window_run (self);
  return TRUE;
}

/* Open Recent: the scripts and traces this app opened, newest first. */
void
refscope_window_fill_recent (RefscopeWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  const char *app = g_get_application_name ();
  guint shown = 0;

  g_menu_remove_all (self->recent_section);
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && shown < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr (GMenuItem) item = NULL;

      if (app == NULL || !gtk_recent_info_has_application (info, app)
          || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-uri", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
      shown++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}
