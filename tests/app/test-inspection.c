/* test-inspection.c: the inspector's model on recorded programs, checked
 * against CPython 3.11's counts (sys.getrefcount less its argument):
 * holders, referents, the path from a frame, garbage, the story of a life
 * and the cost on a timeline of a million events. */
#include "inspection.h"
#include "trace-test.h"

#include <string.h>

static TraceTimeline *
record (const char *source)
{
  int status = -1;
  TraceTimeline *timeline = trace_test_record (source, 0, &status);

  g_assert_cmpint (status, ==, 0);
  return timeline;
}

/* The first step whose statement is on line. */
static guint
step_of_line (TraceTimeline *timeline, guint line)
{
  const TraceLog *log = trace_timeline_log (timeline);

  for (guint s = 1; s <= trace_log_n_steps (log); s++)
    {
      TraceEvent e;
      trace_log_get (log, trace_log_step_event (log, s), &e);
      if (e.b == line)
        return s;
    }
  g_assert_not_reached ();
}

/* The object a variable of the frame named frame_name (NULL: the global
 * one) refers to at step, or 0. */
static guint64
variable (TraceTimeline *timeline, guint step, const char *frame_name, const char *name)
{
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  const TraceLog *log = trace_timeline_log (timeline);
  const TraceHeap *heap;
  g_autofree char *repr = g_strdup_printf ("'%s'", name);

  trace_cursor_seek_step (cursor, step);
  heap = trace_cursor_heap (cursor);
  for (guint f = 0; f < trace_heap_n_frames (heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (heap, f);
      const TraceHeapObject *ns = trace_heap_lookup (heap, frame->namespace);
      if (frame_name != NULL ? strcmp (trace_log_string (log, frame->name), frame_name) != 0
                             : f != 0)
        continue;
      for (guint32 i = 0; i < frame->n_refs; i++)
        if (strcmp (trace_log_string (log, frame->refs[i].name), name) == 0)
          return frame->refs[i].target;
      for (guint32 i = 0; ns != NULL && i < ns->n_refs; i++)
        {
          const TraceHeapObject *key;
          if (ns->refs[i].kind != TRACE_SLOT_VALUE)
            continue;
          key = trace_heap_lookup (heap, (guint64) ns->refs[i].slot);
          if (key != NULL && strcmp (trace_log_string (log, key->repr), repr) == 0)
            return ns->refs[i].target;
        }
    }
  return 0;
}

/* The holders' counts add up to the object's count. */
static void
assert_counts_add_up (const RefscopeInspection *in)
{
  gint64 sum = 0;

  for (guint i = 0; i < in->n_holders; i++)
    sum += in->holders[i].count;
  g_assert_cmpint (sum, ==, in->refcnt);
  g_assert_cmpint (in->n_shown_refs + MAX (in->n_other_refs, 0), ==, in->refcnt);
}

static const RefscopeHolder *
find_holder (const RefscopeInspection *in, const char *sentence_prefix)
{
  for (guint i = 0; i < in->n_holders; i++)
    if (g_str_has_prefix (in->holders[i].sentence, sentence_prefix))
      return &in->holders[i];
  return NULL;
}

/* The count at step as the history tells it. */
static gint64
history_count_at (const RefscopeInspection *in, guint step)
{
  gint64 count = in->born_refcnt;

  for (guint i = 0; i < in->n_changes && in->changes[i].step <= step; i++)
    count = in->changes[i].new_refcnt;
  return count;
}

static void
test_list_items (void)
{
  g_autoptr (TraceTimeline) timeline = record ("a = [1, 2]\nb = [a, a]\n");
  g_autoptr (RefscopeInspection) in = NULL;
  g_autoptr (RefscopeInspection) globals = NULL;
  g_autofree char *address = NULL;
  guint64 a = variable (timeline, 2, NULL, "a"), b = variable (timeline, 2, NULL, "b");
  const RefscopeHolder *h;

  g_assert_cmpuint (a, !=, 0);
  in = refscope_inspection_new (timeline, 2, a);
  g_assert_nonnull (in);
  g_assert_true (in->alive);
  g_assert_cmpstr (in->type_name, ==, "list");
  g_assert_cmpstr (in->title, ==, "list");
  g_assert_null (in->repr);
  address = refscope_format_address (in->addr);
  g_assert_cmpstr (in->address, ==, address);
  g_assert_true (g_str_has_prefix (in->address, "0x"));
  g_assert_cmpuint (in->size, ==, 72);  /* sys.getsizeof([1, 2]) */
  g_assert_cmpint (in->gen, ==, 0);
  g_assert_cmpstr (in->generation_text, ==, "generation 0");
  g_assert_false (in->shared_atom);

  /* sys.getrefcount(a) is 4 in CPython 3.11: a, b[0], b[1] and its argument. */
  g_assert_cmpint (in->refcnt, ==, 3);
  g_assert_cmpuint (in->n_holders, ==, 3);
  g_assert_cmpint (in->n_other_refs, ==, 0);
  assert_counts_add_up (in);

  h = &in->holders[0];
  g_assert_cmpint (h->kind, ==, REFSCOPE_HOLDER_FRAME_VARIABLE);
  g_assert_true (h->holder_is_frame);
  g_assert_cmpstr (h->holder_title, ==, "Global frame");
  g_assert_cmpstr (h->label, ==, "a");
  g_assert_cmpstr (h->sentence, ==, "variable a in Global frame");
  g_assert_cmpuint (h->via, !=, 0);   /* the globals dict */
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("[%u]", i - 1);
      g_autofree char *sentence = NULL;
      h = &in->holders[i];
      g_assert_cmpint (h->kind, ==, REFSCOPE_HOLDER_CONTAINER_SLOT);
      g_assert_cmpuint (h->holder, ==, b);
      g_assert_false (h->holder_is_frame);
      g_assert_cmpstr (h->label, ==, label);
      sentence = g_strdup_printf ("item %s of list 0x", label);
      g_assert_true (g_str_has_prefix (h->sentence, sentence));
      g_assert_true (g_str_has_prefix (h->holder_title, "list 0x"));
    }

  /* Its own references: the two small ints, in order. */
  g_assert_cmpuint (in->n_referents, ==, 2);
  g_assert_cmpuint (in->n_referents_total, ==, 2);
  g_assert_cmpstr (in->referents[0].label, ==, "[0]");
  g_assert_cmpstr (in->referents[0].description, ==, "int 1");
  g_assert_cmpstr (in->referents[1].label, ==, "[1]");
  g_assert_cmpstr (in->referents[1].description, ==, "int 2");

  /* Why it is alive: the global variable a. */
  g_assert_false (in->unreachable);
  g_assert_null (in->unreachable_text);
  g_assert_cmpuint (in->n_path, ==, 2);
  g_assert_true (in->path[0].is_frame);
  g_assert_cmpstr (in->path[0].title, ==, "Global frame");
  g_assert_cmpstr (in->path[0].label, ==, "a");
  g_assert_cmpuint (in->path[1].id, ==, a);
  g_assert_null (in->path[1].label);
  g_assert_cmpstr (in->path_expression, ==, "a");

  /* Born at step 1 with one reference; two more at step 2; alive to the end. */
  g_assert_cmpuint (in->born_step, ==, 1);
  g_assert_cmpint (in->born_refcnt, ==, 1);
  g_assert_cmpuint (in->n_changes, ==, 1);
  g_assert_cmpuint (in->changes[0].step, ==, 2);
  g_assert_cmpuint (in->changes[0].from_step, ==, 1);
  g_assert_cmpint (in->changes[0].old_refcnt, ==, 1);
  g_assert_cmpint (in->changes[0].new_refcnt, ==, 3);
  g_assert_false (in->died);
  g_assert_null (in->death_text);
  g_assert_false (in->history_sampled);
  g_assert_cmpuint (in->n_history_ranges, ==, 1);
  g_assert_cmpuint (in->history_ranges[0].first, ==, 1);
  g_assert_cmpuint (in->history_ranges[0].last, ==, 2);

  /* The module's namespace: what globals() returns. */
  globals = refscope_inspection_new (timeline, 2, in->holders[0].via);
  g_assert_nonnull (globals);
  g_assert_cmpstr (globals->type_name, ==, "dict");
  g_assert_cmpuint (globals->n_path, ==, 2);
  g_assert_cmpstr (globals->path[0].label, ==, "namespace");
  g_assert_cmpstr (globals->path_expression, ==, "globals()");
}

