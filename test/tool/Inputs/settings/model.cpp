#include <cmath>

namespace fastmath { float my_exp(float x); }
float clamp_prob(float p);

float logits_to_prob(float z) { return fastmath::my_exp(z); }

float nll(float p) { return -std::log(clamp_prob(p)); }

void stable_softmax(const float *x, float *y, int n, float *sum) {
  // The project's own vetted implementation, trusted as a whole.
  for (int i = 0; i < n; ++i)
    *sum += (y[i] = std::exp(x[i]));
  for (int i = 0; i < n; ++i)
    y[i] /= *sum;
}

float with_named_epsilon(float var, float eps) { return 1.0f / std::sqrt(var + eps); }
