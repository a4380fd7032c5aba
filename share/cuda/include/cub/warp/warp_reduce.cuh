// cub::WarpReduce, declared for nanguard's lint without a CUDA toolkit.
#pragma once
#include <cub/util_type.cuh>
namespace cub {
template <class T, int LOGICAL_WARP_THREADS = 32, int LEGACY_PTX_ARCH = 0>
class WarpReduce {
public:
  struct TempStorage { char storage[1]; };
  __device__ WarpReduce(TempStorage &);
  template <class ReductionOp> __device__ T Reduce(T, ReductionOp);
  template <class ReductionOp> __device__ T Reduce(T, ReductionOp, int);
  __device__ T Sum(T);
  __device__ T Sum(T, int);
};
} // namespace cub
