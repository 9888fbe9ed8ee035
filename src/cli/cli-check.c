/* cli-check.c: `refscope-cli check TRACE` (is it a valid trace?) and
 * `refscope-cli stats TRACE` (what is in it?). */
#include "cli-util.h"

#include "reader.h"

#include <string.h>

static int
load (int argc, char **argv, const char *command, TraceTimeline **out)
{
  const char *path = NULL;
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  TraceReadOptions options = { .warnings = warnings };
  GError *error = NULL;

  for (int i = 0; i < argc; i++)
    {
      if (strcmp (argv[i], "-h") == 0 || strcmp (argv[i], "--help") == 0)
        {
          cli_usage (stdout);
          return 0;
        }
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          fprintf (stderr, "refscope-cli: unknown option '%s' for %s (see --help)\n", argv[i],
                   command);
          return 2;
        }
      if (path != NULL)
        {
          fprintf (stderr, "refscope-cli: %s takes one trace, got '%s' too\n", command, argv[i]);
          return 2;
        }
      path = argv[i];
    }
  if (path == NULL)
    {
      fprintf (stderr, "refscope-cli: %s needs a TRACE.jsonl (see --help)\n", command);
      return 2;
    }
  *out = trace_read_file (path, &options, &error);
  if (*out == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      g_error_free (error);
      return 2;
    }
  for (guint i = 0; i < warnings->len; i++)
    fprintf (stderr, "warning: %s\n", (const char *) warnings->pdata[i]);
  return -1;
}

static gint64
collections (const TraceHeapStats *stats)
{
  return stats->gens[0].collections + stats->gens[1].collections + stats->gens[2].collections;
}

int
cli_command_check (int argc, char **argv)
{
  TraceTimeline *timeline = NULL;
  int status = load (argc, argv, "check", &timeline);
  const TraceHeapStats *stats;

  if (status >= 0)
    return status;
  stats = trace_heap_stats (trace_timeline_head (timeline));
  printf ("ok: %" G_GUINT64_FORMAT " events, %u steps, at most %" G_GINT64_FORMAT
          " objects (%" G_GINT64_FORMAT " bytes) alive, %" G_GINT64_FORMAT " collections%s\n",
          trace_timeline_n_events (timeline), trace_timeline_n_steps (timeline),
          stats->peak_objects, stats->peak_bytes, collections (stats),
          trace_timeline_is_complete (timeline) ? "" : ", no end event");
  trace_timeline_free (timeline);
  return 0;
}

int
cli_command_stats (int argc, char **argv)
{
  TraceTimeline *timeline = NULL;
  int status = load (argc, argv, "stats", &timeline);
  guint64 by_kind[TRACE_EV_KIND_COUNT_] = { 0 };
  TraceLogIter iter;
  TraceEvent event;
  const TraceHeapStats *stats;
  TraceLog *log;

  if (status >= 0)
    return status;
  log = trace_timeline_log (timeline);
  trace_log_iter_init (&iter, log, 0);
  while (trace_log_iter_next (&iter, &event))
    by_kind[event.kind]++;
  stats = trace_heap_stats (trace_timeline_head (timeline));

  printf ("producer: %s\n", trace_log_producer (log));
  printf ("events: %" G_GUINT64_FORMAT "\n", trace_timeline_n_events (timeline));
  for (int k = 1; k < TRACE_EV_KIND_COUNT_; k++)
    if (by_kind[k] != 0)
      printf ("  %-16s %" G_GUINT64_FORMAT "\n", trace_event_kind_name (k), by_kind[k]);
  printf ("steps: %u\n", trace_timeline_n_steps (timeline));
  printf ("peak live objects: %" G_GINT64_FORMAT "\n", stats->peak_objects);
  printf ("peak live bytes: %" G_GINT64_FORMAT "\n", stats->peak_bytes);
  printf ("live at the end: %" G_GINT64_FORMAT " objects, %" G_GINT64_FORMAT " bytes, %"
          G_GINT64_FORMAT " arenas\n", stats->live_objects, stats->live_bytes, stats->arenas);
  printf ("objects freed: %u\n", trace_timeline_n_deaths (timeline));
  for (int g = 0; g < 3; g++)
    printf ("generation %d: %" G_GINT64_FORMAT " collections, %" G_GINT64_FORMAT
            " collected, %" G_GINT64_FORMAT " uncollectable\n", g, stats->gens[g].collections,
            stats->gens[g].collected, stats->gens[g].uncollectable);
  printf ("thresholds at the end: %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
          "\n", stats->thresholds[0], stats->thresholds[1], stats->thresholds[2]);
  if (trace_timeline_is_complete (timeline))
    printf ("exit status: %d\n", trace_timeline_exit_status (timeline));
  else
    printf ("exit status: unknown (no end event)\n");
  trace_timeline_free (timeline);
  return 0;
}
