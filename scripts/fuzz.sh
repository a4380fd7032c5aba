#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, in build-fuzz/ with clang-22,
# AddressSanitizer and UndefinedBehaviorSanitizer) and runs each for a bounded
# time, seeded from the test inputs. Fails on a crash, a sanitizer report, a
# timeout or running out of memory; the input that did it is kept in
# build-fuzz/artifacts/.
#   scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang-22 CXX=clang++-22 cmake -S . -B build-fuzz -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DNANGUARD_FUZZ=ON >/dev/null
fi
ninja -C build-fuzz nanguard-fuzz-source nanguard-fuzz-lsp >/dev/null
mkdir -p build-fuzz/corpus/source build-fuzz/corpus/lsp build-fuzz/artifacts
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
run() {
  local target=$1
  shift
  echo "fuzz: $target for ${seconds}s"
  "build-fuzz/bin/nanguard-fuzz-$target" -max_total_time="$seconds" \
    -timeout=60 -rss_limit_mb=6144 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/artifacts/$target-" \
    "build-fuzz/corpus/$target" "$@" 2>&1 | tail -n 25 || status=1
}
run source test/rules test/corpus examples
run lsp fuzz/lsp-seeds
exit "$status"
