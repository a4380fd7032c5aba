#!/usr/bin/env bash
# The main job: set up, lint the bundled example, then build and run it to
# show what the findings mean at run time, and the fixed version beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null

echo "== nanguard examples/"
status=0
./build/bin/nanguard examples/ -- -std=c++17 || status=$?
echo "(exit status $status: 0 no findings, 1 findings, 2 a file could not be analysed)"

echo
echo "== examples/softmax_regression.cpp, built and run"
mkdir -p build/examples
clang++-22 -std=c++17 -O2 examples/softmax_regression.cpp -o build/examples/softmax_regression
./build/examples/softmax_regression

echo
echo "== examples/fixed/softmax_regression.cpp (nanguard reports nothing), built and run"
./build/bin/nanguard --quiet examples/fixed/ -- -std=c++17
clang++-22 -std=c++17 -O2 examples/fixed/softmax_regression.cpp -o build/examples/softmax_regression_fixed
./build/examples/softmax_regression_fixed
