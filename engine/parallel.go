package engine

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// The physics phases of a tick that are one independent computation per item (finding a bullet's hit, moving a
// bot) run on every core when there are many items: the items are cut into contiguous parts, which up to
// GOMAXPROCS goroutines take in turn, and each part writes only its own items and its own list of what must be
// applied to the rest of the
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

// partsFor is how many parts a phase of n items is cut into when every part goes through a list shared by all
// (what the ending flights do to the bots): 1 below threshold, else one per core (at most maxParts), with at least
// threshold/2 items in each.
func partsFor(n, threshold int) int {
	if n < threshold {
		return 1
	}
	return max(1, min(runtime.GOMAXPROCS(0), maxParts, n/max(1, threshold/2)))
}

// chunksPerCore is how many parts per core chunksFor cuts a phase of independent items into: a core that the
// machine's other work slows down, or whose items cost more, then leaves its later parts to the others instead
// of keeping them all waiting at the phase's end.
const chunksPerCore = 4

// chunksFor is how many parts a phase of n independent items is cut into: 1 below threshold, else chunksPerCore
// per core (at most maxParts), with at least threshold/8 items in each.
func chunksFor(n, threshold int) int {
	if n < threshold {
		return 1
	}
	return max(1, min(chunksPerCore*runtime.GOMAXPROCS(0), maxParts, n/max(1, threshold/8)))
}

// inParts calls f(k, lo, hi) once for each part k of [0, n) cut into parts contiguous pieces (part k is
// [k*n/parts, (k+1)*n/parts)), and returns when all are done. Up to GOMAXPROCS goroutines (the caller's among
// them) take the parts in turn, the next free one the next part, so which goroutine runs a part varies from run
// to run: f must depend only on k, lo and hi. A part's panic does not stop the others; once all are done, the
// first panic in part order is raised again on the caller's goroutine as a *WorkerPanic (its Shard is the part)
// that a recover there (match.Guard) sees. Cost: a goroutine start per extra goroutine (about a microsecond) and
// an atomic add per part.
func inParts(n, parts int, f func(k, lo, hi int)) {
	if parts <= 1 {
		f(0, 0, n)
		return
	}
	panics := make([]*WorkerPanic, parts)
	var next atomic.Int32
	work := func() {
		for {
			k := int(next.Add(1)) - 1
			if k >= parts {
				return
			}
			lo, hi := k*n/parts, (k+1)*n/parts
			panics[k] = runJob(k, func() { f(k, lo, hi) })
		}
	}
	var wg sync.WaitGroup
	for range min(parts, runtime.GOMAXPROCS(0)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
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
