package scheduler_test

import (
	"iter"
	"math/big"
	"runtime"
	"testing"
	"time"

	"stackarena/scheduler"
)

// live is how many coroutines are alive in the per-turn benchmarks: a switch costs more when many stacks
// compete for the caches, so the baseline and the tasklets are measured at the same count.
//
// Run each benchmark in a process of its own (make bench does): goroutines and stacks that one benchmark frees
// are reused by the next in a scrambled order, and the memory layout changes a switch's cost by 2-3x, for the
// baseline and the tasklets alike. Each benchmark builds its population once (b.Loop calls it once).
const live = 10_000

// hot is the population of the Hot variants: 64 coroutines, whose stacks and records all stay in the caches, so
// that the difference between a tasklet turn and a bare resume+yield is the scheduler's own instructions.
const hot = 64

// BenchmarkBarePull is the baseline: a round of one resume+yield of each of live bare iter.Pull coroutines.
// ns/turn is one resume+yield.
func BenchmarkBarePull(b *testing.B) { benchmarkBarePull(b, live) }

// BenchmarkBarePullHot is BenchmarkBarePull with hot coroutines: the baseline of BenchmarkTaskletTurnHot.
func BenchmarkBarePullHot(b *testing.B) { benchmarkBarePull(b, hot) }

// BenchmarkTaskletTurn is a Tick of live tasklets that yield with Schedule: ns/turn is one tasklet turn (a
// resume, a Schedule and the scheduler's bookkeeping).
func BenchmarkTaskletTurn(b *testing.B) { benchmarkTaskletTurn(b, live, false) }

// BenchmarkTaskletTurnHot is BenchmarkTaskletTurn with hot tasklets.
func BenchmarkTaskletTurnHot(b *testing.B) { benchmarkTaskletTurn(b, hot, false) }

// BenchmarkTaskletTurnWatched is BenchmarkTaskletTurn under the stall watchdog (Scheduler.Watch), which costs
// two atomic stores per turn.
func BenchmarkTaskletTurnWatched(b *testing.B) { benchmarkTaskletTurn(b, live, true) }

func benchmarkBarePull(b *testing.B, n int) {
	nexts := make([]func() (struct{}, bool), n)
	stops := make([]func(), n)
	for i := range nexts {
		nexts[i], stops[i] = iter.Pull(func(yield func(struct{}) bool) {
			for yield(struct{}{}) {
			}
		})
	}
	defer func() {
		// Newest first, as Scheduler.Close ends tasklets: the runtime reuses freed goroutines last in, first
		// out, so the next benchmark in the same process gets them back in creation order either way. Oldest
		// first handed them to it in reverse, which cost its turns about a third more.
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}()
	runtime.GC() // finish with the setup's garbage before the timed loop, as benchmarkTaskletTurn does
	cpu := startCPU()
	for b.Loop() {
		for _, next := range nexts {
			next()
		}
	}
	reportPerTurn(b, n, cpu)
}

func benchmarkTaskletTurn(b *testing.B, n int, watched bool) {
	s := scheduler.New()
	defer s.Close()
	if watched {
		if _, err := s.Watch(time.Minute, func(e *scheduler.StallError) { panic(e) }); err != nil {
			b.Fatal(err)
		}
	}
	for range n {
		s.Spawn(func() {
			for {
				s.Schedule()
			}
		})
	}
	s.Tick()     // start every coroutine outside the timed loop
	runtime.GC() // and finish with the setup's garbage, as benchmarkBarePull does
	cpu := startCPU()
	for b.Loop() {
		s.Tick()
	}
	reportPerTurn(b, n, cpu)
}

// cpuClock is the process's CPU time when a timed loop began (ok false where it is not measured).
type cpuClock struct {
	at time.Duration
	ok bool
}

func startCPU() cpuClock {
	at, ok := processCPU()
	return cpuClock{at, ok}
}

// reportPerTurn reports ns/turn, the wall time of a turn, and cpu-ns/turn, the CPU time the process spent per
// turn since start. On a machine shared with other work the wall time also counts the time the process waited
// for a core; the CPU time does not, so it is the steadier figure (cache misses caused by the neighbours still
// count in both).
func reportPerTurn(b *testing.B, perOp int, start cpuClock) {
	turns := float64(b.N * perOp)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/turns, "ns/turn")
	reportCPU(b, turns, "cpu-ns/turn", start)
}

// reportCPU reports the CPU time the process spent since start over n, in unit.
func reportCPU(b *testing.B, n float64, unit string, start cpuClock) {
	if end, ok := processCPU(); ok && start.ok {
		b.ReportMetric(float64((end-start.at).Nanoseconds())/n, unit)
	}
}

