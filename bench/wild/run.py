#!/usr/bin/env python3
"""Lints the wild-evaluation projects and collects their findings.

  bench/wild/run.py [--src DIR] [--nanguard PATH] [--out DIR] [-j N]

DIR holds one plain checkout per project of projects.py ($WILD_SRC; fetch
the repositories there first). Writes OUT/findings.json (every finding in
the projects' own files, once per site) and OUT/files.json (per file: analysed
or not, and why), and prints a summary per project and rule.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys
import tempfile

from projects import PROJECTS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def expand(flags, src):
    shim = os.path.join(ROOT, "share", "cuda", "nanguard_cuda_shim.h")
    inc = os.path.join(ROOT, "share", "cuda", "include")
    deps = os.path.join(src, "deps")
    return [f.format(shim=shim, shim_include=inc, deps=deps) for f in flags]


def lint(nanguard, root, files, flags, jobs, src):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = out.name
    cmd = [nanguard, "--format=json", "--output=" + path, "-j", str(jobs)]
    cmd += files + ["--"] + expand(flags, src)
    subprocess.run(cmd, cwd=root, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {"findings": [], "errors": [{"message": "no report", "file": f}
                                           for f in files]}
    finally:
        os.unlink(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.environ.get("WILD_SRC", "/tmp/wild"))
    ap.add_argument("--nanguard", default=os.path.join(ROOT, "build", "bin", "nanguard"))
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "wild"))
    ap.add_argument("-j", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    findings, files = [], {}
    for p in PROJECTS:
        root = os.path.join(args.src, p["name"])
        if not os.path.isdir(root):
            print(f"{p['name']}: no checkout at {root}", file=sys.stderr)
            continue
        groups = collections.defaultdict(list)
        for g in p["files"]:
            for f in sorted(glob.glob(os.path.join(root, g))):
                rel = os.path.relpath(f, root)
                if f.endswith(".cu"):
                    groups["cuda_flags"].append(rel)
                elif f.endswith(".c") and "c_flags" in p:
                    groups["c_flags"].append(rel)
                else:
                    groups["flags"].append(rel)
        for key, fs in groups.items():
            flags = p.get(key, p["flags"])
            report = lint(args.nanguard, root, fs, flags, args.j, args.src)
            failed = set()
            for e in report.get("errors", []):
                if "could not be analysed" in e.get("message", "") or "internal error" in e.get("message", ""):
                    failed.add(os.path.relpath(os.path.realpath(os.path.join(root, e.get("file", ""))),
                                               os.path.realpath(root)))
            for f in fs:
                files[f"{p['name']}/{f}"] = "analysed" if f not in failed else "not analysed"
            for x in report.get("findings", []):
                real = os.path.realpath(x["file"])
                rel = os.path.relpath(real, os.path.realpath(root))
                if rel.startswith(".."):
                    continue  # a system or third-party header
                findings.append({"project": p["name"], "file": rel,
                                 "line": x["line"], "column": x["column"],
                                 "rule": x["rule"], "message": x["message"]})
    # One per site (a header seen from several files).
    seen, unique = set(), []
    for x in findings:
        key = (x["project"], x["file"], x["line"], x["column"], x["rule"])
        if key not in seen:
            seen.add(key)
            unique.append(x)
    unique.sort(key=lambda x: (x["project"], x["file"], x["line"], x["column"], x["rule"]))
    with open(os.path.join(args.out, "findings.json"), "w") as f:
        json.dump(unique, f, indent=1)
    with open(os.path.join(args.out, "files.json"), "w") as f:
        json.dump(files, f, indent=1)
    by = collections.Counter((x["project"], x["rule"]) for x in unique)
    for p in PROJECTS:
        n = sum(v for (proj, _), v in by.items() if proj == p["name"])
        ok = sum(1 for k, v in files.items() if k.startswith(p["name"] + "/") and v == "analysed")
        tot = sum(1 for k in files if k.startswith(p["name"] + "/"))
        print(f"{p['name']}: {n} findings, {ok}/{tot} files analysed")
    for rule, n in collections.Counter(x["rule"] for x in unique).most_common():
        print(f"  {rule}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
