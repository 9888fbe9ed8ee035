/* inspection.h: what the inspector panel shows of one object at one step:
 * what it is, who holds it (and how much the trace cannot show), what it
 * holds, why it is still alive, and its story from birth to death. */
#pragma once

#include "timeline.h"

typedef enum
{
  REFSCOPE_HOLDER_FRAME_VARIABLE, /* a frame's variable, an entry of its namespace included */
  REFSCOPE_HOLDER_CONTAINER_SLOT, /* a list or tuple item, a dict value, a set item */
  REFSCOPE_HOLDER_ATTRIBUTE,      /* an attribute (an instance __dict__ entry included) or
                                     an internal reference (__class__, cell_contents...) */
  REFSCOPE_HOLDER_DICT_KEY,       /* the key of a dict entry, a variable's or attribute's
                                     name included */
  REFSCOPE_HOLDER_OTHER,          /* references the trace does not show, counted */
} RefscopeHolderKind;

/* One reference to the object, or (OTHER) the count of those not seen. */
typedef struct
{
  RefscopeHolderKind kind;
  guint64 holder;         /* the frame or object shown as holding it; 0 for OTHER */
  gboolean holder_is_frame;
  guint64 via;            /* the dict that stores the reference when it is shown as a
                             frame's variable or an object's attribute (a namespace, a
                             __dict__), else 0 */
  gint64 count;           /* references it stands for: 1, or N for OTHER */
  char *holder_title;     /* "Global frame", "f", "list 0x7f3a10", NULL for OTHER */
  char *label;            /* "a", "[0]", "['key']", ".x", ".__class__", "(iterated)" (an
                             internal reference Python does not name), "key", "item"
                             (of a set); NULL for OTHER */
  char *sentence;         /* ready to show: "variable a in Global frame",
                             "item [1] of list 0x7f3a10", "2 held elsewhere (...)" */
} RefscopeHolder;

/* One reference the object holds. */
typedef struct
{
  guint8 slot_kind;       /* TraceSlotKind */
  char *label;            /* as a holder's: "[0]", "['key']", "key", "item", ".x" */
  guint64 target;
  char *description;      /* the target in short: "int 1", "str 'a'", "list 0x7f3a10" */
} RefscopeReferent;

/* A step of the path from a frame to the object: the frame or object and
 * the reference followed from it to the next step. */
typedef struct
{
  guint64 id;
  gboolean is_frame;
  char *title;            /* "Global frame", "list 0x7f3a10" */
  char *label;            /* "a", "[0]", ".x", "namespace"; NULL on the last step */
} RefscopePathStep;

/* The count moved from old_refcnt (at the end of from_step) to new_refcnt
 * (at the end of step). */
typedef struct
{
  guint step;
  guint from_step;        /* step - 1, or the last step examined before when the
                             history is sampled */
  gint64 old_refcnt;
  gint64 new_refcnt;
} RefscopeRefcntChange;

/* Steps first..last, both included. */
typedef struct
{
  guint first, last;
} RefscopeStepRange;

/* Steps whose ends are examined one by one in a life; a longer life (or
 * one of more than 200,000 events) is sampled. */
#define REFSCOPE_INSPECTION_MAX_HISTORY_STEPS 2000
/* Holders and referents listed, at most (a list of a million items). */
#define REFSCOPE_INSPECTION_MAX_ROWS 1000

/* Everything is owned by the inspection and freed by
 * refscope_inspection_free: read the fields, do not change them. Texts are
 * in English, looked up in the "refscope" gettext domain. */
