/* class-private.h: what the object protocol's files (class.c, instance.c,
 * slots.c, descr.c, function.c, builtin.c, module.c, exception.c) share:
 * the heap type layout, inline instance attributes, the interned names,
 * descriptors and the slot table. */
#pragma once

#include "class.h"
#include "function.h"
#include "error.h"
#include "event.h"

/* Interned names the protocol looks up, as CPython's _Py_ID(). */
typedef enum
{
  RT_ID___init__,
  RT_ID___new__,
  RT_ID___repr__,
  RT_ID___str__,
  RT_ID___hash__,
  RT_ID___eq__,
  RT_ID___ne__,
  RT_ID___lt__,
  RT_ID___le__,
  RT_ID___gt__,
  RT_ID___ge__,
  RT_ID___call__,
  RT_ID___iter__,
  RT_ID___next__,
  RT_ID___len__,
  RT_ID___getitem__,
  RT_ID___setitem__,
  RT_ID___delitem__,
  RT_ID___contains__,
  RT_ID___bool__,
  RT_ID___getattr__,
  RT_ID___getattribute__,
  RT_ID___setattr__,
  RT_ID___delattr__,
  RT_ID___get__,
  RT_ID___set__,
  RT_ID___delete__,
  RT_ID___del__,
  RT_ID___format__,
  RT_ID___index__,
  RT_ID___int__,
  RT_ID___float__,
  RT_ID___neg__,
  RT_ID___pos__,
  RT_ID___abs__,
  RT_ID___invert__,
  RT_ID___add__,
  RT_ID___radd__,
  RT_ID___iadd__,
  RT_ID___sub__,
  RT_ID___rsub__,
  RT_ID___isub__,
  RT_ID___mul__,
  RT_ID___rmul__,
  RT_ID___imul__,
  RT_ID___mod__,
  RT_ID___rmod__,
  RT_ID___imod__,
  RT_ID___floordiv__,
  RT_ID___rfloordiv__,
  RT_ID___ifloordiv__,
  RT_ID___truediv__,
  RT_ID___rtruediv__,
  RT_ID___itruediv__,
  RT_ID___pow__,
  RT_ID___rpow__,
  RT_ID___ipow__,
  RT_ID___lshift__,
  RT_ID___rlshift__,
  RT_ID___ilshift__,
  RT_ID___rshift__,
  RT_ID___rrshift__,
  RT_ID___irshift__,
  RT_ID___and__,
  RT_ID___rand__,
  RT_ID___iand__,
  RT_ID___xor__,
  RT_ID___rxor__,
  RT_ID___ixor__,
  RT_ID___or__,
  RT_ID___ror__,
  RT_ID___ior__,
  RT_ID___matmul__,
  RT_ID___rmatmul__,
  RT_ID___imatmul__,
  RT_ID___module__,
  RT_ID___qualname__,
  RT_ID___name__,
  RT_ID___doc__,
  RT_ID___dict__,
  RT_ID___weakref__,
  RT_ID___classcell__,
  RT_ID___slots__,
  RT_ID___init_subclass__,
  RT_ID___set_name__,
  RT_ID___class__,
  RT_ID___class_getitem__,
  RT_ID___dir__,
  RT_ID___package__,
  RT_ID___loader__,
  RT_ID___spec__,
  RT_ID___file__,
  RT_ID___annotations__,
  RT_ID___wrapped__,
  RT_ID___notes__,
  RT_ID___abstractmethods__,
  RT_ID___isabstractmethod__,
  RT_ID_builtins,
  RT_ID___main__,
  RT_ID_name,
  RT_ID_obj,
  RT_ID___instancecheck__,
  RT_ID___subclasscheck__,
  RT_ID_COUNT_
} RtId;

/* The interned str for an id (borrowed); the table is filled when the
 * first type is readied. */
RtObject *rt_id (RtId id);
bool rt_ids_init (void);
void rt_ids_fini (void);

/* Names of instance attributes shared by all instances of a class, as
 * CPython 3.11's split-table keys: an attribute's index is its position
 * here, and at most 30 fit. The block is allocated at CPython's size (the
 * keys object of 64 slots, 768 bytes) so a class reports the same size. */
#define RT_SHARED_KEYS_MAX 30
#define RT_SHARED_KEYS_BYTES 768

typedef struct
{
  int64_t usable;   /* dk_usable: shrinks by one with each new instance */
  int64_t nentries;
  RtObject *names[RT_SHARED_KEYS_MAX];  /* strong references */
} RtSharedKeys;

/* Instances of a class with a managed dict keep, at the heap type's
 * dict_offset, either a values array (attributes inline, indexed by the
 * shared keys, ordered by a byte array before them as CPython's
 * PyDictValues prefix) or, once __dict__ was asked for, a real dict. */
typedef struct
{
  RtObject *dict;
  RtObject **values;
  int64_t capacity;
} RtManagedDict;

