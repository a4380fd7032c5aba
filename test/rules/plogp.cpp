// plogp replaces unguarded-log at its sites: both rules on, one diagnostic.
// RUN: %check_nanguard %s plogp,unguarded-log %t

#include <algorithm>
#include <cmath>
#include <vector>

// ---- Positive cases. -----------------------------------------------------

double entropy(const double *p, int n) {
  double h = 0;
  for (int i = 0; i < n; ++i)
    h -= p[i] * std::log(p[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: x * log(x) is NaN at x = 0 (0 * -inf = NaN); the term's limit is 0: guard it (x > 0 ? x * log(x) : 0) or use an xlogy helper [nanguard-plogp]
  return h;
}

double kl_divergence(const double *p, const double *q, int n) {
  double d = 0;
  for (int i = 0; i < n; ++i)
    d += p[i] * std::log(p[i] / q[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: x * log(x) is NaN at x = 0
  return d;
}

float entropy_bits(const std::vector<float> &p) {
  float h = 0;
  for (float v : p)
    h += -v * std::log2(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: x * log(x) is NaN at x = 0
  return h;
}

double log_first(double p) {
  return std::log(p) * p;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: x * log(x) is NaN at x = 0
}

double weighted(double w, double p) {
  return w * p * std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: x * log(x) is NaN at x = 0
}

float c_style(float p) {
  return p * logf(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: x * log(x) is NaN at x = 0
}

double binary_entropy(double p) {
  return -p * std::log(p) - (1 - p) * std::log(1 - p);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: x * log(x) is NaN at x = 0
  // CHECK-MESSAGES: :[[@LINE-2]]:39: warning: x * log(x) is NaN at x = 0
}

double free_energy(const double *n, int k) {
  double f = 0;
  for (int i = 0; i < k; ++i)
    f += n[i] * std::log10(n[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: x * log(x) is NaN at x = 0
  return f;
}

double cross_term(double p, double q) {
  return p * std::log(p / q) + q;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: x * log(x) is NaN at x = 0
}

double js_half(double p, double m) {
  return 0.5 * p * std::log(p / m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: x * log(x) is NaN at x = 0
}

// A plain log still belongs to unguarded-log.
double nll(double p) {
  return -std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// ---- Negative cases. -----------------------------------------------------

double guarded(const double *p, int n) {
  double h = 0;
  for (int i = 0; i < n; ++i)
    if (p[i] > 0)
      h -= p[i] * std::log(p[i]);
  return h;
}

double ternary(double p) { return p > 0 ? -p * std::log(p) : 0.0; }

double epsilon(double p) { return -p * std::log(p + 1e-12); }

double clamped(double p) { return -p * std::log(std::max(p, 1e-12)); }

double different_factor(double w, double p) { return w * std::log(std::max(p, 1e-9)); }

double positive_counts(unsigned c) {
  double n = c + 1.0;
  return n * std::log(n);
}

double early_return(double p) {
  if (p <= 0)
    return 0;
  return p * std::log(p);
}

double fabs_plus(double x) {
  double p = std::fabs(x) + 1e-9;
  return p * std::log(p);
}

double kl_guarded(double p, double q) { return p > 0 && q > 0 ? p * std::log(p / q) : 0.0; }

double exp_weight(double x) { return std::exp(-std::fabs(x)) * std::log(1.0 + std::fabs(x)); }
