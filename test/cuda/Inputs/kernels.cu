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
