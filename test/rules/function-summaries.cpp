// RUN: %check_nanguard %s unguarded-log,pow-domain,sqrt-domain,raw-exp %t -- -std=c++17
//
// What a function of the translation unit returns, whatever its arguments,
// is the join of its returns (docs/guards.md, "Summaries of small
// functions"); std::complex values take none of the real-domain rules.

#include <cmath>
#include <complex>

static inline float sqr(float x) { return x * x; }

static float softplus_pos(float x) { return std::log1p(std::exp(-std::fabs(x))) + 1.0f; }

static float anything(float x) { return x - 1.0f; }

float pow_of_square(float a, float e) { return std::pow(sqr(a), e); }

float log_of_positive(float x) { return std::log(softplus_pos(x)); }

float pow_of_anything(float a, float e) {
  return std::pow(anything(a), e);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: pow of a base that may be negative with an exponent that may not be an integer is NaN [nanguard-pow-domain]
}

// A square may still be 0.
float log_of_square(float a) {
  return std::log(sqr(a));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// A recursive function has no summary.
static float halve(float x, int n) { return n == 0 ? x : halve(x / 2, n - 1); }
float log_of_recursive(float x) {
  return std::log(halve(x, 3));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

std::complex<double> complex_log(std::complex<double> z) {
  return std::log(z) + std::sqrt(z - 1.0) + std::exp(z);
}
