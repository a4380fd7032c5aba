// naive-sigmoid replaces raw-exp at its sites: both rules on.
// RUN: %check_nanguard %s naive-sigmoid,raw-exp %t

#include <algorithm>
#include <cmath>

// ---- Positive cases. -----------------------------------------------------

float sigmoid(float x) {
  return std::exp(x) / (1 + std::exp(x));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x)) is inf / inf = NaN for large x; write 1 / (1 + exp(-x)) [nanguard-naive-sigmoid]
  // CHECK-FIXES: {{^}}  return 1.0f / (1.0f + std::exp(-x));{{$}}
}

double logistic(double z) {
  return std::exp(z) / (std::exp(z) + 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
  // CHECK-FIXES: {{^}}  return 1.0 / (1.0 + std::exp(-z));{{$}}
}

double logit_prob(double a, double b) {
  return std::exp(a - b) / (1.0 + std::exp(a - b));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
  // CHECK-FIXES: {{^}}  return 1.0 / (1.0 + std::exp(-(a - b)));{{$}}
}

float c_style(float x) {
  return expf(x) / (1.0f + expf(x));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
  // CHECK-FIXES: {{^}}  return 1.0f / (1.0f + expf(-x));{{$}}
}

void gate(const float *w, const float *x, float *g, int n) {
  for (int i = 0; i < n; ++i)
    g[i] = std::exp(w[i] * x[i]) / (1.0f + std::exp(w[i] * x[i]));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exp(x) / (1 + exp(x))
}

double attention_gate(double score) {
  double p = std::exp(score) / (1 + std::exp(score));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: exp(x) / (1 + exp(x))
  return p;
}

double bradley_terry(double ra, double rb) {
  return std::exp(ra - rb) / (1 + std::exp(ra - rb));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
}

double glm_mean(const double *beta, const double *x, int n) {
  double eta = 0;
  for (int i = 0; i < n; ++i)
    eta += beta[i] * x[i];
  return std::exp(eta) / (1 + std::exp(eta));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
}

float member(const float (&v)[2]) {
  return std::exp(v[1]) / (1.0f + std::exp(v[1]));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
}

double scaled(double x, double t) {
  return std::exp(x / t) / (1 + std::exp(x / t));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp(x) / (1 + exp(x))
}

// ---- Negative cases (no naive-sigmoid, no raw-exp). ----------------------

float stable(float x) { return 1.0f / (1.0f + std::exp(-x)); }

double stable_double(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double swish(double x) { return x / (1.0 + std::exp(-x)); }

double bounded(double x) {
  double c = std::min(x, 30.0);
  return std::exp(c) / (1 + std::exp(c));
}

double guarded(double x) {
  if (x > 30)
    return 1.0;
  return std::exp(x) / (1 + std::exp(x));
}

double negative_branch(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

double symmetric(double x) { return 1 / (1 + std::exp(-std::fabs(x))); }

float bounded_tanh(float x) { return std::exp(-x * x) / (1 + std::exp(-x * x)); }

double clamp_both(double x) {
  double c = std::clamp(x, -30.0, 30.0);
  return std::exp(c) / (1.0 + std::exp(c));
}

double softplus_grad(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The stable form through a local: every use of the sum is a divisor, so
// an overflow gives 1 / inf = 0.
double sigmoid_local(double x) {
  auto denom = std::exp(-x) + 1.0;
  auto y = 1.0 / denom;
  return y;
}

// A use of the sum that is no divisor lets the inf out.
double sigmoid_local_leaks(double x) {
  double denom = std::exp(-x) + 1.0;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  double y = 1.0 / denom;
  return y + denom;
}

// An exp whose every use is a comparison: inf compares as the huge value.
double in_interval(double log_pred, double lo, double hi) {
  const double pred = std::exp(log_pred);
  return (pred >= lo && pred <= hi) ? 1.0 : 0.0;
}

// One use that is no comparison lets the inf out.
double in_interval_leaks(double log_pred, double lo, double hi) {
  const double pred = std::exp(log_pred);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return (pred >= lo && pred <= hi) ? pred - lo : 0.0;
}
