#!/usr/bin/env bash
# The main job: set up, lint the bundled example, build and run it plain and
# instrumented (the instrumented build reports where its NaN is born), and
# the fixed version beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null

echo "== nanguard examples/"
status=0
./build/bin/nanguard examples/ -- -std=c++17 || status=$?
echo "(exit status $status: 0 no findings, 1 findings, 2 a file could not be analysed)"

echo
echo "== examples/softmax_regression.cpp, built and run: the loss is NaN"
mkdir -p build/examples
clang++-22 -std=c++17 -O2 examples/softmax_regression.cpp -o build/examples/softmax_regression
./build/examples/softmax_regression

echo
echo "== the same, built instrumented (nanguard-clang++ -O1 -g): where the NaN is born"
./build/bin/nanguard-clang++ -std=c++17 -O1 -g examples/softmax_regression.cpp \
  -o build/examples/softmax_regression_nanguard
NANGUARD_OPTIONS=print_summary=1 ./build/examples/softmax_regression_nanguard

echo
echo "== examples/fixed/softmax_regression.cpp (nanguard reports nothing), built and run"
./build/bin/nanguard --quiet examples/fixed/ -- -std=c++17
clang++-22 -std=c++17 -O2 examples/fixed/softmax_regression.cpp -o build/examples/softmax_regression_fixed
./build/examples/softmax_regression_fixed

echo
echo "== examples/cuda/softmax_kernels.cu, built instrumented for the GPU"
cuda=${CUDA_PATH:-/usr/local/cuda}
if [ -f "$cuda/include/cuda_runtime.h" ]; then
  libdir=$cuda/lib64
  [ -d "$libdir" ] || libdir=$cuda/lib
  ./build/bin/nanguard-clang++ -x cuda --cuda-path="$cuda" -Wno-unknown-cuda-version \
    --cuda-gpu-arch=sm_80 --cuda-gpu-arch=sm_90 -O1 -g examples/cuda/softmax_kernels.cu \
    -o build/examples/softmax_kernels_nanguard -L"$libdir" -lcudart_static -ldl -lrt -lpthread
  if command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; then
    ./build/examples/softmax_kernels_nanguard
  else
    echo "(no GPU here: built build/examples/softmax_kernels_nanguard; on a GPU it reports"
    echo " the naive kernel's expf overflow once, with its block and thread)"
  fi
else
  echo "(no CUDA toolkit here: the lint above analysed the kernels with nanguard's shim)"
fi
