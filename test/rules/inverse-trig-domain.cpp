// RUN: %check_nanguard %s inverse-trig-domain %t

#include <algorithm>
#include <cmath>

struct Vec3 { double x, y, z; };
static double dot(const Vec3 &a, const Vec3 &b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static double length(const Vec3 &a) { return std::sqrt(dot(a, a)); }

// ---- Positive cases. -----------------------------------------------------

double angle_between(const Vec3 &a, const Vec3 &b) {
  return std::acos(dot(a, b) / (length(a) * length(b)));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: acos of a value that may be outside [-1, 1] is NaN [nanguard-inverse-trig-domain]
  // CHECK-FIXES: {{^}}  return std::acos(std::clamp(dot(a, b) / (length(a) * length(b)), -1.0, 1.0));{{$}}
}

float angle_of_unit_vectors(float ax, float ay, float bx, float by) {
  float c = ax * bx + ay * by;
  return std::acos(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: acos of a value
  // CHECK-FIXES: {{^}}  return std::acos(std::clamp(c, -1.0f, 1.0f));{{$}}
}

double latitude(double z, double r) {
  return std::asin(z / r);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: asin of a value that may be outside [-1, 1] is NaN
}

double fisher_z(double r) {
  return std::atanh(r);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: atanh of a value that may be outside (-1, 1) is NaN or inf
}

float c_style(float c) {
  return acosf(c);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: acosf of a value
}

double great_circle(double lat1, double lat2, double dlon) {
  return std::acos(std::sin(lat1) * std::sin(lat2) +
                   std::cos(lat1) * std::cos(lat2) * std::cos(dlon));
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: acos of a value
}

double correlation_angle(double cov, double sx, double sy) {
  return std::acos(cov / (sx * sy));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: acos of a value
}

double atanh_of_tanh_ratio(double a, double b) {
  return std::atanh(std::tanh(a) / std::tanh(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: atanh of a value
}

double slope_angle(double rise, double run) {
  return std::asin(rise / std::sqrt(rise * rise + run * run));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: asin of a value
}

double closing_at_one(double c) {
  return std::atanh(std::clamp(c, -1.0, 1.0));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: atanh of a value
}

// ---- Negative cases. -----------------------------------------------------

double clamped(double c) { return std::acos(std::clamp(c, -1.0, 1.0)); }

double fmin_fmax(double c) { return std::acos(std::fmin(std::fmax(c, -1.0), 1.0)); }

double of_sine(double t) { return std::asin(std::sin(t)); }

double of_cosine(double t) { return std::acos(std::cos(t)); }

double of_tanh(double t) { return std::acos(std::tanh(t)); }

double guarded(double c) {
  if (c < -1 || c > 1)
    return 0;
  return std::acos(c);
}

double ternary(double c) { return c >= -1 && c <= 1 ? std::asin(c) : 0.0; }

double atanh_open(double r) { return std::atanh(std::clamp(r, -0.999999, 0.999999)); }

double constant() { return std::acos(0.5); }

double halved_sine(double t) { return std::asin(0.5 * std::sin(t)); }
