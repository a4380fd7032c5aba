// halt_on_error=1 stops at the first report with exitcode (default 1).
// RUN: %nanguard_cxx -O1 -g %s -o %t
// RUN: env NANGUARD_OPTIONS=halt_on_error=1 %t > %t.out 2> %t.err; echo "exit=$?" >> %t.err
// RUN: FileCheck %s --input-file=%t.err
// RUN: env NANGUARD_OPTIONS=halt_on_error=1:exitcode=7 %t > /dev/null 2>&1; echo "exit=$?" > %t.code
// RUN: FileCheck %s --check-prefix=CODE --input-file=%t.code

#include <cmath>
#include <cstdio>

volatile double zero = 0, minus_one = -1;

int main() {
  std::printf("before\n");
  double a = std::log(zero);
  // CHECK: halt-on-error.cpp:[[@LINE-1]]:14: runtime error: log produced -inf from finite operand 0
  double b = std::sqrt(minus_one);
  // CHECK-NOT: runtime error
  std::printf("after %g %g\n", a, b);
  return 0;
}
// CHECK: exit=1
// CODE: exit=7
