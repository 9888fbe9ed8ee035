/* scene-rows.c: what a frame or an object shows as its rows (list items in
 * order, dict entries, attributes, variables), what kind of card an object
 * gets, and the texts of titles and labels. */
#include "scene-private.h"
#include "view-i18n.h"

#include <stdlib.h>
#include <string.h>

/* Rows taken after the first ones when a container collapses. */
#define TAIL_ROWS 5

typedef enum
{
  LABEL_HIDDEN = 0,     /* internal: __class__, co_consts, __globals__... */
  LABEL_SHOWN,          /* drawn as a row: a cell's contents, a method's self */
  LABEL_DICT,           /* __dict__: its entries are the holder's attributes */
} SceneLabelKind;

/* Which entries of a namespace are left out. */
typedef enum
{
  FILTER_NONE,
  FILTER_DUNDER,        /* a module's or class body's __name__, __builtins__... */
  FILTER_CLASS,         /* a class's dunders, except its methods (__init__) */
} EntryFilter;

const char *
scene_string (const SceneAnalysis *analysis, guint32 id)
{
  return trace_log_string (analysis->log, id);
}

gboolean
scene_is_dunder (const char *name)
{
  gsize n = strlen (name);

  return n > 4 && name[0] == '_' && name[1] == '_' && name[n - 1] == '_' && name[n - 2] == '_';
}

static guint
classify_type (const char *name)
{
  static const char *const atoms[] = { "int", "float", "str", "bool", "NoneType", "bytes",
                                       "complex", "ellipsis", "NotImplementedType", NULL };
  static const char *const functions[] = { "function", "builtin_function_or_method", NULL };
  static const char *const opaque[] = { "code", "getset_descriptor", "member_descriptor",
                                        "method_descriptor", "wrapper_descriptor",
                                        "classmethod_descriptor", "method-wrapper", "frame",
                                        NULL };

  if (g_strv_contains (atoms, name))
    return SCENE_TYPE_ATOM;
  if (strcmp (name, "list") == 0 || strcmp (name, "tuple") == 0)
    return SCENE_TYPE_SEQUENCE;
  if (strcmp (name, "type") == 0)
    return SCENE_TYPE_CLASS;
  if (g_strv_contains (functions, name))
    return SCENE_TYPE_FUNCTION;
  if (strcmp (name, "module") == 0)
    return SCENE_TYPE_MODULE;
  if (g_strv_contains (opaque, name))
    return SCENE_TYPE_OPAQUE;
  return SCENE_TYPE_OTHER;
}

/* The kinds of types and labels, cached by string id: a trace has few of
 * them and many objects. shift: 0 for a type's kind, 4 for a label's. */
static guint8 *
string_kind_slot (SceneAnalysis *analysis, guint32 id)
{
  if (id >= analysis->n_string_kinds)
    {
      guint n = MAX (id + 1, analysis->n_string_kinds * 2);
      analysis->string_kinds = g_realloc (analysis->string_kinds, n);
      memset (analysis->string_kinds + analysis->n_string_kinds, 0, n - analysis->n_string_kinds);
      analysis->n_string_kinds = n;
    }
  return &analysis->string_kinds[id];
}

SceneTypeKind
scene_type_kind (SceneAnalysis *analysis, guint32 type)
{
  guint8 *slot = string_kind_slot (analysis, type);

  if ((*slot & 0x0f) == 0)
    *slot |= (guint8) (classify_type (scene_string (analysis, type)) + 1);
  return (SceneTypeKind) ((*slot & 0x0f) - 1);
}

static SceneLabelKind
label_kind (SceneAnalysis *analysis, guint32 label)
{
  guint8 *slot = string_kind_slot (analysis, label);

  if ((*slot & 0xf0) == 0)
    {
      const char *name = scene_string (analysis, label);
      guint kind = LABEL_HIDDEN;
      if (strcmp (name, "__dict__") == 0)
        kind = LABEL_DICT;
      else if (strcmp (name, "cell_contents") == 0 || strcmp (name, "__self__") == 0
               || strcmp (name, "__func__") == 0)
        kind = LABEL_SHOWN;
      *slot |= (guint8) ((kind + 1) << 4);
    }
  return (SceneLabelKind) ((*slot >> 4) - 1);
}

gboolean
scene_is_atom (SceneAnalysis *analysis, const TraceHeapObject *object)
{
  return scene_type_kind (analysis, object->type) == SCENE_TYPE_ATOM;
}

