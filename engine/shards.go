package engine

import (
	"cmp"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"stackarena/scheduler"
)

// The sharded script phase (Config.Shards > 1): the World's actors are spread over K shards, each a tasklet
// scheduler driven by a worker goroutine of its own, and phase 1 of Step runs the K shards at once. A script
// reads the World as it was when the tick began and writes only its own actor; what crosses actors during the
// phase (a scripted bullet's Hurt, a script's failure, which buries its bot) is buffered per shard and applied
// after the phase in actor order, so the state hash at every tick is the same for every K. With one shard the
// World buffers the same effects the same way, without workers.
//
// Every operation that may create or resume a coroutine (a tick, a Kill, Close) runs on the shard's worker, so a
// shard's coroutines are always resumed from one goroutine with one OS-thread locking (the desktop's main
// goroutine is locked to its thread; the workers are not). Spawn and Wake only queue: the World's goroutine
// calls them between ticks, ordered with the worker by the channel handoff.
//
// Tasklets on different shards must not share a scheduler channel: the scheduler reports such use as an error
// (ErrForeignGoroutine in race-detector builds); package actors' scripts share none.

// shardOf is the shard an actor runs on: bots and doors by number, bullets by number.
func shardOf(id, shards int) int32 { return int32((id - 1 + shards) % shards) }

// shardDriver runs the World's scripts on K tasklet schedulers, one worker goroutine each.
type shardDriver struct {
	shards []*taskletDriver
	work   []chan func() // the worker of shard k runs what is sent on work[k]
	done   chan struct{} // a worker signals here when it has run a job
	tick   []func()      // tick[k] ticks shard k into errs[k]
	errs   []error
	panics []*WorkerPanic  // panics[k]: what the last job on shard k's worker panicked with, or nil
	failed [][]ScriptError // per shard: the scripts that failed during a tick, applied after it
	gate   Gate            // Config.Gate, settled after every tick's scripts; nil if none
	deliv  []func()        // deliv[k] delivers shard k's posts into errs[k]
	inTick bool
	exited sync.WaitGroup
	closed bool
}

// newShardDriver starts k shards and their workers. onError gets a script's panic: at once between ticks, and
// after the tick, in actor order, for those that failed during it.
func newShardDriver(k int, onError func(ScriptError)) *shardDriver {
	d := &shardDriver{done: make(chan struct{}, k), errs: make([]error, k), panics: make([]*WorkerPanic, k),
		failed: make([][]ScriptError, k)}
	for i := range k {
		td := NewTaskletDriver(func(e ScriptError) {
			if d.inTick {
				d.failed[i] = append(d.failed[i], e)
				return
			}
			onError(e)
		}).(*taskletDriver)
		d.shards = append(d.shards, td)
		ch := make(chan func())
		d.work = append(d.work, ch)
		d.tick = append(d.tick, func() { d.errs[i] = td.s.Tick() })
		d.deliv = append(d.deliv, func() { d.errs[i] = td.s.Deliver() })
		d.exited.Add(1)
		go func() {
			defer d.exited.Done()
			for f := range ch {
				d.panics[i] = runJob(i, f)
				d.done <- struct{}{}
			}
		}()
	}
	return d
}

// Tick runs every shard's tick at once, then the gate's Settle if there is one; the failures are buffered for
// the World, which applies them in actor order. Two channel operations per shard. The first shard's error, in
// shard order, is returned.
func (d *shardDriver) Tick() error {
	if err := d.all(d.tick); err != nil {
		return err
	}
	if d.gate != nil {
		return d.gate.Settle(d.deliver)
	}
	return nil
}

