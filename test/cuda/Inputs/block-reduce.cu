// A block-wide maximum: a warp reduction, one value per warp in shared
// memory, and a second warp reduction over those (padded with -FLT_MAX
// where a lane has no warp). The block maximum bounds every value of every
// warp, and a struct that returns it bounds the row it was taken over; a
// small accessor (`vec_at`) reads an element of the vector it is given.
namespace cooperative_groups {
struct thread_block_tile32 {};
template <class T> struct greater {
  __device__ T operator()(T a, T b) const { return a > b ? a : b; }
};
template <class T> struct plus {
  __device__ T operator()(T a, T b) const { return a + b; }
};
template <class Group, class T, class Op>
__device__ T reduce(const Group &g, T v, Op op);
} // namespace cooperative_groups
namespace cg = cooperative_groups;

#define LOWEST_FLOAT (-3.402823466e+38f)

struct SoftmaxParams {
  float Scale;
  float Offset;
};

__device__ float vec_at(const float4 &vec, int index) {
  return reinterpret_cast<const float *>(&vec)[index];
}

__device__ SoftmaxParams prepare(cg::thread_block_tile32 &warp,
                                 const float *inp, int V) {
  const float4 *x4 = reinterpret_cast<const float4 *>(inp);
  float thread_maxval = -INFINITY, thread_sumval = 0.0f;
  for (int i = threadIdx.x; i < V / 4; i += blockDim.x) {
    float4 v4 = x4[i];
    for (int k = 0; k < 4; k++) {
      float old_maxval = thread_maxval;
      thread_maxval = fmaxf(thread_maxval, vec_at(v4, k));
      thread_sumval *= expf(old_maxval - thread_maxval);
      thread_sumval += expf(vec_at(v4, k) - thread_maxval);
    }
  }
  __shared__ float shared_maxval[32];
  __shared__ float shared_sumval[32];
  int num_warps = blockDim.x / 32;
  int warp_id = threadIdx.x / 32;
  int lane_id = threadIdx.x % 32;
  float warp_maxval = cg::reduce(warp, thread_maxval, cg::greater<float>{});
  if (lane_id == 0)
    shared_maxval[warp_id] = warp_maxval;
  __syncthreads();
  warp_maxval = (lane_id < num_warps) ? shared_maxval[lane_id] : LOWEST_FLOAT;
  float block_maxval = cg::reduce(warp, warp_maxval, cg::greater<float>{});
  thread_sumval *= expf(thread_maxval - block_maxval);
  float warp_sumval = cg::reduce(warp, thread_sumval, cg::plus<float>{});
  if (lane_id == 0)
    shared_sumval[warp_id] = warp_sumval;
  __syncthreads();
  warp_sumval = (lane_id < num_warps) ? shared_sumval[lane_id] : 0.0f;
  float block_sumval = cg::reduce(warp, warp_sumval, cg::plus<float>{});
  return SoftmaxParams{1.f / block_sumval, block_maxval};
}

__global__ void classifier(float *losses, float *probs, const float *logits,
                           const int *targets, int V,
                           cg::thread_block_tile32 warp) {
  int idx = blockIdx.x;
  SoftmaxParams sp = prepare(warp, logits + idx * V, V);
  const float4 *lv4 = reinterpret_cast<const float4 *>(logits + idx * V);
  for (int i = threadIdx.x; i < V / 4; i += blockDim.x) {
    float4 v4 = lv4[i];
    for (int k = 0; k < 4; ++k)
      probs[idx * V + i * 4 + k] = expf(vec_at(v4, k) - sp.Offset) * sp.Scale;
  }
}

