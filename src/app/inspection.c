/* inspection.c: the inspector's model of one object at one step: its
 * holders, its references, the path from a frame that keeps it alive, and
 * its counts from birth to death. Slot labels follow the scene's
 * conventions (src/view/scene-rows.c), which keeps its formatters private;
 * the few used here are small copies. */
#include "inspection.h"

#ifndef GETTEXT_PACKAGE
#define GETTEXT_PACKAGE "refscope"
#endif
#include <glib/gi18n-lib.h>

#include <string.h>

#define UNVISITED G_MININT32

typedef struct
{
  const TraceLog *log;
  const TraceHeap *heap;
  const TraceHeapObject *objects;  /* the heap's objects, one array */
  guint n_objects;
  RefscopeInspection *self;
} Inspector;

typedef enum
{
  TYPE_OTHER,
  TYPE_ATOM,
  TYPE_FUNCTION,
  TYPE_CLASS,
  TYPE_MODULE,
} TypeKind;

static const char *
str (const Inspector *in, guint32 id)
{
  return trace_log_string (in->log, id);
}

static TypeKind
type_kind (const char *type)
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

static gboolean
is_type (const Inspector *in, const TraceHeapObject *o, const char *type)
{
  return strcmp (str (in, o->type), type) == 0;
}

/* An object's index in the heap's array, or -1. */
static gint
index_of (const Inspector *in, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (in->heap, id);

  return o != NULL ? (gint) (o - in->objects) : -1;
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
    return unquote (str (in, o->repr));
  for (guint32 i = 0; i < o->n_refs; i++)
    if (o->refs[i].kind == TRACE_SLOT_LABEL
        && (strcmp (str (in, o->refs[i].name), "__name__") == 0
            || strcmp (str (in, o->refs[i].name), "__qualname__") == 0))
      {
        const TraceHeapObject *s = trace_heap_lookup (in->heap, o->refs[i].target);
        if (s != NULL && s->repr != 0 && is_type (in, s, "str"))
          return unquote (str (in, s->repr));
      }
  return NULL;
}

