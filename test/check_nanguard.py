#!/usr/bin/env python3
"""Runs nanguard on a test file in the manner of clang-tidy's check_clang_tidy.

  check_nanguard.py [-check-suffix=S] <source> <rule,...> <temp> [-- <compiler args>]

The source states its expectations next to the code:
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: ... [nanguard-rule]
  // CHECK-FIXES: the line as it reads after the fix

Steps: copy the source (CHECK lines blanked, so line numbers hold), run
nanguard with only the named rules and --fix, FileCheck the diagnostics with
-implicit-check-not so any unexpected warning or error fails the test,
FileCheck the fixed file, and compile the fixed file so a fix that breaks the
code fails too.
"""

import os
import re
import shutil
import subprocess
import sys


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def main():
    argv = sys.argv[1:]
    suffix = ""
    if argv and argv[0].startswith("-check-suffix="):
        suffix = "-" + argv.pop(0).split("=", 1)[1]
    if "--" in argv:
        i = argv.index("--")
        argv, compiler_args = argv[:i], argv[i + 1:]
    else:
        compiler_args = None
    if len(argv) != 3:
        sys.exit(__doc__)
    source, rules, temp = argv
    ext = os.path.splitext(source)[1]
    if compiler_args is None:
        compiler_args = ["-std=c++17"] if ext in (".cpp", ".cc", ".cxx") else []

    with open(source) as f:
        text = f.read()
    msg_prefix = "CHECK-MESSAGES" + suffix.upper()
    fix_prefix = "CHECK-FIXES" + suffix.upper()
    has_messages = msg_prefix + ":" in text
    has_fixes = fix_prefix + ":" in text

    fixed = temp + ext
    os.makedirs(os.path.dirname(os.path.abspath(fixed)), exist_ok=True)
    with open(fixed, "w") as f:
        f.write(re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text))

    checks = "-*," + ",".join("nanguard-" + r if not r.startswith("nanguard-") else r
                              for r in rules.split(","))
    nanguard = shutil.which("nanguard")
    result = run([nanguard, "--checks=" + checks, "--fix", "--quiet", fixed, "--"] + compiler_args)
    output = result.stdout
    print("nanguard output:\n" + output)
    expected_rc = 1 if has_messages else 0
    if result.returncode != expected_rc:
        sys.exit("nanguard exited with %d, expected %d" % (result.returncode, expected_rc))

    messages = temp + ".msg"
    with open(messages, "w") as f:
        f.write(output)
    filecheck = shutil.which("FileCheck")
    implicit = ["-implicit-check-not={{warning|error}}:"]
    if has_messages:
        r = run([filecheck, "-input-file=" + messages, source, "-check-prefix=" + msg_prefix] + implicit)
    else:
        # No expectations: no warning and no error may appear.
        r = run([filecheck, "-input-file=" + messages, source, "-check-prefix=NO-SUCH-PREFIX",
                 "-allow-unused-prefixes", "--allow-empty"] + implicit)
        if "warning:" in output or "error:" in output:
            r = subprocess.CompletedProcess(r.args, 1, "unexpected diagnostics", None)
    if r.returncode:
        print(r.stdout)
        sys.exit("FileCheck of the diagnostics failed")

    if has_fixes:
        r = run([filecheck, "-input-file=" + fixed, source, "-check-prefix=" + fix_prefix, "-strict-whitespace"])
        if r.returncode:
            print(r.stdout)
            sys.exit("FileCheck of the fixed file failed")

    # The fixed file must still compile.
    clang = shutil.which("clang")
    r = run([clang, "-fsyntax-only", "-Wno-everything", fixed] + compiler_args)
    if r.returncode:
        print(r.stdout)
        sys.exit("the fixed file does not compile")


if __name__ == "__main__":
    main()
