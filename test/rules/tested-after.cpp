// RUN: %check_nanguard %s div-by-variance,unguarded-log,unguarded-division,sqrt-domain,pow-domain %t
//
// A NaN or Inf handled where it is born: the operation's value is kept in
// a local variable that the function tests afterwards with isnan, isinf or
// isfinite, and replaces or rejects (docs/guards.md, "Handled after the
// fact"). A test before the operation, or of another variable, is no
// such handling.

#include <cmath>

double limit(double sigma);

double gradient(double num, double pdf, double sigma) {
  double den = sigma * pdf;
  double g = num / den;
  if (den < 1e-12 && (std::isnan(g) || std::isinf(g)))
    g = limit(sigma);
  return g;
}

double z_score(double x, double mean, double stddev) {
  double z = (x - mean) / stddev;
  if (!std::isfinite(z))
    return 0.0;
  return z;
}

double z_score_twin(double x, double mean, double stddev) {
  double z = (x - mean) / stddev;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  return z;
}

double scaled(double x, double stddev) {
  double z = x;
  z /= stddev;
  if (std::isnan(z) || std::isinf(z))
    z = 0.0;
  return z;
}

double log_or_floor(double p) {
  double l = std::log(p);
  if (std::isinf(l) || std::isnan(l))
    l = -30.0;
  return l;
}

double log_tested_before(double p, double q) {
  double l = 0.0;
  if (std::isinf(l))
    return 0.0;
  l = std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  return l;
}

double log_other_tested(double p, double q) {
  double l = std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  if (std::isnan(q))
    return 0.0;
  return l;
}

double ratio(double a, double b) {
  double r = a / b;
  if (!std::isfinite(r))
    r = 0.0;
  return r;
}

double ratio_twin(double a, double b) {
  double r = a / b;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: division by a value that may be 0 (0/0 is NaN, x/0 is inf); guard the divisor [nanguard-unguarded-division]
  return r;
}

double spread(double sq, double m) {
  double s = std::sqrt(sq - m * m);
  if (std::isnan(s))
    s = 0.0;
  return s;
}

double spread_twin(double sq, double m) {
  double s = std::sqrt(sq - m * m);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: sqrt of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
  return s;
}

double root(double b, double e) {
  double r = std::pow(b, e);
  if (std::isnan(r))
    return 0.0;
  return r;
}
