// Optimisers, gradient clipping and learning-rate schedules.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace optim {

struct AdamState {
  std::vector<float> m, v;
  int t = 0;
};

// Adam with epsilon outside the square root, as in the paper.
void adam_step(std::vector<float> &w, const std::vector<float> &g, AdamState &s,
               float lr, float beta1, float beta2, float eps) {
  ++s.t;
  float bc1 = 1.f - std::pow(beta1, static_cast<float>(s.t)); // safe
  float bc2 = 1.f - std::pow(beta2, static_cast<float>(s.t)); // safe
  for (std::size_t i = 0; i < w.size(); ++i) {
    s.m[i] = beta1 * s.m[i] + (1.f - beta1) * g[i];
    s.v[i] = beta2 * s.v[i] + (1.f - beta2) * g[i] * g[i];
    float mhat = s.m[i] / bc1;
    float vhat = s.v[i] / bc2;
    w[i] -= lr * mhat / (std::sqrt(vhat) + eps); // safe
  }
}

// Adam written without the epsilon: the first step with a zero gradient is 0/0.
void adam_step_no_eps(std::vector<float> &w, const std::vector<float> &g,
                      AdamState &s, float lr) {
  const float beta1 = 0.9f, beta2 = 0.999f;
  ++s.t;
  for (std::size_t i = 0; i < w.size(); ++i) {
    s.m[i] = beta1 * s.m[i] + (1.f - beta1) * g[i];
    s.v[i] = beta2 * s.v[i] + (1.f - beta2) * g[i] * g[i];
    w[i] -= lr * s.m[i] / std::sqrt(s.v[i]); // expect: nanguard-div-by-variance (triggered)
  }
}

// AdamW with an epsilon that vanishes when the state is kept in half precision.
void adamw_half_state(_Float16 *v, const float *g, int n) {
  const _Float16 eps = 1e-8; // expect: nanguard-vanishing-epsilon
  for (int i = 0; i < n; ++i)
    v[i] = static_cast<_Float16>(0.999f * static_cast<float>(v[i]) + 0.001f * g[i] * g[i]) + eps;
}

void adamw_half_state_ok(_Float16 *v, const float *g, int n) {
  const _Float16 eps = 1e-4; // safe
  for (int i = 0; i < n; ++i)
    v[i] = static_cast<_Float16>(0.999f * static_cast<float>(v[i]) + 0.001f * g[i] * g[i]) + eps;
}

// RMSprop.
void rmsprop(float *w, const float *g, float *sq, int n, float lr, float rho, float eps) {
  for (int i = 0; i < n; ++i) {
    sq[i] = rho * sq[i] + (1.f - rho) * g[i] * g[i];
    w[i] -= lr * g[i] / std::sqrt(sq[i] + eps); // safe
  }
}

// Adagrad without an epsilon.
void adagrad(float *w, const float *g, float *acc, int n, float lr) {
  for (int i = 0; i < n; ++i) {
    acc[i] += g[i] * g[i];
    w[i] -= lr * g[i] / std::sqrt(acc[i]); // expect: nanguard-div-by-variance (triggered)
  }
}

// Gradient clipping by global norm.
void clip_grad_norm(std::vector<float> &g, float max_norm) {
  float ss = 0.f;
  for (float x : g)
    ss += x * x;
  float norm = std::sqrt(ss);
  float scale = max_norm / norm; // expect: nanguard-div-by-variance (triggered)
  if (scale < 1.f)
    for (float &x : g)
      x *= scale;
}

void clip_grad_norm_eps(std::vector<float> &g, float max_norm) {
  float ss = 0.f;
  for (float x : g)
    ss += x * x;
  float norm = std::sqrt(ss);
  float scale = max_norm / (norm + 1e-6f); // safe
  if (scale < 1.f)
    for (float &x : g)
      x *= scale;
}

// LAMB trust ratio: guarded by both norms being positive.
float lamb_trust_ratio(float w_norm, float update_norm) {
  if (w_norm > 0 && update_norm > 0)
    return w_norm / update_norm; // safe
  return 1.f;
}

// LARS local learning rate, no guard.
float lars_lr(float w_norm, float g_norm, float weight_decay, float trust) {
  return trust * w_norm / (g_norm + weight_decay * w_norm); // expect: nanguard-div-by-variance
}

