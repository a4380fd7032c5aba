// A NaN or Inf that arrives from input and flows through risky operations
// is not an origin: nothing is reported, and the output is the program's.
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 > %t.0.out 2> %t.0.err
// RUN: count 0 < %t.0.err
// RUN: FileCheck %s --check-prefix=OUT --input-file=%t.0.out
// RUN: %nanguard_cxx -O2 -g -ffast-math %s -o %t.f && %t.f > %t.f.out 2> %t.f.err
// RUN: count 0 < %t.f.err

#include <cmath>
#include <cstdio>
#include <cstdlib>

int main() {
  volatile double nan_in = std::strtod("nan", nullptr);
  volatile double inf_in = std::strtod("inf", nullptr);
  double a = std::log(nan_in) / 2;  // NaN in, NaN out
  double b = std::exp(inf_in);      // inf in, inf out
  double c = inf_in / inf_in;       // inf / inf: operands not finite
  double d = std::sqrt(a) + b * 0;  // NaN everywhere
  std::printf("%d %d %d %d\n", std::isnan(a), std::isinf(b), std::isnan(c), std::isnan(d));
  // OUT: 1 1 1 1
  return 0;
}
