/* scene-changes.c: what changed since the step compared with: new nodes,
 * refcount deltas, references added and removed; and the ghosts of the
 * objects freed in the last few steps. */
#include "scene-private.h"
#include "view-i18n.h"

void
scene_mark_new (SceneBuild *b)
{
  const TraceHeap *then;

  if (b->before == NULL)
    return;
  then = b->before->heap;
  b->then = g_new0 (const TraceHeapObject *, MAX (b->now->holders->len, 1));
  for (guint i = 0; i < b->now->holders->len; i++)
    {
      const SceneHolder *h = &g_array_index (b->now->holders, SceneHolder, i);
      ViewNode *n = &g_array_index (b->nodes, ViewNode, i);
      const TraceHeapObject *o;

      if (h->frame >= 0)
        {
          if (trace_heap_lookup_frame (then, h->id) == NULL)
            n->flags |= VIEW_NODE_NEW;
          continue;
        }
      /* Ids are never reused: an id the other state lacks is an object
       * born since (or, stepping back, one not born yet). */
      o = b->then[i] = trace_heap_lookup (then, h->id);
      if (o == NULL)
        n->flags |= VIEW_NODE_NEW;
      else
        n->refcnt_delta = n->refcnt - o->refcnt;
    }
}

/* Rows match when they are the same reference: same kind, key or name and
 * target. List positions are left out, so an insert at the front does not
 * make every item new. */
static gint
compare_rows (const SceneRow *a, const SceneRow *b)
{
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  if (a->name != b->name)
    return a->name < b->name ? -1 : 1;
  if (a->target != b->target)
    return a->target < b->target ? -1 : 1;
  return 0;
}

static gint
compare_row_indexes (gconstpointer pa, gconstpointer pb, gpointer user)
{
  const SceneRow *rows = user;

  return compare_rows (&rows[*(const guint *) pa], &rows[*(const guint *) pb]);
}

static guint *
sorted_order (const SceneRow *rows, guint n)
{
  guint *order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_row_indexes, (gpointer) rows);
  return order;
}

void
scene_diff_rows (SceneBuild *b, const SceneHolder *holder, gboolean *added, GArray *removed)
{
  SceneAnalysis *then = b->before;
  gint bh = scene_analysis_holder (then, holder->id);
  g_autoptr (GArray) collected = NULL;
  const SceneRow *now_rows = &g_array_index (b->now->rows, SceneRow, holder->first_row);
  const SceneRow *old_rows;
  guint n = holder->n_rows, m, i = 0, j = 0;
  guint *now_order, *old_order;
  gboolean *gone;

  if (bh >= 0 && (guint) bh < then->holders->len
      && g_array_index (then->holders, SceneHolder, bh).id == holder->id)
    {
      const SceneHolder *old = &g_array_index (then->holders, SceneHolder, bh);
      old_rows = &g_array_index (then->rows, SceneRow, old->first_row);
      m = old->n_rows;
    }
  else
    {
      /* Not drawn then (hidden, held elsewhere): its rows as they were. */
      SceneHolder t = { holder->id, -1, -1, -1, 0, 0, 0, 0 };
      if (holder->frame >= 0)
        {
          const TraceHeapFrame *f = trace_heap_lookup_frame (then->heap, holder->id);
          if (f == NULL)
            return;
          t.frame = (gint) (f - trace_heap_frame_at (then->heap, 0));
        }
      else if ((t.object = scene_analysis_index (then, holder->id)) < 0)
        return;
      collected = g_array_new (FALSE, FALSE, sizeof (SceneRow));
      scene_rows_collect (then, &t, collected);
      old_rows = (const SceneRow *) collected->data;
      m = collected->len;
    }

  now_order = sorted_order (now_rows, n);
  old_order = sorted_order (old_rows, m);
  gone = g_new0 (gboolean, MAX (m, 1));
  while (i < n || j < m)
    {
      gint c = i == n ? 1 : j == m ? -1 : compare_rows (&now_rows[now_order[i]], &old_rows[old_order[j]]);
      if (c == 0)
        i++, j++;
      else if (c < 0)
        added[now_order[i++]] = TRUE;
      else
        gone[old_order[j++]] = TRUE;
    }
  /* In the order they were shown. */
  for (guint k = 0; k < m; k++)
    if (gone[k])
      g_array_append_val (removed, old_rows[k]);
  g_free (gone);
  g_free (now_order);
  g_free (old_order);
}

