package scheduler_test

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

// Spec 1.4: inside stackless.run() main is out of the ring: paused, not scheduled.
func TestMainIsPausedWhileRunAndTickRun(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	type flags struct{ scheduled, paused bool }
	var seen []flags
	look := func() { seen = append(seen, flags{s.Main().Scheduled(), s.Main().Paused()}) }
	s.Spawn(func() {
		look()
		s.Schedule()
		look()
	})
	look()
	require.NoError(t, s.Tick())
	require.NoError(t, s.Run())
	look()
	assert.Equal(t, []flags{{true, false}, {false, true}, {false, true}, {true, false}}, seen)
}

// Spec 1.4 schedule_remove from main: the others run until main is made ready again, or none is runnable.
func TestParkFromMain(t *testing.T) {
	t.Run("the ring empties", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		s.Spawn(func() { tr.add("a"); s.Schedule(); tr.add("a again") })
		s.Spawn(func() { tr.add("b") })
		require.NoError(t, s.Park())
		assert.Equal(t, []string{"a", "b", "a again"}, []string(tr))
		assert.Same(t, s.Main(), s.Current())
		assert.True(t, s.Main().Scheduled())
		assert.Equal(t, 1, s.RunCount())
	})
	t.Run("a tasklet makes main ready", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		var tr trace
		s.Spawn(func() {
			for i := 0; ; i++ {
				tr.add("a%d", i)
				s.Schedule()
			}
		})
		s.Spawn(func() {
			tr.add("waker")
			require.NoError(t, s.Main().Ready(), "main floats: it is appended at the tail")
			tr.add("waker after")
		})
		require.NoError(t, s.Park())
		assert.Equal(t, []string{"a0", "waker", "waker after", "a1"}, []string(tr),
			"main resumes when it reaches the head: the tasklets ahead of it run first")
		assert.Equal(t, 2, s.RunCount(), "main and a")
	})
	t.Run("a tasklet panics", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		s.Spawn(func() { panic(errBoom) })
		keeps := s.Spawn(func() { s.Park() })
		assert.ErrorIs(t, s.Park(), errBoom)
		assert.Same(t, s.Main(), s.Current())
		assert.True(t, keeps.Scheduled(), "the others keep their places")
	})
}

// UT-watchdog test_manual_wakeup: a tasklet that reinserts main ends stackless.run() once main is reached.
func TestMainReadyFromATaskletEndsRun(t *testing.T) {
	s := scheduler.New()
	var tr trace
	s.Spawn(func() {
		tr.add("a")
		s.Main().Ready()
		s.Schedule()
		tr.add("a again")
	})
	s.Spawn(func() { tr.add("b") })
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"a", "b"}, []string(tr), "Run returned when main reached the head")
	assert.Equal(t, 2, s.RunCount(), "a is still queued behind main")
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"a", "b", "a again"}, []string(tr))

	var ticked trace
	s.Spawn(func() { ticked.add("x"); s.Main().Run(); ticked.add("x again") })
	s.Spawn(func() { ticked.add("y") })
	require.NoError(t, s.Tick())
	assert.Equal(t, []string{"x"}, []string(ticked), "main.run() from a tasklet ends the tick at once")
	require.NoError(t, s.Tick())
	assert.Equal(t, []string{"x", "x again", "y"}, []string(ticked),
		"main was inserted just before x, which stays in the ring right behind it")
}

// Spec 1.5 remove().
func TestRemove(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	ran := 0
	queued := s.Spawn(func() { ran++ })
	require.NoError(t, queued.Remove())
	assert.True(t, queued.Paused())
	assert.False(t, queued.Scheduled())
	assert.Equal(t, 1, s.RunCount())
	require.NoError(t, s.Run())
	assert.Equal(t, 0, ran, "a removed tasklet does not run")
	require.NoError(t, queued.Remove(), "removing a tasklet that is not scheduled does nothing")
	require.NoError(t, queued.Ready())
	require.NoError(t, s.Run())
	assert.Equal(t, 1, ran)
	require.NoError(t, queued.Remove(), "nor a dead one")

	blocked := s.Spawn(func() { ch.Receive() })
	sleeper := s.Spawn(func() { s.Sleep(5) })
	var self error
	s.Spawn(func() { self = s.Current().Remove() })
	require.NoError(t, s.Tick())
	assert.ErrorIs(t, self, scheduler.ErrCurrent)
	assert.ErrorIs(t, blocked.Remove(), scheduler.ErrBlocked)
	assert.ErrorIs(t, s.Main().Remove(), scheduler.ErrCurrent, "main is the current tasklet on the main side")
	require.NoError(t, sleeper.Remove())
	assert.True(t, sleeper.Sleeping(), "a sleeper is not in the run queue: left as it is")
}

