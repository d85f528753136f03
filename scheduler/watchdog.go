package scheduler

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"iter"
	"reflect"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultStallLimit is the stall watchdog's limit when the caller has no better figure: far beyond any honest
// turn (the arena's ticks take milliseconds), short enough that a hung match is reported while someone waits.
const DefaultStallLimit = 5 * time.Second

// A StallError reports a tasklet that held its turn longer than the watchdog's limit: it neither yielded nor
// returned (a Go loop that never calls the scheduler, or a wait on something other than a scheduler channel).
type StallError struct {
	// Tasklet names the stuck tasklet as Tasklet.String does: "#id (name)".
	Tasklet string
	// Name is the tasklet's name (SpawnNamed's, or its function's).
	Name string
	// Where is the file:line the tasklet's goroutine is in, in the innermost frame outside the Go runtime; empty
	// when the goroutine could not be found.
	Where string
	// Stack is that goroutine's frames, one "function file:line" a line, innermost first.
	Stack string
	// Limit is the watchdog's limit, which the turn exceeded.
	Limit time.Duration
}

// Error is one line: the tasklet, the limit and where it is stuck.
func (e *StallError) Error() string {
	msg := fmt.Sprintf("tasklet %s has not yielded for %v", e.Tasklet, e.Limit)
	if e.Where != "" {
		msg += ": stuck at " + e.Where
	}
	return msg
}

// watchdog is what the driver publishes for the monitor goroutine: a turn counter and the tasklet in its turn.
type watchdog struct {
	turns   atomic.Uint64           // advanced at every turn and at every drive
	running atomic.Pointer[Tasklet] // the tasklet in its turn (or the last one)
	driving atomic.Bool             // a drive is under way: a turn is running or about to
	labels  context.Context         // the goroutine label that marks this scheduler's tasklets
	done    chan struct{}           // closed by stop
	exited  chan struct{}           // closed by monitor as it returns
	stalled atomic.Bool             // monitor is calling onStall: stop must not wait for it
	once    sync.Once
}

var watchSeq atomic.Uint64

// labelKey is the goroutine label (runtime/pprof) on every tasklet goroutine of a watched scheduler; the watchdog
// finds the stuck goroutine in the goroutine profile by it.
const labelKey = "stackarena.scheduler"

