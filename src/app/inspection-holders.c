/* inspection-holders.c: who holds the inspected object (frames, objects,
 * and the references the trace does not show) and what it holds. */
#include "inspection-private.h"

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
  g_autofree char *name = inspection_key_text (in, (guint64) r->slot, TRUE);
  g_autofree char *place = in_frame ? inspection_frame_phrase (in, (guint) f->frame)
                                    : inspection_describe (in, f->owner);
  g_autofree char *entry = in_frame ? g_strdup_printf (_("variable %s in %s"), name, place)
                                    : g_strdup_printf (_("attribute .%s of %s"), name, place);
  guint64 id = in_frame ? trace_heap_frame_at (in->heap, (guint) f->frame)->id : f->owner->id;
  char *title = in_frame ? inspection_frame_title (in, (guint) f->frame)
                         : inspection_describe (in, f->owner);

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
      g_autofree char *place = inspection_frame_phrase (in, (guint) f->frame);
      const char *name;
      r = &frame->refs[f->ref];
      name = inspection_str (in, r->name);
      set_holder (h, REFSCOPE_HOLDER_FRAME_VARIABLE, frame->id, TRUE, 0,
                  inspection_frame_title (in, (guint) f->frame), g_strdup (name),
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
  what = inspection_describe (in, holder);
  label = inspection_ref_label (in, holder, r);
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
      if (inspection_has_value_for (holder, r->slot))
        set_holder (h, REFSCOPE_HOLDER_DICT_KEY, holder->id, FALSE, 0, g_strdup (what), label,
                    g_strdup_printf (_("key of %s"), what));
      else
        set_holder (h, REFSCOPE_HOLDER_CONTAINER_SLOT, holder->id, FALSE, 0, g_strdup (what), label,
                    g_strdup_printf (_("item of %s"), what));
      break;
    default:
      set_holder (h, REFSCOPE_HOLDER_ATTRIBUTE, holder->id, FALSE, 0, g_strdup (what), label,
                  r->kind == TRACE_SLOT_LABEL
                      && inspection_is_internal_label (inspection_str (in, r->name))
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
              && strcmp (inspection_str (in, r->name), "__dict__") == 0)
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
GArray *
inspection_find_refs_to (Inspector *in, const TraceHeapObject *object)
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
              else if (inspection_is_type (in, o, "dict"))
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

void
inspection_collect_holders (Inspector *in, const TraceHeapObject *object, GArray *found)
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

void
inspection_collect_referents (Inspector *in, const TraceHeapObject *o)
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
      out->label = inspection_ref_label (in, o, r);
      out->target = r->target;
      out->description = inspection_describe_id (in, r->target);
    }
}
