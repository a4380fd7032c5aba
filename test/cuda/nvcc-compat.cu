// Code nvcc compiles parses with clang too: nanguard forces
// share/cuda/nanguard_nvcc_compat.h into every CUDA file, with the shim (here)
// and with a toolkit (nvcc-compat-toolkit.test). The clang-tidy route names
// the header itself, as a user of the plugin would.
// RUN: %check_nanguard %s raw-exp %t -- -std=c++17 -xcuda --cuda-host-only -nocudainc -nocudalib -include %cuda_shim -isystem %cuda_shim_include -include %cuda_compat
#include <cuda_runtime.h>
#include <cmath>
#include <cstdio>

// nvcc's version macros.
#if !defined(__CUDACC_VER_MAJOR__) || !defined(__CUDACC_VER_MINOR__)
#error "nvcc's version macros are missing"
#endif

struct alignas(16) Packed { int4 bits; };

// Cache-hint stores and loads on vector types.
__global__ void copy_streaming(int4 *out, const int4 *in, float *f) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  __stcs(out + i, __ldcs(in + i));
  __stcg(f + i, 1.0f);
  __stwb(f + i + 1, 2.0f);
}

// Host code: the C library's isfinite in a template, clock(), max and min
// on integers, as nvcc's headers provide them.
template <class T> int count_finite(const T *x, int n) {
  int c = 0;
  for (int i = 0; i < n; ++i)
    if (isfinite(x[i]))
      ++c;
  return c;
}
int host_side(const float *x, int n) {
  long start = clock();
  int c = count_finite(x, n);
  return max(c, 1) + min(n, 2) + int(clock() - start);
}

// A finding still comes out of such a file.
__global__ void unshifted(const float *x, float *y) {
  y[threadIdx.x] = expf(x[threadIdx.x]);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: expf of an argument that is not bounded above may overflow to inf [nanguard-raw-exp]
}
