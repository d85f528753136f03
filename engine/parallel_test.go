package engine

import (
	"fmt"
	"runtime"
	"testing"

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
}

// A panic in a part that runs on a goroutine of its own comes back on the caller's goroutine, where a recover
// sees it, and only once every part has ended.
func TestPartPanicComesBackToTheCaller(t *testing.T) {
	for _, broken := range []int{0, 3} { // a part on a goroutine of its own; the caller's own part
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
			if broken < 3 {
				p, ok := got.(*WorkerPanic)
				require.True(t, ok, "a *WorkerPanic, not %T", got)
				assert.Equal(t, "broken part", p.Value)
				assert.Contains(t, string(p.Stack), "TestPartPanicComesBackToTheCaller")
			} else {
				assert.Equal(t, "broken part", got)
			}
			for k := range 4 {
				assert.Equal(t, k != broken, ended[k], "part %d ended", k)
			}
		})
	}
}
