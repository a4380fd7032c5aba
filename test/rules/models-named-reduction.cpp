// RUN: %check_nanguard %s raw-exp,naive-softmax %t
//
// Model "named-reduction": a function whose name says it computes a
// maximum (row_max, warpReduceMax, block_reduce_max) bounds the values and
// the elements of the arrays it is given.

#include <cmath>

float row_max(const float *x, int n);
float warpReduceMax(float v);
float max_delta(const float *x, int n);

void softmax_row(const float *x, float *y, int n) {
  float m = row_max(x, n);
  float s = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i] - m);
    s += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= s;
}

float lane(float v) {
  float m = warpReduceMax(v);
  return std::exp(v - m);
}

// max_delta is not a maximum of the values: a name is read in whole words.
float delta(const float *x, int n) {
  float d = max_delta(x, n);
  return std::exp(x[0] - d);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
