// RUN: %check_nanguard %s raw-exp,unguarded-log,div-by-variance,sqrt-domain %t
//
// Where a non-finite value goes: an operation is reported when an infinity
// or a NaN it may produce can leave the function (returned, stored, passed
// to code nothing here sees, or deciding a test as a NaN); not when every
// way out turns it back into a number.

#include <algorithm>
#include <cmath>

// ---- Turned back into a number. ---------------------------------------------

// The CDF of an extreme-value law: exp(-inf) is 0, so 1 - exp(-w) is 1.
double extreme_cdf(double z) {
  const double w = std::exp(z);
  return 1 - std::exp(-w);
}

// c / inf is 0: a gamma deviance gradient stays finite.
float gamma_grad(float margin, float label) {
  float prediction = std::exp(margin);
  float grad = 1.0f - label / prediction;
  float hess = label / prediction;
  return grad + hess;
}

// The use sits where a test has ruled the infinity out: `w < c` with a
// finite constant c rules out +inf (a variable bound may be +inf itself).
double below_bound(double z) {
  const double w = std::exp(z);
  return w < 1e300 ? w : 1e300;
}

// The logistic law that the loss below calls. Their own exps are quiet by
// the test that follows them (raw-exp.cpp); here they show that a callee's
// tests count when the loss's values are followed into it.
// A constant built from the tested value is finite where it is.
double logistic_pdf_kept(double z) {
  const double w = std::exp(z);
  const double d = 1 + w;
  if (std::isinf(w) || std::isinf(w * w))
    return 0.0;
  return w / (d * d);
}

// An early return on the infinity.
double logistic_cdf(double z) {
  const double w = std::exp(z);
  if (std::isinf(w))
    return 1.0;
  return w / (1.0 + w);
}

// A NaN is dropped by fmax with a floor; a root's NaN never gets out.
double floored_root(double a, double b) {
  double r = std::sqrt(a - b);
  return std::fmax(r, 0.0);
}

// std::max(lo, v) gives lo for a NaN v.
double max_second(double a, double b) {
  return std::max(0.0, std::sqrt(a - b));
}

// Through a function of the file: 1 / inf is 0.
static double reciprocal(double v) { return 1.0 / v; }
double through_callee(double x) { return reciprocal(std::exp(x)); }

// Returned, and every caller in the file divides by it.
double grows(double x) { return std::exp(x); }
double shrinks(double x) { return 1.0 / (1.0 + grows(x)); }

// The other arguments of a call go into the callee with their signs: with
// w = 1, exp(-w * inf) is 0 and the loss sees a probability of 1.
static double xent(double label, double prob) {
  return prob > 1e-12 ? -label * std::log(prob) : 27.6;
}
static double xent_lambda(double label, double w, double hhat) {
  return xent(label, 1.0 - std::exp(-w * hhat));
}
double xent_unweighted(const double *score, const double *label, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += xent_lambda(label[i], 1.0, std::log1p(std::exp(score[i])));
  return s;
}
// A weight of unknown sign makes it exp(+inf): a NaN decides `prob > eps`.
double xent_weighted(const double *score, const double *label,
                     const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += xent_lambda(label[i], w[i], std::log1p(std::exp(score[i])));
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return s;
}

// The loss of a censored survival model: the log and the divisions feed
// the distribution's CDF, which is finite at +-inf, and a NaN is floored by
// fmax before the final log. The PDF's quotient can be +inf, which fmax
// keeps: that one is reported.
struct Normal {
  static double PDF(double z) { return std::exp(-z * z / 2.0) / 2.5066; }
  static double CDF(double z) { return 0.5 * (1 + std::erf(z / 1.4142)); }
};
struct Logistic {
  static double PDF(double z) { return logistic_pdf_kept(z); }
  static double CDF(double z) { return logistic_cdf(z); }
};
template <typename Dist>
double censored_loss(double y_lower, double y_upper, double pred, double sigma) {
  const double log_lower = std::log(y_lower);
  const double log_upper = std::log(y_upper);
  if (y_lower == y_upper) {
    const double z = (log_lower - pred) / sigma;
    const double pdf = Dist::PDF(z);
    return -std::log(std::fmax(pdf / (sigma * y_lower), 1e-12));
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  }
  double cdf_u = 1, cdf_l = 0;
  if (!std::isinf(y_upper)) {
    double z_u = (log_upper - pred) / sigma;
    cdf_u = Dist::CDF(z_u);
  }
  if (y_lower > 0) {
    double z_l = (log_lower - pred) / sigma;
    cdf_l = Dist::CDF(z_l);
  }
  return -std::log(std::fmax(cdf_u - cdf_l, 1e-12));
}
double both_laws(double a, double b, double p, double s) {
  return censored_loss<Normal>(a, b, p, s) + censored_loss<Logistic>(a, b, p, s);
}

// ---- Let out: still reported. -----------------------------------------------

double extreme_cdf_leaks(double z) {
  const double w = std::exp(z);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return 1 - w;
}

// fmax floors a NaN, not +inf.
double floor_keeps_inf(double x) {
  return std::fmax(std::exp(x), 1e-6);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// std::max(v, lo) is v for a NaN v.
double max_first(double a, double b) {
  return std::max(std::sqrt(a - b), 0.0);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: sqrt of a difference that may round below 0 is NaN [nanguard-sqrt-domain]
}

// The test rules out the infinity only where it holds.
double tested_elsewhere(double z) {
  const double w = std::exp(z);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  double y = w < 1e300 ? w : 0.0;
  return y + w;
}

// A NaN decides a comparison wrongly: sampling from an overflowed softmax
// (0 * inf is a NaN coin).
int sample(const float *logits, int n, float coin) {
  double norm = 0;
  for (int i = 0; i < n; i++)
    norm += std::exp(logits[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  coin *= norm;
  return coin < 0.5f ? 0 : 1;
}

// A caller that lets it out.
double grows_too(double x) { return std::exp(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
double doubles(double x) { return 2 * grows_too(x); }

// Converted to an integer: undefined for an infinity.
int bucket(double count) {
  return (int)std::log(count);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// The square of an infinity is +inf: -inf * -inf is no NaN, but exp(x * x)
// still overflows.
double gaussian_tail(double z) {
  double t = std::exp(z);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return t * t;
}
