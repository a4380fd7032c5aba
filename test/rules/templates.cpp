// RUN: %check_nanguard %s unguarded-log,div-by-variance,naive-softmax,raw-exp %t
//
// A template's own definition is analysed, instantiated or not: calls that
// depend on the template's parameters resolve through the math table by
// name, and a type that depends on them is read as a floating type.

#include <algorithm>
#include <cmath>

template <class T> T dot(const T *a, const T *b, int n) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

// Never instantiated in this file.
template <class T> void normalize(T *v, int n) {
  T norm = std::sqrt(dot(v, v, n));
  for (int i = 0; i < n; ++i)
    v[i] /= norm;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}

template <class T> void normalize_eps(T *v, int n, T eps) {
  T norm = std::sqrt(dot(v, v, n)) + eps;
  for (int i = 0; i < n; ++i)
    v[i] /= norm;
}

template <class T> T nll(T p) { return -log(p); }
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]

template <class T> T nll_guarded(T p) {
  if (p <= 0)
    return 0;
  return -std::log(p);
}

template <class T> struct LayerNorm {
  T eps;
  T scale(const T *x, int n) const {
    T var = 0;
    for (int i = 0; i < n; ++i)
      var += x[i] * x[i];
    return T(1) / std::sqrt(var / n + eps);
  }
  T scale_no_eps(const T *x, int n) const {
    T var = 0;
    for (int i = 0; i < n; ++i)
      var += x[i] * x[i];
    return T(1) / std::sqrt(var / n);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  }
};

template <class T> T logsumexp(const T *x, int n) {
  T m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::max(m, x[i]);
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}

// Instantiated twice: one report per site.
template <class T> T lse_naive(const T *x, int n) {
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log-sum-exp without subtracting the maximum: exp overflows to inf [nanguard-naive-softmax]
  return std::log(s);
}
float lse_f(const float *x, int n) { return lse_naive(x, n); }
double lse_d(const double *x, int n) { return lse_naive(x, n); }

// Initialisers of a dependent type in parentheses have no type yet; the
// analysis reads them as unknown (this crashed the run once).
template <class M> void lu_scale(M &LU, long m) {
  typedef typename M::type T;
  for (long j = 0; j < m; ++j) {
    T pivot(LU(j, j), 0);
    if (LU(j, j) != 0.0)
      for (long i = j + 1; i < m; i++)
        LU(i, j) /= LU(j, j);
    T s(pivot);
    s /= std::sqrt(s);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
    LU(j, j) = s;
  }
}

// With operator templates in scope (as <utility> and <complex> bring), a
// comparison or a minus on a value of type F is an operator call in the
// definition: still a comparison, still a negation.
template <class T> struct Wrapped { T v; };
template <class T> bool operator>(const Wrapped<T> &a, const Wrapped<T> &b) { return a.v > b.v; }
template <class T> Wrapped<T> operator-(const Wrapped<T> &a) { return {-a.v}; }

template <class F> F softplus(F x) {
  if (x > 0.0)
    return x + std::log1p(std::exp(-x));
  return std::log1p(std::exp(x));
}

template <class F> F softplus_unguarded(F x) { return std::log1p(std::exp(-x)); }
// CHECK-MESSAGES: :[[@LINE-1]]:66: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]

// F(v) is the value v; -expm1(-y) is positive for y > 0.
template <class F> F softplus_inverse(F x) {
  F y = std::max(x, F(1e-6));
  return y + std::log(-std::expm1(-y));
}

template <class F> F log_of_expm1(F x) { return std::log(std::expm1(x)); }
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
// CHECK-MESSAGES: :[[@LINE-2]]:58: warning: expm1 of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
