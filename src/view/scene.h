/* scene.h: what is drawn at one step: the frames and their variables, the
 * objects reachable from them, the live objects that are not (garbage the
 * collector has yet to free), and the ghosts of objects freed in the last
 * few steps, with cycles, generations and the changes since the step
 * before marked. Built from the trace layer's state; knows nothing of
 * Graphviz, cairo or GTK. */
#pragma once

#include "timeline.h"

typedef enum
{
  VIEW_NODE_FRAME,      /* a frame: its variables are its slots */
  VIEW_NODE_OBJECT,     /* a live object: a card */
  VIEW_NODE_ATOM,       /* an int/str/None... drawn as a node of its own rather
                           than inline: a cached or interned one with
                           show_cached, or any other that two slots share (so
                           that `a is b` shows) */
  VIEW_NODE_GHOST,      /* an object freed in the last ghost_steps steps that the
                           scene drew before it died; it has no slots */
} ViewNodeKind;

enum
{
  VIEW_NODE_GARBAGE = 1u << 0,     /* unreachable from every frame, and no count held
                                      elsewhere (stack, C): only a collection frees it */
  VIEW_NODE_HELD_ELSEWHERE = 1u << 1, /* unreachable from the frames but held by something
                                      the trace does not show (a temporary, the running
                                      statement's code); drawn only with
                                      show_held_elsewhere */
  VIEW_NODE_NEW = 1u << 2,         /* not in the state compared with: born since */
  VIEW_NODE_CACHED = 1u << 3,      /* a shared small int (-5..256), 1-character or empty
                                      str, None, True, False */
  VIEW_NODE_INTERNED = 1u << 4,
  VIEW_NODE_UNTRACKED = 1u << 5,   /* the collector does not follow it */
  VIEW_NODE_UNREACHABLE = 1u << 6, /* marked by the collection in progress */
  VIEW_NODE_SUMMARY = 1u << 7,     /* a collapsed big container: its first max_items / 2
                                      slots and (unless the trace summarised some of its
                                      items, whose order is unknown) its last 5 */
  VIEW_NODE_MATCH = 1u << 8,       /* matches the search */
  VIEW_NODE_PREEXISTING = 1u << 9, /* existed before the trace; contents may be unknown */
};

typedef enum
{
  VIEW_CHANGE_NONE = 0,
  VIEW_CHANGE_ADDED,
  VIEW_CHANGE_REMOVED,  /* shown for one step: the reference that just went (after
                           the other slots; its target_node is a live node or
                           the target's ghost, or -1 with inline_value) */
} ViewChange;

/* One row of a card: a list/tuple item, a dict entry, a set item, an
 * attribute (an instance's __dict__ entries included), a variable. A slot
 * either shows a value inline (atoms, by default; or an object the scene
 * leaves out, as "<type>") or is the start of an arrow to another node.
 * Dict entries, and the variables of the global frame, come in the order
 * of the trace's references: the order they were added in, except that
 * removing an entry moves the last one into its place (the trace's state
 * keeps no more). A dict entry whose key is no atom is two slots: "key",
 * an arrow to the key, then "value". */
typedef struct
{
  char *label;          /* "0", "'key'", "name" (dict keys as their repr; str keys
                           of a namespace or __dict__ bare, as names); "" for a
                           set's item */
  char *inline_value;   /* "42", "'abc'", "None"; NULL when it is an arrow */
  guint64 target;       /* the object referred to (also for inline values) */
  gint target_node;     /* index in nodes of the arrow's end, or -1 */
  guint8 slot_kind;     /* TraceSlotKind */
  guint8 change;        /* ViewChange */
} ViewSlot;

typedef struct
{
  guint64 id;           /* object or frame id; stable across steps */
  ViewNodeKind kind;
  guint flags;          /* VIEW_NODE_* */
  char *type_name;      /* "list", "Node", "frame" */
  char *title;          /* "list", "Node", "function f", "class Node", "module gc",
                           "int 1000" (atoms), "list · 200,000 items" (summaries);
                           frames: "Global frame", "f", "class Node" (its body) */
  char *value;          /* an atom's repr, or NULL */
  guint64 addr;
  guint64 size;
  gint64 refcnt;        /* -1 for frames */
  gint64 refcnt_delta;  /* since the previous step */
  gint8 gen;            /* 0-2, 3 permanent, -1 untracked */
  gint cycle;           /* index into cycles, or -1 */
  gint garbage_gen;     /* for garbage: the youngest generation whose collection
                           frees it, else -1. A collection of g examines
                           generations 0..g, and garbage of an older generation
                           that refers to a cycle keeps it: for a cycle, the
                           oldest generation among its members and all the
                           garbage that reaches it; for an object in no cycle,
                           the latest of its referrers'. Untracked objects count
                           for none; 3 (frozen) means no collection will */
  gint64 gc_refs;       /* during a detailed collection, else -1 */
  char *ghost_cause;    /* for ghosts: "freed: refcount 0", "collected by generation 2",
                           "freed at shutdown" */
  guint ghost_age;      /* for ghosts: steps since it was freed (1 = this step) */
  guint n_slots;
  ViewSlot *slots;
  guint64 hidden_slots; /* for summaries: items not shown, summarised ones included */
  char *hidden_text;    /* e.g. "99,999,000 more int", "1,000 more (998 int, 2 str)" */
} ViewNode;