/* As the scene titles cards: "list", "int 1000", "function f", "class Node". */
static char *
object_title (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = str (in, o->type);
  const char *prefix;
  g_autofree char *name = NULL;

  switch (type_kind (type))
    {
    case TYPE_ATOM:
      return o->repr != 0 ? g_strdup_printf ("%s %s", type, str (in, o->repr)) : g_strdup (type);
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
static char *
describe (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = str (in, o->type);
  g_autofree char *title = NULL;

  if (type_kind (type) == TYPE_ATOM)
    {
      if (o->repr != 0
          && (strcmp (type, "NoneType") == 0 || strcmp (type, "bool") == 0
              || strcmp (type, "ellipsis") == 0 || strcmp (type, "NotImplementedType") == 0))
        return g_strdup (str (in, o->repr));
      return object_title (in, o);
    }
  title = object_title (in, o);
  /* Functions, classes and modules go by their names. */
  if (type_kind (type) != TYPE_OTHER && strcmp (title, type) != 0)
    return g_steal_pointer (&title);
  return g_strdup_printf ("%s 0x%" G_GINT64_MODIFIER "x", title, o->addr);
}

static char *
describe_id (const Inspector *in, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (in->heap, id);

  return o != NULL ? describe (in, o) : g_strdup_printf ("object #%" G_GUINT64_FORMAT, id);
}

/* A shared small int, interned or one-character str, None, True, False...:
 * CPython shares these whatever flags the producer gave. */
static gboolean
is_shared_atom (const Inspector *in, const TraceHeapObject *o)
{
  const char *type = str (in, o->type), *repr = str (in, o->repr);

  if (type_kind (type) != TYPE_ATOM)
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

static char *
frame_title (const Inspector *in, guint frame)
{
  const TraceHeapFrame *f = trace_heap_frame_at (in->heap, frame);
  const char *name = str (in, f->name);

  if (frame == 0 && (strcmp (name, "<module>") == 0 || *name == '\0'))
    return g_strdup (_("Global frame"));
  /* Below the module, a frame with a namespace of its own runs a class body. */
  if (f->namespace != 0 && frame > 0)
    return g_strdup_printf ("class %s", name);
  return g_strdup (*name != '\0' ? name : "frame");
}

/* The frame as a sentence ends: "Global frame", "frame f", "the body of class Node". */
static char *
frame_phrase (const Inspector *in, guint frame)
{
  const TraceHeapFrame *f = trace_heap_frame_at (in->heap, frame);
  const char *name = str (in, f->name);

  if (frame == 0 && (strcmp (name, "<module>") == 0 || *name == '\0'))
    return g_strdup (_("Global frame"));
  if (f->namespace != 0 && frame > 0)
    return g_strdup_printf (_("the body of class %s"), name);
  return g_strdup_printf (_("frame %s"), *name != '\0' ? name : "?");
}

/* A dict key as a label shows it: its repr, bare (a name) for a str key of
 * a namespace or __dict__ when bare is set. */
static char *
key_text (const Inspector *in, guint64 key, gboolean bare)
{
  const TraceHeapObject *k = trace_heap_lookup (in->heap, key);

  if (k == NULL)
    return g_strdup ("?");
  if (k->repr == 0 || type_kind (str (in, k->type)) != TYPE_ATOM)
    return describe (in, k);
  if (bare && is_type (in, k, "str"))
    return unquote (str (in, k->repr));
  return g_strdup (str (in, k->repr));
}

/* Labels of references that are no attribute Python shows. */
static gboolean
is_internal_label (const char *name)
{
  static const char *const internal[] = { "other", "iterated", "result", "mapping", "?", NULL };

  return g_strv_contains (internal, name);
}

/* Whether holder (a dict or a set) pairs a value with the key key. */
static gboolean
has_value_for (const TraceHeapObject *holder, gint64 key)
{
  for (guint32 i = 0; i < holder->n_refs; i++)
    if (holder->refs[i].kind == TRACE_SLOT_VALUE && holder->refs[i].slot == key)
      return TRUE;
  return FALSE;
}

/* The label of r, a reference of the object holder: "[0]", "['k']", "key",
 * "item" (of a set), ".x", "(other)". */
static char *
ref_label (const Inspector *in, const TraceHeapObject *holder, const TraceRef *r)
{
  g_autofree char *key = NULL;
  const char *name;

  switch (r->kind)
    {
    case TRACE_SLOT_INDEX:
      return r->slot >= 0 ? g_strdup_printf ("[%" G_GINT64_FORMAT "]", r->slot) : g_strdup ("[?]");
    case TRACE_SLOT_VALUE:
      key = key_text (in, (guint64) r->slot, FALSE);
      return g_strdup_printf ("[%s]", key);
    case TRACE_SLOT_KEY:
      return g_strdup (has_value_for (holder, r->slot) ? _("key") : _("item"));
    case TRACE_SLOT_LABEL:
      name = str (in, r->name);
      if (is_internal_label (name))
        return g_strdup_printf ("(%s)", name);
      return g_strdup_printf (".%s", name);
    case TRACE_SLOT_ATTR:
      return g_strdup_printf (".%s", str (in, r->name));
    default:
      return g_strdup (str (in, r->name));
    }
}

/* Holders ----------------------------------------------------------------- */

/* The frame (index) whose namespace dict is, or -1. */
static gint
namespace_frame (const Inspector *in, guint64 dict)
{
  for (guint f = 0; f < trace_heap_n_frames (in->heap); f++)
    if (trace_heap_frame_at (in->heap, f)->namespace == dict)
      return (gint) f;
  return -1;
}

/* A reference to the inspected object, before it becomes a holder. */
typedef struct
{
  gint frame;           /* the frame holding it (directly or through its namespace), or -1 */
  gint object;          /* the object holding it, or -1 for a frame's own reference */
  guint32 ref;          /* the reference's position in its holder */
  const TraceHeapObject *owner; /* the object whose __dict__ holds it, or NULL */
  guint group;          /* sort: frames, objects */
  guint64 order;        /* frame index or the holder's id as shown */
  gint64 position;      /* an item's index, else the reference's position */
} Found;

static gint
compare_found (gconstpointer pa, gconstpointer pb)
{
  const Found *a = pa, *b = pb;

  if (a->group != b->group)
    return a->group < b->group ? -1 : 1;
  if (a->order != b->order)
    return a->order < b->order ? -1 : 1;
  return a->position < b->position ? -1 : a->position > b->position;
}

static void
set_holder (RefscopeHolder *h, RefscopeHolderKind kind, guint64 holder, gboolean is_frame,
            guint64 via, char *title, char *label, char *sentence)
{
  *h = (RefscopeHolder){ kind, holder, is_frame, via, 1, title, label, sentence };
}

/* A reference held by an object's namespace (frame >= 0) or __dict__ (owner). */
static void
entry_holder (const Inspector *in, const Found *f, const TraceHeapObject *dict, const TraceRef *r,
              RefscopeHolder *h)
{
  gboolean in_frame = f->frame >= 0;
  g_autofree char *name = key_text (in, (guint64) r->slot, TRUE);
  g_autofree char *place = in_frame ? frame_phrase (in, (guint) f->frame) : describe (in, f->owner);
  g_autofree char *entry = in_frame ? g_strdup_printf (_("variable %s in %s"), name, place)
                                    : g_strdup_printf (_("attribute .%s of %s"), name, place);
  guint64 id = in_frame ? trace_heap_frame_at (in->heap, (guint) f->frame)->id : f->owner->id;
  char *title = in_frame ? frame_title (in, (guint) f->frame) : describe (in, f->owner);

  if (r->kind == TRACE_SLOT_KEY)
    set_holder (h, REFSCOPE_HOLDER_DICT_KEY, id, in_frame, dict->id, title, g_strdup (_("key")),
                g_strdup_printf (_("the name of %s"), entry));
  else
    set_holder (h, in_frame ? REFSCOPE_HOLDER_FRAME_VARIABLE : REFSCOPE_HOLDER_ATTRIBUTE, id,
                in_frame, dict->id, title,
                in_frame ? g_strdup (name) : g_strdup_printf (".%s", name),
                g_steal_pointer (&entry));
}

static void
make_holder (const Inspector *in, const Found *f, RefscopeHolder *h)
{
  const TraceHeapObject *holder;
  const TraceRef *r;
  g_autofree char *what = NULL;
  char *label;

  if (f->object < 0)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, (guint) f->frame);
      g_autofree char *place = frame_phrase (in, (guint) f->frame);
      const char *name;
      r = &frame->refs[f->ref];
      name = str (in, r->name);
      set_holder (h, REFSCOPE_HOLDER_FRAME_VARIABLE, frame->id, TRUE, 0,
                  frame_title (in, (guint) f->frame), g_strdup (name),
                  g_strdup_printf (_("variable %s in %s"), name, place));
      return;
    }
  holder = &in->objects[f->object];
  r = &holder->refs[f->ref];
  if (f->frame >= 0 || f->owner != NULL)
    {
      entry_holder (in, f, holder, r, h);
      return;
    }
  what = describe (in, holder);
  label = ref_label (in, holder, r);
  switch (r->kind)
    {
    case TRACE_SLOT_INDEX:
      set_holder (h, REFSCOPE_HOLDER_CONTAINER_SLOT, holder->id, FALSE, 0, g_strdup (what), label,
                  g_strdup_printf (_("item %s of %s"), label, what));
      break;
    case TRACE_SLOT_VALUE:
      set_holder (h, REFSCOPE_HOLDER_CONTAINER_SLOT, holder->id, FALSE, 0, g_strdup (what), label,
                  g_strdup_printf (_("value %s of %s"), label, what));
      break;
    case TRACE_SLOT_KEY:
      if (has_value_for (holder, r->slot))
        set_holder (h, REFSCOPE_HOLDER_DICT_KEY, holder->id, FALSE, 0, g_strdup (what), label,
                    g_strdup_printf (_("key of %s"), what));
      else
        set_holder (h, REFSCOPE_HOLDER_CONTAINER_SLOT, holder->id, FALSE, 0, g_strdup (what), label,
                    g_strdup_printf (_("item of %s"), what));
      break;
    default:
      set_holder (h, REFSCOPE_HOLDER_ATTRIBUTE, holder->id, FALSE, 0, g_strdup (what), label,
                  r->kind == TRACE_SLOT_LABEL && is_internal_label (str (in, r->name))
                    ? g_strdup_printf (_("internal reference %s of %s"), label, what)
                    : g_strdup_printf (_("attribute %s of %s"), label, what));
      break;
    }
}

/* The objects whose __dict__ is one of the dicts in owners (dict id ->
 * owner, filled in here). */
static void
find_dict_owners (const Inspector *in, GHashTable *owners)
{
  for (guint i = 0; i < in->n_objects; i++)
    {
      const TraceHeapObject *o = &in->objects[i];
      for (guint32 j = 0; j < o->n_refs; j++)
        {
          const TraceRef *r = &o->refs[j];
          if (r->kind == TRACE_SLOT_LABEL && r->target != o->id
              && g_hash_table_contains (owners, &r->target)
              && strcmp (str (in, r->name), "__dict__") == 0)
            g_hash_table_insert (owners, (gpointer) &r->target, (gpointer) o);
        }
    }
}

static char *
other_sentence (const Inspector *in, const TraceHeapObject *object, gint64 n)
{
  RefscopeInspection *self = in->self;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  gulong plural = (gulong) MIN (n, G_MAXLONG);

  if (self->shared_atom && (object->flags & TRACE_OBJ_INTERNED))
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%s held by the interpreter itself: an interned string is shared by every "
                   "name and constant that spells it, in the program and the interpreter alike",
                   "%s held by the interpreter itself: an interned string is shared by every "
                   "name and constant that spells it, in the program and the interpreter alike",
                   plural),
      count);
  if (self->shared_atom)
    return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE,
                   "%s held by the interpreter itself: a cached object (a small int, a "
                   "one-character string, None, True, False) is shared by all the code that "
                   "uses it, the interpreter's own included",
                   "%s held by the interpreter itself: a cached object (a small int, a "
                   "one-character string, None, True, False) is shared by all the code that "
                   "uses it, the interpreter's own included",
                   plural),
      count);
  return g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "%s held elsewhere (the running statement, the interpreter, or C code)",
                 "%s held elsewhere (the running statement, the interpreter, or C code)", plural),
    count);
}

