#!/usr/bin/env bash
# The GPU checks of nanguard's CUDA instrumentation, in two halves:
#
#   test/gpu/run.sh build [DIR]   here: builds each program plain and with
#                                 nanguard-clang++ (needs the CUDA toolkit
#                                 and nanguard's build), into DIR
#                                 (default build/gpu)
#   test/gpu/run.sh run [DIR]     on a machine with an NVIDIA GPU: runs them
#                                 and checks the reports
#   test/gpu/run.sh [DIR]         both
#
# The binaries link the CUDA runtime and nanguard's runtime statically, so
# the GPU machine needs only its driver and glibc; they carry code for sm_80 and sm_90
# (NANGUARD_GPU_ARCHS overrides). Checks:
#   softmax_overflow   a naive softmax over 1,048,576 threads with a logit of
#                      1000: each exp site reported once, with block/thread
#   layernorm_constant layer norm without epsilon on a constant row: the
#                      rsqrtf of 0 is the reported origin
#   safe               stable kernels: no report, same output as plain
#   bench_softmax      risky mode's overhead on a softmax kernel
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
phase=all
case ${1:-} in build|run) phase=$1; shift ;; esac
out=${1:-$root/build/gpu}
programs=(softmax_overflow layernorm_constant safe bench_softmax)

build() {
  local cuda=${CUDA_PATH:-/usr/local/cuda}
  local libdir=$cuda/lib64
  [ -d "$libdir" ] || libdir=$cuda/lib
  [ -f "$cuda/include/cuda_runtime.h" ] || { echo "gpu: no CUDA toolkit at $cuda" >&2; exit 2; }
  mkdir -p "$out"
  local flags=(-x cuda --cuda-path="$cuda" -Wno-unknown-cuda-version -O2 -g)
  for arch in ${NANGUARD_GPU_ARCHS:-sm_80 sm_90}; do
    flags+=(--cuda-gpu-arch="$arch")
  done
  local libs=(-L"$libdir" -lcudart_static -ldl -lrt -lpthread -static-libstdc++ -static-libgcc)
  for p in "${programs[@]}"; do
    clang++-22 "${flags[@]}" "$here/$p.cu" -o "$out/$p.plain" "${libs[@]}" || exit 1
    "$root/build/bin/nanguard-clang++" "${flags[@]}" "$here/$p.cu" -o "$out/$p.nanguard" "${libs[@]}" || exit 1
  done
  echo "gpu: built ${#programs[@]} programs, plain and instrumented, in $out"
}

failed=0
check() { # name, condition
  if eval "$2"; then echo "gpu: PASS $1"; else echo "gpu: FAIL $1"; failed=1; fi
}

run() {
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,compute_cap --format=csv,noheader
  cd "$out" || exit 2
  for p in softmax_overflow layernorm_constant safe; do
    ./"$p.plain" > "$p.plain.out" 2>&1
    ./"$p.nanguard" > "$p.nanguard.out" 2>&1
    echo "--- $p (instrumented) ---"; cat "$p.nanguard.out"
  done
  local n
  n=$(grep -c "runtime error" softmax_overflow.nanguard.out)
  check "softmax_overflow: 2 reports (one per exp site) from 1,048,576 threads, got $n" '[ "$n" = 2 ]'
  check "softmax_overflow: the first exp is named, with block and thread" \
    'grep -q "softmax_overflow.cu:11:12: runtime error: expf produced inf from finite operand 1000 \[nanguard-raw-exp\] in function softmax_naive(float const\*, float\*, int), block ([0-9]*,0,0), thread ([0-9]*,0,0)" softmax_overflow.nanguard.out'
  check "layernorm_constant: rsqrtf of 0 is the origin" \
    'grep -q "layernorm_constant.cu:23:16: runtime error: rsqrtf produced inf from finite operand 0 \[nanguard-div-by-variance\] in function layer_norm(float const\*, float\*, int), block (5,0,0)" layernorm_constant.nanguard.out'
  n=$(grep -c "runtime error" layernorm_constant.nanguard.out)
  check "layernorm_constant: one report, got $n" '[ "$n" = 1 ]'
  check "safe: no report" '! grep -q "runtime error" safe.nanguard.out'
  check "safe: same output as the plain build" 'cmp -s safe.plain.out safe.nanguard.out'

  local plain=() inst=()
  for r in 1 2 3; do
    plain+=("$(./bench_softmax.plain | sed -n 's/.*median \([0-9.]*\) us.*/\1/p')")
    inst+=("$(./bench_softmax.nanguard | sed -n 's/.*median \([0-9.]*\) us.*/\1/p')")
  done
  local mp mi
  mp=$(printf '%s\n' "${plain[@]}" | sort -g | sed -n 2p)
  mi=$(printf '%s\n' "${inst[@]}" | sort -g | sed -n 2p)
  echo "gpu: softmax 16384 x 4096, median of 3 runs (each a median of 21 launches): plain ${mp} us, risky ${mi} us, ratio $(awk -v a="$mi" -v b="$mp" 'BEGIN { printf "%.3f", a / b }')x"
  [ "$failed" = 0 ] && echo "gpu: all checks passed" || echo "gpu: some checks failed"
  return "$failed"
}

case $phase in
  build) build ;;
  run) run ;;
  all) build && run ;;
esac