gboolean
scene_is_cached_atom (SceneAnalysis *analysis, const TraceHeapObject *object)
{
  const char *type, *repr;

  if (!scene_is_atom (analysis, object))
    return FALSE;
  if (object->flags & (TRACE_OBJ_CACHED | TRACE_OBJ_INTERNED))
    return TRUE;
  type = scene_string (analysis, object->type);
  repr = scene_string (analysis, object->repr);
  if (strcmp (type, "NoneType") == 0 || strcmp (type, "bool") == 0
      || strcmp (type, "ellipsis") == 0 || strcmp (type, "NotImplementedType") == 0)
    return TRUE;
  /* Producers that declare small ints as preexisting do not mark them
   * cached: CPython shares -5..256 whatever the flags say. */
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

static const TraceHeapObject *
lookup (const SceneAnalysis *analysis, guint64 id)
{
  return trace_heap_lookup (analysis->heap, id);
}

/* A str's repr without its quotes: the name it stands for. */
static char *
unquote (const char *repr)
{
  gsize n = strlen (repr);

  if (n >= 2 && (repr[0] == '\'' || repr[0] == '"') && repr[n - 1] == repr[0])
    return g_strndup (repr + 1, n - 2);
  return g_strdup (repr);
}

static gboolean
is_str (const SceneAnalysis *analysis, const TraceHeapObject *object)
{
  return strcmp (scene_string (analysis, object->type), "str") == 0;
}

/* The name a key stands for in a namespace, or NULL if it is not a str. */
static char *
key_name (const SceneAnalysis *analysis, guint64 key)
{
  const TraceHeapObject *k = lookup (analysis, key);

  if (k == NULL || !is_str (analysis, k) || k->repr == 0)
    return NULL;
  return unquote (scene_string (analysis, k->repr));
}

static gboolean
is_function (SceneAnalysis *analysis, guint64 id)
{
  const TraceHeapObject *o = lookup (analysis, id);

  return o != NULL && scene_type_kind (analysis, o->type) == SCENE_TYPE_FUNCTION;
}

static gboolean
keep_entry (SceneAnalysis *analysis, EntryFilter filter, const char *name, guint64 value)
{
  if (filter == FILTER_NONE || name == NULL || analysis->options->show_dunder
      || !scene_is_dunder (name))
    return TRUE;
  return filter == FILTER_CLASS && is_function (analysis, value);
}

/* The object index of the target of r, a reference of holder: from the
 * analysis' table for an object's references, looked up for a frame's. */
static guint
target_of (const SceneAnalysis *analysis, const TraceHeapObject *holder, const TraceRef *r)
{
  gint i;

  if (holder != NULL)
    return analysis->succ_targets[analysis->succ_offsets[holder - analysis->objects]
                                  + (guint) (r - holder->refs)];
  i = scene_analysis_index (analysis, r->target);
  return i >= 0 ? (guint) i : SCENE_NO_INDEX;
}

static void
append (GArray *rows, guint8 kind, guint8 flags, guint64 target, guint target_index, guint64 key,
        gint64 index, guint32 name)
{
  SceneRow row = { target, target_index, key, index, name, kind, flags };

  g_array_append_val (rows, row);
}

/* The VALUE references of dict, by key id, for pairing with its keys. */
static GHashTable *
values_by_key (const TraceHeapObject *dict)
{
  GHashTable *values = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint32 i = 0; i < dict->n_refs; i++)
    if (dict->refs[i].kind == TRACE_SLOT_VALUE)
      g_hash_table_insert (values, (gpointer) &dict->refs[i].slot, (gpointer) &dict->refs[i]);
  return values;
}

/* The entries of dict in the order of its references: the order they were
 * added in, except that removing an entry moves the last one into its
 * place (the heap does not keep more). As a card's rows (kind VALUE: a key
 * that is not an atom gets an arrow of its own, a set's items are KEY
 * rows) or as names (kind NAME or ATTR: str keys shown bare). */