/* A class: the type and the tables its slots point to. */
typedef struct
{
  RtType type;
  RtNumberMethods as_number;
  RtSequenceMethods as_sequence;
  RtMappingMethods as_mapping;
  int64_t dict_offset;      /* 0: instances have no dict */
  bool managed;             /* dict_offset holds an RtManagedDict */
  bool has_weaklist;        /* a __weakref__ slot was added (size only) */
  int64_t nslots;           /* __slots__ members added by this class */
  RtObject *slot_names;     /* tuple of str, or NULL */
  RtType **subclasses;      /* borrowed, for slot updates */
  size_t n_subclasses;
  size_t subclasses_cap;
} RtHeapType;

#define RT_HEAP_TYPE(t) ((RtHeapType *) (t))

static inline bool
rt_type_is_heap (RtType *type)
{
  return RT_TYPE_HAS (type, RT_TPFLAG_HEAPTYPE);
}

/* Attributes of built-in types stored at an offset, as CPython's
 * PyMemberDef (computed ones are RtGetSetDef, in class.h). */
enum
{
  RT_MEMBER_OBJECT = 0,     /* NULL reads as None */
  RT_MEMBER_OBJECT_EX = 1,  /* NULL raises AttributeError */
  RT_MEMBER_READONLY = 1u << 4,
  RT_MEMBER_OWNED = 1u << 5,  /* the definition is a runtime block: __slots__ */
};

typedef struct
{
  const char *name;
  size_t offset;
  uint32_t flags;
  RtRefLabel label;         /* the slot events name; 0: ATTR with the name */
} RtMemberDef;

/* What a built-in type has beyond RtType: its attributes and where its
 * instances keep a __dict__. */
typedef struct
{
  RtType *type;
  const RtGetSetDef *getsets;
  const RtMemberDef *members;
  int64_t dict_offset;
} RtTypeExtra;

const RtTypeExtra *rt_type_extra (RtType *type);

/* Where obj keeps its instance dict pointer, or NULL if it has none. For
 * managed dicts this is the RtManagedDict's dict field. */
RtObject **rt_object_dict_ptr (RtObject *obj);
RtManagedDict *rt_object_managed (RtObject *obj);

/* Instances (instance.c). */
RtObject *rt_instance_alloc (RtType *type);
/* Zeroes what a class added to an instance a built-in type's tp_new just
 * made for it (class-new.c). */
void rt_instance_prepare (RtType *type, RtObject *obj);
bool rt_instance_init_values (RtObject *obj);
void rt_instance_dealloc (RtObject *self);
int rt_instance_traverse (RtObject *self, RtVisitFn visit, void *arg);
int rt_instance_clear (RtObject *self);
void rt_instance_refs (RtObject *self, RtRefVisitFn visit, void *arg);
size_t rt_instance_size_of (RtObject *self);
/* The attribute stored inline or in the instance dict (borrowed), or NULL
 * without an error if absent; -1 on error through *error. */
RtObject *rt_instance_lookup (RtObject *obj, RtObject *name, bool *error);
RtObject *rt_object_generic_getattr_ex (RtObject *obj, RtObject *name, bool suppress);
void rt_shared_keys_free (RtSharedKeys *keys);
RtObject *rt_object_dir (RtObject *obj);

/* `object` (instance.c) and type objects (class.c). */
RtObject *rt_object_new (RtType *type, RtObject *const *args, size_t nargs, RtObject *kwnames);
int rt_object_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames);
RtObject *rt_object_repr (RtObject *self);
RtHash rt_object_hash (RtObject *self);
RtObject *rt_object_richcompare (RtObject *self, RtObject *other, int op);
RtObject *rt_type_getattro (RtObject *type, RtObject *name);
RtObject *rt_type_qualname_obj (RtType *type);  /* new reference */
RtObject *rt_type_module_obj (RtType *type);    /* new reference, or NULL (no error) */
RtHash rt_hash_pointer (RtObject *obj);
RtHash rt_hash_not_implemented (RtObject *obj);
/* The nearest built-in type among type and its bases: whose layout its
 * instances start with. */
RtType *rt_type_solid_static_base (RtType *type);
void rt_type_modified (RtType *type);
/* Where instances of a built-in type keep their dict (0: none). */
int64_t rt_type_static_dict_offset (RtType *type);

/* Shared by readying built-in types and making classes (type-ready.c). */
bool rt_type_dict_add (RtObject *dict, RtObject *name, RtObject *value);  /* if absent */
bool rt_type_inherit_slots (RtType *type, RtType *base);
bool rt_type_ready_set_hash (RtType *type);

/* type.__new__ and type.__init__, and a class leaving its bases' lists of
 * subclasses (class-new.c). */
RtObject *rt_type_tp_new (RtType *metatype, RtObject *const *args, size_t nargs,
                          RtObject *kwnames);
int rt_type_tp_init (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames);
void rt_type_remove_subclass (RtType *base, RtType *type);

