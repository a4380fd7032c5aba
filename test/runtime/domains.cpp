// The domain rules' operations report under the lint's rule ids at run time.
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.2 && %t.2 2>&1 >/dev/null | FileCheck %s

#include <cmath>
#include <cstdio>

volatile double cosine = 1.0000000000000002, base = -8, third = 1.0 / 3.0;

int main() {
  double a = std::acos(cosine);
  // CHECK: domains.cpp:[[@LINE-1]]:14: runtime error: acos produced nan from finite operand 1.0000000000000002 [nanguard-inverse-trig-domain] in function main
  double c = std::pow(base, third);
  // CHECK: domains.cpp:[[@LINE-1]]:14: runtime error: pow produced nan from finite operands -8, 0.33333333333333331 [nanguard-pow-domain] in function main
  std::printf("%d %d\n", a != a, c != c);
  return 0;
}
