// CUDA kernels: softmax, layer norm, optimisers, losses, half precision.
// Analysed with the CUDA toolkit when there is one, else with nanguard's shim
// headers. Markers: see losses.cpp (the device corpus runs under test/gpu/).
#include <cuda_fp16.h>
#include <cub/block/block_reduce.cuh>
#include <cub/warp/warp_reduce.cuh>

#define WARP 32
#define FULL_MASK 0xffffffffu

__device__ __forceinline__ float warp_max(float v) {
  for (int o = WARP / 2; o > 0; o /= 2)
    v = fmaxf(v, __shfl_xor_sync(FULL_MASK, v, o));
  return v;
}

__device__ __forceinline__ float warp_sum(float v) {
  for (int o = WARP / 2; o > 0; o /= 2)
    v += __shfl_xor_sync(FULL_MASK, v, o);
  return v;
}

// One block per row, textbook softmax.
__global__ void softmax_naive(const float *x, float *y, int cols) {
  const float *row = x + blockIdx.x * cols;
  float sum = 0.f;
  for (int j = 0; j < cols; ++j)
    sum += expf(row[j]); // expect: nanguard-naive-softmax (triggered)
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    y[blockIdx.x * cols + j] = expf(row[j]) / sum; // expect: nanguard-naive-softmax (triggered)
}

// One warp per row, max and sum by shuffles.
__global__ void softmax_warp(const float *x, float *y, int cols) {
  const float *row = x + blockIdx.x * cols;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < cols; j += WARP)
    m = fmaxf(m, row[j]);
  m = warp_max(m);
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    s += __expf(row[j] - m); // safe
  s = warp_sum(s);
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = __expf(row[j] - m) / s; // safe
}

// Max reduction written out with __shfl_down_sync in the kernel.
__global__ void softmax_shfl_down(const float *x, float *y, int cols) {
  const float *row = x + blockIdx.x * cols;
  float v = threadIdx.x < cols ? row[threadIdx.x] : -INFINITY;
  float m = v;
  for (int o = 16; o > 0; o >>= 1)
    m = fmaxf(m, __shfl_down_sync(FULL_MASK, m, o));
  m = __shfl_sync(FULL_MASK, m, 0);
  float e = threadIdx.x < cols ? expf(v - m) : 0.f; // safe
  float s = e;
  for (int o = 16; o > 0; o >>= 1)
    s += __shfl_down_sync(FULL_MASK, s, o);
  s = __shfl_sync(FULL_MASK, s, 0);
  if (threadIdx.x < cols)
    y[blockIdx.x * cols + threadIdx.x] = e / s; // safe
}

// Block softmax with the maximum reduced through shared memory.
__global__ void softmax_shared(const float *x, float *y, int cols) {
  __shared__ float red[256];
  const float *row = x + blockIdx.x * cols;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    m = fmaxf(m, row[j]);
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
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    sum += expf(row[j] - row_max); // safe
  red[threadIdx.x] = sum;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s)
      red[threadIdx.x] += red[threadIdx.x + s];
    __syncthreads();
  }
  float total = red[0];
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    y[blockIdx.x * cols + j] = expf(row[j] - row_max) / total; // safe
}

// The reduction's operator: a maximum, by name (cub::Max in CCCL 2 and
// cuda::maximum in CCCL 3 are recognised too; a local one builds with both).
struct Maximum {
  template <class T> __device__ T operator()(const T &a, const T &b) const {
    return a > b ? a : b;
  }
};

// Block softmax through cub::BlockReduce with a maximum operator.
template <int THREADS>
__global__ void softmax_cub(const float *x, float *y, int cols) {
  using Reduce = cub::BlockReduce<float, THREADS>;
  __shared__ typename Reduce::TempStorage tmp;
  __shared__ float bmax, bsum;
  const float *row = x + blockIdx.x * cols;
  float v = threadIdx.x < cols ? row[threadIdx.x] : -INFINITY;
  float m = Reduce(tmp).Reduce(v, Maximum());
  if (threadIdx.x == 0)
    bmax = m;
  __syncthreads();
  float e = threadIdx.x < cols ? expf(v - bmax) : 0.f; // safe
  float s = Reduce(tmp).Sum(e);
  if (threadIdx.x == 0)
    bsum = s;
  __syncthreads();
  if (threadIdx.x < cols)
    y[blockIdx.x * cols + threadIdx.x] = e / bsum; // safe
}
template __global__ void softmax_cub<256>(const float *, float *, int);

// Warp softmax with cub::WarpReduce.
__global__ void softmax_cub_warp(const float *x, float *y, int cols) {
  using WReduce = cub::WarpReduce<float>;
  __shared__ typename WReduce::TempStorage tmp;
  float v = threadIdx.x < cols ? x[blockIdx.x * cols + threadIdx.x] : -INFINITY;
  float m = __shfl_sync(FULL_MASK, WReduce(tmp).Reduce(v, Maximum()), 0);
  float e = expf(v - m); // safe
  float s = __shfl_sync(FULL_MASK, WReduce(tmp).Sum(e), 0);
  if (threadIdx.x < cols)
    y[blockIdx.x * cols + threadIdx.x] = e / s; // safe
}

