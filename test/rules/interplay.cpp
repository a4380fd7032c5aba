// All four rules together: one diagnostic per site, and the stable idioms
// are quiet under every rule.
// RUN: %check_nanguard %s unguarded-log,div-by-variance,raw-exp,naive-softmax %t

#include <algorithm>
#include <cmath>

// The log of a naive sum of exps is log-sum-exp: naive-softmax reports the
// exps, unguarded-log does not report the log again.
double naive_lse(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log-sum-exp without subtracting the maximum
  return std::log(s);
}

double naive_logaddexp(double a, double b) {
  return std::log(std::exp(a) + std::exp(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: log-sum-exp without subtracting the maximum
  // CHECK-MESSAGES: :[[@LINE-2]]:33: warning: log-sum-exp without subtracting the maximum
}

// Stable log-sum-exp: the sum of max-shifted exps is >= 1, so its log is
// safe too.
double stable_lse(const double *x, int n) {
  double m = *std::max_element(x, x + n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}

float online_lse(const float *x, int n) {
  float m = -INFINITY, d = 0;
  for (int i = 0; i < n; ++i) {
    float m_new = std::max(m, x[i]);
    d = d * std::exp(m - m_new) + std::exp(x[i] - m_new);
    m = m_new;
  }
  return m + std::log(d);
}

void stable_log_softmax(const float *x, float *out, int n) {
  float m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::max(m, x[i]);
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  float lse = m + std::log(s);
  for (int i = 0; i < n; ++i)
    out[i] = x[i] - lse;
}

// Values are followed to the definition that reaches the use.
float renormalised(float ss, float x) {
  float n = std::sqrt(ss);
  n = std::max(n, 1e-12f);
  return x / n;
}

float reassigned_unsafe(float ss, float x) {
  float n = std::max(std::sqrt(ss), 1e-12f);
  n = std::sqrt(ss);
  return x / n;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: division by a standard deviation
}

float clamped_parameter(float p) {
  p = std::max(p, 1e-6f);
  return std::log(p);
}

float maybe_unclamped(float p, bool clamp) {
  float q = 1.f;
  if (clamp)
    q = p;
  return std::log(q);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative
}