static void
test_shared_atom (void)
{
  g_autoptr (TraceTimeline) timeline = record ("a = [1, 2]\nb = [a, a]\n");
  guint64 a = variable (timeline, 2, NULL, "a");
  g_autoptr (RefscopeInspection) list = refscope_inspection_new (timeline, 2, a);
  g_autoptr (RefscopeInspection) one =
    refscope_inspection_new (timeline, 2, list->referents[0].target);
  const RefscopeHolder *other;

  g_assert_nonnull (one);
  g_assert_cmpstr (one->type_name, ==, "int");
  g_assert_cmpstr (one->repr, ==, "1");
  g_assert_cmpstr (one->title, ==, "int 1");
  g_assert_true (one->shared_atom);
  g_assert_cmpint (one->gen, ==, -1);
  g_assert_cmpstr (one->generation_text, ==, "not tracked by the collector");
  g_assert_nonnull (find_holder (one, "item [0] of list 0x"));
  /* The rest of a small int's count is the interpreter's own. */
  other = &one->holders[one->n_holders - 1];
  g_assert_cmpint (other->kind, ==, REFSCOPE_HOLDER_OTHER);
  g_assert_cmpint (other->count, >, 1);
  g_assert_nonnull (strstr (other->sentence, "interpreter itself"));
  assert_counts_add_up (one);
  /* Reached through a: a[0]. */
  g_assert_cmpstr (one->path_expression, ==, "a[0]");
}

