/* cli-render.c: `refscope-cli render`: the picture of one step of a script
 * or a trace, through the same scene, layout and painter as the app. */
#include "cli-util.h"

#include "interp.h"
#include "run.h"
#include "runtime/runtime.h"

#include "painter.h"
#include "reader.h"
#include "recorder.h"
#include "step-picture.h"

#include <stdlib.h>
#include <string.h>

typedef struct
{
  const char *input;
  const char *output;
  gboolean has_step;
  guint64 step;
  double scale;
  ViewTheme theme;
  gboolean show_cached;
} RenderArgs;

static void
discard_output (const char *bytes, size_t length, void *user)
{
}

/* Runs a script under a recorder; its timeline, or NULL having said why. */
static TraceTimeline *
record_script (const char *path)
{
  TraceLog *log;
  TraceTimeline *timeline;
  TraceRecorder *recorder;
  LangRunOptions options = { .output = discard_output };
  char *source;
  size_t length;

  if (!cli_read_file (path, &source, &length))
    return NULL;
  if (!rt_runtime_init () || !lang_interp_init ())
    {
      fputs ("refscope-cli: out of memory starting the runtime\n", stderr);
      free (source);
      return NULL;
    }
  log = trace_log_new ();
  trace_log_set_producer (log, "refscope-cli " REFSCOPE_VERSION);
  trace_log_set_python (log, "3.11");
  trace_log_add_file (log, path, source, length);
  timeline = trace_timeline_new (log);
  recorder = trace_recorder_new (timeline, 0);
  trace_recorder_attach (recorder);
  /* An error still shows on stderr, and the steps before it are drawn. */
  trace_recorder_finish (recorder,
                         (int) lang_run_source (path, source, length, &options, stderr));
  if (trace_recorder_error (recorder) != NULL)
    {
      fprintf (stderr, "refscope-cli: the trace went wrong: %s\n", trace_recorder_error (recorder));
      g_clear_pointer (&timeline, trace_timeline_free);
    }
  trace_recorder_free (recorder);
  lang_interp_fini ();
  rt_runtime_fini ();
  free (source);
  return timeline;
}

typedef struct
{
  TraceTimeline *timeline;
  guint step;
  const ViewSceneOptions *options;
  gboolean want_dot;
  ViewStepPicture picture;
  char *dot;
} LayoutJob;

static gpointer
lay_out (gpointer data)
{
  LayoutJob *job = data;

  view_step_picture_build (&job->picture, job->timeline, job->step, job->options);
  if (job->want_dot)
    job->dot = view_layout_dot_source (job->picture.scene, job->picture.sizes);
  return NULL;
}

static int
render (const RenderArgs *args, TraceTimeline *timeline, ViewExportFormat format)
{
  guint n_steps = trace_timeline_n_steps (timeline);
  guint step = args->has_step ? (guint) args->step : n_steps;
  ViewSceneOptions scene_options;
  ViewPaintOptions paint_options;
  ViewLayoutWorker *worker;
  LayoutJob job = { 0 };
  GError *error = NULL;
  int status = 0;

  if (args->has_step && args->step > n_steps)
    {
      fprintf (stderr, "refscope-cli: --step %" G_GUINT64_FORMAT " is past the last step (%u)\n",
               args->step, n_steps);
      return 2;
    }
  view_scene_options_init (&scene_options);
  scene_options.show_cached = args->show_cached;

  /* Graphviz runs on its one thread, as in the app. */
  job.timeline = timeline;
  job.step = step;
  job.options = &scene_options;
  job.want_dot = format == VIEW_EXPORT_DOT;
  worker = view_layout_worker_new ();
  view_layout_worker_run_sync (worker, lay_out, &job);
  view_layout_worker_free (worker);

  view_paint_options_init (&paint_options);
  paint_options.theme = args->theme;
  if (!view_export (job.picture.scene, job.picture.layout, &paint_options, format, args->scale,
                    job.dot, args->output, &error))
    {
      fprintf (stderr, "refscope-cli: %s\n", error->message);
      g_error_free (error);
      status = 2;
    }
  g_free (job.dot);
  view_step_picture_clear (&job.picture);
  return status;
}

