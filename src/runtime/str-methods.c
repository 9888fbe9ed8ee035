/* str-methods.c: not implemented yet. */
#include "object.h"