static void
append_entries (SceneAnalysis *analysis, const TraceHeapObject *dict, guint8 kind,
                EntryFilter filter, GArray *rows)
{
  g_autoptr (GHashTable) values = NULL;
  gboolean keyed = FALSE;

  for (guint32 i = 0; i < dict->n_refs && !keyed; i++)
    keyed = dict->refs[i].kind == TRACE_SLOT_KEY || dict->refs[i].kind == TRACE_SLOT_VALUE;
  if (!keyed)
    return;
  values = values_by_key (dict);
  for (guint32 i = 0; i < dict->n_refs; i++)
    {
      const TraceRef *r = &dict->refs[i];
      const TraceRef *v;
      const TraceHeapObject *key;

      if (r->kind != TRACE_SLOT_KEY)
        continue;
      v = g_hash_table_lookup (values, &r->slot);
      if (v == NULL)
        {
          /* A set's item. */
          if (kind == TRACE_SLOT_VALUE)
            append (rows, TRACE_SLOT_KEY, 0, r->target, target_of (analysis, dict, r), r->slot,
                    -1, 0);
          continue;
        }
      g_hash_table_remove (values, &r->slot);
      if (kind != TRACE_SLOT_VALUE)
        {
          g_autofree char *name = key_name (analysis, r->slot);
          if (keep_entry (analysis, filter, name, v->target))
            append (rows, kind, SCENE_ROW_KEYED | SCENE_ROW_BARE_KEY, v->target,
                    target_of (analysis, dict, v), r->slot, -1, 0);
          continue;
        }
      key = lookup (analysis, r->slot);
      if (key != NULL && !scene_is_atom (analysis, key))
        {
          append (rows, TRACE_SLOT_KEY, SCENE_ROW_KEY_ARROW, r->target,
                  target_of (analysis, dict, r), r->slot, -1, 0);
          append (rows, TRACE_SLOT_VALUE, 0, v->target, target_of (analysis, dict, v), r->slot, -1,
                  0);
        }
      else
        append (rows, TRACE_SLOT_VALUE, SCENE_ROW_KEYED, v->target, target_of (analysis, dict, v),
                r->slot, -1, 0);
    }
  /* Values whose key reference the trace does not hold. */
  for (guint32 i = 0; i < dict->n_refs; i++)
    {
      const TraceRef *r = &dict->refs[i];
      if (r->kind == TRACE_SLOT_VALUE && g_hash_table_lookup (values, &r->slot) == r)
        {
          g_autofree char *name = key_name (analysis, r->slot);
          if (kind == TRACE_SLOT_VALUE || keep_entry (analysis, filter, name, r->target))
            append (rows, kind,
                    SCENE_ROW_KEYED | (kind != TRACE_SLOT_VALUE ? SCENE_ROW_BARE_KEY : 0),
                    r->target, target_of (analysis, dict, r), r->slot, -1, 0);
        }
    }
}

static gint
compare_index_rows (gconstpointer pa, gconstpointer pb)
{
  const SceneRow *a = pa, *b = pb;
  /* Unknown positions (in a summarised container) last; ties by the order
   * of the references, kept in key while sorting. */
  guint64 ia = a->index < 0 ? G_MAXUINT64 : (guint64) a->index;
  guint64 ib = b->index < 0 ? G_MAXUINT64 : (guint64) b->index;

  if (ia != ib)
    return ia < ib ? -1 : 1;
  return a->key < b->key ? -1 : a->key > b->key;
}

static void
append_items (const SceneAnalysis *analysis, const TraceHeapObject *o, GArray *rows)
{
  guint start = rows->len;
  gboolean sorted = TRUE;
  gint64 last = G_MININT64;

  for (guint32 i = 0; i < o->n_refs; i++)
    if (o->refs[i].kind == TRACE_SLOT_INDEX)
      {
        gint64 index = o->refs[i].slot;
        append (rows, TRACE_SLOT_INDEX, 0, o->refs[i].target, target_of (analysis, o, &o->refs[i]),
                i, index, 0);
        if (index < 0 || index < last)
          sorted = FALSE;
        last = index;
      }
  if (!sorted)
    qsort (&g_array_index (rows, SceneRow, start), rows->len - start, sizeof (SceneRow),
           compare_index_rows);
  for (guint i = start; i < rows->len; i++)
    g_array_index (rows, SceneRow, i).key = 0;
}

static gboolean
target_is_garbage (SceneAnalysis *analysis, guint i)
{
  return i != SCENE_NO_INDEX && analysis->cls[i] == SCENE_OBJ_GARBAGE
         && !scene_is_atom (analysis, &analysis->objects[i]);
}

gint
scene_absorbed_dict (SceneAnalysis *analysis, guint object)
{
  const TraceHeapObject *o = &analysis->objects[object];
  SceneTypeKind kind = scene_type_kind (analysis, o->type);

  if (kind != SCENE_TYPE_OTHER && kind != SCENE_TYPE_CLASS)
    return -1;
  for (guint32 i = 0; i < o->n_refs; i++)
    if (o->refs[i].kind == TRACE_SLOT_LABEL && o->refs[i].target != o->id
        && label_kind (analysis, o->refs[i].name) == LABEL_DICT)
      {
        gint dict = scene_analysis_index (analysis, o->refs[i].target);
        if (dict >= 0
            && strcmp (scene_string (analysis, analysis->objects[dict].type), "dict") == 0)
          return dict;
      }
  return -1;
}

