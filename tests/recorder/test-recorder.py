#!/usr/bin/env python3
# Tests tools/refscope-record: its traces of the seed's examples and of the
# lessons, replayed event by event and checked against docs/trace.schema.json.
"""usage: test-recorder.py SOURCE_ROOT [--check-with REFSCOPE_CLI]

Without --check-with: records every program of tests/recorder/programs and
data/lessons, validates each line against the schema, replays each trace
(ids born before use and never reused, references removed only where they
were added, steps without gaps) and asserts what the seed's lessons show.
With --check-with: runs `REFSCOPE_CLI check` on every recorded trace, or
exits 77 (skipped) if that command does not exist yet.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

ROOT = None
RECORDER = None
SCHEMA = None
WORK = None
_RECORDED = {}
# Options some programs are always recorded with.
PROGRAM_OPTIONS = {"many_objects.py": ["--max-objects", "500"]}


# ------------------------------------------------------------ the schema

class SchemaError(Exception):
    pass


def validate(value, schema, root, path="$"):
    """A small validator for the draft 2020-12 keywords the trace schema
    uses: $ref, type, const, enum, required, properties, items, minItems,
    maxItems, minimum, maximum, pattern, oneOf, allOf, not."""
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        validate(value, target, root, path)
    if "type" in schema:
        t = schema["type"]
        ok = {
            "object": isinstance(value, dict),
            "array": isinstance(value, list),
            "string": isinstance(value, str),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "number": isinstance(value, (int, float))
            and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
        }[t]
        if not ok:
            raise SchemaError("%s: not a %s: %r" % (path, t, value))
    if "const" in schema and value != schema["const"]:
        raise SchemaError("%s: %r is not %r" % (path, value, schema["const"]))
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError("%s: %r not one of %r" % (path, value, schema["enum"]))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise SchemaError("%s: %r below %r" % (path, value, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            raise SchemaError("%s: %r above %r" % (path, value, schema["maximum"]))
    if isinstance(value, str) and "pattern" in schema:
        if not re.search(schema["pattern"], value):
            raise SchemaError("%s: %r does not match %s"
                              % (path, value, schema["pattern"]))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                raise SchemaError("%s: missing %s" % (path, key))
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                validate(value[key], sub, root, "%s.%s" % (path, key))
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            raise SchemaError("%s: too few items" % path)
        if len(value) > schema.get("maxItems", len(value)):
            raise SchemaError("%s: too many items" % path)
        if "items" in schema:
            for i, x in enumerate(value):
                validate(x, schema["items"], root, "%s[%d]" % (path, i))
    for sub in schema.get("allOf", []):
        validate(value, sub, root, path)
    if "oneOf" in schema:
        matched = 0
        errors = []
        for sub in schema["oneOf"]:
            try:
                validate(value, sub, root, path)
                matched += 1
            except SchemaError as e:
                errors.append(str(e))
        if matched != 1:
            raise SchemaError("%s: matches %d of oneOf (%s)"
                              % (path, matched, "; ".join(errors[:3])))
    if "not" in schema:
        try:
            validate(value, schema["not"], root, path)
        except SchemaError:
            pass
        else:
            raise SchemaError("%s: matches a forbidden schema" % path)


# ---------------------------------------------------------------- replay

class Trace:
    """A trace replayed as a reader would: live objects, their references
    and counts, frames, steps.  Raises AssertionError at the first event
    that names an object or reference the reader does not have."""

    def __init__(self, lines):
        self.header = lines[0]
        self.events = lines[1:]
        self.objects = {}         # id -> born event (live ones)
        self.count = {}
        self.refs = {}            # holder -> list of [slot kind, slot, to]
        self.seq = {}             # holder -> list of targets by index
        self.frames = {}          # id -> frame_push event
        self.freed = {}           # id -> free event
        self.ever = set()
        self.steps = []           # (n, event index)
        self.summaries = {}       # container -> {type: [count, bytes]}
        self.states = []          # state snapshot after each step's events
        for k, ev in enumerate(self.events):
            self._apply(k, ev)

    def _live(self, i, what, k):
        assert i in self.objects or i in self.frames, \
            "event %d (%s) names %s %r, which is %s" % (
                k, self.events[k]["ev"], what, i,
                "freed" if i in self.freed else "unknown")

    def _apply(self, k, ev):
        kind = ev["ev"]
        if kind == "step":
            assert ev["n"] == len(self.steps) + 1, "step %d after %d" % (
                ev["n"], len(self.steps))
            assert ev["frame"] in self.frames, "step in unknown frame"
            assert 0 <= ev["file"] < len(self.header["files"])
            if self.steps:
                self.states.append(self.snapshot())
            self.steps.append((ev["n"], k))
        elif kind == "born":
            i = ev["id"]
            assert i not in self.ever, "id %d reused at event %d" % (i, k)
            self.ever.add(i)
            self.objects[i] = ev
            self.count[i] = 1
            self.refs[i] = []
            self.seq[i] = []
        elif kind == "free":
            i = ev["id"]
            self._live(i, "object", k)
            for _, _, to in self.refs.pop(i):
                if to in self.count:
                    self.count[to] -= 1
            self.seq.pop(i)
            self.freed[i] = ev
            del self.objects[i]
            del self.count[i]
            self.summaries.pop(i, None)
        elif kind in ("ref_add", "ref_del"):
            h, to = ev["from"], ev["to"]
            self._live(h, "holder", k)
            self._live(to, "target", k)
            slots = [s for s in ("index", "key", "value", "attr", "name", "label")
                     if s in ev]
            assert len(slots) == 1, "event %d: slots %r" % (k, slots)
            s = slots[0]
            if s in ("key", "value"):
                self._live(ev[s], "key", k)
            refs = self.refs.setdefault(h, [])
            if s == "index" and ev[s] >= 0:
                seq = self.seq.setdefault(h, [])
                idx = ev[s]
                if kind == "ref_add":
                    if ev.get("shift") or idx >= len(seq):
                        assert idx <= len(seq), "event %d: index %d past %d" % (
                            k, idx, len(seq))
                        seq.insert(idx, to)
                    else:
                        assert seq[idx] is None, "event %d: index %d taken" % (k, idx)
                        seq[idx] = to
                else:
                    assert idx < len(seq) and seq[idx] == to, \
                        "event %d: ref_del of index %d, which holds %r" % (
                            k, idx, seq[idx] if idx < len(seq) else None)
                    if ev.get("shift") or idx == len(seq) - 1:
                        del seq[idx]
                    else:
                        seq[idx] = None
                while seq and seq[-1] is None:
                    seq.pop()
            key = [s, ev[s] if s != "index" else None, to]
            if kind == "ref_add":
                refs.append(key)
                self.count[to] = self.count.get(to, 0) + 1
            else:
                assert key in refs, "event %d: ref_del of a reference never " \
                    "added: %r" % (k, ev)
                refs.remove(key)
                self.count[to] -= 1
        elif kind == "refcnt":
            self._live(ev["id"], "object", k)
            self.count[ev["id"]] = ev["count"]
        elif kind == "frame_push":
            assert ev["frame"] not in self.ever, "frame id reused"
            self.ever.add(ev["frame"])
            self.frames[ev["frame"]] = ev
            self.refs[ev["frame"]] = []
            if "namespace" in ev:
                self._live(ev["namespace"], "namespace", k)
                assert self.objects[ev["namespace"]]["type"] == "dict"
            if "function" in ev:
                self._live(ev["function"], "function", k)
        elif kind == "frame_pop":
            assert ev["frame"] in self.frames, "pop of unknown frame"
            for _, _, to in self.refs.pop(ev["frame"]):
                self.count[to] -= 1
            del self.frames[ev["frame"]]
        elif kind == "summary":
            self._live(ev["id"], "container", k)
            tot = self.summaries.setdefault(ev["id"], {}).setdefault(
                ev["type"], [0, 0])
            tot[0] += ev["count"]
            tot[1] += ev["bytes"]
            assert tot[0] >= 0 and tot[1] >= 0, "negative summary at %d" % k
        elif kind in ("exception", "track", "untrack", "gc_finalize"):
            self._live(ev["id"], "object", k)
        elif kind == "end":
            assert k == len(self.events) - 1, "end is not the last line"
        if kind != "step" and k == len(self.events) - 1:
            self.states.append(self.snapshot())

    def snapshot(self):
        return {"objects": dict(self.objects), "count": dict(self.count),
                "refs": {h: [list(r) for r in rs] for h, rs in self.refs.items()},
                "frames": dict(self.frames), "freed": dict(self.freed),
                "summaries": {c: {t: list(v) for t, v in s.items()}
                              for c, s in self.summaries.items()}}

    # Queries on the state after a step.
    def step_of_line(self, line, occurrence=0):
        found = [n for n, k in self.steps if self.events[k]["line"] == line]
        return found[occurrence]

    def state_after(self, n):
        """The state at step n (format: Steps and states)."""
        return self.states[n - 1]

    def after_statement(self, n):
        """The heap once the statement of step n is done: at the frame's next
        step, past the steps of the calls it made."""
        frame = self.events[self.steps[n - 1][1]]["frame"]
        for m, k in self.steps[n:]:
            if self.events[k]["frame"] == frame:
                return self.states[m - 2]
        return self.states[-1]

    def globals_id(self):
        for ev in self.events:
            if ev["ev"] == "frame_push" and ev["name"] == "<module>":
                return ev["namespace"]
        raise AssertionError("no module frame")

    def lookup(self, state, name):
        """The id a global name refers to in STATE, or None."""
        g = self.globals_id()
        keys = {r[1]: r[2] for r in state["refs"].get(g, []) if r[0] == "key"}
        for key_id, to in keys.items():
            if state["objects"][to].get("repr") == repr(name):
                for r in state["refs"][g]:
                    if r[0] == "value" and r[1] == key_id:
                        return r[2]
        return None

    def refs_between(self, state, holder, target):
        return [r for r in state["refs"].get(holder, []) if r[2] == target]


# ----------------------------------------------------------------- runs

def record(program, *extra):
    """Runs the recorder; returns (exit status, stdout, stderr, lines)."""
    extra = tuple(PROGRAM_OPTIONS.get(os.path.basename(program), [])) + extra
    key = (program,) + extra
    if key in _RECORDED:
        return _RECORDED[key]
    name = os.path.splitext(os.path.basename(program))[0]
    out = os.path.join(WORK, "%s-%d.jsonl" % (name, len(_RECORDED)))
    proc = subprocess.run(
        [sys.executable, RECORDER, program, "-o", out] + list(extra),
        capture_output=True, text=True, timeout=600)
    lines = None
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            text = f.read()
        assert text.endswith("\n"), "trace does not end with a newline"
        lines = [json.loads(line) for line in text.split("\n")[:-1]]
        for n, line in enumerate(lines):
            try:
                validate(line, SCHEMA, SCHEMA)
                if n == 0:
                    validate(line, SCHEMA["$defs"]["header"], SCHEMA)
                else:
                    validate(line, SCHEMA["$defs"]["event"], SCHEMA)
            except SchemaError as e:
                raise AssertionError("%s:%d: %s" % (out, n + 1, e))
    result = (proc.returncode, proc.stdout, proc.stderr, lines, out)
    _RECORDED[key] = result
    return result


def program(name):
    return os.path.join(ROOT, "tests", "recorder", "programs", name)


def lessons():
    folder = os.path.join(ROOT, "data", "lessons")
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.endswith(".py"))


class RecorderTest(unittest.TestCase):

    def replay(self, path, status=0):
        code, out, err, lines, _ = record(path)
        self.assertEqual(code, status, err)
        self.assertIsNotNone(lines)
        return Trace(lines), out

    def test_header(self):
        t, _ = self.replay(program("small_ints.py"))
        h = t.header
        self.assertEqual(h["format"], "refscope-trace")
        self.assertEqual(h["version"], "1.0")
        self.assertTrue(h["producer"].startswith("refscope-record "))
        self.assertEqual(h["python"], "%d.%d" % sys.version_info[:2])
        self.assertEqual(h["thresholds"], [700, 10, 10])
        self.assertEqual(h["files"][0]["name"], "small_ints.py")
        with open(program("small_ints.py"), encoding="utf-8") as f:
            self.assertEqual(h["files"][0]["text"], f.read())
        self.assertEqual(t.events[-1], {"ev": "end", "status": 0})

    def test_every_program_replays(self):
        # Schema, ids, references, steps: checked by record() and Trace().
        for path in sorted(os.listdir(program(""))):
            if path == "syntax_error.py":
                continue
            with self.subTest(program=path):
                code, _, err, lines, _ = record(program(path))
                self.assertIn(code, (0, 1, 3, 4), err)
                t = Trace(lines)
                self.assertGreater(len(t.steps), 0)
                self.assertEqual(t.events[-1]["ev"], "end")
                self.assertEqual(t.events[-1]["status"], code)

    def test_lessons_replay_and_print_as_python(self):
        for path in lessons():
            with self.subTest(lesson=os.path.basename(path)):
                plain = subprocess.run([sys.executable, path], capture_output=True,
                                       text=True, timeout=600)
                code, out, err, lines, _ = record(path)
                self.assertEqual(code, plain.returncode, err)
                # The recorder changes nothing the program prints.
                self.assertEqual(out, plain.stdout)
                self.assertEqual(err.splitlines()[-1:], plain.stderr.splitlines()[-1:])
                t = Trace(lines)
                printed = "".join(ev["text"] for ev in t.events
                                  if ev["ev"] == "output")
                self.assertEqual(printed, plain.stdout)
                lines_run = {t.events[k]["line"] for _, k in t.steps}
                self.assertTrue(lines_run)

    def test_new_list_has_one_reference(self):
        t, out = self.replay(program("small_ints.py"))
        n = t.step_of_line(11)                      # a = []
        st = t.state_after(n)
        a = t.lookup(st, "a")
        self.assertEqual(st["objects"][a]["type"], "list")
        self.assertEqual(st["count"][a], 1)
        self.assertEqual(st["objects"][a]["gen"], 0)
        # In a file, both "very good morning" are one constant of the code
        # object: True, where the article (typing at the prompt) says False.
        self.assertEqual(out, "True\nTrue\nTrue\nFalse\n")

    def test_small_ints_are_cached_and_shared(self):
        t, _ = self.replay(program("small_ints.py"))
        st = t.state_after(t.step_of_line(3))       # b = 1
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        self.assertEqual(a, b)
        one = st["objects"][a]
        self.assertEqual((one["type"], one["repr"]), ("int", "1"))
        self.assertTrue(one.get("cached"))
        self.assertEqual(one["gen"], -1)
        self.assertEqual(one["size"], sys.getsizeof(1))

    def test_identifier_strings_are_interned(self):
        t, _ = self.replay(program("small_ints.py"))
        st = t.state_after(t.step_of_line(6))       # b = "good"
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        self.assertEqual(a, b)
        self.assertTrue(st["objects"][a].get("interned"))
        st = t.state_after(t.step_of_line(9))       # b = "very good morning"
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        self.assertEqual(a, b)  # one constant of the file's code, not interned
        self.assertFalse(st["objects"][a].get("interned", False))
        self.assertEqual(st["objects"][a]["repr"], "'very good morning'")

    def test_int_made_at_run_time_is_freed_when_dropped(self):
        t, _ = self.replay(program("small_ints.py"))
        st = t.state_after(t.step_of_line(14))      # n = int("300")
        n = t.lookup(st, "n")
        self.assertEqual(st["objects"][n]["repr"], "300")
        self.assertFalse(st["objects"][n].get("preexisting", False))
        self.assertEqual(st["count"][n], 1)
        end = t.states[-1]
        self.assertIn(n, end["freed"])
        self.assertEqual(end["freed"][n]["cause"], "refcount")

    def test_getrefcount_names_and_counts(self):
        t, out = self.replay(program("getrefcount.py"))
        self.assertEqual(out, "2\n3\n")
        st = t.state_after(t.step_of_line(4))       # a = [1, 2, 3]
        a = t.lookup(st, "a")
        self.assertEqual(st["count"][a], 1)
        items = [r[2] for r in st["refs"][a] if r[0] == "index"]
        self.assertEqual([st["objects"][i]["repr"] for i in items],
                         ["1", "2", "3"])
        st = t.state_after(t.step_of_line(6))       # b = a
        self.assertEqual(t.lookup(st, "b"), a)
        self.assertEqual(st["count"][a], 2)
        fn = t.lookup(st, "getrefcount")
        self.assertEqual(st["objects"][fn]["type"], "builtin_function_or_method")
        self.assertTrue(st["objects"][fn].get("preexisting"))

    def test_list_twice_holds_two_references(self):
        t, out = self.replay(program("list_twice.py"))
        self.assertEqual(out, "2\n4\n")
        st = t.state_after(t.step_of_line(6))       # b = [a, a]
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        refs = t.refs_between(st, b, a)
        self.assertEqual(sorted(r[0] for r in refs), ["index", "index"])
        self.assertEqual(st["count"][a], 3)
        self.assertEqual(st["count"][b], 1)

    def test_del_frees_at_zero(self):
        t, out = self.replay(program("del_frees.py"))
        self.assertEqual(out, "3\n")
        st = t.state_after(t.step_of_line(4))       # del a
        self.assertIsNone(t.lookup(st, "a"))
        b = t.lookup(st, "b")
        self.assertEqual(st["count"][b], 1)
        self.assertNotIn(b, st["freed"])
        n = t.step_of_line(6)                       # del b
        st = t.state_after(n)
        self.assertIn(b, st["freed"])
        self.assertEqual(st["freed"][b]["cause"], "refcount")
        # Freed by that statement, not before it.
        self.assertNotIn(b, t.state_after(n - 1)["freed"])

    def test_cycle_survives_del_until_collect(self):
        t, out = self.replay(program("cycle.py"))
        self.assertEqual(out, "2\n0\n")
        st = t.state_after(t.step_of_line(12))      # b.partner = a
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        self.assertEqual([r[:2] for r in t.refs_between(st, a, b)],
                         [["attr", "partner"]])
        self.assertEqual([r[:2] for r in t.refs_between(st, b, a)],
                         [["attr", "partner"]])
        ab = [e for e in t.events if e["ev"] in ("ref_add",)
              and {e["from"], e["to"]} == {a, b}]
        self.assertEqual({e["attr"] for e in ab}, {"partner"})
        node = st["objects"][a]["type"]
        self.assertEqual(node, "Node")
        self.assertEqual(st["count"][a], 2)
        after_del = t.state_after(t.step_of_line(14))   # del b
        self.assertIsNone(t.lookup(after_del, "a"))
        self.assertIsNone(t.lookup(after_del, "b"))
        for x in (a, b):
            self.assertIn(x, after_del["objects"])        # garbage, alive
            self.assertEqual(after_del["count"][x], 1)
        n = t.step_of_line(15)                          # print(gc.collect())
        st = t.state_after(n)
        for x in (a, b):
            self.assertEqual(st["freed"][x]["cause"], "gc")
            self.assertEqual(st["freed"][x]["gen"], 2)
        # The frees sit between that step and the next, inside gc_start/gc_end.
        k0 = t.steps[n - 1][1]
        k1 = t.steps[n][1]
        window = t.events[k0:k1]
        kinds = [e["ev"] for e in window]
        start = kinds.index("gc_start")
        end = kinds.index("gc_end")
        frees = [i for i, e in enumerate(window) if e["ev"] == "free"]
        self.assertEqual(len(frees), 2)
        self.assertTrue(all(start < i < end for i in frees))
        self.assertTrue(window[start].get("manual"))
        self.assertEqual(window[start]["gen"], 2)
        self.assertEqual(window[end]["collected"], 2)
        early = [e for e in t.events[:k0] if e["ev"] == "free"
                 and e["id"] in (a, b)]
        self.assertEqual(early, [], "a Node freed before gc.collect()")

    def test_thresholds(self):
        t, out = self.replay(program("thresholds.py"))
        self.assertEqual(out, "(700, 10, 10)\n(700, 10, 5)\n")
        changes = [e["thresholds"] for e in t.events if e["ev"] == "threshold"]
        self.assertEqual(changes, [[700, 10, 5], [700, 10, 10]])
        n = t.step_of_line(5)                           # gc.set_threshold(...)
        k0, k1 = t.steps[n - 1][1], t.steps[n][1]
        self.assertIn({"ev": "threshold", "thresholds": [700, 10, 5]},
                      t.events[k0:k1])
        counts = [e for e in t.events if e["ev"] == "gc_counts"]
        self.assertTrue(counts)

    def test_globals_show_program_names_only(self):
        t, out = self.replay(program("globals_dict.py"))
        self.assertEqual(out, "True\n")
        st = t.states[-1]
        g = t.globals_id()
        names = sorted(st["objects"][r[2]]["repr"] for r in st["refs"][g]
                       if r[0] == "key")
        self.assertEqual(names, ["'a'", "'b'"])
        b = t.lookup(st, "b")
        a = t.lookup(st, "a")
        self.assertEqual([r[0] for r in t.refs_between(st, b, a)], ["index"])
        st = t.state_after(t.step_of_line(3))           # g = globals()
        self.assertEqual(t.lookup(st, "g"), g)

    def test_instance_attribute_and_function_frames(self):
        t, out = self.replay(program("from_obj.py"))
        self.assertEqual(out, "True\n2\n")
        st = t.after_statement(t.step_of_line(16))      # a = from_obj(b)
        a, b = t.lookup(st, "a"), t.lookup(st, "b")
        self.assertEqual(st["objects"][a]["type"], "from_obj")
        refs = t.refs_between(st, a, b)
        self.assertEqual(len(refs), 1)
        self.assertEqual(refs[0][0], "attr")
        self.assertEqual(st["count"][b], 2)
        cls = t.lookup(st, "from_obj")
        self.assertEqual([r[0] for r in t.refs_between(st, a, cls)], ["label"])
        pushes = [e for e in t.events if e["ev"] == "frame_push"]
        self.assertEqual([e["name"] for e in pushes],
                         ["<module>", "from_obj", "from_obj.__init__",
                          "count_inside"])
        self.assertIn("function", pushes[2])
        pops = [e["frame"] for e in t.events if e["ev"] == "frame_pop"]
        self.assertEqual(pops, [e["frame"] for e in pushes[1:]])
        # Inside __init__, the frame's variables are name references.
        init = pushes[2]["frame"]
        n = [n for n, k in t.steps if t.events[k]["frame"] == init][0]
        k = t.steps[n - 1][1]
        names = {e["name"] for e in t.events[:k]
                 if e["ev"] == "ref_add" and e["from"] == init}
        self.assertEqual(names, {"self", "to_obj"})
        # count_inside's list: one reference, its name, and the program's own
        # getrefcount reads 2 as it does untraced.
        inner = pushes[3]["frame"]
        adds = [e for e in t.events if e["ev"] == "ref_add" and e["from"] == inner]
        self.assertEqual([e["name"] for e in adds], ["x"])
        x = adds[0]["to"]
        self.assertIn(x, t.states[-1]["freed"])

    def test_large_list_is_summarised(self):
        t, _ = self.replay(program("big_list.py"))
        st = t.state_after(t.step_of_line(2))           # a = list(range(...))
        a = t.lookup(st, "a")
        self.assertEqual(st["summaries"][a], {"int": [5000, 5000 * 28]})
        self.assertEqual(st["count"][a], 1)
        st = t.state_after(t.step_of_line(3))           # x = a[3000]
        x = t.lookup(st, "x")
        self.assertEqual(st["objects"][x]["repr"], "3300")
        self.assertEqual(st["summaries"][a]["int"][0], 4999)
        self.assertEqual([r[:2] for r in t.refs_between(st, a, x)],
                         [["index", None]])
        self.assertEqual(st["count"][x], 2)
        st = t.state_after(t.step_of_line(4))           # a.append(x)
        self.assertEqual(len(t.refs_between(st, a, x)), 2)
        self.assertEqual(st["count"][x], 3)
        st = t.state_after(t.step_of_line(5))           # del a
        self.assertIn(a, st["freed"])
        self.assertNotIn(a, st["summaries"])
        self.assertEqual(st["count"][x], 1)

    def test_uncaught_exception(self):
        t, out = self.replay(program("uncaught.py"), status=1)
        exc = [e for e in t.events if e["ev"] == "exception"]
        self.assertEqual(len(exc), 1)
        self.assertEqual(exc[0]["text"], "IndexError: list index out of range")
        self.assertEqual(t.objects[exc[0]["id"]]["type"], "IndexError")
        self.assertEqual(t.events[-1], {"ev": "end", "status": 1})
        _, _, err, _, _ = record(program("uncaught.py"))
        self.assertTrue(err.startswith("Traceback (most recent call last):\n"))
        self.assertIn('uncaught.py", line 3, in fail', err)
        self.assertNotIn("refscope-record", err)

    def test_exit_status(self):
        t, out = self.replay(program("exit_status.py"), status=3)
        self.assertEqual(out, "bye\n")
        self.assertEqual(t.events[-1], {"ev": "end", "status": 3})

    def test_syntax_error(self):
        code, out, err, lines, _ = record(program("syntax_error.py"))
        self.assertEqual(code, 1)
        self.assertEqual(err.splitlines()[-1], "SyntaxError: '(' was never closed")
        self.assertIn('syntax_error.py", line 1', err)
        self.assertEqual([e["ev"] for e in lines[1:]],
                         ["born", "exception", "end"])
        self.assertEqual(lines[-1]["status"], 1)
        self.assertEqual(lines[2]["text"], "SyntaxError: '(' was never closed")

    def test_max_steps(self):
        code, out, err, lines, _ = record(program("small_ints.py"),
                                          "--max-steps", "3")
        self.assertEqual(code, 4)
        self.assertEqual(err.strip().splitlines()[-1],
                         "refscope-record: stopped after 3 steps (--max-steps)")
        t = Trace(lines)
        self.assertEqual(len(t.steps), 3)
        self.assertEqual(t.events[-1], {"ev": "end", "status": 4})

    def test_max_objects(self):
        code, out, err, lines, _ = record(program("many_objects.py"))
        self.assertEqual(code, 4)
        self.assertEqual(out, "")
        self.assertEqual(err.strip().splitlines()[-1],
                         "refscope-record: the program's graph holds more than "
                         "500 objects (--max-objects)")
        t = Trace(lines)
        self.assertLessEqual(len(t.objects), 500)
        self.assertGreater(len(t.steps), 100)
        self.assertEqual(t.events[-1], {"ev": "end", "status": 4})

    def test_bad_use(self):
        cases = [
            ([program("nothing-here.py")], "cannot read"),
            ([program("small_ints.py"), "--max-steps", "zero"],
             "positive integer"),
            ([program("small_ints.py"), "--bogus"], "unknown option"),
            ([], "no program given"),
        ]
        for args, words in cases:
            with self.subTest(args=args):
                proc = subprocess.run([sys.executable, RECORDER] + args + [
                    "-o", os.path.join(WORK, "bad.jsonl")],
                    capture_output=True, text=True, timeout=60)
                self.assertEqual(proc.returncode, 2)
                self.assertEqual(len(proc.stderr.splitlines()), 1, proc.stderr)
                self.assertIn(words, proc.stderr)
                self.assertFalse(os.path.exists(os.path.join(WORK, "bad.jsonl")))

    def test_no_temporary_files_left(self):
        record(program("small_ints.py"))
        left = [f for f in os.listdir(WORK) if f.startswith(".refscope-record")]
        self.assertEqual(left, [])


def check_with(cli):
    probe = subprocess.run([cli, "check", "--help"], capture_output=True,
                           timeout=60)
    if probe.returncode != 0:
        print("SKIP: %s has no check command yet" % cli)
        return 77
    paths = [program(p) for p in sorted(os.listdir(program("")))] + lessons()
    failed = 0
    for path in paths:
        _, _, _, lines, out = record(path)
        if lines is None:
            continue
        proc = subprocess.run([cli, "check", out], capture_output=True,
                              text=True, timeout=300)
        status = "ok" if proc.returncode == 0 else "FAIL"
        print("%s %s %s" % (status, os.path.basename(path),
                            (proc.stdout + proc.stderr).strip()))
        failed += proc.returncode != 0
    print("%d passed, %d failed" % (len(paths) - failed, failed))
    return 1 if failed else 0


def main(argv):
    global ROOT, RECORDER, SCHEMA, WORK
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    ROOT = os.path.abspath(argv[0])
    RECORDER = os.path.join(ROOT, "tools", "refscope-record")
    with open(os.path.join(ROOT, "docs", "trace.schema.json")) as f:
        SCHEMA = json.load(f)
    with tempfile.TemporaryDirectory(prefix="refscope-recorder-") as work:
        WORK = work
        if len(argv) >= 3 and argv[1] == "--check-with":
            return check_with(argv[2])
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(RecorderTest)
        result = unittest.TextTestRunner(verbosity=2).run(suite)
        return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
