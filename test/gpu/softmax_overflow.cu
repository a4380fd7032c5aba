// A naive softmax fed a logit of 1000 in every row, over a million threads:
// expf overflows in every thread, and the instrumented build reports the
// site once, with the block and thread that hit it first.
#include <cstdio>
#include <cuda_runtime.h>

__global__ void softmax_naive(const float *x, float *y, int cols) {
  const float *row = x + (size_t)blockIdx.x * cols;
  float sum = 0.f;
  for (int j = 0; j < cols; ++j)
    sum += expf(row[j]);
  int j = threadIdx.x;
  if (j < cols)
    y[(size_t)blockIdx.x * cols + j] = expf(row[j]) / sum;
}

int main() {
  const int rows = 4096, cols = 256; // 1,048,576 threads
  size_t n = (size_t)rows * cols;
  float *h = new float[n];
  for (size_t i = 0; i < n; ++i)
    h[i] = (i % cols == 7) ? 1000.f : 0.01f * (float)(i % 13);
  float *x, *y;
  cudaMalloc(&x, n * sizeof(float));
  cudaMalloc(&y, n * sizeof(float));
  cudaMemcpy(x, h, n * sizeof(float), cudaMemcpyHostToDevice);
  softmax_naive<<<rows, cols>>>(x, y, cols);
  cudaError_t e = cudaDeviceSynchronize();
  cudaMemcpy(h, y, n * sizeof(float), cudaMemcpyDeviceToHost);
  printf("status %s, y[7] = %g\n", cudaGetErrorString(e), h[7]);
  cudaFree(x);
  cudaFree(y);
  delete[] h;
  return e == cudaSuccess ? 0 : 1;
}
