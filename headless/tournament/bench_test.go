package tournament

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/match"
)

// BenchmarkRun plays the six built-in bots' duels on the default map with 1 and 2 workers (the baseline is the
// 1-worker run of the same invocation; compare matches/s). One op is one round: 30 matches.
func BenchmarkRun(b *testing.B) {
	p, err := NewPlan(Duel, specs(bots.Names()...), 1000, 0, 1, defaultMap())
	require.NoError(b, err)
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			per := p.perRound()
			next := 0
			for b.Loop() {
				indices := make([]int, per)
				for k := range indices {
					indices[k] = (next + k) % p.Matches
				}
				next += per
				require.NoError(b, Run(context.Background(), p, nil, indices, workers, nil, func(Result) error { return nil }))
			}
			b.ReportMetric(float64(b.N*per)/b.Elapsed().Seconds(), "matches/s")
		})
	}
}

func defaultMap() match.Config { return match.Default() }

// BenchmarkMemoryOverMatches plays 10,000 short duels (the open map, 2,000 ticks at most) on 2 workers and
// reports the live heap and resident memory after every 1,000 (after a GC): flat means no growth with the
// match count. Run it with -benchtime=1x.
func BenchmarkMemoryOverMatches(b *testing.B) {
	arena, err := match.Load("testdata/open.json")
	require.NoError(b, err)
	arena.MaxTicks = 2000
	p, err := NewPlan(Duel, specs(bots.Names()...), 334, 0, 1, arena) // 10,020 matches
	require.NoError(b, err)
	for b.Loop() {
		var first, last runtime.MemStats
		var firstRSS, lastRSS uint64
		for chunk := range 10 {
			indices := make([]int, 1000)
			for k := range indices {
				indices[k] = chunk*1000 + k
			}
			require.NoError(b, Run(context.Background(), p, nil, indices, 2, nil, func(Result) error { return nil }))
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			rss := residentBytes()
			b.Logf("%5d matches: live heap %7.0f KiB, heap in use %7.0f KiB, RSS %7.0f KiB, goroutines %d",
				(chunk+1)*1000, float64(ms.HeapAlloc)/1024, float64(ms.HeapInuse)/1024, float64(rss)/1024, runtime.NumGoroutine())
			if chunk == 0 {
				first, firstRSS = ms, rss
			}
			last, lastRSS = ms, rss
		}
		b.ReportMetric(float64(int64(last.HeapAlloc)-int64(first.HeapAlloc)), "live-heap-growth-B")
		b.ReportMetric(float64(int64(lastRSS)-int64(firstRSS)), "rss-growth-B")
	}
}

// residentBytes is the process's resident set size from /proc/self/statm, 0 where there is none.
func residentBytes() uint64 {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

// BenchmarkMachineBaseline is the machine's own ceiling for BenchmarkRun's speed-up: the same fixed amount of
// arithmetic done by 1 goroutine, then split between 2, with no memory traffic and no synchronisation. On an
// idle 2-core machine goroutines=2 takes half the time; on a busy one, what is left of the second core shows.
func BenchmarkMachineBaseline(b *testing.B) {
	const work = 50_000_000
	for _, g := range []int{1, 2} {
		b.Run("goroutines="+strconv.Itoa(g), func(b *testing.B) {
			for b.Loop() {
				var wg sync.WaitGroup
				out := make([]uint64, g)
				for k := range g {
					wg.Go(func() {
						x := uint64(k + 1)
						for range work / g {
							x = x*6364136223846793005 + 1442695040888963407
						}
						out[k] = x
					})
				}
				wg.Wait()
			}
		})
	}
}