// Spec 1.5 run(): the ring rotates to a queued target; a paused one is inserted just before the caller.
func TestTaskletRun(t *testing.T) {
	t.Run("queued target", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		var target *scheduler.Tasklet
		s.Spawn(func() {
			tr.add("caller")
			require.NoError(t, target.Run())
			tr.add("caller again")
		})
		s.Spawn(func() { tr.add("skipped") })
		target = s.Spawn(func() { tr.add("target") })
		s.Spawn(func() { tr.add("after target") })
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"caller", "target", "after target", "caller again", "skipped"}, []string(tr))
	})
	t.Run("paused target", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		target := s.SpawnPaused("target", func() { tr.add("target") })
		s.Spawn(func() {
			tr.add("caller")
			require.NoError(t, target.Run())
			tr.add("caller again")
		})
		s.Spawn(func() { tr.add("other") })
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"caller", "target", "caller again", "other"}, []string(tr))
	})
	t.Run("from the main side, and errors", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		ch := scheduler.NewChannel[int](s)
		var tr trace
		target := s.SpawnPaused("target", func() { tr.add("target"); s.Schedule(); tr.add("target again") })
		require.NoError(t, target.Run())
		assert.Equal(t, []string{"target"}, []string(tr), "main drives until it is back at the head")
		assert.True(t, target.Scheduled())
		require.NoError(t, s.Main().Run(), "running the current tasklet does nothing")

		blocked := s.Spawn(func() { ch.Receive() })
		require.NoError(t, s.Run())
		assert.ErrorIs(t, blocked.Run(), scheduler.ErrBlocked)
		assert.ErrorIs(t, target.Run(), scheduler.ErrDead)
		assert.ErrorIs(t, target.Switch(), scheduler.ErrDead)

		bad := s.SpawnPaused("bad", func() { panic(errBoom) })
		assert.ErrorIs(t, bad.Run(), errBoom)
		assert.Same(t, s.Main(), s.Current())
	})
}

// Spec 1.5 switch(): like run(), but the caller leaves the ring.
func TestTaskletSwitch(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	var caller, target *scheduler.Tasklet
	caller = s.Spawn(func() {
		tr.add("caller")
		require.NoError(t, target.Switch())
		tr.add("caller again")
	})
	target = s.SpawnPaused("target", func() {
		tr.add("target, caller paused: %v", caller.Paused())
		s.Schedule()
		tr.add("target again")
	})
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"caller", "target, caller paused: true", "target again"}, []string(tr))
	assert.True(t, caller.Paused())
	require.NoError(t, caller.Ready())
	require.NoError(t, s.Run())
	assert.Equal(t, "caller again", tr[len(tr)-1])

	// From the main side, Switch returns as Park does: when main is ready again or the ring empties.
	other := s.SpawnPaused("other", func() { tr.add("other") })
	require.NoError(t, other.Switch())
	assert.Equal(t, "other", tr[len(tr)-1])
	assert.Same(t, s.Main(), s.Current())
}

