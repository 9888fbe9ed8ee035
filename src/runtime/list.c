/* list.c: not implemented yet. */
#include "object.h"
