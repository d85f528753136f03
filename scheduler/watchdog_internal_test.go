package scheduler

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The stall watchdog tells the tasklet in its turn from those waiting for one by the frame they wait in. Every
// way a tasklet can wait must count as waiting: with every tasklet of a watched scheduler suspended, one in each
// of them, no goroutine is taken for the stuck one. (A turn ends through iter.Pull's yield, called directly from
// Schedule, Park and the channel operations and through suspend elsewhere.)
func TestStuckGoroutineSkipsEveryWayOfWaiting(t *testing.T) {
	s := New()
	defer s.Close()
	_, err := s.Watch(time.Hour, func(*StallError) {})
	require.NoError(t, err)
	in, out := NewChannel[int](s), NewChannel[int](s)
	handedOver := errors.New("handed to the main side")
	s.SpawnNamed("schedules", func() {
		for {
			s.Schedule()
		}
	})
	s.SpawnNamed("parks", func() { s.Park() })
	s.SpawnNamed("sleeps", func() { s.Sleep(1000) })
	s.SpawnNamed("receives", func() { in.Receive() })
	s.SpawnNamed("sends", func() { out.Send(1) })
	s.SpawnNamed("throws to main", func() { s.Main().Throw(handedOver, false) })
	require.ErrorIs(t, s.Tick(), handedOver)
	require.Equal(t, 6, s.Alive())

	where, stack := s.watch.stuckGoroutine()
	assert.Empty(t, where)
	assert.Empty(t, stack)
}
