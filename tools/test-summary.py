#!/usr/bin/env python3
"""Prints one line, "N passed, N failed, N skipped", over meson's JSON test
logs given as arguments (one JSON object per test, one per line)."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding='utf-8') as f:
            for line in f:
                if not line.strip():
                    continue
                result = json.loads(line).get('result')
                if result in ('OK', 'EXPECTEDFAIL'):
                    passed += 1
                elif result == 'SKIP':
                    skipped += 1
                else:
                    failed += 1
    except FileNotFoundError:
        pass
print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
