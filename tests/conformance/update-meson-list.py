#!/usr/bin/env python3
# Keeps the list of programs in meson.build in step with programs/.
#
#   update-meson-list.py          rewrite the generated block of meson.build
#   update-meson-list.py --check  exit 1 if the block is stale or a program
#                                 lacks one of its expected files
#
# Meson cannot glob, so every program is named explicitly; this script is
# the one place that list comes from.

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MESON_BUILD = os.path.join(HERE, 'meson.build')
PROGRAMS_DIR = os.path.join(HERE, 'programs')
EXPECTED_DIR = os.path.join(HERE, 'expected')

BEGIN = '  # BEGIN GENERATED LIST: update-meson-list.py rewrites this block\n'
END = '  # END GENERATED LIST\n'


def program_names():
  return sorted(n[:-3] for n in os.listdir(PROGRAMS_DIR) if n.endswith('.py'))


def generated_block(names):
  return BEGIN + ''.join("  '%s',\n" % n for n in names) + END


def current_text():
  with open(MESON_BUILD, encoding='utf-8') as f:
    return f.read()


def replace_block(text, block):
  start = text.index(BEGIN)
  end = text.index(END) + len(END)
  return text[:start] + block + text[end:]


def missing_expectations(names):
  missing = []
  for name in names:
    for ext in ('.stdout', '.stderr', '.status'):
      path = os.path.join(EXPECTED_DIR, name + ext)
      if not os.path.isfile(path):
        missing.append(os.path.relpath(path, HERE))
  return missing


def main(argv):
  names = program_names()
  text = current_text()
  wanted = replace_block(text, generated_block(names))
  if argv == ['--check']:
    ok = True
    if wanted != text:
      print('meson.build does not list exactly the programs in programs/; '
            'run update-meson-list.py')
      ok = False
    for path in missing_expectations(names):
      print('missing %s; run oracle.py --regen' % path)
      ok = False
    return 0 if ok else 1
  if argv:
    sys.stderr.write('usage: update-meson-list.py [--check]\n')
    return 2
  if wanted != text:
    with open(MESON_BUILD, 'w', encoding='utf-8') as f:
      f.write(wanted)
  print('%d programs listed in meson.build' % len(names))
  return 0


if __name__ == '__main__':
  sys.exit(main(sys.argv[1:]))
