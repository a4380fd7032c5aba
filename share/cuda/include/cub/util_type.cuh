// cub's reduction operators, declared for nanguard's lint without a CUDA
// toolkit: the analysis reads cub::Max() as a maximum.
#pragma once
namespace cub {
struct Sum {
  template <class T> __host__ __device__ T operator()(const T &a, const T &b) const;
};
struct Max {
  template <class T> __host__ __device__ T operator()(const T &a, const T &b) const;
};
struct Min {
  template <class T> __host__ __device__ T operator()(const T &a, const T &b) const;
};
enum BlockReduceAlgorithm {
  BLOCK_REDUCE_RAKING_COMMUTATIVE_ONLY,
  BLOCK_REDUCE_RAKING,
  BLOCK_REDUCE_WARP_REDUCTIONS,
};
} // namespace cub
namespace cuda {
template <class T = void> struct maximum {
  template <class U> __host__ __device__ U operator()(const U &a, const U &b) const;
};
template <class T = void> struct minimum {
  template <class U> __host__ __device__ U operator()(const U &a, const U &b) const;
};
} // namespace cuda
