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

// BenchmarkBarePull is the baseline: a round of one resume+yield of each of live bare iter.Pull coroutines.
// ns/turn is one resume+yield.
func BenchmarkBarePull(b *testing.B) {
	nexts := make([]func() (struct{}, bool), live)
	stops := make([]func(), live)
	for i := range nexts {
		nexts[i], stops[i] = iter.Pull(func(yield func(struct{}) bool) {
			for yield(struct{}{}) {
			}
		})
	}
	defer func() {
		for _, stop := range stops {
			stop()
		}
	}()
	runtime.GC() // finish with the setup's garbage before the timed loop, as BenchmarkTaskletTurn does
	for b.Loop() {
		for _, next := range nexts {
			next()
		}
	}
	reportPerTurn(b, live)
}

// BenchmarkTaskletTurn is a Tick of live tasklets that yield with Schedule: ns/turn is one tasklet turn (a
// resume, a Schedule and the scheduler's bookkeeping).
func BenchmarkTaskletTurn(b *testing.B) {
	s := scheduler.New()
	defer s.Close()
	for range live {
		s.Spawn(func() {
			for {
				s.Schedule()
			}
		})
	}
	s.Tick()     // start every coroutine outside the timed loop
	runtime.GC() // and finish with the setup's garbage, as BenchmarkBarePull does
	for b.Loop() {
		s.Tick()
	}
	reportPerTurn(b, live)
}

// BenchmarkTaskletTurnWatched is BenchmarkTaskletTurn under the stall watchdog (Scheduler.Watch), which costs
// two atomic stores per turn.
func BenchmarkTaskletTurnWatched(b *testing.B) {
	s := scheduler.New()
	defer s.Close()
	if _, err := s.Watch(time.Minute, func(e *scheduler.StallError) { panic(e) }); err != nil {
		b.Fatal(err)
	}
	for range live {
		s.Spawn(func() {
			for {
				s.Schedule()
			}
		})
	}
	s.Tick()
	runtime.GC()
	for b.Loop() {
		s.Tick()
	}
	reportPerTurn(b, live)
}

func reportPerTurn(b *testing.B, perOp int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perOp), "ns/turn")
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
	if err := s.Run(); err != nil {
		b.Fatal(err)
	}
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
	for b.Loop() {
		s.Tick()
	}
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
