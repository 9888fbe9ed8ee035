/* opcode.c: the names of the opcodes, as dis prints them. */
#include "opcode.h"

static const char *const opcode_names[] = {
#define LANG_OPCODE_NAME(name) #name,
  LANG_OPCODES (LANG_OPCODE_NAME)
#undef LANG_OPCODE_NAME
};

const char *
lang_opcode_name (LangOpcode op)
{
  if ((unsigned) op >= LANG_OP_COUNT_)
    return "<invalid>";
  return opcode_names[op];
}

bool
lang_opcode_has_arg (LangOpcode op)
{
  switch (op)
    {
    case LANG_OP_NOP:
    case LANG_OP_POP_TOP:
    case LANG_OP_PUSH_NULL:
    case LANG_OP_UNARY_POSITIVE:
    case LANG_OP_UNARY_NEGATIVE:
    case LANG_OP_UNARY_NOT:
    case LANG_OP_UNARY_INVERT:
    case LANG_OP_BINARY_SUBSCR:
    case LANG_OP_STORE_SUBSCR:
    case LANG_OP_DELETE_SUBSCR:
    case LANG_OP_LIST_TO_TUPLE:
    case LANG_OP_GET_ITER:
    case LANG_OP_RETURN_VALUE:
    case LANG_OP_LOAD_BUILD_CLASS:
    case LANG_OP_PUSH_EXC_INFO:
    case LANG_OP_POP_EXCEPT:
    case LANG_OP_CHECK_EXC_MATCH:
    case LANG_OP_LOAD_ASSERTION_ERROR:
    case LANG_OP_IMPORT_STAR:
    case LANG_OP_SETUP_ANNOTATIONS:
      return false;
    default:
      return true;
    }
}
