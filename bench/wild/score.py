#!/usr/bin/env python3
"""Scores a wild run against the reviewers' verdicts.

  bench/wild/score.py [--out DIR] [--seed S --count N]

Joins OUT/findings.json (run.py) with bench/wild/verdicts.md by site and
rule, and prints precision (TP / (TP + FP)) per rule and overall: over every
finding of the run, and over a seeded random sample of it when --seed is
given (the same draw as sample.py). Findings no reviewer has judged yet are
counted apart and listed: judge them (sample.py writes the code to read)
and add them to verdicts.md before reading the figures.
"""
import argparse
import collections
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROW = re.compile(r"^\| `([^/`]+)/([^`]+):(\d+)` \| ([\w-]+) \| (\w+) \| (.*) \|$")


def load_verdicts(path):
    verdicts = {}
    with open(path) as f:
        for line in f:
            m = ROW.match(line.strip())
            if m:
                verdicts[(m[1], m[2], int(m[3]), m[4])] = m[5]
    return verdicts


def table(title, findings, verdicts):
    per = collections.defaultdict(collections.Counter)
    unjudged = []
    for x in findings:
        key = (x["project"], x["file"], x["line"], x["rule"].replace("nanguard-", ""))
        v = verdicts.get(key, "unjudged")
        per[key[3]][v] += 1
        per["all"][v] += 1
        if v == "unjudged":
            unjudged.append(key)
    print(f"{title}: {len(findings)} findings")
    print(f"  {'rule':18} {'TP':>4} {'FP':>4} {'unclear':>8} {'unjudged':>9} {'precision':>10}")
    for rule in sorted(per, key=lambda r: (r == "all", r)):
        c = per[rule]
        judged = c["TP"] + c["FP"]
        prec = f"{c['TP'] / judged:.2f}" if judged else "-"
        print(f"  {rule:18} {c['TP']:>4} {c['FP']:>4} {c['unclear']:>8} "
              f"{c['unjudged']:>9} {prec:>10}")
    for key in unjudged:
        print(f"  unjudged: {key[0]}/{key[1]}:{key[2]} [{key[3]}]")
    return per["all"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "wild"))
    ap.add_argument("--verdicts", default=os.path.join(HERE, "verdicts.md"))
    ap.add_argument("--seed", type=int)
    ap.add_argument("--count", type=int, default=60)
    args = ap.parse_args()
    with open(os.path.join(args.out, "findings.json")) as f:
        findings = json.load(f)
    verdicts = load_verdicts(args.verdicts)
    table("all findings", findings, verdicts)
    if args.seed is not None:
        rng = random.Random(args.seed)
        picked = rng.sample(findings, min(args.count, len(findings)))
        table(f"sample (seed {args.seed})", picked, verdicts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
