// With a CUDA toolkit: libdevice is linked in before the pass runs, and the
// headers wrap expf and __expf in static functions. Only the user's lines
// are sites (none in libdevice or in the wrappers), and ptxas accepts the
// instrumented PTX.
// REQUIRES: cuda-toolkit
// RUN: %nanguard_cxx -x cuda --cuda-device-only --cuda-path=/usr/local/cuda -Wno-unknown-cuda-version --cuda-gpu-arch=sm_80 -g -O2 -emit-llvm -S %s -o %t.ll
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %nanguard_cxx -x cuda --cuda-device-only --cuda-path=/usr/local/cuda -Wno-unknown-cuda-version --cuda-gpu-arch=sm_80 -g -O2 -S %s -o %t.ptx
// RUN: /usr/local/cuda/bin/ptxas -arch=sm_80 %t.ptx -o %t.cubin

// CHECK-NOT: c"{{[^"]*}}__clang_cuda
// CHECK-NOT: c"{{[^"]*}}libdevice

__global__ void softmax_naive(const float *x, float *y, int n) {
  float sum = 0.f;
  for (int j = 0; j < n; ++j)
    sum += expf(x[j]);
  // CHECK-DAG: c"{{.*}}device-toolkit.cu:[[#@LINE-1]]:12: runtime error: expf produced %g from finite operand %.9g [nanguard-raw-exp] in function softmax_naive(float const*, float*, int), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = __expf(x[i]) / sum;
  // CHECK-DAG: c"{{.*}}device-toolkit.cu:[[#@LINE-1]]:12: runtime error: __expf produced %g from finite operand %.9g [nanguard-raw-exp] in function softmax_naive(float const*, float*, int), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
  // CHECK-DAG: c"{{.*}}device-toolkit.cu:[[#@LINE-2]]:25: runtime error: division produced %g from finite operands %.9g / %.9g [nanguard-unguarded-division]
}

__global__ void layer_norm(const float *x, float *y, float mean, float var) {
  y[threadIdx.x] = (x[threadIdx.x] - mean) * rsqrtf(var);
  // CHECK-DAG: c"{{.*}}device-toolkit.cu:[[#@LINE-1]]:46: runtime error: rsqrtf produced %g from finite operand %.9g [nanguard-div-by-variance]
}

// CHECK: define internal {{.*}}void @__nanguard_device_report(