// The shared array holds sums, not maxima: their reduction bounds nothing.
__device__ float wrong_array(cg::thread_block_tile32 &warp, const float *x) {
  __shared__ float shared_maxval[32];
  __shared__ float shared_sumval[32];
  float v = x[threadIdx.x];
  int lane_id = threadIdx.x % 32, warp_id = threadIdx.x / 32;
  float warp_maxval = cg::reduce(warp, v, cg::greater<float>{});
  float warp_sumval = cg::reduce(warp, v, cg::plus<float>{});
  if (lane_id == 0) {
    shared_maxval[warp_id] = warp_maxval;
    shared_sumval[warp_id] = warp_sumval;
  }
  __syncthreads();
  float other = (lane_id < blockDim.x / 32) ? shared_sumval[lane_id] : LOWEST_FLOAT;
  float block_maxval = cg::reduce(warp, other, cg::greater<float>{});
  return expf(v - block_maxval);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// A sum over the lanes of the gathered maxima is no maximum.
__device__ float summed(cg::thread_block_tile32 &warp, const float *x) {
  __shared__ float shared_maxval[32];
  float v = x[threadIdx.x];
  int lane_id = threadIdx.x % 32, warp_id = threadIdx.x / 32;
  float warp_maxval = cg::reduce(warp, v, cg::greater<float>{});
  if (lane_id == 0)
    shared_maxval[warp_id] = warp_maxval;
  __syncthreads();
  warp_maxval = (lane_id < blockDim.x / 32) ? shared_maxval[lane_id] : 0.0f;
  float total = cg::reduce(warp, warp_maxval, cg::plus<float>{});
  return expf(v - total);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// An accessor reads the vector it is given, not another one.
__device__ float other_vector(const float4 *a, const float4 *b, int i) {
  float4 va = a[i], vb = b[i];
  float m = fmaxf(fmaxf(vec_at(va, 0), vec_at(va, 1)),
                  fmaxf(vec_at(va, 2), vec_at(va, 3)));
  return expf(vec_at(vb, 0) - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// A block reduction given the warp reduction it applies as a template
// argument is the reduction that function names.
__device__ inline float warpReduceMax(float val) {
  for (int offset = 16; offset > 0; offset /= 2)
    val = fmaxf(val, __shfl_xor_sync(0xFFFFFFFF, val, offset));
  return val;
}
__device__ inline float warpReduceSum(float val) {
  for (int offset = 16; offset > 0; offset /= 2)
    val += __shfl_xor_sync(0xFFFFFFFF, val, offset);
  return val;
}
using reduction_func_t = float (*)(float);
template <reduction_func_t warp_reduction>
__device__ float blockReduce(float val, bool final_sync = false,
                             float out_of_bounds = 0.0f);

__device__ float by_template_argument(const float *x, int n) {
  float m = -INFINITY;
  for (int i = threadIdx.x; i < n; i += blockDim.x)
    m = fmaxf(m, x[i]);
  float block_max = blockReduce<warpReduceMax>(m, false, -INFINITY);
  float block_sum = blockReduce<warpReduceSum>(m);
  float a = expf(m - block_max);
  float b = expf(m - block_sum);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  return a + b;
}

// A vector loaded through a pointer into the row (`&row[i]`) holds the
// row's elements.
__global__ void by_address(float *probs, const float *logits, int V,
                           cg::thread_block_tile32 warp) {
  SoftmaxParams sp = prepare(warp, logits, V);
  const float *row = logits;
  for (int i = threadIdx.x; i < V; i += blockDim.x) {
    float v = __ldcs(&row[i]);
    probs[i] = expf(v - sp.Offset) * sp.Scale;
  }
}

// An accessor that returns a reference reads the same element, and using
// it does not change the vector.
__device__ float &vec_ref(float4 &vec, int index) {
  return reinterpret_cast<float *>(&vec)[index];
}

__global__ void online(float *out, float inv_temperature, const float *inp,
                       int T) {
  const float *x = inp + blockIdx.x * T;
  const float4 *x_vec = reinterpret_cast<const float4 *>(x);
  float maxval = LOWEST_FLOAT, sumval = 0.0f;
  for (int i = threadIdx.x; i < T / 4; i += 32) {
    float4 v = x_vec[i];
    float old_maxval = maxval;
    for (int k = 0; k < 4; ++k)
      maxval = fmaxf(maxval, vec_ref(v, k));
    sumval *= expf(inv_temperature * (old_maxval - maxval));
    for (int k = 0; k < 4; ++k)
      sumval += expf(inv_temperature * (vec_ref(v, k) - maxval));
  }
  out[blockIdx.x] = sumval;
}

// A vectorised load of the file (a packed type built from a cache-hinted
// load through its pointer) holds the elements it reads; its operator[]
// reads one of them.
template <class T> struct alignas(16) Pack {
  Pack() = default;
  __device__ explicit Pack(int4 bits) { *reinterpret_cast<int4 *>(data) = bits; }
  __device__ const T &operator[](int i) const { return data[i]; }
  static constexpr const int size = sizeof(int4) / sizeof(T);
  T data[size];
};
template <class T> __device__ Pack<T> load_pack(const T *address) {
  return Pack<T>{__ldcs(reinterpret_cast<const int4 *>(address))};
}
__device__ SoftmaxParams prepare_packed(const float *inp, int V, int P, int idx) {
  const float *x = inp + idx * P;
  float m = -INFINITY, s = 0.0f;
  for (int i = threadIdx.x; i < V / 4; i += blockDim.x) {
    Pack<float> p = load_pack(x + i * Pack<float>::size);
    for (int k = 0; k < p.size; ++k) {
      float v = p[k];
      float old = m;
      m = fmaxf(m, v);
      s *= expf(old - m);
      s += expf(v - m);
    }
  }
  return SoftmaxParams{1.f / s, m};
}
__global__ void packed(float *probs, const float *logits, int V, int P) {
  int idx = blockIdx.x;
  SoftmaxParams sp = prepare_packed(logits, V, P, idx);
  const float *row = logits + idx * P;
  for (int i = threadIdx.x; i < V / 4; i += blockDim.x) {
    Pack<float> p = load_pack(row + i * Pack<float>::size);
    for (int k = 0; k < p.size; ++k)
      probs[idx * P + i * 4 + k] = expf(p[k] - sp.Offset) * sp.Scale;
  }
}

// A load of another array is bounded by nothing here.
__global__ void packed_other(float *probs, const float *logits,
                             const float *other, int V, int P) {
  int idx = blockIdx.x;
  SoftmaxParams sp = prepare_packed(logits, V, P, idx);
  for (int i = threadIdx.x; i < V / 4; i += blockDim.x) {
    Pack<float> p = load_pack(other + i * Pack<float>::size);
    for (int k = 0; k < p.size; ++k)
      probs[idx * P + i * 4 + k] = expf(p[k] - sp.Offset) * sp.Scale;
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
  }
}
