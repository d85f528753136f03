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
#        ONLY=regexp restricts part 2 to the scripts it matches; SKIP_HONEST=1 skips part 1.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
copies=${2:-1000}
ticks=${3:-300}
bin=$(mktemp -d)/star.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./bots/star

if [ -z "${SKIP_HONEST:-}" ]; then
  echo "# honest scripts, ns/bot-tick (1,000 bots, ticks 2-101), median of $rounds interleaved rounds"
  declare -A ns
  names=(SpinbotStarUnguarded SpinbotStar SquarebotStarUnguarded SquarebotStar HunterStarUnguarded HunterStar)
  for ((r = 1; r <= rounds; r++)); do
    for name in "${names[@]}"; do
      v=$(cd bots/star && "$bin" -test.run '^$' -test.bench "^Benchmark${name}\$" -test.benchtime 20x |
        awk '{for (i = 1; i < NF; i++) if ($(i+1) == "ns/bot-tick") print $i}')
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

echo "# hostile scripts: $copies copies + 10 built-ins, $ticks ticks, each in its own process"
for f in bots/star/testdata/hostile/*.star; do
  name=$(basename "$f" .star)
  if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then continue; fi
  (cd bots/star && "$bin" -test.run '^$' -test.bench "^BenchmarkHostile/${name}\$" -test.benchtime 1x \
    -hostile.copies "$copies" -hostile.ticks "$ticks" | grep '^BenchmarkHostile' || echo "BenchmarkHostile/$name FAILED")
done