static void
test_path_through_container (void)
{
  g_autoptr (TraceTimeline) timeline = record ("a = [1, 2]\nb = [a, a]\ndel a\n");
  guint64 a = variable (timeline, 2, NULL, "a");
  g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, 3, a);

  g_assert_nonnull (in);
  /* CPython: sys.getrefcount(b[0]) is 3 after del a. */
  g_assert_cmpint (in->refcnt, ==, 2);
  g_assert_cmpuint (in->n_holders, ==, 2);
  assert_counts_add_up (in);
  g_assert_cmpuint (in->n_path, ==, 3);
  g_assert_cmpstr (in->path[0].label, ==, "b");
  g_assert_cmpstr (in->path[1].label, ==, "[0]");
  g_assert_true (g_str_has_prefix (in->path[1].title, "list 0x"));
  g_assert_cmpstr (in->path_expression, ==, "b[0]");
  g_assert_cmpuint (in->n_changes, ==, 2);
  g_assert_cmpint (in->changes[1].step, ==, 3);
  g_assert_cmpint (in->changes[1].old_refcnt, ==, 3);
  g_assert_cmpint (in->changes[1].new_refcnt, ==, 2);
}

static const char *const attr_program =
  "class Node:\n"
  "    def __init__(self, v):\n"
  "        self.x = v\n"
  "o = []\n"
  "n = Node(o)\n"
  "d = {'k': o}\n";

static void
test_attribute_and_dict_value (void)
{
  g_autoptr (TraceTimeline) timeline = record (attr_program);
  guint last = trace_timeline_n_steps (timeline);
  guint64 o = variable (timeline, last, NULL, "o"), n = variable (timeline, last, NULL, "n");
  guint64 d = variable (timeline, last, NULL, "d");
  g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, last, o);
  g_autoptr (RefscopeInspection) node = refscope_inspection_new (timeline, last, n);
  g_autoptr (RefscopeInspection) dict = refscope_inspection_new (timeline, last, d);
  const RefscopeHolder *h;

  g_assert_nonnull (in);
  /* CPython: sys.getrefcount(o) is 4: o, n.x, d['k']. */
  g_assert_cmpint (in->refcnt, ==, 3);
  g_assert_cmpuint (in->n_holders, ==, 3);
  assert_counts_add_up (in);
  g_assert_nonnull (find_holder (in, "variable o in Global frame"));

  h = find_holder (in, "attribute .x of Node 0x");
  g_assert_nonnull (h);
  g_assert_cmpint (h->kind, ==, REFSCOPE_HOLDER_ATTRIBUTE);
  g_assert_cmpuint (h->holder, ==, n);
  g_assert_cmpstr (h->label, ==, ".x");
  g_assert_true (g_str_has_prefix (h->holder_title, "Node 0x"));

  h = find_holder (in, "value ['k'] of dict 0x");
  g_assert_nonnull (h);
  g_assert_cmpint (h->kind, ==, REFSCOPE_HOLDER_CONTAINER_SLOT);
  g_assert_cmpuint (h->holder, ==, d);
  g_assert_cmpstr (h->label, ==, "['k']");

  /* The instance's references: its class and x. */
  g_assert_nonnull (node);
  g_assert_cmpstr (node->type_name, ==, "Node");
  for (guint i = 0; i < node->n_referents; i++)
    if (strcmp (node->referents[i].label, ".x") == 0)
      g_assert_cmpuint (node->referents[i].target, ==, o);
  g_assert_cmpstr (node->referents[0].label, ==, ".__class__");
  g_assert_cmpstr (node->referents[0].description, ==, "class Node");

  /* The dict's: its key (interned and shared: the str 'k') and the value. */
  g_assert_nonnull (dict);
  g_assert_cmpuint (dict->n_referents, ==, 2);
  g_assert_cmpstr (dict->referents[0].label, ==, "key");
  g_assert_cmpstr (dict->referents[0].description, ==, "str 'k'");
  g_assert_cmpstr (dict->referents[1].label, ==, "['k']");
  g_assert_cmpuint (dict->referents[1].target, ==, o);
}

