// A probability that underflowed to 0 in a stable softmax reaches log: the
// report names the log, with the operand that was 0; what follows is silent.
// RUN: %nanguard_cxx -O0 -g %s -o %t.0 && %t.0 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g %s -o %t.2 && %t.2 2>&1 >/dev/null | FileCheck %s
// RUN: %nanguard_cxx -O2 -g -ffast-math %s -o %t.f && %t.f 2>&1 >/dev/null | FileCheck %s

#include <algorithm>
#include <cmath>
#include <cstdio>

float nll(const float *probs, int label) {
  return -std::log(probs[label]);
  // CHECK: underflow-log.cpp:[[@LINE-1]]:11: runtime error: log produced -inf from finite operand 0 [nanguard-unguarded-log] in function nll(float const*, int)
  // CHECK-NOT: runtime error
}

int main(int argc, char **) {
  float logits[3] = {0.f, 120.f * argc, -5.f};
  float m = *std::max_element(logits, logits + 3), p[3], s = 0;
  for (int i = 0; i < 3; ++i)
    s += (p[i] = std::exp(logits[i] - m)); // exp(-125) is 0 in float
  for (int i = 0; i < 3; ++i)
    p[i] /= s;
  float loss = nll(p, 2);
  float grad = 1.f / loss;
  std::printf("loss %g grad %g\n", loss, grad);
  return 0;
}
