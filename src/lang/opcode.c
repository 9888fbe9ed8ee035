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
