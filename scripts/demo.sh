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
