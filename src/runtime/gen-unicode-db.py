#!/usr/bin/env python3
# gen-unicode-db.py: writes unicode-db.c, the character properties and case
# mappings behind str's methods and repr, read from CPython 3.11 itself so
# that every predicate answers as the 3.11 str methods do.
import sys
import unicodedata

assert sys.version_info[:2] == (3, 11), "generate with CPython 3.11"

MAX = 0x110000


def ranges(pred):
    out = []
    start = None
    for cp in range(MAX):
        ok = pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    if start is not None:
        out.append((start, MAX - 1))
    return out


def emit_ranges(f, name, rs):
    f.write("static const RtUnicodeRange %s[] = {\n" % name)
    for i in range(0, len(rs), 4):
        f.write("  " + " ".join("{ 0x%04X, 0x%04X }," % r for r in rs[i:i + 4]) + "\n")
    f.write("};\n\n")


def final_sigma(s):
    return s.lower()[-1] == "\u03c2"


def case_ignorable(cp):
    c = chr(cp)
    if c == "\u03a3":
        return False
    return not final_sigma(c + "\u03a3") and final_sigma("A" + c + "\u03a3")


def cased(cp):
    # title() lowercases a letter after a cased character.
    return (chr(cp) + "a").title()[-1] == "a"


def decimal_runs():
    # Runs of code points whose decimal values count up from 0, so that the
    # value is the distance from the run's first code point.
    out = []
    cp = 0
    while cp < MAX:
        if chr(cp).isdecimal() and unicodedata.decimal(chr(cp)) == 0:
            n = 1
            while cp + n < MAX and chr(cp + n).isdecimal() and unicodedata.decimal(chr(cp + n)) == n:
                n += 1
            out.append((cp, cp + n - 1))
            cp += n
        else:
            if chr(cp).isdecimal():
                raise SystemExit("decimal digit outside a 0-based run: %x" % cp)
            cp += 1
    return out


def mappings(fn):
    # Single code point mappings as runs {first, last, stride, delta}; longer
    # ones as exceptions.
    singles = []
    multi = []
    for cp in range(MAX):
        m = fn(chr(cp))
        if m == chr(cp):
            continue
        if len(m) == 1:
            singles.append((cp, ord(m) - cp))
        else:
            multi.append((cp, [ord(x) for x in m]))
    runs = []
    i = 0
    while i < len(singles):
        cp, delta = singles[i]
        j = i + 1
        stride = 1
        if j < len(singles) and singles[j][1] == delta and singles[j][0] - cp in (1, 2):
            stride = singles[j][0] - cp
            while j < len(singles) and singles[j][1] == delta and singles[j][0] - singles[j - 1][0] == stride:
                j += 1
        runs.append((cp, singles[j - 1][0], stride, delta))
        i = j
    return runs, multi


def emit_mapping(f, name, fn):
    runs, multi = mappings(fn)
    f.write("static const RtCaseRun %s_runs[] = {\n" % name)
    for r in runs:
        f.write("  { 0x%04X, 0x%04X, %d, %d },\n" % r)
    f.write("};\n\n")
    f.write("static const RtCaseMulti %s_multi[] = {\n" % name)
    for cp, m in multi:
        m = m + [0] * (3 - len(m))
        f.write("  { 0x%04X, { 0x%04X, 0x%04X, 0x%04X } },\n" % (cp, m[0], m[1], m[2]))
    f.write("};\n\n")
    assert all(len(m) <= 3 for _, m in multi)


PREDICATES = [
    ("printable", lambda cp: chr(cp).isprintable()),
    ("alpha", lambda cp: chr(cp).isalpha()),
    ("digit", lambda cp: chr(cp).isdigit()),
    ("numeric", lambda cp: chr(cp).isnumeric()),
    ("lower", lambda cp: chr(cp).islower()),
    ("upper", lambda cp: chr(cp).isupper()),
    ("title", lambda cp: unicodedata.category(chr(cp)) == "Lt"),
    ("cased", cased),
    ("case_ignorable", case_ignorable),
    ("xid_start", lambda cp: chr(cp).isidentifier()),
    ("xid_continue", lambda cp: ("a" + chr(cp)).isidentifier()),
]

