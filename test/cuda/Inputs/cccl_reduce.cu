// cub from CUDA 13's include/cccl: a block maximum through
// cub::BlockReduce, then one unbounded exp.
#include <cub/block/block_reduce.cuh>

// The reduction's operator: a maximum, by name (cub::Max in CCCL 2 and
// cuda::maximum in CCCL 3 are recognised too; a local one builds with both).
struct Maximum {
  template <class T> __device__ T operator()(const T &a, const T &b) const {
    return a > b ? a : b;
  }
};


__global__ void shifted(const float *x, float *y) {
  using Reduce = cub::BlockReduce<float, 128>;
  __shared__ Reduce::TempStorage tmp;
  __shared__ float bmax;
  float v = x[threadIdx.x];
  float m = Reduce(tmp).Reduce(v, Maximum());
  if (threadIdx.x == 0)
    bmax = m;
  __syncthreads();
  y[threadIdx.x] = expf(v - bmax) + __expf(v);
}
