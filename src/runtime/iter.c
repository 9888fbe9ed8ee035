/* iter.c: not implemented yet. */
#include "object.h"
