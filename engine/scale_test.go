//go:build !mutation

// Built without the mutation tag only: under mutation testing (docs/TESTING.md) a mutant that makes placement slow
// shows as a timeout here, at a cost of seconds per mutant, while the rules' tests decide the same mutants in
// milliseconds.

package engine_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"stackarena/engine"
)

// Placing 50,000 bots takes O(1) a try (the grid and the placement index), not O(bots).
func TestAddBotsAtScale(t *testing.T) {
	// After the World's Close (a cleanup registered later runs earlier), collect: the 50,000 coroutines it ends
	// leave their stacks for the next GC to free, and while a GC frees them runtime.NumGoroutine still counts them
	// (Go's gcount reads the free lists while markrootFreeGStacks has taken them), which would fail a later test
	// that counts goroutines, by about 50,000, now and then.
	t.Cleanup(runtime.GC)
	big := newWorld(t, engine.Config{Width: 40_000, Height: 40_000})
	for range 50_000 {
		spawn(t, big, "idle", idle)
	}
	step(t, big, 1)
	assert.Equal(t, 50_000, big.AliveBots())
}
