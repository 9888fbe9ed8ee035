/* inspection-private.h: what the parts of the inspection (inspection.c,
 * inspection-holders.c, inspection-path.c, inspection-history.c) share. */
#pragma once

#include "inspection.h"

#ifndef GETTEXT_PACKAGE
#define GETTEXT_PACKAGE "refscope"
#endif
#include <glib/gi18n-lib.h>

#include <string.h>

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

static inline const char *
inspection_str (const Inspector *in, guint32 id)
{
  return trace_log_string (in->log, id);
}

static inline gboolean
inspection_is_type (const Inspector *in, const TraceHeapObject *o, const char *type)
{
  return strcmp (inspection_str (in, o->type), type) == 0;
}

/* An object's index in the heap's array, or -1. */
static inline gint
inspection_index_of (const Inspector *in, guint64 id)
{
  const TraceHeapObject *o = trace_heap_lookup (in->heap, id);

  return o != NULL ? (gint) (o - in->objects) : -1;
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

/* inspection.c: what objects, frames and references are called. */
TypeKind inspection_type_kind (const char *type);
char *inspection_describe (const Inspector *in, const TraceHeapObject *o);
char *inspection_describe_id (const Inspector *in, guint64 id);
char *inspection_frame_title (const Inspector *in, guint frame);
char *inspection_frame_phrase (const Inspector *in, guint frame);
char *inspection_key_text (const Inspector *in, guint64 key, gboolean bare);
gboolean inspection_is_internal_label (const char *name);
gboolean inspection_has_value_for (const TraceHeapObject *holder, gint64 key);
char *inspection_ref_label (const Inspector *in, const TraceHeapObject *holder,
                            const TraceRef *r);

/* inspection-holders.c */
GArray *inspection_find_refs_to (Inspector *in, const TraceHeapObject *object);
void inspection_collect_holders (Inspector *in, const TraceHeapObject *object, GArray *found);
void inspection_collect_referents (Inspector *in, const TraceHeapObject *o);

/* inspection-path.c */
void inspection_find_path (Inspector *in, const TraceHeapObject *object);

/* inspection-history.c */
gint64 inspection_build_history (TraceTimeline *timeline, RefscopeInspection *self,
                                 const Inspector *in, guint anchor, GArray *found);
void inspection_set_death (TraceTimeline *timeline, RefscopeInspection *self,
                           const TraceDeath *d);
const TraceDeath *inspection_find_death (TraceTimeline *timeline, guint64 id, guint first,
                                         guint end);
