/* interp.c: the interpreter's state: the builtins and the modules, where
 * output goes, the frames the built-in functions ask about, stepping and
 * stopping, and the roots the heap invariant counts. */
#include "interp-private.h"

#include "runtime/abstract.h"
#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/event.h"
#include "runtime/function.h"
#include "runtime/runtime.h"
#include "runtime/str.h"
#include "runtime/tuple.h"

#include <stdio.h>
#include <string.h>

LangInterp lang_interp;

static void
visit_frame_roots (void (*visit) (RtObject *target, void *arg), void *arg, void *user)
{
  for (LangFrame *frame = lang_interp.current; frame != NULL; frame = frame->previous)
    {
      LangCode *code = frame->code;
      visit (&code->ob, arg);
      if (frame->func != NULL)
        visit (frame->func, arg);
      if (frame->owns_globals && frame->globals != NULL)
        visit (frame->globals, arg);
      if (frame->locals != NULL)
        visit (frame->locals, arg);
      if (frame->locals_dict != NULL)
        visit (frame->locals_dict, arg);
      for (int32_t i = 0; i < code->nlocalsplus; i++)
        if (frame->localsplus[i] != NULL)
          visit (frame->localsplus[i], arg);
      if (frame->stack_pointer != NULL)
        for (RtObject **p = lang_frame_stack_base (frame); p < frame->stack_pointer; p++)
          if (*p != NULL)
            visit (*p, arg);
    }
  if (lang_interp.builtins != NULL)
    visit (lang_interp.builtins, arg);
  if (lang_interp.builtins_module != NULL)
    visit (lang_interp.builtins_module, arg);
  if (lang_interp.modules != NULL)
    visit (lang_interp.modules, arg);
  if (lang_interp.exc_info != NULL)
    visit (lang_interp.exc_info, arg);
  if (lang_interp.build_class != NULL)
    visit (lang_interp.build_class, arg);
  if (lang_interp.main_globals != NULL)
    visit (lang_interp.main_globals, arg);
}

static void
stdout_output (const char *bytes, size_t length, void *user)
{
  fwrite (bytes, 1, length, stdout);
}

bool
lang_interp_init (void)
{
  RtHooks hooks = { .call_function = lang_call_function,
                    .visit_roots = visit_frame_roots,
                    .super_args = lang_current_super_args,
                    .user = NULL };
  RtObject *module = NULL;
  memset (&lang_interp, 0, sizeof lang_interp);
  lang_interp.output = stdout_output;
  rt_runtime_set_hooks (&hooks);

  lang_interp.builtins_module = lang_builtins_module_new ();
  if (lang_interp.builtins_module == NULL)
    goto fail;
  lang_interp.builtins = rt_newref (((RtModule *) lang_interp.builtins_module)->dict);
  lang_interp.build_class = lang_build_class_new ();
  if (lang_interp.build_class == NULL
      || rt_dict_set_item_cstr (lang_interp.builtins, "__build_class__", lang_interp.build_class)
           < 0)
    goto fail;

  lang_interp.modules = rt_dict_new ();
  if (lang_interp.modules == NULL
      || rt_dict_set_item_cstr (lang_interp.modules, "builtins", lang_interp.builtins_module) < 0)
    goto fail;
  module = lang_gc_module_new ();
  if (module == NULL || rt_dict_set_item_cstr (lang_interp.modules, "gc", module) < 0)
    goto fail;
  RT_CLEAR (module);
  module = lang_sys_module_new ();
  if (module == NULL || rt_dict_set_item_cstr (lang_interp.modules, "sys", module) < 0)
    goto fail;
  if (rt_dict_set_item_cstr (((RtModule *) module)->dict, "modules", lang_interp.modules) < 0)
    goto fail;
  RT_CLEAR (module);
  module = lang_time_module_new ();
  if (module == NULL || rt_dict_set_item_cstr (lang_interp.modules, "time", module) < 0)
    goto fail;
  RT_CLEAR (module);
  return true;

fail:
  rt_xdecref (module);
  lang_interp_fini ();
  return false;
}

void
lang_interp_clear_exc_info (void)
{
  rt_error_set_handled (NULL);
  RT_CLEAR (lang_interp.exc_info);
}

void
lang_interp_fini (void)
{
  /* The program's objects are not freed one by one: their finalizers must
   * not run after the program ended. The runtime releases their memory. */
  lang_interp.main_globals = NULL;
  lang_interp_clear_exc_info ();
  RT_CLEAR (lang_interp.modules);
  RT_CLEAR (lang_interp.build_class);
  RT_CLEAR (lang_interp.builtins);
  RT_CLEAR (lang_interp.builtins_module);
  lang_frame_stack_fini ();
  rt_runtime_set_hooks (NULL);
  /* Output must not go on to a caller's buffer that may be gone. */
  lang_interp.output = stdout_output;
  lang_interp.output_user = NULL;
}

RtObject *
lang_current_globals (void)
{
  LangFrame *frame = lang_interp.current;
  return frame != NULL ? frame->globals : NULL;
}

