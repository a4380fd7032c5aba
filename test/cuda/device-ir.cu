// The pass on a device module (nvptx64), without a CUDA toolkit: the shim's
// declarations, no libdevice (-fno-builtin keeps expf a call that llc can
// lower without it; sm_52 because, with no CUDA installed, clang assumes the
// oldest CUDA it supports, whose PTX ISA 4.2 stops at sm_53). Each risky
// operation of the kernel gets the integer test and a cold call; the report
// goes through vprintf once per site (an atomic exchange on the site's
// flag), with block and thread.
// RUN: %nanguard_cxx -x cuda --cuda-device-only --cuda-gpu-arch=sm_52 -nocudainc -nocudalib -include %cuda_shim -isystem %cuda_shim_include -fno-builtin -g -O1 -emit-llvm -S %s -o %t.ll
// RUN: FileCheck %s --input-file=%t.ll
// The instrumented module lowers to PTX.
// RUN: %llc -march=nvptx64 -mcpu=sm_52 %t.ll -o %t.ptx
// RUN: FileCheck %s --check-prefix=PTX --input-file=%t.ptx
// As the pass writes it (-O0): the exponent bits tested as an integer.
// RUN: %nanguard_cxx -x cuda --cuda-device-only --cuda-gpu-arch=sm_52 -nocudainc -nocudalib -include %cuda_shim -isystem %cuda_shim_include -fno-builtin -g -O0 -emit-llvm -S %s -o - | FileCheck %s --check-prefix=O0
// O0-LABEL: define {{.*}}void @_Z13softmax_naivePKfPfi(
// O0: %[[R:[0-9a-z._]+]] = call {{.*}}float @expf(
// O0: %[[BITS:[0-9a-z._]+]] = bitcast float %[[R]] to i32
// O0: and i32 %[[BITS]], 2139095040
// O0: br i1 %{{.*}}, label %{{.*}}, label %{{.*}}, !prof
// With -nanguard-device-trap the report ends in a trap.
// RUN: %nanguard_cxx --nanguard-device-trap -x cuda --cuda-device-only --cuda-gpu-arch=sm_52 -nocudainc -nocudalib -include %cuda_shim -isystem %cuda_shim_include -fno-builtin -g -O1 -emit-llvm -S %s -o - | FileCheck %s --check-prefix=TRAP

// CHECK-DAG: @[[FIRED:__nanguard_fired[0-9]*]] = private global i32 0

__global__ void softmax_naive(const float *x, float *y, int n) {
  float sum = 0.f;
  for (int j = 0; j < n; ++j)
    sum += expf(x[j]);
  // CHECK-DAG: c"{{.*}}device-ir.cu:[[#@LINE-1]]:12: runtime error: expf produced %g from finite operand %.9g [nanguard-raw-exp] in function softmax_naive(float const*, float*, int), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n)
    y[i] = x[i] / sum;
  // CHECK-DAG: c"{{.*}}device-ir.cu:[[#@LINE-1]]:17: runtime error: division produced %g from finite operands %.9g / %.9g [nanguard-unguarded-division] in function softmax_naive(float const*, float*, int), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
}

__global__ void cross_entropy(const float *p, float *loss) {
  loss[threadIdx.x] = -__logf(p[threadIdx.x]);
  // CHECK-DAG: c"{{.*}}device-ir.cu:[[#@LINE-1]]:24: runtime error: __logf produced %g from finite operand %.9g [nanguard-unguarded-log] in function cross_entropy(float const*, float*), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
}

__global__ void scale(const float *x, float *y, float s) {
  y[threadIdx.x] = __fdividef(x[threadIdx.x], s);
  // CHECK-DAG: c"{{.*}}device-ir.cu:[[#@LINE-1]]:20: runtime error: __fdividef produced %g from finite operands %.9g, %.9g [nanguard-unguarded-division] in function scale(float const*, float*, float), block (%u,%u,%u), thread (%u,%u,%u)\0A\00"
}

// CHECK-LABEL: define {{.*}}void @_Z13softmax_naivePKfPfi(
// The fast path: a test of the result (and the operand) and one unlikely
// branch.
// CHECK: call {{.*}}float @expf(
// CHECK: br i1 %{{.*}}, label %{{.*}}, label %{{.*}}, !prof
// CHECK: call {{.*}}void @__nanguard_device_report(ptr {{.*}}@{{.*}}, ptr {{.*}}@__nanguard_fired{{[0-9]*}}, i32 1, double

// CHECK-LABEL: define internal {{.*}}void @__nanguard_device_report(
// CHECK: atomicrmw xchg ptr %{{[0-9a-z]+}}, i32 1 monotonic
// CHECK-DAG: call {{.*}}i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
// CHECK-DAG: call {{.*}}i32 @llvm.nvvm.read.ptx.sreg.tid.x()
// CHECK: call i32 @vprintf(
// CHECK-NOT: llvm.trap
// CHECK: ret void

// PTX: .extern .func  (.param .b32 func_retval0) vprintf
// The kernel keeps no local memory for the report: its values go as
// parameters to the report function, whose frame holds printf's buffer.
// PTX: .entry _Z13softmax_naivePKfPfi(
// PTX-NOT: __local_depot
// PTX: ret;
// PTX: .func __nanguard_device_report(
// PTX: __local_depot
// PTX: atom{{.*}}.exch.b32
// PTX: call.uni (retval0), vprintf,

// TRAP-LABEL: define internal {{.*}}void @__nanguard_device_report(
// TRAP: call i32 @vprintf(
// TRAP-NEXT: call void @llvm.trap()
