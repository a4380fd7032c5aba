// Under OpenMP every thread may hit the site: one report, every hit counted.
// REQUIRES: openmp
// RUN: %nanguard_cxx -O2 -g -fopenmp %s -o %t
// RUN: env OMP_NUM_THREADS=4 NANGUARD_OPTIONS=print_summary=1 %t 2>&1 >/dev/null | FileCheck %s

#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  std::vector<double> p(10000, 0.0), out(p.size());
#pragma omp parallel for
  for (long i = 0; i < (long)p.size(); ++i)
    out[i] = std::log(p[i]);
  // CHECK: openmp.cpp:[[@LINE-1]]:14: runtime error: log produced -inf from finite operand 0 [nanguard-unguarded-log]
  // CHECK-NOT: runtime error
  // CHECK: nanguard: summary: 1 site produced NaN or Inf (10000 times)
  std::printf("%g\n", out[0]);
  return 0;
}
