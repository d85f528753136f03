//go:build race

package scheduler_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

// Issue 14's groundwork: a tasklet of one scheduler (a shard) that uses another's channel or tasklet while that
// one runs on its own goroutine gets an error, and so does a goroutine a tasklet started; nothing is corrupted.
// Checked in race-detector builds (owner_race.go), which make test-race runs.
func TestForeignGoroutinesAreReported(t *testing.T) {
	a, b := scheduler.New(), scheduler.New()
	defer a.Close()
	defer b.Close()
	chA := scheduler.NewChannel[int](a)
	inTurn, release := make(chan struct{}), make(chan struct{})
	holder := a.Spawn(func() { close(inTurn); <-release; a.Park() })
	done := make(chan error)
	go func() { done <- a.Run() }() // a's shard
	<-inTurn

	var sendErr, receiveErr, readyErr, killErr error
	b.Spawn(func() {
		sendErr = chA.Send(1)
		_, receiveErr = chA.Receive()
		readyErr = holder.Ready()
		killErr = holder.Kill()
	})
	require.NoError(t, b.Run())
	close(release)
	require.NoError(t, <-done)
	for _, err := range []error{sendErr, receiveErr, readyErr, killErr} {
		assert.ErrorIs(t, err, scheduler.ErrForeignGoroutine)
	}
	assert.Equal(t, 0, chA.Balance(), "nothing reached a's channel")
	assert.True(t, holder.Paused(), "a's tasklet went on undisturbed")

	var fromGoroutine error
	a.Spawn(func() {
		finished := make(chan struct{})
		go func() { fromGoroutine = a.Schedule(); close(finished) }()
		<-finished
	})
	require.NoError(t, a.Run())
	assert.ErrorIs(t, fromGoroutine, scheduler.ErrForeignGoroutine)
}
