/* format.h: the format-spec mini-language of format(), str.format() and
 * f-strings, for int, bool, float and str, with CPython 3.11's results and
 * error messages. */
#pragma once

#include "object.h"

/* format(x, spec) for an int or bool (x borrowed, spec a str); a new str. */
RtObject *rt_int_format (RtObject *x, RtObject *spec);
/* format(x, spec) for a float. */
RtObject *rt_float_format (RtObject *x, RtObject *spec);
/* format(s, spec) for a str. */
RtObject *rt_str_format_spec (RtObject *s, RtObject *spec);

/* printf's %.*e, %.*f or %.*g (conv 'e', 'f', 'g') of value with '.' as
 * the decimal point whatever the C locale; glibc rounds these exactly.
 * Returns the length written (truncated to size - 1). */
int rt_format_double_c (char *buf, size_t size, char conv, int precision, double value);
/* Flags of rt_double_to_string, as CPython's Py_DTSF_*. */
enum
{
  RT_DTSF_SIGN = 1 << 0,       /* a '+' for non-negative values */
  RT_DTSF_ADD_DOT_0 = 1 << 1,  /* "1.0", not "1" */
  RT_DTSF_ALT = 1 << 2,        /* '#': keep the point and trailing zeros */
  RT_DTSF_NO_NEG_0 = 1 << 3,   /* 'z': no sign on a zero result */
};

/* CPython's PyOS_double_to_string: format_code 'e' 'E' 'f' 'F' 'g' 'G', or
 * 'r' for repr (precision 0). A malloc'd ASCII string, NULL when out of
 * memory (no exception set). */
char *rt_double_to_string (double value, char format_code, int precision, int flags);

/* strtod in the C locale: '.' is the decimal point. */
double rt_parse_double_c (const char *text, char **end);
