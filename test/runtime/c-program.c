// nanguard-clang instruments C the same way; the runtime needs no C++
// library.
// RUN: %nanguard_cc -O1 -g %s -o %t -lm && %t 2>&1 >/dev/null | FileCheck %s

#include <math.h>
#include <stdio.h>

volatile float p = 0.f;

float entropy_term(float q) { return -logf(q); }
// CHECK: c-program.c:[[@LINE-1]]:39: runtime error: logf produced -inf from finite operand 0 [nanguard-unguarded-log] in function entropy_term

int main(void) {
  printf("%g\n", entropy_term(p));
  return 0;
}
