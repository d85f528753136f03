package scheduler

import (
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// taskletState says where a tasklet is. A tasklet is in exactly one place.
type taskletState uint8

const (
	stateRunnable taskletState = iota // in the run ring (maybe not started yet)
	stateBlocked                      // in a channel's wait queue
	stateSleeping                     // in the sleep heap
	stateParked                       // in no queue; Ready or Kill brings it back
	stateDead                         // ended, killed, or never started
)

var stateNames = [...]string{"runnable", "blocked", "sleeping", "parked", "dead"}

// waitQueue is a channel seen from a tasklet blocked on it.
type waitQueue interface {
	// cancel takes t out of the queue, moving the balance back toward 0.
	cancel(t *Tasklet)
	// direction reports whether t waits to send (+1) or to receive (-1).
	direction(t *Tasklet) int
}

// A Tasklet is a function that runs as a coroutine under a Scheduler. Create one with [Scheduler.Spawn].
//
// The methods that only read (ID, Name, Alive, Blocked, ...) may be called from the driving goroutine or from
// any tasklet of the same scheduler; they cost O(1) and never switch.
type Tasklet struct {
	// The fields a turn touches come first, within one cache line: Spawn allocates tasklets in slabs of
	// 64-byte-aligned 192-byte slots, so a tick walks them in memory order.
	s          *Scheduler
	next, prev *Tasklet // run ring links; nil when not in the ring
	// resume continues the coroutine; nil until the first turn, so a tasklet that never runs has no goroutine.
	resume func() (struct{}, bool)
	yield  func(struct{}) bool
	stop   func()
	state  taskletState
	// killed asks the tasklet to unwind with ErrTaskletExit when it next resumes.
	killed   bool
	started  bool
	returned bool
	isMain   bool
	_        [11]byte

	co       *coroutine // the shared coroutine running it, when the scheduler keeps idle coroutines
	fn       func()
	waitQ    waitQueue // the channel a blocked tasklet waits on
	waitNode any       // its *waiter[T] in that channel

	heapIndex int    // position in the sleep heap while sleeping
	wakeAt    uint64 // tick at which a sleeping tasklet wakes
	sleepSeq  uint64 // order among tasklets waking in the same tick

	allNext, allPrev *Tasklet // the scheduler's list of live tasklets, for Close

	id    uint64
	name  string
	owner any // what the tasklet belongs to, for its owner's bookkeeping
}

// Owner is the value given to SetOwner: what the tasklet runs for (a game's bot, say). O(1).
func (t *Tasklet) Owner() any { return t.owner }

// SetOwner records what the tasklet runs for, so that an error handler or a tool can find it again. O(1).
func (t *Tasklet) SetOwner(v any) { t.owner = v }

// ID is the tasklet's number: 1 for the first tasklet a scheduler spawns, then 2, 3... The main tasklet is 0.
func (t *Tasklet) ID() uint64 { return t.id }

// Name is the name given to SpawnNamed, or else the name of the tasklet's function.
func (t *Tasklet) Name() string {
	if t.name != "" {
		return t.name
	}
	if t.fn != nil {
		t.name = funcName(t.fn)
	}
	return t.name
}

// String identifies the tasklet as "#id (name)", for errors and logs.
func (t *Tasklet) String() string {
	if t == nil {
		return "<nil tasklet>"
	}
	if n := t.Name(); n != "" {
		return "#" + strconv.FormatUint(t.id, 10) + " (" + n + ")"
	}
	return "#" + strconv.FormatUint(t.id, 10)
}

// Alive reports whether the tasklet has not ended. The main tasklet is always alive.
func (t *Tasklet) Alive() bool { return t.state != stateDead }

// Blocked reports whether the tasklet waits in a channel's queue.
func (t *Tasklet) Blocked() bool { return t.state == stateBlocked }

// Scheduled reports whether the tasklet is in the run queue or in a channel's queue (Stackless's "scheduled").
func (t *Tasklet) Scheduled() bool { return t.state == stateRunnable || t.state == stateBlocked }

// Sleeping reports whether the tasklet is parked by Sleep until a later tick.
func (t *Tasklet) Sleeping() bool { return t.state == stateSleeping }

// Paused reports whether the tasklet is alive but in no queue: it called Park, or sleeps.
func (t *Tasklet) Paused() bool { return t.state == stateParked || t.state == stateSleeping }

// Started reports whether the tasklet has had its first turn.
func (t *Tasklet) Started() bool { return t.started || t.isMain }

// IsCurrent reports whether the tasklet is the one running now.
func (t *Tasklet) IsCurrent() bool { return t.s.current == t }

// IsMain reports whether t is its scheduler's main tasklet, the driving goroutine.
func (t *Tasklet) IsMain() bool { return t.isMain }

// State names where the tasklet is: "runnable", "blocked", "sleeping", "parked" or "dead".
func (t *Tasklet) State() string { return stateNames[t.state] }

// WakeTick is the tick at which a sleeping tasklet wakes; 0 when it does not sleep.
func (t *Tasklet) WakeTick() uint64 {
	if t.state != stateSleeping {
		return 0
	}
	return t.wakeAt
}

// Kill ends the tasklet. A tasklet that has not started is dropped without running its body. Otherwise the
// victim leaves whatever queue it is in (a channel's balance is fixed), resumes at once and unwinds from its
// suspension point with a panic of [ErrTaskletExit], so that its deferred calls run; then the caller continues.
// No other tasklet runs in between. Killing a dead tasklet does nothing; a tasklet that kills itself unwinds at
// once and Kill does not return.
//
// Called from the main side, Kill returns the error of a panic that escaped the victim's deferred calls (a
// *TaskletError); called from a tasklet, such an error goes to the caller of Run or Tick instead and Kill
// returns nil.
//
// Stackless rotates the ring to a victim that is already queued, so the tasklets queued between the caller and
// the victim would run first; here the victim alone runs, so that a kill never gives other tasklets an extra
// turn inside or between ticks.
func (t *Tasklet) Kill() error {
	s := t.s
	outside, err := s.enter()
	if err != nil {
		return err
	}
	if outside {
		defer s.leave()
	}
	if t.isMain {
		return ErrMain
	}
	if t.state == stateDead {
		return nil
	}
	caller := s.current
	if t == caller {
		panic(ErrTaskletExit)
	}
	if !t.started {
		s.detach(t)
		s.retire(t)
		return nil
	}
	s.detach(t)
	t.killed = true
	t.state = stateRunnable
	s.insertBefore(caller, t)
	s.current = t
	return s.switchAway(caller)
}

// Ready makes a parked or sleeping tasklet runnable: it is appended at the tail of the run queue, so during a
// tick it runs in the next tick. A tasklet already in the run queue keeps its place. A blocked tasklet gives
// [ErrBlocked] (only a partner or Kill may wake it), a dead one [ErrDead]. O(1), or O(log n) for a sleeper.
func (t *Tasklet) Ready() error {
	s := t.s
	outside, err := s.enter()
	if err != nil {
		return err
	}
	if outside {
		defer s.leave()
	}
	switch {
	case t.isMain:
		return ErrMain
	case t.state == stateBlocked:
		return ErrBlocked
	case t.state == stateDead:
		return ErrDead
	case t.state == stateRunnable:
		return nil
	}
	s.detach(t)
	t.state = stateRunnable
	s.insertTail(t)
	return nil
}

// body is the coroutine of a tasklet that has one of its own: it runs fn and, however fn ends, retires the
// tasklet.
func (t *Tasklet) body(yield func(struct{}) bool) {
	t.yield = yield
	defer t.finish()
	t.fn()
	t.returned = true
}

// suspend hands control back to the driver; the scheduler has already decided who runs next. It returns when
// the driver resumes this tasklet, or unwinds it if it was killed.
func (t *Tasklet) suspend() {
	if !t.yield(struct{}{}) || t.killed {
		t.killed = false
		panic(ErrTaskletExit)
	}
}

// finish runs in the dying tasklet's deferred call: it turns an escaping panic into a TaskletError for the error
// handler or the watchdog, and retires the tasklet.
func (t *Tasklet) finish() {
	s := t.s
	r := recover()
	var err error
	if r != nil && r != ErrTaskletExit {
		err = s.handle(&TaskletError{Tasklet: t, Value: r, Stack: debug.Stack()})
	}
	s.retire(t)
	if err != nil {
		s.pending = err
	}
	// r == nil && !t.returned means runtime.Goexit: it goes on to the driver, as iter.Pull propagates it.
}

// funcName names a function value for error messages: "pkg.Func", or "pkg.Outer.func1" for a closure.
func funcName(fn func()) string {
	f := runtime.FuncForPC(reflect.ValueOf(fn).Pointer())
	if f == nil {
		return ""
	}
	name := f.Name()
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// GoString formats a tasklet for %#v with its state.
func (t *Tasklet) GoString() string {
	return fmt.Sprintf("scheduler.Tasklet{%s %s}", t, t.State())
}
