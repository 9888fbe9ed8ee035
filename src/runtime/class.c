/* class.c: not implemented yet. */
#include "object.h"
