/* rt-test.h: what every runtime test needs: a fresh runtime per test, and
 * the heap invariant asserted at the end of each. */
#pragma once

#include <glib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "runtime/gc.h"
#include "runtime/mem.h"
#include "runtime/error.h"
#include "runtime/abstract.h"
#include "runtime/singletons.h"
#include "runtime/int.h"
#include "runtime/float.h"
#include "runtime/str.h"
#include "runtime/list.h"
#include "runtime/tuple.h"
#include "runtime/dict.h"
#include "runtime/set.h"
#include "runtime/range.h"
#include "runtime/class.h"
#include "runtime/function.h"

/* Registers fn as test `path`, run between a fresh rt_runtime_init and an
 * rt_runtime_fini preceded by a heap invariant check. */
void rt_test_add (const char *path, void (*fn) (void));

/* Declares that the test's C code holds one reference to obj, so the heap
 * invariant counts it as a root; released with rt_test_release_held. */
void rt_test_hold (RtObject *obj);
void rt_test_release_held (void);

/* Fails the test if the heap invariant does not hold now. */
void rt_test_assert_heap (void);

/* Fails the test, printing the exception, if one is set. */
void rt_test_assert_no_error (void);

/* repr(obj) as a C string owned by the test (freed at the end of the test). */
const char *rt_test_repr (RtObject *obj);

/* A str object from a C string, asserted non-NULL. */
RtObject *rt_test_str (const char *cstr);

/* Records every event while attached; rt_test_events_count counts a kind. */
void rt_test_events_start (void);
void rt_test_events_stop (void);
guint rt_test_events_count (RtEventKind kind);
const RtEvent *rt_test_events_nth (RtEventKind kind, guint n);
