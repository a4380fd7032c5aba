// Variance as E[x^2] - E[x]^2 rounds to a tiny negative number; its sqrt is
// NaN. Operands print exactly (%.17g for double).
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.2 && %t.2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g -ffast-math %s -o %t.f && %t.f 2>&1 >/dev/null | FileCheck %s

#include <cmath>
#include <cstdio>

double stddev(double mean_of_squares, double mean) {
  double var = mean_of_squares - mean * mean;
  return std::sqrt(var);
  // CHECK: sqrt-negative.cpp:[[@LINE-1]]:10: runtime error: sqrt produced nan from finite operand -1.{{[0-9]+}}e-18 [nanguard-sqrt-domain] in function stddev(double, double)
}

int main(int argc, char **) {
  volatile double ms = 0.01, m = 0.1 * argc;
  std::printf("%g\n", stddev(ms, m));
  return 0;
}
