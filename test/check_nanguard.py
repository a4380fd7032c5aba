#!/usr/bin/env python3
"""Runs nanguard on a test file in the manner of clang-tidy's check_clang_tidy.

  check_nanguard.py [-check-suffix=S] [-tidy-plugin=P] <source> <rule,...> <temp> [-- <compiler args>]

The source states its expectations next to the code:
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: ... [nanguard-rule]
  // CHECK-FIXES: the line as it reads after the fix

Steps: copy the source (CHECK lines blanked, so line numbers hold), run
nanguard with only the named rules and --fix, FileCheck the diagnostics with
-implicit-check-not so any unexpected warning or error fails the test,
FileCheck the fixed file, and compile the fixed file so a fix that breaks the
code fails too. With -tidy-plugin, all of it again through
`clang-tidy --load=P`: the same expectations hold for both routes.
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
    tidy_plugin = None
    while argv and argv[0].startswith("-") and argv[0] != "--":
        opt = argv.pop(0)
        if opt.startswith("-check-suffix="):
            suffix = "-" + opt.split("=", 1)[1]
        elif opt.startswith("-tidy-plugin="):
            tidy_plugin = opt.split("=", 1)[1]
        else:
            sys.exit("unknown option " + opt)
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

    checks = "-*," + ",".join("nanguard-" + r if not r.startswith("nanguard-") else r
                              for r in rules.split(","))
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    routes = [("nanguard", [shutil.which("nanguard"), "--checks=" + checks, "--fix", "--quiet"], True)]
    if tidy_plugin:
        routes.append(("clang-tidy", [shutil.which("clang-tidy"), "--load=" + tidy_plugin,
                                      "--checks=" + checks, "--fix", "--quiet"], False))
    for name, command, check_status in routes:
        fixed = temp + ("" if name == "nanguard" else "." + name) + ext
        os.makedirs(os.path.dirname(os.path.abspath(fixed)), exist_ok=True)
        with open(fixed, "w") as f:
            f.write(cleaned)
        result = run(command + [fixed, "--"] + compiler_args)
        output = result.stdout
        print("%s output:\n%s" % (name, output))
        # With --fix the exit status counts the findings left: 0 when every
        # finding was fixed, 1 when one is left (tool/fix.test checks which).
        expected_rc = (0, 1) if has_messages else (0,)
        if check_status and result.returncode not in expected_rc:
            sys.exit("%s exited with %d, expected %s" % (name, result.returncode, expected_rc))

        messages = fixed + ".msg"
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
            sys.exit("%s: FileCheck of the diagnostics failed" % name)

        if has_fixes:
            r = run([filecheck, "-input-file=" + fixed, source, "-check-prefix=" + fix_prefix, "-strict-whitespace"])
            if r.returncode:
                print(r.stdout)
                sys.exit("%s: FileCheck of the fixed file failed" % name)

        # The fixed file must still compile.
        clang = shutil.which("clang")
        r = run([clang, "-fsyntax-only", "-Wno-everything", fixed] + compiler_args)
        if r.returncode:
            print(r.stdout)
            sys.exit("%s: the fixed file does not compile" % name)


if __name__ == "__main__":
    main()
