// Losses and training-loop code, as ML engineers write it.
// Each flagged line carries `// expect: nanguard-<rule>`; each line that looks
// dangerous but is safe carries `// safe`. `(triggered)` marks the flagged
// lines that the corpus main (built instrumented) drives into NaN or Inf.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

namespace losses {

// Softmax over logits, written from the textbook.
std::vector<float> softmax_naive(const std::vector<float> &logits) {
  std::vector<float> out(logits.size());
  float sum = 0.f;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    out[i] = std::exp(logits[i]); // expect: nanguard-naive-softmax (triggered)
    sum += out[i];
  }
  for (float &v : out)
    v /= sum;
  return out;
}

// The same with the maximum subtracted.
std::vector<float> softmax_stable(const std::vector<float> &logits) {
  float m = *std::max_element(logits.begin(), logits.end());
  std::vector<float> out(logits.size());
  float sum = 0.f;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    out[i] = std::exp(logits[i] - m); // safe
    sum += out[i];
  }
  for (float &v : out)
    v /= sum; // safe
  return out;
}

// Cross-entropy on probabilities coming out of a softmax.
double cross_entropy(const std::vector<double> &probs, std::size_t label) {
  return -std::log(probs[label]); // expect: nanguard-unguarded-log (triggered)
}

double cross_entropy_clamped(const std::vector<double> &probs, std::size_t label) {
  double p = std::max(probs[label], 1e-12);
  return -std::log(p); // safe
}

double cross_entropy_eps(const std::vector<double> &probs, std::size_t label) {
  const double eps = 1e-9;
  return -std::log(probs[label] + eps); // safe
}

// Binary cross-entropy, element-wise.
double bce(double p, double y) {
  return -(y * std::log(p) + (1 - y) * std::log(1 - p)); // expect: nanguard-unguarded-log (triggered)
}

double bce_clamped(double p, double y) {
  p = std::clamp(p, 1e-7, 1 - 1e-7);
  return -(y * std::log(p) + (1 - y) * std::log(1 - p)); // safe
}

// BCE on logits, the stable formulation.
double bce_with_logits(double z, double y) {
  return std::max(z, 0.0) - z * y + std::log1p(std::exp(-std::fabs(z))); // safe
}

// BCE on logits through a naive sigmoid.
double bce_logits_naive(double z, double y) {
  double p = std::exp(z) / (1.0 + std::exp(z)); // expect: nanguard-naive-sigmoid (triggered)
  return -(y * std::log(p + 1e-12) + (1 - y) * std::log(1 - p + 1e-12));
}

// Negative log-likelihood of log-probabilities: log-sum-exp without the max.
double log_softmax_naive(const double *z, int n, int k) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(z[i]); // expect: nanguard-naive-softmax (triggered)
  return z[k] - std::log(s);
}

