#!/usr/bin/env bash
# The scheduler's benchmarks as a table of ratios to their baselines, measured in the same run.
#
# Every benchmark runs in a process of its own (goroutines and stacks one frees are reused, scrambled, by the
# next, which changes a switch's cost by 2-3x), and the rounds interleave the benchmarks so that a noisy
# neighbour hits them all alike. The table shows each benchmark's median over the rounds: its wall time and,
# where the benchmark reports it, its CPU time (cpu-ns/...), which does not count the time the process waited
# for a core while other processes held both, and so is the steadier figure on a shared machine.
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
  "BarePullHot ns/turn"
  "TaskletTurnHot ns/turn"
  "ChannelPingPong ns/op"
  "BarePullMemory bytes/tasklet"
  "TaskletMemory bytes/tasklet"
  "TickActive ns/op"
  "TickBesideIdle ns/op"
  "FactorialRecursive ns/op"
  "FactorialTasklets ns/op"
)
declare -A samples cpus
for ((r = 1; r <= rounds; r++)); do
  for entry in "${benches[@]}"; do
    read -r name metric <<<"$entry"
    out=$("$bin" -test.run '^$' -test.bench "^Benchmark${name}\$" -test.count 1)
    value=$(awk -v m="$metric" '/^Benchmark/ { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' <<<"$out")
    samples[$name]+="$value "
    cpu=$(awk -v m="cpu-$metric" '/^Benchmark/ { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' <<<"$out")
    cpus[$name]+="$cpu "
  done
  echo "round $r/$rounds done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

median() { tr ' ' '\n' | { grep -v '^$' || true; } | sort -g | awk '{ v[NR] = $1 } END { if (NR) { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf (m >= 1000 ? "%.0f\n" : "%.1f\n"), m } }'; }
declare -A med cmed
for entry in "${benches[@]}"; do
  read -r name _ <<<"$entry"
  med[$name]=$(median <<<"${samples[$name]}")
  cmed[$name]=$(median <<<"${cpus[$name]}")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
# row label name baseline-label baseline unit target: the medians, with the CPU time's in brackets when measured.
row() {
  local a="${med[$2]} $5" b="$3 ${med[$4]} $5" r
  r=$(ratio "${med[$2]}" "${med[$4]}")
  if [[ -n "${cmed[$2]}" && -n "${cmed[$4]}" ]]; then
    a+=" (${cmed[$2]})" b+=" (${cmed[$4]})" r+=" ($(ratio "${cmed[$2]}" "${cmed[$4]}"))"
  fi
  echo "| $1 | $a | $b | $r | $6 |"
}

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(go version | awk '{ print $3 }'), medians of $rounds rounds, $(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| benchmark | median | baseline (same run) | ratio (CPU time) | target |"
echo "|---|---|---|---|---|"
row "TaskletTurn: a turn with 10,000 live tasklets" TaskletTurn BarePull BarePull ns "≤ 1.25x"
row "TaskletTurnWatched: the same under the stall watchdog" TaskletTurnWatched BarePull BarePull ns "≤ 1.25x"
row "TaskletTurnHot: a turn with 64 tasklets, all in cache" TaskletTurnHot BarePullHot BarePullHot ns "reported"
row "ChannelPingPong: one send+receive" ChannelPingPong BarePull BarePull ns "≤ 2.5x"
echo "| TaskletMemory: 100,000 blocked tasklets | ${med[TaskletMemory]} B each | bare iter.Pull ${med[BarePullMemory]} B | $(ratio "${med[TaskletMemory]}" "${med[BarePullMemory]}") | ≤ 3.5 KB |"
row "TickBesideIdle: 1,000 active beside 100,000 idle" TickBesideIdle "1,000 alone" TickActive ns/tick "≤ 1.2x"
echo "| FactorialTasklets: 1000! through 1000 tasklets | ${med[FactorialTasklets]} ns | plain recursion ${med[FactorialRecursive]} ns | $(ratio "${med[FactorialTasklets]}" "${med[FactorialRecursive]}") | reported (Stackless: 3.5x) |"
