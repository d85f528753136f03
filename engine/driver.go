package engine

import (
	"stackarena/scheduler"
)

// An Actor is a running script: a tasklet, or, for the benchmark's peer, a goroutine.
type Actor interface {
	// Alive reports whether the script has not ended.
	Alive() bool
}

// A Driver is what the World needs of whatever runs its actors each tick: Step calls Tick where the actors
// have their turns, Switches counts the turns and Close ends them. Main side only, on the goroutine that steps
// the World. A Driver that runs scripts is a ScriptDriver; one that is not (the benchmark's hand-written state
// machines) runs no script, so bots, doors and bullets that need one cannot be started in its World.
type Driver interface {
	// Tick gives every runnable actor one turn.
	Tick() error
	// Switches counts the turns given so far.
	Switches() uint64
	// Close ends every actor; no goroutine is left.
	Close() error
}

// ScriptSide is what a running script calls to wait for game time. Script side only: from the script whose turn
// it is, never from the main side.
type ScriptSide interface {
	// Owner is the owner of the script running now; nil on the main side.
	Owner() any
	// Park suspends the calling script until Wake (or Kill).
	Park()
	// Yield suspends the calling script until the next tick.
	Yield()
	// Sleep suspends the calling script for ticks ticks; Wake ends it early.
	Sleep(ticks int)
}

// A ScriptDriver is a Driver that runs the actors' scripts, one turn each per tick, on the goroutine that calls
// Tick. The World uses the tasklet driver; the goroutine driver exists so that benchmarks can compare the two on
// the same behaviours. Both run scripts one at a time in the same order, so a world gives the same state hash
// with either.
type ScriptDriver interface {
	Driver
	ScriptSide
	// Spawn starts script as a new actor appended to the run queue; owner is what it runs for (a *Bot,
	// *Bullet or *Door), handed back to the error callback if the script panics. Main side only.
	Spawn(name string, owner any, script func()) Actor
	// SpawnPaused is Spawn, but the actor waits, with no turn and no goroutine, until Wake (a bullet in flight).
	SpawnPaused(name string, owner any, script func()) Actor
	// Wake makes a parked or sleeping actor run in the next tick. Main side, between ticks.
	Wake(Actor)
	// Kill ends an actor, unwinding its script so that its deferred calls run. Main side, between ticks.
	Kill(Actor)
}

// ScriptError is what the error callback receives when a script panics: the error names the actor and carries
// its stack.
type ScriptError struct {
	Owner any
	Err   error
	Stack []byte
}

// taskletDriver runs scripts as tasklets of a scheduler.
type taskletDriver struct {
	s *scheduler.Scheduler
}

// NewTaskletDriver returns the driver the World uses by default, a ScriptDriver: every script is a tasklet of a
// new scheduler; a panic in a script is passed to onError and ends that tasklet only.
func NewTaskletDriver(onError func(ScriptError)) Driver {
	s := scheduler.New()
	// Bullets come and go all the time, each running one turn when its flight ends: they reuse these.
	s.SetIdleCoroutines(idleCoroutines)
	s.SetErrorHandler(func(e *scheduler.TaskletError) error {
		onError(ScriptError{Owner: e.Tasklet.Owner(), Err: e, Stack: e.Stack})
		return nil
	})
	return &taskletDriver{s: s}
}

func (d *taskletDriver) Spawn(name string, owner any, script func()) Actor {
	t := d.s.SpawnNamed(name, script)
	t.SetOwner(owner)
	return t
}

// idleCoroutines is how many goroutines of ended scripts the tasklet driver keeps for new scripts. Scripts run
// one at a time, so a few cover the bullets that end in a tick; more would only hold stacks.
const idleCoroutines = 16

func (d *taskletDriver) SpawnPaused(name string, owner any, script func()) Actor {
	t := d.s.SpawnPaused(name, script)
	t.SetOwner(owner)
	return t
}

func (d *taskletDriver) Owner() any      { return d.s.Current().Owner() } // main's owner is nil
func (d *taskletDriver) Park()           { d.s.Park() }
func (d *taskletDriver) Yield()          { d.s.Schedule() }
func (d *taskletDriver) Sleep(ticks int) { d.s.Sleep(ticks) }
func (d *taskletDriver) Wake(a Actor)    { a.(*scheduler.Tasklet).Ready() }
func (d *taskletDriver) Kill(a Actor)    { a.(*scheduler.Tasklet).Kill() }
func (d *taskletDriver) Tick() error     { return d.s.Tick() }
func (d *taskletDriver) Switches() uint64 {
	return d.s.Switches()
}
func (d *taskletDriver) Close() error { return d.s.Close() }

// Scheduler exposes the tasklet driver's scheduler (for inspectors, tests and drivers that wrap the tasklet
// driver, which expose it with a Scheduler method); nil for other drivers.
func Scheduler(d Driver) *scheduler.Scheduler {
	switch d := d.(type) {
	case *taskletDriver:
		return d.s
	case interface{ Scheduler() *scheduler.Scheduler }:
		return d.Scheduler()
	}
	return nil
}
