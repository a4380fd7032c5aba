// A kernel, cut off before its end, whose C10_WARP_SIZE came from a header
// that is not there: Clang's typo correction reads it as WARP_SIZE, so that
// constant's initialiser refers to itself and none of the constants folds.
// Evaluating the loop bounds under the conditions of the constants they are
// built from used to take exponential time.
template <typename In, typename Out, typename Acc, int log2_n>
__global__ void rows(Out *out, const In *in, const Acc k, int batch, int count) {
  constexpr int width = 1 << log2_n;
  constexpr int WARP_SIZE = (width < C10_WARP_SIZE) ? width : C10_WARP_SIZE;
  constexpr int per_lane = width / WARP_SIZE;
  constexpr int per_warp = (width <= 128) ? 2 : 1;
  constexpr int vector = (per_lane < 4) ? 1 : 4;
  Acc values[per_warp][per_lane];
  Acc row_max[per_warp];
  for (int r = 0; r < per_warp; ++r) {
    for (int c = 0; c < per_lane; ++c) {
      values[r][c] = std::exp((values[r][c] - row_max[r]));
  }
}
