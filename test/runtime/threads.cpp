// Four threads hit one site: one report (max_reports_per_site=1), and the
// summary counts every hit.
// RUN: %nanguard_cxx -O2 -g -pthread %s -o %t
// RUN: env NANGUARD_OPTIONS=print_summary=1 %t 2>&1 >/dev/null | FileCheck %s

#include <cstdio>
#include <thread>
#include <vector>

double ratio(double a, double b) { return a / b; }
// CHECK: threads.cpp:[[@LINE-1]]:45: runtime error: division produced nan from finite operands 0 / 0
// CHECK-NOT: runtime error
// CHECK: nanguard: summary: 1 site produced NaN or Inf (4000 times)
// CHECK-NEXT: {{^ +}}4000  {{.*}}threads.cpp:[[@LINE-4]]:45: division [nanguard-unguarded-division] in function ratio(double, double)

int main() {
  std::vector<std::thread> workers;
  volatile double zero = 0;
  double sink[4] = {};
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i)
        sink[t] += ratio(zero, zero) == 0;
    });
  for (std::thread &w : workers)
    w.join();
  std::printf("%g\n", sink[0]);
  return 0;
}
