package scheduler

import (
	"errors"
	"iter"
)

// Channel preferences: who runs when a send meets a waiting receiver, or a receive meets a waiting sender.
const (
	// PreferReceiver (the default, -1): a send to a waiting receiver switches to the receiver at once and the
	// sender goes to the tail of the run queue; a receive from a waiting sender continues the receiver and
	// appends the sender at the tail.
	PreferReceiver = -1
	// PreferNeither (0): the caller always continues; the partner is appended at the tail.
	PreferNeither = 0
	// PreferSender (1): a send never switches (the receiver is appended at the tail); a receive from a waiting
	// sender switches to the sender and the receiver goes to the tail.
	PreferSender = 1
)

// A Channel is an unbuffered rendezvous of tasklets, with Stackless's rules. A send or receive that finds no
// partner blocks: the caller leaves the run queue for the channel's FIFO queue and costs nothing until a partner
// comes. One that finds a partner completes at once with the head of the queue, and the preference decides who
// runs next (see [Channel.SetPreference]).
//
// Every method runs on the scheduler's driving goroutine or in one of its tasklets, except Post and PostError,
// which any goroutine may call. An operation from the main side drives the scheduler until it completes.
type Channel[T any] struct {
	s           *Scheduler
	head, tail  *waiter[T]
	balance     int
	preference  int
	scheduleAll bool
	closing     bool
	free        []*waiter[T]
}

// waiter is one blocked operation in a channel's queue. The tasklet that blocked owns it and returns it to the
// free list when it resumes; nil t is a value posted from another goroutine.
type waiter[T any] struct {
	c          *Channel[T]
	t          *Tasklet
	prev, next *waiter[T]
	val        T
	err        error
	dir        int8
}

// NewChannel returns an open channel of s with preference PreferReceiver, Stackless's default.
func NewChannel[T any](s *Scheduler) *Channel[T] {
	return &Channel[T]{s: s, preference: PreferReceiver}
}

// Send hands v to a receiver. With a receiver waiting it completes at once (and may switch to the receiver, by
// preference); with none it blocks until one comes. A send that would block on a closing channel returns
// [ErrChannelClosed]; one that could never complete, an error wrapping [ErrDeadlock]. From the main side it also
// returns a tasklet's uncaught error met while driving. Cost: O(1) plus at most one switch.
func (c *Channel[T]) Send(v T) error {
	_, err := c.action(1, v, nil)
	return err
}

// SendError is Send with an error in place of a value (Stackless's send_exception): the receiver's Receive
// returns err, so errors.Is and errors.As work on the receiving side.
func (c *Channel[T]) SendError(err error) error {
	var zero T
	_, e := c.action(1, zero, err)
	return e
}

// Receive takes a value from a sender, blocking until one comes. It returns the error sent with SendError, or
// the errors Send describes. Cost: O(1) plus at most one switch.
func (c *Channel[T]) Receive() (T, error) {
	var zero T
	return c.action(-1, zero, nil)
}