/* Every reference to object in the state, as Found, sorted as holders
 * are listed. */
static GArray *
find_refs_to (Inspector *in, const TraceHeapObject *object)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (Found));
  g_autoptr (GHashTable) owners = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint f = 0; f < trace_heap_n_frames (in->heap); f++)
    {
      const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, f);
      for (guint32 i = 0; i < frame->n_refs; i++)
        if (frame->refs[i].target == object->id)
          {
            Found x = { (gint) f, -1, i, NULL, 0, f, i };
            g_array_append_val (found, x);
          }
    }
  for (guint i = 0; i < in->n_objects; i++)
    {
      const TraceHeapObject *o = &in->objects[i];
      for (guint32 j = 0; j < o->n_refs; j++)
        {
          const TraceRef *r = &o->refs[j];
          Found x = { -1, (gint) i, j, NULL, 1, o->id,
                      r->kind == TRACE_SLOT_INDEX ? r->slot : (gint64) j };
          if (r->target != object->id)
            continue;
          if (r->kind == TRACE_SLOT_KEY || r->kind == TRACE_SLOT_VALUE)
            {
              x.frame = namespace_frame (in, o->id);
              if (x.frame >= 0)
                x.group = 0, x.order = (guint64) x.frame;
              else if (is_type (in, o, "dict"))
                g_hash_table_insert (owners, (gpointer) &o->id, NULL);
            }
          g_array_append_val (found, x);
        }
    }
  if (g_hash_table_size (owners) > 0)
    {
      find_dict_owners (in, owners);
      for (guint i = 0; i < found->len; i++)
        {
          Found *x = &g_array_index (found, Found, i);
          if (x->object >= 0 && x->frame < 0
              && (x->owner = g_hash_table_lookup (owners, &in->objects[x->object].id)) != NULL)
            x->order = x->owner->id;
        }
    }
  g_array_sort (found, compare_found);
  return found;
}

