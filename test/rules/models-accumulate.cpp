// RUN: %check_nanguard %s raw-exp,naive-softmax,unguarded-log %t -- -std=c++17
//
// Model "accumulate": std::accumulate(b, e, init, op) folds op over the
// range; with a lambda adding exp(x - m), m bounding the range, the result
// is a sum of shifted exps (>= 1). The algorithms that call a lambda with
// elements (for_each, transform, ...) bind its parameters to the range.

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

double lse(const std::vector<double> &z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = std::accumulate(z.begin(), z.end(), 0.0,
                             [m](double acc, double x) { return acc + std::exp(x - m); });
  return m + std::log(s);
}

void softmax_transform(const std::vector<float> &z, std::vector<float> &out) {
  float m = *std::max_element(z.begin(), z.end());
  std::transform(z.begin(), z.end(), out.begin(), [m](float x) { return std::exp(x - m); });
}

// The lambda is given the elements of another range than the maximum's.
void transform_other(const std::vector<float> &z, const std::vector<float> &w,
                     std::vector<float> &out) {
  float m = *std::max_element(z.begin(), z.end());
  std::transform(w.begin(), w.end(), out.begin(), [m](float x) { return std::exp(x - m); });
  // CHECK-MESSAGES: :[[@LINE-1]]:73: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