// SendSeq sends every value of seq in turn, each by the rules of Send (Stackless's send_sequence), and returns how
// many were sent. It stops at the first error.
func (c *Channel[T]) SendSeq(seq iter.Seq[T]) (int, error) {
	n := 0
	for v := range seq {
		if err := c.Send(v); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// All receives values until the channel is closing and no sender waits (Stackless's iteration). A receive that
// fails because no sender could ever come (an [ErrDeadlock]) also ends the loop if the channel was closed
// meanwhile: that is how a producer that closes its channel when done ends the main side's loop, as in the talk's
// iterparse. An error sent with SendError ends the loop if it is [ErrStopIteration]; any other error panics out
// of the loop, as an exception raised by __next__ would: in a tasklet it then reaches the caller of Run or Tick.
func (c *Channel[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			if c.closing && c.balance <= 0 {
				return
			}
			v, err := c.Receive()
			if err != nil {
				if errors.Is(err, ErrStopIteration) || (c.closing && errors.Is(err, ErrDeadlock)) {
					return
				}
				panic(err)
			}
			if !yield(v) {
				return
			}
		}
	}
}

// Balance is the number of senders waiting minus the number of receivers waiting: > 0 when senders wait, < 0
// when receivers wait. Posted values not yet received count as waiting senders. O(1).
func (c *Channel[T]) Balance() int { return c.balance }

// Preference is -1, 0 or 1; see [Channel.SetPreference].
func (c *Channel[T]) Preference() int { return c.preference }

// SetPreference sets who runs when a send meets a receive: the value is clamped to its sign. With -1
// ([PreferReceiver], the default) a send to a waiting receiver switches to it; with 1 ([PreferSender]) a receive
// from a waiting sender switches to it; otherwise the caller continues and the partner is appended at the tail of
// the run queue.
func (c *Channel[T]) SetPreference(p int) {
	switch {
	case p < 0:
		c.preference = -1
	case p > 0:
		c.preference = 1
	default:
		c.preference = 0
	}
}

// ScheduleAll reports whether the channel overrides its preference by scheduling both partners.
func (c *Channel[T]) ScheduleAll() bool { return c.scheduleAll }

// SetScheduleAll makes every completed send or receive append the partner at the tail and switch to the tasklet
// after the caller, whatever the preference (Stackless's schedule_all).
func (c *Channel[T]) SetScheduleAll(on bool) { c.scheduleAll = on }

// Close marks the channel closing. It wakes nobody: blocked tasklets stay blocked, and operations that find a
// partner go ahead; only an operation that would block fails, with [ErrChannelClosed].
func (c *Channel[T]) Close() { c.closing = true }

// Open clears the closing mark.
func (c *Channel[T]) Open() { c.closing = false }

// Closing reports whether Close was called (and not undone by Open).
func (c *Channel[T]) Closing() bool { return c.closing }

// Closed reports whether the channel is closing and nobody waits on it.
func (c *Channel[T]) Closed() bool { return c.closing && c.balance == 0 }

// Queue lists the tasklets waiting on the channel, head first (posted values are not listed). O(n).
func (c *Channel[T]) Queue() []*Tasklet {
	var q []*Tasklet
	for w := c.head; w != nil; w = w.next {
		if w.t != nil {
			q = append(q, w.t)
		}
	}
	return q
}

// Post hands v to the channel from any goroutine: at the next Tick or Run it goes to the first waiting receiver
// (appended at the tail of the run queue, so it runs in that tick), or waits in the channel as a sender that
// never blocks anyone, counted by Balance. This is how I/O goroutines, timers and the network talk to tasklets.
// Post never blocks; it returns [ErrClosed] once the scheduler is closed. Safe for concurrent use.
func (c *Channel[T]) Post(v T) error { return c.post(v, nil) }

// PostError is Post with an error for the receiver, as SendError.
func (c *Channel[T]) PostError(err error) error {
	var zero T
	return c.post(zero, err)
}

// action is generic_channel_action: dir is +1 for a send (v, verr the value), -1 for a receive.
func (c *Channel[T]) action(dir int, v T, verr error) (T, error) {
	var zero T
	s := c.s
	outside, err := s.enter()
	if err != nil {
		return zero, err
	}
	if outside {
		defer s.leave()
	}
	caller := s.current

	if c.balance*dir < 0 { // the partner waits at the head of the queue
		w := c.head
		c.unlinkWaiter(w)
		c.balance += dir
		var got T
		var gotErr error
		if dir > 0 {
			w.val, w.err = v, verr
		} else {
			got, gotErr = w.val, w.err
		}
		target := w.t
		if target == nil { // a posted value
			c.release(w)
			return got, gotErr
		}
		target.wait = nil
		target.state = stateRunnable
		switch {
		case c.scheduleAll:
			s.insertTail(target)
			s.current = caller.next
			err = s.switchAway(caller)
		case c.preference == -dir:
			s.insertAfter(caller, target)
			s.current = target
			err = s.switchAway(caller)
		default:
			s.insertTail(target)
		}
		return got, firstErr(gotErr, err)
	}

	if c.closing {
		return zero, ErrChannelClosed
	}
	if caller.next == caller && (caller.isMain || s.main.state == stateBlocked) {
		// Blocking would empty the run queue while the watchdog (main) waits for a partner: nobody could ever come.
		return zero, errLastRunnableBlock
	}
	w := c.acquire()
	w.c, w.t, w.dir = c, caller, int8(dir)
	if dir > 0 {
		w.val, w.err = v, verr
	}
	c.pushTail(w)
	c.balance += dir
	caller.state = stateBlocked
	caller.wait = w
	s.unlink(caller)
	if err := s.switchAway(caller); err != nil {
		return zero, err // main only: it was taken out of the queue to receive a tasklet's error
	}
	got, gotErr := w.val, w.err
	c.release(w)
	if dir > 0 {
		return zero, nil
	}
	return got, gotErr
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// cancel takes the blocked tasklet out of the queue, moving the balance back toward 0.
func (w *waiter[T]) cancel() {
	c := w.c
	c.unlinkWaiter(w)
	c.balance -= int(w.dir)
	w.t.wait = nil
	c.release(w)
}

func (w *waiter[T]) direction() int { return int(w.dir) }

func (c *Channel[T]) pushTail(w *waiter[T]) {
	w.prev = c.tail
	w.next = nil
	if c.tail == nil {
		c.head = w
	} else {
		c.tail.next = w
	}
	c.tail = w
}

func (c *Channel[T]) unlinkWaiter(w *waiter[T]) {
	if w.prev == nil {
		c.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		c.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next = nil, nil
}

func (c *Channel[T]) acquire() *waiter[T] {
	if n := len(c.free); n > 0 {
		w := c.free[n-1]
		c.free = c.free[:n-1]
		return w
	}
	return new(waiter[T])
}

func (c *Channel[T]) release(w *waiter[T]) {
	*w = waiter[T]{}
	if len(c.free) < 64 {
		c.free = append(c.free, w)
	}
}
