#!/usr/bin/env bash
# The tournament's figures (docs/TOURNAMENTS.md): a 1,000-match duel tournament of the six built-in bots on the
# default map with 1 and 2 workers, each run a process of its own, and, as the baseline of the same rounds, the
# machine's own 1-to-2 speed-up on plain arithmetic (BenchmarkMachineBaseline): on a busy machine that ceiling
# is below 2x, and the tournament's speed-up is to be read against it. The rounds interleave everything so that
# a noisy neighbour hits all alike. Per run: wall time, matches/s, CPU seconds and peak RSS (GNU time); then the
# medians and the ratios, and the load average before and after.
#
# usage: scripts/bench_tournament.sh [rounds]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
CGO_ENABLED=0 go build -o "$dir/headless" ./headless
go test -c -o "$dir/tournament.test" ./headless/tournament
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for r in $(seq "$rounds"); do
  for g in 1 2; do
    ns=$("$dir/tournament.test" -test.run '^$' -test.bench "MachineBaseline/goroutines=$g\$" -test.benchtime 10x |
      awk '/^BenchmarkMachineBaseline/ {print $3}')
    echo "spin $g $ns" >>"$dir/runs"
    printf 'round %d, arithmetic on %d goroutine(s): %6.1f ms\n' "$r" "$g" "$(echo "$ns / 1000000" | bc -l)"
  done
  for w in 1 2; do
    rm -f "$dir/r.jsonl"
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time" \
      "$dir/headless" tournament -matches 0-999 -rounds 34 -workers "$w" -bootstrap 0 -quiet -out "$dir/r.jsonl" >/dev/null
    read -r wall user sys rss <"$dir/time"
    echo "run $w $wall $user $sys $rss" >>"$dir/runs"
    printf 'round %d, 1,000 duels on %d worker(s): %6.2f s wall, %7.1f matches/s, %5.2f s CPU, peak RSS %6d KiB\n' \
      "$r" "$w" "$wall" "$(echo "1000 / $wall" | bc -l)" "$(echo "$user + $sys" | bc -l)" "$rss"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v k="$1" -v w="$2" -v c="$3" '$1==k && $2==w {print $c}' "$dir/runs" | median; }
s1=$(col spin 1 3) s2=$(col spin 2 3)
w1=$(col run 1 3) w2=$(col run 2 3) m1=$(col run 1 6) m2=$(col run 2 6)
printf 'median: 1 worker %.2f s (%.0f matches/s, peak RSS %d KiB), 2 workers %.2f s (%.0f matches/s, peak RSS %d KiB)\n' \
  "$w1" "$(echo "1000 / $w1" | bc -l)" "$m1" "$w2" "$(echo "1000 / $w2" | bc -l)" "$m2"
printf 'speed-up 1 -> 2 workers: %.2fx; the machine'"'"'s own ceiling in the same rounds: %.2fx\n' \
  "$(echo "$w1 / $w2" | bc -l)" "$(echo "$s1 / $s2" | bc -l)"
