// softmax_regression, fixed: the same trainer with every hazard guarded.
// nanguard reports nothing here; compare with ../softmax_regression.cpp.
//
//   clang++ -std=c++17 -O2 softmax_regression.cpp -o softmax_regression
//   ./softmax_regression

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

constexpr int kFeatures = 8;
constexpr int kClasses = 4;
constexpr int kSamples = 512;
constexpr float kEps = 1e-5f;

struct Dataset {
  std::vector<float> x; // kSamples x kFeatures, row-major
  std::vector<int> y;
};

static Dataset make_data(unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.f, 1.f);
  Dataset d;
  for (int i = 0; i < kSamples; ++i) {
    int c = i % kClasses;
    for (int f = 0; f < kFeatures - 1; ++f)
      d.x.push_back(3.f * ((c + f) % 3) + noise(rng));
    d.x.push_back(1.f);
    d.y.push_back(c);
  }
  return d;
}

// A constant column has variance 0: the epsilon keeps it at 0, not NaN.
static void standardize(Dataset &d) {
  for (int f = 0; f < kFeatures; ++f) {
    float mean = 0, var = 0;
    for (int i = 0; i < kSamples; ++i)
      mean += d.x[i * kFeatures + f];
    mean /= kSamples;
    for (int i = 0; i < kSamples; ++i) {
      float c = d.x[i * kFeatures + f] - mean;
      var += c * c;
    }
    var /= kSamples;
    for (int i = 0; i < kSamples; ++i)
      d.x[i * kFeatures + f] =
          (d.x[i * kFeatures + f] - mean) / std::sqrt(var + kEps);
  }
}

// Subtract the maximum: every exp argument is <= 0, so nothing overflows.
static void softmax(const float *logits, float *probs, int n) {
  float m = logits[0];
  for (int k = 1; k < n; ++k)
    m = std::max(m, logits[k]);
  float sum = 0;
  for (int k = 0; k < n; ++k) {
    probs[k] = std::exp(logits[k] - m);
    sum += probs[k];
  }
  for (int k = 0; k < n; ++k)
    probs[k] /= sum;
}

static float cross_entropy(const float *probs, int label) {
  return -std::log(std::max(probs[label], 1e-12f));
}

struct Adam {
  float lr = 0.05f, beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
  std::vector<float> m, v;
  int t = 0;
  explicit Adam(size_t n) : m(n, 0.f), v(n, 0.f) {}
  void step(std::vector<float> &w, const std::vector<float> &g) {
    ++t;
    float c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
    for (size_t i = 0; i < w.size(); ++i) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      w[i] -= lr * (m[i] / c1) / (std::sqrt(v[i] / c2) + eps);
    }
  }
};

int main() {
  Dataset data = make_data(42);
  standardize(data);
  std::vector<float> w(kFeatures * kClasses, 0.f), grad(w.size());
  Adam opt(w.size());
  float logits[kClasses], probs[kClasses];
  for (int epoch = 0; epoch < 20; ++epoch) {
    double loss = 0;
    std::fill(grad.begin(), grad.end(), 0.f);
    for (int i = 0; i < kSamples; ++i) {
      const float *xi = &data.x[i * kFeatures];
      for (int k = 0; k < kClasses; ++k) {
        logits[k] = 0;
        for (int f = 0; f < kFeatures; ++f)
          logits[k] += w[f * kClasses + k] * xi[f];
      }
      softmax(logits, probs, kClasses);
      loss += cross_entropy(probs, data.y[i]);
      for (int k = 0; k < kClasses; ++k) {
        float err = probs[k] - (k == data.y[i] ? 1.f : 0.f);
        for (int f = 0; f < kFeatures; ++f)
          grad[f * kClasses + k] += err * xi[f] / kSamples;
      }
    }
    opt.step(w, grad);
    // The mean cross-entropy of a softmax is at most log(1 / 1e-12) = 27.6.
    double mean_loss = std::min(loss / kSamples, 27.7);
    if (epoch % 5 == 0 || epoch == 19)
      std::printf("epoch %2d  loss %.4f  perplexity %.3f\n", epoch, mean_loss,
                  std::exp(mean_loss));
  }
  return 0;
}
