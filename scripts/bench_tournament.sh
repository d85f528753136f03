#!/usr/bin/env bash
# The tournament's figures (docs/TOURNAMENTS.md): a 1,000-match duel tournament of the six built-in bots on the
# default map with 1 and 2 workers, each run a process of its own, the rounds interleaving the two so that a
# noisy neighbour hits both alike. Per run: wall time, matches/s, CPU seconds and peak RSS (GNU time). Then the
# medians, the 2-worker speed-up over the 1-worker baseline of the same rounds, and the load average, since a
# busy machine caps the speed-up.
#
# usage: scripts/bench_tournament.sh [rounds]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
CGO_ENABLED=0 go build -o "$dir/headless" ./headless
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for r in $(seq "$rounds"); do
  for w in 1 2; do
    rm -f "$dir/r.jsonl"
    /usr/bin/time -f "%e %U %S %M" -o "$dir/time" \
      "$dir/headless" tournament -matches 0-999 -rounds 34 -workers "$w" -bootstrap 0 -quiet -out "$dir/r.jsonl" >/dev/null
    read -r wall user sys rss <"$dir/time"
    echo "$w $wall $user $sys $rss" >>"$dir/runs"
    printf 'round %d, %d worker(s): %6.2f s wall, %7.1f matches/s, %5.2f s CPU, peak RSS %6d KiB\n' \
      "$r" "$w" "$wall" "$(echo "1000 / $wall" | bc -l)" "$(echo "$user + $sys" | bc -l)" "$rss"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
w1=$(awk '$1==1 {print $2}' "$dir/runs" | median)
w2=$(awk '$1==2 {print $2}' "$dir/runs" | median)
m1=$(awk '$1==1 {print $5}' "$dir/runs" | median)
m2=$(awk '$1==2 {print $5}' "$dir/runs" | median)
printf 'median: 1 worker %.2f s (%.0f matches/s, %d KiB), 2 workers %.2f s (%.0f matches/s, %d KiB): speed-up %.2fx\n' \
  "$w1" "$(echo "1000 / $w1" | bc -l)" "$m1" "$w2" "$(echo "1000 / $w2" | bc -l)" "$m2" "$(echo "$w1 / $w2" | bc -l)"
