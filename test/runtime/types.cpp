// Vectors name the lane; long double prints all its digits, half its own;
// names are demangled by the pass (_Float16 too); without debug
// info the report says so and still names the function.
// RUN: %nanguard_cxx -O0 -g %s -o %t && %t 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t2 && %t2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O0 %s -o %t.nodebug && %t.nodebug 2>&1 >/dev/null | FileCheck %s --check-prefix=NODEBUG

#include <cstdio>

typedef float float4 __attribute__((ext_vector_type(4)));

__attribute__((noinline)) float4 scale(float4 a, float4 b) { return a / b; }
// CHECK: types.cpp:[[@LINE-1]]:71: runtime error: division produced nan in lane 2 from finite operands 0 / 0 [nanguard-unguarded-division] in function scale(float vector[4], float vector[4])
// NODEBUG: <unknown location>: runtime error: division produced nan in lane 2 from finite operands 0 / 0 [nanguard-unguarded-division] in function scale(float vector[4], float vector[4]) (no debug info: compile with -g for the file and line)

__attribute__((noinline)) long double ratio(long double a, long double b) { return a / b; }
// CHECK: types.cpp:[[@LINE-1]]:86: runtime error: division produced inf from finite operands 1.10000000000000000002 / 0 [nanguard-unguarded-division] in function ratio(long double, long double)

__attribute__((noinline)) _Float16 half_ratio(_Float16 a, _Float16 b) { return a / b; }
// CHECK: types.cpp:[[@LINE-1]]:82: runtime error: division produced inf from finite operands 1.5 / 0 [nanguard-unguarded-division] in function half_ratio(_Float16, _Float16)

volatile float zero = 0;

int main() {
  float4 a = {1, 2, zero, 4}, b = {1, 1, zero, 1};
  float4 q = scale(a, b);
  long double r = ratio(1.1L, zero);
  _Float16 h = half_ratio((_Float16)1.5f, (_Float16)zero);
  std::printf("%d %d %d\n", q[2] != q[2], r > 1, h > 1);
  return 0;
}
