// Numerical utilities: NaN tests, epsilons in narrow types, powers, roots.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace num {

// NaN checks written with ==.
bool has_nan(const std::vector<double> &v) {
  for (double x : v)
    if (x == std::numeric_limits<double>::quiet_NaN()) // expect: nanguard-nan-comparison
      return true;
  return false;
}

bool has_nan_ok(const std::vector<double> &v) {
  for (double x : v)
    if (std::isnan(x)) // safe
      return true;
  return false;
}

bool is_valid(float x) {
  return x != NAN; // expect: nanguard-nan-comparison
}

bool is_valid_self(float x) {
  return x == x; // safe
}

double replace_nan(double x, double fallback) {
  return x == std::nan("") ? fallback : x; // expect: nanguard-nan-comparison
}

bool is_missing(double x) {
  return x != x; // safe
}

// Epsilons in narrow types.
float stabilise_half(_Float16 var) {
  _Float16 eps = 1e-8f; // expect: nanguard-vanishing-epsilon
  return 1.f / std::sqrt(static_cast<float>(var + eps));
}

float stabilise_half_ok(_Float16 var) {
  _Float16 eps = 1e-3f; // safe
  return 1.f / std::sqrt(static_cast<float>(var + eps)); // safe
}

float tiny_float_eps(float x) {
  const float eps = 1e-50; // expect: nanguard-vanishing-epsilon
  return std::log(x + eps); // expect: nanguard-unguarded-log
}

double tiny_double_eps(double x) {
  const double eps = 1e-50; // safe
  return std::log(x + eps); // safe
}

float subnormal_float_eps(float x) {
  const float eps = 1e-40f; // expect: nanguard-vanishing-epsilon
  return x / (std::fabs(x) + eps); // safe
}

// Powers.
double cube_root(double x) {
  return std::pow(x, 1.0 / 3.0); // expect: nanguard-pow-domain
}

double cube_root_ok(double x) {
  return std::cbrt(x); // safe
}

double square(double x) {
  return std::pow(x, 2.0); // safe
}

double inverse_square(double r) {
  return std::pow(r, -2.0); // expect: nanguard-pow-domain
}

double p_norm(const std::vector<double> &v, double p) {
  double s = 0;
  for (double x : v)
    s += std::pow(std::fabs(x), p); // safe
  return std::pow(s, 1.0 / p); // safe
}

double p_norm_eps(const std::vector<double> &v, double p) {
  double s = 0;
  for (double x : v)
    s += std::pow(std::fabs(x) + 1e-12, p); // safe
  return std::pow(s + 1e-12, 1.0 / p); // safe
}

double signed_power(double x, double a) {
  return std::copysign(std::pow(std::fabs(x) + 1e-300, a), x); // safe
}

int int_pow(int base, unsigned e) {
  int r = 1;
  while (e--)
    r *= base;
  return r;
}

// Relative error with a floor on the denominator.
double rel_error(double a, double b) {
  return std::fabs(a - b) / std::max(std::fabs(b), 1e-30); // safe
}

// Log of a factorial by summation: every term is >= log(1) = 0.
double log_factorial(unsigned n) {
  double s = 0;
  for (unsigned k = 2; k <= n; ++k)
    s += std::log(static_cast<double>(k)); // safe
  return s;
}

// Decibels of a power ratio.
double to_db(double power, double ref) {
  return 10 * std::log10(power / ref); // expect: nanguard-unguarded-log
}

double to_db_floor(double power, double ref) {
  return 10 * std::log10(std::max(power / ref, 1e-20)); // safe
}

// Quadratic roots: the textbook formula.
bool quadratic(double a, double b, double c, double &r1, double &r2) {
  double d = b * b - 4 * a * c;
  if (d < 0)
    return false;
  double sq = std::sqrt(d); // safe
  r1 = (-b + sq) / (2 * a);
  r2 = (-b - sq) / (2 * a);
  return true;
}

double quadratic_root_unchecked(double a, double b, double c) {
  return (-b + std::sqrt(b * b - 4 * a * c)) / (2 * a); // expect: nanguard-sqrt-domain
}

// Newton iteration for a square root of a positive number.
double newton_sqrt(double x) {
  if (x <= 0)
    return 0;
  double g = x;
  for (int i = 0; i < 30; ++i)
    g = 0.5 * (g + x / g);
  return g;
}

// log1p of a return: -1 is a total loss.
double log_return(double r) {
  return std::log1p(r); // expect: nanguard-unguarded-log
}

double log_return_checked(double r) {
  if (r <= -1)
    return -std::numeric_limits<double>::infinity();
  return std::log1p(r); // safe
}

// Inverse hyperbolic tangent of a clamped correlation.
double atanh_clamped(double r) {
  return std::atanh(std::clamp(r, -0.999, 0.999)); // safe
}

// Arc sine of a ratio of lengths.
double incline(double rise, double run) {
  return std::asin(rise / std::hypot(rise, run)); // expect: nanguard-inverse-trig-domain
}

} // namespace num

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace num;
  volatile double s = has_nan_ok({1, 2}) + is_valid_self(1) + is_missing(2);
  s += stabilise_half_ok(0) + tiny_double_eps(0) + subnormal_float_eps(0);
  s += cube_root_ok(-8) + square(-3) + p_norm_eps({0, 0}, 0.5) + signed_power(-2, 0.5);
  s += int_pow(2, 10) + rel_error(1, 0) + log_factorial(5) + to_db_floor(0, 1);
  double r1, r2;
  s += quadratic(1, 0, 1, r1, r2) + newton_sqrt(2) + log_return_checked(-1);
  s += log_return(-1) + atanh_clamped(1);
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
