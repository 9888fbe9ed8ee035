/* inspection.c: the inspector's model of one object at one step: what it
 * is, the describers its parts share, and the inspection put together from
 * its holders and referents (inspection-holders.c), the path from a frame
 * that keeps it alive (inspection-path.c) and its counts from birth to
 * death (inspection-history.c). Slot labels follow the scene's
 * conventions (src/view/scene-rows.c), which keeps its formatters private;
 * the few used here are small copies. */
#include "inspection-private.h"

TypeKind
inspection_type_kind (const char *type)
{
  static const char *const atoms[] = { "int", "float", "str", "bool", "NoneType", "bytes",
                                       "complex", "ellipsis", "NotImplementedType", NULL };

  if (g_strv_contains (atoms, type))
    return TYPE_ATOM;
  if (strcmp (type, "function") == 0 || strcmp (type, "builtin_function_or_method") == 0)
    return TYPE_FUNCTION;
  if (strcmp (type, "type") == 0)
    return TYPE_CLASS;
  if (strcmp (type, "module") == 0)
    return TYPE_MODULE;
  return TYPE_OTHER;
}

char *
refscope_format_address (guint64 addr)
{
  return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", addr);
}

static char *
unquote (const char *repr)
{
  gsize n = strlen (repr);

  if (n >= 2 && (repr[0] == '\'' || repr[0] == '"') && repr[n - 1] == repr[0])
    return g_strndup (repr + 1, n - 2);
  return g_strdup (repr);
}

/* A function's or class's name: its repr, or the str of its __name__. */
static char *
name_of (const Inspector *in, const TraceHeapObject *o)
{
  if (o->repr != 0)
    return unquote (inspection_str (in, o->repr));
  for (guint32 i = 0; i < o->n_refs; i++)
    if (o->refs[i].kind == TRACE_SLOT_LABEL
        && (strcmp (inspection_str (in, o->refs[i].name), "__name__") == 0
            || strcmp (inspection_str (in, o->refs[i].name), "__qualname__") == 0))
      {
        const TraceHeapObject *s = trace_heap_lookup (in->heap, o->refs[i].target);
        if (s != NULL && s->repr != 0 && inspection_is_type (in, s, "str"))
          return unquote (inspection_str (in, s->repr));
      }
  return NULL;
}

/* As the scene titles cards: "list", "int 1000", "function f", "class Node". */
static char *
object_title (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = inspection_str (in, o->type);
  const char *prefix;
  g_autofree char *name = NULL;

  switch (inspection_type_kind (type))
    {
    case TYPE_ATOM:
      return o->repr != 0 ? g_strdup_printf ("%s %s", type, inspection_str (in, o->repr))
                          : g_strdup (type);
    case TYPE_FUNCTION:
      prefix = "function";
      break;
    case TYPE_CLASS:
      prefix = "class";
      break;
    case TYPE_MODULE:
      prefix = "module";
      break;
    default:
      return g_strdup (type);
    }
  name = name_of (in, o);
  return name != NULL ? g_strdup_printf ("%s %s", prefix, name) : g_strdup (type);
}

/* An object in a few words: atoms by value ("int 1", "None"), functions,
 * classes and modules by name ("class Node"), the others by title and
 * address ("list 0x7f3a10"). */
char *
inspection_describe (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = inspection_str (in, o->type);
  g_autofree char *title = NULL;

  if (inspection_type_kind (type) == TYPE_ATOM)
    {
      if (o->repr != 0
          && (strcmp (type, "NoneType") == 0 || strcmp (type, "bool") == 0
              || strcmp (type, "ellipsis") == 0 || strcmp (type, "NotImplementedType") == 0))
        return g_strdup (inspection_str (in, o->repr));
      return object_title (in, o);
    }
  title = object_title (in, o);
  /* Functions, classes and modules go by their names. */
  if (inspection_type_kind (type) != TYPE_OTHER && strcmp (title, type) != 0)
    return g_steal_pointer (&title);
  return g_strdup_printf ("%s 0x%" G_GINT64_MODIFIER "x", title, o->addr);
}

