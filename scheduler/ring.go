package scheduler

// The run queue is a circular doubly-linked list of tasklets, as in Stackless: s.current is its head, the tail is
// s.current.prev, and "appending" a tasklet links it just before the head. Main and the tick marker are nodes
// like any other while they are in the ring.

// insertBefore links t into the ring just before at, which must be in the ring.
func (s *Scheduler) insertBefore(at, t *Tasklet) {
	t.next = at
	t.prev = at.prev
	at.prev.next = t
	at.prev = t
	if t != &s.marker {
		s.runnable++
	}
}

// insertAfter links t into the ring just after at, which must be in the ring.
func (s *Scheduler) insertAfter(at, t *Tasklet) { s.insertBefore(at.next, t) }

// insertTail appends t at the tail of the ring; t becomes the head of an empty ring.
func (s *Scheduler) insertTail(t *Tasklet) {
	if s.current == nil {
		t.next, t.prev = t, t
		s.current = t
		if t != &s.marker {
			s.runnable++
		}
		return
	}
	s.insertBefore(s.current, t)
}

// unlink takes t out of the ring. If t was the head, its successor becomes the head (nil if the ring empties).
func (s *Scheduler) unlink(t *Tasklet) {
	if t.next == t {
		s.current = nil
	} else {
		if s.current == t {
			s.current = t.next
		}
		t.prev.next = t.next
		t.next.prev = t.prev
	}
	t.next, t.prev = nil, nil
	if t != &s.marker {
		s.runnable--
	}
}