typedef struct
{
  guint64 id;
  guint step;               /* the step inspected */
  gboolean alive;           /* FALSE for a dead object's story (refscope_inspection_new_dead):
                               then holders, referents and path are empty */

  /* What it is. */
  char *type_name;          /* "list", "int", "Node" */
  char *title;              /* "list", "int 1000", "function f", "class Node" */
  char *repr;               /* an atom's value ("1000", "'abc'"), or NULL */
  guint64 addr;
  char *address;            /* "0x7f3a10" */
  guint64 size;             /* bytes, as sys.getsizeof */
  gint64 refcnt;            /* alive: at the step; dead: just before it was freed */
  gint8 gen;                /* 0-2, 3 permanent, -1 untracked */
  char *generation_text;    /* "generation 0", "permanent generation (gc.freeze())",
                               "not tracked by the collector" */
  guint8 flags;             /* TRACE_OBJ_*: cached, interned, preexisting, summarised,
                               unreachable (marked by the collection in progress) */
  gboolean shared_atom;     /* a cached or interned atom the interpreter shares */

  /* Who holds it: frames (outermost first), then objects by id (an
   * attribute's under the object whose __dict__ holds it), then the
   * references the trace does not show (OTHER) if any. The counts add up
   * to refcnt when the trace shows no more references than the count and
   * no more than REFSCOPE_INSPECTION_MAX_ROWS of them. */
  guint n_holders;
  RefscopeHolder *holders;
  gint64 n_shown_refs;      /* references the trace shows, listed or not */
  gint64 n_other_refs;      /* refcnt - n_shown_refs: held elsewhere (may be < 0 in a
                               trace that is off; no OTHER holder then) */

  /* What it holds: list items in order, then its other references in the
   * trace's order. */
  guint n_referents;
  RefscopeReferent *referents;
  guint64 n_referents_total; /* its references, listed or not (its summarised items,
                                which are not references of their own, excluded) */

  /* Why it is alive: the shortest chain of references from a frame, frame
   * first and the object last. Empty when no frame reaches it. */
  guint n_path;
  RefscopePathStep *path;
  char *path_expression;    /* the path as Python, valid in its first step's frame
                               ("b[0]", "n.x"); NULL when the path is empty or takes a
                               step Python cannot spell (a dict key, a set item) */
  gboolean unreachable;     /* no frame reaches it */
  gboolean garbage;         /* unreachable and held only by other unreachable objects
                               whose counts the trace explains: only the collector can
                               free it */
  char *unreachable_text;   /* why it lives on when unreachable, else NULL */

  /* Its story. Steps are the timeline's; the count at a step is the
   * count after that step's statement. Found by following the trace's
   * events for the object from its birth, which costs time in the events
   * of its life: past REFSCOPE_INSPECTION_MAX_HISTORY_STEPS steps (or
   * 200,000 events) the history is sampled: its first 1,000 steps, then
   * (from the state at the step inspected, or for a dead object the last
   * step it lived through whole) 1,000 more. */
  guint born_step;
  guint64 born_event;
  gint64 born_refcnt;       /* at the end of the step it was born in */
  guint n_changes;
  RefscopeRefcntChange *changes; /* in order, through the step before its death, or
                                    the last */
  gboolean history_sampled; /* some steps of its life were not examined */
  guint n_history_ranges;   /* 1, or 2 when sampled from the step inspected too */
  RefscopeStepRange history_ranges[2]; /* the steps whose ends were examined */
  gboolean died;
  guint died_step;
  guint64 died_event;
  gint32 death_cause;       /* TRACE_CAUSE_* or the generation collected */
  char *death_text;         /* "freed: refcount 0", "collected by generation 2",
                               "freed at shutdown"; NULL if it outlives the trace */
} RefscopeInspection;

/* The object id at step (clamped to the timeline) of timeline, or NULL if
 * id is not alive then. Reads the timeline through a cursor of its own:
 * safe beside other readers as long as nothing is appended meanwhile. Costs
 * one seek, a pass or two over the state's references, a search from the
 * frames and a pass over (at most 200,000 of) the events of its life. */
RefscopeInspection *refscope_inspection_new (TraceTimeline *timeline, guint step, guint64 id);

/* The same through cursor, a cursor of timeline that it moves to step:
 * cheaper when the caller keeps one cursor for many inspections. */
RefscopeInspection *refscope_inspection_new_with_cursor (TraceTimeline *timeline,
                                                         TraceCursor *cursor, guint step,
                                                         guint64 id);

/* The story of id freed at or before step: what it was at the end of the
 * last step it lived through (type, repr, address, size, generation), its
 * count just before its free (0 unless a collector freed it with
 * references left), when it was born, its counts over its life, when and
 * how it died. No holders, referents or path. NULL if id was not freed by
 * then (alive, not born yet, or unknown). */
RefscopeInspection *refscope_inspection_new_dead (TraceTimeline *timeline, guint step,
                                                  guint64 id);

void refscope_inspection_free (RefscopeInspection *inspection);

/* "0x7f3a10" (g_free it). */
char *refscope_format_address (guint64 addr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeInspection, refscope_inspection_free)
