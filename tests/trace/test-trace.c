/* test-trace.c: the event log, the id map, the heap's checks, the timeline's
 * seeking, the recorder on real programs, and writing then reading back. */
#include "trace-test.h"
#include "id-map.h"
#include "reader.h"
#include "writer.h"

#include <glib/gstdio.h>
#include <string.h>

/* The event log keeps every field of every kind. */
static void
test_log_round_trip (void)
{
  g_autoptr (TraceLog) log = trace_log_new ();
  GRand *rand = g_rand_new_with_seed (42);
  GArray *expected = g_array_new (FALSE, TRUE, sizeof (TraceEvent));
  TraceLogIter iter;
  TraceEvent e;
  guint steps = 0;

  for (guint i = 0; i < 200000; i++)
    {
      TraceEvent ev = { 0 };
      ev.kind = (guint8) g_rand_int_range (rand, 1, TRACE_EV_KIND_COUNT_);
      /* Fill only what the kind keeps; others stay 0, as decoding gives. */
      switch (ev.kind)
        {
        case TRACE_EV_BORN:
          ev.id = g_rand_int (rand) + ((guint64) g_rand_int (rand) << 20);
          ev.str = g_rand_int_range (rand, 0, 100);
          ev.str2 = g_rand_int_range (rand, 0, 100);
          ev.a = g_rand_int_range (rand, 0, 1 << 30);
          ev.b = (gint64) (((guint64) g_rand_int (rand) << 16) | 0x7f0000000000ull);
          ev.small = g_rand_int_range (rand, -1, 3);
          ev.flags = (guint8) g_rand_int_range (rand, 0, 8);
          break;
        case TRACE_EV_REF_ADD:
        case TRACE_EV_REF_DEL:
          ev.id = g_rand_int (rand);
          ev.target = g_rand_int (rand);
          ev.slot_kind = (guint8) g_rand_int_range (rand, 1, TRACE_SLOT_KIND_COUNT_);
          ev.slot = g_rand_int_range (rand, -1, 1000000);
          ev.str = g_rand_int_range (rand, 0, 50);
          ev.flags = (guint8) (g_rand_boolean (rand) ? TRACE_EVF_SHIFT : 0);
          break;
        case TRACE_EV_STEP:
          ev.a = ++steps;
          ev.b = g_rand_int_range (rand, 1, 500);
          ev.c = 0;
          ev.id = g_rand_int (rand);
          break;
        case TRACE_EV_GC_START:
          ev.small = g_rand_int_range (rand, 0, 3);
          ev.a = g_rand_int_range (rand, 0, 1000);
          ev.b = g_rand_int_range (rand, 0, 11);
          ev.c = G_MAXINT64 - 1;
          ev.flags = TRACE_EVF_MANUAL;
          break;
        case TRACE_EV_SUMMARY:
          ev.id = 7;
          ev.str = 3;
          ev.a = -g_rand_int_range (rand, 0, 1000000);
          ev.b = G_MININT64 + 1;
          break;
        default:
          trace_log_append (log, &ev);
          g_array_append_val (expected, ev);
          continue;
        }
      trace_log_append (log, &ev);
      g_array_append_val (expected, ev);
    }
  g_assert_cmpuint (trace_log_n_events (log), ==, expected->len);
  g_assert_cmpuint (trace_log_n_steps (log), ==, steps);
  /* In order... */
  trace_log_iter_init (&iter, log, 0);
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_true (trace_log_iter_next (&iter, &e));
      g_assert_cmpmem (&e, sizeof e, &g_array_index (expected, TraceEvent, i), sizeof e);
    }
  g_assert_false (trace_log_iter_next (&iter, &e));
  /* ...and at random. */
  for (guint n = 0; n < 5000; n++)
    {
      guint i = g_rand_int_range (rand, 0, (gint32) expected->len);
      trace_log_get (log, i, &e);
      g_assert_cmpmem (&e, sizeof e, &g_array_index (expected, TraceEvent, i), sizeof e);
    }
  for (guint s = 1; s <= steps; s += 97)
    {
      trace_log_get (log, trace_log_step_event (log, s), &e);
      g_assert_cmpint (e.kind, ==, TRACE_EV_STEP);
      g_assert_cmpint (e.a, ==, s);
      g_assert_cmpuint (trace_log_step_of_event (log, trace_log_step_event (log, s)), ==, s);
    }
  /* Compact: the format promises well under 32 bytes an event. */
  g_assert_cmpuint (trace_log_memory (log) / expected->len, <, 32);
  g_array_unref (expected);
  g_rand_free (rand);
}

