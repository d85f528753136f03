package star_test

import (
	"flag"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"stackarena/bots/star"
	"stackarena/match"
)

var (
	hostileCopies = flag.Int("hostile.copies", 1000, "BenchmarkHostile: copies of the hostile script in its match")
	hostileRounds = flag.Int("hostile.ticks", 300, "BenchmarkHostile: ticks of the match")
)

// BenchmarkHostile plays, for each script of the hostile corpus, a match of -hostile.copies copies of it
// beside 10 built-in bots for -hostile.ticks ticks, and reports what it cost the process: peak-RSS-MB (the
// process's peak resident memory: run each script in a process of its own, as scripts/bench_hostile.sh does,
// for it to be that script's), slowest-tick-ms (wall clock), slowest-turn-ms (the longest turn of one script,
// wall clock: what one bot cost in one tick, an upper bound of its CPU time on an idle machine),
// cpu-ns/bot-tick (the process's CPU time over the bots and ticks), and dead (how many hostile bots died).
// It is a measurement, not a test: it fails only if the match cannot be built or stepped.
//
// The scripts of testdata/uninterceptable, which no test runs (each does seconds of work and allocates
// gigabytes in one step), are measured too.
func BenchmarkHostile(b *testing.B) {
	var paths []string
	for _, c := range hostileCorpus(b) {
		paths = append(paths, filepath.Join(hostileDir, c.file))
	}
	more, err := filepath.Glob("testdata/uninterceptable/*.star")
	if err != nil {
		b.Fatal(err)
	}
	for _, path := range append(paths, more...) {
		b.Run(strings.TrimSuffix(filepath.Base(path), ".star"), func(b *testing.B) {
			for b.Loop() {
				benchmarkHostile(b, path)
			}
		})
	}
}

func benchmarkHostile(b *testing.B, path string) {
	c := match.Config{Seed: 1, MaxTicks: uint64(*hostileRounds) + 10, Bots: []match.BotSpec{
		{Name: path, Count: *hostileCopies},
		{Name: "spinbot", Count: 3}, {Name: "squarebot", Count: 3}, {Name: "chaser", Count: 2}, {Name: "sniper", Count: 2}}}
	var slowestTurn time.Duration
	star.TimeTurns(func(d time.Duration) { slowestTurn = max(slowestTurn, d) })
	defer star.TimeTurns(nil)
	m, err := match.Build(c, match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer m.World.Close()
	cpu0 := cpuTime()
	var slowest time.Duration
	ticks := 0
	for ; ticks < *hostileRounds && !m.World.Over(); ticks++ {
		t0 := time.Now()
		if err := m.World.Step(); err != nil {
			b.Fatal(err)
		}
		slowest = max(slowest, time.Since(t0))
	}
	cpu := cpuTime() - cpu0
	dead := 0
	for _, bot := range m.Bots[:*hostileCopies] {
		if !bot.Alive() {
			dead++
		}
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Maxrss is in KiB on Linux
	b.ReportMetric(float64(slowest.Microseconds())/1000, "slowest-tick-ms")
	b.ReportMetric(float64(slowestTurn.Microseconds())/1000, "slowest-turn-ms")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(len(m.Bots)*max(ticks, 1)), "cpu-ns/bot-tick")
	b.ReportMetric(float64(dead), "dead")
	b.ReportMetric(float64(len(m.Sandbox.Verdicts())), "verdicts")
	runtime.GC()
}

// cpuTime is the process's CPU time, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
