// cub::BlockReduce, declared for nanguard's lint without a CUDA toolkit.
#pragma once
#include <cub/util_type.cuh>
namespace cub {
template <class T, int BLOCK_DIM_X,
          BlockReduceAlgorithm ALGORITHM = BLOCK_REDUCE_WARP_REDUCTIONS,
          int BLOCK_DIM_Y = 1, int BLOCK_DIM_Z = 1, int LEGACY_PTX_ARCH = 0>
class BlockReduce {
public:
  struct TempStorage { char storage[1]; };
  __device__ BlockReduce(TempStorage &);
  template <class ReductionOp> __device__ T Reduce(T, ReductionOp);
  template <class ReductionOp> __device__ T Reduce(T, ReductionOp, int);
  __device__ T Sum(T);
  __device__ T Sum(T, int);
};
} // namespace cub
