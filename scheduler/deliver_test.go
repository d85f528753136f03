package scheduler_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

// TestDeliverRunsWokenTaskletsInTheSameTick checks that Deliver wakes the receivers of posted values within the
// current tick, without advancing it and without giving an extra turn to tasklets queued for the next tick.
func TestDeliverRunsWokenTaskletsInTheSameTick(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var tr trace
	s.SpawnNamed("receiver", func() {
		for {
			v, err := ch.Receive()
			if err != nil {
				return
			}
			tr.add("got %d at %d", v, s.Now())
			if v == 2 {
				s.Schedule() // yields: runs again next tick, behind the ticker
				tr.add("after yield at %d", s.Now())
			}
		}
	})
	s.SpawnNamed("ticker", func() {
		for {
			tr.add("tick %d", s.Now())
			s.Schedule()
		}
	})
	require.NoError(t, s.Tick())
	require.NoError(t, s.Deliver()) // nothing posted: nobody runs
	require.NoError(t, ch.Post(1))
	require.NoError(t, s.Deliver())
	require.NoError(t, ch.Post(2))
	require.NoError(t, s.Deliver())
	require.NoError(t, s.Tick())
	assert.Equal(t, trace{"tick 1", "got 1 at 1", "got 2 at 1", "tick 2", "after yield at 2"}, tr)
	assert.Equal(t, uint64(2), s.Now())
}

// TestDeliverKeepsPostsWithoutReceiver checks that a value posted to a channel nobody waits on stays there, and
// that Deliver on an empty ring is harmless.
func TestDeliverKeepsPostsWithoutReceiver(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	require.NoError(t, ch.Post(7))
	require.NoError(t, s.Deliver())
	assert.Equal(t, 1, ch.Balance())
	v, err := ch.Receive()
	require.NoError(t, err)
	assert.Equal(t, 7, v)
	require.NoError(t, s.Close())
	assert.ErrorIs(t, s.Deliver(), scheduler.ErrClosed)
}
