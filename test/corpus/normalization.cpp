// Normalisation layers and feature scaling.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

namespace norm {

struct Tensor {
  std::vector<float> data;
  std::size_t rows = 0, cols = 0;
  float *row(std::size_t r) { return data.data() + r * cols; }
};

// Layer norm, no epsilon: a constant row gives 0/0.
void layer_norm_no_eps(float *x, int n) {
  float mean = 0.f;
  for (int i = 0; i < n; ++i)
    mean += x[i];
  mean /= n;
  float var = 0.f;
  for (int i = 0; i < n; ++i)
    var += (x[i] - mean) * (x[i] - mean);
  var /= n;
  float stddev = std::sqrt(var);
  for (int i = 0; i < n; ++i)
    x[i] = (x[i] - mean) / stddev; // expect: nanguard-div-by-variance (triggered)
}

void layer_norm(float *x, int n, float eps) {
  float mean = 0.f;
  for (int i = 0; i < n; ++i)
    mean += x[i];
  mean /= n;
  float var = 0.f;
  for (int i = 0; i < n; ++i)
    var += (x[i] - mean) * (x[i] - mean);
  var /= n;
  for (int i = 0; i < n; ++i)
    x[i] = (x[i] - mean) / std::sqrt(var + eps); // safe
}

// Layer norm with E[x^2] - E[x]^2: the variance can round below zero.
void layer_norm_one_pass(float *x, int n, float eps) {
  float s = 0.f, ss = 0.f;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    ss += x[i] * x[i];
  }
  float mean = s / n;
  float var = ss / n - mean * mean;
  float inv = 1.f / std::sqrt(var + eps); // expect: nanguard-sqrt-domain (triggered)
  for (int i = 0; i < n; ++i)
    x[i] = (x[i] - mean) * inv;
}

void layer_norm_one_pass_clamped(float *x, int n, float eps) {
  float s = 0.f, ss = 0.f;
  for (int i = 0; i < n; ++i) {
    s += x[i];
    ss += x[i] * x[i];
  }
  float mean = s / n;
  float var = std::max(ss / n - mean * mean, 0.f);
  float inv = 1.f / std::sqrt(var + eps); // safe
  for (int i = 0; i < n; ++i)
    x[i] = (x[i] - mean) * inv;
}

// RMSNorm as in LLaMA-style models.
void rms_norm(float *x, const float *w, int n, float eps) {
  float ss = 0.f;
  for (int i = 0; i < n; ++i)
    ss += x[i] * x[i];
  float rms = std::sqrt(ss / n + eps); // safe
  for (int i = 0; i < n; ++i)
    x[i] = x[i] / rms * w[i]; // safe
}

void rms_norm_no_eps(float *x, int n) {
  float ss = 0.f;
  for (int i = 0; i < n; ++i)
    ss += x[i] * x[i];
  float rms = std::sqrt(ss / n);
  for (int i = 0; i < n; ++i)
    x[i] /= rms; // expect: nanguard-div-by-variance (triggered)
}

// Batch norm at inference with running statistics.
void batch_norm_infer(Tensor &t, const std::vector<float> &running_mean,
                      const std::vector<float> &running_var, float eps) {
  for (std::size_t r = 0; r < t.rows; ++r) {
    float *x = t.row(r);
    for (std::size_t c = 0; c < t.cols; ++c)
      x[c] = (x[c] - running_mean[c]) / std::sqrt(running_var[c] + eps); // safe
  }
}

void batch_norm_infer_no_eps(Tensor &t, const std::vector<float> &running_mean,
                             const std::vector<float> &running_var) {
  for (std::size_t r = 0; r < t.rows; ++r) {
    float *x = t.row(r);
    for (std::size_t c = 0; c < t.cols; ++c)
      x[c] = (x[c] - running_mean[c]) / std::sqrt(running_var[c]); // expect: nanguard-div-by-variance
  }
}

// Z-score of a feature column.
std::vector<double> zscore(const std::vector<double> &v) {
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double sq = 0;
  for (double x : v)
    sq += (x - mean) * (x - mean);
  double sd = std::sqrt(sq / (v.size() - 1));
  std::vector<double> out;
  for (double x : v)
    out.push_back((x - mean) / sd); // expect: nanguard-div-by-variance (triggered)
  return out;
}

std::vector<double> zscore_guarded(const std::vector<double> &v) {
  double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double sq = 0;
  for (double x : v)
    sq += (x - mean) * (x - mean);
  double sd = std::sqrt(sq / (v.size() - 1));
  std::vector<double> out;
  for (double x : v)
    out.push_back(sd > 0 ? (x - mean) / sd : 0.0); // safe
  return out;
}

// Min-max scaling: a constant column divides by zero.
void min_max_scale(std::vector<double> &v) {
  auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  double a = *lo, range = *hi - *lo;
  for (double &x : v)
    x = (x - a) / range;
}

