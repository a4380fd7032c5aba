#!/usr/bin/env python3
"""Writes generated C++ that stresses the lint's flow analysis.

  gen_stress.py stress OUT        one file: a function with 200 locals, one
                                  nested 60 deep, loops with goto and switch
                                  fall-through, a 3,000-line body
  gen_stress.py lines N OUT       one function of about N lines (the cost
                                  benchmark's input)

The code is deterministic (a fixed seed) and mixes what the analysis reads:
locals compared and reassigned, running maxima, sums of exps, logs,
divisions and square roots.
"""
import random
import sys


def statement(rng, nvars, depth=0):
    a, b, c = (rng.randrange(nvars) for _ in range(3))
    kind = rng.randrange(10)
    if kind == 0:
        return f"v{a} = std::fmax(v{a}, v{b});"
    if kind == 1:
        return f"if (v{a} > v{b}) v{b} = v{a}; else v{a} = v{c} - 1.0;"
    if kind == 2:
        return f"s += std::exp(v{a} - v{b});"
    if kind == 3:
        return f"if (v{a} > 0) acc += std::log(v{a});"
    if kind == 4:
        return f"v{c} = v{a} / (v{b} + 1e-6);"
    if kind == 5:
        return f"x[(k + {a}) % 64] = v{a} * v{b};"
    if kind == 6:
        return f"v{a} += x[k % 64]; ++k;"
    if kind == 7:
        return f"{{ bool ok = v{a} >= 0; if (ok) acc += std::sqrt(v{a}); }}"
    if kind == 8:
        return f"v{b} = v{a} * 0.5 + v{c};"
    return f"acc -= v{a} * v{b};"


def function(rng, name, lines, nvars=200):
    out = [f"double {name}(double *x, int n) {{",
           "  double s = 0, acc = 0; int k = 0;"]
    for i in range(0, nvars, 10):
        out.append("  double " + ", ".join(f"v{j} = x[{j % 64}]" for j in range(i, min(i + 10, nvars))) + ";")
    body = 0
    while body < lines:
        shape = rng.randrange(6)
        if shape == 0:  # a loop
            out.append("  for (int i = 0; i < n; ++i) {")
            for _ in range(rng.randrange(2, 6)):
                out.append("    " + statement(rng, nvars))
            out.append("  }")
        elif shape == 1:  # switch with fall-through
            out.append("  switch (k & 3) {")
            for case in range(4):
                out.append(f"  case {case}:")
                out.append("    " + statement(rng, nvars))
                if rng.randrange(2):
                    out.append("    break;")
            out.append("  }")
        elif shape == 2:  # a backward goto
            label = f"again{body}"
            out.append(f"  {label}:")
            out.append("  " + statement(rng, nvars))
            out.append(f"  if (++k < n) goto {label};")
        elif shape == 3:  # a forward goto
            label = f"skip{body}"
            out.append(f"  if (acc > 1e9) goto {label};")
            out.append("  " + statement(rng, nvars))
            out.append(f"  {label}:;")
        else:
            out.append("  " + statement(rng, nvars))
        body = len(out)
    out.append("  return s + acc;")
    out.append("}")
    return out


def nested(rng, depth, nvars=40):
    out = ["double deep(double *x, int n) {", "  double s = 0, acc = 0; int k = 0;"]
    out.append("  double " + ", ".join(f"v{j} = x[{j}]" for j in range(nvars)) + ";")
    for d in range(depth):
        pad = "  " * (d + 1)
        kind = d % 3
        if kind == 0:
            out.append(f"{pad}if (v{d % nvars} > v{(d + 1) % nvars}) {{")
        elif kind == 1:
            out.append(f"{pad}for (int i{d} = 0; i{d} < n; ++i{d}) {{")
        else:
            out.append(f"{pad}while (k++ < n) {{")
        out.append(f"{pad}  " + statement(rng, nvars, d))
    for d in reversed(range(depth)):
        out.append("  " * (d + 1) + "}")
    out.append("  return s + acc;")
    out.append("}")
    return out


def main(argv):
    rng = random.Random(12)
    head = ["#include <cmath>", ""]
    if len(argv) == 3 and argv[1] == "stress":
        lines = head + function(rng, "many_locals", 400) + [""]
        lines += nested(rng, 60) + [""]
        lines += function(rng, "long_body", 3000, nvars=60)
        path = argv[2]
    elif len(argv) == 4 and argv[1] == "lines":
        n = int(argv[2])
        lines = head + function(rng, "body", n, nvars=min(60, max(10, n // 20)))
        path = argv[3]
    else:
        sys.stderr.write(__doc__)
        return 2
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