static void
test_function_frame (void)
{
  g_autoptr (TraceTimeline) timeline = record ("def f(p):\n"
                                               "    q = p\n"
                                               "    return 1\n"
                                               "o = []\n"
                                               "f(o)\n");
  guint inside = step_of_line (timeline, 2);
  guint64 o = variable (timeline, inside, NULL, "o");
  g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, inside, o);
  g_autoptr (RefscopeInspection) after =
    refscope_inspection_new (timeline, trace_timeline_n_steps (timeline), o);
  const RefscopeHolder *h;

  g_assert_cmpuint (variable (timeline, inside, "f", "q"), ==, o);
  g_assert_nonnull (in);
  /* CPython: sys.getrefcount(q) inside f is 4: o, p and q (the caller's
   * argument passes into p). */
  g_assert_cmpint (in->refcnt, ==, 3);
  g_assert_cmpuint (in->n_holders, ==, 3);
  assert_counts_add_up (in);
  g_assert_nonnull (find_holder (in, "variable o in Global frame"));
  h = find_holder (in, "variable q in frame f");
  g_assert_nonnull (h);
  g_assert_cmpint (h->kind, ==, REFSCOPE_HOLDER_FRAME_VARIABLE);
  g_assert_true (h->holder_is_frame);
  g_assert_cmpstr (h->holder_title, ==, "f");
  g_assert_cmpstr (h->label, ==, "q");
  g_assert_cmpuint (h->via, ==, 0);
  g_assert_nonnull (find_holder (in, "variable p in frame f"));
  /* The outermost frame comes first. */
  g_assert_cmpstr (in->path[0].title, ==, "Global frame");

  /* After the call only the global is left; the history shows the call. */
  g_assert_nonnull (after);
  g_assert_cmpint (after->refcnt, ==, 1);
  g_assert_cmpint (history_count_at (after, inside), ==, 3);
  g_assert_cmpint (history_count_at (after, after->step), ==, 1);
}

