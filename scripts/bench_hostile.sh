#!/usr/bin/env bash
# What the guards against hostile .star scripts cost, and what hostile scripts cost under them (issue 8,
# docs/SCRIPTING.md "Limits"):
#
#  1. An honest script's tick with the guards and without them (star.Unguarded: the step budget alone, as
#     before them), same run, interleaved rounds, each benchmark in a process of its own; medians.
#  2. For each script of bots/star/testdata/hostile, a match of COPIES copies of it beside 10 built-in bots
#     (BenchmarkHostile), each in a process of its own so that its peak RSS is its own.
#
# usage: scripts/bench_hostile.sh [rounds] [copies] [ticks]   (defaults 5, 1000, 300)
#        ONLY=regexp restricts part 2 to the scripts it matches; SKIP_HONEST=1 skips part 1, SKIP_HOSTILE=1
#        part 2; BENCHTIME (default 20x) is part 1's -test.benchtime; SLOW=regexp names scripts of part 2
#        that run with SLOW_COPIES copies (default 50) instead of copies: those whose every copy burns a
#        second of CPU (each copy is stopped, but one after the other).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
copies=${2:-1000}
ticks=${3:-300}
bin=$(mktemp -d)/star.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./bots/star

if [ -z "${SKIP_HONEST:-}" ]; then
  echo "# honest scripts, CPU ns/bot-tick (1,000 bots, ticks 2-101), median of $rounds interleaved rounds"
  declare -A ns
  names=(SpinbotStarUnguarded SpinbotStar SquarebotStarUnguarded SquarebotStar HunterStarUnguarded HunterStar)
  for ((r = 1; r <= rounds; r++)); do
    for name in "${names[@]}"; do
      v=$(cd bots/star && "$bin" -test.run '^$' -test.bench "^Benchmark${name}\$" -test.benchtime "${BENCHTIME:-20x}" |
        awk '{for (i = 1; i < NF; i++) if ($(i+1) == "cpu-ns/bot-tick") print $i}')
      ns[$name]+="$v "
    done
  done
  median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%-10s %12s %12s %8s\n' script unguarded guarded ratio
  for s in Spinbot Squarebot Hunter; do
    u=$(median "${ns[${s}StarUnguarded]}")
    g=$(median "${ns[${s}Star]}")
    awk -v s="$s" -v u="$u" -v g="$g" 'BEGIN { printf "%-10s %12s %12s %8.3f\n", s, u, g, g / u }'
  done
fi

if [ -n "${SKIP_HOSTILE:-}" ]; then exit 0; fi
echo "# hostile scripts: $copies copies (SLOW: ${SLOW_COPIES:-50}) + 10 built-ins, $ticks ticks, each in its own process"
for f in bots/star/testdata/hostile/*.star bots/star/testdata/uninterceptable/*.star; do
  name=$(basename "$f" .star)
  if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then continue; fi
  n=$copies
  if [ -n "${SLOW:-}" ] && [[ $name =~ $SLOW ]]; then n=${SLOW_COPIES:-50}; fi
  (cd bots/star && "$bin" -test.run '^$' -test.bench "^BenchmarkHostile/${name}\$" -test.benchtime 1x \
    -hostile.copies "$n" -hostile.ticks "$ticks" | grep '^BenchmarkHostile' | sed "s/\$/ copies=$n/" ||
    echo "BenchmarkHostile/$name FAILED")
done
