// RUN: %check_nanguard %s sqrt-domain %t

#include <algorithm>
#include <cmath>
#include <vector>

struct Moments { double sum, sum_sq; int n; };

// ---- Positive cases: a difference that can round below 0. ---------------

double stddev_one_pass(const double *x, int n) {
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    s2 += x[i] * x[i];
  }
  double mean = s / n;
  double var = s2 / n - mean * mean;
  return std::sqrt(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
  // CHECK-FIXES: {{^}}  return std::sqrt(std::max(var, 0.0));{{$}}
}

float inline_difference(float ex2, float mean) {
  return std::sqrt(ex2 - mean * mean);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
  // CHECK-FIXES: {{^}}  return std::sqrt(std::max(ex2 - mean * mean, 0.0f));{{$}}
}

double from_moments(const Moments &m) {
  double mean = m.sum / m.n;
  return std::sqrt(m.sum_sq / m.n - mean * mean);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
}

float c_style(float a, float b) {
  return sqrtf(a - b);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrtf of a difference
}

double heron(double a, double b, double c) {
  double s = (a + b + c) / 2;
  return std::sqrt(s * (s - a) * (s - b) * (s - c));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
}

double quadratic_root(double a, double b, double c) {
  double disc = b * b - 4 * a * c;
  return (-b + std::sqrt(disc)) / (2 * a);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: sqrt of a difference
}

double chord(double r, double d) {
  return 2 * std::sqrt(r * r - d * d);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: sqrt of a difference
}

float running_variance(const std::vector<float> &x) {
  float var = 0;
  for (float v : x)
    var += v * v;
  var /= x.size();
  float mean = x.empty() ? 0 : x[0];
  var -= mean * mean;
  return std::sqrt(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
}

double kinetic(double e_total, double e_potential, double m) {
  return std::sqrt(2 * (e_total - e_potential) / m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
}

double triangle_leg(double hyp, double side) {
  return std::sqrt(hyp * hyp - side * side);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference
}

double lorentz(double v, double c) {
  return 1.0 / std::sqrt(1 - v * v / (c * c));
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: sqrt of a difference
}

// ---- Negative cases: provably >= 0, or not a difference. -----------------

double clamped(double ex2, double mean) {
  return std::sqrt(std::max(ex2 - mean * mean, 0.0));
}

double two_pass(const double *x, int n, double mean) {
  double var = 0;
  for (int i = 0; i < n; ++i)
    var += (x[i] - mean) * (x[i] - mean);
  return std::sqrt(var / n);
}

float absolute(float a, float b) { return std::sqrt(std::fabs(a - b)); }

double norm(double x, double y) { return std::sqrt(x * x + y * y); }

double squared_plus(double x) { return std::sqrt(x * x + 1e-12); }

double guarded(double ex2, double mean) {
  double var = ex2 - mean * mean;
  if (var <= 0)
    return 0;
  return std::sqrt(var);
}

double ternary(double disc) { return disc >= 0 ? std::sqrt(disc) : 0.0; }

double unknown_value(double v) { return std::sqrt(v); }

double fmax_form(double a, double b) { return std::sqrt(std::fmax(a - b, 0.0)); }

double constant() { return std::sqrt(2.0 - 1.0); }

float square_of_difference(float a, float b) { return std::sqrt((a - b) * (a - b)); }

float adam_denominator(const float *v, int i, float beta2, int t) {
  float c2 = 1 - std::pow(beta2, t);
  return std::sqrt(v[i] / c2);
}

// A negation is not a cancellation: the log's argument is unguarded-log's.
double box_muller_radius(double u) { return std::sqrt(-2.0 * std::log(u)); }

// rsqrt of a difference: the epsilon guards 0, not a negative variance.
extern "C" float rsqrtf(float);
float inv_std_one_pass(float sum, float sum_sq, int n, float eps) {
  float mean = sum / n;
  return rsqrtf(sum_sq / n - mean * mean + eps);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: rsqrtf of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
}

float inv_std_clamped(float sum, float sum_sq, int n, float eps) {
  float mean = sum / n;
  return rsqrtf(std::max(sum_sq / n - mean * mean, 0.f) + eps);
}

// A weight `(1 - beta2)` scales a square without cancelling it: Adam's
// second moment is no difference.
float adam_step(float *v, const float *g, int i, float beta2, int t) {
  v[i] = beta2 * v[i] + (1.0f - beta2) * g[i] * g[i];
  float v_hat = v[i] / (1.0f - std::pow(beta2, t));
  return std::sqrt(v_hat);
}

// A constant minus a square, as the whole argument, still is one.
float sphere_radius(float z) {
  return std::sqrt(1.0f - z * z);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
}

// And a weight of a difference of data is one too.
float weighted_cancel(float a, float b, float w) {
  return std::sqrt((1.0f - w) * (a - b));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: sqrt of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
}
