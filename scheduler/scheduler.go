package scheduler

import (
	"fmt"
	"sync"
	"sync/atomic"
	"unsafe"

	"stackarena/scheduler/prefetch"
)

// A Scheduler owns tasklets, runs them in turn and counts ticks. The zero value is not usable; call [New].
//
// One goroutine drives a Scheduler at a time (see the package doc). Nothing in it depends on wall-clock time,
// map order or randomness: the same calls give the same interleaving.
type Scheduler struct {
	// current is the head of the run ring: the running tasklet, or the next to run. nil when the ring is empty.
	current *Tasklet
	// runnable counts the ring's tasklets, main included when it is in the ring, the tick marker not.
	runnable int

	main   Tasklet // the driving goroutine, while it runs code outside any tasklet
	marker Tasklet // the tick boundary, in the ring during Tick

	// busy is 1 while the scheduler runs: inside Run, Tick, Close or a main side operation.
	busy atomic.Int32
	// owner is the goroutine the scheduler runs on now, checked in race-detector builds only (owner_race.go).
	owner ownerCell

	// pending is an uncaught tasklet error on its way to the watchdog (the caller of Run, Tick or the main side
	// operation that drives).
	pending error

	errorHandler func(*TaskletError) error

	// watch is the stall watchdog's view of the turns, nil when none watches (see Watch).
	watch *watchdog

	tick     uint64
	sleepers sleepHeap
	sleepSeq uint64
	nextID   uint64
	switches uint64
	alive    int
	allFirst *Tasklet
	allLast  *Tasklet
	closed   bool
	slab     []Tasklet
	idle     []*coroutine // coroutines waiting for a tasklet to run
	maxIdle  int

	// The inbox of values posted from other goroutines, guarded by inboxMu; posts mirrors its length.
	inboxMu     sync.Mutex
	inbox       []delivery
	inboxSpare  []delivery
	inboxClosed bool
	posts       atomic.Int32
}

// slabSize is how many tasklets Spawn allocates at once: a tick walks the ring in creation order, so slots in
// one slab are resumed in memory order, which the hardware prefetches. SpawnPaused allocates each tasklet
// alone: a paused tasklet's turn comes when something readies it, not in creation order, so a slab buys it no
// locality, and a slab lives while any of its slots does: paused tasklets that end in another order than they
// were spawned in (a game's bullets) would keep ~4 dead slots alive for each live one.
const slabSize = 64

// New returns an empty Scheduler, ready to Spawn tasklets. The caller's goroutine is its main tasklet.
func New() *Scheduler {
	s := &Scheduler{}
	s.main = Tasklet{s: s, isMain: true, name: "main", state: stateRunnable}
	s.marker = Tasklet{s: s, name: "tick marker"}
	s.main.next, s.main.prev = &s.main, &s.main
	s.current = &s.main
	s.runnable = 1
	return s
}

// Spawn creates a tasklet that will run f, and appends it at the tail of the run queue: tasklets run in
// creation order. Pass arguments by capturing them in a closure. The tasklet's goroutine is created at its first
// turn, so a tasklet killed before it runs never had one.
//
// Spawn may be called from the main side or from a tasklet. After Close it returns a dead tasklet that never
// runs. Called from the main side while another goroutine drives the scheduler, it panics with
// ErrConcurrentUse. Cost: O(1) and one allocation per 64 tasklets, plus the coroutine at the first turn.
func (s *Scheduler) Spawn(f func()) *Tasklet { return s.SpawnNamed("", f) }

// SpawnNamed is Spawn with a name for errors, logs and inspectors.
func (s *Scheduler) SpawnNamed(name string, f func()) *Tasklet { return s.spawn(name, f, true) }

// SpawnPaused creates a tasklet that will run f but leaves it out of the run queue, paused (Stackless's bind
// with arguments): it is alive, costs no goroutine and no turn, and runs when its Ready is called; Kill drops it
// without running its body. A game's bullet is one: it has nothing to do until its flight ends.
func (s *Scheduler) SpawnPaused(name string, f func()) *Tasklet { return s.spawn(name, f, false) }

