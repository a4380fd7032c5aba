// RUN: %check_nanguard %s pow-domain %t

#include <algorithm>
#include <cmath>

// ---- Positive cases. -----------------------------------------------------

double cube_root(double x) {
  return std::pow(x, 1.0 / 3.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative with an exponent that may not be an integer is NaN [nanguard-pow-domain]
}

float gamma_correct(float c, float gamma) {
  return std::pow(c, 1.0f / gamma);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
}

double fractional_power(double a, double b) {
  return std::pow(a - b, 0.75);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
}

double inverse_square(double r) {
  return std::pow(r, -2.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be 0 with an exponent that may be negative is inf [nanguard-pow-domain]
}

float c_style(float x, float e) {
  return powf(x, e);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
}

double inverse_sqrt_of_difference(double a, double b) {
  return std::pow(a - b, -0.5);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
}

double learning_rate(double base, int step, double power) {
  return base * std::pow(step - 100, -power);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: pow of a base that may be negative
}

double power_law(double x, double alpha) {
  return std::pow(x, -alpha);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
}

double reciprocal_count(int n) {
  return std::pow(static_cast<double>(n), -1.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be 0
}

double generalized_mean(const double *x, int n, double p) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::pow(x[i], p);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative
  return s / n;
}

// ---- Negative cases. -----------------------------------------------------

double square(double x) { return std::pow(x, 2.0); }

double integer_exponent(double x, int k) { return std::pow(x, k > 0 ? k : 1); }

double positive_base(double x, double a) { return std::pow(std::fabs(x) + 1e-9, a); }

double exponential(double x) { return std::pow(2.0, x); }

double decibels(double db) { return std::pow(10.0, db / 20.0); }

double clamped_base(double x, double g) { return std::pow(std::max(x, 1e-6), g); }

double inverse_norm(double x) { return std::pow(x * x + 1.0, -0.5); }

double rsqrt_eps(double var, double eps) { return std::pow(var + eps, -0.5); }

double guarded(double b, double e) {
  if (b > 0)
    return std::pow(b, e);
  return 0;
}

double compound(double rate, unsigned years) { return std::pow(1.0 + std::fabs(rate), years); }

struct Adam { float beta1 = 0.9f; int t = 0; };
float bias_correction(Adam &a) { ++a.t; return 1 - std::pow(a.beta1, a.t); }

double cube(double x) { return std::pow(x, 3); }
