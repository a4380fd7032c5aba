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

extern "C" {
// The math functions device code calls (the C names, as in CUDA's headers).
__host__ __device__ float expf(float);
__host__ __device__ double exp(double);
__host__ __device__ float exp2f(float);
__host__ __device__ double exp2(double);
__host__ __device__ float exp10f(float);
__host__ __device__ float expm1f(float);
__host__ __device__ double expm1(double);
__host__ __device__ float logf(float);
__host__ __device__ double log(double);
__host__ __device__ float log2f(float);
__host__ __device__ double log2(double);
__host__ __device__ float log10f(float);
__host__ __device__ double log10(double);
__host__ __device__ float log1pf(float);
__host__ __device__ double log1p(double);
__host__ __device__ float sqrtf(float);
__host__ __device__ double sqrt(double);
__host__ __device__ float rsqrtf(float);
__host__ __device__ double rsqrt(double);
__host__ __device__ float cbrtf(float);
__host__ __device__ float powf(float, float);
__host__ __device__ double pow(double, double);
__host__ __device__ float fmaxf(float, float);
__host__ __device__ double fmax(double, double);
__host__ __device__ float fminf(float, float);
__host__ __device__ double fmin(double, double);
__host__ __device__ float fabsf(float);
__host__ __device__ double fabs(double);
__host__ __device__ float tanhf(float);
__host__ __device__ float acosf(float);
__host__ __device__ float asinf(float);
__host__ __device__ float atanhf(float);
__host__ __device__ float sinf(float);
__host__ __device__ float cosf(float);
// Intrinsics: fast, approximate forms.
__device__ float __expf(float);
__device__ float __exp10f(float);
__device__ float __logf(float);
__device__ float __log2f(float);
__device__ float __log10f(float);
__device__ float __powf(float, float);
__device__ float __fdividef(float, float);
__device__ float __frsqrt_rn(float);
__device__ float __fsqrt_rn(float);
__device__ float __frcp_rn(float);
__device__ float __saturatef(float);
__device__ float __fadd_rn(float, float);
__device__ float __fsub_rn(float, float);
__device__ float __fmul_rn(float, float);
__device__ float __fdiv_rn(float, float);
}

__host__ __device__ bool isnan(float);
__host__ __device__ bool isnan(double);
__host__ __device__ bool isinf(float);
__host__ __device__ bool isinf(double);
__host__ __device__ bool isfinite(float);
__host__ __device__ bool isfinite(double);

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
// Loads and stores with a cache hint.
template <class T> __device__ T __ldcg(const T *);
template <class T> __device__ T __ldca(const T *);
template <class T> __device__ T __ldcs(const T *);
template <class T> __device__ T __ldlu(const T *);
template <class T> __device__ T __ldcv(const T *);
template <class T> __device__ void __stwb(T *, T);
template <class T> __device__ void __stcg(T *, T);
template <class T> __device__ void __stcs(T *, T);
template <class T> __device__ void __stwt(T *, T);

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

#endif