func (s *Scheduler) spawn(name string, f func(), queue bool) *Tasklet {
	outside, err := s.enter()
	if err == ErrClosed {
		return &Tasklet{s: s, name: name, state: stateDead}
	}
	if err != nil {
		panic(err)
	}
	if outside {
		defer s.leave()
	}
	s.nextID++
	var t *Tasklet
	if queue {
		if len(s.slab) == 0 {
			s.slab = make([]Tasklet, slabSize)
		}
		t = &s.slab[0]
		s.slab = s.slab[1:]
	} else {
		t = new(Tasklet) // see slabSize
	}
	*t = Tasklet{s: s, fn: f, name: name, id: s.nextID, state: stateParked}
	s.linkAll(t)
	if queue {
		t.state = stateRunnable
		s.insertTail(t)
	}
	return t
}

// Run runs tasklets until none is runnable, as stackless.run does: it returns nil when the run queue is empty,
// leaving blocked, sleeping and parked tasklets where they are. Run does not advance ticks, so sleepers wait for
// a Tick. A tasklet that calls Schedule forever keeps Run going forever. While Run runs, the main tasklet is out
// of the run queue (Paused, not Scheduled); a tasklet that makes it ready again (Main().Ready, Main().Run) ends
// Run when main reaches the head of the queue, the others keeping their places.
//
// Run may not be called from inside a tasklet (Stackless's nested run): that returns [ErrConcurrentUse].
//
// An uncaught panic in a tasklet stops Run at once and is returned as a *TaskletError (unless the error handler
// takes it); the other tasklets keep their places and a later Run continues them.
func (s *Scheduler) Run() error {
	if err := s.enterDriver(); err != nil {
		return err
	}
	defer s.leave()
	s.deliverPosts()
	s.floatMain()
	err := s.drive(nil)
	s.relinkMain()
	return err
}

// Tick advances the tick counter, wakes the sleepers due at the new tick and gives every tasklet that is then
// runnable exactly one turn, in run queue order. A tasklet that yields with Schedule runs again next tick;
// tasklets woken during the tick follow the ring rules (woken at the tail: next tick; switched to by a channel:
// now). Values posted from other goroutines are delivered first.
//
// Cost: one coroutine switch per runnable tasklet, plus O(log n) per sleeper woken; blocked, sleeping and parked
// tasklets cost nothing. Errors as for Run: the tick stops at the failing tasklet, and those that have not had
// their turn run first in the next tick.
func (s *Scheduler) Tick() error {
	if err := s.enterDriver(); err != nil {
		return err
	}
	defer s.leave()
	s.tick++
	s.deliverPosts()
	s.wakeSleepers()
	s.floatMain()
	if s.current == nil {
		s.relinkMain()
		return nil
	}
	s.insertBefore(s.current, &s.marker)
	err := s.drive(&s.marker)
	s.unlink(&s.marker)
	s.relinkMain()
	return err
}

// Schedule yields. From a tasklet: the caller goes to the tail of the run queue and the next tasklet runs; in a
// tick the caller runs again in the next tick ("once per frame"). If the caller is the only runnable tasklet
// outside a tick, it continues at once. From the main side: every runnable tasklet gets a turn in ring order
// before Schedule returns (and those that yield in turn go behind main); it returns a tasklet's uncaught error.
// Costs one coroutine switch.
func (s *Scheduler) Schedule() error {
	if s.busy.Load() == 0 {
		return s.scheduleMain()
	}
	if err := s.owner.check(); err != nil {
		return err
	}
	c := s.current
	if c.next == c {
		return nil
	}
	s.current = c.next
	// c.suspend(), by hand: the turn's way back to the tasklet's code returns through one frame less (every
	// return after a coroutine switch is mispredicted).
	if ok := c.yield(struct{}{}); !ok || c.killed {
		c.unwind(ok)
	}
	return nil
}

// parkMain is Park from the main side: main floats until it is made ready again or the ring empties.
func (s *Scheduler) parkMain() error {
	if err := s.enterDriver(); err != nil {
		return err
	}
	defer s.leave()
	s.floatMain()
	return s.drive(&s.main)
}

func (s *Scheduler) scheduleMain() error {
	if err := s.enterDriver(); err != nil {
		return err
	}
	defer s.leave()
	m := &s.main
	if m.next == m {
		return nil
	}
	s.current = m.next
	return s.drive(m)
}

