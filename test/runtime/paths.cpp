// The report names the source as the compiler was given it: relative to the
// directory of the compile when it was, else with its directory (clang
// records /src/a.cpp compiled from /src/build as "a.cpp" in "/src"), at every
// optimisation level; the program's own output is unchanged.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/build && cp %s %t.dir/paths.cpp
// From another directory, an absolute path: the absolute path.
// RUN: cd %t.dir/build && %nanguard_cxx -O0 -g %t.dir/paths.cpp -o %t.0 && %t.0 > %t.0.out 2> %t.0.err
// RUN: FileCheck %s --check-prefix=ABS -DDIR=%t.dir --input-file=%t.0.err
// RUN: cd %t.dir/build && %nanguard_cxx -O2 -g %t.dir/paths.cpp -o %t.2 && %t.2 > %t.2.out 2> %t.2.err
// RUN: FileCheck %s --check-prefix=ABS -DDIR=%t.dir --input-file=%t.2.err
// RUN: cd %t.dir/build && %nanguard_cxx -O2 -g -ffast-math %t.dir/paths.cpp -o %t.f && %t.f > %t.f.out 2> %t.f.err
// RUN: FileCheck %s --check-prefix=ABS -DDIR=%t.dir --input-file=%t.f.err
// From its own directory, a relative path: the relative path.
// RUN: cd %t.dir && %nanguard_cxx -O2 -g paths.cpp -o %t.r && %t.r > %t.r.out 2> %t.r.err
// RUN: FileCheck %s --check-prefix=REL --input-file=%t.r.err
// The output is the plain build's.
// RUN: cd %t.dir && %clangxx -O2 -g paths.cpp -o %t.plain && %t.plain > %t.plain.out
// RUN: diff %t.plain.out %t.0.out && diff %t.plain.out %t.2.out && diff %t.plain.out %t.r.out
// ABS: {{^}}[[DIR]]/paths.cpp:[[#@LINE+7]]:10: runtime error: log produced -inf from finite operand 0 [nanguard-unguarded-log] in function entropy_term(double)
// REL: {{^}}paths.cpp:[[#@LINE+6]]:10: runtime error: log produced -inf from finite operand 0 [nanguard-unguarded-log] in function entropy_term(double)

#include <cmath>
#include <cstdio>

double entropy_term(double p) {
  return std::log(p);
}

volatile double zero = 0;

int main() {
  std::printf("term %g\n", entropy_term(zero) * 0 + 1);
  return 0;
}