// Watch starts a watchdog on the scheduler's turns: when one tasklet's turn lasts longer than limit of wall-clock
// time, onStall is called once, on the watchdog's own goroutine, with a *StallError naming the tasklet and the
// file:line it is stuck in. The scheduler cannot take the turn back (nothing is preempted): onStall decides what
// to do, typically report the error and end the process or abandon the scheduler. The watchdog only watches:
// its verdicts never enter the simulation.
//
// The returned stop ends the watchdog; Close ends it too. Call Watch from the main side, outside Run and Tick
// (else [ErrConcurrentUse]); one watchdog at a time (a second Watch replaces the first). limit <= 0 means
// [DefaultStallLimit]. Cost: two atomic stores per turn, one goroutine waking limit/8 apart, and a goroutine
// label set at each tasklet's first turn; nothing without Watch.
func (s *Scheduler) Watch(limit time.Duration, onStall func(*StallError)) (stop func(), err error) {
	if err := s.enterDriver(); err != nil {
		return nil, err
	}
	defer s.leave()
	if limit <= 0 {
		limit = DefaultStallLimit
	}
	if old := s.watch; old != nil {
		old.stop()
	}
	w := &watchdog{
		labels: pprof.WithLabels(context.Background(), pprof.Labels(labelKey, strconv.FormatUint(watchSeq.Add(1), 10))),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	s.watch = w
	go w.monitor(limit, onStall)
	return w.stop, nil
}

// stop ends the watchdog and waits for its goroutine to be gone, so that no goroutine outlives a scheduler's
// Close; called from onStall itself, it does not wait (the goroutine ends as onStall returns).
func (w *watchdog) stop() {
	w.once.Do(func() { close(w.done) })
	if !w.stalled.Load() {
		<-w.exited
	}
}

// monitor samples the turn counter limit/8 apart; a drive whose counter has not moved for limit is stuck in the
// turn of the tasklet published last.
func (w *watchdog) monitor(limit time.Duration, onStall func(*StallError)) {
	defer close(w.exited)
	ticker := time.NewTicker(max(limit/8, time.Millisecond))
	defer ticker.Stop()
	last := w.turns.Load()
	since := time.Now()
	for {
		select {
		case <-w.done:
			return
		case now := <-ticker.C:
			n := w.turns.Load()
			if n != last || !w.driving.Load() {
				last, since = n, now
				continue
			}
			if now.Sub(since) < limit {
				continue
			}
			// t's id and name were set before its turn was published (Spawn, start): read them, compute nothing.
			t := w.running.Load()
			e := &StallError{Tasklet: "#" + strconv.FormatUint(t.id, 10) + " (" + t.name + ")", Name: t.name, Limit: limit}
			e.Where, e.Stack = w.stuckGoroutine()
			w.stalled.Store(true)
			onStall(e)
			return
		}
	}
}

// beginDrive and endDrive bracket a drive: between them a turn is running or about to.
func (w *watchdog) beginDrive() {
	w.turns.Add(1)
	w.driving.Store(true)
}

func (w *watchdog) endDrive() { w.driving.Store(false) }

// turn publishes the tasklet whose turn begins.
func (w *watchdog) turn(t *Tasklet) {
	w.running.Store(t)
	w.turns.Add(1)
}

// label marks the calling goroutine, a tasklet's, as one of this scheduler's.
func (w *watchdog) label() { pprof.SetGoroutineLabels(w.labels) }

// callFrame is the function every tasklet goroutine runs its tasklet's function from.
var callFrame = runtime.FuncForPC(reflect.ValueOf((*Tasklet).call).Pointer()).Name()

// yieldFrame is the function a suspended tasklet waits in: the yield of its iter.Pull coroutine, which the
// scheduler calls wherever a turn ends (Schedule, Park, a channel operation...), directly on the hot paths so
// that a turn returns through as few frames as possible. Its name is the runtime's name for the instantiated
// closure, so it is read from a probe coroutine, once, when a first stall is being reported.
var yieldFrame = sync.OnceValue(func() string {
	var name string
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		name = runtime.FuncForPC(reflect.ValueOf(yield).Pointer()).Name()
	})
	next()
	stop()
	return name
})

// stuckGoroutine finds, in the goroutine profile, the goroutine of this scheduler that is inside a tasklet and
// not suspended: the one running the stuck turn. The profile hides the runtime's innermost frames, so the first
// frame shown is where the tasklet's code is. It returns that frame's file:line, and the frames.
func (w *watchdog) stuckGoroutine() (where, stack string) {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return "", ""
	}
	label, _ := pprof.Label(w.labels, labelKey)
	mark := fmt.Sprintf("%q:%q", labelKey, label)
	for _, rec := range strings.Split(buf.String(), "\n\n") {
		if !strings.Contains(rec, mark) || !strings.Contains(rec, callFrame+"+") ||
			strings.Contains(rec, yieldFrame()+"+") {
			continue
		}
		var frames []string
		sc := bufio.NewScanner(strings.NewReader(rec))
		for sc.Scan() {
			// "#	0x4a1b2c	pkg.fn+0x2c	/path/file.go:12"
			f := strings.Split(sc.Text(), "\t")
			if len(f) != 4 || f[0] != "#" {
				continue
			}
			fn := f[2]
			if i := strings.LastIndexByte(fn, '+'); i > 0 {
				fn = fn[:i]
			}
			frames = append(frames, fn+" "+f[3])
			if where == "" && !strings.HasPrefix(fn, "runtime.") {
				where = f[3]
			}
		}
		return where, strings.Join(frames, "\n")
	}
	return "", ""
}