MAPPINGS = [
    ("upper", str.upper),
    ("lower", str.lower),
    ("title", lambda c: c.title()),
    ("fold", str.casefold),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "unicode-db.c"
    with open(out, "w") as f:
        f.write("/* unicode-db.c: character classes and case mappings for str, generated\n"
                " * by gen-unicode-db.py from CPython 3.11 (Unicode %s). Do not edit. */\n"
                % unicodedata.unidata_version)
        f.write('#include "unicode-db.h"\n\n')
        f.write("typedef struct\n{\n  uint32_t first;\n  uint32_t last;\n} RtUnicodeRange;\n\n")
        f.write("typedef struct\n{\n  uint32_t first;\n  uint32_t last;\n  int32_t stride;\n"
                "  int32_t delta;\n} RtCaseRun;\n\n")
        f.write("typedef struct\n{\n  uint32_t cp;\n  uint32_t to[3];\n} RtCaseMulti;\n\n")
        for name, pred in PREDICATES:
            emit_ranges(f, name + "_ranges", ranges(pred))
        emit_ranges(f, "decimal_runs", decimal_runs())
        for name, fn in MAPPINGS:
            emit_mapping(f, name, fn)
        f.write(TAIL)
        for name, _ in PREDICATES:
            f.write("bool\nrt_unicode_is_%s (uint32_t cp)\n{\n"
                    "  return in_ranges (%s_ranges, N_ELEMENTS (%s_ranges), cp);\n}\n\n"
                    % (name, name, name))
        for name, _ in MAPPINGS:
            f.write("int\nrt_unicode_to_%s (uint32_t cp, uint32_t out[3])\n{\n"
                    "  return map_case (%s_runs, N_ELEMENTS (%s_runs), %s_multi,\n"
                    "                   N_ELEMENTS (%s_multi), cp, out);\n}\n\n"
                    % (name, name, name, name, name))


TAIL = """#define N_ELEMENTS(a) (sizeof (a) / sizeof ((a)[0]))

static const RtUnicodeRange *
find_range (const RtUnicodeRange *r, size_t n, uint32_t cp)
{
  size_t lo = 0, hi = n;

  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (cp < r[mid].first)
        hi = mid;
      else if (cp > r[mid].last)
        lo = mid + 1;
      else
        return &r[mid];
    }
  return NULL;
}

static bool
in_ranges (const RtUnicodeRange *r, size_t n, uint32_t cp)
{
  return find_range (r, n, cp) != NULL;
}

static int
map_case (const RtCaseRun *runs, size_t nruns, const RtCaseMulti *multi, size_t nmulti,
          uint32_t cp, uint32_t out[3])
{
  size_t lo = 0, hi = nmulti;

  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (cp < multi[mid].cp)
        hi = mid;
      else if (cp > multi[mid].cp)
        lo = mid + 1;
      else
        {
          int n = 0;
          while (n < 3 && multi[mid].to[n] != 0)
            {
              out[n] = multi[mid].to[n];
              n++;
            }
          return n;
        }
    }
  lo = 0;
  hi = nruns;
  while (lo < hi)
    {
      size_t mid = lo + (hi - lo) / 2;
      if (cp < runs[mid].first)
        hi = mid;
      else if (cp > runs[mid].last)
        lo = mid + 1;
      else
        {
          if ((cp - runs[mid].first) % (uint32_t) runs[mid].stride == 0)
            {
              out[0] = (uint32_t) ((int32_t) cp + runs[mid].delta);
              return 1;
            }
          break;
        }
    }
  out[0] = cp;
  return 1;
}

int
rt_unicode_decimal (uint32_t cp)
{
  const RtUnicodeRange *r;

  if (cp < 128)
    return cp >= '0' && cp <= '9' ? (int) (cp - '0') : -1;
  r = find_range (decimal_runs, N_ELEMENTS (decimal_runs), cp);
  return r != NULL ? (int) (cp - r->first) : -1;
}

bool
rt_unicode_is_space (uint32_t cp)
{
  if (cp < 128)
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  switch (cp)
    {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
    }
}

bool
rt_unicode_is_linebreak (uint32_t cp)
{
  switch (cp)
    {
    case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D: case 0x1E:
    case 0x85: case 0x2028: case 0x2029:
      return true;
    default:
      return false;
    }
}

"""

if __name__ == "__main__":
    main()
