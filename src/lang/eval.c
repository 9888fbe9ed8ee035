/* eval.c: the interpreter loop. It follows CPython 3.11's ceval.c: the same
 * instructions with the same reference handling, calls between Python
 * functions run in this loop without C recursion, and exceptions unwind
 * through each code object's exception table. */
#include "interp-private.h"

#include "runtime/abstract.h"
#include "runtime/class.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/function.h"
#include "runtime/int.h"
#include "runtime/list.h"
#include "runtime/range.h"
#include "runtime/set.h"
#include "runtime/singletons.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define USE_COMPUTED_GOTOS 1
#endif

/* Items an instruction keeps in lang_eval_frame's own C frame; more go to
 * the heap. Every Python call nests a lang_eval_frame, and with computed
 * gotos the compiler gives each block's arrays a slot of their own: at 256
 * and 512 items they made a frame 8.6 KB, so C recursion (map, sorted's
 * key, __repr__) reached only about 700 levels in the stack budget. */
#define EVAL_SMALL_ARRAY 16

static RtObject *
format_value (RtObject *value, int conversion, RtObject *spec)
{
  RtObject *converted = NULL, *result;

  switch (conversion)
    {
    case 1:
      converted = rt_str (value);
      break;
    case 2:
    case 3:
      converted = rt_repr (value);
      break;
    default:
      converted = rt_newref (value);
      break;
    }
  if (converted == NULL)
    return NULL;
  if (spec == NULL && RT_TYPE (converted) == &rt_str_type)
    return converted;
  result = rt_format (converted, spec);
  rt_decref (converted);
  return result;
}

/* How call errors name the callable, as _PyObject_FunctionStr: "f()" with
 * its module unless that is builtins ("__main__.f()", "len()"). A new str. */
static RtObject *
function_str (RtObject *callable)
{
  RtObject *qualname = rt_getattr_cstr (callable, "__qualname__"), *module, *result;

  if (qualname == NULL)
    {
      rt_error_clear ();
      return rt_str (callable);
    }
  module = rt_getattr_cstr (callable, "__module__");
  if (module == NULL)
    rt_error_clear ();
  if (module != NULL && rt_is_str (module) && !rt_str_equal_cstr (module, "builtins"))
    result = rt_str_from_format ("%S.%S()", module, qualname);
  else
    result = rt_str_from_format ("%S()", qualname);
  rt_xdecref (module);
  rt_decref (qualname);
  return result;
}

static RtObject *
name_error (RtObject *name)
{
  rt_error_format (&rt_exc_NameError, "name '%S' is not defined", name);
  return NULL;
}

static void
unbound_local_error (LangCode *code, uint32_t index)
{
  RtObject *name = RT_TUPLE_ITEMS (code->localsplusnames)[index];

  if (code->localspluskinds[index] & LANG_FAST_FREE)
    rt_error_format (&rt_exc_NameError,
                     "cannot access free variable '%S' where it is not associated with a value"
                     " in enclosing scope",
                     name);
  else
    rt_error_format (&rt_exc_UnboundLocalError,
                     "cannot access local variable '%S' where it is not associated with a value",
                     name);
}

/* UNPACK_SEQUENCE and UNPACK_EX on anything iterable. Writes the values to
 * out[0..] in source order. */
static bool
unpack_iterable (RtObject *seq, int before, int after, RtObject **out)
{
  RtObject *it = rt_iter (seq);
  int i = 0;

  if (it == NULL)
    {
      if (rt_error_matches (&rt_exc_TypeError) && RT_TYPE (seq)->iter == NULL
          && RT_TYPE (seq)->sequence == NULL)
        {
          rt_error_clear ();
          rt_error_format (&rt_exc_TypeError, "cannot unpack non-iterable %T object", seq);
        }
      return false;
    }
  for (; i < before; i++)
    {
      RtObject *v = rt_iter_next (it);
      if (v == NULL)
        {
          if (!rt_error_occurred ())
            {
              if (after == -1)
                rt_error_format (&rt_exc_ValueError,
                                 "not enough values to unpack (expected %d, got %d)", before, i);
              else
                rt_error_format (&rt_exc_ValueError,
                                 "not enough values to unpack (expected at least %d, got %d)",
                                 before + after, i);
            }
          goto fail;
        }
      out[i] = v;
    }

  if (after == -1)
    {
      RtObject *extra = rt_iter_next (it);
      if (extra != NULL)
        {
          rt_decref (extra);
          rt_error_format (&rt_exc_ValueError, "too many values to unpack (expected %d)", before);
          goto fail;
        }
      if (rt_error_occurred ())
        goto fail;
      rt_decref (it);
      return true;
    }

  RtObject *rest = rt_list_from_iterable (it);
  if (rest == NULL)
    goto fail;
  out[i++] = rest;
  int64_t n = RT_LIST_SIZE (rest);
  if (n < after)
    {
      rt_error_format (&rt_exc_ValueError,
                       "not enough values to unpack (expected at least %d, got %lld)",
                       before + after, (long long) (before + n));
      goto fail;
    }
  for (int j = 0; j < after; j++)
    out[i + j] = rt_newref (RT_LIST_ITEMS (rest)[n - after + j]);
  /* The starred target keeps what the names after it did not take. */
  rt_list_truncate (rest, n - after);
  rt_decref (it);
  return true;

fail:
  for (int j = 0; j < i; j++)
    rt_decref (out[j]);
  rt_decref (it);
  return false;
}

static bool
check_except_type (RtObject *type)
{
  if (rt_is_type (type) && rt_type_is_subtype ((RtType *) type, &rt_exc_BaseException))
    return true;
  if (rt_is_tuple (type))
    {
      for (int64_t i = 0; i < RT_TUPLE_SIZE (type); i++)
        if (!check_except_type (RT_TUPLE_ITEMS (type)[i]))
          return false;
      return true;
    }
  rt_error_format (&rt_exc_TypeError,
                   "catching classes that do not inherit from BaseException is not allowed");
  return false;
}