RtObject *
lang_current_locals (void)
{
  LangFrame *frame = lang_interp.current;
  LangCode *code;

  if (frame == NULL)
    {
      rt_error_format (&rt_exc_RuntimeError, "no current frame");
      return NULL;
    }
  if (frame->locals != NULL)
    return rt_newref (frame->locals);

  /* A function: one dict per frame, refreshed from the variables on each
   * call, as PyFrame_FastToLocals does. */
  code = frame->code;
  if (frame->locals_dict == NULL)
    {
      frame->locals_dict = rt_dict_new ();
      if (frame->locals_dict == NULL)
        return NULL;
    }
  for (int32_t i = 0; i < code->nlocalsplus; i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (code->localsplusnames)[i];
      RtObject *value = frame->localsplus[i];
      if (value != NULL && (code->localspluskinds[i] & (LANG_FAST_CELL | LANG_FAST_FREE)))
        value = ((RtCell *) value)->ref;
      if (value != NULL)
        {
          if (rt_dict_set_item (frame->locals_dict, name, value) < 0)
            return NULL;
        }
      else if (rt_dict_contains (frame->locals_dict, name) > 0)
        {
          if (rt_dict_del_item (frame->locals_dict, name) < 0)
            return NULL;
        }
    }
  return rt_newref (frame->locals_dict);
}

bool
lang_current_super_args (RtObject **type, RtObject **self)
{
  LangFrame *frame = lang_interp.current;
  LangCode *code;

  if (frame == NULL || frame->func == NULL)
    {
      rt_error_format (&rt_exc_RuntimeError, "super(): no arguments");
      return false;
    }
  code = frame->code;
  if (code->argcount == 0)
    {
      rt_error_format (&rt_exc_RuntimeError, "super(): no arguments");
      return false;
    }
  *self = frame->localsplus[0];
  if (*self != NULL && (code->localspluskinds[0] & LANG_FAST_CELL))
    *self = ((RtCell *) *self)->ref;
  if (*self == NULL)
    {
      rt_error_format (&rt_exc_RuntimeError, "super(): arg[0] deleted");
      return false;
    }
  for (int32_t i = code->nlocalsplus - code->nfreevars; i < code->nlocalsplus; i++)
    {
      RtObject *name = RT_TUPLE_ITEMS (code->localsplusnames)[i];
      if (rt_str_equal_cstr (name, "__class__"))
        {
          RtObject *cell = frame->localsplus[i];
          *type = cell != NULL ? ((RtCell *) cell)->ref : NULL;
          if (*type == NULL)
            {
              rt_error_format (&rt_exc_RuntimeError, "super(): empty __class__ cell");
              return false;
            }
          return true;
        }
    }
  rt_error_format (&rt_exc_RuntimeError, "super(): __class__ cell not found");
  return false;
}

bool
lang_output_write (const char *bytes, size_t length)
{
  if (rt_events_on ())
    {
      RtEvent event = { .kind = RT_EV_OUTPUT, .text = bytes, .a = (int64_t) length };
      rt_emit_slow (&event);
    }
  if (lang_interp.output != NULL)
    lang_interp.output (bytes, length, lang_interp.output_user);
  return true;
}

RtObject *
lang_import_module (RtObject *name)
{
  RtObject *module = rt_dict_get_item (lang_interp.modules, name);

  if (module != NULL)
    return rt_newref (module);
  if (!rt_error_occurred ())
    rt_error_format (&rt_exc_ModuleNotFoundError, "No module named '%S'", name);
  return NULL;
}

RtObject *
lang_builtins_dict (void)
{
  return lang_interp.builtins;
}

void
lang_frame_enter_module (LangFrame *frame, RtObject *globals)
{
  if (lang_interp.module_frame == 0 || lang_interp.module_frame_globals != globals->serial)
    {
      lang_interp.module_frame = rt_serial_new ();
      lang_interp.module_frame_globals = globals->serial;
      if (rt_events_on ())
        {
          RtEvent event = { .kind = RT_EV_FRAME_PUSH,
                            .a = (int64_t) lang_interp.module_frame,
                            .other = globals };
          rt_emit_slow (&event);
        }
    }
  frame->serial = lang_interp.module_frame;
  frame->reported = LANG_FRAME_MODULE;
}

bool
lang_trace_step (LangFrame *frame, uint32_t index)
{
  lang_interp.steps++;
  if (rt_events_on ())
    {
      lang_frame_report (frame);
      RtEvent event = { .kind = RT_EV_STEP,
                        .small = frame->code->source_index,
                        .a = lang_code_line (frame->code, index),
                        .b = (int64_t) frame->serial };
      rt_emit_slow (&event);
    }
  if ((lang_interp.max_steps != 0 && lang_interp.steps > lang_interp.max_steps)
      || lang_interp.stop_requested)
    {
      lang_interp.stopping = true;
      rt_error_format (&rt_exc_KeyboardInterrupt, "stopped after %llu steps",
                       (unsigned long long) (lang_interp.steps - 1));
      return false;
    }
  return true;
}

void
lang_request_stop (void)
{
  lang_interp.stop_requested = 1;
  lang_interp.tracing = true;
}
