// Two softmax kernels over the rows of a logit matrix: the textbook one
// (nanguard flags it; a logit of 100 makes its exps overflow to inf and the
// row NaN) and the stable one, with the maximum reduced across the warp.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void softmax_naive(const float *logits, float *probs, int cols) {
  const float *row = logits + (size_t)blockIdx.x * cols;
  float sum = 0.f;
  for (int j = 0; j < cols; ++j)
    sum += expf(row[j]);
  for (int j = threadIdx.x; j < cols; j += blockDim.x)
    probs[(size_t)blockIdx.x * cols + j] = expf(row[j]) / sum;
}

__device__ float warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}

__device__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

// One warp per row.
__global__ void softmax_stable(const float *logits, float *probs, int cols) {
  const float *row = logits + (size_t)blockIdx.x * cols;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < cols; j += 32)
    m = fmaxf(m, row[j]);
  m = warp_max(m);
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    s += expf(row[j] - m);
  s = warp_sum(s);
  for (int j = threadIdx.x; j < cols; j += 32)
    probs[(size_t)blockIdx.x * cols + j] = expf(row[j] - m) / s;
}

int main() {
  const int rows = 8, cols = 64;
  float h[rows * cols];
  for (int i = 0; i < rows * cols; ++i)
    h[i] = (i % cols == 3) ? 100.f : 0.1f * (float)(i % 7);
  float *x, *y;
  cudaMalloc(&x, sizeof(h));
  cudaMalloc(&y, sizeof(h));
  cudaMemcpy(x, h, sizeof(h), cudaMemcpyHostToDevice);
  softmax_naive<<<rows, 32>>>(x, y, cols);
  cudaMemcpy(h, y, sizeof(h), cudaMemcpyDeviceToHost);
  printf("naive:  p[0][3] = %g\n", h[3]);
  softmax_stable<<<rows, 32>>>(x, y, cols);
  cudaError_t e = cudaMemcpy(h, y, sizeof(h), cudaMemcpyDeviceToHost);
  printf("stable: p[0][3] = %g (%s)\n", h[3], cudaGetErrorString(e));
  cudaFree(x);
  cudaFree(y);
  return e == cudaSuccess ? 0 : 1;
}