static void
collect_holders (Inspector *in, const TraceHeapObject *object, GArray *found)
{
  RefscopeInspection *self = in->self;
  guint n_rows;

  self->n_shown_refs = found->len;
  self->n_other_refs = self->refcnt - self->n_shown_refs;
  n_rows = MIN (found->len, REFSCOPE_INSPECTION_MAX_ROWS);
  self->n_holders = n_rows + (self->n_other_refs > 0 ? 1 : 0);
  self->holders = g_new0 (RefscopeHolder, MAX (self->n_holders, 1));
  for (guint i = 0; i < n_rows; i++)
    make_holder (in, &g_array_index (found, Found, i), &self->holders[i]);
  if (self->n_other_refs > 0)
    {
      RefscopeHolder *h = &self->holders[n_rows];
      set_holder (h, REFSCOPE_HOLDER_OTHER, 0, FALSE, 0, NULL, NULL,
                  other_sentence (in, object, self->n_other_refs));
      h->count = self->n_other_refs;
    }
}

/* Referents --------------------------------------------------------------- */

static gint
compare_own_refs (gconstpointer pa, gconstpointer pb, gpointer user)
{
  const TraceHeapObject *o = user;
  const TraceRef *a = &o->refs[*(const guint32 *) pa], *b = &o->refs[*(const guint32 *) pb];
  gboolean ia = a->kind == TRACE_SLOT_INDEX, ib = b->kind == TRACE_SLOT_INDEX;
  /* Items in order (unknown positions last), then the rest as the trace has them. */
  guint64 ka = ia ? (a->slot < 0 ? G_MAXUINT64 - 1 : (guint64) a->slot) : G_MAXUINT64;
  guint64 kb = ib ? (b->slot < 0 ? G_MAXUINT64 - 1 : (guint64) b->slot) : G_MAXUINT64;

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return *(const guint32 *) pa < *(const guint32 *) pb ? -1 : 1;
}

