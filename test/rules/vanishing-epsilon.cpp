// RUN: %check_nanguard %s vanishing-epsilon %t

#include <cmath>

// ---- Positive cases. -----------------------------------------------------

constexpr _Float16 kEpsHalf = 1e-8;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 1e-08 is 0 in '_Float16' (its smallest subnormal is 5.96046e-08): an epsilon that vanishes guards nothing [nanguard-vanishing-epsilon]

const float kEpsFloat = 1e-50;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 1e-50 is 0 in 'float'

float subnormal_eps = 1e-40;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 1e-40 is subnormal in 'float' (its smallest normal is 1.17549e-38); it flushes to 0 where subnormals are disabled (-ffast-math, GPUs)

const float kTinyFloat = 1e-40f;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 1e-40 is subnormal in 'float' (its smallest normal is 1.17549e-38)

_Float16 kHalfFromFloat = 1e-40f;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 1e-40 is 0 in '_Float16'

_Float16 half_norm(_Float16 x, _Float16 var) {
  return x / (_Float16)std::sqrt((float)(var + (_Float16)1e-9));
  // CHECK-MESSAGES: :[[@LINE-1]]:58: warning: 1e-09 is 0 in '_Float16'
}

_Float16 half_log(_Float16 p) {
  _Float16 eps = 1e-12;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 1e-12 is 0 in '_Float16'
  return (_Float16)std::log((float)(p + eps));
}

float float_from_double_literal(float x) {
  return x / (x + static_cast<float>(1e-46));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 1e-46 is 0 in 'float'
}

struct Config { float eps = 1e-60; };
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 1e-60 is 0 in 'float'

void parameters(float *y, const float *x, int n) {
  const double tiny = 1e-45;
  for (int i = 0; i < n; ++i)
    y[i] = x[i] / (x[i] + (float)tiny);
  // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 1e-45 is subnormal in 'float'
}

_Float16 half_subnormal() { return 1e-5; }
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 1e-05 is subnormal in '_Float16'

float call_argument(float x);
float pass(float v) { return call_argument(1e-39) + v; }
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 1e-39 is subnormal in 'float'

// ---- Negative cases. -----------------------------------------------------

constexpr _Float16 kHalfEps = 1e-4;
const float kFloatEps = 1e-12;
constexpr double kDoubleEps = 1e-300;
float zero_on_purpose = 0.0;
float one_third = 1.0 / 3.0;
_Float16 large_half = 1000.0;
float negative_small = -1.0;
double widening = 1e-40f;
float normal_min = 1.2e-38;
float from_int(int n) { return n + 1e-6f; }
float exact(float x) { return x + 1e-7; }
