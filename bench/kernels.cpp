// Benchmark kernels for the instrumentation overhead: the numerical loops of
// ML code, each timed in-process (steady_clock, kernel only) and printed as
// "<kernel> <seconds> <checksum>". Built plain, instrumented (risky, all) and
// with UBSan's float-divide-by-zero by bench/run.sh.
//
//   kernels <softmax|layernorm|cross_entropy|mlp> [repetitions]

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using Clock = std::chrono::steady_clock;

/// Times the kernel's loop only, not its setup (data generation).
struct Timer {
  Clock::time_point Start;
  double Seconds = 0;
  void start() { Start = Clock::now(); }
  void stop() { Seconds = std::chrono::duration<double>(Clock::now() - Start).count(); }
};

static std::vector<float> randomVector(size_t n, unsigned seed, float lo,
                                       float hi) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (float &x : v)
    x = d(rng);
  return v;
}

// Stable softmax over the rows of a matrix.
static double softmax(int reps, Timer &T) {
  const int rows = 2048, cols = 1024;
  std::vector<float> x = randomVector(size_t(rows) * cols, 1, -20, 20), y(x.size());
  double check = 0;
  T.start();
  for (int r = 0; r < reps; ++r)
    for (int i = 0; i < rows; ++i) {
      const float *xi = &x[size_t(i) * cols];
      float *yi = &y[size_t(i) * cols];
      float m = xi[0];
      for (int j = 1; j < cols; ++j)
        m = std::max(m, xi[j]);
      float s = 0;
      for (int j = 0; j < cols; ++j) {
        yi[j] = std::exp(xi[j] - m);
        s += yi[j];
      }
      float inv = 1.0f / s;
      for (int j = 0; j < cols; ++j)
        yi[j] *= inv;
      check += yi[i % cols];
    }
  T.stop();
  return check;
}

// Layer normalisation with an epsilon, gain and bias.
static double layernorm(int reps, Timer &T) {
  const int rows = 4096, cols = 1024;
  std::vector<float> x = randomVector(size_t(rows) * cols, 2, -3, 3), y(x.size());
  std::vector<float> g = randomVector(cols, 3, 0.5f, 1.5f), b = randomVector(cols, 4, -1, 1);
  double check = 0;
  T.start();
  for (int r = 0; r < reps; ++r)
    for (int i = 0; i < rows; ++i) {
      const float *xi = &x[size_t(i) * cols];
      float *yi = &y[size_t(i) * cols];
      float mean = 0, var = 0;
      for (int j = 0; j < cols; ++j)
        mean += xi[j];
      mean /= cols;
      for (int j = 0; j < cols; ++j)
        var += (xi[j] - mean) * (xi[j] - mean);
      var /= cols;
      float inv = 1.0f / std::sqrt(var + 1e-5f);
      for (int j = 0; j < cols; ++j)
        yi[j] = (xi[j] - mean) * inv * g[j] + b[j];
      check += yi[i % cols];
    }
  T.stop();
  return check;
}

// Mean cross-entropy of predicted probabilities.
static double cross_entropy(int reps, Timer &T) {
  const size_t n = 1 << 22;
  std::vector<float> p = randomVector(n, 5, 0, 1);
  double check = 0;
  T.start();
  for (int r = 0; r < reps; ++r) {
    float loss = 0;
    for (size_t i = 0; i < n; ++i)
      loss -= std::log(std::max(p[i], 1e-12f));
    check += loss / n;
  }
  T.stop();
  return check;
}

// A small MLP (64 -> 128 -> 10, ReLU, softmax, cross-entropy) trained with
// SGD: matrix products dominate, so every fadd/fmul is an operation.
static double mlp(int reps, Timer &T) {
  const int in = 64, hid = 128, out = 10, n = 2048;
  std::vector<float> X = randomVector(size_t(n) * in, 6, -1, 1);
  std::vector<float> W1 = randomVector(size_t(in) * hid, 7, -0.1f, 0.1f);
  std::vector<float> W2 = randomVector(size_t(hid) * out, 8, -0.1f, 0.1f);
  std::vector<float> h(hid), o(out), dh(hid), dout(out);
  const float lr = 0.01f;
  double check = 0;
  T.start();
  for (int r = 0; r < reps; ++r)
    for (int s = 0; s < n; ++s) {
      const float *x = &X[size_t(s) * in];
      int label = s % out;
      for (int j = 0; j < hid; ++j) {
        float a = 0;
        for (int i = 0; i < in; ++i)
          a += x[i] * W1[size_t(i) * hid + j];
        h[j] = a > 0 ? a : 0;
      }
      float m = -INFINITY;
      for (int k = 0; k < out; ++k) {
        float a = 0;
        for (int j = 0; j < hid; ++j)
          a += h[j] * W2[size_t(j) * out + k];
        o[k] = a;
        m = std::max(m, a);
      }
      float z = 0;
      for (int k = 0; k < out; ++k)
        z += (o[k] = std::exp(o[k] - m));
      for (int k = 0; k < out; ++k) {
        o[k] /= z;
        dout[k] = o[k] - (k == label);
      }
      check -= std::log(std::max(o[label], 1e-12f));
      for (int j = 0; j < hid; ++j) {
        float d = 0;
        for (int k = 0; k < out; ++k) {
          d += dout[k] * W2[size_t(j) * out + k];
          W2[size_t(j) * out + k] -= lr * dout[k] * h[j];
        }
        dh[j] = h[j] > 0 ? d : 0;
      }
      for (int i = 0; i < in; ++i)
        for (int j = 0; j < hid; ++j)
          W1[size_t(i) * hid + j] -= lr * dh[j] * x[i];
    }
  T.stop();
  return check / (double(reps) * n);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <softmax|layernorm|cross_entropy|mlp> [reps]\n", argv[0]);
    return 2;
  }
  int reps = argc > 2 ? std::atoi(argv[2]) : 1;
  struct { const char *name; double (*fn)(int, Timer &); } kernels[] = {
      {"softmax", softmax}, {"layernorm", layernorm},
      {"cross_entropy", cross_entropy}, {"mlp", mlp}};
  for (auto &k : kernels)
    if (!std::strcmp(argv[1], k.name)) {
      Timer T;
      double check = k.fn(reps, T);
      std::printf("%s %.6f %.6g\n", k.name, T.Seconds, check);
      return 0;
    }
  std::fprintf(stderr, "unknown kernel '%s'\n", argv[1]);
  return 2;
}
