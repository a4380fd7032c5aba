// RUN: %check_nanguard %s raw-exp,naive-softmax,unguarded-log %t -- -std=c++17
//
// Model "math-extreme": max, min and clamp from the math table bound their
// result by their operands (both ways, when the operands are all the
// values).

#include <algorithm>
#include <cmath>

double by_fmax(const double *x, int n) {
  double m = -INFINITY;
  for (int i = 0; i < n; ++i)
    m = std::fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}

float by_std_max(const float *x, int n) {
  float m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::max(m, x[i]);
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return s;
}

// The online rescale: exp(m_old - m_new) with m_new = max(m_old, v).
float online(const float *x, int n) {
  float m = -INFINITY, d = 0;
  for (int i = 0; i < n; ++i) {
    float m_new = fmaxf(m, x[i]);
    d = d * std::exp(m - m_new) + std::exp(x[i] - m_new);
    m = m_new;
  }
  return d;
}

double clamped(double z) { return std::exp(std::clamp(z, -30.0, 30.0)); }

// A minimum bounds nothing from above.
double by_fmin(const double *x, int n) {
  double m = INFINITY;
  for (int i = 0; i < n; ++i)
    m = std::fmin(m, x[i]);
  return std::exp(x[0] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
