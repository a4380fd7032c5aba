// --nanguard-mode=all also checks additions, subtractions, multiplications
// (overflow to inf) and narrowing conversions.
// RUN: %nanguard_cxx --nanguard-mode=all -O0 -g %s -o %t && %t 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx --nanguard-mode=all -O2 -g %s -o %t2 && %t2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.risky && %t.risky 2>&1 >/dev/null | count 0

#include <cstdio>

volatile float big = 3e38f;
volatile double huge = 1e39;

int main() {
  float energy = big * 10.f;
  // CHECK: all-mode.cpp:[[@LINE-1]]:22: runtime error: multiplication produced inf from finite operands 3.00000001e+38 * 10 [nanguard-float-overflow] in function main
  float total = big + big;
  // CHECK: all-mode.cpp:[[@LINE-1]]:21: runtime error: addition produced inf from finite operands 3.00000001e+38 + 3.00000001e+38 [nanguard-float-overflow]
  float narrowed = static_cast<float>(huge);
  // CHECK: all-mode.cpp:[[@LINE-1]]:39: runtime error: conversion to float produced inf from finite operand 9.9999999999999994e+38 [nanguard-narrowing-overflow]
  std::printf("%d\n", energy > 0 && total > 0 && narrowed > 0);
  return 0;
}
