// Attention, sampling and sequence scoring.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace attn {

// Scaled dot-product attention for one query, naive softmax over scores.
void attention_naive(const float *q, const float *k, const float *v, float *out,
                     int seq, int dim) {
  std::vector<float> w(seq);
  float scale = 1.f / std::sqrt(static_cast<float>(dim));
  float sum = 0.f;
  for (int j = 0; j < seq; ++j) {
    float s = 0.f;
    for (int d = 0; d < dim; ++d)
      s += q[d] * k[j * dim + d];
    w[j] = std::exp(s * scale); // expect: nanguard-naive-softmax (triggered)
    sum += w[j];
  }
  for (int d = 0; d < dim; ++d) {
    float acc = 0.f;
    for (int j = 0; j < seq; ++j)
      acc += w[j] / sum * v[j * dim + d];
    out[d] = acc;
  }
}

// The same with a first pass for the maximum score.
void attention_stable(const float *q, const float *k, const float *v, float *out,
                      int seq, int dim) {
  std::vector<float> s(seq);
  float scale = 1.f / std::sqrt(static_cast<float>(dim)); // safe
  float m = -std::numeric_limits<float>::infinity();
  for (int j = 0; j < seq; ++j) {
    float acc = 0.f;
    for (int d = 0; d < dim; ++d)
      acc += q[d] * k[j * dim + d];
    s[j] = acc * scale;
    m = std::max(m, s[j]);
  }
  float sum = 0.f;
  for (int j = 0; j < seq; ++j) {
    s[j] = std::exp(s[j] - m); // safe
    sum += s[j];
  }
  for (int d = 0; d < dim; ++d) {
    float acc = 0.f;
    for (int j = 0; j < seq; ++j)
      acc += s[j] * v[j * dim + d];
    out[d] = acc / sum; // safe
  }
}

// Online softmax (one pass, running max and rescaled sum).
float online_logsumexp(const float *x, int n) {
  float m = -std::numeric_limits<float>::infinity();
  float d = 0.f;
  for (int i = 0; i < n; ++i) {
    float m_new = std::max(m, x[i]);
    d = d * std::exp(m - m_new) + std::exp(x[i] - m_new); // safe
    m = m_new;
  }
  return m + std::log(d); // safe
}

// Causal mask applied with -inf before a stable softmax.
void masked_softmax(float *scores, int n, int upto) {
  for (int i = upto; i < n; ++i)
    scores[i] = -std::numeric_limits<float>::infinity();
  float m = scores[0];
  for (int i = 1; i < upto; ++i)
    m = std::max(m, scores[i]);
  float sum = 0.f;
  for (int i = 0; i < n; ++i) {
    scores[i] = std::exp(scores[i] - m); // safe
    sum += scores[i];
  }
  for (int i = 0; i < n; ++i)
    scores[i] /= sum; // safe
}

// Log-sum-exp of a beam's scores, textbook form.
double beam_logsumexp(const std::vector<double> &scores) {
  double s = 0;
  for (double x : scores)
    s += std::exp(x); // expect: nanguard-naive-softmax (triggered)
  return std::log(s);
}

// Log-sum-exp of two values, the pairwise stable form.
double log_add(double a, double b) {
  double hi = std::max(a, b), lo = std::min(a, b);
  return hi + std::log1p(std::exp(lo - hi)); // safe
}

// Sampling with top-k after a temperature, max subtracted.
int sample_top_k(const std::vector<float> &logits, float temperature, float u) {
  float m = *std::max_element(logits.begin(), logits.end());
  std::vector<float> p(logits.size());
  float s = 0.f;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    p[i] = std::exp((logits[i] - m) / temperature); // safe
    s += p[i];
  }
  float acc = 0.f;
  for (std::size_t i = 0; i < p.size(); ++i) {
    acc += p[i] / s; // safe
    if (u < acc)
      return static_cast<int>(i);
  }
  return static_cast<int>(p.size()) - 1;
}

// Attention entropy as a diagnostic of collapsed heads.
float attention_entropy(const float *p, int n) {
  float h = 0.f;
  for (int i = 0; i < n; ++i)
    h -= p[i] * std::log(p[i]); // expect: nanguard-plogp (triggered)
  return h;
}

float attention_entropy_eps(const float *p, int n) {
  float h = 0.f;
  for (int i = 0; i < n; ++i)
    h -= p[i] * std::log(p[i] + 1e-9f); // safe
  return h;
}

// ALiBi-style positional bias: a slope per head from a geometric sequence.
float alibi_slope(int head, int heads) {
  return std::pow(2.f, -8.f * (head + 1) / heads); // safe
}

// Rotary embedding frequencies.
float rope_inv_freq(int i, int dim, float base) {
  return 1.f / std::pow(base, 2.f * i / dim); // expect: nanguard-pow-domain
}

float rope_inv_freq_const(int i, int dim) {
  const float base = 10000.f;
  return 1.f / std::pow(base, 2.f * i / dim); // safe
}

// Sequence log-probability from per-token probabilities.
double sequence_logprob(const std::vector<double> &token_probs) {
  double lp = 0;
  for (double p : token_probs)
    lp += std::log(p); // expect: nanguard-unguarded-log (triggered)
  return lp;
}

// Length-normalised beam score.
double length_penalty(double logprob, int len, double alpha) {
  return logprob / std::pow((5.0 + len) / 6.0, alpha); // expect: nanguard-pow-domain
}

double length_penalty_unsigned(double logprob, unsigned len, double alpha) {
  return logprob / std::pow((5.0 + len) / 6.0, alpha); // safe
}

// Gumbel noise for sampling: -log(-log(u)) with u in (0, 1).
double gumbel(double u) {
  return -std::log(-std::log(u)); // expect: nanguard-unguarded-log
}

double gumbel_clamped(double u) {
  u = std::clamp(u, 1e-12, 1.0 - 1e-12);
  return -std::log(-std::log(u)); // safe
}

// Sparsemax threshold search: sorts and divides by a positive count.
float sparsemax_tau(std::vector<float> z) {
  std::sort(z.begin(), z.end(), [](float a, float b) { return a > b; });
  float cum = 0.f, tau = 0.f;
  for (std::size_t k = 0; k < z.size(); ++k) {
    cum += z[k];
    float t = (cum - 1.f) / static_cast<float>(k + 1); // safe
    if (z[k] > t)
      tau = t;
  }
  return tau;
}

} // namespace attn

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace attn;
  float q[2] = {100, 100}, k[4] = {100, 100, 1, 1}, v[4] = {1, 2, 3, 4}, out[2];
  attention_naive(q, k, v, out, 2, 2);
  attention_stable(q, k, v, out, 2, 2);
  float x[3] = {1000, 1, 2};
  volatile float s = online_logsumexp(x, 3);
  float sc[3] = {1000, 1, 2};
  masked_softmax(sc, 3, 2);
  s += beam_logsumexp({1000, 1});
  s += log_add(1000, 1);
  s += sample_top_k({1000, 1}, 0.7f, 0.5f);
  float p[2] = {0, 1};
  s += attention_entropy(p, 2);
  s += attention_entropy_eps(p, 2);
  s += alibi_slope(0, 8) + rope_inv_freq_const(3, 64);
  s += sequence_logprob({0.5, 0.0});
  s += length_penalty_unsigned(-3, 4, 0.6);
  s += gumbel_clamped(0.0);
  s += sparsemax_tau({1, 2, 3});
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