enum
{
  VIEW_EDGE_IN_CYCLE = 1u << 0,      /* both ends in the same cycle */
  VIEW_EDGE_INTO_CYCLE = 1u << 1,    /* from outside a cycle (a frame too) into it: keeps
                                        it alive */
  VIEW_EDGE_NEW = 1u << 2,           /* an added slot's, or a new node's */
  VIEW_EDGE_REMOVED = 1u << 3,       /* a reference gone this step, drawn faintly */
  VIEW_EDGE_TO_GARBAGE = 1u << 4,
};

typedef struct
{
  guint from_node;
  guint from_slot;      /* index in the from node's slots */
  guint to_node;
  guint flags;          /* VIEW_EDGE_* */
} ViewEdge;

/* A strongly connected component of the drawn objects (two or more, or
 * one referring to itself), found over every reference between them,
 * internal ones that draw no arrow included. */
typedef struct
{
  guint n_members;
  guint *members;       /* node indexes, in node order */
  guint n_outside_referrers; /* references from outside the cycle into it: frames',
                                and any object's, drawn or not */
  gboolean garbage;     /* every member is garbage: nothing outside keeps it alive */
} ViewCycle;

typedef struct
{
  gboolean show_cached;      /* shared atoms as nodes in a "cached and interned" region */
  gboolean show_dunder;      /* module dunders (__name__, __builtins__...) in the globals
                                frame and class bodies, and a class's dunder attributes
                                other than its methods */
  gboolean show_held_elsewhere; /* objects only temporaries hold (default FALSE) */
  guint max_items;           /* containers with more items collapse (default 40: the first
                                and last few shown); 0: never */
  guint ghost_steps;         /* how long ghosts stay (default 3) */
  const char *search;        /* marks (VIEW_NODE_MATCH) the nodes whose type, title or value
                                holds it, ignoring case, and those a variable or attribute
                                whose name holds it refers to (a frame, for a variable drawn
                                inline); "0x7f3a..." marks the nodes whose address starts
                                so. NULL or "": none */
  guint max_ghosts;          /* at most this many ghosts, the newest (default 8) */
} ViewSceneOptions;

void view_scene_options_init (ViewSceneOptions *options);

typedef struct
{
  guint step;
  guint n_steps;
  guint64 events;            /* the state is after this many events */
  guint n_nodes;
  ViewNode *nodes;           /* frames first (outermost first), then objects (what the
                                frames reach, breadth first; then the garbage and what
                                it reaches, by id), then ghosts */
  guint n_edges;
  ViewEdge *edges;
  guint n_cycles;
  ViewCycle *cycles;
  TraceHeapStats stats;
  char *source_line;         /* the statement of this step (its line, without the
                                indentation), or NULL at step 0 */
  guint line;                /* its line, or 0 */
  guint refcount;            /* scenes are shared with the layout thread */
  GHashTable *index;         /* id -> position + 1; made by view_scene_build. A scene
                                built by hand may leave it NULL: finding then scans */
} ViewScene;

/* The scene at step (0..n_steps; clamped) of timeline. previous_step is
 * the step to compare with for changes (usually step - 1; G_MAXUINT: none).
 * options may be NULL (the defaults). Thread-safe as long as the timeline
 * is not appended to meanwhile: it reads it through cursors of its own.
 * Costs a few seeks of the timeline and time linear in the objects and
 * references of the states it reads. */
ViewScene *view_scene_build (TraceTimeline *timeline, guint step, guint previous_step,
                             const ViewSceneOptions *options);

/* The scene after the first events events of timeline (clamped), which
 * may fall inside a step: inside a collection, the objects carry their
 * gc_refs and unreachable marks, and stats the phase. Changes are marked
 * against the state after previous_events (G_MAXUINT64: none); ghosts and
 * the statement are those of the step the events fall in. */
ViewScene *view_scene_build_at_event (TraceTimeline *timeline, guint64 events,
                                      guint64 previous_events, const ViewSceneOptions *options);

/* Every pointer in a scene is its own (g_malloc'd), freed by the last
 * unref: a scene built by hand must own its strings and arrays too. */
ViewScene *view_scene_ref (ViewScene *scene);
void view_scene_unref (ViewScene *scene);

/* The node of id, or -1. */
gint view_scene_find (const ViewScene *scene, guint64 id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ViewScene, view_scene_unref)