// Spec 1.5 throw() / raise_exception(): the error is raised at the target's suspension point.
func TestThrow(t *testing.T) {
	errThrown := errors.New("thrown")
	recovering := func(tr *trace, suspend func()) func() {
		return func() {
			defer func() {
				r := recover()
				err, _ := r.(error)
				tr.add("caught %v", errors.Is(err, errThrown))
			}()
			suspend()
			tr.add("not raised")
		}
	}
	t.Run("immediate, blocked target", func(t *testing.T) {
		s := scheduler.New()
		ch := scheduler.NewChannel[int](s)
		var tr trace
		target := s.Spawn(recovering(&tr, func() { ch.Receive() }))
		s.Spawn(func() { tr.add("other") })
		require.NoError(t, s.Tick())
		assert.Equal(t, -1, ch.Balance())
		tr = nil
		s.Spawn(func() {
			tr.add("thrower")
			require.NoError(t, target.Throw(errThrown, false))
			tr.add("thrower after")
		})
		require.NoError(t, s.Tick())
		assert.Equal(t, []string{"thrower", "caught true", "thrower after"}, []string(tr))
		assert.Equal(t, 0, ch.Balance(), "the target left the channel")
		assert.False(t, target.Alive())
	})
	t.Run("pending", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		target := s.Spawn(recovering(&tr, func() { s.Park() }))
		require.NoError(t, s.Tick())
		s.Spawn(func() {
			require.NoError(t, target.Throw(errThrown, true))
			tr.add("thrower goes on")
			assert.True(t, target.Scheduled(), "the target is appended to the run queue")
		})
		require.NoError(t, s.Tick())
		assert.Equal(t, []string{"thrower goes on"}, []string(tr), "the target is behind the tick marker")
		require.NoError(t, s.Tick())
		assert.Equal(t, []string{"thrower goes on", "caught true"}, []string(tr))
	})
	t.Run("pending on a queued target keeps its place", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		target := s.Spawn(recovering(&tr, func() { s.Schedule() }))
		s.Spawn(func() { tr.add("middle"); s.Schedule(); tr.add("middle again") })
		s.Spawn(func() { require.NoError(t, target.Throw(errThrown, true)); tr.add("thrower") })
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"middle", "thrower", "caught true", "middle again"}, []string(tr))
	})
	t.Run("before the first instruction", func(t *testing.T) {
		s := scheduler.New()
		var tr trace
		target := s.Spawn(recovering(&tr, func() {}))
		require.NoError(t, target.Throw(errThrown, true))
		assert.ErrorIs(t, s.Run(), errThrown, "raised before the tasklet's own defers exist: uncaught")
		assert.Empty(t, tr)
	})
	t.Run("uncaught", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		target := s.SpawnNamed("target", func() { s.Park() })
		require.NoError(t, s.Run())
		err := target.Throw(errThrown, false)
		assert.ErrorIs(t, err, errThrown, "from the main side Throw returns the target's uncaught error")
		var te *scheduler.TaskletError
		require.ErrorAs(t, err, &te)
		assert.Same(t, target, te.Tasklet)

		ran := false
		fresh := s.Spawn(func() { ran = true })
		require.NoError(t, fresh.Throw(errThrown, true))
		assert.ErrorIs(t, s.Run(), errThrown, "a tasklet that never ran dies of it before its first instruction")
		assert.False(t, ran)
	})
	t.Run("dead, self, main and nil", func(t *testing.T) {
		s := scheduler.New()
		dead := s.Spawn(func() {})
		require.NoError(t, s.Run())
		assert.ErrorIs(t, dead.Throw(errThrown, false), scheduler.ErrDead)
		assert.NoError(t, dead.Throw(scheduler.ErrTaskletExit, false), "TaskletExit to a dead tasklet does nothing")
		assert.Error(t, dead.Throw(nil, false))
		assert.Equal(t, errThrown, s.Main().Throw(errThrown, false), "main to itself: raised at once")

		var tr trace
		s.Spawn(recovering(&tr, func() { s.Current().Throw(errThrown, false) }))
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"caught true"}, []string(tr), "a throw to the caller raises at once")

		s.Spawn(func() { s.Main().Throw(errThrown, false); tr.add("thrower resumed") })
		s.Spawn(func() { tr.add("other") })
		assert.ErrorIs(t, s.Run(), errThrown, "a throw to main reaches the caller of Run")
		assert.Equal(t, []string{"caught true"}, []string(tr), "at once: the thrower yielded")
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"caught true", "other", "thrower resumed"}, []string(tr))
	})
}

// Run from inside a tasklet (Stackless's nested run) is refused: docs/SCHEDULER.md, deliberate differences.
func TestNestedRunIsRefused(t *testing.T) {
	s := scheduler.New()
	var inner error
	s.Spawn(func() { inner = s.Run() })
	require.NoError(t, s.Run())
	assert.ErrorIs(t, inner, scheduler.ErrConcurrentUse)
}

// Spec 1.6, with Stackless's own words (as Go errors are worded: lowercase, no final period).
func TestDeadlockMessages(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	_, err := ch.Receive()
	assert.EqualError(t, err, "deadlock: the last runnable tasklet cannot be blocked",
		"main blocking with nothing runnable (testMainTaskletBlockingWithoutASender)")
	other := scheduler.NewChannel[int](s)
	var inTasklet error
	s.Spawn(func() { _, inTasklet = other.Receive() })
	_, err = ch.Receive()
	assert.EqualError(t, inTasklet, "deadlock: the last runnable tasklet cannot be blocked")
	assert.EqualError(t, err, "deadlock: the main tasklet is receiving without a sender available")
	s.Spawn(func() {})
	assert.EqualError(t, ch.Send(1), "deadlock: the main tasklet is sending without a receiver available")
}

// A sleeping tasklet is paused (alive, in no queue): kills the mutant that drops sleepers from Paused.
func TestSleeperIsPaused(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	sleeper := s.Spawn(func() { s.Sleep(10) })
	require.NoError(t, s.Tick())
	assert.True(t, sleeper.Sleeping())
	assert.True(t, sleeper.Paused())
	assert.False(t, sleeper.Scheduled())
	assert.Equal(t, "sleeping", sleeper.State())
	assert.Equal(t, uint64(11), sleeper.WakeTick())
}