static void
collect_referents (Inspector *in, const TraceHeapObject *o)
{
  RefscopeInspection *self = in->self;
  g_autofree guint32 *order = g_new (guint32, MAX (o->n_refs, 1));
  guint n = MIN (o->n_refs, REFSCOPE_INSPECTION_MAX_ROWS);

  gboolean sorted = TRUE;

  for (guint32 i = 0; i < o->n_refs; i++)
    {
      order[i] = i;
      if (i > 0 && sorted)
        sorted = compare_own_refs (&order[i - 1], &order[i], (gpointer) o) < 0;
    }
  /* A list's references mostly come in order already. */
  if (!sorted)
    g_qsort_with_data (order, (gint) o->n_refs, sizeof (guint32), compare_own_refs, (gpointer) o);
  self->n_referents_total = o->n_refs;
  self->n_referents = n;
  self->referents = g_new0 (RefscopeReferent, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const TraceRef *r = &o->refs[order[i]];
      RefscopeReferent *out = &self->referents[i];
      out->slot_kind = r->kind;
      out->label = ref_label (in, o, r);
      out->target = r->target;
      out->description = describe_id (in, r->target);
    }
}

/* Why it is alive ---------------------------------------------------------- */

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
        found |= visit (s, index_of (in, o->refs[i].target), (gint32) u, &o->refs[i], FALSE,
                        target);
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
      gint ns = frame->namespace != 0 ? index_of (in, frame->namespace) : -1;

      if (ns >= 0)
        {
          const TraceHeapObject *dict = &in->objects[ns];
          if (visit (s, ns, root, NULL, FALSE, target))
            return TRUE;
          for (guint32 i = 0; i < dict->n_refs; i++)
            if (visit (s, index_of (in, dict->refs[i].target), root, &dict->refs[i], TRUE, target))
              return TRUE;
        }
      for (guint32 i = 0; i < frame->n_refs; i++)
        if (visit (s, index_of (in, frame->refs[i].target), root, &frame->refs[i], FALSE, target))
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
      label = g_strdup (str (in, r->name));
      if (r->kind == TRACE_SLOT_NAME && is_identifier (label))
        *python = g_strdup (label);
      return label;
    }
  if (r->kind != TRACE_SLOT_VALUE)
    return g_strdup (_("key"));
  label = key_text (in, (guint64) r->slot, TRUE);
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
      if (key == NULL || key->repr == 0 || type_kind (str (in, key->type)) != TYPE_ATOM)
        return NULL;
      return g_strdup (label);
    case TRACE_SLOT_ATTR:
      return is_identifier (str (in, r->name)) ? g_strdup (label) : NULL;
    case TRACE_SLOT_LABEL:
      return is_internal_label (str (in, r->name)) ? NULL : g_strdup (label);
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
  step.title = frame_title (in, frame);
  step.label = frame_edge_label (in, s, frame, g_array_index (chain, guint, 0), &part);
  g_array_append_val (steps, step);
  spelled = part != NULL;
  if (part != NULL)
    g_string_append (python, part);
  g_clear_pointer (&part, g_free);

  for (guint j = 0; j < n; j++)
    {
      const TraceHeapObject *o = &in->objects[g_array_index (chain, guint, j)];
      RefscopePathStep next = { o->id, FALSE, describe (in, o), NULL };

      if (j + 1 < n)
        {
          const TraceRef *r = s->edge[g_array_index (chain, guint, j + 1)];

          /* An instance's attribute lives in its __dict__: one step, as Python spells it. */
          if (r->kind == TRACE_SLOT_LABEL && strcmp (str (in, r->name), "__dict__") == 0
              && j + 2 < n
              && s->edge[g_array_index (chain, guint, j + 2)]->kind == TRACE_SLOT_VALUE)
            {
              const TraceRef *entry = s->edge[g_array_index (chain, guint, j + 2)];
              g_autofree char *name = key_text (in, (guint64) entry->slot, TRUE);
              next.label = g_strdup_printf (".%s", name);
              part = is_identifier (name) ? g_strdup (next.label) : NULL;
              j++;
            }
          else
            {
              next.label = ref_label (in, o, r);
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
        if ((i = index_of (in, frame->refs[j].target)) >= 0)
          shown[i]++;
    }
  for (guint k = 0; k < in->n_objects; k++)
    {
      const TraceHeapObject *o = &in->objects[k];
      for (guint32 j = 0; j < o->n_refs; j++)
        if ((i = index_of (in, o->refs[j].target)) >= 0)
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

static void
find_path (Inspector *in, const TraceHeapObject *object)
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

/* Its story ---------------------------------------------------------------- */

/* The events followed in all, at most, when the life is sampled. */
#define HISTORY_MAX_EVENTS 200000

/* How many references to the object one holder has, so that its free (or
 * its frame's pop, its list's clear) can take them off the count as the
 * reader of the trace does. */
typedef struct
{
  guint64 holder;
  guint32 items;        /* INDEX references, which seq_clear removes */
  guint32 others;
} HeldBy;

/* Holders, scanned while few, hashed (id -> position + 1) when many. */
typedef struct
{
  GArray *entries;
  GHashTable *index;
} HeldTable;

#define HELD_SCAN_MAX 16

static gint
held_find (const HeldTable *t, guint64 holder)
{
  if (t->index != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (t->index, &holder)) - 1;
  for (guint i = 0; i < t->entries->len; i++)
    if (g_array_index (t->entries, HeldBy, i).holder == holder)
      return (gint) i;
  return -1;
}

static void
held_index (HeldTable *t, guint i)
{
  HeldBy *h = &g_array_index (t->entries, HeldBy, i);

  g_hash_table_insert (t->index, g_memdup2 (&h->holder, sizeof h->holder), GINT_TO_POINTER (i + 1));
}

static HeldBy *
held_get (HeldTable *t, guint64 holder)
{
  gint i = held_find (t, holder);
  HeldBy fresh = { holder, 0, 0 };

  if (i >= 0)
    return &g_array_index (t->entries, HeldBy, i);
  g_array_append_val (t->entries, fresh);
  if (t->index == NULL && t->entries->len > HELD_SCAN_MAX)
    {
      t->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint k = 0; k < t->entries->len; k++)
        held_index (t, k);
    }
  else if (t->index != NULL)
    held_index (t, t->entries->len - 1);
  return &g_array_index (t->entries, HeldBy, t->entries->len - 1);
}

static void
held_remove (HeldTable *t, guint i)
{
  guint last = t->entries->len - 1;

  if (t->index != NULL)
    g_hash_table_remove (t->index, &g_array_index (t->entries, HeldBy, i).holder);
  g_array_remove_index_fast (t->entries, i);
  if (t->index != NULL && i != last)
    held_index (t, i);
}

static void
held_clear (HeldTable *t)
{
  g_array_set_size (t->entries, 0);
  g_clear_pointer (&t->index, g_hash_table_destroy);
}

typedef struct
{
  RefscopeInspection *self;
  GArray *changes;      /* RefscopeRefcntChange */
  guint last;           /* the last step whose end it lived to see */
  gint64 count;         /* as the trace's reader counts, at position */
  guint64 position;     /* the next event to follow */
  gint64 then;          /* the count at the end of then_step */
  guint then_step;
  gboolean have_then;
  gboolean have_born;
  HeldTable held;
  RefscopeStepRange *range; /* the steps being examined */
} History;

static void
history_step_ends (History *h, guint s)
{
  RefscopeInspection *self = h->self;

  if (s < self->born_step || s > h->last)
    return;
  h->range->last = s;
  if (s == self->born_step)
    {
      self->born_refcnt = h->count;
      h->have_born = TRUE;
    }
  else if (h->have_then && h->count != h->then)
    {
      RefscopeRefcntChange c = { s, h->then_step, h->then, h->count };
      g_array_append_val (h->changes, c);
    }
  h->then = h->count;
  h->then_step = s;
  h->have_then = TRUE;
}

static void
history_event (History *h, const TraceEvent *e)
{
  guint64 id = h->self->id;
  HeldBy *by;
  gint i;

  switch ((TraceEventKind) e->kind)
    {
    case TRACE_EV_BORN:
      if (e->id == id)
        h->count = 1;
      break;
    case TRACE_EV_REFCNT:
      if (e->id == id)
        h->count = e->a;
      break;
    case TRACE_EV_REF_ADD:
      if (e->target != id)
        break;
      h->count++;
      by = held_get (&h->held, e->id);
      if (e->slot_kind == TRACE_SLOT_INDEX)
        by->items++;
      else
        by->others++;
      break;
    case TRACE_EV_REF_DEL:
      if (e->target != id)
        break;
      h->count--;
      /* A holder from before the trace may drop a reference it was never
       * seen to take. */
      if ((i = held_find (&h->held, e->id)) < 0)
        break;
      by = &g_array_index (h->held.entries, HeldBy, i);
      if (e->slot_kind == TRACE_SLOT_INDEX && by->items > 0)
        by->items--;
      else if (e->slot_kind != TRACE_SLOT_INDEX && by->others > 0)
        by->others--;
      break;
    case TRACE_EV_SEQ_CLEAR:
      if (h->held.entries->len > 0 && (i = held_find (&h->held, e->id)) >= 0)
        {
          by = &g_array_index (h->held.entries, HeldBy, i);
          h->count -= by->items;
          by->items = 0;
        }
      break;
    case TRACE_EV_FREE:
    case TRACE_EV_FRAME_POP:
      if (h->held.entries->len > 0 && (i = held_find (&h->held, e->id)) >= 0)
        {
          by = &g_array_index (h->held.entries, HeldBy, i);
          h->count -= by->items + by->others;
          held_remove (&h->held, (guint) i);
        }
      break;
    case TRACE_EV_STEP:
      if (e->a >= 1)
        history_step_ends (h, (guint) (e->a - 1));
      break;
    default:
      break;
    }
}

/* Follows the events from h->position to end, at most max_events of them
 * and max_steps step ends. TRUE if it reached end. */
static gboolean
history_follow (History *h, const TraceLog *log, guint64 end, guint64 max_events, guint max_steps)
{
  guint64 from = h->position;
  guint steps = 0;
  TraceLogIter iter;
  TraceEvent e;

  trace_log_iter_init (&iter, log, from);
  while (iter.index < end)
    {
      if (iter.index - from >= max_events || steps >= max_steps
          || !trace_log_iter_next (&iter, &e))
        break;
      history_event (h, &e);
      steps += e.kind == TRACE_EV_STEP;
    }
  h->position = iter.index;
  return iter.index >= end;
}

/* The count from birth to death (or the end) as the trace's reader keeps
 * it: set by refcnt, one more for each ref_add to it, one less for each
 * ref_del and for each reference its holders drop as they go. A life of
 * more steps or events than the limits is followed for a while after its
 * birth, then from anchor (a step it lived through, whose state in is,
 * with found, its references there) on for a while. Returns the count where
 * it stopped: just before its free if it got there. */
static gint64
build_history (TraceTimeline *timeline, RefscopeInspection *self, const Inspector *in,
               guint anchor, GArray *found)
{
  const TraceLog *log = trace_timeline_log (timeline);
  guint n_steps = trace_timeline_n_steps (timeline);
  guint64 end = self->died ? self->died_event : trace_log_n_events (log);
  History h = { self, g_array_new (FALSE, FALSE, sizeof (RefscopeRefcntChange)) };
  gboolean reached;

  h.held.entries = g_array_new (FALSE, FALSE, sizeof (HeldBy));
  h.position = self->born_event;
  self->born_step = trace_log_step_of_event (log, self->born_event);
  h.last = n_steps;
  if (self->died)
    h.last = self->died_step > self->born_step ? self->died_step - 1 : self->born_step;
  self->n_history_ranges = 1;
  h.range = &self->history_ranges[0];
  h.range->first = h.range->last = self->born_step;

  if (h.last - self->born_step <= REFSCOPE_INSPECTION_MAX_HISTORY_STEPS
      && end - self->born_event <= HISTORY_MAX_EVENTS)
    reached = history_follow (&h, log, end, G_MAXUINT64, G_MAXUINT);
  else
    {
      guint64 anchor_at = trace_timeline_step_end (timeline, anchor);

      reached = history_follow (&h, log, end, HISTORY_MAX_EVENTS / 2,
                                REFSCOPE_INSPECTION_MAX_HISTORY_STEPS / 2);
      if (!reached && found != NULL && h.position < anchor_at)
        {
          /* On from the state at the anchor, known from the heap. */
          held_clear (&h.held);
          for (guint i = 0; i < found->len; i++)
            {
              const Found *f = &g_array_index (found, Found, i);
              const TraceRef *r;
              HeldBy *by;
              if (f->object >= 0)
                {
                  by = held_get (&h.held, in->objects[f->object].id);
                  r = &in->objects[f->object].refs[f->ref];
                }
              else
                {
                  const TraceHeapFrame *frame = trace_heap_frame_at (in->heap, (guint) f->frame);
                  by = held_get (&h.held, frame->id);
                  r = &frame->refs[f->ref];
                }
              if (r->kind == TRACE_SLOT_INDEX)
                by->items++;
              else
                by->others++;
            }
          h.count = trace_heap_lookup (in->heap, self->id)->refcnt;
          h.position = anchor_at;
          self->n_history_ranges = 2;
          h.range = &self->history_ranges[1];
          h.range->first = h.range->last = anchor;
          reached = history_follow (&h, log, end, HISTORY_MAX_EVENTS / 2,
                                    REFSCOPE_INSPECTION_MAX_HISTORY_STEPS / 2);
        }
      self->history_sampled = TRUE;
    }
  /* The last step ends with the trace. */
  if (reached && !self->died)
    history_step_ends (&h, n_steps);
  /* Born and freed by the same statement. */
  if (!h.have_born)
    self->born_refcnt = h.count;

  self->n_changes = h.changes->len;
  self->changes = (RefscopeRefcntChange *) g_array_free (h.changes, FALSE);
  held_clear (&h.held);
  g_array_free (h.held.entries, TRUE);
  return h.count;
}

static char *
cause_text (gint32 cause)
{
  if (cause == TRACE_CAUSE_REFCOUNT)
    return g_strdup (_("freed: refcount 0"));
  if (cause == TRACE_CAUSE_SHUTDOWN)
    return g_strdup (_("freed at shutdown"));
  return g_strdup_printf (_("collected by generation %d"), cause);
}

static void
set_death (TraceTimeline *timeline, RefscopeInspection *self, const TraceDeath *d)
{
  self->died = TRUE;
  self->died_event = d->event;
  self->died_step = trace_log_step_of_event (trace_timeline_log (timeline), d->event);
  self->death_cause = d->cause;
  self->death_text = cause_text (d->cause);
}

/* id's death among the deaths from index first on, or NULL. */
static const TraceDeath *
find_death (TraceTimeline *timeline, guint64 id, guint first, guint end)
{
  for (guint i = first; i < end; i++)
    {
      const TraceDeath *d = trace_timeline_death_at (timeline, i);
      if (d->id == id)
        return d;
    }
  return NULL;
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

  self->type_name = g_strdup (str (in, o->type));
  self->title = object_title (in, o);
  if (o->repr != 0 && type_kind (self->type_name) == TYPE_ATOM)
    self->repr = g_strdup (str (in, o->repr));
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
  found = find_refs_to (&in, o);
  collect_holders (&in, o, found);
  collect_referents (&in, o);
  find_path (&in, o);
  d = find_death (timeline, id,
                  trace_timeline_deaths_before (timeline, trace_cursor_position (cursor)),
                  trace_timeline_n_deaths (timeline));
  if (d != NULL)
    set_death (timeline, self, d);
  build_history (timeline, self, &in, step, found);
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
  set_death (timeline, self, d);
  if (died_step > 0
      && trace_cursor_position (cursor) == trace_timeline_step_end (timeline, died_step - 1))
    found = find_refs_to (&in, o);
  self->refcnt = build_history (timeline, self, &in, died_step > 0 ? died_step - 1 : 0, found);
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
