package star_test

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"stackarena/bots/star"
	"stackarena/match"
)

// The benchmarks compare a Starlark bot with the same bot in Go, in the same world from the same seed (the
// two play the same match: TestTalkBotsPlayTheSameMatchAsInGo), so that each Starlark figure is a ratio to its
// Go baseline measured in the same run. Run each in a process of its own (scripts/bench_star.sh does): later
// rounds reuse the goroutines and stacks an earlier benchmark freed.

const (
	benchBots  = 1000
	benchTicks = 100
)

// BenchmarkSpinbotGo is the baseline for BenchmarkSpinbotStar: ticks 2 to 101 of a match of 1,000 Go spinbots.
// ns/bot-tick is the whole tick (scripts, physics, bullets) divided by the bots.
func BenchmarkSpinbotGo(b *testing.B) { benchmarkTicks(b, "spinbot", false) }

// BenchmarkSpinbotStar is BenchmarkSpinbotGo with examples/spinbot.star.
func BenchmarkSpinbotStar(b *testing.B) { benchmarkTicks(b, "examples/spinbot.star", false) }

// BenchmarkSpinbotStarUnguarded is BenchmarkSpinbotStar without the guards against hostile scripts (metered
// builtins, checkpoints, the watchdog): the step budget alone, as before them. The baseline of what the
// guards cost an honest script.
func BenchmarkSpinbotStarUnguarded(b *testing.B) { benchmarkTicks(b, "examples/spinbot.star", true) }

// BenchmarkSquarebotGo is the baseline for BenchmarkSquarebotStar: 1,000 Go squarebots.
func BenchmarkSquarebotGo(b *testing.B) { benchmarkTicks(b, "squarebot", false) }

// BenchmarkSquarebotStar is BenchmarkSquarebotGo with examples/squarebot.star.
func BenchmarkSquarebotStar(b *testing.B) { benchmarkTicks(b, "examples/squarebot.star", false) }

// BenchmarkSquarebotStarUnguarded is BenchmarkSquarebotStar without the guards.
func BenchmarkSquarebotStarUnguarded(b *testing.B) {
	benchmarkTicks(b, "examples/squarebot.star", true)
}

// BenchmarkHunterStar is a tick of 1,000 examples/hunter.star bots, the example that runs the most steps (it
// scans, computes and reads its events every tick).
func BenchmarkHunterStar(b *testing.B) { benchmarkTicks(b, "examples/hunter.star", false) }

// BenchmarkHunterStarUnguarded is BenchmarkHunterStar without the guards.
func BenchmarkHunterStarUnguarded(b *testing.B) { benchmarkTicks(b, "examples/hunter.star", true) }

// benchmarkTicks times ticks 2 to benchTicks+1 of fresh matches of benchBots bots named name (unguarded:
// .star scripts without the guards). Building the match and its first tick (where each Starlark bot runs its
// module's top level) are not timed.
func benchmarkTicks(b *testing.B, name string, unguarded bool) {
	c := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: name, Count: benchBots}}}
	var mallocs uint64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		sb := star.NewSandbox(star.Limits{})
		if unguarded {
			star.Unguarded(sb)
		}
		m, err := match.Build(c, match.Options{Sandbox: sb})
		if err != nil {
			b.Fatal(err)
		}
		stepMatch(b, m, 1)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		b.StartTimer()
		cpu0 := cpuTime()
		stepMatch(b, m, benchTicks)
		cpu += cpuTime() - cpu0
		b.StopTimer()
		runtime.ReadMemStats(&after)
		mallocs += after.Mallocs - before.Mallocs
		if n := len(m.World.ScriptErrors()); n > 0 {
			b.Fatalf("%d script errors, the first: %v", n, m.World.ScriptErrors()[0].Err)
		}
		m.World.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchTicks*benchBots), "ns/bot-tick")
	b.ReportMetric(float64(mallocs)/float64(b.N*benchTicks*benchBots), "allocs/bot-tick")
	// The process's CPU time over the same ticks: on a loaded machine, wall-clock time counts the waits for a
	// core too, CPU time does not.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*benchTicks*benchBots), "cpu-ns/bot-tick")
}

// BenchmarkMemoryGo is the baseline for BenchmarkMemoryStar: the heap and stack bytes a Go spinbot holds
// after its first turn (its engine state, its tasklet and its stack), over 1,000 bots, measured in the first
// round (later rounds reuse what the first freed, which would hide it).
func BenchmarkMemoryGo(b *testing.B) { benchmarkMemory(b, "spinbot") }

