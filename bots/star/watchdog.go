package star

import (
	"fmt"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// The watchdog is the safety net for what the counted guards cannot see: one Starlark step that does a great
// deal of work in Go ("a" * 10**8, s + s on a long string, "".join, replace, %). While scripts run their turns,
// a goroutine samples the process's CPU time and allocations every watchSample; a turn that uses more CPU time
// than Limits.WatchdogCPU, or allocates more than Limits.WatchdogAlloc, gets its thread cancelled
// (Thread.Cancel, thread-safe): the interpreter stops it at its next step, after the operation under way, and
// its bot dies with the watchdog's reason at its line.
//
// Several turns may be under way at once: a World's shards (engine.Config.Shards) run theirs at the same time,
// and so do the Worlds of a tournament. Each Sandbox has a slot per shard, which holds the script whose turn is
// under way on that shard (the scripts of a shard take turns); the watchdog looks at every slot in use at each
// sample, and what the process used between two samples is shared evenly among the turns under way at both,
// so a turn is charged its share, not its neighbours' work, and one turn alone (the usual case, and always
// with one shard) is charged all of it.

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
	running atomic.Bool
	// gen moves on each time the process has allocated genBytes more: then each script measures what it
	// holds at its next checkpoint or action (scriptBot.peek), whoever allocated. The turns under way when it
	// moves become suspects (scriptBot.suspect).
	gen atomic.Uint64
	// sample counts the samples, for the running watchdog goroutine alone (handed over by running).
	sample uint64

	mu sync.Mutex
	// slots are the slots of the live script bots, in any Sandbox; watchSlot.index is a slot's index.
	slots []*watchSlot
}

// watchSlot holds the script whose turn is under way on one shard of one Sandbox's World.
type watchSlot struct {
	cur   atomic.Pointer[scriptBot]
	live  int // the script bots whose thread exists on it (under watch.mu)
	index int // in watch.slots while live > 0 (under watch.mu)
}

// watchState is the watchdog's view of a script bot, in scriptBot: slot and suspect are set by the script's
// goroutine, the rest is the watchdog goroutine's alone.
type watchState struct {
	// slot is its shard's, in its Sandbox.
	slot *watchSlot
	// suspect is set when watch.gen moved during the turn under way: until the turn ends, the script looks at
	// every step rather than every checkEvery (scriptBot.arm) and measures what it holds (as long as that costs
	// it less than 16 values visited a step), since it may be the one growing: one that doubles a big value
	// in a loop is stopped after one doubling, not eight.
	suspect atomic.Bool
	// The watchdog's: the turn it last saw, at which sample, what that turn has been charged, how many
	// samples saw it.
	seenTurn   uint64
	seenSample uint64
	chargedCPU time.Duration
	chargedMem uint64
	samples    int
}

// watchBot gives s its shard's slot and makes sure the watchdog looks at it. Cost: a lock.
func watchBot(s *scriptBot) {
	s.slot = s.sb.slot(s.bot.Shard())
	watch.mu.Lock()
	s.slot.live++
	if s.slot.live == 1 {
		s.slot.index = len(watch.slots)
		watch.slots = append(watch.slots, s.slot)
	}
	watch.mu.Unlock()
}

// unwatch forgets s; the watchdog stops looking at its slot when no live script bot is left on it. Cost: a
// lock.
func unwatch(s *scriptBot) {
	watch.mu.Lock()
	sl := s.slot
	sl.live--
	if sl.live == 0 {
		last := watch.slots[len(watch.slots)-1]
		watch.slots[sl.index] = last
		last.index = sl.index
		watch.slots[len(watch.slots)-1] = nil
		watch.slots = watch.slots[:len(watch.slots)-1]
	}
	watch.mu.Unlock()
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
	s.slot.cur.Store(s)
	if !watch.running.Load() && watch.running.CompareAndSwap(false, true) {
		go watchdog(allocated()) // the baseline now, before the turn allocates anything
	}
}

// endTurn tells the watchdog that the script is parked (or over).
func (s *scriptBot) endTurn() {
	s.suspect.Store(false)
	if turnTimer != nil && !s.turnStart.IsZero() {
		turnTimer(time.Since(s.turnStart))
		s.turnStart = time.Time{}
	}
	if !s.replaying {
		s.slot.cur.CompareAndSwap(s, nil)
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

// busyTurns appends the script bots whose turn is under way to into. Cost: a lock and a load per slot in use
// (a Sandbox's shards).
func busyTurns(into []*scriptBot) []*scriptBot {
	watch.mu.Lock()
	defer watch.mu.Unlock()
	for _, sl := range watch.slots {
		if s := sl.cur.Load(); s != nil {
			into = append(into, s)
		}
	}
	return into
}

// watchdog is the sampling goroutine; start is what the process had allocated when it was started.
//
// Between two samples at which the same turns were under way, what the process used is theirs, shared evenly.
// What a turn used before its first sight is not charged to it: other turns may have come and gone since the
// sample before (a tick runs many short turns between two samples), and charging their allocations to the
// one that happens to be seen killed honest scripts beside hostile ones. A step that allocates a huge value is
// seen while it fills it (64 MiB takes longer than a sample period), and what a turn keeps is the memory
// measure's, which is counted.
func watchdog(start uint64) {
	ticker := time.NewTicker(watchSample)
	defer ticker.Stop()
	var (
		busy []*scriptBot
		idle int
	)
	prev, prevCPU := start, processCPU()
	genBase := prev
	for range ticker.C {
		watch.sample++
		sample := watch.sample
		cpu := processCPU()
		allocs := allocated()
		busy = busyTurns(busy[:0])
		if allocs-genBase >= genBytes {
			for _, s := range busy { // before gen: a script that sees the new gen sees it
				s.suspect.Store(true)
			}
			watch.gen.Add(1)
			genBase = allocs
		}
		delta, cpuDelta := allocs-prev, cpu-prevCPU
		prev, prevCPU = allocs, cpu
		if len(busy) == 0 {
			if idle++; idle < int(watchIdle/watchSample) && live() {
				continue
			}
			watch.running.Store(false)
			if busy = busyTurns(busy[:0]); len(busy) == 0 || !watch.running.CompareAndSwap(false, true) {
				return // asleep; the next turn wakes another
			}
			idle = 0
			continue
		}
		idle = 0
		n := uint64(len(busy))
		for _, s := range busy {
			turn := s.turn.Load()
			if s.seenSample != sample-1 || turn != s.seenTurn {
				s.seenTurn, s.chargedCPU, s.chargedMem, s.samples = turn, 0, 0, 0
			} else {
				s.chargedCPU += cpuDelta / time.Duration(n)
				s.chargedMem += delta / n
			}
			s.seenSample = sample
			s.samples++
			lim := s.sb.limits
			switch {
			case int64(s.chargedMem) > lim.WatchdogAlloc:
				s.fire(fmt.Sprintf("watchdog: allocated more than %s of memory in one tick", mib(lim.WatchdogAlloc)))
			case s.samples >= 2 && s.chargedCPU > lim.WatchdogCPU:
				// CPU time, not wall-clock time: a turn held up by a loaded machine is not the script's doing.
				s.fire(fmt.Sprintf("watchdog: used more than %v of CPU time in one tick", lim.WatchdogCPU))
			}
		}
		clear(busy)
	}
}

// live reports whether any script bot's thread exists.
func live() bool {
	watch.mu.Lock()
	defer watch.mu.Unlock()
	return len(watch.slots) > 0
}
