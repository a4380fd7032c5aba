// RUN: %check_nanguard %s unguarded-log,raw-exp,naive-softmax %t
//
// The flow analysis: facts die when their variable is assigned again,
// contradictions do not read as "positive", conditions held in a bool
// count, and a maximum carried through an array bounds what it was taken
// over.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

// ---- Facts that no longer hold. --------------------------------------------

double reassigned_in_branch(double x) {
  if (x > 0) {
    x = -1;
    return std::log(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  }
  return 0;
}

double shifted_after_guard(double x) {
  if (x <= 0)
    return 0;
  x = x - 10;
  return std::log(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

double index_moved(const double *a, int i) {
  if (a[i] <= 0)
    return 0;
  ++i;
  return std::log(a[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

double element_rewritten(double *a, int i, double y) {
  if (a[i] <= 0)
    return 0;
  a[i] = y;
  return std::log(a[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// ---- Facts that hold. ------------------------------------------------------

double held_in_bool(double x) {
  bool ok = x > 0;
  if (!ok)
    return 0;
  return std::log(x);
}

double guard_then_unrelated_assignment(double x, double y) {
  if (x <= 0)
    return 0;
  y = -1;
  return std::log(x) + y;
}

double repaired(double v) {
  if (v <= 0)
    v = 1e-300;
  return std::log(v);
}

double loop_guard(const double *p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (p[i] <= 0)
      continue;
    s += std::log(p[i]);
  }
  return s;
}

// ---- A maximum carried through an array (CPU attention). --------------------

float attention_row(const float *q, const float *k, float *pre, float *att,
                    int T, float scale) {
  float maxval = -10000.0f;
  for (int t = 0; t < T; t++) {
    float val = q[t] * k[t] * scale;
    if (val > maxval)
      maxval = val;
    pre[t] = val;
  }
  float sum = 0.f;
  for (int t = 0; t < T; t++) {
    float e = expf(pre[t] - maxval);
    sum += e;
    att[t] = e;
  }
  for (int t = 0; t < T; t++)
    att[t] /= sum;
  return sum;
}

// The else branch of a comparison between two variables.
float else_of_comparison(float s, float M) {
  if (s > M)
    return 1.f;
  return expf(s - M);
}

// The maximum of two values bounds both.
double max_of_two(double a, double b) {
  double m = std::fmax(a, b);
  return std::exp(a - m) + std::exp(b - m);
}

// ---- Names are whole words. ------------------------------------------------

double named_max_delta(double x, double max_delta) {
  return std::exp(x - max_delta);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

double named_max(double x, double row_max) { return std::exp(x - row_max); }

double steps_is_no_epsilon(double steps) {
  return std::log(steps);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

double eps_is_epsilon(double x, double layer_norm_eps) {
  return std::log(x * x + layer_norm_eps);
}

// ---- Lambdas start from what their creator knows. ---------------------------

double captured_by_copy(double m) {
  if (m > 10)
    return 0;
  auto f = [m]() { return std::exp(m); };
  return f();
}

double captured_mutable(double m) {
  if (m > 10)
    return 0;
  auto f = [m]() mutable { m += 100; return std::exp(m); };
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return f();
}

double accumulate_shifted(const std::vector<double> &z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = std::accumulate(z.begin(), z.end(), 0.0, [m](double acc, double x) {
    return acc + std::exp(x - m);
  });
  return m + std::log(s);
}

double for_each_by_reference(const std::vector<double> &z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = 0;
  std::for_each(z.begin(), z.end(), [&](double x) { s += std::exp(x - m); });
  return s;
}

// A lambda kept for later sees the variable as it is when called.
double stored_then_changed(const std::vector<double> &z, double t) {
  double m = *std::max_element(z.begin(), z.end());
  auto term = [&](double x) { return std::exp(x - m); };
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  m = t;
  return term(z[0]);
}

// The lambda writes the maximum it reads: nothing is known of it.
double written_inside(const std::vector<double> &z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = 0;
  std::for_each(z.begin(), z.end(), [&](double x) { m = 2 * x; s += std::exp(x - m); });
  // CHECK-MESSAGES: :[[@LINE-1]]:69: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return s;
}

// A parameter that is not an element of the range the maximum was taken over.
double not_an_element(const std::vector<double> &z, const std::vector<double> &w) {
  double m = *std::max_element(z.begin(), z.end());
  return std::accumulate(w.begin(), w.end(), 0.0, [m](double acc, double x) {
    return acc + std::exp(x - m);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  });
}

// ---- Elements at an index the analysis follows. ----------------------------

// A copy of one element is not a maximum of the others.
double copy_is_no_maximum(const double *x, int k, int j) {
  double m = x[0];
  if (k > 3)
    m = x[1];
  return std::exp(x[j] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// A running maximum from the first element, by comparison or by fmax.
double running_max_by_comparison(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0;
  for (int j = 0; j < n; ++j)
    s += std::exp(x[j] - m);
  return s;
}

double running_max_by_fmax(const double *x, int n) {
  double m = x[0];
  for (int i = 0; i + 1 < n; ++i)
    m = std::fmax(m, x[i + 1]);
  double s = 0;
  for (int j = 0; j < n; ++j)
    s += std::exp(x[j] - m);
  return s;
}

// A bounds check that skips the rest of an iteration (`continue`) does not
// stop the maximum from bounding what the loop reads.
double running_max_with_continue(const double *x, int n, int valid) {
  double m = -INFINITY;
  for (int i = 0; i < n; ++i) {
    if (i >= valid)
      continue;
    double v = x[i];
    m = std::fmax(m, v);
  }
  double s = 0;
  for (int j = 0; j < valid; ++j)
    s += std::exp(x[j] - m);
  return s;
}

// An index declared in the loop's body: what held of its element is taken
// into the summary where the index goes out of scope, before the loop's
// head (the value stored before the maximum is updated).
double running_max_local_index(const double *a, const double *b, int n) {
  double keep[64];
  double m = -INFINITY;
  for (int j = 0; j < n; ++j) {
    const int idx = j;
    const double v = a[idx] + b[idx];
    keep[idx] = v;
    m = std::fmax(m, v);
  }
  double s = 0;
  for (int j = 0; j < n; ++j) {
    const int idx = j;
    s += std::exp(keep[idx] - m);
  }
  return s;
}

// A maximum taken only on some paths, outside a loop, bounds nothing.
double max_on_one_path(const double *x, double m, bool take, int i) {
  if (take)
    m = std::fmax(m, x[i]);
  return std::exp(x[i] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// Masked positions set to -inf before the maximum is taken are below it.
double masked_then_max(double *x, int n, int upto) {
  for (int i = upto; i < n; ++i)
    x[i] = -INFINITY;
  double m = x[0];
  for (int i = 1; i < upto; ++i)
    m = std::fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return s;
}

// ---- A sum is a sum of exps only when exps go into it. ---------------------

double updated_is_no_sum_of_exps(double v, double bias) {
  v += bias;
  return std::exp(v) / (v + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// ---- Integer division rounds toward zero. ----------------------------------

// The loop ends (1 / 2 is 0), so what holds after it is known there.
float after_halving_loop(float v, float (*g)(float)) {
  float m = v;
  for (int o = 16; o > 0; o /= 2)
    m = fmaxf(m, g(m));
  return std::exp(v - m);
}

// ---- A variable whose address a call is given is written by the call. ------

typedef void (*dot_fn)(int, float *, const float *);

float online_through_out_param(const float *q, int n, dot_fn kq) {
  float M = -INFINITY, S = 0;
  for (int i = 0; i < n; ++i) {
    float s;
    kq(n, &s, q);
    const float Mold = M;
    float ms = 1, vs = 1;
    if (s > M) {
      M = s;
      ms = std::exp(Mold - M);
    } else {
      vs = std::exp(s - M);
    }
    S = S * ms + vs;
  }
  return S;
}

double written_by_frexp(double x) {
  int e = 1;
  double m = std::frexp(x, &e);
  return m + std::log((double)e);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// ---- Elements of a matrix or tensor object: m(i), m(i, j). -----------------

struct View {
  float &operator()(int i);
  float &operator()(int i, int j);
  int size() const;
};

double row_softmax_sum(View row) {
  float wmax = -INFINITY;
  for (int k = 0; k < row.size(); ++k)
    wmax = fmaxf(row(k), wmax);
  double wsum = 0;
  for (int k = 0; k < row.size(); ++k)
    wsum += std::exp(row(k) - wmax);
  return wsum;
}

double other_view(View row, View q) {
  float wmax = -INFINITY;
  for (int k = 0; k < row.size(); ++k)
    wmax = fmaxf(row(k), wmax);
  return std::exp(q(0, 1) - wmax);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// The shifted value kept in a variable, and the sum widened: still a sum of
// shifted exps (>= 1, its maximum's term is exp(0)).
double log_soft_max_kept(const int n, float *y, const float *x, float max) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    float val = x[i] - max;
    y[i] = val;
    sum += (double)std::exp(val);
  }
  return std::log(sum);
}

// ---- A struct a function of the file returns carries its fields' bounds. ---

struct SoftmaxParams {
  float Scale;
  float Offset;
};

SoftmaxParams prepare(const float *inp, int n, int row) {
  const float *x = inp + row * n;
  float m = -INFINITY, s = 0;
  for (int i = 0; i < n; ++i)
    m = fmaxf(m, x[i]);
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return SoftmaxParams{1.f / s, m};
}

float probability(const float *logits, int n, int target) {
  SoftmaxParams sp = prepare(logits, n, 0);
  return std::exp(logits[target] - sp.Offset) * sp.Scale;
}

// The field is the maximum of another array than the one subtracted from.
float probability_other(const float *logits, const float *other, int n, int target) {
  SoftmaxParams sp = prepare(other, n, 0);
  return std::exp(logits[target] - sp.Offset) * sp.Scale;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// ---- A half or bfloat16 widened to float is the same value. ----------------

struct __nv_bfloat16 {
  unsigned short bits;
  operator float() const;
};

float online_bf16(const __nv_bfloat16 *x, int n) {
  float maxval = -INFINITY, sumval = 0;
  for (int i = 0; i < n; ++i) {
    float old_maxval = maxval;
    maxval = fmaxf(maxval, (float)x[i]);
    sumval *= std::exp(old_maxval - maxval);
    sumval += std::exp((float)x[i] - maxval);
  }
  return sumval;
}

// A lambda that captures an array and its maximum sees the elements bounded;
// an element the creator copied (x[0]) comes with its own summary.
double lambda_over_elements(const double *x, int i) {
  double m = x[0];
  for (int k = 1; k < 8; ++k)
    m = std::fmax(m, x[k]);
  auto g = [=]() { return std::exp(x[i] - m) + std::exp(x[0] - m); };
  return g();
}

// A pointer tested twice: on the path where it is null, what is said of its
// elements holds vacuously, so the maximum taken under the first test
// still bounds them under the second.
float optional_sink(const float *sk, int h, float m) {
  if (sk)
    m = std::max(m, sk[h]);
  float sum = 0.0f;
  if (sk)
    sum += std::exp(sk[h] - m);
  return sum;
}

float optional_sink_other(const float *sk, const float *other, int h, float m) {
  if (sk)
    m = std::max(m, sk[h]);
  float sum = 0.0f;
  if (other)
    sum += std::exp(other[h] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return sum;
}

// A struct selected by a comparison of its fields (the online-softmax
// merge): each field is that of the selected struct, with what the
// condition says of it, so the larger maximum bounds the smaller.
struct SumMax {
  float maxval;
  float sum;
};
SumMax merge(SumMax a, SumMax b) {
  bool a_bigger = a.maxval > b.maxval;
  SumMax bigger = a_bigger ? a : b;
  SumMax smaller = a_bigger ? b : a;
  SumMax res;
  res.maxval = bigger.maxval;
  res.sum = bigger.sum + smaller.sum * std::exp(smaller.maxval - bigger.maxval);
  return res;
}

SumMax merge_swapped(SumMax a, SumMax b) {
  bool a_bigger = a.maxval > b.maxval;
  SumMax bigger = a_bigger ? b : a;
  SumMax smaller = a_bigger ? a : b;
  SumMax res;
  res.maxval = bigger.maxval;
  res.sum = bigger.sum + smaller.sum * std::exp(smaller.maxval - bigger.maxval);
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return res;
}

// ---- Checks that end in a function that never returns. ---------------------

// A fatal log whose every path throws, and a message object whose destructor
// throws (what CHECK macros expand to): the failing branch ends there.
struct Log {
  static void Fatal(const char *msg) { throw std::runtime_error(msg); }
};
struct FatalMessage {
  FatalMessage(const char *file, int line) : where(file) { (void)line; }
  ~FatalMessage() noexcept(false) { throw std::runtime_error(where); }
  FatalMessage &stream() { return *this; }
  std::string where;
};
#define MY_CHECK(c) if (!(c)) Log::Fatal("check failed: " #c)
#define MY_CHECK_STREAM(c) if (!(c)) FatalMessage(__FILE__, __LINE__).stream()

double checked_by_fatal(double p) {
  MY_CHECK(p > 0);
  return std::log(p);
}

double checked_by_message(double rho) {
  MY_CHECK_STREAM(rho < 2 && rho >= 1);
  return std::exp((2 - rho) * 300.0);
}

// A log function that may return is no check.
struct Logger {
  static void Warn(const char *msg, bool fatal) {
    if (fatal)
      throw std::runtime_error(msg);
  }
};
double checked_by_warning(double p) {
  if (!(p > 0))
    Logger::Warn("p", false);
  return std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
}

// ---- What every constructor leaves a private field in holds elsewhere. -----

class Tweedie {
public:
  explicit Tweedie(double rho) : rho_(rho) {
    MY_CHECK(rho_ >= 1 && rho_ < 2);
  }
  Tweedie(const char *text, double fallback) {
    rho_ = text ? std::atof(text) : fallback;
    if (!(rho_ >= 1 && rho_ < 2))
      throw std::invalid_argument("rho");
  }
  double scale() const { return std::exp((2 - rho_) * 300.0); }

private:
  double rho_;
};

// A setter may change it: nothing holds.
class TweedieSettable {
public:
  explicit TweedieSettable(double rho) : rho_(rho) { MY_CHECK(rho_ < 2); }
  void set(double rho) { rho_ = rho; }
  double scale() const { return std::exp((2 - rho_) * 300.0); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]

private:
  double rho_;
};

// A public field can be assigned by anyone.
struct TweediePublic {
  explicit TweediePublic(double rho) : rho_(rho) { MY_CHECK(rho_ < 2); }
  double scale() const { return std::exp((2 - rho_) * 300.0); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  double rho_;
};

// One constructor that checks nothing: nothing holds.
class TweedieUnchecked {
public:
  explicit TweedieUnchecked(double rho) : rho_(rho) { MY_CHECK(rho_ < 2); }
  TweedieUnchecked(double rho, int) : rho_(rho) { (void)rho_; }
  double scale() const { return std::exp((2 - rho_) * 300.0); }
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]

private:
  double rho_;
};

// A branch hint has the value of the condition it wraps.
#define MY_UNLIKELY(c) __builtin_expect(!!(c), 0)
double checked_with_hint(double p) {
  if (MY_UNLIKELY(!(p > 0)))
    Log::Fatal("p");
  return std::log(p);
}
