/* error.c: the error indicator (the one current exception, as CPython's
 * thread state holds it), raising, implicit chaining through __context__,
 * and the preallocated MemoryError. */
#include "class-private.h"
#include "abstract.h"
#include "runtime.h"
#include "singletons.h"
#include "str.h"

#include <stdio.h>

static RtObject *current;
static RtObject *handled;
static RtObject *memory_error;
static RtUnraisableHook unraisable_hook;
static void *unraisable_user;

bool
rt_error_init (void)
{
  if (!rt_type_ready (&rt_exc_BaseException))
    return false;
  if (memory_error == NULL)
    {
      memory_error = rt_exception_new (&rt_exc_MemoryError, NULL, 0);
      if (memory_error == NULL)
        return false;
    }
  rt_root_register (&current, 1);
  rt_root_register (&memory_error, 1);
  return true;
}

/* Called after the runtime released the types it lists: the rest of the
 * protocol's state goes too. */
void
rt_error_fini (void)
{
  handled = NULL;
  RT_CLEAR (current);
  RT_CLEAR (memory_error);
  rt_types_fini ();
}

bool
rt_error_occurred (void)
{
  return current != NULL;
}

bool
rt_error_matches (RtType *type)
{
  return current != NULL && rt_is_instance_of (current, type);
}

RtObject *
rt_error_fetch (void)
{
  RtObject *exc = current;

  current = NULL;
  return exc;
}

void
rt_error_restore (RtObject *exc)
{
  RtObject *old = current;

  current = exc;
  rt_xdecref (old);
}

void
rt_error_clear (void)
{
  rt_error_restore (NULL);
}

void
rt_error_set_handled (RtObject *exc)
{
  handled = exc;
}

RtObject *
rt_error_get_handled (void)
{
  return handled;
}

/* The exception being handled becomes the new one's __context__, without
 * making a cycle through the chain (_PyErr_SetObject). */
static void
chain_context (RtObject *exc)
{
  RtObject *o, *context, *slow;
  bool toggle = false;

  if (handled == NULL || handled == exc || handled == RT_NONE)
    return;
  o = handled;
  slow = o;
  while ((context = rt_exception_context (o)) != NULL)
    {
      if (context == exc)
        {
          rt_exception_set_context (o, NULL);
          break;
        }
      o = context;
      if (o == slow)
        break;
      if (toggle)
        slow = rt_exception_context (slow);
      toggle = !toggle;
    }
  rt_exception_set_context (exc, rt_newref (handled));
}

static void
raise_instance (RtObject *exc)
{
  chain_context (exc);
  rt_error_restore (exc);
}

void
rt_error_set_object (RtType *type, RtObject *value)
{
  RtObject *exc;

  if (!RT_TYPE_HAS (type, RT_TPFLAG_EXC_SUBCLASS))
    {
      rt_error_format (&rt_exc_SystemError, "exception %R is not a BaseException subclass",
                       (RtObject *) type);
      return;
    }
  if (value != NULL && rt_is_instance_of (value, type))
    exc = rt_newref (value);
  else
    {
      /* Creating it may run Python code: do it with no exception set. */
      RtObject *saved = rt_error_fetch ();
      exc = rt_exception_new (type, value ? &value : NULL, value ? 1 : 0);
      if (exc == NULL)
        {
          rt_xdecref (saved);
          return;
        }
      rt_xdecref (saved);
    }
  raise_instance (exc);
}

void
rt_error_vformat (RtType *type, const char *format, va_list args)
{
  RtObject *msg;

  /* The message is built with no exception set, as PyErr_Format does. */
  rt_error_clear ();
  msg = rt_str_from_vformat (format, args);
  if (msg == NULL)
    return;
  rt_error_set_object (type, msg);
  rt_decref (msg);
}

void
rt_error_format (RtType *type, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  rt_error_vformat (type, format, args);
  va_end (args);
}

/* The instance `raise exc` raises: exc itself, or exc() for an exception
 * class. A new reference, or NULL with an exception set. */