static void
test_cycle_garbage (void)
{
  g_autoptr (TraceTimeline) timeline = record ("import gc\n"
                                               "a = []\n"
                                               "b = [a]\n"
                                               "a.append(b)\n"
                                               "del a\n"
                                               "del b\n"
                                               "gc.collect()\n");
  guint64 a = variable (timeline, 4, NULL, "a"), b = variable (timeline, 4, NULL, "b");
  g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, 6, a);
  g_autoptr (RefscopeInspection) gone = refscope_inspection_new (timeline, 7, a);
  g_autoptr (RefscopeInspection) story = refscope_inspection_new_dead (timeline, 7, a);
  g_autoptr (RefscopeInspection) not_yet = refscope_inspection_new_dead (timeline, 6, a);

  g_assert_nonnull (in);
  /* CPython: after del a and del b each list holds the other: count 1. */
  g_assert_cmpint (in->refcnt, ==, 1);
  g_assert_cmpuint (in->n_holders, ==, 1);
  g_assert_cmpuint (in->holders[0].holder, ==, b);
  g_assert_cmpstr (in->holders[0].label, ==, "[0]");
  assert_counts_add_up (in);
  g_assert_true (in->unreachable);
  g_assert_true (in->garbage);
  g_assert_cmpuint (in->n_path, ==, 0);
  g_assert_null (in->path_expression);
  g_assert_cmpstr (in->unreachable_text, ==,
                   "Nothing the program can reach refers to it; only the garbage collector can "
                   "free it.");
  g_assert_true (in->died);
  g_assert_cmpuint (in->died_step, ==, 7);

  /* gc.collect() is a collection of generation 2. */
  g_assert_null (gone);
  g_assert_null (not_yet);
  g_assert_nonnull (story);
  g_assert_false (story->alive);
  g_assert_cmpstr (story->type_name, ==, "list");
  g_assert_cmpuint (story->n_holders, ==, 0);
  g_assert_cmpuint (story->n_path, ==, 0);
  g_assert_cmpuint (story->born_step, ==, 2);
  g_assert_cmpuint (story->died_step, ==, 7);
  g_assert_cmpint (story->death_cause, ==, 2);
  g_assert_cmpstr (story->death_text, ==, "collected by generation 2");
  /* a = [] (1), b = [a] (2), del a (1): sys.getrefcount less one. */
  g_assert_cmpint (story->born_refcnt, ==, 1);
  g_assert_cmpuint (story->n_changes, ==, 2);
  g_assert_cmpuint (story->changes[0].step, ==, 3);
  g_assert_cmpint (story->changes[0].new_refcnt, ==, 2);
  g_assert_cmpuint (story->changes[1].step, ==, 5);
  g_assert_cmpint (story->changes[1].new_refcnt, ==, 1);
  g_assert_cmpint (history_count_at (story, 6), ==, 1);
  /* Just before its free the collector had cleared b, its last holder. */
  g_assert_cmpint (story->refcnt, ==, 0);
}

static void
test_history (void)
{
  g_autoptr (TraceTimeline) timeline = record ("x = []\ny = x\ndel y\ndel x\n");
  guint64 x = variable (timeline, 1, NULL, "x");
  g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, 1, x);
  g_autoptr (RefscopeInspection) dead = refscope_inspection_new_dead (timeline, 4, x);

  g_assert_nonnull (in);
  g_assert_cmpint (in->refcnt, ==, 1);
  g_assert_cmpuint (in->born_step, ==, 1);
  g_assert_cmpint (in->born_refcnt, ==, 1);
  /* CPython: sys.getrefcount(x) gives 3 after y = x, 2 after del y. */
  g_assert_cmpuint (in->n_changes, ==, 2);
  g_assert_cmpuint (in->changes[0].step, ==, 2);
  g_assert_cmpint (in->changes[0].old_refcnt, ==, 1);
  g_assert_cmpint (in->changes[0].new_refcnt, ==, 2);
  g_assert_cmpuint (in->changes[1].step, ==, 3);
  g_assert_cmpint (in->changes[1].old_refcnt, ==, 2);
  g_assert_cmpint (in->changes[1].new_refcnt, ==, 1);
  g_assert_true (in->died);
  g_assert_cmpuint (in->died_step, ==, 4);
  g_assert_cmpint (in->death_cause, ==, TRACE_CAUSE_REFCOUNT);
  g_assert_cmpstr (in->death_text, ==, "freed: refcount 0");

  g_assert_null (refscope_inspection_new (timeline, 4, x));
  g_assert_null (refscope_inspection_new_dead (timeline, 3, x));
  g_assert_nonnull (dead);
  g_assert_false (dead->alive);
  g_assert_cmpstr (dead->type_name, ==, "list");
  g_assert_cmpuint (dead->addr, ==, in->addr);
  g_assert_cmpuint (dead->born_step, ==, 1);
  g_assert_cmpuint (dead->died_step, ==, 4);
  g_assert_cmpstr (dead->death_text, ==, "freed: refcount 0");
  g_assert_cmpuint (dead->n_changes, ==, 2);
  g_assert_cmpint (dead->refcnt, ==, 0);
  g_assert_null (refscope_inspection_new_dead (timeline, 4, 999999));
}

/* The history's count agrees with the state's at every step of a program
 * whose counts move a lot. */
