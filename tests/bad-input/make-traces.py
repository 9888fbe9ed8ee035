#!/usr/bin/env python3
# make-traces.py: writes the malformed traces of traces/, one NAME.jsonl
# per way a trace can be wrong, and, with --expect CLI, each NAME.expect
# from what `CLI check` says (review the diff: the .expect files are the
# contract, this only saves typing them).
#
#   make-traces.py [--expect CLI]
#
# Cases too big to keep in the repository (a 1 GB line) are NAME.gen.py
# scripts that run-cases.py runs to make the input when the test runs.
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "traces")

HEADER = {"format": "refscope-trace", "version": "1.0", "producer": "make-traces",
          "thresholds": [700, 10, 10],
          "files": [{"name": "t.py", "text": "a = []\nb = [a]\ndel a\n"}]}


def line(obj):
    return json.dumps(obj, separators=(",", ":"))


def header(**changes):
    h = dict(HEADER)
    h.update(changes)
    return line({k: v for k, v in h.items() if v is not None})


FRAME = line({"ev": "frame_push", "frame": 1, "name": "<module>"})


def born(id_, type_="list", **extra):
    e = {"ev": "born", "id": id_, "type": type_, "size": 56, "addr": 4096, "gen": 0}
    e.update(extra)
    return line(e)


def free(id_, cause="refcount"):
    return line({"ev": "free", "id": id_, "cause": cause})


def step(n, line_=1, frame=1, file=0):
    return line({"ev": "step", "n": n, "file": file, "line": line_, "frame": frame})


def ev(**fields):
    return line(fields)


END = line({"ev": "end", "status": 0})

