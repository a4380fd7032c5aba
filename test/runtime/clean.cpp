// A program with nothing to report prints exactly what its plain build
// prints, and nothing else.
// RUN: %clangxx -O2 %s -o %t.plain && %t.plain > %t.plain.out
// RUN: %nanguard_cxx -O2 -g %s -o %t.inst && %t.inst > %t.inst.out 2> %t.inst.err
// RUN: diff %t.plain.out %t.inst.out
// RUN: count 0 < %t.inst.err
// RUN: %nanguard_cxx --nanguard-mode=all -O0 -g %s -o %t.all && %t.all > %t.all.out 2> %t.all.err
// RUN: diff %t.plain.out %t.all.out
// RUN: count 0 < %t.all.err

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

int main() {
  std::vector<double> x(1000);
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = std::sin(0.01 * i) * 10;
  double m = *std::max_element(x.begin(), x.end()), s = 0;
  for (double v : x)
    s += std::exp(v - m);
  double lse = m + std::log(s), var = 0, mean = 0;
  for (double v : x)
    mean += v / x.size();
  for (double v : x)
    var += (v - mean) * (v - mean) / x.size();
  std::printf("lse %.12f mean %.12f std %.12f\n", lse, mean, std::sqrt(var + 1e-12));
  return 0;
}