static void
test_log_files_and_strings (void)
{
  g_autoptr (TraceLog) log = trace_log_new ();
  const char *text = "a = 1\n\nb = [a]\r\nlast";
  gsize length;
  const char *line;
  guint file = trace_log_add_file (log, "x.py", text, strlen (text));

  g_assert_cmpuint (trace_log_file_n_lines (log, file), ==, 4);
  line = trace_log_file_line (log, file, 1, &length);
  g_assert_cmpmem (line, length, "a = 1", 5);
  line = trace_log_file_line (log, file, 2, &length);
  g_assert_cmpuint (length, ==, 0);
  line = trace_log_file_line (log, file, 3, &length);
  g_assert_cmpmem (line, length, "b = [a]", 7);
  line = trace_log_file_line (log, file, 4, &length);
  g_assert_cmpmem (line, length, "last", 4);
  g_assert_null (trace_log_file_line (log, file, 5, &length));
  g_assert_null (trace_log_file_line (log, file, 0, &length));

  g_assert_cmpuint (trace_log_intern (log, "int", -1), ==, trace_log_intern (log, "int", 3));
  g_assert_cmpuint (trace_log_intern (log, "", -1), ==, 0);
  g_assert_cmpuint (trace_log_intern (log, "a\0b", 3), !=, trace_log_intern (log, "a", 1));
  g_assert_cmpstr (trace_log_string (log, trace_log_intern (log, "list", -1)), ==, "list");
}

/* The id map against GHashTable under random inserts and removals. */
static void
test_id_map (void)
{
  TraceIdMap map, copy = { 0 };
  GHashTable *model = g_hash_table_new (g_int64_hash, g_int64_equal);
  GRand *rand = g_rand_new_with_seed (7);
  static guint64 keys[20000];

  trace_id_map_init (&map);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    keys[i] = (guint64) g_rand_int_range (rand, 1, 5000) * 0x100000001ull;
  for (guint n = 0; n < 200000; n++)
    {
      guint64 *key = &keys[g_rand_int_range (rand, 0, G_N_ELEMENTS (keys))];
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          gboolean had = g_hash_table_remove (model, key);
          g_assert_cmpint (trace_id_map_remove (&map, *key), ==, had);
        }
      else
        {
          g_hash_table_insert (model, key, GUINT_TO_POINTER (n));
          trace_id_map_insert (&map, *key, n);
        }
    }
  g_assert_cmpuint (map.count, ==, g_hash_table_size (model));
  trace_id_map_copy (&copy, &map);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      gpointer value;
      gboolean present = g_hash_table_lookup_extended (model, &keys[i], NULL, &value);
      guint32 *found = trace_id_map_lookup (&copy, keys[i]);
      g_assert_cmpint (found != NULL, ==, present);
      if (found != NULL)
        g_assert_cmpuint (*found, ==, GPOINTER_TO_UINT (value));
    }
  trace_id_map_clear (&map);
  trace_id_map_clear (&copy);
  g_hash_table_unref (model);
  g_rand_free (rand);
}

/* A short trace from lines of JSON, through the reader. */
static TraceTimeline *
read_lines (const char *events, GError **error)
{
  g_autofree char *text = g_strconcat (
    "{\"format\":\"refscope-trace\",\"version\":\"1.0\",\"producer\":\"test\","
    "\"thresholds\":[700,10,10],\"files\":[{\"name\":\"t.py\",\"text\":\"a\\nb\\nc\\n\"}]}\n",
    events, NULL);

  return trace_read_bytes ("t.jsonl", text, strlen (text), &(TraceReadOptions){ .threads = 1 },
                           error);
}

#define FRAME "{\"ev\":\"frame_push\",\"frame\":1,\"name\":\"<module>\"}\n"
#define LIST(id) "{\"ev\":\"born\",\"id\":" #id ",\"type\":\"list\",\"size\":56,\"addr\":100,\"gen\":0}\n"

