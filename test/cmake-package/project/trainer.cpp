#include <cmath>
#include <cstdio>

#ifndef SAMPLE_NEEDS_THIS_FLAG
#error "built without the target's own flags"
#endif

volatile float underflowed = 0.f;

float nll(float p) { return -std::log(p); }

int main() {
  std::printf("loss %g\n", nll(underflowed));
  return 0;
}
