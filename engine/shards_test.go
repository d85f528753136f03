package engine_test

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

var errWorkerBug = errors.New("a bug in the engine's code on a worker")

// brokenShardCode is the engine code that fails on a shard's worker in the test below; its name must be in the
// stack the panic carries.
func brokenShardCode() { panic(errWorkerBug) }

// A panic of the engine's code on a shard's worker goroutine comes back to the goroutine that calls Step,
// with the worker's stack, so that a recover there (match.Guard) sees it; the workers end with Close all the
// same, and the process lives on.
func TestAWorkerPanicIsRaisedInStep(t *testing.T) {
	base := runtime.NumGoroutine()
	w, err := engine.New(engine.Config{Width: 800, Height: 600, Seed: 1, Shards: 2})
	require.NoError(t, err)
	for range 4 {
		_, err := actors.SpawnBot(w, "spinbot", bots.All()[0].Script)
		require.NoError(t, err)
	}
	require.NoError(t, w.Step())
	engine.BreakShardTick(w, 1, brokenShardCode)
	var got any
	func() {
		defer func() { got = recover() }()
		_ = w.Step()
	}()
	p, ok := got.(*engine.WorkerPanic)
	require.True(t, ok, "Step panics with a *engine.WorkerPanic, got %v", got)
	assert.Equal(t, 1, p.Shard)
	assert.ErrorIs(t, p, errWorkerBug)
	assert.Contains(t, p.Error(), "shard 1's worker panicked: a bug in the engine's code")
	assert.Contains(t, string(p.PanicStack()), "brokenShardCode", "the worker's stack, where it failed")
	require.NoError(t, w.Close())
	deadline := time.Now().Add(5 * time.Second) // a test's wait, not the simulation's clock
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), base, "the workers end with Close after a panic")
}
