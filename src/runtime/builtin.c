/* builtin.c: not implemented yet. */
#include "object.h"
