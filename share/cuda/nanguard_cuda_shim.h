// nanguard_cuda_shim.h: the CUDA declarations nanguard's lint needs, for
// analysing .cu files where no CUDA toolkit is installed (with -nocudainc
// -nocudalib). Declarations only: it is never compiled into code.
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

extern "C" {
// The math functions device code calls (the C names, as in CUDA's headers).
__host__ __device__ float expf(float);
__host__ __device__ double exp(double);
__host__ __device__ float exp2f(float);
__host__ __device__ float expm1f(float);
__host__ __device__ float logf(float);
__host__ __device__ double log(double);
__host__ __device__ float log2f(float);
__host__ __device__ float log1pf(float);
__host__ __device__ float sqrtf(float);
__host__ __device__ double sqrt(double);
__host__ __device__ float rsqrtf(float);
__host__ __device__ double rsqrt(double);
__host__ __device__ float powf(float, float);
__host__ __device__ float fmaxf(float, float);
__host__ __device__ float fminf(float, float);
__host__ __device__ float fabsf(float);
__host__ __device__ float tanhf(float);
__host__ __device__ float acosf(float);
// Intrinsics: fast, approximate forms.
__device__ float __expf(float);
__device__ float __logf(float);
__device__ float __log2f(float);
__device__ float __powf(float, float);
__device__ float __fdividef(float, float);
__device__ float __frsqrt_rn(float);
}

__device__ float __shfl_xor_sync(unsigned, float, int, int = 32);
__device__ float __shfl_down_sync(unsigned, float, unsigned, int = 32);
__device__ void __syncthreads();
__device__ float atomicAdd(float *, float);

// Half and bfloat16: the types and the intrinsics the rules know.
struct __half { unsigned short x; };
struct __half2 { __half x, y; };
struct __nv_bfloat16 { unsigned short x; };
__host__ __device__ __half __float2half(float);
__host__ __device__ float __half2float(__half);
__host__ __device__ __nv_bfloat16 __float2bfloat16(float);
__device__ __half hexp(__half);
__device__ __half hlog(__half);
__device__ __half hsqrt(__half);
__device__ __half hrsqrt(__half);
__device__ __half __hdiv(__half, __half);
__device__ __half2 h2exp(__half2);
__device__ __half2 h2log(__half2);
__device__ __nv_bfloat16 hexp(__nv_bfloat16);
__device__ __nv_bfloat16 hlog(__nv_bfloat16);

#endif
