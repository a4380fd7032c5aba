#include <cmath>

void softmax(const float *x, float *y, int n) {
  float sum = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i]);
    sum += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= sum;
}

float nll(const float *p, int label) { return -std::log(p[label]); }
