#!/usr/bin/env bash
# The scheduler's benchmarks as a table of ratios to their baselines, measured in the same run.
#
# Every benchmark runs in a process of its own (goroutines and stacks one frees are reused, scrambled, by the
# next, which changes a switch's cost by 2-3x), and the rounds interleave the benchmarks so that a noisy
# neighbour hits them all alike. The table shows each benchmark's median over the rounds.
#
# usage: scripts/bench.sh [rounds]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
bin=$(mktemp -d)/scheduler.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./scheduler

# name metric: the figure each benchmark reports (a custom metric, or ns/op).
benches=(
  "BarePull ns/turn"
  "TaskletTurn ns/turn"
  "TaskletTurnWatched ns/turn"
  "ChannelPingPong ns/op"
  "BarePullMemory bytes/tasklet"
  "TaskletMemory bytes/tasklet"
  "TickActive ns/op"
  "TickBesideIdle ns/op"
  "FactorialRecursive ns/op"
  "FactorialTasklets ns/op"
)
declare -A samples
for ((r = 1; r <= rounds; r++)); do
  for entry in "${benches[@]}"; do
    read -r name metric <<<"$entry"
    out=$("$bin" -test.run '^$' -test.bench "^Benchmark${name}\$" -test.count 1)
    value=$(awk -v m="$metric" '/^Benchmark/ { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' <<<"$out")
    samples[$name]+="$value "
  done
  echo "round $r/$rounds done" >&2
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A med
for entry in "${benches[@]}"; do
  read -r name _ <<<"$entry"
  med[$name]=$(median <<<"${samples[$name]}")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(go version | awk '{ print $3 }'), medians of $rounds rounds, $(date -u +%Y-%m-%d)"
echo
echo "| benchmark | median | baseline (same run) | ratio | target |"
echo "|---|---|---|---|---|"
echo "| TaskletTurn: a turn with 10,000 live tasklets | ${med[TaskletTurn]} ns | BarePull ${med[BarePull]} ns | $(ratio "${med[TaskletTurn]}" "${med[BarePull]}") | ≤ 1.25x |"
echo "| TaskletTurnWatched: the same under the stall watchdog | ${med[TaskletTurnWatched]} ns | BarePull ${med[BarePull]} ns | $(ratio "${med[TaskletTurnWatched]}" "${med[BarePull]}") | ≤ 1.25x |"
echo "| ChannelPingPong: one send+receive | ${med[ChannelPingPong]} ns | BarePull ${med[BarePull]} ns | $(ratio "${med[ChannelPingPong]}" "${med[BarePull]}") | ≤ 2.5x |"
echo "| TaskletMemory: 100,000 blocked tasklets | ${med[TaskletMemory]} B each | bare iter.Pull ${med[BarePullMemory]} B | $(ratio "${med[TaskletMemory]}" "${med[BarePullMemory]}") | ≤ 3.5 KB |"
echo "| TickBesideIdle: 1,000 active beside 100,000 idle | ${med[TickBesideIdle]} ns/tick | 1,000 alone ${med[TickActive]} ns | $(ratio "${med[TickBesideIdle]}" "${med[TickActive]}") | ≤ 1.2x |"
echo "| FactorialTasklets: 1000! through 1000 tasklets | ${med[FactorialTasklets]} ns | plain recursion ${med[FactorialRecursive]} ns | $(ratio "${med[FactorialTasklets]}" "${med[FactorialRecursive]}") | reported (Stackless: 3.5x) |"
