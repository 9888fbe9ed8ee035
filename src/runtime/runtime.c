/* runtime.c: starting and stopping the runtime, in dependency order, and
 * the state every part shares: serials, the sink, the embedder's hooks, the
 * registered roots. */
#include "runtime.h"
#include "class.h"
#include "dict.h"
#include "error.h"
#include "float.h"
#include "function.h"
#include "gc.h"
#include "int.h"
#include "list.h"
#include "mem.h"
#include "range.h"
#include "runtime-private.h"
#include "set.h"
#include "singletons.h"
#include "str.h"
#include "tuple.h"

#include <stdlib.h>

uint64_t rt_serial_last;
int rt_free_cause = RT_FREE_REFCOUNT;
bool rt_finalizing;

static bool active;
static RtHooks hooks;

typedef struct
{
  RtObject **slots;
  size_t n;
} RtRootRange;

static RtRootRange *roots;
static size_t nroots, roots_capacity;

/* The built-in types every program can name; types private to a part (the
 * iterators) are readied by the part on first use. */
static RtType *const static_types[] = {
  &rt_object_type, &rt_type_type, &rt_none_type, &rt_not_implemented_type,
  &rt_ellipsis_type, &rt_int_type, &rt_bool_type, &rt_float_type, &rt_str_type,
  &rt_list_type, &rt_tuple_type, &rt_dict_type, &rt_dict_keys_type,
  &rt_dict_values_type, &rt_dict_items_type, &rt_set_type, &rt_frozenset_type,
  &rt_range_type, &rt_range_iter_type, &rt_slice_type, &rt_seq_iter_type,
  &rt_reversed_type, &rt_enumerate_type, &rt_zip_type, &rt_callable_iter_type,
  &rt_function_type, &rt_cell_type, &rt_method_type, &rt_builtin_type,
  &rt_method_descr_type, &rt_module_type, &rt_super_type, &rt_property_type,
  &rt_staticmethod_type, &rt_classmethod_type,
  &rt_exc_BaseException, &rt_exc_Exception, &rt_exc_TypeError, &rt_exc_ValueError,
  &rt_exc_NameError, &rt_exc_UnboundLocalError, &rt_exc_AttributeError,
  &rt_exc_LookupError, &rt_exc_IndexError, &rt_exc_KeyError, &rt_exc_ArithmeticError,
  &rt_exc_ZeroDivisionError, &rt_exc_OverflowError, &rt_exc_RuntimeError,
  &rt_exc_RecursionError, &rt_exc_NotImplementedError, &rt_exc_StopIteration,
  &rt_exc_MemoryError, &rt_exc_AssertionError, &rt_exc_ImportError,
  &rt_exc_ModuleNotFoundError, &rt_exc_SyntaxError, &rt_exc_IndentationError,
  &rt_exc_TabError, &rt_exc_KeyboardInterrupt, &rt_exc_SystemExit,
  &rt_exc_UnicodeError, &rt_exc_UnicodeDecodeError, &rt_exc_Warning,
};

#define N_STATIC_TYPES (sizeof static_types / sizeof static_types[0])

static RtObject *const static_objects[] = {
  &rt_none_obj,
  &rt_not_implemented_obj,
  &rt_ellipsis_obj,
  &rt_true_obj.ob,
  &rt_false_obj.ob,
};

bool
rt_runtime_init (void)
{
  if (active)
    return false;
  rt_serial_last = 0;
  rt_free_cause = RT_FREE_REFCOUNT;
  rt_finalizing = false;
  rt_sink = NULL;
  hooks = (RtHooks){ 0 };

  rt_mem_init ();
  rt_gc_init ();

  /* Static objects get serials first, so they are the same in every run. */
  for (size_t i = 0; i < sizeof static_objects / sizeof static_objects[0]; i++)
    rt_object_init_static (static_objects[i], NULL);
  for (size_t i = 0; i < N_STATIC_TYPES; i++)
    rt_object_init_static (&static_types[i]->ob, &rt_type_type);

  active = true;
  if (!rt_str_init () || !rt_int_init () || !rt_tuple_init () || !rt_error_init ())
    goto fail;
  for (size_t i = 0; i < N_STATIC_TYPES; i++)
    if (!rt_type_ready (static_types[i]))
      goto fail;
  if (!rt_gc_init_garbage ())
    goto fail;
  return true;

fail:
  rt_runtime_fini ();
  return false;
}

void
rt_runtime_fini (void)
{
  if (!active)
    return;
  rt_sink = NULL;
  /* Everything goes at once with the arenas: no finalizer may run now. */
  rt_finalizing = true;
  for (size_t i = N_STATIC_TYPES; i-- > 0;)
    rt_type_fini_static (static_types[i]);
  rt_error_fini ();
  rt_gc_fini ();
  rt_tuple_fini ();
  rt_int_fini ();
  rt_str_fini ();
  rt_roots_fini ();
  rt_heap_check_fini ();
  rt_trash_fini ();
  rt_mem_fini ();
  rt_finalizing = false;
  hooks = (RtHooks){ 0 };
  active = false;
}

bool
rt_runtime_active (void)
{
  return active;
}

void
rt_runtime_set_hooks (const RtHooks *new_hooks)
{
  hooks = new_hooks != NULL ? *new_hooks : (RtHooks){ 0 };
}

const RtHooks *
rt_runtime_hooks (void)
{
  return &hooks;
}

void
rt_runtime_set_sink (RtEventSink *sink)
{
  rt_sink = sink;
}

uint64_t
rt_serial_new (void)
{
  return rt_serial_take ();
}

uint64_t
rt_serial_count (void)
{
  return rt_serial_last;
}

void
rt_root_register (RtObject **slots, size_t n)
{
  if (nroots == roots_capacity)
    {
      size_t capacity = roots_capacity ? roots_capacity * 2 : 16;
      RtRootRange *grown = realloc (roots, capacity * sizeof *grown);
      if (grown == NULL)
        abort (); /* start-up only: a few dozen bytes */
      roots = grown;
      roots_capacity = capacity;
    }
  roots[nroots++] = (RtRootRange){ slots, n };
}

void
rt_roots_fini (void)
{
  free (roots);
  roots = NULL;
  nroots = roots_capacity = 0;
}

/* For invariant.c: the runtime's own references from outside the heap. */
void rt_runtime_visit_roots (void (*visit) (RtObject *target, void *arg), void *arg);

void
rt_runtime_visit_roots (void (*visit) (RtObject *target, void *arg), void *arg)
{
  for (size_t r = 0; r < nroots; r++)
    for (size_t i = 0; i < roots[r].n; i++)
      if (roots[r].slots[i] != NULL)
        visit (roots[r].slots[i], arg);
  rt_gc_visit_roots (visit, arg);
}

/* Static objects hold references into the heap too: a built-in type's
 * dict, bases and MRO. */
void rt_runtime_visit_static_refs (void (*visit) (RtObject *self, RtSlot slot, RtObject *target,
                                                  void *arg),
                                   void *arg);

void
rt_runtime_visit_static_refs (void (*visit) (RtObject *self, RtSlot slot, RtObject *target,
                                             void *arg),
                              void *arg)
{
  for (size_t i = 0; i < N_STATIC_TYPES; i++)
    {
      RtType *type = static_types[i];
      if (type->ob.type != NULL && type->ob.type->refs != NULL)
        type->ob.type->refs (&type->ob, visit, arg);
    }
}