static void
append_object_rows (SceneAnalysis *analysis, SceneHolder *holder, GArray *rows)
{
  const TraceHeapObject *o = &analysis->objects[holder->object];
  SceneTypeKind kind = scene_type_kind (analysis, o->type);
  gboolean garbage = analysis->cls[holder->object] == SCENE_OBJ_GARBAGE;
  gboolean absorbed_done = FALSE;

  if (kind != SCENE_TYPE_OTHER && kind != SCENE_TYPE_SEQUENCE && kind != SCENE_TYPE_CLASS)
    return;
  holder->absorbed = scene_absorbed_dict (analysis, holder->object);
  if (kind != SCENE_TYPE_CLASS)
    {
      append_items (analysis, o, rows);
      if (kind == SCENE_TYPE_OTHER)
        append_entries (analysis, o, TRACE_SLOT_VALUE, FILTER_NONE, rows);
    }
  for (guint32 i = 0; i < o->n_refs; i++)
    {
      const TraceRef *r = &o->refs[i];
      if (r->kind == TRACE_SLOT_ATTR)
        {
          if (kind != SCENE_TYPE_CLASS
              || keep_entry (analysis, FILTER_CLASS, scene_string (analysis, r->name), r->target))
            append (rows, TRACE_SLOT_ATTR, 0, r->target, target_of (analysis, o, r), 0, -1, r->name);
        }
      else if (r->kind == TRACE_SLOT_LABEL)
        {
          SceneLabelKind label = label_kind (analysis, r->name);

          if (label == LABEL_DICT && holder->absorbed >= 0 && !absorbed_done
              && r->target == analysis->objects[holder->absorbed].id)
            {
              /* An instance's attributes, as Python Tutor shows them. */
              absorbed_done = TRUE;
              append_entries (analysis, &analysis->objects[holder->absorbed], TRACE_SLOT_ATTR,
                              kind == SCENE_TYPE_CLASS ? FILTER_CLASS : FILTER_NONE, rows);
            }
          else if (label == LABEL_SHOWN
                   /* Between two garbage objects every reference shows
                    * what holds the garbage together. */
                   || (garbage && target_is_garbage (analysis, target_of (analysis, o, r))))
            append (rows, TRACE_SLOT_LABEL, 0, r->target, target_of (analysis, o, r), 0, -1,
                    r->name);
        }
    }
}

static void
append_frame_rows (SceneAnalysis *analysis, const TraceHeapFrame *f, GArray *rows)
{
  if (f->namespace != 0)
    {
      const TraceHeapObject *ns = lookup (analysis, f->namespace);
      if (ns != NULL)
        append_entries (analysis, ns, TRACE_SLOT_NAME, FILTER_DUNDER, rows);
    }
  for (guint32 i = 0; i < f->n_refs; i++)
    {
      const TraceRef *r = &f->refs[i];
      if (r->kind == TRACE_SLOT_NAME
          && !keep_entry (analysis, FILTER_DUNDER, scene_string (analysis, r->name), r->target))
        continue;
      append (rows, r->kind, 0, r->target, target_of (analysis, NULL, r),
              r->kind == TRACE_SLOT_INDEX ? 0 : (guint64) r->slot,
              r->kind == TRACE_SLOT_INDEX ? r->slot : -1, r->name);
    }
}

static guint64
summarised_items (const SceneAnalysis *analysis, guint64 container)
{
  guint64 n = 0;

  for (guint i = 0; i < trace_heap_n_summaries (analysis->heap); i++)
    {
      const TraceSummary *s = trace_heap_summary_at (analysis->heap, i);
      if (s->container == container && s->count > 0)
        n += (guint64) s->count;
    }
  return n;
}

void
scene_rows_collect (SceneAnalysis *analysis, SceneHolder *holder, GArray *rows)
{
  guint start = rows->len, n, max = analysis->options->max_items;

  holder->absorbed = -1;
  if (holder->frame >= 0)
    append_frame_rows (analysis, trace_heap_frame_at (analysis->heap, holder->frame), rows);
  else
    append_object_rows (analysis, holder, rows);
  n = rows->len - start;
  holder->n_items = n;
  holder->n_hidden = 0;
  if (holder->object >= 0 && (analysis->objects[holder->object].flags & TRACE_OBJ_SUMMARISED))
    holder->n_items += summarised_items (analysis, holder->id);
  if (holder->frame < 0 && max > 0 && holder->n_items > max)
    {
      guint head = MAX (max / 2, 1);
      guint tail = MIN (TAIL_ROWS, MAX (max - head, 1));
      guint shown = n;

      /* The last items of a summarised container are not named: its last
       * rows are not its last items. */
      if (holder->n_items > n)
        tail = 0;

      if (n > head + tail)
        {
          for (guint i = head; i < n - tail; i++)
            g_array_index (rows, SceneRow, start + i).flags |= SCENE_ROW_HIDDEN;
          shown = head + tail;
        }
      holder->n_hidden = holder->n_items - shown;
    }
}

