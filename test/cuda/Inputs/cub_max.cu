// cub::Max(), CCCL 2's spelling (CCCL 3 has cuda::maximum<>), through the
// shim's cub headers.
#include <cub/cub.cuh>

__global__ void softmax_block(const float *x, float *y, int n) {
  using Reduce = cub::BlockReduce<float, 128>;
  __shared__ Reduce::TempStorage tmp;
  __shared__ float bmax, bsum;
  float v = threadIdx.x < n ? x[threadIdx.x] : -INFINITY;
  float m = Reduce(tmp).Reduce(v, cub::Max());
  if (threadIdx.x == 0)
    bmax = m;
  __syncthreads();
  float e = expf(v - bmax);
  float s = Reduce(tmp).Sum(e);
  if (threadIdx.x == 0)
    bsum = s;
  __syncthreads();
  y[threadIdx.x] = e / bsum;
}

__global__ void softmax_min_not_max(const float *x, float *y, int n) {
  using Reduce = cub::BlockReduce<float, 128>;
  __shared__ Reduce::TempStorage tmp;
  float v = threadIdx.x < n ? x[threadIdx.x] : 0.f;
  float m = Reduce(tmp).Reduce(v, cub::Min());
  y[threadIdx.x] = expf(v - m);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}

__global__ void softmax_cccl3(const float *x, float *y, int n) {
  using Reduce = cub::BlockReduce<float, 128>;
  __shared__ Reduce::TempStorage tmp;
  float v = threadIdx.x < n ? x[threadIdx.x] : -INFINITY;
  float m = __shfl_sync(0xffffffffu, Reduce(tmp).Reduce(v, cuda::maximum<>()), 0);
  y[threadIdx.x] = expf(v - m);
}