// L2 normalisation of an embedding.
void l2_normalize(float *v, int n) {
  float ss = 0.f;
  for (int i = 0; i < n; ++i)
    ss += v[i] * v[i];
  float norm = std::sqrt(ss);
  for (int i = 0; i < n; ++i)
    v[i] /= norm; // expect: nanguard-div-by-variance (triggered)
}

void l2_normalize_eps(float *v, int n) {
  float ss = 0.f;
  for (int i = 0; i < n; ++i)
    ss += v[i] * v[i];
  float norm = std::max(std::sqrt(ss), 1e-12f);
  for (int i = 0; i < n; ++i)
    v[i] /= norm; // safe
}

// Group norm over groups of channels.
void group_norm(float *x, int channels, int groups, float eps) {
  int per = channels / groups;
  for (int g = 0; g < groups; ++g) {
    float *xg = x + g * per;
    float m = 0.f;
    for (int i = 0; i < per; ++i)
      m += xg[i];
    m /= per;
    float v = 0.f;
    for (int i = 0; i < per; ++i)
      v += (xg[i] - m) * (xg[i] - m);
    v /= per;
    float rstd = 1.f / std::sqrt(v + eps); // safe
    for (int i = 0; i < per; ++i)
      xg[i] = (xg[i] - m) * rstd;
  }
}

// Cosine similarity without an epsilon in the denominator.
double cosine_similarity(const double *a, const double *b, int n) {
  double dot = 0, na = 0, nb = 0;
  for (int i = 0; i < n; ++i) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (std::sqrt(na) * std::sqrt(nb)); // expect: nanguard-div-by-variance (triggered)
}

double cosine_similarity_eps(const double *a, const double *b, int n) {
  double dot = 0, na = 0, nb = 0;
  for (int i = 0; i < n; ++i) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / std::max(std::sqrt(na * nb), 1e-8); // safe
}

// Instance norm's backward pass uses the reciprocal standard deviation.
void instance_norm_backward(const float *dy, const float *xhat, float *dx, int n,
                            float var, float eps) {
  float rstd = 1.f / std::sqrt(var + eps); // safe
  float sdy = 0.f, sdyx = 0.f;
  for (int i = 0; i < n; ++i) {
    sdy += dy[i];
    sdyx += dy[i] * xhat[i];
  }
  for (int i = 0; i < n; ++i)
    dx[i] = rstd * (dy[i] - sdy / n - xhat[i] * sdyx / n);
}

// Whitening a 2-D point cloud by its per-axis standard deviation.
void whiten(std::vector<double> &xs, std::vector<double> &ys) {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= xs.size();
  my /= ys.size();
  double vx = 0, vy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    vx += (xs[i] - mx) * (xs[i] - mx);
    vy += (ys[i] - my) * (ys[i] - my);
  }
  double sx = std::sqrt(vx / xs.size()), sy = std::sqrt(vy / ys.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    xs[i] = (xs[i] - mx) / sx; // expect: nanguard-div-by-variance
    ys[i] = (ys[i] - my) / sy; // expect: nanguard-div-by-variance
  }
}

// Scale a gradient to unit RMS with a floor.
void unit_rms(std::vector<float> &g) {
  float ss = 0.f;
  for (float x : g)
    ss += x * x;
  float rms = std::sqrt(ss / g.size());
  if (rms < 1e-6f)
    return;
  for (float &x : g)
    x /= rms; // safe
}

} // namespace norm

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace norm;
  float row[4] = {3, 3, 3, 3};
  layer_norm_no_eps(row, 4);
  float row2[4] = {1e4f, 1e4f, 1e4f, 1e4f};
  layer_norm(row2, 4, 1e-5f);
  float row3[4] = {3000.1f, 3000.1f, 3000.1f, 3000.1f};
  layer_norm_one_pass(row3, 4, 0.f);
  float row4[4] = {3000.1f, 3000.1f, 3000.1f, 3000.1f};
  layer_norm_one_pass_clamped(row4, 4, 1e-5f);
  float z[4] = {0, 0, 0, 0}, w[4] = {1, 1, 1, 1};
  rms_norm(z, w, 4, 1e-6f);
  float z2[4] = {0, 0, 0, 0};
  rms_norm_no_eps(z2, 4);
  std::vector<double> c = {2, 2, 2};
  zscore(c);
  zscore_guarded(c);
  float e[3] = {0, 0, 0};
  l2_normalize(e, 3);
  float e2[3] = {0, 0, 0};
  l2_normalize_eps(e2, 3);
  float g[4] = {1, 1, 1, 1};
  group_norm(g, 4, 2, 1e-5f);
  double a[2] = {0, 0}, b[2] = {1, 1};
  volatile double s = cosine_similarity(a, b, 2) + cosine_similarity_eps(a, b, 2);
  std::vector<float> gr = {0, 0};
  unit_rms(gr);
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