char *
inspection_describe_id (const Inspector *in, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (in->heap, id);

  return o != NULL ? inspection_describe (in, o)
                   : g_strdup_printf ("object #%" G_GUINT64_FORMAT, id);
}

/* A shared small int, interned or one-character str, None, True, False...:
 * CPython shares these whatever flags the producer gave. */
static gboolean
is_shared_atom (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = inspection_str (in, o->type), *repr = inspection_str (in, o->repr);

  if (inspection_type_kind (type) != TYPE_ATOM)
    return FALSE;
  if (o->flags & (TRACE_OBJ_CACHED | TRACE_OBJ_INTERNED))
    return TRUE;
  if (strcmp (type, "NoneType") == 0 || strcmp (type, "bool") == 0
      || strcmp (type, "ellipsis") == 0 || strcmp (type, "NotImplementedType") == 0)
    return TRUE;
  if (strcmp (type, "int") == 0 && *repr != '\0')
    {
      char *end;
      gint64 v = g_ascii_strtoll (repr, &end, 10);
      return *end == '\0' && v >= -5 && v <= 256;
    }
  if (strcmp (type, "str") == 0)
    return strcmp (repr, "''") == 0 || strcmp (repr, "\"\"") == 0;
  return FALSE;
}

char *
inspection_frame_title (const Inspector *in, guint frame)
{
  const TraceHeapFrame *f = trace_heap_frame_at (in->heap, frame);
  const char *name = inspection_str (in, f->name);

  if (frame == 0 && (strcmp (name, "<module>") == 0 || *name == '\0'))
    return g_strdup (_("Global frame"));
  /* Below the module, a frame with a namespace of its own runs a class body. */
  if (f->namespace != 0 && frame > 0)
    return g_strdup_printf ("class %s", name);
  return g_strdup (*name != '\0' ? name : "frame");
}

/* The frame as a sentence ends: "Global frame", "frame f", "the body of class Node". */
char *
inspection_frame_phrase (const Inspector *in, guint frame)
{
  const TraceHeapFrame *f = trace_heap_frame_at (in->heap, frame);
  const char *name = inspection_str (in, f->name);

  if (frame == 0 && (strcmp (name, "<module>") == 0 || *name == '\0'))
    return g_strdup (_("Global frame"));
  if (f->namespace != 0 && frame > 0)
    return g_strdup_printf (_("the body of class %s"), name);
  return g_strdup_printf (_("frame %s"), *name != '\0' ? name : "?");
}

/* A dict key as a label shows it: its repr, bare (a name) for a str key of
 * a namespace or __dict__ when bare is set. */
char *
inspection_key_text (const Inspector *in, guint64 key, gboolean bare)
{
  const TraceHeapObject *k = trace_heap_lookup (in->heap, key);

  if (k == NULL)
    return g_strdup ("?");
  if (k->repr == 0 || inspection_type_kind (inspection_str (in, k->type)) != TYPE_ATOM)
    return inspection_describe (in, k);
  if (bare && inspection_is_type (in, k, "str"))
    return unquote (inspection_str (in, k->repr));
  return g_strdup (inspection_str (in, k->repr));
}

/* Labels of references that are no attribute Python shows. */
gboolean
inspection_is_internal_label (const char *name)
{
  static const char *const internal[] = { "other", "iterated", "result", "mapping", "?", NULL };

  return g_strv_contains (internal, name);
}

/* Whether holder (a dict or a set) pairs a value with the key key. */
gboolean
inspection_has_value_for (const TraceHeapObject *holder, gint64 key)
{
  for (guint32 i = 0; i < holder->n_refs; i++)
    if (holder->refs[i].kind == TRACE_SLOT_VALUE && holder->refs[i].slot == key)
      return TRUE;
  return FALSE;
}