# name -> the file's content (str or bytes)
CASES = {
    # The whole file
    "empty": "",
    "plain-text": "This is not a trace.\n",
    "binary-png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "nul-bytes": b"\x00\x00\x00\x00\n",
    "utf16-bom": "\ufeff".encode("utf-16") + header().encode("utf-16-le") + b"\n",
    # The header
    "header-array": "[1, 2, 3]\n",
    "header-other-format": header(format="chrome-trace") + "\n",
    "header-no-format": header(format=None) + "\n",
    "header-no-version": header(version=None) + "\n",
    "header-version-2": header(version="2.0") + "\n",
    "header-version-word": header(version="one") + "\n",
    "header-version-number": header(version=1.0) + "\n",
    "header-no-producer": header(producer=None) + "\n",
    "header-thresholds-short": header(thresholds=[700, 10]) + "\n",
    "header-thresholds-negative": header(thresholds=[700, -10, 10]) + "\n",
    "header-thresholds-strings": header(thresholds=["700", "10", "10"]) + "\n",
    "header-files-object": header(files={"t.py": "a = 1"}) + "\n",
    "header-file-no-text": header(files=[{"name": "t.py"}]) + "\n",
    "header-cut": header()[:40],
    "header-deep-nesting": "[" * 10000 + "]" * 10000 + "\n",
    # Lines
    "line-not-json": header() + "\n" + FRAME + "\nborn 3 list\n",
    "line-array": header() + "\n" + "[\"born\", 3]\n",
    "line-empty": header() + "\n" + FRAME + "\n\n" + END + "\n",
    "line-spaces": header() + "\n" + "   \n",
    "line-trailing-garbage": header() + "\n" + FRAME + " and more\n",
    "line-two-objects": header() + "\n" + FRAME + FRAME + "\n",
    "line-deep-nesting": header() + "\n" + '{"ev":"output","text":' + "[" * 5000 + "]" * 5000 + "}\n",
    "line-invalid-utf8": header().encode() + b"\n" + b'{"ev":"output","text":"caf\xe9"}\n',
    "line-nul-in-string": header().encode() + b"\n" + b'{"ev":"output","text":"a\x00b"}\n',
    "line-single-quotes": header() + "\n" + "{'ev': 'end'}\n",
    "line-nan": header() + "\n" + '{"ev":"born","id":3,"type":"list","size":NaN,"addr":1,"gen":0}\n',
    # Fields
    "ev-missing": header() + "\n" + ev(id=3, type="list") + "\n",
    "ev-number": header() + "\n" + ev(ev=7) + "\n",
    "ev-unknown": header() + "\n" + ev(ev="explode", id=3) + "\n",
    "id-string": header() + "\n" + born("3") + "\n",
    "id-zero": header() + "\n" + born(0) + "\n",
    "id-negative": header() + "\n" + born(-5) + "\n",
    "id-above-2-53": header() + "\n" + born(2 ** 53 + 1) + "\n",
    "id-huge": header() + "\n" + '{"ev":"born","id":99999999999999999999999999,"type":"list","size":56,"addr":1,"gen":0}\n',
    "size-fraction": header() + "\n" + born(3, size=56.5) + "\n",
    "size-1e400": header() + "\n" + '{"ev":"born","id":3,"type":"list","size":1e400,"addr":1,"gen":0}\n',
    "type-missing": header() + "\n" + ev(ev="born", id=3, size=56, addr=1, gen=0) + "\n",
    "type-empty": header() + "\n" + born(3, "") + "\n",
    "gen-out-of-range": header() + "\n" + born(3, gen=9) + "\n",
    "manual-not-boolean": header() + "\n" + ev(ev="gc_start", gen=0, counts=[1, 0, 0], manual="yes") + "\n",
    "shift-number": header() + "\n" + born(3) + "\n" + born(4) + "\n" + ev(ev="ref_add", **{"from": 3}, to=4, index=0, shift=1) + "\n",
    "counts-short": header() + "\n" + ev(ev="gc_start", gen=1, counts=[1, 2]) + "\n",
    "phase-unknown": header() + "\n" + ev(ev="gc_start", gen=0, counts=[701, 0, 0]) + "\n" + ev(ev="gc_phase", phase="sweep", n=3) + "\n",
    "cause-unknown": header() + "\n" + born(3) + "\n" + free(3, "old age") + "\n",
    "cause-gc-without-gen": header() + "\n" + born(3) + "\n" + free(3, "gc") + "\n",
    "refcnt-negative": header() + "\n" + born(3) + "\n" + ev(ev="refcnt", id=3, count=-1) + "\n",
    "gen-merge-to-7": header() + "\n" + ev(**{"ev": "gen_merge", "from": 0, "to": 7}) + "\n",
    # Objects
    "born-twice": header() + "\n" + born(3) + "\n" + born(3) + "\n",
    "id-reused-after-free": header() + "\n" + born(3) + "\n" + free(3) + "\n" + born(3) + "\n",
    "free-unknown": header() + "\n" + free(42) + "\n",
    "free-twice": header() + "\n" + born(3) + "\n" + free(3) + "\n" + free(3) + "\n",
    "refcnt-unknown": header() + "\n" + ev(ev="refcnt", id=9, count=1) + "\n",
    "summary-unknown-container": header() + "\n" + ev(ev="summary", id=9, type="int", count=5, bytes=140) + "\n",
    "summary-below-zero": header() + "\n" + born(3) + "\n" + ev(ev="summary", id=3, type="int", count=-1, bytes=-28) + "\n",
    # References
    "ref-target-missing": header() + "\n" + born(3) + "\n" + ev(ev="ref_add", **{"from": 3}, to=4, index=0) + "\n",
    "ref-target-freed": header() + "\n" + born(3) + "\n" + born(4) + "\n" + free(4) + "\n" + ev(ev="ref_add", **{"from": 3}, to=4, index=0) + "\n",
    "ref-holder-missing": header() + "\n" + born(4) + "\n" + ev(ev="ref_add", **{"from": 3}, to=4, index=0) + "\n",
    "ref-no-slot": header() + "\n" + born(3) + "\n" + ev(ev="ref_add", **{"from": 3}, to=3) + "\n",
    "ref-two-slots": header() + "\n" + born(3) + "\n" + ev(ev="ref_add", **{"from": 3}, to=3, index=0, attr="x") + "\n",
    "ref-key-missing": header() + "\n" + born(3, "dict") + "\n" + born(4) + "\n" + ev(ev="ref_add", **{"from": 3}, to=4, value=8) + "\n",
    "ref-index-below": header() + "\n" + born(3) + "\n" + ev(ev="ref_add", **{"from": 3}, to=3, index=-2) + "\n",
    "ref-to-frame": header() + "\n" + FRAME + "\n" + born(3) + "\n" + ev(ev="ref_add", **{"from": 3}, to=1, index=0) + "\n",
    "ref-del-not-held": header() + "\n" + born(3) + "\n" + born(4) + "\n" + ev(ev="ref_del", **{"from": 3}, to=4, index=0) + "\n",
    "ref-attr-empty": header() + "\n" + born(3, "Node") + "\n" + ev(ev="ref_add", **{"from": 3}, to=3, attr="") + "\n",
    # Steps and frames
    "step-starts-at-2": header() + "\n" + FRAME + "\n" + step(2) + "\n",
    "step-repeated": header() + "\n" + FRAME + "\n" + step(1) + "\n" + step(1) + "\n",
    "step-file-missing": header() + "\n" + FRAME + "\n" + step(1, file=3) + "\n",
    "step-line-beyond": header() + "\n" + FRAME + "\n" + step(1, line_=99) + "\n",
    "step-line-zero": header() + "\n" + FRAME + "\n" + step(1, line_=0) + "\n",
    "step-frame-missing": header() + "\n" + step(1) + "\n",
    "frame-pop-not-innermost": header() + "\n" + FRAME + "\n" + ev(ev="frame_push", frame=2, name="f") + "\n" + ev(ev="frame_pop", frame=1) + "\n",
    "frame-pop-unknown": header() + "\n" + ev(ev="frame_pop", frame=5) + "\n",
    "frame-push-object-id": header() + "\n" + born(3) + "\n" + ev(ev="frame_push", frame=3, name="f") + "\n",
    "frame-namespace-missing": header() + "\n" + ev(ev="frame_push", frame=1, name="<module>", namespace=7) + "\n",
    # The collector and memory
    "gc-end-without-start": header() + "\n" + ev(ev="gc_end", gen=0, collected=0, uncollectable=0) + "\n",
    "gc-end-other-gen": header() + "\n" + ev(ev="gc_start", gen=0, counts=[701, 0, 0]) + "\n" + ev(ev="gc_end", gen=2, collected=0, uncollectable=0) + "\n",
    "gc-phase-outside": header() + "\n" + ev(ev="gc_phase", phase="update_refs", n=3) + "\n",
    "gc-unreachable-outside": header() + "\n" + born(3) + "\n" + ev(ev="gc_unreachable", id=3) + "\n",
    "arena-free-none": header() + "\n" + ev(ev="arena_free", index=0, addr=0, size=262144) + "\n",
    "exception-unknown": header() + "\n" + ev(ev="exception", id=12) + "\n",
    # Order
    "after-end": header() + "\n" + END + "\n" + born(3) + "\n",
    # Cut short: these load what they can, with a warning (exit 0).
    "cut-mid-line": header() + "\n" + FRAME + "\n" + born(3) + "\n" + '{"ev":"born","id":4,"ty',
    "no-end-event": header() + "\n" + FRAME + "\n" + born(3) + "\n",
}

