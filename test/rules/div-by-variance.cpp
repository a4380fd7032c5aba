// RUN: %check_nanguard %s div-by-variance %t

#include <algorithm>
#include <cmath>
#include <vector>

extern "C" float rsqrtf(float);

struct BatchNorm { float running_mean, running_var, gamma, beta; };
struct Config { double sigma; };

// ---- Positive cases: the spread may be 0 and no epsilon is added. ---------

void layer_norm(const float *x, float *y, int n, float mean, float var) {
  for (int i = 0; i < n; ++i)
    y[i] = (x[i] - mean) / std::sqrt(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  // CHECK-FIXES: {{^}}    y[i] = (x[i] - mean) / std::sqrt(var + 1e-5f);{{$}}
}

float batch_norm_eval(const BatchNorm &bn, float x) {
  return bn.gamma * (x - bn.running_mean) / std::sqrt(bn.running_var) + bn.beta;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: division by a standard deviation
  // CHECK-FIXES: {{^}}  return bn.gamma * (x - bn.running_mean) / std::sqrt(bn.running_var + 1e-5f) + bn.beta;{{$}}
}

double z_score(double x, double mean, double stddev) {
  return (x - mean) / stddev;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: division by a standard deviation
  // CHECK-FIXES: {{^}}  return (x - mean) / (stddev + 1e-5);{{$}}
}

void l2_normalize(std::vector<float> &v) {
  float ss = 0;
  for (float e : v)
    ss += e * e;
  float norm = std::sqrt(ss);
  for (float &e : v)
    e /= norm;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: division by a standard deviation
  // CHECK-FIXES: {{^}}    e /= (norm + 1e-5f);{{$}}
}

float inv_std_rsqrt(float var) {
  return rsqrtf(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: rsqrtf of a variance that may be 0 (no epsilon) [nanguard-div-by-variance]
  // CHECK-FIXES: {{^}}  return rsqrtf(var + 1e-5f);{{$}}
}

void adam_without_eps(float *w, const float *m, const float *v, float lr, int n) {
  for (int i = 0; i < n; ++i)
    w[i] -= lr * m[i] / std::sqrt(v[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: division by a standard deviation
}

float inv_std_c(float var) {
  return 1.0f / sqrtf(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: division by a standard deviation
}

double cosine_similarity(const double *a, const double *b, int n) {
  double dot = 0, na = 0, nb = 0;
  for (int i = 0; i < n; ++i) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (std::sqrt(na) * std::sqrt(nb));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation
}

void rms_norm(const float *x, float *y, int n) {
  float ms = 0;
  for (int i = 0; i < n; ++i)
    ms += x[i] * x[i];
  ms /= n;
  for (int i = 0; i < n; ++i)
    y[i] = x[i] / std::sqrt(ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: division by a standard deviation
}

double standardize(const Config &cfg, double x) {
  return x / cfg.sigma;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: division by a standard deviation
}

double pearson(const double *x, const double *y, int n) {
  double sxx = 0, syy = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  double sx = std::sqrt(sxx), sy = std::sqrt(syy);
  return sxy / (sx * sy);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: division by a standard deviation
}

void compound(float *x, int n, float var) {
  for (int i = 0; i < n; ++i)
    x[i] /= std::sqrt(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: division by a standard deviation
}

void rmsprop(float *w, const float *g, const float *cache, float lr, int n) {
  for (int i = 0; i < n; ++i)
    w[i] -= lr * g[i] / std::sqrt(cache[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: division by a standard deviation
}

void unit_velocity(double &vx, double &vy) {
  double speed = std::sqrt(vx * vx + vy * vy);
  vx /= speed;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: division by a standard deviation
  vy /= speed;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: division by a standard deviation
}

// ---- Negative cases: an epsilon, a clamp, or a guard. ---------------------

float ln_eps(float x, float mean, float var, float eps) {
  return (x - mean) / std::sqrt(var + eps);
}

float std_plus(float x, float std) { return x / (std + 1e-5f); }

float ln_literal(float x, float var) { return x / std::sqrt(var + 1e-5f); }

void adam(float *w, const float *m, const float *v, float lr, float eps, int n) {
  for (int i = 0; i < n; ++i)
    w[i] -= lr * m[i] / (std::sqrt(v[i]) + eps);
}

float rsqrt_eps(float var, float eps) { return rsqrtf(var + eps); }

void normalize_if_nonzero(std::vector<float> &v, float norm) {
  if (norm > 0)
    for (float &e : v)
      e /= norm;
}

float early_exit(float x, float var) {
  if (var <= 0)
    return 0;
  return x / std::sqrt(var);
}

void normalize_with_floor(std::vector<float> &v) {
  float ss = 0;
  for (float e : v)
    ss += e * e;
  float norm = std::sqrt(ss) + 1e-12f;
  for (float &e : v)
    e /= norm;
}

float clamp_norm(float x, float ss) { return x / std::max(std::sqrt(ss), 1e-12f); }

double unit_curve(double x) { return x / std::sqrt(x * x + 1); }

float mean_not_spread(float sum, int n) { return sum / n; }

double ternary(double x, double norm) { return norm == 0 ? 0 : x / norm; }

float via_local(float x, float var, float eps) {
  float denom = std::sqrt(var + eps);
  return x / denom;
}

double constant(double x) { return x / std::sqrt(2.0); }

float rsqrt_literal(float x, float var) { return x * rsqrtf(var + 1e-5f); }

double fmax_floor(double x, double mean, double stddev) {
  return (x - mean) / std::fmax(stddev, 1e-6);
}

double nonzero_check(double x, double sigma) {
  if (sigma != 0)
    return x / sigma;
  return 0;
}

// The square root of a dimension or a count is a scale, not a spread.
float attention_scale(const float *q, const float *k, int dim) {
  float s = 0;
  for (int i = 0; i < dim; ++i)
    s += q[i] * k[i];
  return s / std::sqrt(static_cast<float>(dim));
}

// So is the root of a ratio of counts (a head dimension).
float head_scale(float kq, int n_embd, int n_head) {
  return kq * (1.0f / std::sqrt(float(n_embd) / n_head));
}

// A variance scaled by counts is still a variance.
float spread_of_counts(float x, int a, int b, float var) {
  return x / std::sqrt(var * a / b);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}

// A test of a value held in a variable bounds what it was built from: with
// d = w * l2 - l * l > 0, w * l2 > l * l >= 0, so neither w nor l2 is 0.
float least_squares_slope(const float *x, const float *w, int n) {
  float sum_w = 0, sum_l = 0, sum_l2 = 0, sum_xl = 0;
  for (int i = 0; i < n; ++i) {
    sum_w += w[i];
    sum_l += w[i] * i;
    sum_l2 += w[i] * i * i;
    sum_xl += w[i] * i * x[i];
  }
  float D = sum_w * sum_l2 - sum_l * sum_l;
  if (D > 0)
    return sum_xl / sum_l2;
  return 0;
}

// Not zero says less: d = -l * l when l2 is 0.
float least_squares_nonzero(float sum_w, float sum_l, float sum_l2,
                            float sum_xl) {
  float D = sum_w * sum_l2 - sum_l * sum_l;
  if (D != 0)
    return sum_xl / sum_l2;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  return 0;
}

// The variable no longer holds the difference once what it read changes.
float least_squares_stale(float sum_w, float sum_l, float sum_l2,
                          float sum_xl) {
  float D = sum_w * sum_l2 - sum_l * sum_l;
  sum_l2 = sum_xl - sum_w;
  if (D > 0)
    return sum_xl / sum_l2;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  return 0;
}

// A norm positive because the sum it is a part of exceeds the other part.
float part_of_sum(float norm, float other, float total) {
  float t = norm + other;
  if (other <= 0 && t > 1)
    return total / norm;
  return 0;
}
