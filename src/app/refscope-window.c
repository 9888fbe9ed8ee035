/* refscope-window.c: the main window: builds itself from its template,
 * binds its settings, opens lessons and files, and connects the editor,
 * the canvas, the panels and the timeline (running is in -run.c, the step
 * shown in -steps.c, the actions in -actions.c, files in -files.c). */
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
  refscope_window_clear_error_underline (self);
  refscope_window_mark_line (self, 0);
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
