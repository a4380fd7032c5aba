// A constant row in layer norm: variance 0, and (x - mean) / sqrt(var) is
// 0 / 0. The report gives both operands.
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.2 && %t.2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g -ffast-math %s -o %t.f && %t.f 2>&1 >/dev/null | FileCheck %s

#include <cmath>
#include <cstdio>

void layer_norm(const float *x, float *y, int n) {
  float mean = 0, var = 0;
  for (int i = 0; i < n; ++i)
    mean += x[i];
  mean /= n;
  for (int i = 0; i < n; ++i)
    var += (x[i] - mean) * (x[i] - mean);
  var /= n;
  for (int i = 0; i < n; ++i)
    y[i] = (x[i] - mean) / std::sqrt(var);
  // CHECK: layernorm.cpp:[[@LINE-1]]:26: runtime error: division produced nan from finite operands 0 / 0 [nanguard-div-by-variance] in function layer_norm(float const*, float*, int)
  // CHECK-NOT: runtime error
}

int main(int argc, char **) {
  float row[8], out[8];
  for (float &v : row)
    v = 3.f * argc;
  layer_norm(row, out, 8);
  std::printf("%g\n", out[0]);
  return 0;
}