// Sleep parks the calling tasklet off the run queue until the tick Now()+ticks: Sleep(1) resumes in the next
// tick, like Schedule, and Sleep(30) skips 29 ticks. ticks <= 0 is Schedule. Run does not advance ticks, so a
// sleeper wakes only in a Tick. O(log n) in the number of sleepers, and nothing per tick while it sleeps.
// The main side gets [ErrMain].
func (s *Scheduler) Sleep(ticks int) error {
	if s.busy.Load() == 0 {
		return ErrMain
	}
	if ticks <= 0 {
		return s.Schedule()
	}
	if err := s.owner.check(); err != nil {
		return err
	}
	c := s.current
	s.unlink(c)
	c.state = stateSleeping
	c.wakeAt = s.tick + uint64(ticks)
	s.sleepSeq++
	c.sleepSeq = s.sleepSeq
	s.sleepers.push(c)
	c.suspend()
	return nil
}

// Park takes the calling tasklet off the run queue (Stackless's schedule_remove) until someone calls its
// [Tasklet.Ready] or Kill. A parked tasklet costs nothing per tick: this is how a game action that lasts many
// ticks waits for the engine.
//
// From the main side, Park runs the other tasklets until one of them makes main ready again (Main().Ready or
// Main().Run) and main reaches the head of the run queue, or until none is runnable, as Run does; it returns a
// tasklet's uncaught error. Costs one coroutine switch (from a tasklet).
func (s *Scheduler) Park() error {
	if s.busy.Load() == 0 {
		return s.parkMain()
	}
	if err := s.owner.check(); err != nil {
		return err
	}
	c := s.current
	s.unlink(c)
	c.state = stateParked
	if ok := c.yield(struct{}{}); !ok || c.killed { // c.suspend(), by hand as in Schedule
		c.unwind(ok)
	}
	return nil
}

// Current is the running tasklet, or Main when the main side runs. O(1).
func (s *Scheduler) Current() *Tasklet { return s.current }

// Main is the main tasklet: the driving goroutine seen as a tasklet, with ID 0.
func (s *Scheduler) Main() *Tasklet { return &s.main }

// RunCount is the number of tasklets in the run queue, the running one included: from the main side outside
// Run and Tick it counts main too (so it is at least 1), as stackless.getruncount does. O(1).
func (s *Scheduler) RunCount() int { return s.runnable }

// Alive is the number of live tasklets, main excluded: runnable, blocked, sleeping and parked. O(1).
func (s *Scheduler) Alive() int { return s.alive }

// Now is the tick counter: the number of Ticks so far. O(1).
func (s *Scheduler) Now() uint64 { return s.tick }

// Switches counts the turns given to tasklets so far (each a resume and a yield of a coroutine). O(1).
func (s *Scheduler) Switches() uint64 { return s.switches }

// SetErrorHandler installs h to take the panics that escape tasklets (Stackless's set_error_handler). h runs in
// the dying tasklet, on its goroutine, with Current() returning it. If h returns nil the error is swallowed and
// scheduling goes on; an error it returns goes to the caller of Run or Tick in place of the original. nil
// removes the handler. Call it from the main side or a tasklet.
func (s *Scheduler) SetErrorHandler(h func(*TaskletError) error) { s.errorHandler = h }

// Tasklets calls yield for every live tasklet in creation order, main excluded. The scheduler must not be
// changed during the iteration.
func (s *Scheduler) Tasklets(yield func(*Tasklet) bool) {
	for t := s.allFirst; t != nil; t = t.allNext {
		if !yield(t) {
			return
		}
	}
}

// Close kills every live tasklet, the newest first (as a stack unwinds: a tasklet's children die before it), so
// that their deferred calls run and their goroutines end;
// then the scheduler refuses new work with [ErrClosed]. It returns the first error a dying tasklet raised.
// Calling Close again does nothing.
func (s *Scheduler) Close() error {
	if err := s.enterDriver(); err != nil {
		if err == ErrClosed {
			return nil
		}
		return err
	}
	defer s.leave()
	s.inboxMu.Lock()
	s.inboxClosed = true
	s.inboxMu.Unlock()
	s.deliverPosts() // so that nothing posted stays referenced
	var first error
	for t := s.allLast; t != nil; t = s.allLast {
		if err := s.throw(t, ErrTaskletExit, false); err != nil && first == nil {
			first = err
		}
		if t.state != stateDead {
			// It recovered ErrTaskletExit and lives on: stop makes every further yield fail until it returns.
			stop := t.stop
			s.detach(t)
			t.state = stateRunnable
			s.insertTail(t)
			s.current = t
			s.owner.set(t.gid)
			stopCoroutine(stop)
			s.owner.set(s.main.gid)
			s.retire(t)
			s.current = &s.main
		}
	}
	s.closed = true
	if s.watch != nil {
		s.watch.stop()
	}
	s.sleepers = sleepHeap{}
	for _, co := range s.idle {
		co.stop() // the idle coroutine's yield returns false: it returns and its goroutine ends
	}
	s.idle = nil
	return first
}

