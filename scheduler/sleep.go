package scheduler

// sleepHeap is a binary min-heap of sleeping tasklets ordered by (wakeAt, sleepSeq): sleepers due in the same
// tick wake in the order they went to sleep. Each tasklet knows its index, so Kill and Ready remove it in
// O(log n).
type sleepHeap []*Tasklet

func (h sleepHeap) less(i, j int) bool {
	a, b := h[i], h[j]
	return a.wakeAt < b.wakeAt || (a.wakeAt == b.wakeAt && a.sleepSeq < b.sleepSeq)
}

func (h sleepHeap) swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex = i
	h[j].heapIndex = j
}

func (h *sleepHeap) push(t *Tasklet) {
	t.heapIndex = len(*h)
	*h = append(*h, t)
	h.up(t.heapIndex)
}

// remove takes t, which must be in the heap, out of it.
func (h *sleepHeap) remove(t *Tasklet) {
	i := t.heapIndex
	last := len(*h) - 1
	if i != last {
		h.swap(i, last)
	}
	(*h)[last] = nil
	*h = (*h)[:last]
	if i != last {
		if !h.down(i) {
			h.up(i)
		}
	}
}

func (h sleepHeap) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.less(i, parent) {
			return
		}
		h.swap(i, parent)
		i = parent
	}
}

// down sifts element i toward the leaves and reports whether it moved.
func (h sleepHeap) down(i0 int) bool {
	i := i0
	n := len(h)
	for {
		left := 2*i + 1
		if left >= n {
			break
		}
		j := left
		if right := left + 1; right < n && h.less(right, left) {
			j = right
		}
		if !h.less(j, i) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}

// wakeSleepers moves every sleeper due at the current tick to the tail of the run queue, in wake order.
func (s *Scheduler) wakeSleepers() {
	for len(s.sleepers) > 0 && s.sleepers[0].wakeAt <= s.tick {
		t := s.sleepers[0]
		s.sleepers.remove(t)
		t.state = stateRunnable
		s.insertTail(t)
	}
}