// Cosine schedule with warm-up.
float cosine_lr(int step, int warmup, int total, float base) {
  if (step < warmup)
    return base * (step + 1) / warmup;
  float progress = static_cast<float>(step - warmup) / std::max(1, total - warmup);
  return 0.5f * base * (1.f + std::cos(3.14159265f * progress));
}

// Exponential decay with a constant rate.
float exp_decay_lr(int step, float base) {
  const float rate = 0.0001f;
  return base * std::exp(-rate * step); // safe
}

float exp_decay_lr_unsigned(unsigned step, float base) {
  const float rate = 0.0001f;
  return base * std::exp(-rate * step); // safe
}

// Noam schedule.
float noam_lr(int step, int d_model, int warmup) {
  float s = static_cast<float>(std::max(step, 1));
  return std::pow(static_cast<float>(d_model), -0.5f) * // expect: nanguard-pow-domain
         std::min(std::pow(s, -0.5f), s * std::pow(static_cast<float>(warmup), -1.5f)); // expect: nanguard-pow-domain
}

// Polyak averaging of parameters.
void ema_update(float *avg, const float *w, int n, float decay) {
  for (int i = 0; i < n; ++i)
    avg[i] = decay * avg[i] + (1.f - decay) * w[i];
}

// Loss scaling for mixed precision: the overflow check itself.
bool grads_finite(const float *g, int n) {
  for (int i = 0; i < n; ++i)
    if (g[i] != g[i] || std::isinf(g[i])) // safe
      return false;
  return true;
}

bool grads_finite_wrong(const float *g, int n) {
  for (int i = 0; i < n; ++i)
    if (g[i] == NAN) // expect: nanguard-nan-comparison
      return false;
  return true;
}

// Dynamic loss scale update.
float update_loss_scale(float scale, bool overflow) {
  return overflow ? scale / 2.f : scale * 2.f;
}

// Adafactor's factored second moment: row and column means reconstruct v.
void adafactor_update(float *w, const float *g, const float *row_mean,
                      const float *col_mean, float total_mean, int r, int c, float lr) {
  for (int i = 0; i < r; ++i)
    for (int j = 0; j < c; ++j) {
      float v = row_mean[i] * col_mean[j] / total_mean;
      w[i * c + j] -= lr * g[i * c + j] / std::sqrt(v); // expect: nanguard-div-by-variance
    }
}

// Weight standardisation of a conv filter.
void weight_standardize(float *w, int n, float eps) {
  float mean = 0.f, var = 0.f;
  for (int i = 0; i < n; ++i)
    mean += w[i];
  mean /= n;
  for (int i = 0; i < n; ++i)
    var += (w[i] - mean) * (w[i] - mean);
  var /= n;
  for (int i = 0; i < n; ++i)
    w[i] = (w[i] - mean) / std::sqrt(var + eps); // safe
}

} // namespace optim

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace optim;
  std::vector<float> w = {1, 2}, g = {0, 0};
  AdamState s{{0, 0}, {0, 0}, 0};
  adam_step(w, g, s, 1e-3f, 0.9f, 0.999f, 1e-8f);
  AdamState s2{{0, 0}, {0, 0}, 0};
  adam_step_no_eps(w, g, s2, 1e-3f);
  float wa[2] = {1, 1}, ga[2] = {0, 0}, acc[2] = {0, 0}, sq[2] = {0, 0};
  rmsprop(wa, ga, sq, 2, 1e-3f, 0.9f, 1e-8f);
  adagrad(wa, ga, acc, 2, 1e-2f);
  std::vector<float> zero = {0, 0};
  clip_grad_norm(zero, 1.f);
  std::vector<float> zero2 = {0, 0};
  clip_grad_norm_eps(zero2, 1.f);
  volatile float x = lamb_trust_ratio(0, 0) + cosine_lr(3, 10, 100, 0.1f) +
                     exp_decay_lr_unsigned(10, 0.1f);
  float avg[2] = {0, 0};
  ema_update(avg, wa, 2, 0.99f);
  x += grads_finite(wa, 2) + update_loss_scale(1024, true);
  float ws[3] = {1, 1, 1};
  weight_standardize(ws, 3, 1e-5f);
  std::printf("done %g\n", (double)x);
  return 0;
}
#endif