// SetIdleCoroutines keeps up to n coroutines of ended tasklets to run new tasklets: a tasklet's first turn then
// takes an idle coroutine instead of creating one (no goroutine creation, no allocation). 0, the default, keeps
// none: every goroutine ends with its tasklet. Idle coroutines hold a goroutine and its stack but no tasklet;
// Close ends them. Worth it where tasklets come and go all the time (a game's bullets).
func (s *Scheduler) SetIdleCoroutines(n int) {
	s.maxIdle = max(0, n)
	for len(s.idle) > s.maxIdle {
		co := s.idle[len(s.idle)-1]
		s.idle = s.idle[:len(s.idle)-1]
		co.stop()
	}
}

// IdleCoroutines is the number of coroutines kept idle for the next tasklets (see SetIdleCoroutines). O(1).
func (s *Scheduler) IdleCoroutines() int { return len(s.idle) }

// enter guards an operation that may come from a tasklet or from the main side. outside reports a main side
// call, which must be paired with leave.
func (s *Scheduler) enter() (outside bool, err error) {
	if s.busy.Load() != 0 {
		return false, s.owner.check()
	}
	if !s.busy.CompareAndSwap(0, 1) {
		return false, ErrConcurrentUse
	}
	if s.closed {
		s.busy.Store(0)
		return false, ErrClosed
	}
	s.ownMain()
	return true, nil
}

// enterDriver guards Run, Tick and Close, which only the main side may call.
func (s *Scheduler) enterDriver() error {
	if !s.busy.CompareAndSwap(0, 1) {
		return ErrConcurrentUse
	}
	if s.closed {
		s.busy.Store(0)
		return ErrClosed
	}
	s.ownMain()
	return nil
}

// ownMain records the calling goroutine as the driver's (race-detector builds; nothing otherwise).
func (s *Scheduler) ownMain() {
	s.main.gid = currentGoroutine()
	s.owner.set(s.main.gid)
}

func (s *Scheduler) leave() { s.busy.Store(0) }

// leaveIf leaves after a main side call (enter's outside).
func (s *Scheduler) leaveIf(outside bool) {
	if outside {
		s.leave()
	}
}

// drive resumes the head of the ring until it is until: the tick marker (Tick), nil (Run: the ring is empty) or
// main (a main side operation: main is back at the head). It also stops when main reaches the head having been
// made ready again while it floated (in Run, Tick or Park), and early with an uncaught tasklet error; then, when
// main is driving, main is made current again, out of any channel it was blocked on.
func (s *Scheduler) drive(until *Tasklet) error {
	for !s.turns(until) {
		// A tasklet ended by runtime.Goexit: it is retired and its error pending, as after any failing turn.
	}
	err := s.pending
	s.pending = nil
	m := &s.main
	if until == m && s.current != m {
		switch m.state {
		case stateBlocked:
			m.wait.cancel()
			m.state = stateRunnable
			s.insertTail(m)
		case stateParked:
			// main floated (Park or Switch from the main side) and the ring emptied, or a tasklet failed.
			m.state = stateRunnable
			s.insertTail(m)
		case stateRunnable:
			// main is queued (it was scheduling or switching): the ring rotates to it.
		}
		s.current = m
	}
	return err
}

