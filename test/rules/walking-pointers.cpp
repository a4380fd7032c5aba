// RUN: %check_nanguard %s raw-exp,naive-softmax,div-by-variance %t -- -std=c++17
//
// A pointer or iterator set from an array and then walked (`++it`,
// `p += 4`) stands for that array's elements, in every loop that walks it:
// the maximum taken in one loop bounds what the next loop reads. A pointer
// set to another array (`p = other`) is no longer an alias.

#include <algorithm>
#include <cmath>

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
