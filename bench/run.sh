#!/usr/bin/env bash
# Instrumentation overhead, measured side by side in one run.
#
#   bench/run.sh [rounds]      (default 7)
#
# Builds bench/kernels.cpp four ways at -O2 -g: plain, nanguard risky,
# nanguard all, and UBSan's -fsanitize=float-divide-by-zero (the closest
# peer); runs every kernel in every build, interleaved round by round so
# that machine noise falls on all builds alike; takes the median of the
# in-process kernel times; and writes docs/performance.md and the plot
# docs/performance.png (gnuplot). Compile time of each build is measured the
# same way. Lint speed: nanguard against clang++-22 -fsyntax-only and
# clang-tidy-22 --checks='-*,bugprone-*' on the same translation units (the
# labelled corpus, the examples, a header-heavy TU), side by side, with
# their peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
./scripts/setup.sh >/dev/null
for pkg in libclang-rt-22-dev gnuplot-nox; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    apt-get install -y -qq "$pkg" >/dev/null
  fi
done

out=build/bench
mkdir -p "$out"
src=bench/kernels.cpp
declare -A cmd=(
  [plain]="clang++-22 -O2 -g"
  [risky]="build/bin/nanguard-clang++ -O2 -g"
  [all]="build/bin/nanguard-clang++ --nanguard-mode=all -O2 -g"
  [ubsan]="clang++-22 -O2 -g -fsanitize=float-divide-by-zero"
)
builds=(plain risky all ubsan)
kernels=(softmax layernorm cross_entropy mlp)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: > "$out/compile.txt"
for r in $(seq "$rounds"); do
  for b in "${builds[@]}"; do
    s=$(date +%s.%N)
    ${cmd[$b]} "$src" -o "$out/kernels_$b"
    e=$(date +%s.%N)
    echo "$b $(echo "$e - $s" | bc)" >> "$out/compile.txt"
  done
done

: > "$out/times.txt"
for r in $(seq "$rounds"); do
  for k in "${kernels[@]}"; do
    for b in "${builds[@]}"; do
      echo "$b $("$out/kernels_$b" "$k" 4)" >> "$out/times.txt"
    done
  done
done

