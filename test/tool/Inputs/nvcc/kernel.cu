#include "cfg.h"
#if !defined(FROM_NVCC_COMMAND) || !defined(HOST_MACRO)
#error "the command's macros were not used"
#endif
__global__ void ln(const float *x, float *y, float var) {
  y[threadIdx.x] = x[threadIdx.x] * rsqrtf(var);
}
__global__ void ln_eps(const float *x, float *y, float var) {
  y[threadIdx.x] = x[threadIdx.x] * rsqrtf(var + EPS_FROM_HEADER);
}
