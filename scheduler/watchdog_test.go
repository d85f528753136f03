package scheduler_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

// here is the file:line of its caller's next line.
func here() string {
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line+1)
}

// A tasklet that neither yields nor returns is reported with its name and the line it is stuck on: a Go loop
// that never calls the scheduler, and a wait on a plain Go channel, which the scheduler cannot see.
func TestWatchdogReportsAStuckTasklet(t *testing.T) {
	tests := []struct {
		name  string
		named bool // spawned with a name; else it takes its function's
		stuck func(release <-chan struct{}, released *atomic.Bool) string
	}{
		{"spinning", true, func(_ <-chan struct{}, released *atomic.Bool) string {
			where := here()
			for !released.Load() {
			}
			return where
		}},
		{"blocked on a Go channel", false, func(release <-chan struct{}, _ *atomic.Bool) string {
			where := here()
			<-release
			return where
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := stableGoroutines()
			s := scheduler.New()
			release := make(chan struct{})
			var released atomic.Bool
			stalls := make(chan *scheduler.StallError, 1)
			_, err := s.Watch(200*time.Millisecond, func(e *scheduler.StallError) {
				stalls <- e
				released.Store(true)
				close(release)
			})
			require.NoError(t, err)
			s.Spawn(func() {
				for {
					s.Schedule()
				}
			})
			var where string
			stuckbot := func() {
				s.Schedule()
				where = tt.stuck(release, &released)
			}
			var tl *scheduler.Tasklet
			if tt.named {
				tl = s.SpawnNamed("stuckbot", stuckbot)
			} else {
				tl = s.Spawn(stuckbot) // its name is its function's, found at its first turn
			}
			require.NoError(t, s.Tick())
			require.NoError(t, s.Tick(), "the driver waits for the stuck turn, then goes on")
			e := <-stalls
			name := tl.Name()
			assert.Contains(t, name, map[bool]string{true: "stuckbot", false: "TestWatchdogReportsAStuckTasklet"}[tt.named])
			assert.Equal(t, "#2 ("+name+")", e.Tasklet)
			assert.Equal(t, name, e.Name)
			assert.Equal(t, where, e.Where)
			assert.Contains(t, e.Stack, "stackarena/scheduler_test.TestWatchdogReportsAStuckTasklet")
			assert.NotContains(t, e.Stack, "+0x", "frames are \"function file:line\", without offsets")
			assert.Equal(t, fmt.Sprintf("tasklet #2 (%s) has not yielded for 200ms: stuck at %s", name, where), e.Error())
			assert.Contains(t, e.Where, filepath.Join("scheduler", "watchdog_test.go"))
			require.NoError(t, s.Close())
			waitGoroutines(t, base) // the watchdog's goroutine ended with Close
		})
	}
}

// Long runs of short turns, and a driver that does something else between ticks, are not stalls. (The limit is
// generous: on a loaded machine a short turn can wait long for a CPU.)
func TestWatchdogIgnoresProgressAndIdleDrivers(t *testing.T) {
	const limit = 250 * time.Millisecond
	s := scheduler.New()
	defer s.Close()
	var stalls atomic.Int32
	stop, err := s.Watch(limit, func(*scheduler.StallError) { stalls.Add(1) })
	require.NoError(t, err)
	defer stop()
	s.Spawn(func() {
		for {
			s.Schedule()
		}
	})
	deadline := time.Now().Add(3 * limit)
	for time.Now().Before(deadline) {
		require.NoError(t, s.Tick())
	}
	time.Sleep(2 * limit) // the driver is away: no turn runs, none is stuck
	assert.Zero(t, stalls.Load())
}

func TestWatchFromATaskletIsRefused(t *testing.T) {
	s := scheduler.New()
	var err error
	s.Spawn(func() { _, err = s.Watch(time.Second, func(*scheduler.StallError) {}) })
	require.NoError(t, s.Run())
	assert.ErrorIs(t, err, scheduler.ErrConcurrentUse)
}

// Stopping a watchdog, or closing its scheduler, leaves no goroutine behind: stop waits for the monitor to end.
// (A tasklet's goroutine ends a moment after its last switch, so the tasklets here are done with first.)
func TestWatchStopLeavesNoGoroutine(t *testing.T) {
	before := stableGoroutines()
	for i := range 20 {
		s := scheduler.New()
		stop, err := s.Watch(time.Hour, func(*scheduler.StallError) {})
		require.NoError(t, err)
		s.Spawn(func() { s.Schedule() })
		require.NoError(t, s.Run())
		waitGoroutines(t, before+1) // the tasklet's goroutine is gone; the monitor's is left
		if i%2 == 0 {
			stop()
		}
		require.NoError(t, s.Close())
		// The monitor's goroutine ends a moment after stop returns (it closes its exit channel on the way out);
		// before stop waited for it, it slept on until its next sample, limit/8 later: 7.5 minutes here.
		waitGoroutines(t, before)
	}
}

// A limit of 0 means DefaultStallLimit: a turn far shorter than that is no stall.
func TestWatchZeroLimitIsTheDefault(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var stalls atomic.Int32
	_, err := s.Watch(0, func(*scheduler.StallError) { stalls.Add(1) })
	require.NoError(t, err)
	s.Spawn(func() { time.Sleep(100 * time.Millisecond) })
	require.NoError(t, s.Run())
	assert.Zero(t, stalls.Load())
}

// A turn shorter than the limit is no stall, though the watchdog samples it several times while it lasts (samples
// are limit/8 apart): here two turns of 300 ms under a limit of 800 ms, each sampled about three times.
func TestWatchdogAllowsLongTurnsUnderTheLimit(t *testing.T) {
	const limit = 800 * time.Millisecond
	s := scheduler.New()
	defer s.Close()
	var stalls atomic.Int32
	stop, err := s.Watch(limit, func(*scheduler.StallError) { stalls.Add(1) })
	require.NoError(t, err)
	defer stop()
	s.Spawn(func() {
		time.Sleep(300 * time.Millisecond)
		s.Schedule()
		time.Sleep(300 * time.Millisecond)
	})
	require.NoError(t, s.Run())
	assert.Zero(t, stalls.Load())
}