// BenchmarkMemoryStar is BenchmarkMemoryGo with examples/spinbot.star: the script's Starlark thread, globals
// and interpreter frames come on top.
func BenchmarkMemoryStar(b *testing.B) { benchmarkMemory(b, "examples/spinbot.star") }

func benchmarkMemory(b *testing.B, name string) {
	c := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: name, Count: benchBots}}}
	first := true
	for b.Loop() {
		var m *match.Match
		build := func() {
			var err error
			if m, err = match.Build(c, match.Options{}); err != nil {
				b.Fatal(err)
			}
			stepMatch(b, m, 1)
		}
		if !first {
			build()
		} else {
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
			b.ReportMetric(float64(after.StackInuse-before.StackInuse)/benchBots, "stack-bytes/bot")
			b.ReportMetric(float64(used)/benchBots, "bytes/bot")
			first = false
		}
		m.World.Close()
	}
}

// BenchmarkFullBudget is a tick of one bot that spends nearly its whole StepBudget every tick (a loop of 1,500
// passes, 9,000 steps, then bot.tick()) beside an idle bot: what a greedy script costs per tick at most.
// ns/step is the tick divided by the 9,000 steps.
func BenchmarkFullBudget(b *testing.B) {
	dir := b.TempDir()
	greedy, idle := filepath.Join(dir, "greedy.star"), filepath.Join(dir, "idle.star")
	writeFile(b, greedy, "def main(bot):\n    while True:\n        for _ in range(1500):\n            pass\n        bot.tick()\n")
	writeFile(b, idle, "def main(bot):\n    while True:\n        bot.wait(100)\n")
	c := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: greedy, Count: 1}, {Name: idle, Count: 1}}}
	var m *match.Match
	for b.Loop() {
		if m == nil || m.World.Over() { // the inactivity rule ends the match after a while: start another
			b.StopTimer()
			if m != nil {
				m.World.Close()
			}
			var err error
			if m, err = match.Build(c, match.Options{}); err != nil {
				b.Fatal(err)
			}
			stepMatch(b, m, 1)
			b.StartTimer()
		}
		stepMatch(b, m, 1)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*9000), "ns/step")
	b.StopTimer()
	if errs := m.World.ScriptErrors(); len(errs) > 0 {
		b.Fatal(errs[0].Err)
	}
	m.World.Close()
}

// BenchmarkFullBudgetCharged is BenchmarkFullBudget with a bot that spends its budget in a metered builtin:
// sorted over 600 floats, charged 600·(1 + log2 600) = 6,600 steps, plus a loop of 400 passes, every tick.
// cpu-ns/tick is the process's CPU time per tick: the most a counted tick of one bot can cost, about.
func BenchmarkFullBudgetCharged(b *testing.B) {
	dir := b.TempDir()
	greedy, idle := filepath.Join(dir, "greedy.star"), filepath.Join(dir, "idle.star")
	writeFile(b, greedy, "def main(bot):\n    l = [random() for _ in range(600)]\n    bot.tick()\n    while True:\n"+
		"        s = sorted(l)\n        for _ in range(400):\n            pass\n        bot.tick()\n")
	writeFile(b, idle, "def main(bot):\n    while True:\n        bot.wait(100)\n")
	c := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: greedy, Count: 1}, {Name: idle, Count: 1}}}
	var m *match.Match
	var cpu time.Duration
	for b.Loop() {
		if m == nil || m.World.Over() {
			b.StopTimer()
			if m != nil {
				m.World.Close()
			}
			var err error
			if m, err = match.Build(c, match.Options{}); err != nil {
				b.Fatal(err)
			}
			stepMatch(b, m, 2)
			b.StartTimer()
		}
		cpu0 := cpuTime()
		stepMatch(b, m, 1)
		cpu += cpuTime() - cpu0
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/tick")
	b.StopTimer()
	if errs := m.World.ScriptErrors(); len(errs) > 0 {
		b.Fatal(errs[0].Err)
	}
	m.World.Close()
}

func writeFile(b *testing.B, path, src string) {
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
}

func stepMatch(b testing.TB, m *match.Match, n int) {
	for range n {
		if err := m.World.Step(); err != nil {
			b.Fatal(err)
		}
	}
}
