// Layer norm without an epsilon on a constant row: the variance is 0 and
// rsqrtf(0) is inf; (x - mean) * inf is 0 * inf = NaN. The instrumented
// build names the rsqrtf, where the NaN was born.
#include <cstdio>
#include <cuda_runtime.h>

__device__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1)
    v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

__global__ void layer_norm(const float *x, float *y, int cols) {
  const float *row = x + (size_t)blockIdx.x * cols;
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    s += row[j];
  float mean = warp_sum(s) / cols;
  float v = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    v += (row[j] - mean) * (row[j] - mean);
  float var = warp_sum(v) / cols;
  float rstd = rsqrtf(var);
  for (int j = threadIdx.x; j < cols; j += 32)
    y[(size_t)blockIdx.x * cols + j] = (row[j] - mean) * rstd;
}

int main() {
  const int rows = 64, cols = 512;
  size_t n = (size_t)rows * cols;
  float *h = new float[n];
  for (size_t i = 0; i < n; ++i)
    h[i] = (i / cols == 5) ? 3.0f : (float)(i % 17) * 0.1f; // row 5 is constant
  float *x, *y;
  cudaMalloc(&x, n * sizeof(float));
  cudaMalloc(&y, n * sizeof(float));
  cudaMemcpy(x, h, n * sizeof(float), cudaMemcpyHostToDevice);
  layer_norm<<<rows, 32>>>(x, y, cols);
  cudaError_t e = cudaDeviceSynchronize();
  cudaMemcpy(h, y, n * sizeof(float), cudaMemcpyDeviceToHost);
  printf("status %s, y[5][0] = %g\n", cudaGetErrorString(e), h[5 * cols]);
  cudaFree(x);
  cudaFree(y);
  delete[] h;
  return e == cudaSuccess ? 0 : 1;
}
