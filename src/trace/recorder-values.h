/* recorder-values.h: what a recorder reads off a live runtime object: its
 * type's name, a short repr for atoms, and whether it is an atom. */
#pragma once

#include "runtime/object.h"

#include <glib.h>

#define TRACE_REPR_MAX 60

/* The name of obj's type. */
const char *trace_value_type_name (RtObject *obj);

/* A short repr (at most TRACE_REPR_MAX characters and an ellipsis) of an
 * int, bool, float, str, None, function, class, module or builtin, in a
 * new string; NULL for other objects, whose contents are references. */
char *trace_value_repr (RtObject *obj);

/* Whether obj holds no references (int, float, str...): what a summary
 * may count instead of naming. */
gboolean trace_value_is_atom (RtObject *obj);

/* The name of a frame running func (NULL: module code). */
char *trace_value_frame_name (RtObject *func);