static void
test_history_matches_states (void)
{
  g_autoptr (TraceTimeline) timeline = record ("a = []\n"
                                               "b = [a, a, a]\n"
                                               "b.sort()\n"
                                               "b.clear()\n"
                                               "c = {1: a, 2: a}\n"
                                               "del c[1]\n"
                                               "d = (a, b, c)\n"
                                               "del d\n"
                                               "c = None\n"
                                               "b = [a] * 4\n"
                                               "del b[1:3]\n");
  guint n = trace_timeline_n_steps (timeline);
  guint64 a = variable (timeline, 1, NULL, "a");
  g_autoptr (RefscopeInspection) first = refscope_inspection_new (timeline, 1, a);

  for (guint s = 1; s <= n; s++)
    {
      g_autoptr (RefscopeInspection) in = refscope_inspection_new (timeline, s, a);
      g_assert_nonnull (in);
      g_assert_cmpint (history_count_at (first, s), ==, in->refcnt);
      assert_counts_add_up (in);
    }
}

/* Every object of every lesson, at every step: the holders add up to the
 * count, the history agrees with the state, the path ends at the object
 * and the garbage is what only a collection frees. */
static void
test_lessons (void)
{
  static const char *const lessons[] = {
    "01-small-ints-and-interning.py", "02-refcounts.py", "03-containers-hold-references.py",
    "04-del-frees-at-zero.py", "05-cycles-need-the-collector.py",
    "06-generations-and-thresholds.py", "07-globals-and-clear.py",
  };
  guint checked = 0, dead = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lessons); l++)
    {
      g_autofree char *path = trace_test_lesson_path (lessons[l]);
      g_autofree char *source = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (TraceTimeline) timeline = NULL;
      g_autoptr (TraceCursor) cursor = NULL;
      g_autoptr (TraceCursor) walk = NULL;
      guint n;
      int status;

      g_assert_true (g_file_get_contents (path, &source, NULL, &error));
      timeline = trace_test_record (source, 0, &status);
      cursor = trace_cursor_new (timeline);
      walk = trace_cursor_new (timeline);
      n = trace_timeline_n_steps (timeline);
      /* Every step of the short lessons, some 40 of the long ones; at
       * each, some 200 objects (fewer of the interpreter's own, which all
       * live through the whole trace). */
      for (guint s = 0; s <= n; s += MAX (n / 40, 1))
        {
          const TraceHeap *heap;
          guint stride;
          trace_cursor_seek_step (walk, s);
          heap = trace_cursor_heap (walk);
          stride = MAX (trace_heap_n_objects (heap) / 200, 1);
          for (guint i = 0; i < trace_heap_n_objects (heap); i += stride)
            {
              const TraceHeapObject *o = trace_heap_object_at (heap, i);
              g_autoptr (RefscopeInspection) in = NULL;
              if ((o->flags & TRACE_OBJ_PREEXISTING) && o->id % 50 != 0)
                continue;
              in = refscope_inspection_new_with_cursor (timeline, cursor, s, o->id);
              g_assert_nonnull (in);
              g_assert_cmpint (in->refcnt, ==, o->refcnt);
              if (in->n_other_refs >= 0)
                assert_counts_add_up (in);
              if (!in->history_sampled)
                g_assert_cmpint (history_count_at (in, s), ==, o->refcnt);
              if (in->n_path > 0)
                {
                  g_assert_true (in->path[0].is_frame);
                  g_assert_cmpuint (in->path[in->n_path - 1].id, ==, o->id);
                  g_assert_false (in->unreachable);
                }
              else
                g_assert_true (in->unreachable);
              /* Each story seeks a cursor of its own: some of them. */
              if (in->died && checked % 8 == 0)
                {
                  g_autoptr (RefscopeInspection) story =
                    refscope_inspection_new_dead (timeline, in->died_step, o->id);
                  g_assert_nonnull (story);
                  g_assert_cmpuint (story->born_step, ==, in->born_step);
                  g_assert_cmpint (story->born_refcnt, ==, in->born_refcnt);
                  g_assert_cmpint (story->death_cause, ==, in->death_cause);
                  dead++;
                }
              checked++;
            }
        }
    }
  g_test_message ("%u inspections, %u dead stories", checked, dead);
}

/* Synthetic traces: a producer (like the CPython recorder) whose instances
 * keep their attributes in a __dict__, and counts the trace cannot explain. */

static guint32
intern (TraceTimeline *timeline, const char *text)
{
  return text != NULL ? trace_log_intern (trace_timeline_log (timeline), text, -1) : 0;
}

static void
append (TraceTimeline *timeline, TraceEvent e)
{
  g_autofree char *error = NULL;

  if (!trace_timeline_append (timeline, &e, &error))
    g_error ("synthetic event refused: %s", error);
}