// all runs jobs[k] on every shard k's worker at once, and returns the first error in shard order.
func (d *shardDriver) all(jobs []func()) error {
	d.inTick = true
	for k, ch := range d.work {
		ch <- jobs[k]
	}
	for range d.work {
		<-d.done
	}
	d.inTick = false
	d.repanic()
	for _, err := range d.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// deliver is the gate's deliver: scheduler.Deliver on every shard at once.
func (d *shardDriver) deliver() error { return d.all(d.deliv) }

// takeFailed appends the failures buffered during the last tick to into and forgets them.
func (d *shardDriver) takeFailed(into []ScriptError) []ScriptError {
	for k, f := range d.failed {
		into = append(into, f...)
		clear(f)
		d.failed[k] = f[:0]
	}
	return into
}

// on runs f on shard k's worker and waits for it; f's panic is raised again here.
func (d *shardDriver) on(k int32, f func()) {
	d.work[k] <- f
	<-d.done
	d.repanic()
}

// WorkerPanic is what Step (or Close, or a Kill) panics with when the engine's code panicked on a shard's
// worker goroutine (not a script: a script's panic kills its bot and never leaves its tasklet). The panic is
// carried back to the goroutine that called the World, so that a recover there (match.Guard) sees it, with the
// worker's stack, instead of the process dying of a goroutine nobody guards. Any goroutine may read it.
type WorkerPanic struct {
	Shard int
	Value any    // what the worker panicked with
	Stack []byte // the worker's stack where it panicked
}

// Error is "shard 2's worker panicked: <value>".
func (p *WorkerPanic) Error() string {
	return fmt.Sprintf("shard %d's worker panicked: %v", p.Shard, p.Value)
}

// Unwrap is the value's error, if it is one.
func (p *WorkerPanic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// PanicStack is the worker's stack, for a crash report (match.Guard writes it beside the stack it recovers).
func (p *WorkerPanic) PanicStack() []byte { return p.Stack }

// runJob runs f and returns its panic, if any, with the stack where it happened. A deferred call per job.
func runJob(shard int, f func()) (p *WorkerPanic) {
	defer func() {
		if r := recover(); r != nil {
			p = &WorkerPanic{Shard: shard, Value: r, Stack: debug.Stack()}
		}
	}()
	f()
	return nil
}

// repanic raises again, on the calling goroutine, the first panic (in shard order) of the workers' last jobs,
// and forgets the others. World goroutine, after the jobs are done.
func (d *shardDriver) repanic() {
	var first *WorkerPanic
	for k, p := range d.panics {
		if p != nil && first == nil {
			first = p
		}
		d.panics[k] = nil
	}
	if first != nil {
		panic(first)
	}
}

func (d *shardDriver) Switches() uint64 {
	var n uint64
	for _, s := range d.shards {
		n += s.Switches()
	}
	return n
}

// Close closes every shard on its worker, newest shard first, then ends the workers.
func (d *shardDriver) Close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	var first error
	var broke *WorkerPanic
	for k := len(d.shards) - 1; k >= 0; k-- {
		d.work[k] <- func() {
			if err := d.shards[k].Close(); err != nil && first == nil {
				first = err
			}
		}
		<-d.done
		if broke == nil {
			broke = d.panics[k]
		}
		d.panics[k] = nil
	}
	for _, ch := range d.work {
		close(ch)
	}
	d.exited.Wait()
	if broke != nil { // after the workers ended: a panic in Close leaves no goroutine behind
		panic(broke)
	}
	return first
}

// ownerShard is the shard of a script's owner; -1 if it has none (a dead tasklet forgets its owner).
func ownerShard(owner any) int32 {
	switch o := owner.(type) {
	case *Bot:
		return o.shard
	case *Door:
		return o.shard
	case *Bullet:
		return o.shard
	}
	return -1
}

func (d *shardDriver) Spawn(name string, owner any, script func()) Actor {
	return d.shards[ownerShard(owner)].Spawn(name, owner, script)
}

func (d *shardDriver) SpawnPaused(name string, owner any, script func()) Actor {
	return d.shards[ownerShard(owner)].SpawnPaused(name, owner, script)
}

func (d *shardDriver) Wake(a Actor) {
	if k := actorShard(a); k >= 0 {
		d.shards[k].Wake(a)
	}
}

func (d *shardDriver) Kill(a Actor) {
	if k := actorShard(a); k >= 0 {
		d.on(k, func() { d.shards[k].Kill(a) })
	}
}

func actorShard(a Actor) int32 {
	if t, ok := a.(interface{ Owner() any }); ok {
		return ownerShard(t.Owner())
	}
	return -1
}

// The script side of a sharded driver is per shard (World.sides); these serve only callers that hold the
// driver: on the main side no script runs.
func (d *shardDriver) Owner() any { return nil }
func (d *shardDriver) Park()      { panic("engine: a sharded driver parks through the actor's shard") }
func (d *shardDriver) Yield()     { panic("engine: a sharded driver yields through the actor's shard") }
func (d *shardDriver) Sleep(int)  { panic("engine: a sharded driver sleeps through the actor's shard") }

// WatchStalls starts the scheduler's stall watchdog (scheduler.Scheduler.Watch) on every scheduler that runs
// the World's scripts: its tasklet driver's, or each shard's (on the shard's worker). onStall is called on a
// watchdog's goroutine, once per scheduler that stalls: with shards, possibly on several at once. Close ends
// the watchdogs. It reports false, and starts nothing, when the World's driver has no scheduler. Main side,
// between Steps. Cost per tick: two atomic stores per turn.
func (w *World) WatchStalls(limit time.Duration, onStall func(*scheduler.StallError)) (bool, error) {
	if sd, ok := w.driver.(*shardDriver); ok {
		var first error
		for k, td := range sd.shards {
			sd.on(int32(k), func() {
				if _, err := td.s.Watch(limit, onStall); err != nil && first == nil {
					first = err
				}
			})
		}
		return true, first
	}
	s := Scheduler(w.driver)
	if s == nil {
		return false, nil
	}
	_, err := s.Watch(limit, onStall)
	return true, err
}

// Gate joins a World's script phase from outside (Config.Gate): the remote bots' lockstep, which after the
// scripts' turn of every tick waits for the commands their peers send and delivers them in the same tick. The
// scripts it serves wait on scheduler channels of their own shard's scheduler; other goroutines post to them
// (scheduler.Channel.Post); Settle delivers. Delivered turns run within the script phase, like the tick's, so
// a World with a Gate plays the same match for any number of shards.
type Gate interface {
	// Attach is called once, as the World is built, with the schedulers that will run its scripts: shard k's
	// at index k, one when the World is not sharded. BotShard gives the shard of a bot.
	Attach(scheds []*scheduler.Scheduler)
	// Settle is called on the World's goroutine after the scripts' turn of every tick. deliver runs
	// scheduler.Deliver on every scheduler (on the shards' workers, all at once) and returns the first error,
	// in shard order; Settle may call it any number of times (rounds), and returns the error that ends the
	// tick's script phase, or nil.
	Settle(deliver func() error) error
}

// BotShard is the shard that runs the script of bot id in a World of shards shards (Config.Shards; 0 or 1:
// 0). O(1).
func BotShard(id, shards int) int { return int(shardOf(id, max(1, shards))) }

// gatedDriver is the World's own tasklet driver with a Gate's Settle after each tick (an unsharded World).
type gatedDriver struct {
	*taskletDriver
	gate Gate
}

func (d *gatedDriver) Tick() error {
	if err := d.taskletDriver.Tick(); err != nil {
		return err
	}
	return d.gate.Settle(d.s.Deliver)
}

// Scheduler is the tasklet driver's scheduler (engine.Scheduler finds it).
func (d *gatedDriver) Scheduler() *scheduler.Scheduler { return d.s }

// attachGate makes the World's driver d settle g after every tick, and attaches g to d's schedulers.
func attachGate(d Driver, g Gate) Driver {
	if sd, ok := d.(*shardDriver); ok {
		sd.gate = g
		var scheds []*scheduler.Scheduler
		for _, td := range sd.shards {
			scheds = append(scheds, td.s)
		}
		g.Attach(scheds)
		return sd
	}
	td := d.(*taskletDriver) // checkShards refuses a Gate with a Driver of the caller's
	g.Attach([]*scheduler.Scheduler{td.s})
	return &gatedDriver{td, g}
}

// Shards is how many shards run the World's scripts (Config.Shards, at least 1). O(1).
func (w *World) Shards() int { return max(1, len(w.sides)) }

// hurt is a scripted bullet's damage, buffered during the script phase.
type hurt struct {
	bullet int
	victim *Bot
	owner  *Bot
	damage float64
}

// applyScriptEffects applies what the scripts did to other actors during phase 1, in actor order: the bullets'
// hurts by bullet number (a bullet's own in the order it dealt them), then the scripts' failures by owner.
func (w *World) applyScriptEffects() {
	all := w.hurts[0]
	for k := 1; k < len(w.hurts); k++ {
		all = append(all, w.hurts[k]...)
		w.hurts[k] = w.hurts[k][:0]
	}
	byBullet := func(a, b hurt) int { return cmp.Compare(a.bullet, b.bullet) }
	if !slices.IsSortedFunc(all, byBullet) {
		slices.SortStableFunc(all, byBullet)
	}
	for _, h := range all {
		h.victim.addEnergy(-h.damage, h.owner)
	}
	clear(all)
	w.hurts[0] = all[:0]
	if sd, ok := w.driver.(*shardDriver); ok {
		w.failed = sd.takeFailed(w.failed)
	}
	if len(w.failed) == 0 {
		return
	}
	slices.SortStableFunc(w.failed, func(a, b ScriptError) int { return compareOwners(a.Owner, b.Owner) })
	for _, e := range w.failed {
		w.scriptFailed(e)
	}
	clear(w.failed)
	w.failed = w.failed[:0]
}

// compareOwners orders script owners: bots, then doors, then bullets, each by number.
func compareOwners(a, b any) int {
	ka, ia := ownerKey(a)
	kb, ib := ownerKey(b)
	return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(ia, ib))
}

func ownerKey(o any) (int, int) {
	switch o := o.(type) {
	case *Bot:
		return 0, o.id
	case *Door:
		return 1, o.id
	case *Bullet:
		return 2, o.id
	}
	return 3, 0
}

// checkShards validates Config.Shards.
func checkShards(cfg Config) error {
	if cfg.Shards < 0 || cfg.Shards > MaxShards {
		return fmt.Errorf("%d shards: between 1 and %d", cfg.Shards, MaxShards)
	}
	if cfg.Shards > 1 && cfg.Driver != nil {
		return fmt.Errorf("%d shards need the World's own tasklet driver (Config.Driver nil)", cfg.Shards)
	}
	if cfg.Gate != nil && cfg.Driver != nil {
		return fmt.Errorf("a Gate needs the World's own tasklet driver (Config.Driver nil)")
	}
	return nil
}

// MaxShards bounds Config.Shards.
const MaxShards = 256