// Flash-attention style: exp2f of max-shifted scores scaled by log2(e).
__global__ void attention_scores(const float *s, float *p, float *l, int n, float scale) {
  const float log2e = 1.4426950408889634f;
  float m = -INFINITY;
  for (int j = 0; j < n; ++j)
    m = fmaxf(m, s[blockIdx.x * n + j]);
  float sum = 0.f;
  for (int j = 0; j < n; ++j) {
    float e = exp2f((s[blockIdx.x * n + j] - m) * scale * log2e); // safe
    p[blockIdx.x * n + j] = e;
    sum += e;
  }
  l[blockIdx.x] = m * scale + logf(sum); // safe
}

// Flash-attention inner loop: online softmax with a running max.
__global__ void online_softmax(const float *s, float *o, int n) {
  float m = -INFINITY, d = 0.f;
  for (int j = 0; j < n; ++j) {
    float x = s[blockIdx.x * n + j];
    float m_new = fmaxf(m, x);
    d = d * __expf(m - m_new) + __expf(x - m_new); // safe
    m = m_new;
  }
  o[blockIdx.x] = m + __logf(d); // safe
}

// Scores exponentiated without the max, log2 domain.
__global__ void attention_scores_naive(const float *s, float *p, int n) {
  const float log2e = 1.4426950408889634f;
  float sum = 0.f;
  for (int j = 0; j < n; ++j)
    sum += exp2f(s[blockIdx.x * n + j] * log2e); // expect: nanguard-naive-softmax
  for (int j = 0; j < n; ++j)
    p[blockIdx.x * n + j] = exp2f(s[blockIdx.x * n + j] * log2e) / sum; // expect: nanguard-naive-softmax
}

// Layer norm, one warp per row, no epsilon.
__global__ void layer_norm_no_eps(const float *x, float *y, int cols) {
  const float *row = x + blockIdx.x * cols;
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    s += row[j];
  float mean = warp_sum(s) / cols;
  float v = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    v += (row[j] - mean) * (row[j] - mean);
  float var = warp_sum(v) / cols;
  float rstd = rsqrtf(var); // expect: nanguard-div-by-variance (triggered)
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = (row[j] - mean) * rstd;
}

__global__ void layer_norm(const float *x, float *y, const float *gamma,
                           const float *beta, int cols, float eps) {
  const float *row = x + blockIdx.x * cols;
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    s += row[j];
  float mean = warp_sum(s) / cols;
  float v = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    v += (row[j] - mean) * (row[j] - mean);
  float var = warp_sum(v) / cols;
  float rstd = rsqrtf(var + eps); // safe
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = (row[j] - mean) * rstd * gamma[j] + beta[j];
}

// Layer norm with E[x^2] - E[x]^2 in one pass.
__global__ void layer_norm_one_pass(const float *x, float *y, int cols, float eps) {
  const float *row = x + blockIdx.x * cols;
  float s = 0.f, ss = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP) {
    s += row[j];
    ss += row[j] * row[j];
  }
  s = warp_sum(s);
  ss = warp_sum(ss);
  float mean = s / cols;
  float var = ss / cols - mean * mean;
  float rstd = rsqrtf(var + eps); // expect: nanguard-sqrt-domain
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = (row[j] - mean) * rstd;
}

// RMSNorm with a fast division by the norm.
__global__ void rms_norm_fdiv(const float *x, float *y, int cols) {
  float ss = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    ss += x[blockIdx.x * cols + j] * x[blockIdx.x * cols + j];
  float norm = sqrtf(warp_sum(ss) / cols);
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = __fdividef(x[blockIdx.x * cols + j], norm); // expect: nanguard-div-by-variance (triggered)
}

__global__ void rms_norm(const float *x, float *y, int cols, float eps) {
  float ss = 0.f;
  for (int j = threadIdx.x; j < cols; j += WARP)
    ss += x[blockIdx.x * cols + j] * x[blockIdx.x * cols + j];
  float inv = rsqrtf(warp_sum(ss) / cols + eps); // safe
  for (int j = threadIdx.x; j < cols; j += WARP)
    y[blockIdx.x * cols + j] = x[blockIdx.x * cols + j] * inv;
}

// Adam, element-wise.
__global__ void adam(float *w, const float *g, float *m, float *v, int n, float lr,
                     float b1, float b2, float eps, float bc1, float bc2) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  m[i] = b1 * m[i] + (1.f - b1) * g[i];
  v[i] = b2 * v[i] + (1.f - b2) * g[i] * g[i];
  w[i] -= lr * (m[i] / bc1) / (sqrtf(v[i] / bc2) + eps); // safe
}

