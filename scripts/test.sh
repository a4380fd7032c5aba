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

# suite NAME LOG [lit args...]: runs the lit suite, adds its counts to the
# totals, and keeps the first failing status.
status=0
total_passed=0
total_failed=0
suite() {
  local name=$1 log=$2 rc=0 passed failed=0 n kind
  shift 2
  /usr/lib/llvm-22/bin/lit -sv "$@" build/test 2>&1 | tee "$log" || rc=$?
  passed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$log" | tail -n1)
  for kind in Failed Unresolved "Timed Out"; do
    n=$(sed -n "s/^ *$kind *: *\([0-9]*\).*/\1/p" "$log" | tail -n1)
    failed=$((failed + ${n:-0}))
  done
  echo "$name: ${passed:-0} passed, ${failed} failed"
  total_passed=$((total_passed + ${passed:-0}))
  total_failed=$((total_failed + failed))
  [ "$status" -ne 0 ] || status=$rc
}
suite "plain build" build/test-results.txt

# The whole suite again through the sanitizer build of the lint and the
# language server (the same binary): any AddressSanitizer or
# UndefinedBehaviorSanitizer report fails the test that triggered it. The
# clang-tidy plugin is loaded into Debian's clang-tidy, which is not built
# with the sanitizers, so its route runs the plain plugin.
suite "sanitizer build" build/test-results-asan.txt --param nanguard=build-asan/bin/nanguard

# The fuzzers, a minute each: a crash or a sanitizer report fails the run.
fstatus=0
./scripts/fuzz.sh 60 || fstatus=$?
echo "fuzzers: $([ "$fstatus" -eq 0 ] && echo "no crash" || echo "FAILED (inputs in build-fuzz/artifacts)")"
[ "$status" -ne 0 ] || status=$fstatus
echo "${total_passed} passed, ${total_failed} failed"
exit "$status"
