// nanguard_cuda_shim.h: the CUDA declarations nanguard's lint needs, for
// analysing .cu files where no CUDA toolkit is installed (with -nocudainc
// -nocudalib, and include/ on the system include path for the toolkit's
// header names and cub). Declarations only: it is never compiled into code.
#ifndef NANGUARD_CUDA_SHIM_H
#define NANGUARD_CUDA_SHIM_H

#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))

#include "__clang_cuda_builtin_vars.h" // threadIdx, blockIdx, blockDim, gridDim
#include <math.h>


// Device-side allocation and printf, as clang's CUDA runtime wrapper
// declares them (its <new> wrapper, pulled in by the standard headers, calls
// them).
extern "C" {
__device__ int vprintf(const char *, const char *);
__device__ void free(void *) __attribute__((nothrow));
__device__ void *malloc(__SIZE_TYPE__) __attribute__((nothrow))
__attribute__((malloc));
}

#ifndef INFINITY
#define INFINITY __builtin_inff()
#endif
#ifndef NAN
#define NAN __builtin_nanf("")
#endif

// The math functions device code calls (the C names, as in CUDA's headers),
// for the device beside the C library's host ones, which <math.h> above
// declares (nvcc's headers bring them to host code too): a host and a
// device function of one signature may overload each other.
#define NANGUARD_DEVICE_1(F) __device__ float F##f(float); __device__ double F(double);
#define NANGUARD_DEVICE_2(F)                                                   \
  __device__ float F##f(float, float); __device__ double F(double, double);
#define NANGUARD_DEVICE_FLOAT(F) __device__ float F(float);
#define NANGUARD_DEVICE_FLOAT_2(F) __device__ float F(float, float);
extern "C" {
NANGUARD_DEVICE_1(exp) NANGUARD_DEVICE_1(exp2) NANGUARD_DEVICE_1(exp10)
NANGUARD_DEVICE_1(expm1) NANGUARD_DEVICE_1(log) NANGUARD_DEVICE_1(log2)
NANGUARD_DEVICE_1(log10) NANGUARD_DEVICE_1(log1p) NANGUARD_DEVICE_1(sqrt)
NANGUARD_DEVICE_1(rsqrt) NANGUARD_DEVICE_1(cbrt) NANGUARD_DEVICE_1(fabs)
NANGUARD_DEVICE_1(tanh) NANGUARD_DEVICE_1(acos) NANGUARD_DEVICE_1(asin)
NANGUARD_DEVICE_1(atanh) NANGUARD_DEVICE_1(sin) NANGUARD_DEVICE_1(cos)
NANGUARD_DEVICE_2(pow) NANGUARD_DEVICE_2(fmax) NANGUARD_DEVICE_2(fmin)
// Intrinsics: fast, approximate forms.
NANGUARD_DEVICE_FLOAT(__expf) NANGUARD_DEVICE_FLOAT(__exp10f)
NANGUARD_DEVICE_FLOAT(__logf) NANGUARD_DEVICE_FLOAT(__log2f)
NANGUARD_DEVICE_FLOAT(__log10f) NANGUARD_DEVICE_FLOAT(__frsqrt_rn)
NANGUARD_DEVICE_FLOAT(__fsqrt_rn) NANGUARD_DEVICE_FLOAT(__frcp_rn)
NANGUARD_DEVICE_FLOAT(__saturatef)
NANGUARD_DEVICE_FLOAT_2(__powf) NANGUARD_DEVICE_FLOAT_2(__fdividef)
NANGUARD_DEVICE_FLOAT_2(__fadd_rn) NANGUARD_DEVICE_FLOAT_2(__fsub_rn)
NANGUARD_DEVICE_FLOAT_2(__fmul_rn) NANGUARD_DEVICE_FLOAT_2(__fdiv_rn)
}

#define NANGUARD_DEVICE_TEST(F) __device__ bool F(float); __device__ bool F(double);
NANGUARD_DEVICE_TEST(isnan) NANGUARD_DEVICE_TEST(isinf) NANGUARD_DEVICE_TEST(isfinite)