/* Attributes of the protocol's own types, by file. */
extern const RtGetSetDef rt_type_getsets[], rt_object_getsets[], rt_function_getsets[],
  rt_method_getsets[], rt_builtin_getsets[], rt_descr_getsets[], rt_method_wrapper_getsets[],
  rt_cell_getsets[], rt_property_getsets[], rt_funcwrap_getsets[];
extern const RtMemberDef rt_type_members[], rt_function_members[], rt_method_members[],
  rt_builtin_members[], rt_module_members[], rt_property_members[], rt_staticmethod_members[],
  rt_classmethod_members[], rt_super_members[];
extern const int64_t rt_function_dict_offset, rt_module_dict_offset, rt_funcwrap_dict_offset;
extern const RtGetSetDef rt_subtype_dict_getset, rt_subtype_weakref_getset;
const RtTypeExtra *rt_exception_extra (RtType *type);
size_t rt_heap_type_subclasses (RtType *type, RtType ***out);

/* The built-in __new__ of every type that has a tp_new. */
extern const RtMethodDef rt_tp_new_def;

/* The attribute of type(obj), bound to obj if it is a descriptor: how
 * special methods are found (_PyObject_LookupSpecial). New reference, or
 * NULL without an error if absent. */
RtObject *rt_lookup_special (RtObject *obj, RtObject *name);

/* The arguments tuple a class call built, if any, so BaseException can keep
 * the very tuple CPython's type_call hands to __new__ and __init__. */
RtObject *rt_call_args_tuple (RtObject *const *args, size_t nargs);
RtObject *rt_swap_call_args_tuple (RtObject *tuple);

/* Calls callable(self, *args) without a bound method (borrowed arguments). */
RtObject *rt_call_prepend (RtObject *callable, RtObject *self, RtObject *const *args,
                           size_t nargs, RtObject *kwnames);

/* "0x7f3a00001230": obj's id as CPython's %p prints it. */
void rt_format_address (char buf[32], RtObject *obj);

/* The slot table (slots.c). */
bool rt_slots_add_wrappers (RtType *type);
void rt_slots_fixup (RtType *type);
void rt_slots_update (RtType *type, RtObject *name);
/* Looks a special method up on type(self): a new reference and *unbound set
 * when it must be called with self first; NULL without an error if absent. */
RtObject *rt_lookup_maybe_method (RtObject *self, RtObject *name, bool *unbound);
RtObject *rt_call_unbound (bool unbound, RtObject *func, RtObject *self, RtObject *const *args,
                           size_t nargs);

/* Descriptors (descr.c, descr-classes.c). */
extern RtType rt_wrapper_descr_type, rt_method_wrapper_type, rt_getset_descr_type,
  rt_member_descr_type, rt_classmethod_descr_type;
RtObject *rt_getset_descr_new (RtType *owner, const RtGetSetDef *def);
RtObject *rt_member_descr_new (RtType *owner, const RtMemberDef *def);
RtObject *rt_staticmethod_new (RtObject *callable);
RtObject *rt_classmethod_new (RtObject *callable);
/* Stores value (borrowed, may be NULL) into the object field at *field,
 * reporting the references through slot. */
void rt_field_set (RtObject *owner, RtObject **field, RtObject *value, RtSlot slot);
bool rt_is_data_descr (RtObject *descr);
bool rt_is_method_descr (RtObject *descr);

/* The wrapper descriptor machinery for slots, shared by slots.c and descr.c. */
typedef void (*RtAnyFn) (void);
typedef struct RtSlotDef RtSlotDef;
typedef RtObject *(*RtWrapperFn) (RtObject *self, RtObject *const *args, size_t nargs,
                                  RtObject *kwnames, RtAnyFn wrapped, const RtSlotDef *def);
struct RtSlotDef
{
  RtId name;
  uint8_t table;       /* RT_SLOTTAB_* */
  uint16_t offset;     /* of the function pointer inside the table */
  RtAnyFn function;    /* the generic slot_* for classes, or NULL */
  RtWrapperFn wrapper; /* calls the slot from a wrapper descriptor, or NULL */
  int op;              /* richcompare op */
};

enum
{
  RT_SLOTTAB_TYPE,
  RT_SLOTTAB_NUMBER,
  RT_SLOTTAB_SEQUENCE,
  RT_SLOTTAB_MAPPING,
};

typedef struct
{
  RtObject ob;
  const RtSlotDef *def;
  RtType *owner;
  RtAnyFn wrapped;
} RtWrapperDescr;

RtObject *rt_wrapper_descr_new (RtType *owner, const RtSlotDef *def, RtAnyFn wrapped);
RtObject *rt_method_wrapper_new (RtObject *descr, RtObject *self);

/* Exceptions (exception.c). */
bool rt_exceptions_ready (void);
void rt_exception_set_attribute_context (RtObject *exc, RtObject *obj, RtObject *name);

