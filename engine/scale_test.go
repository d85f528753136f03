//go:build !mutation

// Built without the mutation tag only: under mutation testing (docs/TESTING.md) a mutant that makes placement slow
// shows as a timeout here, at a cost of seconds per mutant, while the rules' tests decide the same mutants in
// milliseconds.

package engine_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"stackarena/engine"
)

// Placing 50,000 bots takes O(1) a try (the grid and the placement index), not O(bots).
func TestAddBotsAtScale(t *testing.T) {
	big := newWorld(t, engine.Config{Width: 40_000, Height: 40_000})
	for range 50_000 {
		spawn(t, big, "idle", idle)
	}
	step(t, big, 1)
	assert.Equal(t, 50_000, big.AliveBots())
}