# Lint speed: 100 translation units (the rule suites, the example and the
# kernels, ten copies each under other names).
lint=$out/lint100
rm -rf "$lint" && mkdir -p "$lint"
n=0
for copy in $(seq 10); do
  for f in test/rules/*.cpp examples/softmax_regression.cpp examples/fixed/softmax_regression.cpp bench/kernels.cpp; do
    n=$((n + 1))
    sed 's|^// RUN:.*||' "$f" > "$lint/tu_$(printf %03d $n).cpp"
  done
done
ls "$lint"/*.cpp | head -n 100 > "$out/lint-files.txt"
mapfile -t tus < "$out/lint-files.txt"
seconds() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
: > "$out/lint.txt"
for r in $(seq "${LINT_ROUNDS:-2}"); do
  echo "nanguard-j1 $(seconds build/bin/nanguard -j 1 --quiet "${tus[@]}" -- -std=c++17)" >> "$out/lint.txt"
  echo "nanguard-j2 $(seconds build/bin/nanguard -j 2 --quiet "${tus[@]}" -- -std=c++17)" >> "$out/lint.txt"
  echo "syntax-only $(seconds bash -c 'for f in "$@"; do clang++-22 -std=c++17 -fsyntax-only "$f"; done' _ "${tus[@]}")" >> "$out/lint.txt"
  echo "syntax-only-P2 $(seconds bash -c 'printf "%s\n" "$@" | xargs -P 2 -n 1 clang++-22 -std=c++17 -fsyntax-only' _ "${tus[@]}")" >> "$out/lint.txt"
  echo "clang-tidy-bugprone $(seconds clang-tidy-22 --quiet --checks='-*,bugprone-*' "${tus[@]}" -- -std=c++17)" >> "$out/lint.txt"
done
rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; }

# The same translation units through the three tools, each with the flags
# nanguard gives them by default (a .cu file as CUDA host code, with the
# toolkit when there is one, else nanguard's shim).
if [ -f /usr/local/cuda/include/cuda_runtime.h ]; then
  cuda_flags="-xcuda --cuda-host-only --cuda-path=/usr/local/cuda -Wno-unknown-cuda-version"
  [ -d /usr/local/cuda/include/cccl ] && cuda_flags="$cuda_flags -isystem /usr/local/cuda/include/cccl"
else
  cuda_flags="-xcuda --cuda-host-only -nocudainc -nocudalib -include $PWD/share/cuda/nanguard_cuda_shim.h -isystem $PWD/share/cuda/include"
fi
flags_of() {
  case $1 in
    *.cu) echo "$cuda_flags" ;;
    *) echo "" ;;
  esac
}
driver_of() { case $1 in *.c) echo clang-22 ;; *) echo clang++-22 ;; esac; }
per_file_syntax() { for f in "$@"; do $(driver_of "$f") -fsyntax-only $(flags_of "$f") "$f"; done; }
per_file_tidy() { for f in "$@"; do clang-tidy-22 --quiet --checks='-*,bugprone-*' "$f" -- $(flags_of "$f"); done; }
max_rss() { # the largest max RSS over one process per file
  local m=0 r f
  for f in "${@:2}"; do
    case $1 in
      syntax) r=$(rss $(driver_of "$f") -fsyntax-only $(flags_of "$f") "$f") ;;
      nanguard) r=$(rss build/bin/nanguard -j 1 --quiet "$f" --) ;;
      tidy) r=$(rss clang-tidy-22 --quiet --checks='-*,bugprone-*' "$f" -- $(flags_of "$f")) ;;
    esac
    [ "${r:-0}" -gt "$m" ] && m=$r
  done
  echo "$m"
}
declare -A sets=(
  [corpus]="$(ls test/corpus/*.c test/corpus/*.cpp test/corpus/*.cu | tr '\n' ' ')"
  [examples]="examples/softmax_regression.cpp examples/fixed/softmax_regression.cpp"
  [heavy]="bench/heavy_tu.cpp"
)
set_names=(corpus examples heavy)
: > "$out/lint-sets.txt"
for r in $(seq "${LINT_ROUNDS:-3}"); do
  for name in "${set_names[@]}"; do
    read -r -a files <<< "${sets[$name]}"
    echo "$name syntax $(seconds per_file_syntax "${files[@]}")" >> "$out/lint-sets.txt"
    echo "$name nanguard $(seconds build/bin/nanguard -j 1 --quiet "${files[@]}" --)" >> "$out/lint-sets.txt"
    echo "$name tidy $(seconds per_file_tidy "${files[@]}")" >> "$out/lint-sets.txt"
  done
done
: > "$out/lint-rss.txt"
for name in "${set_names[@]}"; do
  read -r -a files <<< "${sets[$name]}"
  for tool in syntax nanguard tidy; do
    echo "$name $tool $(max_rss "$tool" "${files[@]}")" >> "$out/lint-rss.txt"
  done
done

# The plot: run-time overhead per kernel and mode.
: > "$out/overhead.dat"
for k in "${kernels[@]}"; do
  p=$(awk -v k="$k" '$1=="plain" && $2==k {print $3}' "$out/times.txt" | median)
  row="$k"
  for b in risky all ubsan; do
    t=$(awk -v b="$b" -v k="$k" '$1==b && $2==k {print $3}' "$out/times.txt" | median)
    row="$row $(echo "$t / $p" | bc -l)"
  done
  echo "$row" >> "$out/overhead.dat"
done
gnuplot <<GNUPLOT
set terminal pngcairo size 900,480 font "sans,11" noenhanced
set output "docs/performance.png"
set title "Run-time overhead of instrumented builds (bench/kernels.cpp, -O2 -g)"
set ylabel "time / plain build"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set yrange [0:*]
set grid ytics
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 lw 1
plot "$out/overhead.dat" using 2:xtic(1) title "nanguard risky", \
     "" using 3 title "nanguard all", \
     "" using 4 title "UBSan float-divide-by-zero"
GNUPLOT
rss_nanguard=$(rss build/bin/nanguard -j 1 --quiet "${tus[0]}" -- -std=c++17)
rss_syntax=$(rss clang++-22 -std=c++17 -fsyntax-only "${tus[0]}")

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
  echo "# Performance"
  echo
  echo "Generated by \`bench/run.sh $rounds\` on $(date -u +%Y-%m-%d): $cpu, $(nproc) cores,"
  echo "$(uname -sr), $(clang++-22 --version | head -1)."
  echo "Every number is the median of $rounds runs; builds run interleaved, round by"
  echo "round, so noise falls on all of them alike. Ratios are to the plain build."
  echo
  echo "## Instrumentation overhead at run time"
  echo
  echo "Kernels in \`bench/kernels.cpp\` (kernel loop timed in-process, not its setup),"
  echo "each built with:"
  echo
  for b in "${builds[@]}"; do echo "- $b: \`${cmd[$b]} $src\`"; done
  echo
  echo "| kernel | plain (s) | risky | all | UBSan float-divide-by-zero |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  declare -A geo
  for b in risky all ubsan; do geo[$b]=0; done
  for k in "${kernels[@]}"; do
    p=$(awk -v b=plain -v k="$k" '$1==b && $2==k {print $3}' "$out/times.txt" | median)
    row="| $k | $(printf %.4f "$p")"
    for b in risky all ubsan; do
      t=$(awk -v b="$b" -v k="$k" '$1==b && $2==k {print $3}' "$out/times.txt" | median)
      ratio=$(echo "$t / $p" | bc -l)
      geo[$b]=$(echo "${geo[$b]} + l($ratio)" | bc -l)
      row="$row | $(printf %.2fx "$ratio")"
    done
    echo "$row |"
  done
  n=${#kernels[@]}
  echo "| **geometric mean** | | $(printf %.2fx "$(echo "e(${geo[risky]} / $n)" | bc -l)") | $(printf %.2fx "$(echo "e(${geo[all]} / $n)" | bc -l)") | $(printf %.2fx "$(echo "e(${geo[ubsan]} / $n)" | bc -l)") |"
  echo
  echo "Targets: risky <= 1.3x, all <= 3x (geometric mean)."
  echo
  echo "![Run-time overhead per kernel](performance.png)"
  echo
  echo "## Compile time"
  echo
  echo "Wall time to compile and link \`$src\` (median of $rounds):"
  echo
  echo "| build | seconds | ratio |"
  echo "| --- | ---: | ---: |"
  cp=$(awk '$1=="plain" {print $2}' "$out/compile.txt" | median)
  for b in "${builds[@]}"; do
    c=$(awk -v b="$b" '$1==b {print $2}' "$out/compile.txt" | median)
    echo "| $b | $(printf %.2f "$c") | $(printf %.2fx "$(echo "$c / $cp" | bc -l)") |"
  done
  echo
  echo "## Lint speed"
  echo
  echo "The same 100 translation units (\`$out/lint100\`: the rule suites, the"
  echo "example and the kernels, ten copies each), wall time, median of"
  echo "${LINT_ROUNDS:-2} runs, interleaved:"
  echo
  echo "| command | seconds | ratio to \`-fsyntax-only\` |"
  echo "| --- | ---: | ---: |"
  so=$(awk '$1=="syntax-only" {print $2}' "$out/lint.txt" | median)
  for c in syntax-only nanguard-j1 nanguard-j2 clang-tidy-bugprone; do
    t=$(awk -v c="$c" '$1==c {print $2}' "$out/lint.txt" | median)
    case $c in
      syntax-only) label="\`clang++-22 -fsyntax-only\` (one file at a time)";;
      nanguard-j1) label="\`nanguard -j 1\`";;
      nanguard-j2) label="\`nanguard -j 2\`";;
      clang-tidy-bugprone) label="\`clang-tidy-22 --checks='-*,bugprone-*'\`";;
    esac
    echo "| $label | $(printf %.1f "$t") | $(printf %.2fx "$(echo "$t / $so" | bc -l)") |"
  done
  j1=$(awk '$1=="nanguard-j1" {print $2}' "$out/lint.txt" | median)
  j2=$(awk '$1=="nanguard-j2" {print $2}' "$out/lint.txt" | median)
  echo
  p2=$(awk '$1=="syntax-only-P2" {print $2}' "$out/lint.txt" | median)
  echo "\`-j 2\` takes $(printf %.2f "$(echo "$j2 / $j1" | bc -l)") of the time of \`-j 1\` on $(nproc) cores. For"
  echo "scale: two \`clang++-22 -fsyntax-only\` processes side by side (\`xargs -P 2\`)"
  echo "take $(printf %.2f "$(echo "$p2 / $so" | bc -l)") of the time of one after the other on this machine: that is"
  echo "the ceiling for \`-j 2\` here."
  echo "Peak memory (max RSS) on one translation unit: nanguard ${rss_nanguard} KiB,"
  echo "\`clang++-22 -fsyntax-only\` ${rss_syntax} KiB."
  echo
  echo "### Per set of translation units, side by side"
  echo
  echo "Wall time (median of ${LINT_ROUNDS:-3} interleaved runs) and the largest max RSS of"
  echo "one process. \`-fsyntax-only\` and clang-tidy run once per file;"
  echo "nanguard once over the set (\`-j 1\`). The sets: the labelled corpus"
  echo "(\`test/corpus\`, $(echo ${sets[corpus]} | wc -w) files, C, C++ and CUDA), the two example programs,"
  echo "and \`bench/heavy_tu.cpp\` (\`<algorithm>\`, \`<random>\`, \`<regex>\`, \`<map>\`, ... and"
  echo "24 instantiations of a statistics pipeline)."
  echo
  echo "| set | \`-fsyntax-only\` (s) | nanguard (s) | ratio | clang-tidy bugprone (s) | ratio | max RSS: syntax-only / nanguard / clang-tidy (MiB) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for name in "${set_names[@]}"; do
    so=$(awk -v n="$name" '$1==n && $2=="syntax" {print $3}' "$out/lint-sets.txt" | median)
    ng=$(awk -v n="$name" '$1==n && $2=="nanguard" {print $3}' "$out/lint-sets.txt" | median)
    ct=$(awk -v n="$name" '$1==n && $2=="tidy" {print $3}' "$out/lint-sets.txt" | median)
    mem=""
    for tool in syntax nanguard tidy; do
      kb=$(awk -v n="$name" -v t="$tool" '$1==n && $2==t {print $3}' "$out/lint-rss.txt")
      mem="$mem${mem:+ / }$((kb / 1024))"
    done
    echo "| $name | $(printf %.2f "$so") | $(printf %.2f "$ng") | $(printf %.2fx "$(echo "$ng / $so" | bc -l)") | $(printf %.2f "$ct") | $(printf %.2fx "$(echo "$ct / $so" | bc -l)") | $mem |"
  done
  echo
  echo "Target: nanguard <= 1.2x of \`-fsyntax-only\`."
  echo
  bench/lint-scaling.sh "$rounds" >/dev/null
  cat build/bench/lint-scaling.md
  echo
  echo "Target: analysis cost per line within 2x from 50 to 3,200 lines."
  echo
  echo "## Lint accuracy"
  echo
  echo "Precision and recall on the labelled corpus are measured by the test"
  echo "suite (\`test/corpus/score.py\`); the numbers and the known false positives"
  echo "are in [../test/corpus/README.md](../test/corpus/README.md). Precision on"
  echo "public codebases nobody here wrote, judged on seeded samples, is in"
  echo "[wild-evaluation.md](wild-evaluation.md)."
  echo
  echo "## GPU"
  echo
  echo "Device-side overhead (a softmax kernel, plain against \`risky\`) is measured by"
  echo "\`test/gpu/run.sh\` on a machine with an NVIDIA GPU, which this script does not"
  echo "need; see [instrumentation.md](instrumentation.md#cuda-reports-from-inside-kernels)."
  echo
  echo "## Notes"
  echo
  echo "- risky checks math calls and divisions. Where the loop vectorizer would"
  echo "  have vectorised a loop with a division or a math call, the check's branch"
  echo "  keeps it scalar; a loop of math calls that are not vectorised anyway (no"
  echo "  vector math library) costs little more than the compare."
  echo "- all also checks every fadd, fsub, fmul and narrowing conversion, so the"
  echo "  inner loops of matrix products and reductions are no longer vectorised:"
  echo "  that is its cost."
} > docs/performance.md
cat docs/performance.md
