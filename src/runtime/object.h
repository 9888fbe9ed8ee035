/* object.h: the object header every runtime object starts with, the
 * per-type behaviour table, and reference counting. */
#pragma once

#include "rt-types.h"

/* Every object begins with this header. The serial number names the object
 * in events: it is never reused, unlike the object's address (its id()). */
struct RtObject
{
  uint32_t refcnt;
  uint32_t aux;     /* a few bits of per-type state (str kind, int sign...) */
  RtType *type;
  uint64_t serial;
};

/* Objects of types with RT_TPFLAG_GC are preceded by this head, exactly as
 * CPython's PyGC_Head precedes a container:
 *   next  the next object in its generation list; 0 while untracked; the low
 *         bit marks "unreachable" during a collection.
 *   prev  the previous object; its two low bits are the FINALIZED and
 *         COLLECTING flags, and during a collection the bits above them hold
 *         the working gc_refs instead of a pointer. */
struct RtGcHead
{
  uintptr_t next;
  uintptr_t prev;
};

#define RT_AS_GC(o) ((RtGcHead *) (o) - 1)
#define RT_FROM_GC(g) ((RtObject *) ((RtGcHead *) (g) + 1))

/* Rich comparison operators, in CPython's order. */
enum
{
  RT_LT,
  RT_LE,
  RT_EQ,
  RT_NE,
  RT_GT,
  RT_GE
};

/* Type flags. The *_SUBCLASS bits make isinstance checks on the core types a
 * single test, as CPython's Py_TPFLAGS_LONG_SUBCLASS and friends do. */
enum
{
  RT_TPFLAG_GC = 1u << 0,              /* objects carry an RtGcHead */
  RT_TPFLAG_HEAPTYPE = 1u << 1,        /* a class made by a class statement */
  RT_TPFLAG_BASETYPE = 1u << 2,        /* may be subclassed */
  RT_TPFLAG_MANAGED_DICT = 1u << 3,    /* instances keep attributes inline */
  RT_TPFLAG_ABSTRACT = 1u << 4,        /* cannot be instantiated */
  RT_TPFLAG_VECTORCALL = 1u << 5,      /* calling the class counts no recursion depth,
                                          as CPython's tp_vectorcall classes */
  RT_TPFLAG_INT_SUBCLASS = 1u << 8,
  RT_TPFLAG_STR_SUBCLASS = 1u << 9,
  RT_TPFLAG_LIST_SUBCLASS = 1u << 10,
  RT_TPFLAG_TUPLE_SUBCLASS = 1u << 11,
  RT_TPFLAG_DICT_SUBCLASS = 1u << 12,
  RT_TPFLAG_TYPE_SUBCLASS = 1u << 13,
  RT_TPFLAG_EXC_SUBCLASS = 1u << 14,
  RT_TPFLAG_FLOAT_SUBCLASS = 1u << 15,
};

/* What a reference leaving an object is, for events, the view and the heap
 * invariant: a list slot, a dict key or value, an attribute, a frame's name,
 * or one of the fixed internal links below. */
typedef enum
{
  RT_SLOT_INDEX = 1,  /* index: position in a list or tuple */
  RT_SLOT_KEY,        /* key: the dict key object itself */
  RT_SLOT_VALUE,      /* key: the key whose value this is */
  RT_SLOT_ATTR,       /* key: the attribute name (a str) */
  RT_SLOT_NAME,       /* key: a variable name (a str) in a frame or cell */
  RT_SLOT_INTERNAL,   /* index: an RtRefLabel */
} RtSlotKind;

typedef enum
{
  RT_LABEL_CLASS = 1,   /* instance -> its class */
  RT_LABEL_DICT,        /* __dict__ */
  RT_LABEL_BASES,
  RT_LABEL_MRO,
  RT_LABEL_BASE,
  RT_LABEL_NAME,        /* __name__ */
  RT_LABEL_QUALNAME,
  RT_LABEL_MODULE,
  RT_LABEL_CODE,        /* function -> code */
  RT_LABEL_GLOBALS,
  RT_LABEL_BUILTINS,
  RT_LABEL_DEFAULTS,
  RT_LABEL_KWDEFAULTS,
  RT_LABEL_CLOSURE,
  RT_LABEL_SELF,        /* bound method -> self */
  RT_LABEL_FUNC,        /* bound method -> function */
  RT_LABEL_CELL_CONTENTS,
  RT_LABEL_CONSTS,      /* code -> a constant (index in slot) */
  RT_LABEL_NAMES,       /* code -> a name */
  RT_LABEL_ARGS,        /* exception -> args */
  RT_LABEL_TRACEBACK,
  RT_LABEL_CONTEXT,
  RT_LABEL_CAUSE,
  RT_LABEL_START,       /* range */
  RT_LABEL_STOP,
  RT_LABEL_STEP,
  RT_LABEL_ITERATED,    /* iterator -> the sequence it walks */
  RT_LABEL_RESULT,      /* iterator -> its reused result tuple */
  RT_LABEL_KEYS,        /* dict view -> dict */
  RT_LABEL_OTHER,
  RT_LABEL_COUNT_
} RtRefLabel;