/* The label of r, a reference of the object holder: "[0]", "['k']", "key",
 * "item" (of a set), ".x", "(other)". */
char *
inspection_ref_label (const Inspector *in, const TraceHeapObject *holder, const TraceRef *r)
{
  g_autofree char *key = NULL;
  const char *name;

  switch (r->kind)
    {
    case TRACE_SLOT_INDEX:
      return r->slot >= 0 ? g_strdup_printf ("[%" G_GINT64_FORMAT "]", r->slot) : g_strdup ("[?]");
    case TRACE_SLOT_VALUE:
      key = inspection_key_text (in, (guint64) r->slot, FALSE);
      return g_strdup_printf ("[%s]", key);
    case TRACE_SLOT_KEY:
      return g_strdup (inspection_has_value_for (holder, r->slot) ? _("key") : _("item"));
    case TRACE_SLOT_LABEL:
      name = inspection_str (in, r->name);
      if (inspection_is_internal_label (name))
        return g_strdup_printf ("(%s)", name);
      return g_strdup_printf (".%s", name);
    case TRACE_SLOT_ATTR:
      return g_strdup_printf (".%s", inspection_str (in, r->name));
    default:
      return g_strdup (inspection_str (in, r->name));
    }
}

/* The inspection -------------------------------------------------------- */

static char *
generation_text (gint gen)
{
  if (gen < 0)
    return g_strdup (_("not tracked by the collector"));
  if (gen >= 3)
    return g_strdup (_("permanent generation (gc.freeze())"));
  return g_strdup_printf (_("generation %d"), gen);
}

static void
describe_object (Inspector *in, const TraceHeapObject *o)
{
  RefscopeInspection *self = in->self;

  self->type_name = g_strdup (inspection_str (in, o->type));
  self->title = object_title (in, o);
  if (o->repr != 0 && inspection_type_kind (self->type_name) == TYPE_ATOM)
    self->repr = g_strdup (inspection_str (in, o->repr));
  self->addr = o->addr;
  self->address = refscope_format_address (o->addr);
  self->size = o->size;
  self->refcnt = o->refcnt;
  self->gen = o->gen;
  self->generation_text = generation_text (o->gen);
  self->flags = o->flags;
  self->shared_atom = is_shared_atom (in, o);
  self->born_event = o->born_event;
}

static void
inspector_init (Inspector *in, TraceTimeline *timeline, const TraceHeap *heap,
                RefscopeInspection *self)
{
  in->log = trace_timeline_log (timeline);
  in->heap = heap;
  in->n_objects = trace_heap_n_objects (heap);
  in->objects = in->n_objects > 0 ? trace_heap_object_at (heap, 0) : NULL;
  in->self = self;
}

RefscopeInspection *
refscope_inspection_new_with_cursor (TraceTimeline *timeline, TraceCursor *cursor, guint step,
                                     guint64 id)
{
  RefscopeInspection *self;
  const TraceHeapObject *o;
  const TraceDeath *d;
  g_autoptr (GArray) found = NULL;
  Inspector in;

  g_return_val_if_fail (timeline != NULL && cursor != NULL, NULL);

  step = MIN (step, trace_timeline_n_steps (timeline));
  /* Even the newest state is copied by a seek: not when it is at hand. */
  if (trace_cursor_position (cursor) != trace_timeline_step_end (timeline, step))
    trace_cursor_seek_step (cursor, step);
  o = trace_heap_lookup (trace_cursor_heap (cursor), id);
  if (o == NULL)
    return NULL;

  self = g_new0 (RefscopeInspection, 1);
  self->id = id;
  self->step = step;
  self->alive = TRUE;
  inspector_init (&in, timeline, trace_cursor_heap (cursor), self);
  describe_object (&in, o);
  found = inspection_find_refs_to (&in, o);
  inspection_collect_holders (&in, o, found);
  inspection_collect_referents (&in, o);
  inspection_find_path (&in, o);
  d = inspection_find_death (timeline, id,
                  trace_timeline_deaths_before (timeline, trace_cursor_position (cursor)),
                  trace_timeline_n_deaths (timeline));
  if (d != NULL)
    inspection_set_death (timeline, self, d);
  inspection_build_history (timeline, self, &in, step, found);
  return self;
}

