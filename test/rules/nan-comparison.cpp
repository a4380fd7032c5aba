// RUN: %check_nanguard %s nan-comparison %t

#include <cmath>
#include <limits>

// ---- Positive cases. -----------------------------------------------------

bool is_missing(double x) {
  return x == NAN;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false; use std::isnan(x) to test for NaN [nanguard-nan-comparison]
  // CHECK-FIXES: {{^}}  return std::isnan(x);{{$}}
}

bool is_present(float x) {
  return x != NAN;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always true; use !std::isnan(x) to test for NaN
  // CHECK-FIXES: {{^}}  return !std::isnan(x);{{$}}
}

bool limits(double loss) {
  return loss == std::numeric_limits<double>::quiet_NaN();
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: comparison with NaN is always false
  // CHECK-FIXES: {{^}}  return std::isnan(loss);{{$}}
}

bool nan_function(double v) {
  return v == std::nan("");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false
}

bool reversed(double v) {
  return NAN == v;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: comparison with NaN is always false
  // CHECK-FIXES: {{^}}  return std::isnan(v);{{$}}
}

bool ordered(double v) {
  return v < NAN;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false
}

int count_missing(const double *x, int n) {
  int c = 0;
  for (int i = 0; i < n; ++i)
    if (x[i] == NAN)
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: comparison with NaN is always false
      ++c;
  return c;
}

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
bool sentinel(float v) {
  return v == kMissing;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false
}

bool signaling(double v) {
  return v != std::numeric_limits<double>::signaling_NaN();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always true
}

bool builtin(float v) {
  return v == __builtin_nanf("");
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false
}

// ---- Negative cases. -----------------------------------------------------

bool proper(double x) { return std::isnan(x); }

bool self_comparison(double x) { return x != x; }

bool infinity(double x) { return x == INFINITY; }

bool limits_max(double x) { return x == std::numeric_limits<double>::max(); }

bool zero(double x) { return x == 0.0; }

bool is_finite_value(double x) { return std::isfinite(x); }

bool between(double a, double b) { return a < b; }

bool sentinel_value(float v) { return v == -1.0f; }

bool lowest(double v) { return v == std::numeric_limits<double>::lowest(); }

bool integers(int a, int b) { return a == b; }