const char *
scene_atom_text (SceneAnalysis *analysis, const TraceHeapObject *object)
{
  return object->repr != 0 ? scene_string (analysis, object->repr)
                           : scene_string (analysis, object->type);
}

char *
scene_row_label (SceneAnalysis *analysis, const SceneRow *row)
{
  const TraceHeapObject *key;

  switch (row->kind)
    {
    case TRACE_SLOT_INDEX:
      return row->index >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, row->index) : g_strdup ("?");
    case TRACE_SLOT_ATTR:
    case TRACE_SLOT_NAME:
    case TRACE_SLOT_LABEL:
      if (!(row->flags & SCENE_ROW_KEYED))
        return g_strdup (scene_string (analysis, row->name));
      break;
    case TRACE_SLOT_KEY:
      /* Translators: the label of a dict's row whose key is drawn as an
       * arrow to an object. */
      return g_strdup (row->flags & SCENE_ROW_KEY_ARROW ? _("key") : "");
    default:
      if (!(row->flags & SCENE_ROW_KEYED))
        /* Translators: the label of a dict's row holding a value whose
         * key is not shown. */
        return g_strdup (_("value"));
      break;
    }
  key = lookup (analysis, row->key);
  if (key == NULL || key->repr == 0)
    return g_strdup (key != NULL ? scene_string (analysis, key->type) : "?");
  if ((row->flags & SCENE_ROW_BARE_KEY) && is_str (analysis, key))
    return unquote (scene_string (analysis, key->repr));
  return g_strdup (scene_string (analysis, key->repr));
}

/* A function's or class's name: its repr, or the str its __name__ or
 * __qualname__ label points to. */
static char *
name_of (SceneAnalysis *analysis, const TraceHeapObject *o)
{
  if (o->repr != 0)
    return unquote (scene_string (analysis, o->repr));
  for (guint32 i = 0; i < o->n_refs; i++)
    if (o->refs[i].kind == TRACE_SLOT_LABEL)
      {
        const char *label = scene_string (analysis, o->refs[i].name);
        const TraceHeapObject *s;
        if (strcmp (label, "__name__") != 0 && strcmp (label, "__qualname__") != 0)
          continue;
        s = lookup (analysis, o->refs[i].target);
        if (s != NULL && s->repr != 0 && is_str (analysis, s))
          return unquote (scene_string (analysis, s->repr));
      }
  return NULL;
}

char *
scene_object_title (SceneAnalysis *analysis, const TraceHeapObject *object)
{
  const char *type = scene_string (analysis, object->type);
  const char *prefix = NULL;
  g_autofree char *name = NULL;

  switch (scene_type_kind (analysis, object->type))
    {
    case SCENE_TYPE_ATOM:
      return object->repr != 0 ? g_strdup_printf ("%s %s", type, scene_string (analysis, object->repr))
                               : g_strdup (type);
    case SCENE_TYPE_FUNCTION:
      prefix = "function";
      break;
    case SCENE_TYPE_CLASS:
      prefix = "class";
      break;
    case SCENE_TYPE_MODULE:
      prefix = "module";
      break;
    default:
      return g_strdup (type);
    }
  name = name_of (analysis, object);
  return name != NULL ? g_strdup_printf ("%s %s", prefix, name) : g_strdup (type);
}

char *
scene_frame_title (SceneAnalysis *analysis, guint frame)
{
  const TraceHeapFrame *f = trace_heap_frame_at (analysis->heap, frame);
  const char *name = scene_string (analysis, f->name);

  if (frame == 0 && (strcmp (name, "<module>") == 0 || *name == '\0'))
    return g_strdup (_("Global frame"));
  /* Below the module, a frame with a namespace of its own runs a class body. */
  if (f->namespace != 0 && frame > 0)
    return g_strdup_printf ("class %s", name);
  /* Translators: the title of a frame whose function has no name. */
  return g_strdup (*name != '\0' ? name : C_("frame title", "frame"));
}

char *
scene_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}
