// Both exp rules on: a softmax site gets one diagnostic (naive-softmax), not two.
// RUN: %check_nanguard %s naive-softmax,raw-exp %t

#include <algorithm>
#include <cmath>
#include <vector>

float row_max(const float *x, int n);

// ---- Positive cases: normalised by a sum of exps, or log-sum-exp, --------
// ---- without subtracting the maximum. ------------------------------------

void softmax(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i]);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps without subtracting the maximum: exp overflows to inf and inf/inf is NaN [nanguard-naive-softmax]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: subtract the maximum first
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}

void softmax_recomputed(const double *x, double *y, int n) {
  double sum = 0;
  for (int i = 0; i < n; ++i)
    sum += std::exp(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
  for (int i = 0; i < n; ++i)
    y[i] = std::exp(x[i]) / sum;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
}

double log_sum_exp(const std::vector<double> &x) {
  double sum = 0;
  for (double v : x)
    sum += std::exp(v);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: log-sum-exp without subtracting the maximum: exp overflows to inf [nanguard-naive-softmax]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: compute max + log(sum of exp(x[i] - max)) instead
  return std::log(sum);
}

void attention_weights(const float *scores, float *w, int n, float scale) {
  float total = 0.f;
  for (int j = 0; j < n; ++j) {
    w[j] = expf(scores[j] * scale);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
    total += w[j];
  }
  for (int j = 0; j < n; ++j)
    w[j] /= total;
}

float cross_entropy_from_logits(const float *logits, int n, int label) {
  float sum = 0;
  for (int i = 0; i < n; ++i)
    sum += std::exp(logits[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: log-sum-exp without subtracting the maximum
  return std::log(sum) - logits[label];
}

double logaddexp(double a, double b) {
  return std::log(std::exp(a) + std::exp(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: log-sum-exp without subtracting the maximum
  // CHECK-MESSAGES: :[[@LINE-2]]:33: warning: log-sum-exp without subtracting the maximum
}

double two_class(double a, double b) {
  return std::exp(a) / (std::exp(a) + std::exp(b));
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: softmax normalises by a sum of exps
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: softmax normalises by a sum of exps
  // CHECK-MESSAGES: :[[@LINE-3]]:39: warning: softmax normalises by a sum of exps
}

void plain_assignment_sum(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i)
    sum = sum + expf(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: softmax normalises by a sum of exps
  for (int i = 0; i < n; ++i)
    y[i] = x[i] / sum;
}

void with_temperature(const float *logits, float *p, int n, float T) {
  float z = 0;
  for (int i = 0; i < n; ++i) {
    p[i] = std::exp(logits[i] / T);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
    z += p[i];
  }
  float inv = 1.0f / z;
  for (int i = 0; i < n; ++i)
    p[i] *= inv;
}

void boltzmann_distribution(const double *E, double *p, int n, double kT) {
  double Z = 0;
  for (int i = 0; i < n; ++i) {
    double w = std::exp(-E[i] / kT);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: softmax normalises by a sum of exps
    p[i] = w;
    Z += w;
  }
  for (int i = 0; i < n; ++i)
    p[i] /= Z;
}

double lse_with_epsilon(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log-sum-exp without subtracting the maximum
  return std::log(s + 1e-12);
}

void softmax_normalise_with_epsilon(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i)
    sum += expf(x[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
  for (int i = 0; i < n; ++i)
    y[i] = expf(x[i]) / (sum + 1e-9f);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
}

// ---- Negative cases: the maximum is subtracted (two-pass or online). -----

void stable_softmax(const float *x, float *y, int n) {
  float m = -INFINITY;
  for (int i = 0; i < n; ++i)
    m = std::max(m, x[i]);
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i] - m);
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}

void max_element_softmax(const std::vector<double> &x, std::vector<double> &y) {
  double m = *std::max_element(x.begin(), x.end());
  double sum = 0;
  for (size_t i = 0; i < x.size(); ++i)
    sum += y[i] = std::exp(x[i] - m);
  for (double &v : y)
    v /= sum;
}

float online_softmax_denominator(const float *x, int n) {
  float m = -INFINITY, d = 0;
  for (int i = 0; i < n; ++i) {
    float m_new = std::max(m, x[i]);
    d = d * std::exp(m - m_new) + std::exp(x[i] - m_new);
    m = m_new;
  }
  return d;
}

double stable_lse(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}

void c_style_fmaxf(const float *x, float *y, int n) {
  float m = x[0];
  for (int i = 1; i < n; ++i)
    m = fmaxf(m, x[i]);
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += (y[i] = expf(x[i] - m));
  for (int i = 0; i < n; ++i)
    y[i] /= s;
}

void given_row_max(const float *x, float *y, int n, float rowmax) {
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += (y[i] = std::exp(x[i] - rowmax));
  for (int i = 0; i < n; ++i)
    y[i] /= s;
}

void helper_max(const float *x, float *y, int n) {
  float m = row_max(x, n);
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += (y[i] = std::exp(x[i] - m));
  for (int i = 0; i < n; ++i)
    y[i] /= s;
}

void ternary_max(const double *x, double *y, int n) {
  double m = -INFINITY;
  for (int i = 0; i < n; ++i)
    m = x[i] > m ? x[i] : m;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (y[i] = std::exp(x[i] - m));
  for (int i = 0; i < n; ++i)
    y[i] /= s;
}

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

double potential_energy(const double *r, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i)
    e += std::exp(-std::fabs(r[i]));
  return e;
}

void scaled_attention(const float *s, float *w, int n) {
  const float scale = 0.125f;
  float m = -INFINITY;
  for (int j = 0; j < n; ++j)
    m = fmaxf(m, s[j]);
  float total = 0;
  for (int j = 0; j < n; ++j)
    total += (w[j] = expf((s[j] - m) * scale));
  for (int j = 0; j < n; ++j)
    w[j] /= total;
}

void exp2_with_log2e(const float *s, float *p, int n) {
  const float kLog2e = 1.4426950408889634f;
  float m = *std::max_element(s, s + n);
  float l = 0;
  for (int j = 0; j < n; ++j)
    l += (p[j] = std::exp2((s[j] - m) * kLog2e));
  for (int j = 0; j < n; ++j)
    p[j] /= l;
}

void row_softmax(const double *x, double *y, int rows, int cols) {
  for (int r = 0; r < rows; ++r) {
    const double *row = x + r * cols;
    double m = row[0];
    for (int c = 1; c < cols; ++c)
      m = std::fmax(m, row[c]);
    double z = 0;
    for (int c = 0; c < cols; ++c) {
      y[r * cols + c] = std::exp(row[c] - m);
      z += y[r * cols + c];
    }
    for (int c = 0; c < cols; ++c)
      y[r * cols + c] /= z;
  }
}

// The maximum found by one range-for loop shifts the values of another over
// the same container.
void normalise_log_weights(std::vector<double> &logw) {
  double m = logw[0];
  for (double x : logw)
    if (x > m)
      m = x;
  double s = 0;
  for (double x : logw)
    s += std::exp(x - m);
  double lse = m + std::log(s);
  for (double &x : logw)
    x -= lse;
}

// ---- More naive forms. ---------------------------------------------------

std::vector<double> boltzmann(const std::vector<double> &energies, double kT) {
  std::vector<double> p;
  double z = 0;
  for (double e : energies) {
    p.push_back(std::exp(-e / kT));
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: softmax normalises by a sum of exps without subtracting the maximum
    z += p.back();
  }
  for (double &x : p)
    x /= z;
  return p;
}

double info_nce(const std::vector<double> &sims, double tau) {
  double pos = std::exp(sims[0] / tau);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: softmax normalises by a sum of exps without subtracting the maximum
  double all = 0;
  for (double s : sims)
    all += std::exp(s / tau);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps without subtracting the maximum
  return pos / all;
}

double log_mean_exp(const double *ll, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(ll[i]);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log-sum-exp without subtracting the maximum
  return std::log(s / n);
}
