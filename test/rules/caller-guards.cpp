// RUN: %check_nanguard %s unguarded-log,unguarded-division,div-by-variance %t -- -std=c++17
//
// A function only this translation unit can call (static, or in an
// anonymous namespace) whose address is never taken starts from what every
// caller passes it: the guard is in the caller. One caller that does not
// guard, an address that escapes, or a function others can call, and the
// hazard is reported.

#include <cmath>

static void update(float *v, float norm, int n) {
  for (int i = 0; i < n; ++i)
    v[i] /= norm;
}

namespace {
float odds(float p) { return std::log(p / (1.0f - p)); }
} // namespace

static float log_of(float x) { return std::log(x); }

static float escaped(float x) { return std::log(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:40: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
float (*handler)(float) = escaped;

float visible(float x) { return std::log(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]

static float log_mixed(float x) { return std::log(x); }
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]

void run(float *v, const float *norms, int n, float p, float q) {
  for (int k = 0; k < n; ++k) {
    float norm = norms[k];
    if (!(norm > 0))
      continue;
    update(v, norm, n);
  }
  float pc = std::fmin(std::fmax(p, 1e-6f), 1.0f - 1e-6f);
  v[0] = odds(pc) + log_of(pc) + escaped(pc) + visible(pc);
  v[1] = log_mixed(pc) + log_mixed(q);
}
