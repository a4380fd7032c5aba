#!/usr/bin/env python3
"""Draws a seeded random sample of the wild findings, with code to judge.

  bench/wild/sample.py [--seed S] [--count N] [--src DIR] [--out DIR]
  bench/wild/sample.py --unjudged      (every finding verdicts.md lacks)

Reads OUT/findings.json (run.py) and writes OUT/sample.md: per finding its
id, project, path:line:column, rule and message, and the 30 lines of the
function around it from the checkout, for a judge who reads the code. The
sample file quotes the projects' code: it stays in build/, never in a commit.
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--src", default=os.environ.get("WILD_SRC", "/tmp/wild"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "wild"))
    ap.add_argument("--before", type=int, default=40)
    ap.add_argument("--unjudged", action="store_true")
    args = ap.parse_args()
    with open(os.path.join(args.out, "findings.json")) as f:
        findings = json.load(f)
    if args.unjudged:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from score import load_verdicts
        verdicts = load_verdicts(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                              "verdicts.md"))
        picked = [x for x in findings
                  if (x["project"], x["file"], x["line"], x["rule"].replace("nanguard-", ""))
                  not in verdicts]
    else:
        rng = random.Random(args.seed)
        picked = rng.sample(findings, min(args.count, len(findings)))
    with open(os.path.join(args.out, "sample.md"), "w") as out:
        for i, x in enumerate(picked, 1):
            path = os.path.join(args.src, x["project"], x["file"])
            with open(path, errors="replace") as f:
                lines = f.read().split("\n")
            lo = max(0, x["line"] - args.before)
            hi = min(len(lines), x["line"] + 6)
            out.write(f"## {i}. {x['project']}/{x['file']}:{x['line']}:{x['column']} "
                      f"[{x['rule']}]\n\n{x['message']}\n\n```\n")
            for n in range(lo, hi):
                mark = ">>" if n + 1 == x["line"] else "  "
                out.write(f"{mark}{n + 1:6d}  {lines[n]}\n")
            out.write("```\n\n")
    print(f"{len(picked)} of {len(findings)} findings, seed {args.seed}: "
          f"{os.path.join(args.out, 'sample.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
