// Models "warp-shuffle" and "reduction" (cooperative groups): a value moved
// from another lane is a value of the same kind, and cg::reduce with
// cg::greater is a maximum over the group's lanes. The declarations below
// stand in for <cooperative_groups/reduce.h>.
namespace cooperative_groups {
struct thread_block_tile32 {};
template <class T> struct greater {
  __device__ T operator()(T a, T b) const { return a > b ? a : b; }
};
template <class T> struct less {
  __device__ T operator()(T a, T b) const { return a < b ? a : b; }
};
template <class Group, class T, class Op>
__device__ T reduce(const Group &g, T v, Op op);
} // namespace cooperative_groups
namespace cg = cooperative_groups;

__device__ float warp_max(float v) {
  for (int o = 16; o > 0; o /= 2)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}

__global__ void by_shuffle(const float *x, float *y) {
  float v = x[threadIdx.x];
  float m = v;
  for (int o = 16; o > 0; o /= 2)
    m = fmaxf(m, __shfl_down_sync(0xffffffffu, m, o));
  m = __shfl_sync(0xffffffffu, m, 0);
  y[threadIdx.x] = expf(v - m);
}

__global__ void by_group(const float *x, float *y, cg::thread_block_tile32 warp) {
  float v = x[threadIdx.x];
  float m = cg::reduce(warp, v, cg::greater<float>());
  y[threadIdx.x] = expf(v - m);
}

__global__ void by_group_min(const float *x, float *y, cg::thread_block_tile32 warp) {
  float v = x[threadIdx.x];
  float m = cg::reduce(warp, v, cg::less<float>());
  y[threadIdx.x] = expf(v - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// Merging online-softmax states across lanes: the value from another lane
// is compared with this lane's, not taken to equal it.
__global__ void merge_lanes(const float *x, float *y, int n) {
  float maxval = -INFINITY, sumval = 0.f;
  for (int i = threadIdx.x % 32; i < n; i += 32) {
    float bigger = fmaxf(maxval, x[i]);
    sumval = sumval * expf(maxval - bigger) + expf(x[i] - bigger);
    maxval = bigger;
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    float offsetMaxval = __shfl_down_sync(0xffffffffu, maxval, offset);
    float offsetSumval = __shfl_down_sync(0xffffffffu, sumval, offset);
    if (offsetMaxval > maxval) {
      sumval *= expf(maxval - offsetMaxval);
      maxval = offsetMaxval;
    } else {
      offsetSumval *= expf(offsetMaxval - maxval);
    }
    sumval += offsetSumval;
  }
  y[threadIdx.x] = sumval;
}

// A load intrinsic reads an element, as `*p` does.
__global__ void loads(const float *x, float *y, int n) {
  float m = -INFINITY;
  for (int i = 0; i < n; ++i)
    m = fmaxf(m, x[i]);
  for (int i = 0; i < n; ++i)
    y[i] = expf(__ldg(x + i) - m);
}