static gboolean
parse_args (int argc, char **argv, RenderArgs *args, int *status)
{
  *args = (RenderArgs){ .scale = 1.0, .theme = VIEW_THEME_LIGHT };
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;
      if (strcmp (arg, "-h") == 0 || strcmp (arg, "--help") == 0)
        {
          cli_usage (stdout);
          *status = 0;
          return FALSE;
        }
      if (strcmp (arg, "--show-cached") == 0)
        {
          args->show_cached = TRUE;
          continue;
        }
      if (strcmp (arg, "-o") == 0 || strcmp (arg, "--step") == 0 || strcmp (arg, "--scale") == 0
          || strcmp (arg, "--theme") == 0)
        {
          if (value == NULL)
            {
              fprintf (stderr, "refscope-cli: %s needs a value (see --help)\n", arg);
              return FALSE;
            }
          i++;
          if (strcmp (arg, "-o") == 0)
            args->output = value;
          else if (strcmp (arg, "--step") == 0)
            {
              if (!cli_parse_count (value, &args->step, false))
                {
                  fprintf (stderr, "refscope-cli: --step needs a step number, not '%s'\n", value);
                  return FALSE;
                }
              args->has_step = TRUE;
            }
          else if (strcmp (arg, "--scale") == 0)
            {
              char *end;
              args->scale = g_ascii_strtod (value, &end);
              if (*end != '\0' || !(args->scale > 0 && args->scale <= 16))
                {
                  fprintf (stderr, "refscope-cli: --scale needs a number above 0 and up to 16, "
                           "not '%s'\n", value);
                  return FALSE;
                }
            }
          else if (strcmp (value, "light") == 0 || strcmp (value, "dark") == 0)
            args->theme = value[0] == 'l' ? VIEW_THEME_LIGHT : VIEW_THEME_DARK;
          else
            {
              fprintf (stderr, "refscope-cli: --theme is light or dark, not '%s'\n", value);
              return FALSE;
            }
          continue;
        }
      if (arg[0] == '-' && arg[1] != '\0')
        {
          fprintf (stderr, "refscope-cli: unknown option '%s' for render (see --help)\n", arg);
          return FALSE;
        }
      if (args->input != NULL)
        {
          fprintf (stderr, "refscope-cli: render takes one input, got '%s' too\n", arg);
          return FALSE;
        }
      args->input = arg;
    }
  if (args->input == NULL)
    {
      fputs ("refscope-cli: render needs a FILE.py or TRACE.jsonl (see --help)\n", stderr);
      return FALSE;
    }
  if (args->output == NULL)
    {
      fputs ("refscope-cli: render needs -o OUT.png (or .svg, .pdf, .dot)\n", stderr);
      return FALSE;
    }
  return TRUE;
}

int
cli_command_render (int argc, char **argv)
{
  RenderArgs args;
  ViewExportFormat format;
  TraceTimeline *timeline;
  int status = 2;

  if (!parse_args (argc, argv, &args, &status))
    return status;
  if (!view_export_format_from_path (args.output, &format))
    {
      fprintf (stderr, "refscope-cli: can't tell the format of '%s': use .png, .svg, .pdf or .dot\n",
               args.output);
      return 2;
    }
  if (g_str_has_suffix (args.input, ".py"))
    timeline = record_script (args.input);
  else
    {
      g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      TraceReadOptions options = { .warnings = warnings };
      GError *error = NULL;
      timeline = trace_read_file (args.input, &options, &error);
      if (timeline == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          g_error_free (error);
          return 2;
        }
      for (guint i = 0; i < warnings->len; i++)
        fprintf (stderr, "warning: %s\n", (const char *) warnings->pdata[i]);
    }
  if (timeline == NULL)
    return 2;
  status = render (&args, timeline, format);
  trace_timeline_free (timeline);
  return status;
}
