#include <cmath>
#include "c10/macros/Macros.h"

// LANES and total come from the missing header, so none of the constants
// below folds and the body has an error. Evaluating the loop bounds under
// the conditions of the constants they are built from used to take
// exponential time.
template <typename T, int log2_n> void rows(T *out, const T *shift) {
  constexpr int width = 1 << log2_n;
  constexpr int lanes = (width < LANES) ? width : LANES;
  constexpr int per_lane = width / lanes;
  constexpr int rows_per_warp = (width <= 128) ? 2 : 1;
  constexpr int vector = (per_lane < 4) ? 1 : 4;
  T values[rows_per_warp][per_lane];
  for (int r = 0; r < rows_per_warp; ++r)
    for (int c = 0; c < per_lane; ++c) {
      values[r][c] = std::exp(values[r][c] - shift[r]);
      total[r] += values[r][c];
    }
}

float unrelated(float v) { return std::log(v); }