static const char *
cause_text (gint32 cause, char buffer[64])
{
  if (cause == TRACE_CAUSE_REFCOUNT)
    /* Translators: why an object was freed, at the foot of its ghost's card. */
    return _("freed: refcount 0");
  if (cause == TRACE_CAUSE_SHUTDOWN)
    return _("freed at shutdown");
  g_snprintf (buffer, 64, _("collected by generation %d"), cause);
  return buffer;
}

static void
add_ghost (SceneBuild *b, SceneAnalysis *then, const TraceHeapObject *o, const TraceDeath *d,
           guint age)
{
  ViewNode n = { 0 };
  char buffer[64];
  guint64 *key = g_new (guint64, 1);

  n.id = d->id;
  n.kind = VIEW_NODE_GHOST;
  n.type_name = g_strdup (scene_string (then, d->type));
  n.title = scene_object_title (then, o);
  n.addr = d->addr;
  n.size = d->size;
  n.gen = -1;
  n.cycle = -1;
  n.garbage_gen = -1;
  n.gc_refs = -1;
  n.ghost_cause = g_strdup (cause_text (d->cause, buffer));
  n.ghost_age = age;
  *key = d->id;
  g_hash_table_insert (b->ghosts, key, GUINT_TO_POINTER (b->nodes->len + 1));
  g_array_append_val (b->nodes, n);
}

/* A ghost stands for an object the scene drew: whether it did is asked of
 * the state of the step before the one that freed it (the step compared
 * with, usually, or another seek for older ghosts). */
void
scene_add_ghosts (SceneBuild *b, guint step)
{
  guint ghost_steps = b->options->ghost_steps;
  TraceLog *log = trace_timeline_log (b->timeline);
  g_autoptr (TraceCursor) cursor = NULL;
  SceneAnalysis *then = NULL, *owned = NULL;
  guint then_step = G_MAXUINT;
  guint64 from, to;
  guint first, last;

  if (ghost_steps == 0 || step == 0)
    return;
  from = step >= ghost_steps ? trace_timeline_step_end (b->timeline, step - ghost_steps) : 0;
  /* Deaths up to the state shown: inside a step (a collection's passes),
   * not those still to come in it. */
  to = b->scene->events;
  first = trace_timeline_deaths_before (b->timeline, from);
  last = trace_timeline_deaths_before (b->timeline, to);
  /* The newest first, and no more than max_ghosts: a loop that frees a
   * thousand objects leaves a note, not a wall of ghosts. */
  for (guint i = last, shown = 0; i-- > first && shown < b->options->max_ghosts;)
    {
      const TraceDeath *d = trace_timeline_death_at (b->timeline, i);
      guint died = trace_log_step_of_event (log, d->event);
      const TraceHeapObject *o;
      gint index;

      /* Before the first statement nothing was drawn. */
      if (died == 0)
        continue;
      if (then_step != died - 1)
        {
          guint64 position = trace_timeline_step_end (b->timeline, died - 1);
          scene_analysis_free (owned);
          owned = NULL;
          if (b->before != NULL && trace_heap_position (b->before->heap) == position)
            then = b->before;
          else
            {
              if (cursor == NULL)
                cursor = trace_cursor_new (b->timeline);
              trace_cursor_seek_step (cursor, died - 1);
              then = owned = scene_analysis_new (trace_cursor_heap (cursor), log, b->options);
            }
          then_step = died - 1;
        }
      index = scene_analysis_index (then, d->id);
      if (index < 0 || then->node[index] < 0)
        continue;
      o = &then->objects[index];
      add_ghost (b, then, o, d, step - died + 1);
      shown++;
    }
  scene_analysis_free (owned);
}