// Close kills the newest tasklet first, as a stack unwinds.
func TestCloseKillsNewestFirst(t *testing.T) {
	s := scheduler.New()
	ch := scheduler.NewChannel[int](s)
	var tr trace
	for _, name := range []string{"parent", "child", "grandchild"} {
		s.Spawn(func() { defer tr.add("%s", name); ch.Receive() })
	}
	s.SpawnPaused("never started", func() { tr.add("ran") })
	require.NoError(t, s.Run())
	require.NoError(t, s.Close())
	assert.Equal(t, []string{"grandchild", "child", "parent"}, []string(tr))
}

// Issue 8: runtime.Goexit in a tasklet ends that tasklet only; iter.Pull would pass it on to the driver.
func TestGoexitKillsOnlyThatTasklet(t *testing.T) {
	for _, idle := range []int{0, 4} {
		base := stableGoroutines()
		s := scheduler.New()
		s.SetIdleCoroutines(idle)
		var tr trace
		quitter := s.SpawnNamed("quitter", func() {
			defer tr.add("quitter's defer")
			s.Schedule()
			runtime.Goexit()
		})
		s.Spawn(func() {
			for i := 0; i < 3; i++ {
				tr.add("other%d", i)
				s.Schedule()
			}
		})
		err := s.Run()
		var te *scheduler.TaskletError
		require.ErrorAs(t, err, &te, "idle %d", idle)
		assert.Same(t, quitter, te.Tasklet)
		assert.ErrorIs(t, err, scheduler.ErrGoexit)
		assert.Equal(t, "tasklet #1 (quitter) ended by runtime.Goexit", err.Error())
		assert.False(t, quitter.Alive())
		require.NoError(t, s.Run(), "the driver goes on")
		assert.Equal(t, []string{"other0", "quitter's defer", "other1", "other2"}, []string(tr))

		var handled error
		s.SetErrorHandler(func(e *scheduler.TaskletError) error { handled = e; return nil })
		s.Spawn(func() { runtime.Goexit() })
		s.Spawn(func() { tr.add("after") })
		require.NoError(t, s.Tick(), "the error handler took it")
		assert.ErrorIs(t, handled, scheduler.ErrGoexit)
		assert.Equal(t, "after", tr[len(tr)-1])
		require.NoError(t, s.Close())
		waitGoroutines(t, base)
	}
}

// Sleep(0) is Schedule: in a Run it yields to the others and goes on, without waiting for a tick.
func TestSleepZeroIsSchedule(t *testing.T) {
	s := scheduler.New()
	var tr trace
	s.Spawn(func() { tr.add("a"); s.Sleep(0); tr.add("a again") })
	s.Spawn(func() { tr.add("b") })
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"a", "b", "a again"}, []string(tr))
	assert.Equal(t, uint64(0), s.Now())
}

// Close returns the first error a dying tasklet raised: that of the newest, which dies first.
func TestCloseReturnsTheFirstDyingError(t *testing.T) {
	s := scheduler.New()
	errOld, errNew := errors.New("old"), errors.New("new")
	s.Spawn(func() { defer func() { panic(errOld) }(); s.Park() })
	s.Spawn(func() { s.Park() })
	s.Spawn(func() { defer func() { panic(errNew) }(); s.Park() })
	s.Spawn(func() { s.Park() })
	require.NoError(t, s.Run())
	err := s.Close()
	assert.ErrorIs(t, err, errNew)
	assert.NotErrorIs(t, err, errOld)
	assert.Equal(t, 0, s.Alive())
}

// Sleepers wake exactly at their tick, however many others leave the sleep heap early from the middle (Ready,
// Kill): the heap keeps its order when an element moves up or down to fill a hole.
func TestSleepersWakeOnTimeWhileOthersLeaveEarly(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	type sleeper struct {
		t         *scheduler.Tasklet
		due, woke uint64
		leftEarly bool
	}
	var all []*sleeper
	for range 300 {
		sl := &sleeper{due: 1 + uint64(rng.IntN(60))}
		sl.t = s.Spawn(func() { s.Sleep(int(sl.due)); sl.woke = s.Now() })
		all = append(all, sl)
	}
	require.NoError(t, s.Tick()) // every sleeper went to sleep at tick 1
	for tick := 2; tick <= 62; tick++ {
		for range 3 {
			sl := all[rng.IntN(len(all))]
			if sl.t.Sleeping() {
				sl.leftEarly = true
				if rng.IntN(2) == 0 {
					require.NoError(t, sl.t.Ready())
				} else {
					require.NoError(t, sl.t.Kill())
				}
			}
		}
		require.NoError(t, s.Tick())
	}
	for i, sl := range all {
		if !sl.leftEarly {
			assert.Equal(t, 1+sl.due, sl.woke, "sleeper %d", i)
		}
	}
}
