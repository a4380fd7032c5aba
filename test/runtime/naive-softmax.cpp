// exp overflows in a naive softmax: the origin is the exp, reported once
// however many elements overflow; inf / inf afterwards is silent.
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.2 && %t.2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g -ffast-math %s -o %t.f && %t.f 2>&1 >/dev/null | FileCheck %s

#include <cmath>
#include <cstdio>

void softmax(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i]);
    // CHECK: naive-softmax.cpp:[[@LINE-1]]:12: runtime error: exp produced inf from finite operand 100 [nanguard-raw-exp] in function softmax(float const*, float*, int)
    // CHECK-NOT: runtime error
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}

// Under -ffast-math a value that is not finite is undefined behaviour from
// the origin on: the inputs are opaque (volatile) so that the compiler cannot
// see the overflow coming and reason from it, as in a real program reading
// data, and the results go to a volatile sink, not through printf.
volatile float inputs[4] = {1.f, 100.f, 2.f, 120.f};
volatile float sink;

int main() {
  float logits[4], probs[4];
  for (int i = 0; i < 4; ++i)
    logits[i] = inputs[i];
  softmax(logits, probs, 4);
  for (float p : probs)
    sink = p;
  std::printf("done\n");
  return 0;
}
