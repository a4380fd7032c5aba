// The overhead of risky mode on a softmax kernel: the same kernel built
// plain and instrumented, timed with CUDA events (median of 21 launches
// after 3 warm-up launches). Prints the median in microseconds.
#include <algorithm>
#include <cstdio>
#include <cuda_runtime.h>
#include <vector>

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

// One warp per row: max, sum of exps, normalise (an exp and a division per
// element, each checked in risky mode).
__global__ void softmax(const float *x, float *y, int rows, int cols) {
  int row = blockIdx.x * (blockDim.x / 32) + threadIdx.x / 32;
  int lane = threadIdx.x % 32;
  if (row >= rows)
    return;
  const float *r = x + (size_t)row * cols;
  float m = -INFINITY;
  for (int j = lane; j < cols; j += 32)
    m = fmaxf(m, r[j]);
  m = warp_max(m);
  float s = 0.f;
  for (int j = lane; j < cols; j += 32)
    s += __expf(r[j] - m);
  s = warp_sum(s);
  float inv = 1.f / s;
  for (int j = lane; j < cols; j += 32)
    y[(size_t)row * cols + j] = __expf(r[j] - m) * inv;
}

int main() {
  const int rows = 16384, cols = 4096;
  size_t n = (size_t)rows * cols;
  std::vector<float> h(n);
  for (size_t i = 0; i < n; ++i)
    h[i] = 0.001f * (float)(i % 1000);
  float *x, *y;
  cudaMalloc(&x, n * sizeof(float));
  cudaMalloc(&y, n * sizeof(float));
  cudaMemcpy(x, h.data(), n * sizeof(float), cudaMemcpyHostToDevice);
  dim3 block(256), grid((rows + 7) / 8);
  cudaEvent_t a, b;
  cudaEventCreate(&a);
  cudaEventCreate(&b);
  for (int i = 0; i < 3; ++i)
    softmax<<<grid, block>>>(x, y, rows, cols);
  std::vector<float> us;
  for (int i = 0; i < 21; ++i) {
    cudaEventRecord(a);
    softmax<<<grid, block>>>(x, y, rows, cols);
    cudaEventRecord(b);
    cudaEventSynchronize(b);
    float ms = 0;
    cudaEventElapsedTime(&ms, a, b);
    us.push_back(ms * 1000.f);
  }
  std::sort(us.begin(), us.end());
  cudaError_t e = cudaGetLastError();
  printf("softmax %d x %d: median %.1f us (%s)\n", rows, cols, us[us.size() / 2],
         cudaGetErrorString(e));
  cudaFree(x);
  cudaFree(y);
  return e == cudaSuccess ? 0 : 1;
}
