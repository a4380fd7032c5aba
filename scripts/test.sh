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
echo "plain build: ${passed:-0} passed, ${failed} failed"

# The whole suite again through the sanitizer build of the lint and the
# language server (the same binary): any AddressSanitizer or
# UndefinedBehaviorSanitizer report fails the test that triggered it. The
# clang-tidy plugin is loaded into Debian's clang-tidy, which is not built
# with the sanitizers, so its route runs the plain plugin.
alog=build/test-results-asan.txt
astatus=0
/usr/lib/llvm-22/bin/lit -sv --param nanguard=build-asan/bin/nanguard build/test 2>&1 | tee "$alog" || astatus=$?
apassed=$(sed -n 's/^ *Passed *: *\([0-9]*\).*/\1/p' "$alog" | tail -n1)
afailed=0
for kind in Failed Unresolved "Timed Out"; do
  n=$(sed -n "s/^ *$kind *: *\([0-9]*\).*/\1/p" "$alog" | tail -n1)
  afailed=$((afailed + ${n:-0}))
done
echo "sanitizer build: ${apassed:-0} passed, ${afailed} failed"
[ "$status" -ne 0 ] || status=$astatus

# The fuzzers, a minute each: a crash or a sanitizer report fails the run.
fstatus=0
./scripts/fuzz.sh 60 || fstatus=$?
echo "fuzzers: $([ "$fstatus" -eq 0 ] && echo "no crash" || echo "FAILED (inputs in build-fuzz/artifacts)")"
[ "$status" -ne 0 ] || status=$fstatus
echo "$(( ${passed:-0} + ${apassed:-0} )) passed, $(( failed + afailed )) failed"
exit "$status"
