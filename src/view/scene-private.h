/* scene-private.h: what the scene's files share: the analysis of one heap
 * state (which objects the frames reach, which are garbage or held
 * elsewhere, which become nodes and with which rows), and the helpers that
 * name and label them. */
#pragma once

#include "scene.h"

typedef enum
{
  SCENE_OBJ_UNREACHED = 0,  /* only while the analysis runs */
  SCENE_OBJ_REACHABLE,      /* a frame reaches it, through any reference */
  SCENE_OBJ_GARBAGE,        /* only a collection frees it */
  SCENE_OBJ_HELD,           /* held by a count the trace does not show */
  SCENE_OBJ_OUTSIDE,        /* unreachable and from before the trace: never drawn */
} SceneObjClass;

typedef enum
{
  SCENE_TYPE_OTHER = 0,     /* containers and instances: any row */
  SCENE_TYPE_ATOM,          /* int, str, None...: no references, drawn inline */
  SCENE_TYPE_SEQUENCE,      /* list, tuple: index rows in order */
  SCENE_TYPE_CLASS,         /* type: its attributes, dunders left out */
  SCENE_TYPE_FUNCTION,      /* a small card without rows */
  SCENE_TYPE_MODULE,        /* likewise */
  SCENE_TYPE_OPAQUE,        /* code, descriptors, cells of the runtime: no rows */
} SceneTypeKind;

enum
{
  SCENE_ROW_KEYED = 1u << 0,    /* labelled by the repr of the key object (key) */
  SCENE_ROW_BARE_KEY = 1u << 1, /* a str key shown as a name, without quotes */
  SCENE_ROW_HIDDEN = 1u << 2,   /* beyond what a collapsed container shows */
  SCENE_ROW_KEY_ARROW = 1u << 3, /* the arrow to a key that is not an atom */
};

#define SCENE_NO_INDEX G_MAXUINT

/* One row of a holder as the scene shows it: a list item, a dict entry (its
 * value), an attribute (also from an instance's __dict__), a variable. */
typedef struct
{
  guint64 target;
  guint target_index;   /* its object index in the analysis' heap, or SCENE_NO_INDEX */
  guint64 key;          /* keyed rows: the key object's id */
  gint64 index;         /* INDEX rows: the position, -1 if unknown */
  guint32 name;         /* ATTR, NAME and LABEL rows: the name's string */
  guint8 kind;          /* the TraceSlotKind shown */
  guint8 flags;         /* SCENE_ROW_* */
} SceneRow;

/* A frame or object that becomes a node. */
typedef struct
{
  guint64 id;
  gint object;          /* index in the heap's objects, -1 for a frame */
  gint frame;           /* index in the heap's frames, or -1 */
  gint absorbed;        /* object index of the __dict__ shown as its rows, or -1 */
  guint first_row;      /* rows in the analysis' rows */
  guint n_rows;
  guint64 n_items;      /* rows plus summarised items */
  guint64 n_hidden;     /* of those, not shown: > 0 for a collapsed container */
} SceneHolder;

typedef struct
{
  const TraceHeap *heap;
  const TraceLog *log;
  const ViewSceneOptions *options;
  guint n_objects;
  const TraceHeapObject *objects;  /* the heap's objects, one array */
  guint8 *cls;                /* SceneObjClass per object */
  gint8 *garbage_gen;         /* per object: for garbage, the youngest collection
                                 that frees it, else -1 */
  gint *node;                 /* per object: its holder, or -1 */
  gint *absorbed_by;          /* per object: the object whose __dict__ it is, or -1 */
  GArray *holders;            /* SceneHolder: the frames, then the objects */
  GArray *rows;               /* SceneRow */
  guint n_frames;
  guint *succ_offsets;        /* every reference of every object as its target's */
  guint *succ_targets;        /* index, in compressed rows (SCENE_NO_INDEX: unknown) */
  guint8 *string_kinds;       /* by string id: SceneTypeKind + 1 in the low four
                                 bits, the label's kind + 1 in the high four; 0: not
                                 known yet */
  guint n_string_kinds;
} SceneAnalysis;

/* scene-analysis.c */
SceneAnalysis *scene_analysis_new (const TraceHeap *heap, const TraceLog *log,
                                   const ViewSceneOptions *options);
void scene_analysis_free (SceneAnalysis *analysis);
/* The object index of id, or -1. */
gint scene_analysis_index (const SceneAnalysis *analysis, guint64 id);
/* The holder index of the object or frame id, or -1. */
gint scene_analysis_holder (const SceneAnalysis *analysis, guint64 id);

/* scene-rows.c */
SceneTypeKind scene_type_kind (SceneAnalysis *analysis, guint32 type);
gboolean scene_is_atom (SceneAnalysis *analysis, const TraceHeapObject *object);
/* A shared small int, interned or one-character str, None, True, False... */
gboolean scene_is_cached_atom (SceneAnalysis *analysis, const TraceHeapObject *object);
/* The object index of the dict whose entries object shows as its
 * attributes (its __dict__), or -1. */
gint scene_absorbed_dict (SceneAnalysis *analysis, guint object);
/* Appends the rows of holder to rows and sets its n_items, n_hidden and
 * absorbed; first_row and n_rows are the caller's. */
void scene_rows_collect (SceneAnalysis *analysis, SceneHolder *holder, GArray *rows);
/* The label of row (g_free it); its key is looked up in analysis' heap. */
char *scene_row_label (SceneAnalysis *analysis, const SceneRow *row);
/* The text an atom shows inline: its repr, or its type. */
const char *scene_atom_text (SceneAnalysis *analysis, const TraceHeapObject *object);
const char *scene_string (const SceneAnalysis *analysis, guint32 id);
/* A card's title: "list", "Node", "function f", "class Node", "int 1000". */
char *scene_object_title (SceneAnalysis *analysis, const TraceHeapObject *object);
char *scene_frame_title (SceneAnalysis *analysis, guint frame);
/* Whether name is a dunder (__name__). */
gboolean scene_is_dunder (const char *name);
/* n with thousands separated by commas: "200,000" (g_free it). */
char *scene_format_count (guint64 n);

/* A scene being built (scene.c), for the passes of the other files. */
typedef struct
{
  ViewScene *scene;
  const ViewSceneOptions *options;
  TraceTimeline *timeline;
  SceneAnalysis *now;         /* the state shown */
  SceneAnalysis *before;      /* the state compared with, or NULL */
  GArray *nodes;              /* ViewNode: the holders', then the ghosts */
  GArray *edges;              /* ViewEdge */
  GHashTable *ghosts;         /* id -> ghost node index + 1 */
  const TraceHeapObject **then; /* per holder: its object in before, or NULL */
} SceneBuild;

/* scene-changes.c */
/* Marks the node of each holder NEW or gives its count's change, and
 * fills build->then. */
void scene_mark_new (SceneBuild *build);
/* Adds a ghost node for each object freed in the last ghost_steps steps
 * that the scene of the step before its death drew. */
void scene_add_ghosts (SceneBuild *build, guint step);
/* Compares holder's rows with what it held in build->before: sets
 * added[i] for each of its rows that is new, and appends to removed the
 * rows it held then and holds no more (rows of build->before). */
void scene_diff_rows (SceneBuild *build, const SceneHolder *holder, gboolean *added,
                      GArray *removed);

/* scene-cycles.c */
/* Finds the cycles among the object nodes and flags their edges. */
void scene_find_cycles (SceneBuild *build);
/* Marks the nodes matching options->search. */
void scene_search (SceneBuild *build);
