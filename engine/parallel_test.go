package engine

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parts cover [0, n) exactly once, in order, whatever the count; a phase splits only above its threshold,
// into no more parts than cores (and maxParts).
func TestPartsCoverEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ n, parts int }{{0, 1}, {1, 1}, {7, 3}, {100, 8}, {5, 5}, {1000, 2}} {
		t.Run(fmt.Sprintf("n=%d,parts=%d", tc.n, tc.parts), func(t *testing.T) {
			seen := make([]int, tc.n)
			bounds := make([][2]int, tc.parts)
			inParts(tc.n, tc.parts, func(k, lo, hi int) {
				bounds[k] = [2]int{lo, hi}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i := range seen {
				require.Equal(t, 1, seen[i], "item %d", i)
			}
			for k := 1; k < tc.parts; k++ {
				assert.Equal(t, bounds[k-1][1], bounds[k][0], "part %d starts where %d ends", k, k-1)
			}
		})
	}
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	for _, tc := range []struct{ n, threshold, want int }{
		{100, 4096, 1}, {4095, 4096, 1}, {4096, 4096, 2}, {10_000, 4096, 4}, {1 << 20, 4096, 4}, {3, 2, 3},
	} {
		assert.Equal(t, tc.want, partsFor(tc.n, tc.threshold), "%d items, threshold %d", tc.n, tc.threshold)
	}
	for _, tc := range []struct{ n, threshold, want int }{
		{100, 4096, 1}, {4095, 4096, 1}, {4096, 4096, 8}, {6000, 4096, 11}, {10_000, 4096, 16}, {1 << 20, 4096, 16},
		{3, 2, 3}, {1 << 20, 8, 16},
	} {
		assert.Equal(t, tc.want, chunksFor(tc.n, tc.threshold), "%d items, threshold %d", tc.n, tc.threshold)
	}
	runtime.GOMAXPROCS(32)
	assert.Equal(t, maxParts, chunksFor(1<<20, 4096), "never more than maxParts")
}

// Parts are taken by up to GOMAXPROCS goroutines at once, never more, and the parts a held-up goroutine has not
// taken are taken by the others: here one part waits until all the others are done.
func TestPartsRunOnAtMostGOMAXPROCSGoroutines(t *testing.T) {
	prev := runtime.GOMAXPROCS(3)
	defer runtime.GOMAXPROCS(prev)
	const parts = 40
	var finished atomic.Int32
	var goroutines sync.Map // the goroutines that ran a part, by their number
	othersDone := make(chan struct{})
	var held atomic.Bool
	done := make([]bool, parts)
	inParts(parts, parts, func(k, lo, hi int) {
		goroutines.Store(goroutineID(), true)
		done[k] = lo == k && hi == k+1
		if held.CompareAndSwap(false, true) {
			select {
			case <-othersDone:
			case <-time.After(10 * time.Second):
				t.Error("the other parts waited for the held-up goroutine")
			}
			return
		}
		if finished.Add(1) == parts-1 {
			close(othersDone)
		}
	})
	n := 0
	goroutines.Range(func(any, any) bool { n++; return true })
	assert.LessOrEqual(t, n, 3, "goroutines that ran parts")
	for k, ok := range done {
		assert.True(t, ok, "part %d ran with its own bounds", k)
	}
}

// goroutineID is the calling goroutine's number, from the first line of its stack ("goroutine 7 [running]:").
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	return strings.Fields(string(buf))[1]
}

// A panic in a part that runs on a goroutine of its own comes back on the caller's goroutine, where a recover
// sees it, and only once every part has ended.
func TestPartPanicComesBackToTheCaller(t *testing.T) {
	for _, broken := range []int{0, 3} {
		t.Run(fmt.Sprintf("part %d", broken), func(t *testing.T) {
			ended := make([]bool, 4)
			var got any
			func() {
				defer func() { got = recover() }()
				inParts(400, 4, func(k, lo, hi int) {
					if k == broken {
						panic("broken part")
					}
					ended[k] = true
				})
			}()
			require.NotNil(t, got)
			p, ok := got.(*WorkerPanic)
			require.True(t, ok, "a *WorkerPanic, not %T", got)
			assert.Equal(t, "broken part", p.Value)
			assert.Equal(t, broken, p.Shard, "the part that panicked")
			assert.Contains(t, string(p.Stack), "TestPartPanicComesBackToTheCaller")
			for k := range 4 {
				assert.Equal(t, k != broken, ended[k], "part %d ended", k)
			}
		})
	}
	t.Run("one part", func(t *testing.T) { // no goroutine but the caller's: the panic goes up as it was
		var got any
		func() {
			defer func() { got = recover() }()
			inParts(400, 1, func(k, lo, hi int) { panic("broken part") })
		}()
		assert.Equal(t, "broken part", got)
	})
}
