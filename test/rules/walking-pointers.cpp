// RUN: %check_nanguard %s raw-exp,naive-softmax,div-by-variance %t -- -std=c++17
//
// A pointer or iterator set from an array and then walked (`++it`,
// `p += 4`) stands for that array's elements, in every loop that walks it:
// the maximum taken in one loop bounds what the next loop reads. A pointer
// set to another array (`p = other`) is no longer an alias.

#include <algorithm>
#include <cmath>
#include <vector>

void softmax_ptr(float *start, float *end) {
  float wmax = *start;
  for (float *i = start + 1; i != end; ++i)
    wmax = fmaxf(*i, wmax);
  for (float *i = start; i != end; ++i)
    *i = expf(*i - wmax);
}

template <typename Iterator> void softmax_it(Iterator start, Iterator end) {
  float wmax = *start;
  for (Iterator i = start + 1; i != end; ++i)
    wmax = fmaxf(*i, wmax);
  for (Iterator i = start; i != end; ++i)
    *i = expf(*i - wmax);
}

template <typename Iterator> float log_sum(Iterator begin, Iterator end) {
  float mx = *begin;
  for (Iterator it = begin; it != end; ++it)
    mx = std::max(mx, *it);
  float sum = 0.0f;
  for (Iterator it = begin; it != end; ++it)
    sum += std::exp(*it - mx);
  return mx + std::log(sum);
}

void strided(float *x, int n) {
  float m = x[0];
  for (float *p = x; p < x + n; p += 2)
    m = std::max(m, *p);
  for (float *p = x; p < x + n; p += 2)
    *p = std::exp(*p - m);
}

void use(float *x, int n) {
  softmax_it(x, x + n);
  log_sum(x, x + n);
}

// The maximum of one array does not bound another.
void other_array(const float *a, float *b, int n) {
  float m = a[0];
  for (const float *p = a; p != a + n; ++p)
    m = std::max(m, *p);
  for (float *q = b; q != b + n; ++q)
    *q = std::exp(*q - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// Pointed elsewhere: no alias of a any more.
void repointed(const float *a, const float *b, float *y, int n) {
  const float *p = a;
  float m = a[0];
  for (int i = 0; i < n; ++i)
    m = std::max(m, a[i]);
  p = b;
  for (int i = 0; i < n; ++i)
    y[i] = std::exp(p[i] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// `ss += eps` carries the epsilon as `ss + eps` does.
void rmsnorm(float *o, const float *x, int size) {
  float ss = 0.0f;
  for (int j = 0; j < size; j++)
    ss += x[j] * x[j];
  ss /= size;
  ss += 1e-5f;
  ss = 1.0f / sqrtf(ss);
  for (int j = 0; j < size; j++)
    o[j] = ss * x[j];
}

void rmsnorm_twin(float *o, const float *x, int size) {
  float ss = 0.0f;
  for (int j = 0; j < size; j++)
    ss += x[j] * x[j];
  ss /= size;
  ss = 1.0f / sqrtf(ss);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: division by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
  for (int j = 0; j < size; j++)
    o[j] = ss * x[j];
}

// A pointer to a row (`x + i * n`) has a summary of its own, the row's
// elements, started afresh at each declaration: the maximum of this row
// bounds this row.
void rows(float *att, const float *q, int T, int n) {
  for (int t = 0; t < T; t++) {
    float *row = att + t * T;
    float maxval = -3.4e38f;
    for (int t2 = 0; t2 <= t; t2++) {
      float val = q[t * n + t2];
      if (val > maxval)
        maxval = val;
      row[t2] = val;
    }
    // Padding with -inf keeps every element below the maximum.
    for (int t2 = t + 1; t2 < T; t2++)
      row[t2] = -INFINITY;
    float sum = 0.0f;
    for (int t2 = 0; t2 <= t; t2++) {
      float e = expf(row[t2] - maxval);
      sum += e;
      row[t2] = e;
    }
    for (int t2 = 0; t2 <= t; t2++)
      row[t2] /= sum;
  }
}

// Padding with a value that may exceed the maximum does not.
void rows_padded_high(float *att, const float *q, int T, float pad) {
  for (int t = 0; t < T; t++) {
    float *row = att + t * T;
    float maxval = -3.4e38f;
    for (int t2 = 0; t2 <= t; t2++) {
      maxval = fmaxf(maxval, q[t2]);
      row[t2] = q[t2];
    }
    for (int t2 = t + 1; t2 < T; t2++)
      row[t2] = pad;
    for (int t2 = 0; t2 < T; t2++)
      row[t2] = expf(row[t2] - maxval);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  }
}

// A row of an array holds some of its elements: a bound on all of them
// holds for the row.
struct Stats {
  float Scale;
  float Offset;
};
static Stats row_stats(const float *x, int n) {
  float m = x[0];
  for (int i = 1; i < n; i++)
    m = std::max(m, x[i]);
  float s = 0.0f;
  for (int i = 0; i < n; i++)
    s += std::exp(x[i] - m);
  return Stats{1.0f / s, m};
}
void normalise_row(float *probs, const float *logits, int V) {
  Stats st = row_stats(logits, V);
  const float *row = logits + 0 * V;
  const float *tail = logits + V / 2;
  for (int i = 0; i < V / 2; i++)
    probs[i] = std::exp(row[i] - st.Offset) * st.Scale +
               std::exp(tail[i] - st.Offset) * st.Scale;
}

// Iterator classes walk their container the same way.
void vector_softmax(std::vector<float> &v) {
  softmax_it(v.begin(), v.end());
  float m = v[0];
  for (auto it = v.begin(); it != v.end(); ++it)
    m = std::max(m, *it);
  for (auto it = v.begin(); it != v.end(); ++it)
    *it = std::exp(*it - m);
}

void vector_other(const std::vector<float> &a, std::vector<float> &b) {
  float m = a[0];
  for (auto it = a.begin(); it != a.end(); ++it)
    m = std::max(m, *it);
  for (auto it = b.begin(); it != b.end(); ++it)
    *it = std::exp(*it - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: exp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
