// RUN: %check_nanguard %s unguarded-log %t

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <vector>

struct Stats { float mean; float count; };

// ---- Positive cases: the argument may be 0 or negative. -------------------

float cross_entropy(const float *probs, int label) {
  return -std::log(probs[label]);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return -std::log(std::max(probs[label], 1e-30f));{{$}}
}

double nll_batch(const double *p, const int *y, int batch, int classes) {
  double loss = 0;
  for (int i = 0; i < batch; ++i)
    loss -= std::log(p[i * classes + y[i]]);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}    loss -= std::log(std::max(p[i * classes + y[i]], 1e-30));{{$}}
  return loss / batch;
}

double gaussian_log_likelihood(double x, double mu, double sigma) {
  return -0.5 * (x - mu) * (x - mu) / (sigma * sigma) - std::log(sigma);
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

float log_c_style(float x) {
  return logf(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: logf of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return logf(std::max(x, 1e-30f));{{$}}
}

double bits_needed(int count) {
  return std::log2(count);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log2 of a value that may be 0 or negative [nanguard-unguarded-log]
}

double snr_db(double signal, double noise) {
  return 10.0 * std::log10(signal / noise);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: log10 of a value that may be 0 or negative [nanguard-unguarded-log]
}

double log_return(double r) {
  return std::log1p(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log1p of a value that may be -1 or less [nanguard-unguarded-log]
}

float shifted(float x) {
  float d = x - 1;
  return std::log(d);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

double ppo_log_ratio(const double *new_prob, const double *old_prob, int n) {
  double sum = 0;
  for (int i = 0; i < n; ++i)
    sum += std::log(new_prob[i] / old_prob[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  return sum / n;
}

double builtin_form(double x) {
  return __builtin_log(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

float member_value(const Stats &s) {
  return std::log(s.mean);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

void lambda_body(std::vector<float> &v) {
  std::transform(v.begin(), v.end(), v.begin(),
                 [](float e) { return std::log(e); });
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

double inverse_softplus(double y) {
  return std::log(std::exp(y) - 1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

float wrong_guard(float p) {
  if (p >= 0)
    return std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  return 0;
}

double geometric_mean(const std::vector<double> &x) {
  double s = 0;
  for (double v : x)
    s += std::log(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  return std::exp(s / x.size());
}

double entropy_of_counts(std::size_t n) {
  return std::log(static_cast<double>(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// ---- Negative cases: the guards that make log safe. -----------------------

float clamped(const float *probs, int label) {
  return -std::log(std::max(probs[label], 1e-12f));
}

float with_epsilon(float p) { return std::log(p + 1e-8f); }

float named_epsilon(float p, float eps) { return std::log(p + eps); }

float if_guard(float p) {
  float loss = 0;
  if (p > 0)
    loss = std::log(p);
  return loss;
}

float ternary_guard(float p) { return p > 0 ? std::log(p) : 0.f; }

double early_return(double x) {
  if (x <= 0)
    return 0;
  return std::log(x);
}

double early_return_negated(double var) {
  if (!(var > 0))
    return 0;
  return 0.5 * std::log(var);
}

float through_local(float x) {
  float d = std::fabs(x) + 1e-9f;
  return std::log(d);
}

double softplus(double x) { return std::log1p(std::exp(x)); }

double softplus_neg(double x) { return std::log(1.0 + std::exp(-x)); }

double laplace_smoothing(unsigned n) {
  return std::log(static_cast<double>(n) + 1);
}

double squared_plus(double x) { return std::log(x * x + 1e-6); }

float bce(float p, float y) {
  float q = std::clamp(p, 1e-7f, 1.0f - 1e-7f);
  return -(y * std::log(q) + (1 - y) * std::log(1 - q));
}

constexpr double kTwoPi = 6.283185307179586;
double normal_constant() { return 0.5 * std::log(kTwoPi); }

double logit(double p) {
  assert(p > 0 && p < 1);
  return std::log(p / (1 - p));
}

float const_local_eps(float sigma) {
  const float eps = 1e-6f;
  return std::log(sigma + eps);
}

double doubling(int steps) {
  double z = 1.0;
  for (int i = 0; i < steps; ++i)
    z *= 2.0;
  return std::log(z);
}

double both_conditions(double a, double b) {
  if (a > 0 && b > 0)
    return std::log(a) + std::log(b);
  return 0;
}

double loop_condition(const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n && w[i] > 0; ++i)
    s += std::log(w[i]);
  return s;
}

float guarded_lambda(std::vector<float> &v) {
  float s = 0;
  for (float e : v)
    s += e > 0 ? std::log(e) : 0.f;
  return s;
}

float user_namespace_log(float x);
namespace mylib { float log(float x); }
float not_the_math_log(float x) { return mylib::log(x); }

// A variable repaired when it is bad: after `if (u <= 0) u = tiny;` it is > 0.
double repaired(double u) {
  u = 1.0 - u;
  if (u <= 0)
    u = 1e-300;
  return std::log(u);
}

// A definition evaluated under the conditions where it is made.
double entropy_of_counts(const unsigned *counts, int n, unsigned total) {
  double h = 0;
  for (int i = 0; i < n; ++i) {
    if (counts[i] == 0)
      continue;
    double p = static_cast<double>(counts[i]) / total;
    h -= p * std::log2(p);
  }
  return h;
}

// log of a value clamped into (0, 1) is negative: its negation is > 0.
double gumbel(double u) {
  u = std::clamp(u, 1e-12, 1.0 - 1e-12);
  return -std::log(-std::log(u));
}

// log(s / n) of a sum of max-shifted exps: a stable log-mean-exp.
double log_mean_exp(const double *ll, int n) {
  double m = *std::max_element(ll, ll + n), s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(ll[i] - m);
  return m + std::log(s / n);
}

// ---- Still flagged. ------------------------------------------------------

double repaired_wrongly(double u) {
  if (u <= 0)
    u = -1.0; // the repair does not satisfy u > 0
  return std::log(u);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return std::log(std::max(u, 1e-30));{{$}}
}

double gumbel_unclamped(double u) {
  return -std::log(-std::log(u));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return -std::log(std::max(-std::log(std::max(u, 1e-30)), 1e-30));{{$}}
}

// std::accumulate of max-shifted exps: the sum is >= 1.
#include <numeric>
double lse_accumulate(const std::vector<double> &v) {
  double m = *std::max_element(v.begin(), v.end());
  double s = std::accumulate(v.begin(), v.end(), 0.0,
                             [m](double acc, double x) { return acc + std::exp(x - m); });
  return m + std::log(s);
}

double log_of_accumulated_values(const std::vector<double> &v) {
  double s = std::accumulate(v.begin(), v.end(), 0.0,
                             [](double acc, double x) { return acc + x; });
  return std::log(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return std::log(std::max(s, 1e-30));{{$}}
}
