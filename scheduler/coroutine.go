package scheduler

import "iter"

// coroutine is the goroutine that runs tasklets: one after another when the scheduler keeps idle coroutines
// (SetIdleCoroutines), else just one. It is an iter.Pull coroutine driven by the scheduler's goroutine.
type coroutine struct {
	s      *Scheduler
	resume func() (struct{}, bool)
	stop   func()
	yield  func(struct{}) bool
	task   *Tasklet // the tasklet to run next, or running
}

// start gives t a coroutine for its first turn: an idle one if the scheduler keeps some, else a new one. It
// runs on the driving goroutine, just before the turn, so the coroutine and the goroutine that resumes it agree
// on OS thread locking. Without idle coroutines (the default) the tasklet's coroutine is its own: iter.Pull of
// its body, with no record to share.
func (s *Scheduler) start(t *Tasklet) {
	switch n := len(s.idle); {
	case n > 0:
		co := s.idle[n-1]
		s.idle[n-1] = nil
		s.idle = s.idle[:n-1]
		co.task = t
		t.co, t.resume, t.stop, t.yield = co, co.resume, co.stop, co.yield
	case s.maxIdle > 0:
		co := &coroutine{s: s, task: t}
		co.resume, co.stop = iter.Pull(co.body)
		t.co, t.resume, t.stop = co, co.resume, co.stop // body sets t.yield before the tasklet runs
	default:
		t.resume, t.stop = iter.Pull(t.body)
	}
	t.started = true
	if s.watch != nil && t.name == "" {
		t.name = funcName(t.fn) // before the turn is published, for the watchdog to read
	}
}

// body runs the coroutine's tasklets: each to its end (or its kill), then, if the scheduler keeps idle
// coroutines and has room, it waits in the pool for the next; otherwise it returns and its goroutine ends.
func (co *coroutine) body(yield func(struct{}) bool) {
	co.yield = yield
	for {
		t := co.task
		t.yield = yield
		if !co.run(t) {
			return // t panicked or was killed: its goroutine ends with it (after Goexit it must)
		}
		co.task = nil
		s := co.s
		if len(s.idle) >= s.maxIdle || s.closed {
			return
		}
		s.idle = append(s.idle, co)
		if !yield(struct{}{}) { // idle until start hands over a tasklet, or Close stops it
			return
		}
	}
}

// run runs t's function and retires t however the function ends; it reports whether the function returned
// (false after a panic or a kill, which finish recovers; after runtime.Goexit finish panics and the coroutine
// ends).
func (co *coroutine) run(t *Tasklet) (returned bool) {
	defer t.finish()
	t.call()
	return true
}