/* Each kind of bad event is refused with the line and what is wrong. */
static void
test_reader_errors (void)
{
  static const struct
  {
    const char *events;
    const char *message;
  } cases[] = {
    { "not json\n", "t.jsonl:2: not JSON" },
    { "[1,2]\n", "t.jsonl:2: a line must be a JSON object, not an array" },
    { "{\"id\":3}\n", "t.jsonl:2: event: missing field \"ev\"" },
    { "{\"ev\":\"explode\"}\n", "t.jsonl:2: event: unknown event kind \"explode\"" },
    { "{\"ev\":\"born\",\"id\":\"3\"}\n", "t.jsonl:2: born: field \"id\" is a string, not an integer" },
    { "{\"ev\":\"born\",\"id\":0,\"type\":\"x\",\"size\":1,\"addr\":1,\"gen\":0}\n",
      "t.jsonl:2: born: field \"id\" is 0; it must be at least 1" },
    { "{\"ev\":\"born\",\"id\":9007199254740993,\"type\":\"x\",\"size\":1,\"addr\":1,\"gen\":0}\n",
      "t.jsonl:2: born: field \"id\" is 9007199254740993; it must be at most 9007199254740991" },
    { "{\"ev\":\"born\",\"id\":99999999999999999999999,\"type\":\"x\",\"size\":1,\"addr\":1,\"gen\":0}\n",
      "t.jsonl:2: born: field \"id\" is too large a number" },
    { "{\"ev\":\"born\",\"id\":3,\"type\":\"x\",\"size\":1.5,\"addr\":1,\"gen\":0}\n",
      "t.jsonl:2: born: field \"size\" is a fractional number, not an integer" },
    { "{\"ev\":\"born\",\"id\":3,\"size\":1,\"addr\":1,\"gen\":0}\n", "t.jsonl:2: born: missing field \"type\"" },
    { "{\"ev\":\"born\",\"id\":3,\"type\":\"x\",\"size\":1,\"addr\":1,\"gen\":7}\n",
      "t.jsonl:2: born: field \"gen\" is 7, out of range (-1 to 3)" },
    { LIST (3) LIST (3), "t.jsonl:3: born: id 3 is already in use" },
    { LIST (3) "{\"ev\":\"free\",\"id\":3,\"cause\":\"refcount\"}\n" LIST (3),
      "t.jsonl:4: born: id 3 is reused (it died at line 3)" },
    { LIST (3) "{\"ev\":\"ref_add\",\"from\":3,\"to\":4,\"index\":0}\n",
      "t.jsonl:3: ref_add: target 4 does not exist" },
    { LIST (3) LIST (4) "{\"ev\":\"free\",\"id\":4,\"cause\":\"refcount\"}\n"
      "{\"ev\":\"ref_add\",\"from\":3,\"to\":4,\"index\":0}\n",
      "t.jsonl:5: ref_add: target 4 was freed at line 4" },
    { LIST (3) "{\"ev\":\"ref_add\",\"from\":3,\"to\":3}\n",
      "t.jsonl:3: ref_add: missing the slot" },
    { LIST (3) "{\"ev\":\"ref_add\",\"from\":3,\"to\":3,\"index\":0,\"attr\":\"x\"}\n",
      "t.jsonl:3: ref_add: more than one slot field" },
    { LIST (3) "{\"ev\":\"ref_del\",\"from\":3,\"to\":3,\"index\":0}\n",
      "t.jsonl:3: ref_del: 3 holds no such reference to 3" },
    { LIST (3) "{\"ev\":\"free\",\"id\":3,\"cause\":\"old age\"}\n",
      "t.jsonl:3: free: unknown cause \"old age\"" },
    { FRAME "{\"ev\":\"step\",\"n\":2,\"file\":0,\"line\":1,\"frame\":1}\n",
      "t.jsonl:3: step: step 2 follows step 0" },
    { FRAME "{\"ev\":\"step\",\"n\":1,\"file\":3,\"line\":1,\"frame\":1}\n",
      "t.jsonl:3: step: file 3 is not in the header's 1 files" },
    { FRAME "{\"ev\":\"step\",\"n\":1,\"file\":0,\"line\":9,\"frame\":1}\n",
      "t.jsonl:3: step: line 9 is not in t.py (3 lines)" },
    { "{\"ev\":\"step\",\"n\":1,\"file\":0,\"line\":1,\"frame\":1}\n",
      "t.jsonl:2: step: frame 1 does not exist" },
    { FRAME "{\"ev\":\"frame_push\",\"frame\":2,\"name\":\"f\"}\n{\"ev\":\"frame_pop\",\"frame\":1}\n",
      "t.jsonl:4: frame_pop: frame 1 is not the innermost" },
    { "{\"ev\":\"gc_end\",\"gen\":0,\"collected\":0,\"uncollectable\":0}\n",
      "t.jsonl:2: gc_end: no collection is in progress" },
    { "{\"ev\":\"gc_start\",\"gen\":1,\"counts\":[1,2]}\n",
      "t.jsonl:2: gc_start: field \"counts\" must be an array of 3 integers" },
    { "{\"ev\":\"arena_free\",\"index\":0,\"addr\":0,\"size\":0}\n",
      "t.jsonl:2: arena_free: no arena is in use" },
    { LIST (3) "{\"ev\":\"summary\",\"id\":3,\"type\":\"int\",\"count\":-1,\"bytes\":-28}\n",
      "t.jsonl:3: summary: container 3 would hold fewer than no summarised int" },
    { "\n", "t.jsonl:2: the line is empty" },
    { "{\"ev\":\"end\"}\n{\"ev\":\"end\"}\n", "t.jsonl:3: end: the trace already ended" },
    { "{\"ev\":\"output\",\"text\":\"\xff\"}\n", "t.jsonl:2: not JSON" },
    { "{\"ev\":\"output\",\"text\":[[[[[[[[1]]]]]]]]}\n", "t.jsonl:2: not a trace line: nested deeper" },
    { "{\"ev\":\"output\",\"text\":\"a\"} x\n", "t.jsonl:2: not JSON: unexpected character at column 28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GError *error = NULL;
      TraceTimeline *timeline = read_lines (cases[i].events, &error);
      if (timeline != NULL)
        g_error ("case %u was accepted: %s", i, cases[i].events);
      g_assert_error (error, TRACE_READ_ERROR, TRACE_READ_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: got '%s', wanted '%s...'", i, error->message, cases[i].message);
      g_error_free (error);
    }
}

static void
test_reader_header_errors (void)
{
  static const struct
  {
    const char *text;
    gint code;
    const char *message;
  } cases[] = {
    { "", TRACE_READ_ERROR_INVALID, "h.jsonl:1: the file is empty" },
    { "{\"format\":\"other\"}\n", TRACE_READ_ERROR_INVALID, "h.jsonl:1: header: not a Refscope trace" },
    { "{\"format\":\"refscope-trace\",\"version\":\"2.0\",\"producer\":\"x\"}\n",
      TRACE_READ_ERROR_VERSION,
      "h.jsonl:1: header: trace format version 2.0 is not supported (this reader reads 1.x)" },
    { "{\"format\":\"refscope-trace\",\"version\":\"one\"}\n", TRACE_READ_ERROR_INVALID,
      "h.jsonl:1: header: version \"one\" is not MAJOR.MINOR" },
    { "{\"format\":\"refscope-trace\",\"version\":\"1.0\",\"producer\":\"x\",\"thresholds\":[1,2,3]}\n",
      TRACE_READ_ERROR_INVALID, "h.jsonl:1: header: missing field \"files\"" },
    { "{\"format\":\"refscope-trace\",\"version\":\"1.0\",\"producer\":\"x\",\"thresholds\":[1,-2,3],"
      "\"files\":[]}\n", TRACE_READ_ERROR_INVALID, "h.jsonl:1: header: field \"thresholds\" is -2" },
    { "\x89PNG\r\n\x1a\n", TRACE_READ_ERROR_INVALID,
      "h.jsonl:1: not a Refscope trace: the first line is not a JSON object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GError *error = NULL;
      TraceTimeline *timeline = trace_read_bytes ("h.jsonl", cases[i].text, strlen (cases[i].text),
                                                  NULL, &error);
      g_assert_null (timeline);
      g_assert_error (error, TRACE_READ_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: got '%s', wanted '%s...'", i, error->message, cases[i].message);
      g_error_free (error);
    }
}

/* A file cut inside its last line loads up to the line before, warning. */
static void
test_reader_truncated (void)
{
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  const char *text = "{\"format\":\"refscope-trace\",\"version\":\"1.7\",\"producer\":\"t\","
                     "\"thresholds\":[700,10,10],\"files\":[],\"future\":1}\n" LIST (3)
                       "{\"ev\":\"born\",\"id\":4,\"ty";
  GError *error = NULL;
  TraceTimeline *timeline = trace_read_bytes ("cut.jsonl", text, strlen (text),
                                              &(TraceReadOptions){ .warnings = warnings }, &error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (trace_timeline_n_events (timeline), ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (warnings->pdata[0], "cut.jsonl:3: the last line is cut short"));
  g_assert_nonnull (strstr (warnings->pdata[0], "loaded up to line 2"));
  trace_timeline_free (timeline);

  /* Whole lines but no end event: loads, with a warning. */
  g_ptr_array_set_size (warnings, 0);
  text = "{\"format\":\"refscope-trace\",\"version\":\"1.0\",\"producer\":\"t\","
         "\"thresholds\":[700,10,10],\"files\":[]}\n" LIST (3);
  timeline = trace_read_bytes ("open.jsonl", text, strlen (text),
                               &(TraceReadOptions){ .warnings = warnings }, &error);
  g_assert_no_error (error);
  g_assert_false (trace_timeline_is_complete (timeline));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (warnings->pdata[0], "no end event"));
  trace_timeline_free (timeline);
}

/* Seeking anywhere, in any order, gives the state a replay from the start
 * gives. */
static void
test_timeline_seek (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record (
    "import gc\n"
    "class Node:\n"
    "    def __init__(self, n):\n"
    "        self.n = n\n"
    "        self.next = None\n"
    "keep = []\n"
    "for i in range(3000):\n"
    "    a = Node(i)\n"
    "    b = Node(i)\n"
    "    a.next = b\n"
    "    b.next = a\n"
    "    if i % 3 == 0:\n"
    "        keep.append(a)\n"
    "    d = {i: [a, b], 'k': (i, str(i))}\n"
    "del a, b, d\n"
    "gc.collect()\n"
    "keep.clear()\n"
    "gc.collect()\n",
    0, &status);
  const TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  g_autoptr (TraceCursor) fresh = trace_cursor_new (timeline);
  GRand *rand = g_rand_new_with_seed (3);
  guint n_steps = trace_timeline_n_steps (timeline);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (trace_timeline_n_events (timeline), >, 100000);
  g_assert_cmpuint (trace_timeline_n_checkpoints (timeline), >, 3);
  for (guint n = 0; n < 40; n++)
    {
      guint step = n < 3 ? (n == 0 ? 0 : n == 1 ? n_steps : n_steps / 2)
                         : (guint) g_rand_int_range (rand, 0, (gint32) n_steps + 1);
      TraceLogIter iter;
      TraceEvent e;
      char where[64];
      g_autoptr (TraceCursor) replay = trace_cursor_new (timeline);

      trace_cursor_seek_step (cursor, step);
      /* The reference: every event from the start. */
      trace_log_iter_init (&iter, log, 0);
      while (trace_cursor_position (replay) < trace_timeline_step_end (timeline, step)
             && trace_log_iter_next (&iter, &e))
        trace_heap_replay ((TraceHeap *) trace_cursor_heap (replay), &e);
      g_snprintf (where, sizeof where, "step %u", step);
      trace_test_assert_same_heap (log, trace_cursor_heap (cursor), log, trace_cursor_heap (replay),
                                   where);
      /* A cursor that walks there one step at a time agrees too. */
      if (step > 0)
        {
          trace_cursor_seek_step (fresh, step - 1);
          trace_cursor_seek_step (fresh, step);
          trace_test_assert_same_heap (log, trace_cursor_heap (fresh), log,
                                       trace_cursor_heap (replay), where);
        }
    }
  /* The last step is the head. */
  trace_cursor_seek_step (cursor, n_steps);
  trace_test_assert_same_heap (log, trace_cursor_heap (cursor), log, trace_timeline_head (timeline),
                               "end");
  g_rand_free (rand);
}

/* What the recorder says of the seed's lessons matches the runtime: the
 * cycle survives del and goes at gc.collect(), refcounts are exact. */
static const TraceHeapObject *
find_global (const TraceLog *log, const TraceHeap *heap, const char *name)
{
  const TraceHeapFrame *module = trace_heap_frame_at (heap, 0);
  const TraceHeapObject *globals = trace_heap_lookup (heap, module->namespace);

  g_assert_nonnull (globals);
  for (guint32 i = 0; i < globals->n_refs; i++)
    if (globals->refs[i].kind == TRACE_SLOT_KEY)
      {
        const TraceHeapObject *key = trace_heap_lookup (heap, globals->refs[i].target);
        g_autofree char *quoted = g_strdup_printf ("'%s'", name);
        if (key != NULL && strcmp (trace_log_string (log, key->repr), quoted) == 0)
          for (guint32 j = 0; j < globals->n_refs; j++)
            if (globals->refs[j].kind == TRACE_SLOT_VALUE
                && (guint64) globals->refs[j].slot == key->id)
              return trace_heap_lookup (heap, globals->refs[j].target);
      }
  return NULL;
}

static guint
step_of_line (TraceTimeline *timeline, gint64 line)
{
  const TraceLog *log = trace_timeline_log (timeline);

  for (guint s = 1; s <= trace_timeline_n_steps (timeline); s++)
    {
      TraceEvent e;
      trace_log_get (log, trace_log_step_event (log, s), &e);
      if (e.b == line)
        return s;
    }
  g_error ("no step at line %" G_GINT64_FORMAT, line);
}

static void
test_recorder_cycle (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record (
    "import gc\n"                 /* 1 */
    "a = []\n"                    /* 2 */
    "b = [a, a]\n"                /* 3 */
    "x = {}\n"                    /* 4 */
    "y = {}\n"                    /* 5 */
    "x['y'] = y\n"                /* 6 */
    "y['x'] = x\n"                /* 7 */
    "ids = (id(x), id(y))\n"      /* 8 */
    "del x, y\n"                  /* 9 */
    "n = gc.collect()\n"          /* 10 */
    "done = 1\n",                 /* 11 */
    0, &status);
  const TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  const TraceHeapObject *a, *b, *x;
  guint64 x_id, y_id;
  guint dead_before, dead_after;

  g_assert_cmpint (status, ==, 0);
  g_assert_true (trace_timeline_is_complete (timeline));

  /* After `b = [a, a]`: a is held by the name and twice by b. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 3));
  a = find_global (log, trace_cursor_heap (cursor), "a");
  b = find_global (log, trace_cursor_heap (cursor), "b");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (trace_log_string (log, b->type), ==, "list");
  g_assert_cmpint (a->refcnt, ==, 3);
  g_assert_cmpint (b->refcnt, ==, 1);
  g_assert_cmpuint (b->n_refs, ==, 2);
  g_assert_cmpuint (b->refs[0].target, ==, a->id);
  g_assert_cmpuint (b->refs[1].target, ==, a->id);
  g_assert_cmpint (a->gen, ==, 0);

  /* After the cycle is made: each dict holds the other. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 8));
  x = find_global (log, trace_cursor_heap (cursor), "x");
  g_assert_nonnull (x);
  x_id = x->id;
  y_id = find_global (log, trace_cursor_heap (cursor), "y")->id;
  g_assert_cmpint (x->refcnt, ==, 2);

  /* del leaves both alive, unreachable from the names... */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 9));
  g_assert_null (find_global (log, trace_cursor_heap (cursor), "x"));
  g_assert_nonnull (trace_heap_lookup (trace_cursor_heap (cursor), x_id));
  g_assert_cmpint (trace_heap_lookup (trace_cursor_heap (cursor), x_id)->refcnt, ==, 1);
  g_assert_cmpint (trace_heap_lookup (trace_cursor_heap (cursor), y_id)->refcnt, ==, 1);
  dead_before = trace_timeline_deaths_before (timeline, trace_cursor_position (cursor));

  /* ...until the collection frees them, saying so. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 10));
  g_assert_null (trace_heap_lookup (trace_cursor_heap (cursor), x_id));
  g_assert_null (trace_heap_lookup (trace_cursor_heap (cursor), y_id));
  dead_after = trace_timeline_deaths_before (timeline, trace_cursor_position (cursor));
  {
    gboolean saw_x = FALSE, saw_y = FALSE;
    for (guint i = dead_before; i < dead_after; i++)
      {
        const TraceDeath *d = trace_timeline_death_at (timeline, i);
        if (d->id == x_id || d->id == y_id)
          {
            g_assert_cmpint (d->cause, ==, 2);
            saw_x |= d->id == x_id;
            saw_y |= d->id == y_id;
          }
      }
    g_assert_true (saw_x && saw_y);
  }
  g_assert_cmpint (trace_heap_stats (trace_cursor_heap (cursor))->gens[2].collections, ==, 1);
  g_assert_cmpint (trace_heap_stats (trace_cursor_heap (cursor))->gens[2].collected, >=, 2);
}

/* Function frames show their variables, and go when the call returns. */
static void
test_recorder_frames (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record (
    "def f(n):\n"          /* 1 */
    "    t = [n]\n"        /* 2 */
    "    u = t\n"          /* 3 */
    "    return u\n"       /* 4 */
    "z = f(5)\n",          /* 5 */
    0, &status);
  const TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  const TraceHeap *heap;
  const TraceHeapFrame *frame;
  const TraceHeapObject *t = NULL;

  g_assert_cmpint (status, ==, 0);
  trace_cursor_seek_step (cursor, step_of_line (timeline, 3));
  heap = trace_cursor_heap (cursor);
  g_assert_cmpuint (trace_heap_n_frames (heap), ==, 2);
  frame = trace_heap_frame_at (heap, 1);
  g_assert_cmpstr (trace_log_string (log, frame->name), ==, "f");
  g_assert_cmpuint (frame->n_refs, ==, 3);
  for (guint32 i = 0; i < frame->n_refs; i++)
    if (strcmp (trace_log_string (log, frame->refs[i].name), "t") == 0)
      t = trace_heap_lookup (heap, frame->refs[i].target);
  g_assert_nonnull (t);
  g_assert_cmpint (t->refcnt, ==, 2);
  trace_cursor_seek_step (cursor, trace_timeline_n_steps (timeline));
  heap = trace_cursor_heap (cursor);
  g_assert_cmpuint (trace_heap_n_frames (heap), ==, 1);
  g_assert_cmpint (find_global (log, heap, "z")->refcnt, ==, 1);
}

/* The seed's first example at a scale the trace cannot name one by one:
 * the atoms are summarised, and counts and bytes stay exact. */
static void
test_recorder_summary (void)
{
  int status;
  g_autoptr (TraceTimeline) timeline = trace_test_record (
    "a = list(range(200000))\n"     /* 1 */
    "x = a[100000]\n"               /* 2 */
    "a.pop()\n"                     /* 3 */
    "a.sort()\n"                    /* 4 */
    "del a\n"                       /* 5 */
    "y = x\n",                      /* 6 */
    1024, &status);
  const TraceLog *log = trace_timeline_log (timeline);
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  const TraceHeap *heap;
  const TraceHeapObject *a;
  gint64 live_before;

  g_assert_cmpint (status, ==, 0);
  /* Far fewer events than objects. */
  g_assert_cmpuint (trace_timeline_n_events (timeline), <, 20000);

  trace_cursor_seek_step (cursor, 0);
  live_before = trace_heap_stats (trace_cursor_heap (cursor))->live_objects;
  trace_cursor_seek_step (cursor, step_of_line (timeline, 1));
  heap = trace_cursor_heap (cursor);
  a = find_global (log, heap, "a");
  g_assert_nonnull (a);
  g_assert_cmpint (a->refcnt, ==, 1);
  g_assert_cmpuint (a->size, ==, 56 + 8 * 200000);
  g_assert_cmpuint (trace_heap_n_summaries (heap), ==, 1);
  /* The first 1,024 items are named (0..256 being the cached small ints),
   * the other 198,976 summarised. */
  g_assert_cmpuint (a->n_refs, ==, 1024);
  g_assert_cmpint (trace_heap_summary_at (heap, 0)->count, ==, 200000 - 1024);
  g_assert_cmpint (trace_heap_summary_at (heap, 0)->bytes, ==, 28 * (200000 - 1024));
  /* Live objects and bytes count the summarised atoms exactly. */
  {
    gint64 bytes = 0;
    for (guint i = 0; i < trace_heap_n_objects (heap); i++)
      bytes += (gint64) trace_heap_object_at (heap, i)->size;
    g_assert_cmpint (trace_heap_stats (heap)->live_objects, ==,
                     trace_heap_n_objects (heap) + trace_heap_summary_at (heap, 0)->count);
    g_assert_cmpint (trace_heap_stats (heap)->live_bytes, ==,
                     bytes + trace_heap_summary_at (heap, 0)->bytes);
  }

  /* Reading one out names it. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 2));
  heap = trace_cursor_heap (cursor);
  g_assert_cmpstr (trace_log_string (log, find_global (log, heap, "x")->repr), ==, "100000");
  g_assert_cmpint (find_global (log, heap, "x")->refcnt, ==, 2);
  g_assert_cmpint (trace_heap_summary_at (heap, 0)->count, ==, 200000 - 1024 - 1);

  /* Popping frees one summarised atom; sorting changes no count. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 4));
  heap = trace_cursor_heap (cursor);
  g_assert_cmpint (trace_heap_summary_at (heap, 0)->count, ==, 200000 - 1024 - 2);

  /* del frees the list and its atoms; x lives on. */
  trace_cursor_seek_step (cursor, step_of_line (timeline, 5));
  heap = trace_cursor_heap (cursor);
  g_assert_cmpuint (trace_heap_n_summaries (heap), ==, 0);
  g_assert_cmpint (find_global (log, heap, "x")->refcnt, ==, 1);
  g_assert_cmpint (trace_heap_stats (heap)->live_objects, <, live_before + 1000);
}

/* Written to a file and read back, a trace gives the same state at every
 * step as the run that recorded it. */
static void
check_round_trip (const char *source, const char *what)
{
  int status;
  g_autoptr (TraceTimeline) recorded = trace_test_record (source, 0, &status);
  g_autoptr (TraceTimeline) loaded = NULL;
  g_autofree char *dir = g_dir_make_tmp ("refscope-trace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.jsonl", NULL);
  g_autoptr (TraceCursor) a = trace_cursor_new (recorded);
  g_autoptr (TraceCursor) b = NULL;
  GError *error = NULL;

  g_assert_true (trace_write_file (trace_timeline_log (recorded), path, &error));
  g_assert_no_error (error);
  loaded = trace_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trace_timeline_n_events (loaded), ==, trace_timeline_n_events (recorded));
  g_assert_cmpuint (trace_timeline_n_steps (loaded), ==, trace_timeline_n_steps (recorded));
  g_assert_true (trace_timeline_is_complete (loaded));
  g_assert_cmpint (trace_timeline_exit_status (loaded), ==, status);
  b = trace_cursor_new (loaded);
  for (guint step = 0; step <= trace_timeline_n_steps (recorded); step++)
    {
      char where[128];
      g_snprintf (where, sizeof where, "%s, step %u", what, step);
      trace_cursor_seek_step (a, step);
      trace_cursor_seek_step (b, step);
      trace_test_assert_same_heap (trace_timeline_log (recorded), trace_cursor_heap (a),
                                   trace_timeline_log (loaded), trace_cursor_heap (b), where);
    }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_round_trip_lessons (void)
{
  g_autofree char *dir = trace_test_lesson_path ("");
  g_autoptr (GDir) lessons = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (lessons);
  while ((name = g_dir_read_name (lessons)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *source = NULL;
      if (!g_str_has_suffix (name, ".py"))
        continue;
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
      check_round_trip (source, name);
      n++;
    }
  g_assert_cmpuint (n, >=, 7);
}

static void
test_round_trip_program (void)
{
  check_round_trip ("class A:\n"
                    "    def __del__(self):\n"
                    "        print('bye', 'ünï\\n\"q\"')\n"
                    "a = A()\n"
                    "a.me = a\n"
                    "l = [1.5, 'two', None, True, 10**30, (1, 2)]\n"
                    "l.insert(0, 'x')\n"
                    "del l[2]\n"
                    "del a\n"
                    "import gc\n"
                    "gc.set_threshold(5, 2, 2)\n"
                    "junk = [[] for i in range(50)]\n"
                    "gc.collect()\n"
                    "raise ValueError('the end')\n",
                    "program");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/trace/log/round-trip", test_log_round_trip);
  g_test_add_func ("/trace/log/files-and-strings", test_log_files_and_strings);
  g_test_add_func ("/trace/id-map", test_id_map);
  g_test_add_func ("/trace/reader/errors", test_reader_errors);
  g_test_add_func ("/trace/reader/header-errors", test_reader_header_errors);
  g_test_add_func ("/trace/reader/truncated", test_reader_truncated);
  g_test_add_func ("/trace/timeline/seek", test_timeline_seek);
  g_test_add_func ("/trace/recorder/cycle", test_recorder_cycle);
  g_test_add_func ("/trace/recorder/frames", test_recorder_frames);
  g_test_add_func ("/trace/recorder/summary", test_recorder_summary);
  g_test_add_func ("/trace/round-trip/lessons", test_round_trip_lessons);
  g_test_add_func ("/trace/round-trip/program", test_round_trip_program);
  return g_test_run ();
}
