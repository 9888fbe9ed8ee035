/* trace-bench.c: the trace layer's speed against its targets, measured in
 * one run with the same machine's raw json-c parse as the yardstick:
 *   load   events per second, end to end (parse, check, index), >= 1,000,000
 *   memory bytes per event once loaded, <= 64
 *   seek   median time to reach a random step, <= 16 ms
 *   write  `run --trace` time over the untraced run, <= 3x
 * and, to show where that time goes, the run recorded without a file, and
 * the time to put the trace's bytes alone into a new file as the writer
 * does.
 * Usage: trace-bench [--repeat N] [--iterations N] [--keep FILE] */
#include "../bench-median.h"
#include "interp.h"
#include "reader.h"
#include "reader-line.h"
#include "recorder.h"
#include "run.h"
#include "runtime/runtime.h"
#include "writer.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
discard (const char *bytes, size_t length, void *user)
{
}

static char *
workload_source (const char *dir, int iterations)
{
  g_autofree char *path = g_build_filename (dir, "workload.py", NULL);
  g_autofree char *text = NULL;
  g_autofree char *count = g_strdup_printf ("%d", iterations);
  g_auto (GStrv) parts = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    g_error ("can't read %s", path);
  parts = g_strsplit (text, "ITERATIONS", -1);
  return g_strjoinv (count, parts);
}

typedef enum
{
  UNTRACED,
  RECORDED,     /* the recorder and its log, no file */
  WRITTEN,      /* as `run --trace`: then written to trace_path */
} Mode;

/* One run of source. Seconds. */
static double
run_once (const char *source, Mode mode, const char *trace_path, guint64 *events)
{
  LangRunOptions options = { .output = discard };
  TraceTimeline *timeline = NULL;
  TraceRecorder *recorder = NULL;
  gint64 start;
  double seconds;

  g_assert (rt_runtime_init () && lang_interp_init ());
  start = g_get_monotonic_time ();
  if (mode != UNTRACED)
    {
      TraceLog *log = trace_log_new ();
      trace_log_set_producer (log, "trace-bench");
      trace_log_add_file (log, "workload.py", source, strlen (source));
      timeline = trace_timeline_new (log);
      trace_timeline_set_recording_only (timeline, TRUE);
      recorder = trace_recorder_new (timeline, 0);
      trace_recorder_attach (recorder);
    }
  if (lang_run_source ("workload.py", source, strlen (source), &options, stderr) != LANG_RUN_OK)
    g_error ("the workload failed");
  if (recorder != NULL)
    {
      GError *error = NULL;
      trace_recorder_finish (recorder, 0);
      if (mode == WRITTEN && !trace_write_file (trace_timeline_log (timeline), trace_path, &error))
        g_error ("%s", error->message);
    }
  seconds = (double) (g_get_monotonic_time () - start) / 1e6;
  if (events != NULL && timeline != NULL)
    *events = trace_timeline_n_events (timeline);
  trace_recorder_free (recorder);
  trace_timeline_free (timeline);
  lang_interp_fini ();
  rt_runtime_fini ();
  return seconds;
}

/* The floor under the write: the trace's bytes, already formatted, into a
 * new file beside path in the writer's 4 MiB pieces, made durable and
 * renamed into place. Seconds. */
