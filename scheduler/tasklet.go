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

// waitEntry is a blocked tasklet's place in a channel's queue (a *waiter[T]).
type waitEntry interface {
	// cancel takes the tasklet out of the queue, moving the balance back toward 0.
	cancel()
	// direction reports whether the tasklet waits to send (+1) or to receive (-1).
	direction() int
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
	// killed asks the tasklet to unwind with a panic of bomb (ErrTaskletExit when nil) when it next resumes.
	killed   bool
	started  bool
	returned bool
	isMain   bool
	_        [11]byte

	co   *coroutine // the shared coroutine running it, when the scheduler keeps idle coroutines
	fn   func()
	wait waitEntry   // where a blocked tasklet waits
	gid  goroutineID // the goroutine running it (race-detector builds; zero-size otherwise)
	bomb error       // what Throw raises at the next resume (with killed)

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
// The main tasklet is not scheduled while Run or Tick runs.
func (t *Tasklet) Scheduled() bool { return t.state == stateRunnable || t.state == stateBlocked }

// Sleeping reports whether the tasklet is parked by Sleep until a later tick.
func (t *Tasklet) Sleeping() bool { return t.state == stateSleeping }

// Paused reports whether the tasklet is alive but in no queue: it called Park, or sleeps, or (the main tasklet)
// it floats while Run, Tick or Park from the main side runs the others.
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

// Kill ends the tasklet (Stackless's kill: Throw of [ErrTaskletExit]). A tasklet that has not started is
// dropped without running its body. Otherwise the victim leaves whatever queue it is in (a channel's balance is
// fixed), resumes at once and unwinds from its suspension point with a panic of ErrTaskletExit, so that its
// deferred calls run; then the caller continues. No other tasklet runs in between. Killing a dead tasklet does
// nothing; a tasklet that kills itself unwinds at once and Kill does not return. The main tasklet gives
// [ErrMain].
//
// Called from the main side, Kill returns the error of a panic that escaped the victim's deferred calls (a
// *TaskletError); called from a tasklet, such an error goes to the caller of Run or Tick instead and Kill
// returns nil.
//
// Stackless rotates the ring to a victim that is already queued, so the tasklets queued between the caller and
// the victim would run first; here the victim alone runs, so that a kill never gives other tasklets an extra
// turn inside or between ticks.
func (t *Tasklet) Kill() error {
	if t.isMain {
		return ErrMain
	}
	return t.Throw(ErrTaskletExit, false)
}

// Throw raises err in the tasklet at its suspension point, as a panic whose value is err (Stackless's throw and
// raise_exception): the Schedule, Send, Receive, Sleep or Park it is suspended in panics when it resumes. The
// tasklet may recover it; uncaught, it ends the tasklet and reaches the caller of Run or Tick (or the driving
// main side call) as a *TaskletError that unwraps to err. A tasklet that has not started raises it before its
// first instruction.
//
// A blocked tasklet leaves its channel (the balance is fixed), a parked or sleeping one leaves its queue, and
// both are appended at the tail of the run queue; a queued one keeps its place. Then, unless pending, the target
// runs at once, alone, and the caller continues after it, as with Kill; with pending the caller continues and
// the target raises err at its next turn.
//
// Throwing to the caller itself panics at once. Throwing to a dead tasklet is [ErrDead], except ErrTaskletExit,
// which does nothing. Throwing to the main tasklet from a tasklet hands err to the main side's driving call (Run,
// Tick...), as an uncaught error would; unless pending the caller then yields. From the main side to itself, Throw
// returns err. A nil err is an error. Returns as Kill does. O(1) plus the target's turn.
func (t *Tasklet) Throw(err error, pending bool) error {
	if err == nil {
		return errNilThrow
	}
	s := t.s
	outside, e := s.enter()
	if e != nil {
		return e
	}
	defer s.leaveIf(outside)
	return s.throw(t, err, pending)
}

// throw is Throw once the scheduler is entered.
func (s *Scheduler) throw(t *Tasklet, err error, pending bool) error {
	caller := s.current
	switch {
	case t.isMain:
		if caller.isMain {
			return err
		}
		s.pending = err
		if !pending {
			s.current = caller.next
			caller.suspend()
		}
		return nil
	case t.state == stateDead:
		if err == ErrTaskletExit {
			return nil
		}
		return ErrDead
	case t == caller:
		panic(err)
	case !t.started && err == ErrTaskletExit:
		s.detach(t)
		s.retire(t)
		return nil
	}
	t.killed, t.bomb = true, err
	queued := t.state == stateRunnable
	if pending {
		if !queued {
			s.detach(t)
			t.state = stateRunnable
			s.insertTail(t)
		}
		return nil
	}
	s.detach(t)
	t.state = stateRunnable
	s.insertBefore(caller, t)
	s.current = t
	return s.switchAway(caller)
}

// Ready makes a parked or sleeping tasklet runnable (Stackless's insert): it is appended at the tail of the run
// queue, so during a tick it runs in the next tick. A tasklet already in the run queue keeps its place. A blocked
// tasklet gives [ErrBlocked] (only a partner, Kill or Throw may wake it), a dead one [ErrDead].
//
// On the main tasklet: from the main side it does nothing (main is in the run queue); from a tasklet while main
// floats (in Run, Tick or Park), main is appended at the tail, and the driving call returns when main reaches
// the head. O(1), or O(log n) for a sleeper.
func (t *Tasklet) Ready() error {
	s := t.s
	outside, err := s.enter()
	if err != nil {
		return err
	}
	defer s.leaveIf(outside)
	if err := t.insertable(); err != nil || t.state == stateRunnable {
		return err
	}
	s.detach(t)
	t.state = stateRunnable
	s.insertTail(t)
	return nil
}

// insertable is insert's check: blocked and dead tasklets cannot be made runnable.
func (t *Tasklet) insertable() error {
	switch t.state {
	case stateBlocked:
		return ErrBlocked
	case stateDead:
		return ErrDead
	}
	return nil
}

// Remove takes a queued tasklet out of the run queue (Stackless's remove): it is paused until Ready, Run,
// Switch, Throw or Kill. A tasklet that is not in the run queue (parked, sleeping, dead) is left as it is. The
// running tasklet gives [ErrCurrent], a blocked one [ErrBlocked]. O(1).
func (t *Tasklet) Remove() error {
	s := t.s
	outside, err := s.enter()
	if err != nil {
		return err
	}
	defer s.leaveIf(outside)
	switch {
	case t == s.current:
		return ErrCurrent
	case t.state == stateBlocked:
		return ErrBlocked
	case t.state != stateRunnable:
		return nil
	}
	s.unlink(t)
	t.state = stateParked
	return nil
}

// Run runs the tasklet now (Stackless's tasklet.run): a paused or sleeping tasklet is first appended at the
// tail of the run queue, just before the caller; a queued one keeps its place; then the run queue rotates to it.
// The caller stays in the run queue, so the tasklets queued between the target and the caller run before the
// caller resumes, and those between the caller and the target wait for the next round (during a tick: for the
// next tick). Running the current tasklet does nothing; blocked and dead ones give [ErrBlocked] and [ErrDead].
// Running the main tasklet from a tasklet ends the driving Run, Tick or Park (see Ready).
//
// From the main side, Run drives the scheduler until main is back at the head of the run queue and returns a
// tasklet's uncaught error met meanwhile. Costs one coroutine switch.
func (t *Tasklet) Run() error { return t.runNow(false) }

// Switch is Run, except that the caller leaves the run queue, paused (Stackless's tasklet.switch): it resumes
// only when it is made ready again. From the main side it then returns as Park does.
func (t *Tasklet) Switch() error { return t.runNow(true) }

func (t *Tasklet) runNow(pause bool) error {
	s := t.s
	outside, err := s.enter()
	if err != nil {
		return err
	}
	defer s.leaveIf(outside)
	caller := s.current
	if err := t.insertable(); err != nil || t == caller {
		return err
	}
	if t.state != stateRunnable {
		s.detach(t)
		t.state = stateRunnable
		s.insertTail(t)
	}
	s.current = t
	if pause {
		s.unlink(caller)
		caller.state = stateParked
	}
	return s.switchAway(caller)
}

// body is the coroutine of a tasklet that has one of its own: it runs fn and, however fn ends, retires the
// tasklet.
func (t *Tasklet) body(yield func(struct{}) bool) {
	t.yield = yield
	defer t.finish()
	t.call()
}

// call runs the tasklet's function, unless a Throw or Kill came before its first turn.
func (t *Tasklet) call() {
	t.gid = currentGoroutine()
	t.s.owner.set(t.gid)
	if w := t.s.watch; w != nil {
		w.label()
	}
	if t.killed {
		t.raise()
	}
	t.fn()
	t.returned = true
}

// suspend hands control back to the driver; the scheduler has already decided who runs next. It returns when
// the driver resumes this tasklet, or raises what Throw or Kill left for it. The hot paths (Schedule, Park and
// channel operations) write its two lines out instead of calling it: the Go inliner will not take a function
// that makes two calls.
func (t *Tasklet) suspend() {
	if ok := t.yield(struct{}{}); !ok || t.killed {
		t.unwind(ok)
	}
}

// unwind is suspend's way out when the tasklet does not simply continue: Close stopped its coroutine (resumed
// false: a tasklet that survived its kill), or Throw or Kill left it a bomb.
func (t *Tasklet) unwind(resumed bool) {
	if !resumed {
		panic(ErrTaskletExit)
	}
	t.raise()
}

// raise panics with the tasklet's bomb: what Throw left for it, or ErrTaskletExit.
func (t *Tasklet) raise() {
	b := t.bomb
	t.killed, t.bomb = false, nil
	if b == nil {
		b = ErrTaskletExit
	}
	panic(b)
}

// finish runs in the dying tasklet's deferred call: it turns an escaping panic into a TaskletError for the error
// handler or the watchdog, and retires the tasklet.
//
// A tasklet that calls runtime.Goexit ends without a panic and without returning. iter.Pull would pass the
// Goexit on to the goroutine that resumed the coroutine, the scheduler's driver, so finish raises errGoexit in
// its place: iter.Pull hands that panic to the driver, where Scheduler.turns recovers it and goes on.
func (t *Tasklet) finish() {
	s := t.s
	r := recover()
	goexit := r == nil && !t.returned
	var err error
	switch {
	case goexit:
		err = s.handle(&TaskletError{Tasklet: t, Value: ErrGoexit, Stack: debug.Stack()})
	case r != nil && r != ErrTaskletExit:
		err = s.handle(&TaskletError{Tasklet: t, Value: r, Stack: debug.Stack()})
	}
	s.retire(t)
	if err != nil {
		s.pending = err
	}
	if goexit {
		panic(errGoexit)
	}
}

// stopCoroutine stops a coroutine from the driver, absorbing the errGoexit of a tasklet that calls
// runtime.Goexit as it unwinds (its error is pending, as in drive).
func stopCoroutine(stop func()) {
	defer func() {
		if r := recover(); r != nil && r != errGoexit {
			panic(r)
		}
	}()
	stop()
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