static bool
exception_matches (RtObject *exc, RtObject *type)
{
  if (rt_is_tuple (type))
    {
      for (int64_t i = 0; i < RT_TUPLE_SIZE (type); i++)
        if (exception_matches (exc, RT_TUPLE_ITEMS (type)[i]))
          return true;
      return false;
    }
  return rt_is_instance_of (exc, (RtType *) type);
}

static const LangExceptEntry *
find_handler (const LangCode *code, uint32_t index)
{
  /* The innermost handler is the last entry covering the instruction. */
  const LangExceptEntry *found = NULL;

  for (uint32_t i = 0; i < code->n_exceptions; i++)
    {
      const LangExceptEntry *e = &code->exceptions[i];
      if (index >= e->start && index < e->end)
        {
          if (found == NULL || (e->start >= found->start && e->end <= found->end))
            found = e;
        }
    }
  return found;
}

/* code_slot is where the code object sits on the stack; the operands the
 * flags announce are right below it. */
static RtObject *
make_function (LangCode *code, RtObject *globals, uint32_t flags, RtObject **code_slot)
{
  RtObject *func = rt_function_new (&code->ob, globals, code->name, code->qualname);
  RtFunction *f;
  int k = 0;

  if (func == NULL)
    return NULL;
  f = (RtFunction *) func;
  /* Operands sit below the code object in this order. */
  RtObject **operand = code_slot - ((flags & 1) != 0) - ((flags & 2) != 0) - ((flags & 4) != 0)
                       - ((flags & 8) != 0);
  if (flags & 1)
    {
      f->defaults = operand[k++];
      RT_EVENT_REF_ADD (func, rt_slot_label (RT_LABEL_DEFAULTS), f->defaults);
    }
  if (flags & 2)
    {
      f->kwdefaults = operand[k++];
      RT_EVENT_REF_ADD (func, rt_slot_label (RT_LABEL_KWDEFAULTS), f->kwdefaults);
    }
  if (flags & 4)
    rt_decref (operand[k++]); /* annotations are not kept */
  if (flags & 8)
    {
      f->closure = operand[k++];
      RT_EVENT_REF_ADD (func, rt_slot_label (RT_LABEL_CLOSURE), f->closure);
    }
  return func;
}

/* The frame's name lookups through its locals mapping (module and class
 * code). Returns a new reference or NULL, setting NameError when missing. */
static RtObject *
load_name (LangFrame *frame, RtObject *name)
{
  RtObject *v;

  if (frame->locals != NULL)
    {
      if (rt_is_dict (frame->locals))
        v = rt_dict_get_item (frame->locals, name);
      else
        {
          v = rt_getitem (frame->locals, name);
          if (v != NULL)
            return v;
          if (!rt_error_matches (&rt_exc_KeyError))
            return NULL;
          rt_error_clear ();
        }
      if (v != NULL)
        return rt_newref (v);
      if (rt_error_occurred ())
        return NULL;
    }
  v = rt_dict_get_item (frame->globals, name);
  if (v != NULL)
    return rt_newref (v);
  if (rt_error_occurred ())
    return NULL;
  v = rt_dict_get_item (frame->builtins, name);
  if (v != NULL)
    return rt_newref (v);
  if (rt_error_occurred ())
    return NULL;
  return name_error (name);
}

static RtObject *
load_global (LangFrame *frame, RtObject *name)
{
  RtObject *v = rt_dict_get_item (frame->globals, name);

  if (v == NULL)
    {
      if (rt_error_occurred ())
        return NULL;
      v = rt_dict_get_item (frame->builtins, name);
      if (v == NULL)
        {
          if (!rt_error_occurred ())
            name_error (name);
          return NULL;
        }
    }
  return rt_newref (v);
}

static bool
import_from (RtObject *module, RtObject *name, RtObject **result)
{
  RtObject *v = NULL;
  int found = rt_lookup_attr (module, name, &v);

  if (found < 0)
    return false;
  if (found == 0)
    {
      RtObject *modname = rt_getattr_cstr (module, "__name__");
      if (modname == NULL)
        rt_error_clear ();
      rt_error_format (&rt_exc_ImportError, "cannot import name '%S' from '%S' (unknown location)",
                       name, modname != NULL ? modname : name);
      rt_xdecref (modname);
      return false;
    }
  *result = v;
  return true;
}

