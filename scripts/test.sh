#!/usr/bin/env bash
# Sets up (installs what is missing, builds) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
# The lint built with AddressSanitizer and UndefinedBehaviorSanitizer, which
# the stress tests run (test/stress/stress-asan.test).
if [ ! -f build-asan/build.ninja ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNANGUARD_SANITIZE=address,undefined >/dev/null
fi
ninja -C build-asan nanguard >/dev/null

log=build/test-results.txt
status=0
/usr/lib/llvm-22/bin/lit -sv build/test 2>&1 | tee "$log" || status=$?
passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
failed=0
for kind in Failed Unresolved "Timed Out"; do
  n=$(sed -n "s/^ *$kind *: *\([0-9]*\).*/\1/p" "$log" | tail -n1)
  failed=$((failed + ${n:-0}))
done
echo "${passed:-0} passed, ${failed} failed"
exit "$status"
