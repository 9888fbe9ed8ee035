/* inspection-path.c: why the inspected object is alive: the shortest chain
 * of references from a frame to it, or why it lives on when none reaches it. */
#include "inspection-private.h"

/* Why it is alive ---------------------------------------------------------- */

#define UNVISITED G_MININT32
#define HELD_ROOT (G_MININT32 + 1)

/* A breadth-first search over the objects of the state. */
typedef struct
{
  gint32 *parent;         /* per object: the object index it was reached from,
                             -(frame + 1), HELD_ROOT or UNVISITED */
  const TraceRef **edge;  /* the reference followed to it; NULL: a frame's namespace */
  guint8 *from_namespace; /* edge is an entry of the parent frame's namespace */
  guint *queue;
  guint head, tail;
} Search;

static gboolean
visit (Search *s, gint index, gint32 parent, const TraceRef *edge, gboolean from_namespace,
       gint target)
{
  if (index < 0)
    return FALSE;
  if (s->parent[index] != UNVISITED)
    {
      /* Of a list's items holding it twice, name the first. */
      const TraceRef *had = s->edge[index];
      if (s->parent[index] == parent && edge != NULL && had != NULL
          && edge->kind == TRACE_SLOT_INDEX && had->kind == TRACE_SLOT_INDEX && edge->slot >= 0
          && edge->slot < had->slot)
        s->edge[index] = edge;
      return FALSE;
    }
  s->parent[index] = parent;
  s->edge[index] = edge;
  s->from_namespace[index] = (guint8) from_namespace;
  s->queue[s->tail++] = (guint) index;
  return index == target;
}

/* Follows every reference from the queue until target is reached (TRUE)
 * or nothing more is. */
static gboolean
spread (const Inspector *in, Search *s, gint target)
{
  while (s->head < s->tail)
    {
      guint u = s->queue[s->head++];
      const TraceHeapObject *o = &in->objects[u];
      gboolean found = FALSE;
      /* All of the node's references, for the tie above. */
      for (guint32 i = 0; i < o->n_refs; i++)
        found |= visit (s, inspection_index_of (in, o->refs[i].target), (gint32) u, &o->refs[i],
                        FALSE, target);
      if (found)
        return TRUE;
    }
  return FALSE;
}

/* Frames are the roots: their variables, and their namespaces with every
 * entry. */
static gboolean
search_from_frames (const Inspector *in, Search *s, gint target)
{
  for (guint f = 0; f < trace_heap_n_frames (in->heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, f);
      gint32 root = -(gint32) f - 1;
      gint ns = frame->namespace != 0 ? inspection_index_of (in, frame->namespace) : -1;

      if (ns >= 0)
        {
          const TraceHeapObject *dict = &in->objects[ns];
          if (visit (s, ns, root, NULL, FALSE, target))
            return TRUE;
          for (guint32 i = 0; i < dict->n_refs; i++)
            if (visit (s, inspection_index_of (in, dict->refs[i].target), root, &dict->refs[i],
                       TRUE, target))
              return TRUE;
        }
      for (guint32 i = 0; i < frame->n_refs; i++)
        if (visit (s, inspection_index_of (in, frame->refs[i].target), root, &frame->refs[i], FALSE,
                   target))
          return TRUE;
    }
  return spread (in, s, target);
}

static gboolean
is_identifier (const char *name)
{
  if (*name == '\0' || g_ascii_isdigit (*name))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && !((guchar) *p & 0x80))
      return FALSE;
  return TRUE;
}

/* The label of the first step, from frame to node, and its part of the
 * Python expression (NULL: none). */
static char *
frame_edge_label (const Inspector *in, const Search *s, guint frame, guint node, char **python)
{
  const TraceRef *r = s->edge[node];
  char *label;

  *python = NULL;
  if (r == NULL)
    {
      /* The module's namespace is what globals() returns. */
      if (frame == 0)
        *python = g_strdup ("globals()");
      return g_strdup (_("namespace"));
    }
  if (!s->from_namespace[node])
    {
      label = g_strdup (inspection_str (in, r->name));
      if (r->kind == TRACE_SLOT_NAME && is_identifier (label))
        *python = g_strdup (label);
      return label;
    }
  if (r->kind != TRACE_SLOT_VALUE)
    return g_strdup (_("key"));
  label = inspection_key_text (in, (guint64) r->slot, TRUE);
  if (is_identifier (label))
    *python = g_strdup (label);
  return label;
}

static char *
object_edge_python (const Inspector *in, const TraceRef *r, const char *label)
{
  const TraceHeapObject *key;

  switch (r->kind)
    {
    case TRACE_SLOT_INDEX:
      return r->slot >= 0 ? g_strdup (label) : NULL;
    case TRACE_SLOT_VALUE:
      key = trace_heap_lookup (in->heap, (guint64) r->slot);
      if (key == NULL || key->repr == 0
          || inspection_type_kind (inspection_str (in, key->type)) != TYPE_ATOM)
        return NULL;
      return g_strdup (label);
    case TRACE_SLOT_ATTR:
      return is_identifier (inspection_str (in, r->name)) ? g_strdup (label) : NULL;
    case TRACE_SLOT_LABEL:
      return inspection_is_internal_label (inspection_str (in, r->name)) ? NULL : g_strdup (label);
    default:
      return NULL;
    }
}