RefscopeInspection *
refscope_inspection_new (TraceTimeline *timeline, guint step, guint64 id)
{
  g_autoptr (TraceCursor) cursor = NULL;

  g_return_val_if_fail (timeline != NULL, NULL);
  cursor = trace_cursor_new (timeline);
  return refscope_inspection_new_with_cursor (timeline, cursor, step, id);
}

RefscopeInspection *
refscope_inspection_new_dead (TraceTimeline *timeline, guint step, guint64 id)
{
  g_autoptr (TraceCursor) cursor = NULL;
  g_autoptr (GArray) found = NULL;
  RefscopeInspection *self;
  const TraceHeapObject *o = NULL;
  const TraceDeath *d = NULL;
  guint died_step;
  Inspector in;

  g_return_val_if_fail (timeline != NULL, NULL);

  step = MIN (step, trace_timeline_n_steps (timeline));
  /* The newest deaths first: the ones the panel asks about. */
  for (guint i = trace_timeline_deaths_before (timeline, trace_timeline_step_end (timeline, step));
       i > 0 && d == NULL; i--)
    if (trace_timeline_death_at (timeline, i - 1)->id == id)
      d = trace_timeline_death_at (timeline, i - 1);
  if (d == NULL)
    return NULL;

  /* What it was at the end of the last step it saw whole, or (born and
   * freed by one statement) just before its free. */
  cursor = trace_cursor_new (timeline);
  died_step = trace_log_step_of_event (trace_timeline_log (timeline), d->event);
  if (died_step > 0)
    {
      trace_cursor_seek_step (cursor, died_step - 1);
      o = trace_heap_lookup (trace_cursor_heap (cursor), id);
    }
  if (o == NULL)
    {
      trace_cursor_seek_event (cursor, d->event);
      o = trace_heap_lookup (trace_cursor_heap (cursor), id);
    }
  g_return_val_if_fail (o != NULL, NULL);

  self = g_new0 (RefscopeInspection, 1);
  self->id = id;
  self->step = step;
  inspector_init (&in, timeline, trace_cursor_heap (cursor), self);
  describe_object (&in, o);
  inspection_set_death (timeline, self, d);
  if (died_step > 0
      && trace_cursor_position (cursor) == trace_timeline_step_end (timeline, died_step - 1))
    found = inspection_find_refs_to (&in, o);
  self->refcnt = inspection_build_history (timeline, self, &in, died_step > 0 ? died_step - 1 : 0,
                                           found);
  return self;
}

void
refscope_inspection_free (RefscopeInspection *self)
{
  if (self == NULL)
    return;
  g_free (self->type_name);
  g_free (self->title);
  g_free (self->repr);
  g_free (self->address);
  g_free (self->generation_text);
  for (guint i = 0; i < self->n_holders; i++)
    {
      g_free (self->holders[i].holder_title);
      g_free (self->holders[i].label);
      g_free (self->holders[i].sentence);
    }
  g_free (self->holders);
  for (guint i = 0; i < self->n_referents; i++)
    {
      g_free (self->referents[i].label);
      g_free (self->referents[i].description);
    }
  g_free (self->referents);
  for (guint i = 0; i < self->n_path; i++)
    {
      g_free (self->path[i].title);
      g_free (self->path[i].label);
    }
  g_free (self->path);
  g_free (self->path_expression);
  g_free (self->unreachable_text);
  g_free (self->changes);
  g_free (self->death_text);
  g_free (self);
}