// turns is drive's loop. It reports false when a tasklet's runtime.Goexit interrupted it: the tasklet's
// coroutine turned the Goexit into a panic of errGoexit, which iter.Pull re-raised here (see Tasklet.finish).
func (s *Scheduler) turns(until *Tasklet) (finished bool) {
	w := s.watch
	if w != nil {
		w.beginDrive()
	}
	defer func() {
		if w != nil {
			w.endDrive()
		}
		if !finished {
			if r := recover(); r != errGoexit {
				panic(r)
			}
		}
	}()
	for s.current != until && s.pending == nil {
		t := s.current
		if t == nil {
			if s.main.state == stateParked {
				// main floated in Park or Switch and nothing is runnable: it resumes (stackless.run returns).
				break
			}
			// Main is blocked and nothing runnable is left: the last tasklet ended, parked or slept.
			if s.main.wait != nil && s.main.wait.direction() > 0 {
				s.pending = errMainNoReceiver
			} else {
				s.pending = errMainNoSender
			}
			break
		}
		if t.isMain {
			break // main was made ready again while it floated: it resumes
		}
		if t.resume == nil {
			s.start(t)
		}
		s.switches++
		// The next two tasklets' first lines start loading now, while t runs: in a big ring they are cache
		// misses, which the turn would otherwise wait for one after another (busy 10,000: 1.15x ticks/s).
		if n := t.next; n != nil {
			prefetch.Line(unsafe.Pointer(n))
			prefetch.Line(unsafe.Pointer(n.next))
		}
		if w != nil {
			w.turn(t)
		}
		s.owner.set(t.gid)
		t.resume()
		s.owner.set(s.main.gid)
	}
	return true
}

// switchAway lets the tasklets after c run, c having already set current: a tasklet suspends, main drives until
// it is at the head again.
func (s *Scheduler) switchAway(c *Tasklet) error {
	if c.isMain {
		return s.drive(c)
	}
	if ok := c.yield(struct{}{}); !ok || c.killed { // c.suspend(), by hand as in Schedule
		c.unwind(ok)
	}
	return nil
}

// handle passes an escaped panic to the error handler; it returns the error left for the watchdog, if any.
func (s *Scheduler) handle(e *TaskletError) (err error) {
	h := s.errorHandler
	if h == nil {
		return e
	}
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(error); ok {
				err = fmt.Errorf("scheduler: error handler panicked on %w: %w", e, re)
			} else {
				err = fmt.Errorf("scheduler: error handler panicked on %w: %v", e, r)
			}
		}
	}()
	return h(e)
}

// floatMain takes main out of the ring for Run, Tick or Park from the main side: main is paused, as in
// stackless.run, until relinkMain (or a tasklet making it ready).
func (s *Scheduler) floatMain() {
	s.unlink(&s.main)
	s.main.state = stateParked
}

// relinkMain puts main back at the head of the ring after Run or Tick, the rest keeping their order behind it.
// Main may be in the ring already: a tasklet made it ready, or it was blocked and drive took it out.
func (s *Scheduler) relinkMain() {
	m := &s.main
	if m.next == nil {
		s.insertTail(m)
	}
	m.state = stateRunnable
	s.current = m
}

// detach takes t out of whatever queue it is in.
func (s *Scheduler) detach(t *Tasklet) {
	switch t.state {
	case stateRunnable:
		if t.next != nil {
			s.unlink(t)
		}
	case stateBlocked:
		t.wait.cancel()
	case stateSleeping:
		s.sleepers.remove(t)
	}
	t.state = stateParked
}

// retire marks t dead and forgets it: out of the ring and the live list, its function released.
func (s *Scheduler) retire(t *Tasklet) {
	if t.next != nil {
		s.unlink(t)
	}
	t.state = stateDead
	t.Name() // keep the name for errors and logs once fn is gone
	t.fn = nil
	t.yield = nil
	t.resume = nil
	t.stop = nil
	t.co = nil
	t.owner = nil // a dead tasklet must not keep its owner (a bullet, a bot) alive
	s.unlinkAll(t)
}

func (s *Scheduler) linkAll(t *Tasklet) {
	t.allPrev = s.allLast
	if s.allLast == nil {
		s.allFirst = t
	} else {
		s.allLast.allNext = t
	}
	s.allLast = t
	s.alive++
}

func (s *Scheduler) unlinkAll(t *Tasklet) {
	if t.allPrev == nil && s.allFirst != t {
		return
	}
	if t.allPrev == nil {
		s.allFirst = t.allNext
	} else {
		t.allPrev.allNext = t.allNext
	}
	if t.allNext == nil {
		s.allLast = t.allPrev
	} else {
		t.allNext.allPrev = t.allPrev
	}
	t.allNext, t.allPrev = nil, nil
	s.alive--
}
