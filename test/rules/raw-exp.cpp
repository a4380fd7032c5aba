// RUN: %check_nanguard %s raw-exp %t

#include <algorithm>
#include <cmath>
#include <vector>

// ---- Positive cases: the argument is not bounded above. -------------------

double logistic_odds(double x) {
  return std::exp(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: in double, exp overflows above 709.78
}

double boltzmann(double energy, double kT) {
  return std::exp(-energy / kT);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

double poisson_rate(const double *beta, const double *x, int n) {
  double eta = 0;
  for (int i = 0; i < n; ++i)
    eta += beta[i] * x[i];
  return std::exp(eta);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

float c_style(float logit) {
  return expf(logit);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: expf of an argument
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: in float, expf overflows above 88.72
}

float base_two(float x) {
  return std::exp2(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp2 of an argument
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: in float, exp2 overflows above 128.00
}

double minus_one(double x) {
  return std::expm1(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: expm1 of an argument
}

double lognormal_sample(double mu, double sigma, double z) {
  return std::exp(mu + sigma * z);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

float policy_std(float log_std) {
  return std::exp(log_std);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

double builtin_form(double x) {
  return __builtin_exp(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

double naive_softplus(double x) {
  return std::log(1.0 + std::exp(x));
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: exp of an argument
}

double arrhenius(double A, double Ea, double R, double T) {
  return A * std::exp(-Ea / (R * T));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: exp of an argument
}

void growth(std::vector<double> &pop, double rate, double dt) {
  for (double &p : pop)
    p *= std::exp(rate * dt);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument
}

float wrong_direction(float x) {
  if (x > -50.f)
    return std::exp(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exp of an argument
  return 0.f;
}

// With naive-softmax disabled, the exps of a softmax are raw-exp findings.
void softmax_when_rule_off(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exp of an argument
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}

// ---- Negative cases: bounded above, or an overflow that is harmless. ------

double laplace_kernel(double x) { return std::exp(-std::fabs(x)); }

double gaussian(double x) { return std::exp(-x * x); }

double rbf(double d, double s) { return std::exp(-0.5 * d * d / (s * s)); }

float clamped(float x) { return std::exp(std::min(x, 80.0f)); }

float clamped_both(float x) { return std::exp(std::clamp(x, -20.f, 20.f)); }

double guarded(double x) {
  if (x < 50)
    return std::exp(x);
  return INFINITY;
}

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

float swish(float x) { return x / (1.0f + std::exp(-x)); }

float shifted_by_max(float x, float max_val) { return std::exp(x - max_val); }

double lr_decay(double lr0, unsigned step) {
  const double decay = 0.01;
  return lr0 * std::exp(-decay * step);
}

double thresholded_softplus(double x) {
  if (x > 20)
    return x;
  return std::log1p(std::exp(x));
}

double rbf_2d(double dx, double dy, double sigma) {
  double dist2 = dx * dx + dy * dy;
  return std::exp(-dist2 / (2 * sigma * sigma));
}

double capped_log_prob(double a) {
  double log_prob = std::min(0.0, a);
  return std::exp(log_prob);
}

double euler() { return std::exp(1.0); }

double metropolis(double delta, double temperature) {
  if (delta <= 0)
    return 1.0;
  return std::exp(-delta * delta);
}

// A value <= 0 scaled by a plain variable of unknown sign (a temperature,
// kT, a softmax scale): the scale is taken to be positive.
double anneal(double delta_e, double temperature) {
  if (delta_e <= 0)
    return 1.0;
  return std::exp(-delta_e / temperature);
}

double screened(double r, double debye) { return std::exp(-std::fabs(r) / debye); }

double boltzmann_shifted(const double *e, int n, int i, double kT) {
  double emin = *std::min_element(e, e + n);
  return std::exp(-(e[i] - emin) / kT);
}

float tempered(const float *z, int n, int i, float t) {
  float m = *std::max_element(z, z + n);
  return std::exp((z[i] - m) / t);
}

double log_add(double a, double b) {
  double hi = std::max(a, b), lo = std::min(a, b);
  return hi + std::log1p(std::exp(lo - hi));
}

// ---- The scale heuristic's limits: still flagged. ------------------------

double two_unknown_factors(double beta, double e) {
  return std::exp(-beta * e);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

double unknown_numerator(double ea, double rt) {
  return std::exp(-ea / rt);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above
}

// An integer named as a count of steps is >= 0 (a name hint, as for eps).
float decayed_lr(float base, int global_step) {
  const float rate = 1e-4f;
  return base * std::exp(-rate * global_step);
}

// The value is kept and tested for an overflow before it is used.
double logistic_pdf(double z) {
  const double w = std::exp(z);
  const double d = 1 + w;
  if (std::isinf(w) || std::isinf(w * w))
    return 0.0;
  return w / (d * d);
}

double tested_finite(double z) {
  double w;
  w = std::exp(z);
  return std::isfinite(w) ? 1 - w : 0.0;
}

// Tested before the exp, not after: the overflow is not handled.
double tested_too_early(double z, double w) {
  if (std::isinf(w))
    return 0.0;
  w = std::exp(z);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return 1 - w;
}

// The log of a finite float is at most log(FLT_MAX): p^a = exp(a * log p)
// with a in (0, 1] stays finite; p^2 does not.
float power_below_one(float p, float a) {
  if (!(a > 0 && a <= 1))
    return 0;
  return std::exp(a * std::log(p));
}
float power_two(float p) {
  return std::exp(2.0f * std::log(p));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
