// RUN: %check_nanguard %s div-by-variance,unguarded-division %t -- -std=c++17
//
// `c / d` with c a non-zero constant is at worst an infinity. When it is
// what its function returns and every call of that function in the
// translation unit clamps the result, the infinity is clipped where it is
// used: by std::clamp, min(max(v, lo), hi), or a function of the
// translation unit that the analysis reads as a clamp.

#include <algorithm>
#include <cmath>

namespace aft {
constexpr double kMin = -15.0, kMax = 15.0;

inline double Clip(double x, double x_min, double x_max) {
  if (x < x_min)
    return x_min;
  if (x > x_max)
    return x_max;
  return x;
}

inline double limit_grad(bool sign, double sigma) {
  return sign ? (-1.0 / sigma) : (1.0 / sigma);
}

inline double limit_hess(double sigma) { return 1.0 / (sigma * sigma); }

inline double limit_std(double stddev) { return 1.0 / stddev; }
} // namespace aft

double gradient(double num, double den, bool sign, double sigma) {
  double g = num / (den + 1e-12);
  if (den < 1e-12)
    g = aft::limit_grad(sign, sigma);
  return aft::Clip(g, aft::kMin, aft::kMax);
}

double hessian(double sigma) {
  return std::min(std::max(aft::limit_hess(sigma), 1e-16), 15.0);
}

double clamped_std(double stddev) {
  return std::clamp(aft::limit_std(stddev), -1e6, 1e6);
}

// A caller that keeps the result unclamped: the infinity escapes.
inline double scale_of(double stddev) {
  return 2.0 / stddev;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}
double use_scale(double x, double stddev) {
  double s = scale_of(stddev);
  double clipped = aft::Clip(s, -10.0, 10.0);
  return clipped + s * x;
}

// A numerator that may be 0: 0/0 is NaN, which no clamp removes.
inline double ratio(double num, double stddev) {
  return num / stddev;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}
double use_ratio(double num, double stddev) {
  return aft::Clip(ratio(num, stddev), -1.0, 1.0);
}

// Not a clamp: it returns its argument whatever the bounds.
inline double Pass(double x, double lo, double hi) {
  if (x < lo)
    return x;
  return x;
}
inline double inverse_norm(double norm) {
  return 1.0 / norm;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}
double use_inverse(double norm) { return Pass(inverse_norm(norm), 0.0, 1.0); }

// A function no caller in this translation unit clamps.
inline double inverse_sigma(double sigma) {
  return 1.0 / sigma;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}
