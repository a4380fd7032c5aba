// CUDA kernels for the lint, analysed with the shim (no toolkit) and with a
// real toolkit: the same expectations. Host-side analysis sees the device
// functions, so each finding is reported once.
#ifndef NANGUARD_CUDA_SHIM_H
#include <cuda_fp16.h>
#endif

// ---- Positive cases. -----------------------------------------------------

__global__ void softmax_naive(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float sum = 0;
  for (int j = 0; j < n; ++j)
    sum += expf(x[j]);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps without subtracting the maximum: expf overflows to inf and inf/inf is NaN [nanguard-naive-softmax]
  if (i < n)
    y[i] = expf(x[i]) / sum;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: softmax normalises by a sum of exps
}

__global__ void fast_exp(const float *x, float *y) {
  y[threadIdx.x] = __expf(x[threadIdx.x]);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: __expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

__device__ float inv_std(float var) {
  return rsqrtf(var);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: rsqrtf of a variance that may be 0 (no epsilon) [nanguard-div-by-variance]
  // CHECK-FIXES: {{^}}  return rsqrtf(var + 1e-5f);{{$}}
}

__global__ void cross_entropy(const float *p, const int *label, float *loss) {
  int i = threadIdx.x;
  loss[i] = -__logf(p[i * 10 + label[i]]);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: __logf of a value that may be 0 or negative [nanguard-unguarded-log]
}

__device__ __half half_exp(__half h) {
  return hexp(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: hexp of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// ---- Negative cases. -----------------------------------------------------

__global__ void softmax_stable(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float m = x[0];
  for (int j = 1; j < n; ++j)
    m = fmaxf(m, x[j]);
  float sum = 0;
  for (int j = 0; j < n; ++j)
    sum += expf(x[j] - m);
  if (i < n)
    y[i] = expf(x[i] - m) / sum;
}

__global__ void layer_norm(const float *x, float *y, float mean, float var) {
  y[threadIdx.x] = (x[threadIdx.x] - mean) * rsqrtf(var + 1e-5f);
}

__device__ float safe_log(float p) { return __logf(fmaxf(p, 1e-30f)); }

__device__ float sigmoid(float x) { return 1.0f / (1.0f + __expf(-x)); }

__device__ float bounded(float x) { return __expf(fminf(x, 80.0f)); }

// ---- Reductions that find the maximum: guards. ---------------------------
#include <cub/block/block_reduce.cuh>

__device__ float warp_reduce_max(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}

__global__ void softmax_shuffle_down(const float *x, float *y) {
  float v = x[blockIdx.x * 32 + threadIdx.x];
  float m = v;
  for (int o = 16; o > 0; o >>= 1)
    m = fmaxf(m, __shfl_down_sync(0xffffffffu, m, o));
  m = __shfl_sync(0xffffffffu, m, 0);
  float e = expf(v - m);
  float s = e;
  for (int o = 16; o > 0; o >>= 1)
    s += __shfl_xor_sync(0xffffffffu, s, o);
  y[blockIdx.x * 32 + threadIdx.x] = e / s;
}

__global__ void softmax_shared_memory(const float *x, float *y, int n) {
  __shared__ float red[128];
  float m = -INFINITY;
  for (int j = threadIdx.x; j < n; j += blockDim.x)
    m = fmaxf(m, x[j]);
  red[threadIdx.x] = m;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s)
      red[threadIdx.x] = fmaxf(red[threadIdx.x], red[threadIdx.x + s]);
    __syncthreads();
  }
  float row_max = red[0];
  __syncthreads();
  float sum = 0.f;
  for (int j = threadIdx.x; j < n; j += blockDim.x)
    sum += expf(x[j] - row_max);
  red[threadIdx.x] = sum; // the buffer reused for the sum, after the load
  for (int j = threadIdx.x; j < n; j += blockDim.x)
    y[j] = expf(x[j] - row_max) / sum;
}

// The reduction's operator: a maximum, by name (cub::Max in CCCL 2 and
// cuda::maximum in CCCL 3 are recognised too; a local one builds with both).
struct Maximum {
  template <class T> __device__ T operator()(const T &a, const T &b) const {
    return a > b ? a : b;
  }
};

template <int THREADS>
__global__ void softmax_block_reduce(const float *x, float *y, int n) {
  using Reduce = cub::BlockReduce<float, THREADS>;
  __shared__ typename Reduce::TempStorage tmp;
  __shared__ float bmax;
  float v = threadIdx.x < n ? x[threadIdx.x] : -INFINITY;
  float m = Reduce(tmp).Reduce(v, Maximum());
  if (threadIdx.x == 0)
    bmax = m;
  __syncthreads();
  y[threadIdx.x] = expf(v - bmax);
}

// flash-attention's exp2 of scaled, max-shifted scores.
__device__ float scaled_score(float s, float row_max, float scale) {
  const float log2e = 1.4426950408889634f;
  return exp2f((s - row_max) * scale * log2e);
}

// A reduction that is not over the shifted values: still flagged.
__global__ void max_of_other_row(const float *x, const float *other, float *y) {
  float m = warp_reduce_max(other[threadIdx.x]) - 1.0f; // not a maximum of x
  y[threadIdx.x] = expf(x[threadIdx.x] - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

// ---- Division intrinsics and half arithmetic. ----------------------------

__global__ void rms_fast_divide(const float *x, float *y, float ss, int n) {
  float norm = sqrtf(ss / n);
  y[threadIdx.x] = __fdividef(x[threadIdx.x], norm);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: __fdividef by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}

__global__ void rms_fast_divide_eps(const float *x, float *y, float ss, int n) {
  y[threadIdx.x] = __fdividef(x[threadIdx.x], sqrtf(ss / n + 1e-6f));
}

__global__ void standardize_half(const __half *x, __half *y, __half mean, __half stddev) {
  y[threadIdx.x] = __hdiv(__hsub(x[threadIdx.x], mean), stddev);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: __hdiv by a standard deviation, variance or norm that may be 0 (no epsilon) [nanguard-div-by-variance]
}

__global__ void layer_norm_half(const __half *x, __half *y, __half var) {
  __half eps = __float2half(1e-8f);
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 1e-08 is 0 in '__half' (its smallest subnormal is 5.96046e-08): an epsilon that vanishes guards nothing [nanguard-vanishing-epsilon]
  y[threadIdx.x] = __hmul(x[threadIdx.x], hrsqrt(__hadd(var, eps)));
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: hrsqrt of a variance that may be 0 (no epsilon) [nanguard-div-by-variance]
}

__global__ void layer_norm_half_eps(const __half *x, __half *y, __half var) {
  __half eps = __float2half(1e-4f);
  y[threadIdx.x] = __hmul(x[threadIdx.x], hrsqrt(__hadd(var, eps)));
}

__global__ void exp_of_clamped_half(const __half *x, __half *y) {
  float v = fminf(__half2float(x[threadIdx.x]), 10.f);
  y[threadIdx.x] = hexp(__float2half(v));
}