static double
copy_once (const char *data, gsize length, const char *path)
{
  g_autofree char *copy = g_strconcat (path, ".copy", NULL);
  gint64 start = g_get_monotonic_time ();
  int fd = g_open (copy, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  if (fd < 0)
    g_error ("can't write %s", copy);
  for (gsize done = 0; done < length;)
    {
      gsize n = MIN (length - done, (gsize) 4 << 20);
      ssize_t written = write (fd, data + done, n);
      if (written < 0)
        g_error ("can't write %s", copy);
      done += (gsize) written;
    }
  if (fsync (fd) != 0 || close (fd) != 0 || g_rename (copy, path) != 0)
    g_error ("can't write %s", copy);
  return (double) (g_get_monotonic_time () - start) / 1e6;
}

/* The yardstick: every line through one reused tokener, nothing else;
 * under the thread's locale, or under glibc's C locale object (which the
 * reader's threads use: it spares json-c a locale copy per line). */
static double
raw_json_c (const char *data, gsize length, gboolean c_locale)
{
  json_tokener *tok = json_tokener_new ();
  const char *p = data, *end = data + length;
  locale_t saved = c_locale ? uselocale (newlocale (LC_ALL_MASK, "C", (locale_t) 0)) : 0;
  gint64 start = g_get_monotonic_time ();

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (size_t) (end - p));
      const char *line_end = nl != NULL ? nl : end;
      json_object *obj;
      json_tokener_reset (tok);
      obj = json_tokener_parse_ex (tok, p, (int) (line_end - p));
      if (obj == NULL)
        g_error ("json-c refused a line");
      json_object_put (obj);
      p = line_end + 1;
    }
  json_tokener_free (tok);
  if (c_locale)
    uselocale (saved);
  return (double) (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  int repeat = 5, iterations = 40000;
  const char *keep = NULL;
  g_autofree char *dir = g_path_get_dirname (argv[0]);
  g_autofree char *source_dir = NULL;
  g_autofree char *source = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("refscope-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "bench.jsonl", NULL);
  g_autofree char *data = NULL;
  gsize length;
  guint64 events = 0;
  double untraced[32], recorded[32], traced[32], copied[32];
  double raw[32], raw_c[32], load[32], seeks[400];
  gsize memory = 0;
  guint64 loaded_events = 0;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--repeat") == 0 && i + 1 < argc)
        {
          repeat = atoi (argv[++i]);
          repeat = CLAMP (repeat, 1, 32);
        }
      else if (strcmp (argv[i], "--iterations") == 0 && i + 1 < argc)
        {
          iterations = atoi (argv[++i]);
          iterations = MAX (iterations, 1);
        }
      else if (strcmp (argv[i], "--keep") == 0 && i + 1 < argc)
        keep = argv[++i];
      else
        {
          fprintf (stderr, "usage: trace-bench [--repeat N] [--iterations N] [--keep FILE]\n");
          return 2;
        }
    }
  source_dir = g_strdup (g_getenv ("REFSCOPE_BENCH_DIR") ? g_getenv ("REFSCOPE_BENCH_DIR")
                                                         : REFSCOPE_BENCH_DIR);
  source = workload_source (source_dir, iterations);

  for (int r = 0; r < repeat; r++)
    {
      untraced[r] = run_once (source, UNTRACED, NULL, NULL);
      recorded[r] = run_once (source, RECORDED, NULL, NULL);
      traced[r] = run_once (source, WRITTEN, path, &events);
    }
  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("can't read the trace back");
  for (int r = 0; r < repeat; r++)
    copied[r] = copy_once (data, length, path);

  for (int r = 0; r < repeat; r++)
    {
      GError *error = NULL;
      gint64 start;
      TraceTimeline *timeline;

      raw[r] = raw_json_c (data, length, FALSE);
      raw_c[r] = raw_json_c (data, length, TRUE);
      start = g_get_monotonic_time ();
      timeline = trace_read_file (path, NULL, &error);
      load[r] = (double) (g_get_monotonic_time () - start) / 1e6;
      if (timeline == NULL)
        g_error ("%s", error->message);
      loaded_events = trace_timeline_n_events (timeline);
      memory = trace_timeline_memory (timeline);
      if (r == repeat - 1)
        {
          /* Random seeks, forward and back, to steps anywhere. */
          TraceCursor *cursor = trace_cursor_new (timeline);
          GRand *rand = g_rand_new_with_seed (11);
          guint n_steps = trace_timeline_n_steps (timeline);
          for (int s = 0; s < 200; s++)
            {
              guint step = (guint) g_rand_int_range (rand, 0, (gint32) n_steps + 1);
              gint64 t0 = g_get_monotonic_time ();
              trace_cursor_seek_step (cursor, step);
              seeks[s] = (double) (g_get_monotonic_time () - t0) / 1e3;
            }
          trace_cursor_free (cursor);
          g_rand_free (rand);
        }
      trace_timeline_free (timeline);
    }

  {
    double t_untraced = bench_median (untraced, repeat), t_traced = bench_median (traced, repeat);
    double t_raw = bench_median (raw, repeat), t_load = bench_median (load, repeat);
    double t_raw_c = bench_median (raw_c, repeat), t_copied = bench_median (copied, repeat);
    double t_recorded = bench_median (recorded, repeat);
    double t_seek = bench_median (seeks, 200);
    printf ("trace of %d iterations: %" G_GUINT64_FORMAT " events, %.1f MB, %d runs (medians)\n",
            iterations, loaded_events, (double) length / 1e6, repeat);
    printf ("%-8s %14s %14s %10s %8s\n", "measure", "refscope", "yardstick", "ratio", "target");
    printf ("%-8s %11.0f/s %11.0f/s %9.2fx %8s\n", "load", (double) loaded_events / t_load,
            (double) loaded_events / t_raw, t_raw / t_load, ">=1.0M/s");
    printf ("%-8s %11s %11.0f/s %9.2fx %8s\n", "", "", (double) loaded_events / t_raw_c,
            t_raw_c / t_load, "");
    printf ("%-8s %12.1f B %14s %10s %8s\n", "memory", (double) memory / (double) loaded_events,
            "-", "-", "<=64 B");
    printf ("%-8s %11.2f ms %14s %10s %8s\n", "seek", t_seek, "-", "-", "<=16 ms");
    printf ("%-8s %12.3f s %12.3f s %9.2fx %8s\n", "write", t_traced, t_untraced,
            t_traced / t_untraced, "<=3x");
    printf ("%-8s %12.3f s %12.3f s %9.2fx %8s\n", "  record", t_recorded, t_untraced,
            t_recorded / t_untraced, "");
    printf ("%-8s %12.3f s %12.3f s %9.2fx %8s\n", "  bytes", t_copied, t_untraced,
            t_copied / t_untraced, "");
    printf ("(load yardsticks: json-c parsing each line with one reused tokener, one thread,\n"
            " under the global locale, then under glibc's C locale object;\n"
            " write yardstick: the same run untraced; events in the trace: %" G_GUINT64_FORMAT ";\n"
            " record: the run with its recorder and log, no file;\n"
            " bytes: only writing the finished trace's bytes to a new file, fsync, rename)\n",
            events);
  }
  if (keep != NULL)
    g_rename (path, keep);
  else
    g_unlink (path);
  g_rmdir (tmp);
  return 0;
}