# Made when the test runs: NAME.gen.py writes the case to argv[1].
GENERATED = {
    "line-1gb": '''# A single event line of 1 GB (no newline in it): refused without
# reading it all.
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"format":"refscope-trace","version":"1.0","producer":"gen",'
            b'"thresholds":[700,10,10],"files":[]}\\n')
    f.write(b'{"ev":"output","text":"')
    chunk = b"x" * (1 << 20)
    for _ in range(1024):
        f.write(chunk)
''',
    "header-1gb": '''# A header line of 1 GB.
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"format":"refscope-trace","producer":"')
    chunk = b"y" * (1 << 20)
    for _ in range(1024):
        f.write(chunk)
''',
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, content in CASES.items():
        data = content.encode() if isinstance(content, str) else content
        with open(os.path.join(OUT, name + ".jsonl"), "wb") as f:
            f.write(data)
    for name, script in GENERATED.items():
        with open(os.path.join(OUT, name + ".gen.py"), "w") as f:
            f.write(script)
    if len(sys.argv) == 3 and sys.argv[1] == "--expect":
        cli = os.path.abspath(sys.argv[2])
        for name in list(CASES) + list(GENERATED):
            path = name + ".jsonl"
            made = name in GENERATED
            if made:
                subprocess.run([sys.executable, name + ".gen.py", path], cwd=OUT, check=True)
            proc = subprocess.run([cli, "check", path], cwd=OUT, capture_output=True)
            if made:
                os.unlink(os.path.join(OUT, path))
            first = proc.stderr.decode("utf-8", "replace").split("\n")[0]
            with open(os.path.join(OUT, name + ".expect"), "w") as f:
                f.write("%d\n\n%s\n" % (proc.returncode, first))


if __name__ == "__main__":
    main()
