package engine

import (
	"runtime"
	"sync"
)

// The physics phases of a tick that are one independent computation per item (finding a bullet's hit, moving a
// bot) run on every core when there are many items: the items are cut into contiguous parts, one goroutine per
// part, and each part writes only its own items and its own list of what must be applied to the rest of the
// World. The lists are then applied on the World's goroutine, part after part, each in item order: the same
// order as one pass over all items would give, so the match is the same whatever GOMAXPROCS and the number of
// parts are. Nothing in a part may touch the scheduler, the World's shared slices or another item.
//
// The parts run on goroutines started for the phase (wg.Go) rather than on the shards' workers: starting one
// costs about a microsecond, against milliseconds of work in a phase big enough to split, and the phases need
// no shards (they also split with Config.Shards 1).

// maxParts bounds how many parts a phase is cut into.
const maxParts = 64

// parallelFlights is how many bullets make it worth flying them on several cores; parallelBots is how many bots
// make it worth moving them on several cores. Tests lower them.
var (
	parallelFlights = 4096
	parallelBots    = 2048
)

// partsFor is how many parts a phase of n items is cut into: 1 below threshold, else one per core (at most
// maxParts), with at least threshold/2 items in each.
func partsFor(n, threshold int) int {
	if n < threshold {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), maxParts, n/max(1, threshold/2)))
}

// inParts calls f(k, lo, hi) for the parts k of [0, n) cut into parts pieces, each on a goroutine of its own (the
// last on the caller's), and waits for them all. A part's panic is raised again on the caller's goroutine, as a
// *WorkerPanic (its Shard is the part), once all parts are done: a recover there (match.Guard) sees it.
func inParts(n, parts int, f func(k, lo, hi int)) {
	if parts <= 1 {
		f(0, 0, n)
		return
	}
	panics := make([]*WorkerPanic, parts-1)
	var wg sync.WaitGroup
	for k := range parts - 1 {
		lo, hi := k*n/parts, (k+1)*n/parts
		wg.Go(func() { panics[k] = runJob(k, func() { f(k, lo, hi) }) })
	}
	func() {
		defer wg.Wait() // the caller's part may panic: the others still end before it goes up
		f(parts-1, (parts-1)*n/parts, n)
	}()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// perPart returns lists with at least parts entries, each emptied (their arrays kept for reuse).
func perPart[T any](lists [][]T, parts int) [][]T {
	for len(lists) < parts {
		lists = append(lists, nil)
	}
	for k := range lists {
		clear(lists[k])
		lists[k] = lists[k][:0]
	}
	return lists
}
