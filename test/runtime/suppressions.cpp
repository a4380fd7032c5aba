// suppressions=FILE: lines rule:glob, the glob matched against the file or
// the function, as in UBSan; a bad line is reported with its line number.
// RUN: %nanguard_cxx -O1 -g %s -o %t
// RUN: printf '# known and accepted\nunguarded-log:*suppressions.cpp\nnanguard-unguarded-division:legacy_*\n' > %t.supp
// RUN: env NANGUARD_OPTIONS=suppressions=%t.supp %t 2>&1 >/dev/null | FileCheck %s
// RUN: printf 'no-colon-here\n' > %t.bad
// RUN: env NANGUARD_OPTIONS=suppressions=%t.bad %t 2>&1 >/dev/null | FileCheck %s --check-prefix=BAD

#include <cmath>
#include <cstdio>

volatile double zero = 0;

double legacy_ratio(double a, double b) { return a / b; }
double ratio(double a, double b) { return a / b; }

int main() {
  double l = std::log(zero);
  double r1 = legacy_ratio(zero, zero);
  double r2 = ratio(zero, zero);
  std::printf("%d\n", std::isnan(r1 + r2 + l));
  return 0;
}
// CHECK-NOT: log produced
// CHECK-NOT: legacy_ratio
// CHECK: suppressions.cpp:15:45: runtime error: division produced nan from finite operands 0 / 0 [nanguard-unguarded-division] in function ratio(double, double)
// CHECK-NOT: runtime error

// BAD: nanguard: error: {{.*}}.bad:1: bad suppression 'no-colon-here' (expected rule:glob
// BAD: runtime error: log produced -inf
