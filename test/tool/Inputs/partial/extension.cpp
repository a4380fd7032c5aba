#include <cmath>
#include <torch/extension.h>
#include "generated/config.h"

// Uses only what the standard library declares: analysed.
float nll(float p) { return -std::log(p); }

// Uses what the missing headers declare: skipped, whatever it contains.
torch::Tensor scale(torch::Tensor x, float s) { return x / std::sqrt(s - 1.0f); }

// Its guard is a macro of a missing header: skipped, not reported unguarded.
float guarded(float v) {
  CONFIG_CHECK(v > 0);
  return std::log(v);
}

// A function after the errors is analysed too.
float safe_log(float v) { return std::log(std::fmax(v, 1e-30f)); }
float naive(float v) { return std::exp(v); }