// BenchmarkChannelPingPong is one send+receive between two tasklets (default preference: every send switches
// to the waiting receiver).
func BenchmarkChannelPingPong(b *testing.B) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	n := b.N
	s.Spawn(func() {
		for range n {
			ch.Receive()
		}
	})
	s.Spawn(func() {
		for i := range n {
			ch.Send(i)
		}
	})
	b.ResetTimer()
	cpu := startCPU()
	if err := s.Run(); err != nil {
		b.Fatal(err)
	}
	reportCPU(b, float64(b.N), "cpu-ns/op", cpu)
}

// BenchmarkTaskletMemory spawns 100,000 tasklets, each blocked on a channel after its first turn, and reports
// the heap and stack bytes each one holds, measured in the first round (later rounds reuse the goroutines and
// stacks the previous round freed, which would hide them).
func BenchmarkTaskletMemory(b *testing.B) {
	first := true
	for b.Loop() {
		s := scheduler.New()
		ch := scheduler.NewChannel[int](s)
		perTasklet := measureMemory(b, first, func() {
			for range 100_000 {
				s.Spawn(func() { ch.Receive() })
			}
			s.Run()
		})
		if first {
			b.ReportMetric(perTasklet, "bytes/tasklet")
			first = false
		}
		s.Close()
	}
}

// BenchmarkBarePullMemory is the baseline for BenchmarkTaskletMemory: 100,000 bare iter.Pull coroutines,
// suspended in yield.
func BenchmarkBarePullMemory(b *testing.B) {
	first := true
	for b.Loop() {
		var stops []func()
		perCoroutine := measureMemory(b, first, func() {
			for range 100_000 {
				next, stop := iter.Pull(func(yield func(struct{}) bool) {
					for yield(struct{}{}) {
					}
				})
				next()
				stops = append(stops, stop)
			}
		})
		if first {
			b.ReportMetric(perCoroutine, "bytes/tasklet")
			first = false
		}
		for _, stop := range stops {
			stop()
		}
	}
}

// measureMemory runs build and returns the heap and stack bytes it added per 100,000, or 0 when !measure.
func measureMemory(b *testing.B, measure bool, build func()) float64 {
	if !measure {
		build()
		return 0
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.StartTimer()
	build()
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.StartTimer()
	used := (after.HeapInuse + after.StackInuse) - (before.HeapInuse + before.StackInuse)
	return float64(used) / 100_000
}

// BenchmarkTickActive is the baseline for BenchmarkTickBesideIdle: a tick of 1,000 tasklets that yield every
// tick.
func BenchmarkTickActive(b *testing.B) { benchmarkTick(b, 0) }

// BenchmarkTickBesideIdle is a tick of the same 1,000 tasklets beside 50,000 sleeping and 50,000 blocked ones,
// which must cost nothing per tick.
func BenchmarkTickBesideIdle(b *testing.B) { benchmarkTick(b, 50_000) }

func benchmarkTick(b *testing.B, idleEach int) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	for range idleEach {
		s.Spawn(func() { ch.Receive() })
		s.Spawn(func() { s.Sleep(1 << 30) })
	}
	for range 1000 {
		s.Spawn(func() {
			for {
				s.Schedule()
			}
		})
	}
	s.Tick()
	cpu := startCPU()
	for b.Loop() {
		s.Tick()
	}
	reportCPU(b, float64(b.N), "cpu-ns/op", cpu)
}

// BenchmarkFactorialRecursive is the baseline for BenchmarkFactorialTasklets: 1000! by plain recursion.
func BenchmarkFactorialRecursive(b *testing.B) {
	var factorial func(n int64) *big.Int
	factorial = func(n int64) *big.Int {
		if n <= 1 {
			return big.NewInt(1)
		}
		return new(big.Int).Mul(big.NewInt(n), factorial(n-1))
	}
	for b.Loop() {
		factorial(1000)
	}
}

// BenchmarkFactorialTasklets is the talk's stackless recursion: 1000! through a chain of 1000 tasklets and 1000
// channels, driven from the main side.
func BenchmarkFactorialTasklets(b *testing.B) {
	s := scheduler.New()
	defer s.Close()
	var factorial func(n int64) *big.Int
	factorial = func(n int64) *big.Int {
		if n <= 1 {
			return big.NewInt(1)
		}
		resultCh := scheduler.NewChannel[*big.Int](s)
		s.Spawn(func() { resultCh.Send(factorial(n - 1)) })
		r, _ := resultCh.Receive()
		return new(big.Int).Mul(big.NewInt(n), r)
	}
	for b.Loop() {
		factorial(1000)
		s.Run() // let the senders finish their last turn
	}
}