typedef struct
{
  RtSlotKind kind;
  int64_t index;       /* RT_SLOT_INDEX position, or an RtRefLabel */
  RtObject *key;       /* borrowed: the key or name, for KEY/VALUE/ATTR/NAME */
} RtSlot;

typedef int (*RtVisitFn) (RtObject *target, void *arg);
typedef int (*RtTraverseFn) (RtObject *self, RtVisitFn visit, void *arg);
typedef void (*RtRefsFn) (RtObject *self, void (*visit) (RtObject *self, RtSlot slot,
                                                        RtObject *target, void *arg),
                          void *arg);
typedef void (*RtRefVisitFn) (RtObject *self, RtSlot slot, RtObject *target, void *arg);

typedef RtObject *(*RtUnaryFn) (RtObject *a);
typedef RtObject *(*RtBinaryFn) (RtObject *a, RtObject *b);
typedef RtObject *(*RtTernaryFn) (RtObject *a, RtObject *b, RtObject *c);

/* Calls pass borrowed arguments in an array, positional ones first, then one
 * per name in kwnames (a tuple of str, or NULL), as CPython's vectorcall. */
typedef RtObject *(*RtCallFn) (RtObject *callable, RtObject *const *args, size_t nargs,
                               RtObject *kwnames);

/* Arithmetic: return a new reference, NULL with an error set, or a new
 * reference to rt_not_implemented to let the other operand try. */
typedef struct
{
  RtBinaryFn add, subtract, multiply, remainder, floor_divide, true_divide;
  RtBinaryFn power, lshift, rshift, and_, xor_, or_, matmul;
  RtBinaryFn inplace_add, inplace_subtract, inplace_multiply, inplace_remainder;
  RtBinaryFn inplace_floor_divide, inplace_true_divide, inplace_power;
  RtBinaryFn inplace_lshift, inplace_rshift, inplace_and, inplace_xor, inplace_or;
  RtUnaryFn negative, positive, absolute, invert;
  RtUnaryFn as_int, as_float, index;
  int (*as_bool) (RtObject *a);  /* 1, 0, or -1 with an error set */
} RtNumberMethods;

typedef struct
{
  int64_t (*length) (RtObject *self);                        /* -1: error */
  RtObject *(*item) (RtObject *self, int64_t i);             /* i already >= 0 */
  int (*ass_item) (RtObject *self, int64_t i, RtObject *v);  /* v NULL: delete */
  int (*contains) (RtObject *self, RtObject *v);             /* 1, 0, -1 */
  RtBinaryFn concat;
  RtObject *(*repeat) (RtObject *self, int64_t n);
  RtBinaryFn inplace_concat;
  RtObject *(*inplace_repeat) (RtObject *self, int64_t n);
} RtSequenceMethods;

typedef struct
{
  int64_t (*length) (RtObject *self);
  RtBinaryFn subscript;
  int (*ass_subscript) (RtObject *self, RtObject *key, RtObject *v); /* v NULL: delete */
} RtMappingMethods;

/* A method of a built-in type: `self` is the object it was looked up on. */
typedef struct
{
  const char *name;
  RtCallFn fn;
  uint32_t flags;  /* RT_METH_* */
} RtMethodDef;

enum
{
  RT_METH_STATIC = 1u << 0,  /* no self: a staticmethod */
  RT_METH_CLASS = 1u << 1,   /* self is the type: a classmethod */
};

/* A type: the behaviour of its instances, as CPython's PyTypeObject. Types are
 * objects too; built-in ones are static, classes live on the heap. A NULL
 * slot means the operation is not supported. */
struct RtType
{
  RtObject ob;
  const char *name;
  RtType *base;
  uint32_t flags;
  uint32_t basic_size;   /* bytes of the object struct, without a GC head */
  uint32_t item_size;    /* bytes per item of variable-size objects */

  RtObject *dict;        /* the namespace: methods and class attributes */
  RtObject *bases;       /* tuple of types */
  RtObject *mro;         /* tuple of types, this one first */
  RtObject *name_obj;    /* heap types: __name__ as a str */
  RtObject *qualname;    /* heap types: __qualname__ */
  RtObject *module;      /* heap types: __module__ */
  void *cached_keys;     /* classes: the attribute names their instances share */

  void (*dealloc) (RtObject *self);  /* drop references, then free memory */
  RtTraverseFn traverse;             /* references as the collector sees them */
  int (*clear) (RtObject *self);     /* break references, for the collector */
  RtRefsFn refs;                     /* every reference, with its slot */
  void (*finalize) (RtObject *self); /* __del__, run once (PEP 442) */