double log_softmax_stable(const double *z, int n, int k) {
  double m = z[0];
  for (int i = 1; i < n; ++i)
    m = std::max(m, z[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(z[i] - m); // safe
  return z[k] - m - std::log(s); // safe
}

// Focal loss, gamma = 2.
float focal_loss(float p, float gamma) {
  return -std::pow(1.f - p, gamma) * std::log(p); // expect: nanguard-pow-domain, nanguard-unguarded-log
}

float focal_loss_safe(float p, float gamma) {
  float pc = std::clamp(p, 1e-6f, 1.f - 1e-6f);
  return -std::pow(1.f - pc, gamma) * std::log(pc); // safe
}

// KL(p || q) over a histogram.
double kl_divergence(const std::vector<double> &p, const std::vector<double> &q) {
  double kl = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    kl += p[i] * std::log(p[i] / q[i]); // expect: nanguard-plogp (triggered)
  return kl;
}

double kl_divergence_guarded(const std::vector<double> &p, const std::vector<double> &q) {
  double kl = 0;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (p[i] > 0 && q[i] > 0)
      kl += p[i] * std::log(p[i] / q[i]); // safe
  return kl;
}

// Entropy of a categorical distribution.
double entropy(const std::vector<double> &p) {
  double h = 0;
  for (double pi : p)
    h -= pi * std::log(pi); // expect: nanguard-plogp (triggered)
  return h;
}

double entropy_guarded(const std::vector<double> &p) {
  double h = 0;
  for (double pi : p) {
    if (pi <= 0)
      continue;
    h -= pi * std::log(pi); // safe
  }
  return h;
}

// Mean squared error and its square root.
double rmse(const std::vector<double> &a, const std::vector<double> &b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s / a.size()); // safe
}

// Huber loss: no hazard at all, but every branch divides.
double huber(double r, double delta) {
  double a = std::fabs(r);
  return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

// Poisson negative log-likelihood on a predicted rate.
double poisson_nll(double rate, double k) {
  return rate - k * std::log(rate); // expect: nanguard-unguarded-log
}

double poisson_nll_log_input(double log_rate, double k) {
  return std::exp(log_rate) - k * log_rate; // expect: nanguard-raw-exp (triggered)
}

// Gaussian negative log-likelihood with a predicted variance.
double gaussian_nll(double mu, double var, double y) {
  return 0.5 * (std::log(var) + (y - mu) * (y - mu) / var); // expect: nanguard-unguarded-log, nanguard-div-by-variance
}

double gaussian_nll_safe(double mu, double var, double y) {
  const double eps = 1e-6;
  var = std::max(var, eps);
  return 0.5 * (std::log(var) + (y - mu) * (y - mu) / var); // safe
}

// Label smoothing cross-entropy over a stable log-softmax.
double label_smoothing(const std::vector<double> &logits, std::size_t label, double smooth) {
  double m = *std::max_element(logits.begin(), logits.end());
  double s = 0;
  for (double z : logits)
    s += std::exp(z - m); // safe
  double lse = m + std::log(s); // safe
  double loss = 0;
  for (std::size_t i = 0; i < logits.size(); ++i) {
    double target = i == label ? 1 - smooth : smooth / (logits.size() - 1);
    loss -= target * (logits[i] - lse);
  }
  return loss;
}

// Accuracy: integer division guarded by the caller's contract, not NaN-prone.
double accuracy(int correct, int total) {
  if (total == 0)
    return 0;
  return static_cast<double>(correct) / total; // safe
}

// Perplexity from a mean log-loss that may be huge early in training.
double perplexity(double mean_nll) {
  return std::exp(mean_nll); // expect: nanguard-raw-exp (triggered)
}

double perplexity_capped(double mean_nll) {
  return std::exp(std::min(mean_nll, 80.0)); // safe
}

// Temperature-scaled sampling probabilities with the max subtracted first.
std::vector<double> temperature_probs(const std::vector<double> &logits, double t) {
  double m = *std::max_element(logits.begin(), logits.end());
  std::vector<double> p;
  double s = 0;
  for (double z : logits) {
    p.push_back(std::exp((z - m) / t)); // safe
    s += p.back();
  }
  for (double &v : p)
    v /= s; // safe
  return p;
}

// Contrastive (InfoNCE) loss with a raw exp of similarities.
double info_nce(const std::vector<double> &sims, double tau) {
  double pos = std::exp(sims[0] / tau); // expect: nanguard-naive-softmax (triggered)
  double all = 0;
  for (double s : sims)
    all += std::exp(s / tau); // expect: nanguard-naive-softmax (triggered)
  return -std::log(pos / all); // expect: nanguard-unguarded-log
}

// Log-sum-exp written with std::accumulate and a lambda.
double logsumexp_accumulate(const std::vector<double> &z) {
  double m = *std::max_element(z.begin(), z.end());
  double s = std::accumulate(z.begin(), z.end(), 0.0,
                             [m](double acc, double x) { return acc + std::exp(x - m); }); // safe
  return m + std::log(s); // safe
}

} // namespace losses

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace losses;
  volatile double sink = 0;
  std::vector<float> big = {1000.f, 1.f, 2.f};
  sink += softmax_naive(big)[0];
  sink += softmax_stable(big)[0];
  std::vector<double> probs = {0.0, 1.0};
  sink += cross_entropy(probs, 0);
  sink += cross_entropy_clamped(probs, 0);
  sink += cross_entropy_eps(probs, 0);
  sink += bce(0.0, 1.0);
  sink += bce_clamped(0.0, 1.0);
  sink += bce_with_logits(1000, 1);
  sink += bce_logits_naive(1000, 1);
  double z[3] = {1000, 0, 1};
  sink += log_softmax_naive(z, 3, 1);
  sink += log_softmax_stable(z, 3, 1);
  sink += focal_loss_safe(0.f, 2.f);
  std::vector<double> p = {0.0, 1.0}, q = {0.5, 0.5};
  sink += kl_divergence(p, q);
  sink += kl_divergence_guarded(p, q);
  sink += entropy(p);
  sink += entropy_guarded(p);
  sink += rmse(q, q) + huber(3, 1);
  sink += poisson_nll_log_input(1000, 1);
  sink += gaussian_nll_safe(0, 0, 1);
  sink += label_smoothing({1000, 0, 1}, 0, 0.1);
  sink += accuracy(0, 0);
  sink += perplexity(1000);
  sink += perplexity_capped(1000);
  sink += temperature_probs({1000, 0}, 0.5)[0];
  sink += info_nce({1000, 0, 1}, 1.0);
  std::printf("done\n");
  return 0;
}
#endif
