/* dict-views.c: not implemented yet. */
#include "object.h"
