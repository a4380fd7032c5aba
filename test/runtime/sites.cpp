// sites=<file>: only the operations the static lint flagged are checked.
// The lint says "may" (the log), the instrumented build says "did"; the
// division, which the lint does not flag, is not instrumented.
// RUN: %nanguard --format=json --output=%t.json %s -- -std=c++17; test $? -eq 1
// RUN: %nanguard_cxx --nanguard-mode=sites=%t.json -O1 -g %s -o %t
// RUN: %t 2>&1 >/dev/null | FileCheck %s
// In risky mode both are checked.
// RUN: %nanguard_cxx -O1 -g %s -o %t.risky
// RUN: %t.risky 2>&1 >/dev/null | FileCheck %s --check-prefix=RISKY
// A missing sites file is an error at compile time.
// RUN: not %nanguard_cxx --nanguard-mode=sites=%t.missing.json -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=MISSING

#include <cmath>
#include <cstdio>

volatile double zero = 0;

double nll(double p) { return -std::log(p); }
// CHECK: sites.cpp:[[@LINE-1]]:32: runtime error: log produced -inf from finite operand 0 [nanguard-unguarded-log]
// RISKY: sites.cpp:[[@LINE-2]]:32: runtime error: log produced -inf
double mean(double sum, double n) { return sum / n; }
// CHECK-NOT: runtime error
// RISKY: sites.cpp:[[@LINE-2]]:48: runtime error: division produced nan

int main() {
  std::printf("%g %g\n", nll(zero), mean(zero, zero));
  return 0;
}
// MISSING: error: nanguard: cannot read sites file '{{.*}}missing.json'
