package engine

import (
	"fmt"
	"runtime/debug"
)

// goroutineDriver runs every script on a goroutine of its own, handing control back and forth over Go channels:
// what a Go programmer writes first. It exists as the benchmarks' peer. Scripts still run one at a time, in
// the same run queue order as tasklets, so results are identical and deterministic; only the switch differs.
type goroutineDriver struct {
	queue   []*goActor // runnable, in order
	next    []*goActor
	sleep   sleepQueue
	current *goActor
	tick    uint64
	turns   uint64
	all     []*goActor // live actors, and dead ones not yet forgotten
	live    int
	onError func(ScriptError)
	closed  bool
}

type goActor struct {
	resume chan bool     // true: run; false: unwind (killed)
	done   chan struct{} // the script yielded, parked, slept or ended
	owner  any
	name   string
	alive  bool
	state  goState
	wakeAt uint64
}

type goState uint8

const (
	goRunnable goState = iota
	goParked
	goSleeping
	goDead
)

// errKilled unwinds a killed goroutine actor's script.
type errKilled struct{}

// NewGoroutineDriver returns a ScriptDriver that runs each script on its own goroutine.
func NewGoroutineDriver(onError func(ScriptError)) Driver {
	return &goroutineDriver{onError: onError}
}

func (a *goActor) Alive() bool { return a.alive }

func (d *goroutineDriver) Spawn(name string, owner any, script func()) Actor {
	a := d.spawn(name, owner, script)
	d.next = append(d.next, a)
	return a
}

func (d *goroutineDriver) SpawnPaused(name string, owner any, script func()) Actor {
	a := d.spawn(name, owner, script)
	a.state = goParked
	return a
}

func (d *goroutineDriver) Owner() any {
	if d.current == nil {
		return nil
	}
	return d.current.owner
}

func (d *goroutineDriver) spawn(name string, owner any, script func()) *goActor {
	a := &goActor{resume: make(chan bool), done: make(chan struct{}), owner: owner, name: name, alive: true}
	if len(d.all) >= 64 && len(d.all) >= 2*d.live { // forget dead actors, amortized O(1)
		live := d.all[:0]
		for _, x := range d.all {
			if x.alive {
				live = append(live, x)
			}
		}
		clear(d.all[len(live):])
		d.all = live
	}
	d.all = append(d.all, a)
	d.live++
	go func() {
		defer func() {
			r := recover()
			if _, killed := r.(errKilled); r != nil && !killed {
				d.onError(ScriptError{Owner: owner, Err: fmt.Errorf("goroutine %s panicked: %v", name, r), Stack: debug.Stack()})
			}
			a.alive = false
			a.state = goDead
			d.live--
			a.done <- struct{}{}
		}()
		if !<-a.resume {
			panic(errKilled{})
		}
		script()
	}()
	return a
}

// suspend hands control back to the driver and waits for the next turn.
func (d *goroutineDriver) suspend(a *goActor) {
	a.done <- struct{}{}
	if !<-a.resume {
		panic(errKilled{})
	}
}

func (d *goroutineDriver) Park() {
	a := d.current
	a.state = goParked
	d.suspend(a)
}

func (d *goroutineDriver) Yield() {
	a := d.current
	d.next = append(d.next, a)
	d.suspend(a)
}

func (d *goroutineDriver) Sleep(ticks int) {
	if ticks <= 0 {
		d.Yield()
		return
	}
	a := d.current
	a.state = goSleeping
	a.wakeAt = d.tick + uint64(ticks)
	d.sleep.push(a)
	d.suspend(a)
}

func (d *goroutineDriver) Wake(x Actor) {
	a := x.(*goActor)
	switch a.state {
	case goParked:
	case goSleeping:
		d.sleep.remove(a)
	default:
		return
	}
	a.state = goRunnable
	d.next = append(d.next, a)
}

func (d *goroutineDriver) Kill(x Actor) {
	a := x.(*goActor)
	if !a.alive {
		return
	}
	if a.state == goSleeping {
		d.sleep.remove(a)
	}
	for i, q := range d.next {
		if q == a {
			d.next = append(d.next[:i], d.next[i+1:]...)
			break
		}
	}
	a.resume <- false
	<-a.done
}

func (d *goroutineDriver) Tick() error {
	d.tick++
	for _, a := range d.sleep.due(d.tick) {
		a.state = goRunnable
		d.next = append(d.next, a)
	}
	d.queue, d.next = d.next, d.queue[:0]
	for _, a := range d.queue {
		if !a.alive || a.state != goRunnable {
			continue
		}
		d.current = a
		d.turns++
		a.resume <- true
		<-a.done
	}
	d.current = nil
	return nil
}

func (d *goroutineDriver) Switches() uint64 { return d.turns }

func (d *goroutineDriver) Close() error {
	if d.closed {
		return nil
	}
	d.closed = true
	for i := len(d.all) - 1; i >= 0; i-- {
		d.Kill(d.all[i])
	}
	d.all = nil
	return nil
}

// sleepQueue keeps sleeping goroutine actors in wakeAt order, those of one wakeAt in the order they went to sleep
// (push inserts after its equals). Sleepers are few in the benchmark worlds; an ordered insert keeps this peer
// simple.
type sleepQueue struct {
	items []*goActor
}

func (q *sleepQueue) push(a *goActor) {
	i := len(q.items)
	for i > 0 && (q.items[i-1].wakeAt > a.wakeAt) {
		i--
	}
	q.items = append(q.items, nil)
	copy(q.items[i+1:], q.items[i:])
	q.items[i] = a
}

func (q *sleepQueue) remove(a *goActor) {
	for i, x := range q.items {
		if x == a {
			q.items = append(q.items[:i], q.items[i+1:]...)
			return
		}
	}
}

// due removes and returns the sleepers due at tick.
func (q *sleepQueue) due(tick uint64) []*goActor {
	n := 0
	for n < len(q.items) && q.items[n].wakeAt <= tick {
		n++
	}
	out := q.items[:n:n]
	q.items = q.items[n:]
	return out
}
