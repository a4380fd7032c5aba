#include <cmath>
#include <cooperative_groups.h>
#include <cublas_v2.h>
namespace cg = cooperative_groups;

__global__ void uses_groups(const float *x, float *y) {
  cg::thread_block block = cg::this_thread_block();
  y[threadIdx.x] = logf(x[threadIdx.x]);
}

__global__ void plain(const float *x, float *y) {
  y[threadIdx.x] = expf(x[threadIdx.x]);
}