  RtUnaryFn repr;
  RtUnaryFn str;
  RtHash (*hash) (RtObject *self);
  RtObject *(*richcompare) (RtObject *self, RtObject *other, int op);
  RtBinaryFn getattro;
  int (*setattro) (RtObject *self, RtObject *name, RtObject *value); /* NULL: delete */
  RtCallFn call;
  RtUnaryFn iter;
  RtUnaryFn iternext;  /* NULL without an error set: exhausted */
  RtObject *(*descr_get) (RtObject *self, RtObject *obj, RtType *type);
  int (*descr_set) (RtObject *self, RtObject *obj, RtObject *value);
  RtObject *(*tp_new) (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames);
  int (*init) (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames);

  const RtNumberMethods *number;
  const RtSequenceMethods *sequence;
  const RtMappingMethods *mapping;
  const RtMethodDef *methods;

  /* sys.getsizeof without the GC head, as CPython 3.11's __sizeof__ says;
   * NULL means basic_size. */
  size_t (*size_of) (RtObject *self);
};

#define RT_TYPE(o) (((RtObject *) (o))->type)
#define RT_REFCNT(o) (((RtObject *) (o))->refcnt)
#define RT_TYPE_HAS(t, f) (((t)->flags & (f)) != 0)
/* Whether obj has a GC head. Static objects never do, even when their type
 * is a GC type (built-in type objects), as CPython's type_is_gc says. */
#define RT_IS_GC(o)                                                     \
  (RT_TYPE_HAS (RT_TYPE (o), RT_TPFLAG_GC) && !(((RtObject *) (o))->aux & RT_AUX_STATIC))

/* Called when a count reaches zero: finalizes and frees the object and then,
 * iteratively, everything whose count that drops to zero. */
void rt_dealloc (RtObject *obj);

static inline void
rt_incref (RtObject *obj)
{
  obj->refcnt++;
}

static inline void
rt_decref (RtObject *obj)
{
  if (--obj->refcnt == 0)
    rt_dealloc (obj);
}

static inline void
rt_xincref (RtObject *obj)
{
  if (obj != NULL)
    obj->refcnt++;
}

static inline void
rt_xdecref (RtObject *obj)
{
  if (obj != NULL && --obj->refcnt == 0)
    rt_dealloc (obj);
}

/* Returns a new reference to obj, for "return rt_newref (x);". */
static inline RtObject *
rt_newref (RtObject *obj)
{
  obj->refcnt++;
  return obj;
}

/* Sets *slot to NULL, then drops what it held: the order matters when the
 * drop runs code that reads the slot. */
#define RT_CLEAR(slot)                          \
  do                                            \
    {                                           \
      RtObject *rt_clear_tmp_ = (RtObject *) (slot); \
      if (rt_clear_tmp_ != NULL)                \
        {                                       \
          (slot) = NULL;                        \
          rt_decref (rt_clear_tmp_);            \
        }                                       \
    }                                           \
  while (0)

/* Replaces *slot with a new value (already a new reference), dropping the old. */
#define RT_SETREF(slot, value)                  \
  do                                            \
    {                                           \
      RtObject *rt_old_ = (RtObject *) (slot);  \
      (slot) = (value);                         \
      rt_xdecref (rt_old_);                     \
    }                                           \
  while (0)

#define RT_VISIT(o)                             \
  do                                            \
    {                                           \
      if ((o) != NULL)                          \
        {                                       \
          int rt_visit_ret_ = visit ((RtObject *) (o), arg); \
          if (rt_visit_ret_)                    \
            return rt_visit_ret_;               \
        }                                       \
    }                                           \
  while (0)

bool rt_type_is_subtype (RtType *a, RtType *b);

static inline bool
rt_is_instance_of (RtObject *obj, RtType *type)
{
  return obj->type == type || rt_type_is_subtype (obj->type, type);
}

/* Allocation of objects, for the types' constructors. */

/* aux bit 31 marks objects that live outside the arenas (None, True, the
 * built-in types): never freed, their id() is their C address. */
#define RT_AUX_STATIC (1u << 31)

/* Allocates a non-GC object of `size` bytes: count 1, type set, a new
 * serial. A heap type's instance holds a reference to its type. NULL with
 * MemoryError set on failure. GC types use rt_gc_alloc (gc.h). */
RtObject *rt_object_alloc (RtType *type, size_t size);

/* Frees the memory of a non-GC object allocated with `size` bytes. */
void rt_object_free (RtObject *obj, size_t size);

/* Brings back an object kept on a free list: count 1 and a new serial, as
 * it is a new object for events and for the program. */
void rt_object_reinit (RtObject *obj);

/* Sets up a statically allocated object. */
void rt_object_init_static (RtObject *obj, RtType *type);

/* sys.getsizeof(obj): the type's size_of (or basic_size), plus the GC
 * head for GC types, as CPython 3.11 reports it. */
size_t rt_object_sizeof (RtObject *obj);

/* id(obj): the object's address in the runtime's virtual space. */
uint64_t rt_object_id (RtObject *obj);
