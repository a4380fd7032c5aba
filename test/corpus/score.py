#!/usr/bin/env python3
"""Scores nanguard against the labelled corpus in this directory.

Each line the lint must flag carries `// expect: nanguard-<rule>[, ...]`;
each line that looks dangerous but is safe carries `// safe`. A finding is
counted per (file, line, rule): a true positive when the line expects that
rule, a false positive otherwise (on a `safe` line or an unmarked one); an
expectation with no finding is a false negative.

  score.py --nanguard BIN [--min-precision P] [--min-recall R] [--min-functions N]
  score.py --runtime --cxx nanguard-clang++ --cc nanguard-clang --workdir DIR

The second form is the run-time half: every C and C++ corpus file is built
instrumented with its `NANGUARD_CORPUS_MAIN` driver, which feeds inputs that
trigger the hazards on the lines marked `(triggered)`; the run must report
each such line, and none of the lines marked `safe`.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = (".c", ".cpp", ".cu")
MARK = re.compile(r"(?://|/\*)\s*(expect:\s*(?P<rules>[-\w, ]+?)\s*(?P<trig>\(triggered\))?|safe)\s*(?:\*/)?\s*$")
# A function definition's first line, for the corpus size only.
FUNCTION = re.compile(r"^(?:template <[^>]*>\s*)?(?:__global__ |__device__ |inline |static |__device__ __forceinline__ )*[A-Za-z_][\w:<>, *&]*[ *&]+\**[A-Za-z_]\w*\([^;]*$")


def corpus_files(root):
    return sorted(os.path.join(root, f) for f in os.listdir(root) if f.endswith(SOURCES))


def read_marks(files):
    expect, triggered, safe, functions = set(), set(), set(), 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            for number, text in enumerate(f, 1):
                if text.startswith("#ifdef NANGUARD_CORPUS_MAIN"):
                    break
                if FUNCTION.match(text):
                    functions += 1
                m = MARK.search(text)
                if not m:
                    continue
                if m.group("rules"):
                    for rule in m.group("rules").split(","):
                        rule = rule.strip()
                        if not rule.startswith("nanguard-"):
                            sys.exit("%s:%d: bad marker rule '%s'" % (path, number, rule))
                        expect.add((path, number, rule))
                    if m.group("trig"):
                        triggered.add((path, number))
                else:
                    safe.add((path, number))
    return expect, triggered, safe, functions


def ratio(a, b):
    return a / b if b else 1.0


def lint(args, files):
    out = subprocess.run([args.nanguard, "--format=json", "--quiet", "-j", "2"] + files + ["--"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 1):
        sys.stderr.write(out.stderr)
        sys.exit("nanguard failed on the corpus (exit %d)" % out.returncode)
    report = json.loads(out.stdout)
    if report.get("errors"):
        sys.exit("the corpus does not compile: %s" % report["errors"])
    expect, _, safe, functions = read_marks(files)
    found = {(os.path.realpath(f["file"]), f["line"], f["rule"]) for f in report["findings"]}
    expect = {(os.path.realpath(p), n, r) for p, n, r in expect}
    safe = {(os.path.realpath(p), n) for p, n in safe}
    rules = sorted({r for _, _, r in expect | found})
    table = collections.OrderedDict()
    for rule in rules:
        e = {x for x in expect if x[2] == rule}
        f = {x for x in found if x[2] == rule}
        table[rule] = (len(e & f), len(f - e), len(e - f))
    tp = sum(v[0] for v in table.values())
    fp = sum(v[1] for v in table.values())
    fn = sum(v[2] for v in table.values())
    rel = lambda p: os.path.relpath(p, HERE)
    print("corpus: %d files, %d functions, %d expected findings, %d lines marked safe"
          % (len(files), functions, len(expect), len(safe)))
    print("%-32s %4s %4s %4s %10s %7s" % ("rule", "TP", "FP", "FN", "precision", "recall"))
    for rule, (t, p, n) in table.items():
        print("%-32s %4d %4d %4d %10.3f %7.3f" % (rule, t, p, n, ratio(t, t + p), ratio(t, t + n)))
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    print("%-32s %4d %4d %4d %10.3f %7.3f" % ("overall", tp, fp, fn, precision, recall))
    for p, n, r in sorted(found - expect):
        kind = "on a line marked safe" if (p, n) in safe else "on an unmarked line"
        print("false positive: %s:%d: %s (%s)" % (rel(p), n, r, kind))
    for p, n, r in sorted(expect - found):
        print("false negative: %s:%d: %s" % (rel(p), n, r))
    failed = []
    if precision < args.min_precision:
        failed.append("precision %.3f < %.2f" % (precision, args.min_precision))
    if recall < args.min_recall:
        failed.append("recall %.3f < %.2f" % (recall, args.min_recall))
    if functions < args.min_functions:
        failed.append("%d functions < %d" % (functions, args.min_functions))
    if failed:
        print("FAIL: " + "; ".join(failed))
        return 1
    print("PASS: precision >= %.2f, recall >= %.2f" % (args.min_precision, args.min_recall))
    return 0


def runtime(args, files):
    files = [f for f in files if not f.endswith(".cu")]
    _, triggered, safe, _ = read_marks(files)
    os.makedirs(args.workdir, exist_ok=True)
    reported = set()
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        exe = os.path.join(args.workdir, name)
        log = os.path.join(args.workdir, name + ".log")
        compiler = args.cc if path.endswith(".c") else args.cxx
        subprocess.run([compiler, "-O1", "-g", "-DNANGUARD_CORPUS_MAIN", path, "-o", exe, "-lm"],
                       check=True)
        for old in os.listdir(args.workdir):
            if old.startswith(name + ".log"):
                os.remove(os.path.join(args.workdir, old))
        env = dict(os.environ, NANGUARD_OPTIONS="log_path=%s:log_format=json" % log)
        subprocess.run([exe], env=env, check=True, stdout=subprocess.DEVNULL)
        for entry in os.listdir(args.workdir):
            if not entry.startswith(name + ".log"):
                continue
            with open(os.path.join(args.workdir, entry)) as f:
                for text in f:
                    if text.startswith("{"):
                        r = json.loads(text)
                        reported.add((os.path.realpath(r["file"]), r["line"]))
    triggered = {(os.path.realpath(p), n) for p, n in triggered}
    safe = {(os.path.realpath(p), n) for p, n in safe}
    missed = sorted(triggered - reported)
    wrong = sorted(safe & reported)
    print("runtime: %d triggered lines, %d reported, %d missed; %d reports on lines marked safe"
          % (len(triggered), len(triggered & reported), len(missed), len(wrong)))
    for p, n in missed:
        print("not reported: %s:%d" % (os.path.relpath(p, HERE), n))
    for p, n in wrong:
        print("reported on a safe line: %s:%d" % (os.path.relpath(p, HERE), n))
    return 1 if missed or wrong else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nanguard")
    ap.add_argument("--min-precision", type=float, default=0.90)
    ap.add_argument("--min-recall", type=float, default=0.95)
    ap.add_argument("--min-functions", type=int, default=150)
    ap.add_argument("--runtime", action="store_true")
    ap.add_argument("--cxx")
    ap.add_argument("--cc")
    ap.add_argument("--workdir")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or corpus_files(HERE)
    sys.exit(runtime(args, files) if args.runtime else lint(args, files))


if __name__ == "__main__":
    main()