__global__ void adam_no_eps(float *w, const float *g, float *m, float *v, int n, float lr) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n)
    return;
  m[i] = 0.9f * m[i] + 0.1f * g[i];
  v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
  w[i] -= lr * m[i] * rsqrtf(v[i]); // expect: nanguard-div-by-variance
}

// Cross-entropy from probabilities with a fast log.
__global__ void cross_entropy(const float *p, const int *label, float *loss, int classes) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  loss[i] = -__logf(p[i * classes + label[i]]); // expect: nanguard-unguarded-log (triggered)
}

__global__ void cross_entropy_clamped(const float *p, const int *label, float *loss, int classes) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  loss[i] = -__logf(fmaxf(p[i * classes + label[i]], 1e-7f)); // safe
}

// Cross-entropy from logits: log-softmax with a warp max.
__global__ void cross_entropy_logits(const float *z, const int *label, float *loss, int classes) {
  const float *row = z + blockIdx.x * classes;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < classes; j += WARP)
    m = fmaxf(m, row[j]);
  m = warp_max(m);
  float s = 0.f;
  for (int j = threadIdx.x; j < classes; j += WARP)
    s += expf(row[j] - m); // safe
  s = warp_sum(s);
  if (threadIdx.x == 0)
    loss[blockIdx.x] = m + logf(s) - row[label[blockIdx.x]]; // safe
}

// Sigmoid kernels.
__global__ void sigmoid_naive(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = __expf(x[i]) / (1.f + __expf(x[i])); // expect: nanguard-naive-sigmoid (triggered)
}

__global__ void sigmoid(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = 1.f / (1.f + __expf(-x[i])); // safe
}

// GELU, tanh approximation.
__global__ void gelu(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float v = x[i];
    y[i] = 0.5f * v * (1.f + tanhf(0.7978845608f * (v + 0.044715f * v * v * v))); // safe
  }
}

// SiLU through a raw exp of -x.
__global__ void silu(const float *x, float *y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = x[i] / (1.f + expf(-x[i])); // safe
}

// Half precision: exp of an activation, normalised naively.
__global__ void softmax_half_naive(const __half *x, __half *y, int cols) {
  float sum = 0.f;
  for (int j = 0; j < cols; ++j)
    sum += __half2float(hexp(x[blockIdx.x * cols + j])); // expect: nanguard-naive-softmax (triggered)
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    y[blockIdx.x * cols + j] = __float2half(__half2float(hexp(x[blockIdx.x * cols + j])) / sum); // expect: nanguard-naive-softmax
}

// Half-precision layer norm with an epsilon that is 0 in half.
__global__ void layer_norm_half(const __half *x, __half *y, __half mean, __half var) {
  __half eps = __float2half(1e-8f); // expect: nanguard-vanishing-epsilon
  y[threadIdx.x] = __hmul(__hsub(x[threadIdx.x], mean), hrsqrt(__hadd(var, eps))); // expect: nanguard-div-by-variance
}

__global__ void layer_norm_half_ok(const __half *x, __half *y, __half mean, __half var) {
  __half eps = __float2half(1e-4f); // safe
  y[threadIdx.x] = __hmul(__hsub(x[threadIdx.x], mean), hrsqrt(__hadd(var, eps))); // safe
}

// Half-precision exp of a logit: overflows past 11.09.
__global__ void half_exp(const __half *x, __half *y) {
  y[threadIdx.x] = hexp(x[threadIdx.x]); // expect: nanguard-raw-exp
}

// Half exp of a clamped argument.
__global__ void half_exp_clamped(const __half *x, __half *y) {
  float v = fminf(__half2float(x[threadIdx.x]), 10.f);
  y[threadIdx.x] = hexp(__float2half(v)); // safe
}

// Division of half values by a standard deviation.
__global__ void standardize_half(const __half *x, __half *y, __half mean, __half stddev) {
  y[threadIdx.x] = __hdiv(__hsub(x[threadIdx.x], mean), stddev); // expect: nanguard-div-by-variance
}

// Entropy of attention probabilities per row (bf16 storage, float math).
__global__ void row_entropy(const float *p, float *h, int cols) {
  float acc = 0.f;
  for (int j = 0; j < cols; ++j) {
    float pj = p[blockIdx.x * cols + j];
    acc -= pj * logf(pj); // expect: nanguard-plogp (triggered)
  }
  h[blockIdx.x] = acc;
}

__global__ void row_entropy_guarded(const float *p, float *h, int cols) {
  float acc = 0.f;
  for (int j = 0; j < cols; ++j) {
    float pj = p[blockIdx.x * cols + j];
    acc -= pj > 0.f ? pj * logf(pj) : 0.f; // safe
  }
  h[blockIdx.x] = acc;
}

// NaN test on device written with ==.
__global__ void count_nan(const float *x, int *count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && x[i] == NAN) // expect: nanguard-nan-comparison
    atomicAdd(count, 1);
}

__global__ void count_nan_ok(const float *x, int *count, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && isnan(x[i])) // safe
    atomicAdd(count, 1);
}