// Warp shuffles, barriers, atomics.
__device__ float __shfl_sync(unsigned, float, int, int = 32);
__device__ int __shfl_sync(unsigned, int, int, int = 32);
__device__ float __shfl_xor_sync(unsigned, float, int, int = 32);
__device__ int __shfl_xor_sync(unsigned, int, int, int = 32);
__device__ float __shfl_down_sync(unsigned, float, unsigned, int = 32);
__device__ int __shfl_down_sync(unsigned, int, unsigned, int = 32);
__device__ float __shfl_up_sync(unsigned, float, unsigned, int = 32);
__device__ void __syncthreads();
__device__ void __syncwarp(unsigned = 0xffffffffu);
__device__ float atomicAdd(float *, float);
__device__ int atomicAdd(int *, int);
__device__ unsigned atomicAdd(unsigned *, unsigned);
__device__ int atomicMax(int *, int);
__device__ int atomicCAS(int *, int, int);
template <class T> __device__ T __ldg(const T *);

// Half and bfloat16: the types and the intrinsics the rules know.
struct __half { unsigned short x; };
struct __half2 { __half x, y; };
struct __nv_bfloat16 { unsigned short x; };
struct __nv_bfloat162 { __nv_bfloat16 x, y; };
__host__ __device__ __half __float2half(float);
__host__ __device__ __half __float2half_rn(float);
__host__ __device__ __half __double2half(double);
__host__ __device__ float __half2float(__half);
__host__ __device__ __half2 __floats2half2_rn(float, float);
__host__ __device__ __nv_bfloat16 __float2bfloat16(float);
__host__ __device__ __nv_bfloat16 __float2bfloat16_rn(float);
__host__ __device__ __nv_bfloat16 __double2bfloat16(double);
__host__ __device__ float __bfloat162float(__nv_bfloat16);
__device__ __half hexp(__half);
__device__ __half hexp2(__half);
__device__ __half hlog(__half);
__device__ __half hlog2(__half);
__device__ __half hsqrt(__half);
__device__ __half hrsqrt(__half);
__device__ __half __hadd(__half, __half);
__device__ __half __hsub(__half, __half);
__device__ __half __hmul(__half, __half);
__device__ __half __hdiv(__half, __half);
__device__ __half __hmax(__half, __half);
__device__ __half __hmin(__half, __half);
__device__ __half2 h2exp(__half2);
__device__ __half2 h2log(__half2);
__device__ __half2 h2sqrt(__half2);
__device__ __half2 h2rsqrt(__half2);
__device__ __half2 __h2div(__half2, __half2);
__device__ __nv_bfloat16 hexp(__nv_bfloat16);
__device__ __nv_bfloat16 hexp2(__nv_bfloat16);
__device__ __nv_bfloat16 hlog(__nv_bfloat16);
__device__ __nv_bfloat16 hlog2(__nv_bfloat16);
__device__ __nv_bfloat16 hsqrt(__nv_bfloat16);
__device__ __nv_bfloat16 hrsqrt(__nv_bfloat16);
__device__ __nv_bfloat16 __hadd(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat16 __hsub(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat16 __hmul(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat16 __hdiv(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat16 __hmax(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat16 __hmin(__nv_bfloat16, __nv_bfloat16);
__device__ __nv_bfloat162 h2exp(__nv_bfloat162);
__device__ __nv_bfloat162 h2log(__nv_bfloat162);
typedef __half half;
typedef __half2 half2;

// Vector types (vector_types.h), for 64- and 128-bit loads.
struct __attribute__((aligned(8))) float2 { float x, y; };
struct __attribute__((aligned(16))) float4 { float x, y, z, w; };
struct __attribute__((aligned(16))) int4 { int x, y, z, w; };
struct __attribute__((aligned(16))) double2 { double x, y; };

// The host side of a .cu file: the runtime API calls and types host code
// uses around its kernel launches, and what clang lowers `<<<...>>>` to.
struct dim3 {
  unsigned x, y, z;
  __host__ __device__ dim3(unsigned x = 1, unsigned y = 1, unsigned z = 1)
      : x(x), y(y), z(z) {}
};
typedef struct CUstream_st *cudaStream_t;
typedef struct CUevent_st *cudaEvent_t;
enum cudaError { cudaSuccess = 0, cudaErrorInvalidValue = 1,
                 cudaErrorMemoryAllocation = 2, cudaErrorLaunchFailure = 719 };
typedef enum cudaError cudaError_t;
enum cudaMemcpyKind { cudaMemcpyHostToHost = 0, cudaMemcpyHostToDevice = 1,
                      cudaMemcpyDeviceToHost = 2, cudaMemcpyDeviceToDevice = 3,
                      cudaMemcpyDefault = 4 };
extern "C" {
cudaError_t cudaMalloc(void **, __SIZE_TYPE__);
cudaError_t cudaMallocManaged(void **, __SIZE_TYPE__, unsigned = 1);
cudaError_t cudaMallocHost(void **, __SIZE_TYPE__);
cudaError_t cudaFree(void *);
cudaError_t cudaFreeHost(void *);
cudaError_t cudaMemcpy(void *, const void *, __SIZE_TYPE__, cudaMemcpyKind);
cudaError_t cudaMemcpyAsync(void *, const void *, __SIZE_TYPE__, cudaMemcpyKind,
                            cudaStream_t = 0);
cudaError_t cudaMemset(void *, int, __SIZE_TYPE__);
cudaError_t cudaMemsetAsync(void *, int, __SIZE_TYPE__, cudaStream_t = 0);
cudaError_t cudaDeviceSynchronize(void);
cudaError_t cudaDeviceReset(void);
cudaError_t cudaGetLastError(void);
cudaError_t cudaPeekAtLastError(void);
const char *cudaGetErrorString(cudaError_t);
const char *cudaGetErrorName(cudaError_t);
cudaError_t cudaSetDevice(int);
cudaError_t cudaGetDevice(int *);
cudaError_t cudaGetDeviceCount(int *);
cudaError_t cudaStreamCreate(cudaStream_t *);
cudaError_t cudaStreamDestroy(cudaStream_t);
cudaError_t cudaStreamSynchronize(cudaStream_t);
cudaError_t cudaEventCreate(cudaEvent_t *);
cudaError_t cudaEventDestroy(cudaEvent_t);
cudaError_t cudaEventRecord(cudaEvent_t, cudaStream_t = 0);
cudaError_t cudaEventSynchronize(cudaEvent_t);
cudaError_t cudaEventElapsedTime(float *, cudaEvent_t, cudaEvent_t);
// What clang lowers a kernel launch to (older and newer CUDA versions).
cudaError_t cudaConfigureCall(dim3, dim3, __SIZE_TYPE__ = 0, cudaStream_t = 0);
unsigned __cudaPushCallConfiguration(dim3, dim3, __SIZE_TYPE__ = 0,
                                     void * = 0);
cudaError_t cudaLaunchKernel(const void *, dim3, dim3, void **, __SIZE_TYPE__,
                             cudaStream_t);
}
template <class T> cudaError_t cudaMalloc(T **p, __SIZE_TYPE__ n) {
  return cudaMalloc((void **)p, n);
}
template <class T>
cudaError_t cudaMallocManaged(T **p, __SIZE_TYPE__ n, unsigned flags = 1) {
  return cudaMallocManaged((void **)p, n, flags);
}
template <class T> cudaError_t cudaMallocHost(T **p, __SIZE_TYPE__ n) {
  return cudaMallocHost((void **)p, n);
}
template <class T>
cudaError_t cudaMemcpyToSymbol(const T &, const void *, __SIZE_TYPE__,
                               __SIZE_TYPE__ = 0,
                               cudaMemcpyKind = cudaMemcpyHostToDevice);

// What nvcc provides beyond the toolkit's declarations (the cache-hint loads
// and stores, host-side max and min, ...), as with a toolkit.
#include "nanguard_nvcc_compat.h"

#endif
