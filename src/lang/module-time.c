/* module-time.c: the few functions of the `time` module that programs use
 * to measure themselves: time, perf_counter, monotonic, process_time. */
#include "interp.h"

#include "runtime/dict.h"
#include "runtime/error.h"
#include "runtime/float.h"
#include "runtime/function.h"
#include "runtime/str.h"

#include <time.h>

static RtObject *
clock_seconds (clockid_t clock, const char *name, size_t nargs, RtObject *kwnames)
{
  struct timespec ts;

  if (!rt_check_no_kwargs (name, kwnames) || !rt_check_nargs (name, nargs, 0, 0))
    return NULL;
  clock_gettime (clock, &ts);
  return rt_float_new ((double) ts.tv_sec + (double) ts.tv_nsec * 1e-9);
}

static RtObject *
time_time (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return clock_seconds (CLOCK_REALTIME, "time", nargs, kwnames);
}

static RtObject *
time_perf_counter (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return clock_seconds (CLOCK_MONOTONIC, "perf_counter", nargs, kwnames);
}

static RtObject *
time_monotonic (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return clock_seconds (CLOCK_MONOTONIC, "monotonic", nargs, kwnames);
}

static RtObject *
time_process_time (RtObject *self, RtObject *const *args, size_t nargs, RtObject *kwnames)
{
  return clock_seconds (CLOCK_PROCESS_CPUTIME_ID, "process_time", nargs, kwnames);
}

static const RtMethodDef time_functions[] = {
  { "time", time_time, 0 },
  { "perf_counter", time_perf_counter, 0 },
  { "monotonic", time_monotonic, 0 },
  { "process_time", time_process_time, 0 },
  { NULL, NULL, 0 },
};

RtObject *
lang_time_module_new (void)
{
  RtObject *name = rt_str_intern_cstr ("time");
  RtObject *module = name != NULL ? rt_module_new (name) : NULL;
  RtObject *modname = NULL;

  rt_xdecref (name);
  if (module == NULL)
    return NULL;
  modname = rt_str_from_cstr ("time");
  if (modname == NULL)
    goto fail;
  for (const RtMethodDef *def = time_functions; def->name != NULL; def++)
    {
      RtObject *fn = rt_builtin_new (def, NULL, modname);
      int err = fn == NULL ? -1 : rt_dict_set_item_cstr (((RtModule *) module)->dict, def->name, fn);
      rt_xdecref (fn);
      if (err < 0)
        goto fail;
    }
  rt_decref (modname);
  return module;

fail:
  rt_xdecref (modname);
  rt_decref (module);
  return NULL;
}
