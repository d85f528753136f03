package star

import (
	"fmt"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// The watchdog is the safety net for what the counted guards cannot see: one Starlark step that does a great
// deal of work in Go ("a" * 10**8, s + s on a long string, "".join, replace, %). While a script runs its turn,
// a goroutine samples the process's CPU time and allocations every watchSample; a turn that uses more CPU time
// than Limits.WatchdogCPU, or allocates more than Limits.WatchdogAlloc, gets its thread cancelled
// (Thread.Cancel, thread-safe): the interpreter stops it at its next step, after the operation under way, and
// its bot dies with the watchdog's reason at its line. One World runs one script at a time (its tasklets take
// turns), so what the process allocates during a turn is that script's.
//
// Its verdicts depend on the machine, so they are recorded as inputs of the match (Verdict); a replay applies
// them instead of watching. The thresholds are far above what an honest turn does (microseconds, kilobytes),
// so that a loaded machine, a collection or a descheduled thread never makes one fire.
//
// The goroutine runs while script bots live: a turn starts it if it is not running, and it ends when no
// script bot is left, or after watchIdle without a turn under way (a paused desktop). Its first sample after
// it starts may miss what the turn that started it allocated before it: it stays awake so that this happens
// only after a pause.

// turnTimer, when set (by a benchmark, export_test.go), is told how long each turn of a script took, on the
// wall clock: from its wake-up to the action that parks it.
var turnTimer func(time.Duration)

// watchSample is how often the watchdog looks.
const watchSample = 2 * time.Millisecond

// watchIdle is how long the watchdog waits for a turn before it sleeps.
const watchIdle = 2 * time.Second

// watch is the process's watchdog.
var watch struct {
	// current is the script whose turn is under way, or nil.
	current atomic.Pointer[scriptBot]
	running atomic.Bool
	// live counts the script bots whose thread exists, in any Sandbox.
	live atomic.Int64
	// gen moves on each time the process has allocated genBytes more: then each script measures what it
	// holds at its next checkpoint or action (scriptBot.peek), whoever allocated.
	gen atomic.Uint64
	// suspect is the script whose turn was under way when gen last moved: until that turn ends, it looks at
	// every step rather than every checkEvery (scriptBot.arm) and measures what it holds (as long as that costs
	// it less than 16 values visited a step), since it is the likeliest to be growing: one that doubles a big
	// value in a loop is stopped after one doubling, not eight.
	suspect atomic.Pointer[scriptBot]
}

// genBytes is how much the process allocates between two moves of watch.gen.
const genBytes = 4 << 20

// newTurn notes that the script woke in a new tick: the watchdog times a turn from its first sight of it.
func (s *scriptBot) newTurn() { s.turn.Add(1) }

// beginTurn tells the watchdog that the script runs. Cost: two atomic operations, and a goroutine start when
// the watchdog is asleep.
func (s *scriptBot) beginTurn() {
	if turnTimer != nil {
		s.turnStart = time.Now()
	}
	if s.replaying {
		return
	}
	watch.current.Store(s)
	if !watch.running.Load() && watch.running.CompareAndSwap(false, true) {
		go watchdog(allocated()) // the baseline now, before the turn allocates anything
	}
}

// endTurn tells the watchdog that the script is parked (or over).
func (s *scriptBot) endTurn() {
	watch.suspect.CompareAndSwap(s, nil)
	if turnTimer != nil && !s.turnStart.IsZero() {
		turnTimer(time.Since(s.turnStart))
		s.turnStart = time.Time{}
	}
	if !s.replaying {
		watch.current.CompareAndSwap(s, nil)
	}
}

// fire records the watchdog's reason and cancels the script's thread; the reason becomes its error when the
// interpreter sees the cancellation.
func (s *scriptBot) fire(reason string) {
	if s.verdict.CompareAndSwap(nil, &reason) {
		s.thread.Cancel(reason)
	}
}

// allocated is what the process has allocated so far. Cost: about a microsecond.
func allocated() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// watchdog is the sampling goroutine; start is what the process had allocated when it was started.
//
// Between two samples at which the same turn was under way, what the process allocated is that turn's: one
// World runs one turn at a time. A turn's allocations before its first sight count only when the samples are close together and none was under way at the one before, so that
// nothing else can have allocated much in between (allocating and filling 64 MiB takes longer than that);
// when the machine is loaded and samples come late, they are left out, and what the turn keeps is left to
// the memory measure, which is counted.
func watchdog(start uint64) {
	ticker := time.NewTicker(watchSample)
	defer ticker.Stop()
	var (
		last     *scriptBot
		lastTurn uint64
		since    time.Duration // the process's CPU time at the turn's first sight
		own      uint64        // what the turn allocated, as far as the samples tell
		seen     int           // how many samples saw it
		idle     int
		busy     bool // a turn was under way at the last sample
	)
	prev, prevTime := start, time.Now()
	genBase := prev
	for range ticker.C {
		now := time.Now() // not the ticker's time: a late sample reads a stale one
		cpu := processCPU()
		allocs := allocated()
		if allocs-genBase >= genBytes {
			watch.suspect.Store(watch.current.Load()) // before gen: a script that sees the new gen sees it
			watch.gen.Add(1)
			genBase = allocs
		}
		delta := allocs - prev
		close := now.Sub(prevTime) <= 3*watchSample
		prev, prevTime = allocs, now
		cur := watch.current.Load()
		wasBusy := busy
		busy = cur != nil
		if cur == nil {
			if idle++; watch.live.Load() > 0 && idle < int(watchIdle/watchSample) {
				continue
			}
			watch.running.Store(false)
			watch.suspect.Store(nil)
			if watch.current.Load() == nil || !watch.running.CompareAndSwap(false, true) {
				return // asleep; the next turn wakes another
			}
			idle = 0
			continue
		}
		idle = 0
		if turn := cur.turn.Load(); cur != last || turn != lastTurn {
			last, lastTurn, since, own, seen = cur, turn, cpu, 0, 0
			if !wasBusy && close {
				own = delta
			}
		} else {
			own += delta
		}
		seen++
		lim := cur.sb.limits
		switch {
		case int64(own) > lim.WatchdogAlloc:
			cur.fire(fmt.Sprintf("watchdog: allocated more than %s of memory in one tick", mib(lim.WatchdogAlloc)))
		case seen >= 2 && cpu-since > lim.WatchdogCPU:
			// CPU time, not wall-clock time: a turn held up by a loaded machine is not the script's doing.
			// One World runs one turn at a time, so the process's CPU time is the turn's (and the collector's).
			cur.fire(fmt.Sprintf("watchdog: used more than %v of CPU time in one tick", lim.WatchdogCPU))
		}
	}
}
