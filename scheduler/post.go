package scheduler

// delivery is a value posted from another goroutine, waiting for the next Tick or Run.
type delivery interface{ deliver() }

type posted[T any] struct {
	c   *Channel[T]
	val T
	err error
}

func (c *Channel[T]) post(v T, err error) error {
	s := c.s
	s.inboxMu.Lock()
	defer s.inboxMu.Unlock()
	if s.inboxClosed {
		return ErrClosed
	}
	s.inbox = append(s.inbox, &posted[T]{c: c, val: v, err: err})
	s.posts.Store(int32(len(s.inbox)))
	return nil
}

// deliver gives the value to the first waiting receiver, appended at the tail of the run queue, or leaves it in
// the channel as a sender that blocks nobody.
func (p *posted[T]) deliver() {
	c := p.c
	if c.balance < 0 {
		w := c.head
		c.unlinkWaiter(w)
		c.balance++
		w.val, w.err = p.val, p.err
		t := w.t
		t.wait = nil
		t.state = stateRunnable
		c.s.insertTail(t)
		return
	}
	w := c.acquire()
	w.dir = 1
	w.val, w.err = p.val, p.err
	c.pushTail(w)
	c.balance++
}

// deliverPosts hands over everything posted since the last call, in posting order. Cheap when nothing was
// posted: one atomic load.
func (s *Scheduler) deliverPosts() {
	if s.posts.Load() == 0 {
		return
	}
	s.inboxMu.Lock()
	items := s.inbox
	s.inbox = s.inboxSpare[:0]
	s.posts.Store(0)
	s.inboxMu.Unlock()
	for _, d := range items {
		d.deliver()
	}
	clear(items)
	s.inboxSpare = items[:0]
}

// Deliver hands over everything posted since the last Tick, Run or Deliver, and gives the tasklets it wakes
// their turn now, within the current tick: the tick counter does not move, sleepers stay asleep, and tasklets
// already queued for the next tick keep waiting for it. A tasklet that yields in its turn here runs again in
// the next tick, behind those. This is how a tick waits for input from other goroutines (network bots) and
// still acts on it in the same tick. Main side only, between Ticks. Cost: one atomic load when nothing was
// posted, else one switch per tasklet woken.
func (s *Scheduler) Deliver() error {
	if err := s.enterDriver(); err != nil {
		return err
	}
	defer s.leave()
	if s.posts.Load() == 0 {
		return nil
	}
	s.unlink(&s.main)
	// The marker goes at the tail, then current points at it so that the woken tasklets are appended before
	// it: the ring reads [queued for next tick...] [woken...] marker.
	s.insertTail(&s.marker)
	s.current = &s.marker
	last := s.marker.prev
	s.deliverPosts()
	first := last.next
	if last == &s.marker {
		first = s.marker.next
	}
	var err error
	if first != &s.marker {
		s.current = first
		err = s.drive(&s.marker)
	}
	s.unlink(&s.marker)
	s.relinkMain()
	return err
}
