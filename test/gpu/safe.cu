// Stable softmax and layer norm with an epsilon on the same kind of input:
// the instrumented build reports nothing and prints what the plain build
// prints.
#include <cstdio>
#include <cuda_runtime.h>

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

__global__ void softmax(const float *x, float *y, int cols) {
  const float *row = x + (size_t)blockIdx.x * cols;
  float m = -INFINITY;
  for (int j = threadIdx.x; j < cols; j += 32)
    m = fmaxf(m, row[j]);
  m = warp_max(m);
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    s += expf(row[j] - m);
  s = warp_sum(s);
  for (int j = threadIdx.x; j < cols; j += 32)
    y[(size_t)blockIdx.x * cols + j] = expf(row[j] - m) / s;
}

__global__ void layer_norm(const float *x, float *y, int cols, float eps) {
  const float *row = x + (size_t)blockIdx.x * cols;
  float s = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    s += row[j];
  float mean = warp_sum(s) / cols;
  float v = 0.f;
  for (int j = threadIdx.x; j < cols; j += 32)
    v += (row[j] - mean) * (row[j] - mean);
  float rstd = rsqrtf(warp_sum(v) / cols + eps);
  for (int j = threadIdx.x; j < cols; j += 32)
    y[(size_t)blockIdx.x * cols + j] = (row[j] - mean) * rstd;
}

int main() {
  const int rows = 256, cols = 1024;
  size_t n = (size_t)rows * cols;
  float *h = new float[n];
  for (size_t i = 0; i < n; ++i)
    h[i] = (i % cols == 7) ? 1000.f : (i / cols == 5 ? 3.0f : 0.01f * (float)(i % 13));
  float *x, *y;
  cudaMalloc(&x, n * sizeof(float));
  cudaMalloc(&y, n * sizeof(float));
  cudaMemcpy(x, h, n * sizeof(float), cudaMemcpyHostToDevice);
  double checksum = 0;
  softmax<<<rows, 32>>>(x, y, cols);
  cudaMemcpy(h, y, n * sizeof(float), cudaMemcpyDeviceToHost);
  for (size_t i = 0; i < n; ++i)
    checksum += h[i];
  printf("softmax checksum %.6f\n", checksum);
  cudaMemcpy(x, h, n * sizeof(float), cudaMemcpyHostToDevice);
  layer_norm<<<rows, 32>>>(x, y, cols, 1e-5f);
  cudaError_t e = cudaDeviceSynchronize();
  cudaMemcpy(h, y, n * sizeof(float), cudaMemcpyDeviceToHost);
  checksum = 0;
  for (size_t i = 0; i < n; ++i)
    checksum += h[i] * h[i];
  printf("layer norm checksum %.6f, status %s\n", checksum, cudaGetErrorString(e));
  cudaFree(x);
  cudaFree(y);
  delete[] h;
  return e == cudaSuccess ? 0 : 1;
}
