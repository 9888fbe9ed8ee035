/* str-builder.c: not implemented yet. */
#include "object.h"
