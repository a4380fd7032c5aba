// Off by default: the test enables it (with div-by-variance, which keeps
// the divisions by a spread).
// RUN: %check_nanguard %s unguarded-division,div-by-variance %t

#include <algorithm>
#include <cmath>
#include <vector>

// ---- Positive cases. -----------------------------------------------------

double mean(const std::vector<double> &v) {
  double s = 0;
  for (double x : v)
    s += x;
  return s / v.size();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: division by a value that may be 0 (0/0 is NaN, x/0 is inf); guard the divisor [nanguard-unguarded-division]
}

double rate(double distance, double t0, double t1) {
  return distance / (t1 - t0);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: division by a value that may be 0
}

float normalise(float *w, int n) {
  float total = 0;
  for (int i = 0; i < n; ++i)
    total += w[i];
  for (int i = 0; i < n; ++i)
    w[i] /= total;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: division by a value that may be 0
  return total;
}

double precision(int tp, int fp) {
  return double(tp) / (tp + fp);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: division by a value that may be 0
}

double relative_error(double a, double b) {
  return std::fabs(a - b) / std::fabs(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: division by a value that may be 0
}

double slope(double x0, double y0, double x1, double y1) {
  return (y1 - y0) / (x1 - x0);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: division by a value that may be 0
}

float per_pixel(float sum, int width, int height) {
  return sum / (width * height);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a value that may be 0
}

double average_loss(double total, unsigned batches) {
  return total / batches;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: division by a value that may be 0
}

double inverse(double x) {
  return 1.0 / x;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a value that may be 0
}

double weighted_mean(const double *x, const double *w, int n) {
  double num = 0, den = 0;
  for (int i = 0; i < n; ++i) {
    num += w[i] * x[i];
    den += w[i];
  }
  return num / den;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a value that may be 0
}

// A spread is div-by-variance's.
double z(double x, double sd) {
  return x / sd;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}

// ---- Negative cases. -----------------------------------------------------

double safe_mean(const std::vector<double> &v) {
  if (v.empty())
    return 0;
  double s = 0;
  for (double x : v)
    s += x;
  return s / v.size();
}

double guarded_rate(double d, double t0, double t1) {
  if (t1 == t0)
    return 0;
  return d / (t1 - t0);
}

double by_constant(double x) { return x / 2.0; }

double with_epsilon(double a, double b) { return a / (b + 1e-12); }

double clamped(double a, double b) { return a / std::max(b, 1e-9); }

double positive_count(const double *x, unsigned n) {
  double s = 0;
  for (unsigned i = 0; i < n; ++i)
    s += x[i];
  return s / (n + 1.0);
}

double ternary(double a, double b) { return b != 0 ? a / b : 0.0; }

double squared_plus(double a, double b) { return a / (b * b + 1.0); }

double exp_denominator(double a, double x) { return a / (1.0 + std::exp(x)); }

double loop_guard(const double *x, int n) {
  double s = 0;
  int count = 0;
  for (int i = 0; i < n; ++i)
    s += x[i], ++count;
  if (count > 0)
    return s / count;
  return 0;
}