static void
build_path (Inspector *in, const Search *s, gint target)
{
  RefscopeInspection *self = in->self;
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) steps = g_array_new (FALSE, TRUE, sizeof (RefscopePathStep));
  GString *python = g_string_new (NULL);
  gboolean spelled;
  char *part = NULL;
  guint frame, n;
  RefscopePathStep step = { 0 };

  for (gint i = target; i >= 0; i = s->parent[i])
    {
      guint u = (guint) i;
      g_array_prepend_val (chain, u);
    }
  frame = (guint) (-s->parent[g_array_index (chain, guint, 0)] - 1);
  n = chain->len;

  step.id = trace_heap_frame_at (in->heap, frame)->id;
  step.is_frame = TRUE;
  step.title = inspection_frame_title (in, frame);
  step.label = frame_edge_label (in, s, frame, g_array_index (chain, guint, 0), &part);
  g_array_append_val (steps, step);
  spelled = part != NULL;
  if (part != NULL)
    g_string_append (python, part);
  g_clear_pointer (&part, g_free);

  for (guint j = 0; j < n; j++)
    {
      const TraceHeapObject *o = &in->objects[g_array_index (chain, guint, j)];
      RefscopePathStep next = { o->id, FALSE, inspection_describe (in, o), NULL };

      if (j + 1 < n)
        {
          const TraceRef *r = s->edge[g_array_index (chain, guint, j + 1)];

          /* An instance's attribute lives in its __dict__: one step, as Python spells it. */
          if (r->kind == TRACE_SLOT_LABEL && strcmp (inspection_str (in, r->name), "__dict__") == 0
              && j + 2 < n
              && s->edge[g_array_index (chain, guint, j + 2)]->kind == TRACE_SLOT_VALUE)
            {
              const TraceRef *entry = s->edge[g_array_index (chain, guint, j + 2)];
              g_autofree char *name = inspection_key_text (in, (guint64) entry->slot, TRUE);
              next.label = g_strdup_printf (".%s", name);
              part = is_identifier (name) ? g_strdup (next.label) : NULL;
              j++;
            }
          else
            {
              next.label = inspection_ref_label (in, o, r);
              part = object_edge_python (in, r, next.label);
            }
          spelled = spelled && part != NULL;
          if (spelled)
            g_string_append (python, part);
          g_clear_pointer (&part, g_free);
        }
      g_array_append_val (steps, next);
    }
  self->n_path = steps->len;
  self->path = (RefscopePathStep *) g_array_free (g_steal_pointer (&steps), FALSE);
  self->path_expression = g_string_free (python, !spelled);
}

/* Whether target, which no frame reaches, lives on through a count the
 * trace does not show (its own, or that of an object that reaches it). */
static gboolean
held_elsewhere (const Inspector *in, Search *s, gint target)
{
  g_autofree gint64 *shown = g_new0 (gint64, in->n_objects);
  gint i;

  for (guint f = 0; f < trace_heap_n_frames (in->heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, f);
      for (guint32 j = 0; j < frame->n_refs; j++)
        if ((i = inspection_index_of (in, frame->refs[j].target)) >= 0)
          shown[i]++;
    }
  for (guint k = 0; k < in->n_objects; k++)
    {
      const TraceHeapObject *o = &in->objects[k];
      for (guint32 j = 0; j < o->n_refs; j++)
        if ((i = inspection_index_of (in, o->refs[j].target)) >= 0)
          shown[i]++;
    }
  if (in->objects[target].refcnt > shown[target])
    return TRUE;
  s->head = s->tail = 0;
  for (guint k = 0; k < in->n_objects; k++)
    if (s->parent[k] == UNVISITED && in->objects[k].refcnt > shown[k])
      visit (s, (gint) k, HELD_ROOT, NULL, FALSE, target);
  return spread (in, s, target);
}

void
inspection_find_path (Inspector *in, const TraceHeapObject *object)
{
  RefscopeInspection *self = in->self;
  gint target = (gint) (object - in->objects);
  Search s = { 0 };

  s.parent = g_new (gint32, in->n_objects);
  s.edge = g_new0 (const TraceRef *, in->n_objects);
  s.from_namespace = g_new0 (guint8, in->n_objects);
  s.queue = g_new (guint, in->n_objects);
  for (guint i = 0; i < in->n_objects; i++)
    s.parent[i] = UNVISITED;

  if (search_from_frames (in, &s, target))
    build_path (in, &s, target);
  else if (held_elsewhere (in, &s, target))
    {
      self->unreachable = TRUE;
      self->unreachable_text = g_strdup (
        _("Held only by references the trace doesn't show (the running statement, the "
          "interpreter, or C code): no variable reaches it."));
    }
  else
    {
      self->unreachable = TRUE;
      self->garbage = TRUE;
      self->unreachable_text = g_strdup (
        _("Nothing the program can reach refers to it; only the garbage collector can free it."));
    }
  g_free (s.parent);
  g_free (s.edge);
  g_free (s.from_namespace);
  g_free (s.queue);
}
