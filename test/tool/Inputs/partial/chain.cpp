#include <cmath>
#include <limits>
#include "c10/macros/Macros.h"

// WARP_SIZE comes from the missing header: each constant below is a
// conditional over the ones before it that no longer folds. Evaluating them
// under each other's conditions used to take exponential time.
template <int log2_elements> float chain(const float *x) {
  constexpr int next = 1 << log2_elements;
  constexpr int a = (next < WARP_SIZE) ? next : WARP_SIZE;
  constexpr int b = (a < next) ? next / a : a;
  constexpr int c = (b < 4) ? a : b;
  constexpr int d = (c <= 128) ? b : c;
  constexpr int e = (d < c) ? d : c;
  constexpr int f = (e < d) ? e : d;
  constexpr int g = (f < e) ? f : e;
  constexpr int h = (g < f) ? g : f;
  float m = -std::numeric_limits<float>::infinity();
  for (int i = 0; i < h; ++i)
    m = m > x[i] ? m : x[i];
  return std::exp(x[0] - m);
}
template float chain<5>(const float *);

float unrelated(float v) { return std::log(v); }
