#!/usr/bin/env python3
# test-render-cli.py: refscope-cli render end to end: every lesson to every
# format, a trace file to PNG, and bad arguments refused with one line and
# exit 2.
#
#   test-render-cli.py CLI LESSONS_DIR
import os
import subprocess
import sys
import tempfile

failures = []


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, timeout=120)


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL", what)


def main():
    cli, lessons = sys.argv[1], sys.argv[2]
    magic = {".png": b"\x89PNG\r\n\x1a\n", ".svg": b"<?xml", ".pdf": b"%PDF-", ".dot": b"digraph"}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(lessons)):
            if not name.endswith(".py"):
                continue
            source = os.path.join(lessons, name)
            for ext, head in magic.items():
                out = os.path.join(tmp, name + ext)
                proc = run(cli, "render", source, "-o", out, "--step", "3")
                check(proc.returncode == 0, "%s%s: exit %d: %s" % (name, ext, proc.returncode,
                                                                   proc.stderr[:300]))
                if proc.returncode == 0:
                    with open(out, "rb") as f:
                        data = f.read()
                    check(data.startswith(head) and len(data) > 200,
                          "%s%s: not a %s file (%d bytes)" % (name, ext, ext, len(data)))
        # Scale doubles a PNG's pixels; dark changes them.
        lesson = os.path.join(lessons, sorted(n for n in os.listdir(lessons)
                                              if n.endswith(".py"))[0])
        sizes = {}
        for scale in ("1", "2"):
            out = os.path.join(tmp, "scale%s.png" % scale)
            check(run(cli, "render", lesson, "-o", out, "--scale", scale).returncode == 0,
                  "scale %s" % scale)
            with open(out, "rb") as f:
                header = f.read(24)
            sizes[scale] = (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big"))
        check(sizes["2"][0] in (2 * sizes["1"][0], 2 * sizes["1"][0] + 1)
              and sizes["2"][1] in (2 * sizes["1"][1], 2 * sizes["1"][1] + 1),
              "scale 2 gives %s, scale 1 %s" % (sizes["2"], sizes["1"]))
        light, dark = os.path.join(tmp, "light.png"), os.path.join(tmp, "dark.png")
        run(cli, "render", lesson, "-o", light)
        run(cli, "render", lesson, "-o", dark, "--theme", "dark")
        with open(light, "rb") as a, open(dark, "rb") as b:
            check(a.read() != b.read(), "dark looks like light")
        # A trace renders like the script it came from.
        trace = os.path.join(tmp, "lesson.jsonl")
        check(run(cli, "run", lesson, "--trace", trace).returncode == 0, "run --trace")
        check(run(cli, "render", trace, "-o", os.path.join(tmp, "t.png")).returncode == 0,
              "render a trace")

        bad_trace = os.path.join(tmp, "bad.jsonl")
        with open(bad_trace, "w") as f:
            f.write('{"format":"refscope-trace","version":"1.0","producer":"t",'
                    '"thresholds":[700,10,10],"files":[]}\n{"ev":"free","id":4,"cause":"refcount"}\n')
        cases = [
            (["render"], "render needs a FILE.py or TRACE.jsonl"),
            (["render", lesson], "render needs -o OUT.png"),
            (["render", lesson, "-o", os.path.join(tmp, "x.gif")], "can't tell the format of"),
            (["render", lesson, "-o", os.path.join(tmp, "x.png"), "--step", "99999"],
             "--step 99999 is past the last step"),
            (["render", lesson, "-o", os.path.join(tmp, "x.png"), "--step", "two"],
             "--step needs a step number"),
            (["render", lesson, "-o", os.path.join(tmp, "x.png"), "--scale", "0"],
             "--scale needs a number above 0"),
            (["render", lesson, "-o", os.path.join(tmp, "x.png"), "--theme", "pink"],
             "--theme is light or dark"),
            (["render", lesson, "-o", os.path.join(tmp, "x.png"), "--frobnicate"],
             "unknown option '--frobnicate' for render"),
            (["render", bad_trace, "-o", os.path.join(tmp, "x.png")],
             bad_trace + ":2: free: object 4 does not exist"),
            (["render", os.path.join(tmp, "missing.py"), "-o", os.path.join(tmp, "x.png")],
             "can't open file"),
            (["render", lesson, "-o", os.path.join(tmp, "no", "such", "dir", "x.png")], "x.png"),
        ]
        for args, message in cases:
            proc = run(cli, *args)
            err = proc.stderr.decode("utf-8", "replace")
            check(proc.returncode == 2, "%s: exit %d, wanted 2" % (args, proc.returncode))
            check(message in err.split("\n")[0], "%s: said %r, wanted %r" % (args, err[:200], message))
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