static RtObject *
instance_to_raise (RtObject *exc)
{
  RtObject *value;

  if (rt_is_type (exc) && RT_TYPE_HAS ((RtType *) exc, RT_TPFLAG_EXC_SUBCLASS))
    {
      value = rt_call_noargs (exc);
      if (value == NULL)
        return NULL;
      if (!RT_TYPE_HAS (RT_TYPE (value), RT_TPFLAG_EXC_SUBCLASS))
        {
          rt_error_format (&rt_exc_TypeError,
                           "calling %R should have returned an instance of BaseException, not %R",
                           exc, (RtObject *) RT_TYPE (value));
          rt_decref (value);
          return NULL;
        }
      return value;
    }
  if (RT_TYPE_HAS (RT_TYPE (exc), RT_TPFLAG_EXC_SUBCLASS))
    return rt_newref (exc);
  rt_error_format (&rt_exc_TypeError, "exceptions must derive from BaseException");
  return NULL;
}

void
rt_error_raise (RtObject *exc)
{
  RtObject *value = instance_to_raise (exc);

  if (value != NULL)
    raise_instance (value);
}

/* As CPython's do_raise: the exception is made first, then the cause, and
 * the context is chained last, so an error made on the way takes the
 * handled exception as its context, not the half-raised one. */
void
rt_error_raise_from (RtObject *exc, RtObject *cause)
{
  RtObject *value = instance_to_raise (exc);
  RtObject *fixed = NULL;

  if (value == NULL)
    return;
  if (rt_is_type (cause) && RT_TYPE_HAS ((RtType *) cause, RT_TPFLAG_EXC_SUBCLASS))
    {
      fixed = rt_call_noargs (cause);
      if (fixed == NULL)
        goto fail;
      /* CPython keeps whatever the class returned; a cause that is not an
       * exception would break every reader of the chain, so it is refused. */
      if (!RT_TYPE_HAS (RT_TYPE (fixed), RT_TPFLAG_EXC_SUBCLASS))
        {
          RT_CLEAR (fixed);
          goto bad_cause;
        }
    }
  else if (RT_TYPE_HAS (RT_TYPE (cause), RT_TPFLAG_EXC_SUBCLASS))
    fixed = rt_newref (cause);
  else if (cause != RT_NONE)
    goto bad_cause;
  /* `from None` too: no cause, but the context is suppressed. */
  rt_exception_set_cause (value, fixed);
  raise_instance (value);
  return;

bad_cause:
  rt_error_format (&rt_exc_TypeError, "exception causes must derive from BaseException");
fail:
  rt_decref (value);
}

RtObject *
rt_error_no_memory (void)
{
  if (memory_error == NULL)
    {
      /* Before init: nothing to raise, and nothing may be allocated. */
      return NULL;
    }
  if (RT_REFCNT (memory_error) == 1)
    {
      /* Not in flight anywhere: a fresh start for its traceback. */
      rt_exception_set_traceback (memory_error, NULL);
      rt_exception_set_context (memory_error, NULL);
      rt_exception_set_cause (memory_error, NULL);
      rt_exception_set_suppress_context (memory_error, false);
    }
  rt_error_restore (rt_newref (memory_error));
  return NULL;
}

void
rt_error_set_unraisable_hook (RtUnraisableHook hook, void *user)
{
  unraisable_hook = hook;
  unraisable_user = user;
}

void
rt_error_write_unraisable (RtObject *obj)
{
  RtObject *exc = rt_error_fetch ();
  RtObject *repr = NULL, *line = NULL;

  if (exc == NULL)
    return;
  if (unraisable_hook != NULL)
    {
      unraisable_hook (exc, obj, unraisable_user);
      rt_decref (exc);
      rt_error_clear ();
      return;
    }
  if (obj != NULL)
    {
      repr = rt_repr (obj);
      if (repr == NULL)
        rt_error_clear ();
    }
  line = rt_exception_format_only (exc);
  if (line == NULL)
    rt_error_clear ();
  if (obj != NULL)
    fprintf (stderr, "Exception ignored in: %s\n", repr ? rt_str_utf8 (repr) : "<object repr() failed>");
  fprintf (stderr, "%s\n", line ? rt_str_utf8 (line) : "<exception str() failed>");
  rt_xdecref (line);
  rt_xdecref (repr);
  rt_decref (exc);
}