static void
born (TraceTimeline *timeline, guint64 id, const char *type, const char *repr)
{
  append (timeline, (TraceEvent){ .kind = TRACE_EV_BORN, .id = id, .str = intern (timeline, type),
                                  .str2 = intern (timeline, repr), .a = 56,
                                  .b = (gint64) (0x7f0000000000ull + id * 64), .small = -1 });
  append (timeline, (TraceEvent){ .kind = TRACE_EV_REFCNT, .id = id, .a = 0 });
}

static void
ref (TraceTimeline *timeline, guint64 from, guint64 to, TraceSlotKind kind, gint64 slot,
     const char *name)
{
  append (timeline, (TraceEvent){ .kind = TRACE_EV_REF_ADD, .id = from, .target = to,
                                  .slot_kind = kind, .slot = slot,
                                  .str = intern (timeline, name) });
}

static void
test_instance_dict (void)
{
  TraceLog *log = trace_log_new ();
  g_autoptr (TraceTimeline) timeline = NULL;
  g_autoptr (RefscopeInspection) in = NULL;
  g_autoptr (RefscopeInspection) temp = NULL;
  const char *text = "n = Node()\nn.x = []\n";

  trace_log_set_producer (log, "test");
  trace_log_add_file (log, "t.py", text, strlen (text));
  timeline = trace_timeline_new (log);
  born (timeline, 10, "dict", NULL);   /* the globals */
  append (timeline, (TraceEvent){ .kind = TRACE_EV_FRAME_PUSH, .id = 1, .slot = 10,
                                  .str = intern (timeline, "<module>") });
  append (timeline, (TraceEvent){ .kind = TRACE_EV_STEP, .id = 1, .a = 1, .b = 1 });
  born (timeline, 11, "str", "'n'");
  born (timeline, 12, "Node", NULL);
  born (timeline, 13, "dict", NULL);
  ref (timeline, 10, 11, TRACE_SLOT_KEY, 11, NULL);
  ref (timeline, 10, 12, TRACE_SLOT_VALUE, 11, NULL);
  ref (timeline, 12, 13, TRACE_SLOT_LABEL, 0, "__dict__");
  append (timeline, (TraceEvent){ .kind = TRACE_EV_STEP, .id = 1, .a = 2, .b = 2 });
  born (timeline, 14, "str", "'x'");
  born (timeline, 15, "list", NULL);
  ref (timeline, 13, 14, TRACE_SLOT_KEY, 14, NULL);
  ref (timeline, 13, 15, TRACE_SLOT_VALUE, 14, NULL);
  /* A temporary the trace does not show, and a list only it holds. */
  born (timeline, 16, "list", NULL);
  born (timeline, 17, "tuple", NULL);
  append (timeline, (TraceEvent){ .kind = TRACE_EV_REFCNT, .id = 16, .a = 1 });
  ref (timeline, 16, 17, TRACE_SLOT_INDEX, 0, NULL);

  in = refscope_inspection_new (timeline, 2, 15);
  g_assert_nonnull (in);
  g_assert_cmpuint (in->n_holders, ==, 1);
  g_assert_cmpint (in->holders[0].kind, ==, REFSCOPE_HOLDER_ATTRIBUTE);
  g_assert_cmpuint (in->holders[0].holder, ==, 12);
  g_assert_cmpuint (in->holders[0].via, ==, 13);
  g_assert_cmpstr (in->holders[0].label, ==, ".x");
  g_assert_true (g_str_has_prefix (in->holders[0].sentence, "attribute .x of Node 0x"));
  assert_counts_add_up (in);
  /* Global frame -n-> Node -.x-> list: the __dict__ folds into the attribute. */
  g_assert_cmpuint (in->n_path, ==, 3);
  g_assert_cmpstr (in->path[0].label, ==, "n");
  g_assert_cmpuint (in->path[1].id, ==, 12);
  g_assert_cmpstr (in->path[1].label, ==, ".x");
  g_assert_cmpuint (in->path[2].id, ==, 15);
  g_assert_cmpstr (in->path_expression, ==, "n.x");

  temp = refscope_inspection_new (timeline, 2, 17);
  g_assert_nonnull (temp);
  g_assert_true (temp->unreachable);
  g_assert_false (temp->garbage);
  g_assert_nonnull (strstr (temp->unreachable_text, "references the trace doesn't show"));
}

