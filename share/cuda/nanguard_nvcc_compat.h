/*===- nanguard_nvcc_compat.h - What nvcc provides and clang's CUDA lacks ---===
 *
 * Forced into every CUDA translation unit nanguard analyses (after clang's
 * CUDA runtime wrapper, with the toolkit and with nanguard_cuda_shim.h
 * alike), so that code nvcc compiles also parses with clang. Declarations
 * only: nothing here is compiled into a program.
 *
 *===-----------------------------------------------------------------------===*/

#ifndef NANGUARD_NVCC_COMPAT_H
#define NANGUARD_NVCC_COMPAT_H

/* nvcc's version macros, from the toolkit's CUDA_VERSION (12040 is 12.4). */
#ifndef __CUDACC_VER_MAJOR__
#if defined(CUDA_VERSION)
#define __CUDACC_VER_MAJOR__ (CUDA_VERSION / 1000)
#define __CUDACC_VER_MINOR__ (CUDA_VERSION % 1000 / 10)
#else
#define __CUDACC_VER_MAJOR__ 12
#define __CUDACC_VER_MINOR__ 4
#endif
#define __CUDACC_VER_BUILD__ 0
#endif

/* nvcc's headers bring the C library's math and time functions to host code
 * (`isfinite(x)` and `clock()` in a host function of a .cu file). */
#include <math.h>
#include <time.h>

#if defined(__device__) && defined(__host__) /* CUDA's headers or the shim */

/* The cache-hint stores (and loads) that LLVM's CUDA headers do not declare
 * for every type: one template per intrinsic takes any element type; where
 * LLVM declares an overload, that one is preferred. */
template <class T> __device__ T __ldcg(const T *);
template <class T> __device__ T __ldca(const T *);
template <class T> __device__ T __ldcs(const T *);
template <class T> __device__ T __ldlu(const T *);
template <class T> __device__ T __ldcv(const T *);
template <class T> __device__ void __stwb(T *, T);
template <class T> __device__ void __stcg(T *, T);
template <class T> __device__ void __stcs(T *, T);
template <class T> __device__ void __stwt(T *, T);

/* Host-side integer and floating max/min, which nvcc declares for host and
 * device code alike and clang's CUDA headers only for the device. */
#define NANGUARD_HOST_MAX_MIN(T)                                               \
  __host__ T max(T, T);                                                        \
  __host__ T min(T, T);
NANGUARD_HOST_MAX_MIN(int)
NANGUARD_HOST_MAX_MIN(unsigned int)
NANGUARD_HOST_MAX_MIN(long)
NANGUARD_HOST_MAX_MIN(unsigned long)
NANGUARD_HOST_MAX_MIN(long long)
NANGUARD_HOST_MAX_MIN(unsigned long long)
NANGUARD_HOST_MAX_MIN(float)
NANGUARD_HOST_MAX_MIN(double)
#undef NANGUARD_HOST_MAX_MIN

#endif /* __device__ && __host__ */

#endif
