#!/usr/bin/env bash
# The Starlark bots' benchmarks (bots/star) as a table of ratios to the same bots in Go, measured in the same
# run: docs/SCRIPTING.md shows its output.
#
# Every benchmark runs in a process of its own (goroutines and stacks one frees are reused by the next, which
# would hide memory and change a switch's cost), and the rounds interleave the benchmarks so that a noisy
# neighbour hits them all alike. The table shows each benchmark's median over the rounds.
#
# usage: scripts/bench_star.sh [rounds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
bin=$(mktemp -d)/star.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./bots/star

# name metric: the figure each benchmark reports.
benches=(
  "SpinbotGo ns/bot-tick"
  "SpinbotStar ns/bot-tick"
  "SquarebotGo ns/bot-tick"
  "SquarebotStar ns/bot-tick"
  "MemoryGo bytes/bot"
  "MemoryStar bytes/bot"
  "MemoryGo stack-bytes/bot"
  "MemoryStar stack-bytes/bot"
  "FullBudget ns/op"
  "FullBudget ns/step"
  "SpinbotGo allocs/bot-tick"
  "SpinbotStar allocs/bot-tick"
)
declare -A samples
for ((r = 1; r <= rounds; r++)); do
  declare -A out=()
  for entry in "${benches[@]}"; do
    read -r name metric <<<"$entry"
    if [ -z "${out[$name]:-}" ]; then
      # The test binary runs in the package directory, where the examples are.
      out[$name]=$(cd bots/star && "$bin" -test.run '^$' -test.bench "^Benchmark${name}\$" -test.count 1 -test.benchtime 20x)
    fi
    value=$(awk -v m="$metric" '/^Benchmark/ { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' <<<"${out[$name]}")
    samples["$name $metric"]+="$value "
  done
  unset out
  echo "round $r/$rounds done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A med
for entry in "${benches[@]}"; do
  med[$entry]=$(median <<<"${samples[$entry]}")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
m() { printf '%.0f' "${med[$1]}"; }

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(go version | awk '{ print $3 }'), medians of $rounds rounds, $(date -u +%Y-%m-%d)"
echo
echo "| benchmark | Starlark | Go baseline (same run) | ratio |"
echo "|---|---|---|---|"
echo "| spinbot: a tick of 1,000, per bot | $(m 'SpinbotStar ns/bot-tick') ns | $(m 'SpinbotGo ns/bot-tick') ns | $(ratio "${med[SpinbotStar ns/bot-tick]}" "${med[SpinbotGo ns/bot-tick]}") |"
echo "| squarebot: a tick of 1,000, per bot | $(m 'SquarebotStar ns/bot-tick') ns | $(m 'SquarebotGo ns/bot-tick') ns | $(ratio "${med[SquarebotStar ns/bot-tick]}" "${med[SquarebotGo ns/bot-tick]}") |"
echo "| spinbot: allocations per bot per tick | ${med[SpinbotStar allocs/bot-tick]} | ${med[SpinbotGo allocs/bot-tick]} | |"
echo "| memory per spinbot (heap + stack, 1,000 bots, first round) | $(m 'MemoryStar bytes/bot') B | $(m 'MemoryGo bytes/bot') B | $(ratio "${med[MemoryStar bytes/bot]}" "${med[MemoryGo bytes/bot]}") |"
echo "| of which goroutine stack | $(m 'MemoryStar stack-bytes/bot') B | $(m 'MemoryGo stack-bytes/bot') B | $(ratio "${med[MemoryStar stack-bytes/bot]}" "${med[MemoryGo stack-bytes/bot]}") |"
echo "| a tick of a bot spending 9,000 of its 10,000 steps | $(m 'FullBudget ns/op') ns ($(printf '%.1f' "${med[FullBudget ns/step]}") ns/step) | | |"