/* A million events: 100,000 appends, then as many pops. */
static void
test_timing (void)
{
  g_autoptr (TraceTimeline) timeline = record ("l = []\n"
                                               "for i in range(100000):\n"
                                               "    l.append(i)\n"
                                               "while l:\n"
                                               "    l.pop()\n");
  guint full = step_of_line (timeline, 4), last = trace_timeline_n_steps (timeline);
  guint64 l = variable (timeline, full, NULL, "l");
  g_autoptr (TraceCursor) cursor = trace_cursor_new (timeline);
  struct { const char *what; guint step; guint64 id; } cases[3];
  g_autoptr (RefscopeInspection) full_list = NULL;

  g_test_message ("%" G_GUINT64_FORMAT " events, %u steps", trace_timeline_n_events (timeline),
                  last);
  g_assert_cmpuint (trace_timeline_n_events (timeline), >, 1000000);

  full_list = refscope_inspection_new (timeline, full, l);
  g_assert_nonnull (full_list);
  g_assert_cmpuint (full_list->n_referents_total, ==, 100000);
  g_assert_cmpuint (full_list->n_referents, ==, REFSCOPE_INSPECTION_MAX_ROWS);
  g_assert_cmpstr (full_list->referents[99].label, ==, "[99]");
  g_assert_cmpstr (full_list->referents[99].description, ==, "int 99");
  g_assert_cmpint (full_list->refcnt, ==, 1);
  assert_counts_add_up (full_list);
  /* 400,000 steps: the first thousand, and a thousand from the step inspected. */
  g_assert_true (full_list->history_sampled);
  g_assert_cmpuint (full_list->n_history_ranges, ==, 2);
  g_assert_cmpuint (full_list->history_ranges[0].first, ==, 1);
  g_assert_cmpuint (full_list->history_ranges[0].last, ==, 1000);
  g_assert_cmpuint (full_list->history_ranges[1].first, ==, full);
  g_assert_cmpuint (full_list->history_ranges[1].last, ==, full + 999);
  g_assert_cmpint (history_count_at (full_list, full), ==, 1);
  g_assert_false (full_list->died);

  cases[0].what = "the list, full";
  cases[0].step = full;
  cases[0].id = l;
  cases[1].what = "an item of it";
  cases[1].step = full;
  cases[1].id = full_list->referents[500].target;
  cases[2].what = "the list, at the end";
  cases[2].step = last;
  cases[2].id = l;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 start = g_get_monotonic_time (), took;
      g_autoptr (RefscopeInspection) in = refscope_inspection_new_with_cursor (timeline, cursor,
                                                                              cases[i].step,
                                                                              cases[i].id);
      took = g_get_monotonic_time () - start;
      g_assert_nonnull (in);
      g_test_message ("inspecting %s at step %u: %.1f ms (%u changes, sampled: %s)",
                      cases[i].what, cases[i].step, took / 1000.0, in->n_changes,
                      in->history_sampled ? "yes" : "no");
      g_assert_cmpint (took, <, G_USEC_PER_SEC);
      /* Warm: the cursor is where it needs to be. */
      start = g_get_monotonic_time ();
      g_clear_pointer (&in, refscope_inspection_free);
      in = refscope_inspection_new_with_cursor (timeline, cursor, cases[i].step, cases[i].id);
      took = g_get_monotonic_time () - start;
      g_test_message ("  again, cursor in place: %.1f ms", took / 1000.0);
      g_assert_cmpint (took, <, G_USEC_PER_SEC);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/inspection/list-items", test_list_items);
  g_test_add_func ("/inspection/shared-atom", test_shared_atom);
  g_test_add_func ("/inspection/path-through-container", test_path_through_container);
  g_test_add_func ("/inspection/attribute-and-dict-value", test_attribute_and_dict_value);
  g_test_add_func ("/inspection/function-frame", test_function_frame);
  g_test_add_func ("/inspection/cycle-garbage", test_cycle_garbage);
  g_test_add_func ("/inspection/history", test_history);
  g_test_add_func ("/inspection/history-matches-states", test_history_matches_states);
  g_test_add_func ("/inspection/instance-dict", test_instance_dict);
  g_test_add_func ("/inspection/lessons", test_lessons);
  g_test_add_func ("/inspection/timing", test_timing);
  return g_test_run ();
}