RtObject *
lang_eval_frame (LangFrame *frame)
{
#if USE_COMPUTED_GOTOS
#define TARGET_ADDRESS(name) &&TARGET_##name,
  static void *const dispatch_table[LANG_OP_COUNT_] = { LANG_OPCODES (TARGET_ADDRESS) };
#undef TARGET_ADDRESS
#define TARGET(name) TARGET_##name:
#define DISPATCH_OP() goto *dispatch_table[LANG_OP (instr)]
#else
#define TARGET(name) case LANG_OP_##name:
#define DISPATCH_OP() goto dispatch_switch
#endif

  LangCode *code;
  LangInstr *first_instr, *next_instr;
  RtObject **sp, **stack_base, **fastlocals;
  RtObject **consts, **names;
  RtObject *kwnames = NULL;
  LangInstr instr;
  uint32_t oparg;
  RtObject *retval = NULL;

  frame->entry = true;
  frame->previous = lang_interp.current;
  lang_interp.current = frame;
  if (rt_recursion_enter ("") < 0)
    {
      lang_interp.current = frame->previous;
      lang_frame_pop (frame);
      return NULL;
    }

#define LOAD_FRAME_STATE()                                         \
  do                                                               \
    {                                                              \
      code = frame->code;                                          \
      first_instr = code->code;                                    \
      next_instr = first_instr + frame->lasti;                     \
      fastlocals = frame->localsplus;                              \
      stack_base = lang_frame_stack_base (frame);                  \
      sp = frame->stack_pointer != NULL ? frame->stack_pointer : stack_base; \
      consts = RT_TUPLE_ITEMS (code->consts);                      \
      names = RT_TUPLE_ITEMS (code->names);                        \
    }                                                              \
  while (0)

#define SAVE_FRAME_STATE()                                         \
  do                                                               \
    {                                                              \
      frame->lasti = (uint32_t) (next_instr - first_instr);        \
      frame->stack_pointer = sp;                                   \
    }                                                              \
  while (0)

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define PEEK(n) (sp[-(ptrdiff_t) (n)])
#define SET_TOP(v) (sp[-1] = (v))
#define NEXT_INSTR()                                               \
  do                                                               \
    {                                                              \
      instr = *next_instr++;                                       \
      oparg = LANG_ARG (instr);                                    \
      if (RT_UNLIKELY (lang_interp.tracing))                       \
        goto trace;                                                \
      DISPATCH_OP ();                                              \
    }                                                              \
  while (0)
#define DISPATCH() NEXT_INSTR ()
#define JUMP_TO(target) (next_instr = first_instr + (target))

  frame->lasti = 0;
  frame->stack_pointer = NULL;
  LOAD_FRAME_STATE ();

start_frame:
  DISPATCH ();

trace:
  if (code->line_starts[next_instr - 1 - first_instr])
    {
      SAVE_FRAME_STATE ();
      frame->lasti--;
      if (!lang_trace_step (frame, (uint32_t) (next_instr - 1 - first_instr)))
        goto error;
    }
  DISPATCH_OP ();

#if !USE_COMPUTED_GOTOS
dispatch_switch:
  switch (LANG_OP (instr))
    {
#endif

  TARGET (NOP)
  {
    DISPATCH ();
  }

  TARGET (POP_TOP)
  {
    RtObject *v = POP ();
    rt_decref (v);
    DISPATCH ();
  }

  TARGET (PUSH_NULL)
  {
    PUSH (NULL);
    DISPATCH ();
  }

  TARGET (COPY)
  {
    RtObject *v = PEEK (oparg);
    PUSH (rt_newref (v));
    DISPATCH ();
  }

  TARGET (SWAP)
  {
    RtObject *top = TOP ();
    SET_TOP (PEEK (oparg));
    PEEK (oparg) = top;
    DISPATCH ();
  }

  TARGET (LOAD_CONST)
  {
    PUSH (rt_newref (consts[oparg]));
    DISPATCH ();
  }

  TARGET (LOAD_FAST)
  {
    RtObject *v = fastlocals[oparg];
    if (RT_UNLIKELY (v == NULL))
      {
        unbound_local_error (code, oparg);
        goto error;
      }
    PUSH (rt_newref (v));
    DISPATCH ();
  }

  TARGET (STORE_FAST)
  {
    RtObject *v = POP ();
    RtObject *old = fastlocals[oparg];
    if (RT_UNLIKELY (rt_events_on ()))
      lang_frame_report_local (frame, (int32_t) oparg, old, v);
    fastlocals[oparg] = v;
    rt_xdecref (old);
    DISPATCH ();
  }

  TARGET (DELETE_FAST)
  {
    RtObject *old = fastlocals[oparg];
    if (old == NULL)
      {
        unbound_local_error (code, oparg);
        goto error;
      }
    if (RT_UNLIKELY (rt_events_on ()))
      lang_frame_report_local (frame, (int32_t) oparg, old, NULL);
    fastlocals[oparg] = NULL;
    rt_decref (old);
    DISPATCH ();
  }

  TARGET (LOAD_NAME)
  {
    RtObject *v = load_name (frame, names[oparg]);
    if (v == NULL)
      goto error;
    PUSH (v);
    DISPATCH ();
  }

  TARGET (STORE_NAME)
  {
    RtObject *v = POP ();
    int err;
    if (frame->locals == NULL)
      {
        rt_decref (v);
        rt_error_format (&rt_exc_RuntimeError, "no locals found when storing %R", names[oparg]);
        goto error;
      }
    if (rt_is_dict (frame->locals))
      err = rt_dict_set_item (frame->locals, names[oparg], v);
    else
      err = rt_setitem (frame->locals, names[oparg], v);
    rt_decref (v);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DELETE_NAME)
  {
    RtObject *name = names[oparg];
    if (frame->locals == NULL)
      {
        rt_error_format (&rt_exc_RuntimeError, "no locals when deleting %R", name);
        goto error;
      }
    if (rt_delitem (frame->locals, name) < 0)
      {
        if (rt_error_matches (&rt_exc_KeyError))
          {
            rt_error_clear ();
            name_error (name);
          }
        goto error;
      }
    DISPATCH ();
  }

  TARGET (LOAD_GLOBAL)
  {
    RtObject *v = load_global (frame, names[oparg >> 1]);
    if (v == NULL)
      goto error;
    if (oparg & 1)
      PUSH (NULL);
    PUSH (v);
    DISPATCH ();
  }

  TARGET (STORE_GLOBAL)
  {
    RtObject *v = POP ();
    int err = rt_dict_set_item (frame->globals, names[oparg], v);
    rt_decref (v);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DELETE_GLOBAL)
  {
    if (rt_dict_del_item (frame->globals, names[oparg]) < 0)
      {
        if (rt_error_matches (&rt_exc_KeyError))
          {
            rt_error_clear ();
            name_error (names[oparg]);
          }
        goto error;
      }
    DISPATCH ();
  }

  TARGET (MAKE_CELL)
  {
    /* The cell takes the argument's value, if it is one. */
    RtObject *initial = fastlocals[oparg];
    RtObject *cell = rt_cell_new (initial);
    if (cell == NULL)
      goto error;
    if (RT_UNLIKELY (rt_events_on ()))
      lang_frame_report_local (frame, (int32_t) oparg, initial, cell);
    fastlocals[oparg] = cell;
    rt_xdecref (initial);
    DISPATCH ();
  }

  TARGET (LOAD_CLOSURE)
  {
    RtObject *cell = fastlocals[oparg];
    if (cell == NULL)
      {
        unbound_local_error (code, oparg);
        goto error;
      }
    PUSH (rt_newref (cell));
    DISPATCH ();
  }

  TARGET (LOAD_DEREF)
  {
    RtObject *v = ((RtCell *) fastlocals[oparg])->ref;
    if (v == NULL)
      {
        unbound_local_error (code, oparg);
        goto error;
      }
    PUSH (rt_newref (v));
    DISPATCH ();
  }

  TARGET (STORE_DEREF)
  {
    RtObject *v = POP ();
    rt_cell_set (fastlocals[oparg], v);
    rt_decref (v);
    DISPATCH ();
  }

  TARGET (DELETE_DEREF)
  {
    RtObject *cell = fastlocals[oparg];
    if (((RtCell *) cell)->ref == NULL)
      {
        unbound_local_error (code, oparg);
        goto error;
      }
    rt_cell_set (cell, NULL);
    DISPATCH ();
  }

  TARGET (LOAD_CLASSDEREF)
  {
    RtObject *name = RT_TUPLE_ITEMS (code->localsplusnames)[oparg];
    RtObject *v = frame->locals != NULL ? rt_dict_get_item (frame->locals, name) : NULL;
    if (v == NULL)
      {
        if (rt_error_occurred ())
          goto error;
        v = ((RtCell *) fastlocals[oparg])->ref;
        if (v == NULL)
          {
            unbound_local_error (code, oparg);
            goto error;
          }
      }
    PUSH (rt_newref (v));
    DISPATCH ();
  }

  TARGET (COPY_FREE_VARS)
  {
    RtObject *closure = ((RtFunction *) frame->func)->closure;
    int offset = code->nlocalsplus - (int) oparg;
    for (uint32_t i = 0; i < oparg; i++)
      {
        RtObject *cell = RT_TUPLE_ITEMS (closure)[i];
        if (RT_UNLIKELY (rt_events_on ()))
          lang_frame_report_local (frame, offset + (int) i, NULL, cell);
        fastlocals[offset + (int) i] = rt_newref (cell);
      }
    DISPATCH ();
  }

  TARGET (LOAD_ATTR)
  {
    RtObject *owner = TOP ();
    RtObject *v = rt_getattr (owner, names[oparg]);
    if (v == NULL)
      goto error;
    SET_TOP (v);
    rt_decref (owner);
    DISPATCH ();
  }

  TARGET (STORE_ATTR)
  {
    RtObject *owner = POP ();
    RtObject *v = POP ();
    int err = rt_setattr (owner, names[oparg], v);
    rt_decref (v);
    rt_decref (owner);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DELETE_ATTR)
  {
    RtObject *owner = POP ();
    int err = rt_setattr (owner, names[oparg], NULL);
    rt_decref (owner);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (LOAD_METHOD)
  {
    RtObject *obj = TOP ();
    bool is_method = false;
    RtObject *meth = rt_get_method (obj, names[oparg], &is_method);
    if (meth == NULL)
      goto error;
    if (is_method)
      {
        /* [meth, self]: no bound method is made, self moves into the call. */
        SET_TOP (meth);
        PUSH (obj);
      }
    else
      {
        SET_TOP (NULL);
        rt_decref (obj);
        PUSH (meth);
      }
    DISPATCH ();
  }

  TARGET (BINARY_OP)
  {
    RtObject *rhs = POP ();
    RtObject *lhs = TOP ();
    RtObject *res = rt_binary_op (lhs, rhs, (RtBinaryOp) oparg);
    rt_decref (lhs);
    rt_decref (rhs);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (UNARY_POSITIVE)
  {
    RtObject *v = TOP ();
    RtObject *res = rt_positive (v);
    rt_decref (v);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (UNARY_NEGATIVE)
  {
    RtObject *v = TOP ();
    RtObject *res = rt_negative (v);
    rt_decref (v);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (UNARY_INVERT)
  {
    RtObject *v = TOP ();
    RtObject *res = rt_invert (v);
    rt_decref (v);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (UNARY_NOT)
  {
    RtObject *v = TOP ();
    int truth = rt_is_true (v);
    rt_decref (v);
    if (truth < 0)
      {
        sp--;
        goto error;
      }
    SET_TOP (rt_bool_new (!truth));
    DISPATCH ();
  }

  TARGET (COMPARE_OP)
  {
    RtObject *rhs = POP ();
    RtObject *lhs = TOP ();
    RtObject *res = rt_richcompare (lhs, rhs, (int) oparg);
    rt_decref (lhs);
    rt_decref (rhs);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (IS_OP)
  {
    RtObject *rhs = POP ();
    RtObject *lhs = TOP ();
    bool same = (lhs == rhs) ^ (oparg != 0);
    rt_decref (lhs);
    rt_decref (rhs);
    SET_TOP (rt_bool_new (same));
    DISPATCH ();
  }

  TARGET (CONTAINS_OP)
  {
    RtObject *container = POP ();
    RtObject *item = TOP ();
    int found = rt_contains (container, item);
    rt_decref (container);
    rt_decref (item);
    if (found < 0)
      {
        sp--;
        goto error;
      }
    SET_TOP (rt_bool_new ((found != 0) ^ (oparg != 0)));
    DISPATCH ();
  }

  TARGET (BINARY_SUBSCR)
  {
    RtObject *key = POP ();
    RtObject *container = TOP ();
    RtObject *res = rt_getitem (container, key);
    rt_decref (container);
    rt_decref (key);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (STORE_SUBSCR)
  {
    RtObject *key = POP ();
    RtObject *container = POP ();
    RtObject *v = POP ();
    int err = rt_setitem (container, key, v);
    rt_decref (v);
    rt_decref (container);
    rt_decref (key);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DELETE_SUBSCR)
  {
    RtObject *key = POP ();
    RtObject *container = POP ();
    int err = rt_delitem (container, key);
    rt_decref (container);
    rt_decref (key);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (BUILD_SLICE)
  {
    RtObject *step = oparg == 3 ? POP () : NULL;
    RtObject *stop = POP ();
    RtObject *start = TOP ();
    RtObject *slice = rt_slice_new (start, stop, step);
    rt_decref (start);
    rt_decref (stop);
    rt_xdecref (step);
    SET_TOP (slice);
    if (slice == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (BUILD_TUPLE)
  {
    RtObject *tuple = rt_tuple_new (oparg);
    if (tuple == NULL)
      goto error;
    for (uint32_t i = oparg; i-- > 0;)
      rt_tuple_init_item (tuple, i, POP ());
    PUSH (tuple);
    DISPATCH ();
  }

  TARGET (BUILD_LIST)
  {
    RtObject *list = rt_list_new (oparg);
    if (list == NULL)
      goto error;
    for (uint32_t i = oparg; i-- > 0;)
      rt_list_init_item (list, i, POP ());
    PUSH (list);
    DISPATCH ();
  }

  TARGET (BUILD_SET)
  {
    RtObject *set = rt_set_new (NULL);
    int err = set == NULL ? -1 : 0;
    for (uint32_t i = oparg; i > 0; i--)
      {
        RtObject *item = PEEK (i);
        if (err == 0)
          err = rt_set_add (set, item);
        rt_decref (item);
      }
    sp -= oparg;
    if (err < 0)
      {
        rt_xdecref (set);
        goto error;
      }
    PUSH (set);
    DISPATCH ();
  }

  TARGET (BUILD_MAP)
  {
    RtObject *dict = rt_dict_new ();
    int err = dict == NULL ? -1 : 0;
    for (uint32_t i = oparg; i > 0; i--)
      {
        RtObject *key = PEEK (2 * i);
        RtObject *value = PEEK (2 * i - 1);
        if (err == 0)
          err = rt_dict_set_item (dict, key, value);
      }
    for (uint32_t i = 0; i < 2 * oparg; i++)
      rt_decref (POP ());
    if (err < 0)
      {
        rt_xdecref (dict);
        goto error;
      }
    PUSH (dict);
    DISPATCH ();
  }

  TARGET (BUILD_CONST_KEY_MAP)
  {
    RtObject *keys = POP ();
    RtObject *dict = rt_dict_new ();
    int err = dict == NULL ? -1 : 0;
    for (uint32_t i = 0; i < oparg && err == 0; i++)
      err = rt_dict_set_item (dict, RT_TUPLE_ITEMS (keys)[i], PEEK (oparg - i));
    for (uint32_t i = 0; i < oparg; i++)
      rt_decref (POP ());
    rt_decref (keys);
    if (err < 0)
      {
        rt_xdecref (dict);
        goto error;
      }
    PUSH (dict);
    DISPATCH ();
  }

  TARGET (BUILD_STRING)
  {
    RtStrBuilder sb;
    rt_sb_init (&sb);
    for (uint32_t i = oparg; i > 0; i--)
      rt_sb_append_str (&sb, PEEK (i));
    for (uint32_t i = 0; i < oparg; i++)
      rt_decref (POP ());
    RtObject *s = rt_sb_finish (&sb);
    if (s == NULL)
      goto error;
    PUSH (s);
    DISPATCH ();
  }

  TARGET (LIST_APPEND)
  {
    RtObject *v = POP ();
    int err = rt_list_append (PEEK (oparg), v);
    rt_decref (v);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (SET_ADD)
  {
    RtObject *v = POP ();
    int err = rt_set_add (PEEK (oparg), v);
    rt_decref (v);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (MAP_ADD)
  {
    RtObject *value = POP ();
    RtObject *key = POP ();
    int err = rt_dict_set_item (PEEK (oparg), key, value);
    rt_decref (key);
    rt_decref (value);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (LIST_EXTEND)
  {
    RtObject *iterable = POP ();
    int err = rt_list_extend (PEEK (oparg), iterable);
    if (err < 0 && rt_error_matches (&rt_exc_TypeError) && RT_TYPE (iterable)->iter == NULL
        && RT_TYPE (iterable)->sequence == NULL)
      {
        rt_error_clear ();
        rt_error_format (&rt_exc_TypeError, "Value after * must be an iterable, not %T",
                         iterable);
      }
    rt_decref (iterable);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (SET_UPDATE)
  {
    RtObject *iterable = POP ();
    RtObject *it = rt_iter (iterable);
    RtObject *item;
    int err = it == NULL ? -1 : 0;
    while (err == 0 && (item = rt_iter_next (it)) != NULL)
      {
        err = rt_set_add (PEEK (oparg), item);
        rt_decref (item);
      }
    if (err == 0 && rt_error_occurred ())
      err = -1;
    rt_xdecref (it);
    rt_decref (iterable);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DICT_UPDATE)
  {
    RtObject *update = POP ();
    int err = rt_dict_update (PEEK (oparg), update);
    if (err < 0 && rt_error_matches (&rt_exc_AttributeError))
      {
        rt_error_clear ();
        rt_error_format (&rt_exc_TypeError, "'%N' object is not a mapping", RT_TYPE (update));
      }
    rt_decref (update);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (DICT_MERGE)
  {
    RtObject *update = POP ();
    RtObject *dict = PEEK (oparg);
    int err = 0;
    if (!rt_is_dict (update))
      {
        RtObject *fs = function_str (PEEK (oparg + 2));
        if (fs != NULL)
          rt_error_format (&rt_exc_TypeError, "%S argument after ** must be a mapping, not %T",
                           fs, update);
        rt_xdecref (fs);
        err = -1;
      }
    else
      {
        int64_t pos = 0;
        RtObject *k, *v;
        while (err == 0 && rt_dict_next (update, &pos, &k, &v))
          {
            if (rt_dict_contains (dict, k) > 0)
              {
                RtObject *fs = function_str (PEEK (oparg + 2));
                if (fs != NULL)
                  rt_error_format (&rt_exc_TypeError,
                                   "%S got multiple values for keyword argument '%S'", fs, k);
                rt_xdecref (fs);
                err = -1;
              }
            else
              err = rt_dict_set_item (dict, k, v);
          }
      }
    rt_decref (update);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (LIST_TO_TUPLE)
  {
    RtObject *list = TOP ();
    RtObject *tuple = rt_list_as_tuple (list);
    rt_decref (list);
    SET_TOP (tuple);
    if (tuple == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (UNPACK_SEQUENCE)
  {
    RtObject *seq = POP ();
    if ((RT_TYPE (seq) == &rt_tuple_type && RT_TUPLE_SIZE (seq) == (int64_t) oparg)
        || (RT_TYPE (seq) == &rt_list_type && RT_LIST_SIZE (seq) == (int64_t) oparg))
      {
        RtObject **items = RT_TYPE (seq) == &rt_tuple_type ? RT_TUPLE_ITEMS (seq)
                                                            : RT_LIST_ITEMS (seq);
        for (uint32_t i = oparg; i-- > 0;)
          PUSH (rt_newref (items[i]));
      }
    else
      {
        RtObject *values[EVAL_SMALL_ARRAY];
        RtObject **out = oparg <= EVAL_SMALL_ARRAY ? values : malloc (oparg * sizeof *out);
        if (out == NULL)
          {
            rt_decref (seq);
            rt_error_no_memory ();
            goto error;
          }
        if (!unpack_iterable (seq, (int) oparg, -1, out))
          {
            if (out != values)
              free (out);
            rt_decref (seq);
            goto error;
          }
        for (uint32_t i = oparg; i-- > 0;)
          PUSH (out[i]);
        if (out != values)
          free (out);
      }
    rt_decref (seq);
    DISPATCH ();
  }

  TARGET (UNPACK_EX)
  {
    int before = (int) (oparg & 0xff), after = (int) (oparg >> 8);
    int total = before + 1 + after;
    RtObject *seq = POP ();
    RtObject *small[EVAL_SMALL_ARRAY];
    RtObject **values = small;
    if (total > 512)
      {
        rt_decref (seq);
        rt_error_format (&rt_exc_SyntaxError, "too many expressions in star-unpacking assignment");
        goto error;
      }
    if (total > EVAL_SMALL_ARRAY && (values = malloc ((size_t) total * sizeof *values)) == NULL)
      {
        rt_decref (seq);
        rt_error_no_memory ();
        goto error;
      }
    if (!unpack_iterable (seq, before, after, values))
      {
        if (values != small)
          free (values);
        rt_decref (seq);
        goto error;
      }
    rt_decref (seq);
    for (int i = total; i-- > 0;)
      PUSH (values[i]);
    if (values != small)
      free (values);
    DISPATCH ();
  }

  TARGET (GET_ITER)
  {
    RtObject *iterable = TOP ();
    RtObject *it = rt_iter (iterable);
    rt_decref (iterable);
    SET_TOP (it);
    if (it == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (FOR_ITER)
  {
    RtObject *it = TOP ();
    RtObject *next = RT_TYPE (it)->iternext (it);
    if (next != NULL)
      {
        PUSH (next);
        DISPATCH ();
      }
    if (rt_error_occurred ())
      {
        if (!rt_error_matches (&rt_exc_StopIteration))
          goto error;
        rt_error_clear ();
      }
    sp--;
    rt_decref (it);
    JUMP_TO (oparg);
    DISPATCH ();
  }

  TARGET (JUMP)
  {
    JUMP_TO (oparg);
    DISPATCH ();
  }

  TARGET (POP_JUMP_IF_FALSE)
  {
    RtObject *cond = POP ();
    if (cond == RT_FALSE)
      JUMP_TO (oparg);
    else if (cond != RT_TRUE)
      {
        int truth = rt_is_true (cond);
        if (truth < 0)
          {
            rt_decref (cond);
            goto error;
          }
        if (!truth)
          JUMP_TO (oparg);
      }
    rt_decref (cond);
    DISPATCH ();
  }

  TARGET (POP_JUMP_IF_TRUE)
  {
    RtObject *cond = POP ();
    if (cond == RT_TRUE)
      JUMP_TO (oparg);
    else if (cond != RT_FALSE)
      {
        int truth = rt_is_true (cond);
        if (truth < 0)
          {
            rt_decref (cond);
            goto error;
          }
        if (truth)
          JUMP_TO (oparg);
      }
    rt_decref (cond);
    DISPATCH ();
  }

  TARGET (POP_JUMP_IF_NONE)
  {
    RtObject *v = POP ();
    if (v == RT_NONE)
      JUMP_TO (oparg);
    rt_decref (v);
    DISPATCH ();
  }

  TARGET (POP_JUMP_IF_NOT_NONE)
  {
    RtObject *v = POP ();
    if (v != RT_NONE)
      JUMP_TO (oparg);
    rt_decref (v);
    DISPATCH ();
  }

  TARGET (JUMP_IF_FALSE_OR_POP)
  {
    RtObject *cond = TOP ();
    int truth = cond == RT_TRUE ? 1 : cond == RT_FALSE ? 0 : rt_is_true (cond);
    if (truth < 0)
      goto error;
    if (!truth)
      JUMP_TO (oparg);
    else
      {
        sp--;
        rt_decref (cond);
      }
    DISPATCH ();
  }

  TARGET (JUMP_IF_TRUE_OR_POP)
  {
    RtObject *cond = TOP ();
    int truth = cond == RT_TRUE ? 1 : cond == RT_FALSE ? 0 : rt_is_true (cond);
    if (truth < 0)
      goto error;
    if (truth)
      JUMP_TO (oparg);
    else
      {
        sp--;
        rt_decref (cond);
      }
    DISPATCH ();
  }

  TARGET (MAKE_FUNCTION)
  {
    RtObject *codeobj = TOP ();
    RtObject *func = make_function ((LangCode *) codeobj, frame->globals, oparg, sp - 1);
    int operands = ((oparg & 1) != 0) + ((oparg & 2) != 0) + ((oparg & 4) != 0)
                   + ((oparg & 8) != 0);
    rt_decref (codeobj);
    sp -= 1 + operands;
    if (func == NULL)
      {
        /* The operands were not taken. */
        for (int i = 0; i < operands; i++)
          rt_decref (sp[i]);
        goto error;
      }
    PUSH (func);
    DISPATCH ();
  }

  TARGET (KW_NAMES)
  {
    kwnames = consts[oparg];
    DISPATCH ();
  }

  TARGET (CALL)
  {
    bool is_meth = PEEK (oparg + 2) != NULL;
    uint32_t total = oparg + is_meth;
    RtObject *callable = PEEK (total + 1);
    RtObject *call_kwnames = kwnames;
    kwnames = NULL;

    if (!is_meth && RT_TYPE (callable) == &rt_method_type)
      {
        /* A bound method: call its function with self first, as 3.11 does. */
        RtObject *func = ((RtMethod *) callable)->func;
        RtObject *self = ((RtMethod *) callable)->self;
        PEEK (oparg + 1) = rt_newref (self);
        PEEK (oparg + 2) = rt_newref (func);
        rt_decref (callable);
        is_meth = true;
        total = oparg + 1;
        callable = func;
      }

    size_t nkw = call_kwnames != NULL ? (size_t) RT_TUPLE_SIZE (call_kwnames) : 0;
    RtObject **args = sp - total;

    if (RT_TYPE (callable) == &rt_function_type)
      {
        /* The new frame takes the arguments and the function from the stack. */
        LangFrame *callee = lang_make_call_frame (callable, args, total - nkw, call_kwnames,
                                                  true);
        sp -= total + 1;
        if (!is_meth)
          sp--; /* the NULL */
        /* The function reference moved into the frame (or was dropped). */
        if (callee == NULL)
          goto error;
        SAVE_FRAME_STATE ();
        callee->previous = frame;
        callee->entry = false;
        callee->lasti = 0;
        callee->stack_pointer = NULL;
        if (rt_recursion_enter ("") < 0)
          {
            lang_frame_pop (callee);
            goto error;
          }
        frame = callee;
        lang_interp.current = frame;
        LOAD_FRAME_STATE ();
        goto start_frame;
      }

    RtObject *res = rt_call (callable, args, total - nkw, call_kwnames);
    for (uint32_t i = 0; i < total; i++)
      rt_decref (args[i]);
    sp -= total;
    rt_decref (POP ()); /* the callable, or self's function */
    if (!is_meth)
      sp--; /* the NULL */
    if (res == NULL)
      goto error;
    PUSH (res);
    DISPATCH ();
  }

  TARGET (CALL_FUNCTION_EX)
  {
    RtObject *kwargs = oparg & 1 ? POP () : NULL;
    RtObject *callargs = POP ();
    RtObject *func = POP ();
    RtObject *res = NULL;
    RtObject *names_tuple = NULL;
    RtObject *stack[EVAL_SMALL_ARRAY];
    RtObject **argv = stack;
    size_t npos = 0, nkw = 0;

    if (!rt_is_tuple (callargs))
      {
        RtObject *t = rt_tuple_from_iterable (callargs);
        if (t == NULL)
          {
            if (rt_error_matches (&rt_exc_TypeError))
              {
                RtObject *fs;
                rt_error_clear ();
                fs = function_str (func);
                if (fs != NULL)
                  rt_error_format (&rt_exc_TypeError,
                                   "%S argument after * must be an iterable, not %T", fs,
                                   callargs);
                rt_xdecref (fs);
              }
            goto call_ex_done;
          }
        RT_SETREF (callargs, t);
      }
    npos = (size_t) RT_TUPLE_SIZE (callargs);
    nkw = kwargs != NULL ? (size_t) rt_dict_size (kwargs) : 0;
    if (npos + nkw > EVAL_SMALL_ARRAY)
      {
        argv = malloc ((npos + nkw) * sizeof *argv);
        if (argv == NULL)
          {
            rt_error_no_memory ();
            argv = stack;
            goto call_ex_done;
          }
      }
    for (size_t i = 0; i < npos; i++)
      argv[i] = RT_TUPLE_ITEMS (callargs)[i];
    if (nkw > 0)
      {
        int64_t pos = 0;
        RtObject *k, *v;
        size_t j = 0;
        names_tuple = rt_tuple_new ((int64_t) nkw);
        if (names_tuple == NULL)
          goto call_ex_done;
        while (rt_dict_next (kwargs, &pos, &k, &v))
          {
            rt_tuple_init_item (names_tuple, (int64_t) j, rt_newref (k));
            argv[npos + j] = v;
            j++;
          }
      }
    res = rt_call (func, argv, npos, names_tuple);

  call_ex_done:
    if (argv != stack)
      free (argv);
    rt_xdecref (names_tuple);
    rt_decref (func);
    rt_decref (callargs);
    rt_xdecref (kwargs);
    rt_xdecref (POP ()); /* the NULL below the function */
    if (res == NULL)
      goto error;
    PUSH (res);
    DISPATCH ();
  }

  TARGET (RETURN_VALUE)
  {
    retval = POP ();
    frame->stack_pointer = sp;
    rt_recursion_leave ();
    if (frame->entry)
      {
        lang_interp.current = frame->previous;
        lang_frame_pop (frame);
        return retval;
      }
    LangFrame *caller = frame->previous;
    lang_interp.current = caller;
    lang_frame_pop (frame);
    frame = caller;
    LOAD_FRAME_STATE ();
    PUSH (retval);
    retval = NULL;
    DISPATCH ();
  }

  TARGET (LOAD_BUILD_CLASS)
  {
    RtObject *bc = rt_dict_get_item_cstr (frame->builtins, "__build_class__");
    if (bc == NULL)
      {
        if (!rt_error_occurred ())
          rt_error_format (&rt_exc_NameError, "__build_class__ not found");
        goto error;
      }
    PUSH (rt_newref (bc));
    DISPATCH ();
  }

  TARGET (RAISE_VARARGS)
  {
    if (oparg == 0)
      {
        if (lang_interp.exc_info == NULL)
          {
            rt_error_format (&rt_exc_RuntimeError, "No active exception to reraise");
            goto error;
          }
        rt_error_restore (rt_newref (lang_interp.exc_info));
        goto exception_unwind;
      }
    RtObject *cause = oparg == 2 ? POP () : NULL;
    RtObject *exc = POP ();
    if (cause != NULL)
      rt_error_raise_from (exc, cause);
    else
      rt_error_raise (exc);
    rt_decref (exc);
    rt_xdecref (cause);
    goto error;
  }

  TARGET (RERAISE)
  {
    if (oparg)
      {
        RtObject *lasti = PEEK (oparg + 1);
        int64_t index;
        if (rt_int_to_i64 (lasti, &index))
          frame->lasti = (uint32_t) index;
      }
    RtObject *exc = POP ();
    rt_error_restore (exc);
    goto exception_unwind_keep_lasti;
  }

  TARGET (PUSH_EXC_INFO)
  {
    RtObject *value = TOP ();
    SET_TOP (lang_interp.exc_info != NULL ? lang_interp.exc_info : rt_none_new ());
    PUSH (rt_newref (value));
    lang_interp.exc_info = value;
    rt_error_set_handled (value);
    DISPATCH ();
  }

  TARGET (POP_EXCEPT)
  {
    RtObject *old = lang_interp.exc_info;
    RtObject *prev = POP ();
    if (prev == RT_NONE)
      {
        rt_decref (prev);
        prev = NULL;
      }
    lang_interp.exc_info = prev;
    rt_error_set_handled (prev);
    rt_xdecref (old);
    DISPATCH ();
  }

  TARGET (CHECK_EXC_MATCH)
  {
    RtObject *type = POP ();
    RtObject *exc = TOP ();
    if (!check_except_type (type))
      {
        rt_decref (type);
        goto error;
      }
    bool match = exception_matches (exc, type);
    rt_decref (type);
    PUSH (rt_bool_new (match));
    DISPATCH ();
  }

  TARGET (LOAD_ASSERTION_ERROR)
  {
    PUSH (rt_newref (&rt_exc_AssertionError.ob));
    DISPATCH ();
  }

  TARGET (FORMAT_VALUE)
  {
    RtObject *spec = (oparg & 4) ? POP () : NULL;
    RtObject *value = TOP ();
    RtObject *res = format_value (value, (int) (oparg & 3), spec);
    rt_decref (value);
    rt_xdecref (spec);
    SET_TOP (res);
    if (res == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (IMPORT_NAME)
  {
    RtObject *fromlist = POP ();
    RtObject *level = TOP ();
    RtObject *module = lang_import_module (names[oparg]);
    rt_decref (fromlist);
    rt_decref (level);
    SET_TOP (module);
    if (module == NULL)
      {
        sp--;
        goto error;
      }
    DISPATCH ();
  }

  TARGET (IMPORT_FROM)
  {
    RtObject *v;
    if (!import_from (TOP (), names[oparg], &v))
      goto error;
    PUSH (v);
    DISPATCH ();
  }

  TARGET (IMPORT_STAR)
  {
    RtObject *module = POP ();
    RtObject *dict = rt_getattr_cstr (module, "__dict__");
    int err = 0;
    if (dict == NULL)
      err = -1;
    else
      {
        int64_t pos = 0;
        RtObject *k, *v;
        while (err == 0 && rt_dict_next (dict, &pos, &k, &v))
          if (!(rt_is_str (k) && rt_str_utf8 (k)[0] == '_'))
            err = rt_dict_set_item (frame->locals, k, v);
        rt_decref (dict);
      }
    rt_decref (module);
    if (err < 0)
      goto error;
    DISPATCH ();
  }

  TARGET (SETUP_ANNOTATIONS)
  {
    if (frame->locals != NULL && rt_dict_get_item_cstr (frame->locals, "__annotations__") == NULL)
      {
        RtObject *ann = rt_dict_new ();
        int err = ann == NULL ? -1 : rt_dict_set_item_cstr (frame->locals, "__annotations__", ann);
        rt_xdecref (ann);
        if (err < 0)
          goto error;
      }
    DISPATCH ();
  }

#if !USE_COMPUTED_GOTOS
    default:
      rt_error_format (&rt_exc_RuntimeError, "unknown opcode %d", (int) LANG_OP (instr));
      goto error;
    }
#endif

error:
  frame->lasti = (uint32_t) (next_instr - 1 - first_instr);
  {
    RtObject *exc = rt_error_fetch ();
    if (exc == NULL)
      {
        rt_error_format (&rt_exc_RuntimeError, "error return without exception set");
        exc = rt_error_fetch ();
      }
    lang_traceback_here (exc, frame);
    rt_error_restore (exc);
  }
  goto exception_unwind_keep_lasti;

exception_unwind:
  frame->lasti = (uint32_t) (next_instr - 1 - first_instr);

exception_unwind_keep_lasti:
  /* The handler is the one covering the instruction that raised here, not
   * frame->lasti: RERAISE sets that to where the exception first came from,
   * for the traceback and for the handler's pushed lasti. */
  kwnames = NULL;
  {
    uint32_t here = (uint32_t) (next_instr - 1 - first_instr);
    const LangExceptEntry *handler = lang_interp.stopping ? NULL : find_handler (code, here);
    if (handler != NULL)
      {
        RtObject **target_sp = stack_base + handler->depth;
        while (sp > target_sp)
          {
            RtObject *v = POP ();
            rt_xdecref (v);
          }
        if (handler->lasti)
          {
            RtObject *lasti = rt_int_from_i64 (frame->lasti);
            if (lasti == NULL)
              goto exit_unwind;
            PUSH (lasti);
          }
        PUSH (rt_error_fetch ());
        JUMP_TO (handler->handler);
        DISPATCH ();
      }
  }

exit_unwind:
  while (sp > stack_base)
    {
      RtObject *v = POP ();
      rt_xdecref (v);
    }
  frame->stack_pointer = sp;
  rt_recursion_leave ();
  if (frame->entry)
    {
      lang_interp.current = frame->previous;
      lang_frame_pop (frame);
      return NULL;
    }
  {
    LangFrame *caller = frame->previous;
    lang_interp.current = caller;
    lang_frame_pop (frame);
    frame = caller;
    /* The caller's CALL instruction raised: its saved position is just past it. */
    LOAD_FRAME_STATE ();
  }
  goto error;
}
