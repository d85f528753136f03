package scheduler_test

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

func TestRunCount(t *testing.T) {
	s := scheduler.New()
	assert.Equal(t, 1, s.RunCount(), "main counts outside Run")
	var inside []int
	a := s.Spawn(func() { inside = append(inside, s.RunCount()); s.Schedule(); inside = append(inside, s.RunCount()) })
	s.Spawn(func() { inside = append(inside, s.RunCount()) })
	assert.Equal(t, 3, s.RunCount())
	assert.True(t, a.Scheduled())
	assert.False(t, a.Started())
	require.NoError(t, s.Run())
	assert.Equal(t, []int{2, 2, 1}, inside, "inside Run main is not in the ring: a lone tasklet sees 1")
	assert.Equal(t, 1, s.RunCount())
	assert.Equal(t, 0, s.Alive())
	assert.False(t, a.Alive())
}

func TestCurrentAndMain(t *testing.T) {
	s := scheduler.New()
	assert.Same(t, s.Main(), s.Current())
	assert.True(t, s.Main().IsMain())
	assert.Equal(t, uint64(0), s.Main().ID())
	var seen *scheduler.Tasklet
	tl := s.SpawnNamed("worker", func() { seen = s.Current() })
	require.NoError(t, s.Run())
	assert.Same(t, tl, seen)
	assert.Equal(t, uint64(1), tl.ID())
	assert.Equal(t, "#1 (worker)", tl.String())
	assert.Regexp(t, `^scheduler_test\.TestCurrentAndMain\.func\d+$`, s.Spawn(func() {}).Name(),
		"an unnamed tasklet takes its function's name, without the package path")
}

func TestScheduleAloneContinues(t *testing.T) {
	s := scheduler.New()
	n := 0
	s.Spawn(func() {
		for range 3 {
			s.Schedule()
			n++
		}
	})
	require.NoError(t, s.Run())
	assert.Equal(t, 3, n)
	assert.NoError(t, s.Schedule(), "main alone: returns at once")
}

func TestMainSchedulePumpsOneRound(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	for _, name := range []string{"a", "b"} {
		s.Spawn(func() {
			for i := 0; ; i++ {
				tr.add("%s%d", name, i)
				s.Schedule()
			}
		})
	}
	require.NoError(t, s.Schedule())
	tr.add("main")
	require.NoError(t, s.Schedule())
	assert.Equal(t, []string{"a0", "b0", "main", "a1", "b1"}, []string(tr))
}

func TestTickGivesEachRunnableOneTurn(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	turns := map[string]int{}
	for _, name := range []string{"a", "b", "c"} {
		s.Spawn(func() {
			for {
				turns[name]++
				s.Schedule()
			}
		})
	}
	for tick := 1; tick <= 5; tick++ {
		require.NoError(t, s.Tick())
		assert.Equal(t, map[string]int{"a": tick, "b": tick, "c": tick}, turns)
		assert.Equal(t, uint64(tick), s.Now())
	}
	assert.Equal(t, uint64(15), s.Switches())
}

// Tasklets spawned or woken at the tail during a tick run in the next tick; one switched to by a channel runs
// in this tick.
func TestTickRingRules(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	tail := scheduler.NewChannel[int](s)
	tail.SetPreference(scheduler.PreferNeither)
	now := scheduler.NewChannel[int](s)
	s.Spawn(func() { tail.Receive(); tr.add("woken at the tail") })
	s.Spawn(func() { now.Receive(); tr.add("switched to") })
	s.Spawn(func() {
		s.Schedule() // tick 2:
		tr.add("waker")
		s.Spawn(func() { tr.add("spawned") })
		tail.Send(1)
		now.Send(2)
		tr.add("waker after")
	})
	require.NoError(t, s.Tick())
	assert.Empty(t, tr)
	require.NoError(t, s.Tick())
	assert.Equal(t, []string{"waker", "switched to"}, []string(tr), "the sender goes behind the tick marker")
	require.NoError(t, s.Tick())
	assert.Equal(t, []string{"waker", "switched to", "spawned", "woken at the tail", "waker after"}, []string(tr))
}

func TestSleep(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	woke := map[string]uint64{}
	for _, c := range []struct {
		name  string
		ticks int
	}{{"three", 3}, {"one", 1}, {"threeAgain", 3}, {"zero", 0}} {
		s.Spawn(func() {
			s.Sleep(c.ticks)
			woke[c.name] = s.Now()
		})
	}
	var order []string
	s.Spawn(func() {
		for {
			s.Schedule()
			for _, n := range []string{"three", "one", "threeAgain", "zero"} {
				if w, ok := woke[n]; ok && !contains(order, n) && w == s.Now() {
					order = append(order, n)
				}
			}
		}
	})
	require.NoError(t, s.Tick()) // tick 1: everyone starts; the sleepers park
	for range 4 {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, map[string]uint64{"one": 2, "zero": 2, "three": 4, "threeAgain": 4}, woke)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSleepersDueTogetherWakeInSleepOrder(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	for i := range 5 {
		s.Spawn(func() {
			s.Sleep(10 - i) // later tasklets sleep less but go to sleep later...
			tr.add("%d", i)
		})
	}
	s.Spawn(func() { s.Sleep(6); tr.add("x") }) // ...and all are due at tick 7
	require.NoError(t, s.Tick())
	for range 6 { // ticks 2..7
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, []string{"4", "x"}, []string(tr))
	for range 4 { // ticks 8..11
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, []string{"4", "x", "3", "2", "1", "0"}, []string(tr))
}

func TestRunDoesNotAdvanceTicks(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	sleeper := s.Spawn(func() { s.Sleep(1) })
	require.NoError(t, s.Run())
	require.NoError(t, s.Run())
	assert.True(t, sleeper.Sleeping())
	assert.Equal(t, uint64(1), sleeper.WakeTick())
	require.NoError(t, s.Tick())
	assert.False(t, sleeper.Alive())
}

func TestParkAndReady(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	steps := 0
	tl := s.Spawn(func() {
		for {
			steps++
			s.Park()
		}
	})
	require.NoError(t, s.Tick())
	assert.True(t, tl.Paused())
	for range 3 {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, 1, steps, "a parked tasklet costs no turn")
	require.NoError(t, tl.Ready())
	require.NoError(t, tl.Ready(), "already queued: keeps its place")
	require.NoError(t, s.Tick())
	assert.Equal(t, 2, steps)
	assert.Equal(t, uint64(2), s.Switches())

	assert.ErrorIs(t, s.Sleep(1), scheduler.ErrMain)
	assert.NoError(t, s.Main().Ready(), "main is in the run queue: insert does nothing (Stackless)")
	assert.ErrorIs(t, s.Main().Kill(), scheduler.ErrMain)
}

func TestReadyWakesASleeperEarly(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	tl := s.Spawn(func() { s.Sleep(100) })
	require.NoError(t, s.Tick())
	require.NoError(t, tl.Ready())
	require.NoError(t, s.Tick())
	assert.False(t, tl.Alive())
}

func TestReadyErrors(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	blocked := s.Spawn(func() { ch.Receive() })
	done := s.Spawn(func() {})
	require.NoError(t, s.Run())
	assert.ErrorIs(t, blocked.Ready(), scheduler.ErrBlocked)
	assert.ErrorIs(t, done.Ready(), scheduler.ErrDead)
}

func TestKillNotStartedNeverRunsBody(t *testing.T) {
	base := stableGoroutines()
	s := scheduler.New()
	ran := false
	tl := s.Spawn(func() { ran = true })
	require.NoError(t, tl.Kill())
	require.NoError(t, s.Run())
	assert.False(t, ran)
	assert.False(t, tl.Alive())
	assert.Equal(t, 0, s.Alive())
	waitGoroutines(t, base) // it never had a goroutine
}

func TestKillUnwindsFromSuspension(t *testing.T) {
	tests := []struct {
		name    string
		suspend func(s *scheduler.Scheduler, ch *scheduler.Channel[int])
	}{
		{"blocked receiving", func(_ *scheduler.Scheduler, ch *scheduler.Channel[int]) { ch.Receive() }},
		{"blocked sending", func(_ *scheduler.Scheduler, ch *scheduler.Channel[int]) { ch.Send(1) }},
		{"sleeping", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) { s.Sleep(1000) }},
		{"parked", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) { s.Park() }},
		{"queued", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) {
			for {
				s.Schedule()
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scheduler.New()
			defer s.Close()
			ch := scheduler.NewChannel[int](s)
			var tr trace
			victim := s.Spawn(func() {
				defer tr.add("victim's defer")
				tt.suspend(s, ch)
				tr.add("victim went on")
			})
			other := s.Spawn(func() {
				for {
					tr.add("other")
					s.Schedule()
				}
			})
			require.NoError(t, s.Tick())
			tr = nil
			s.Spawn(func() {
				tr.add("killer")
				require.NoError(t, victim.Kill())
				tr.add("killer after")
			})
			require.NoError(t, s.Tick())
			assert.Equal(t, []string{"other", "killer", "victim's defer", "killer after"}, []string(tr),
				"the victim unwinds at once and no other tasklet runs in between")
			assert.False(t, victim.Alive())
			assert.Equal(t, 0, ch.Balance())
			assert.True(t, other.Alive())
		})
	}
}

func TestKillFromMainAndKillDead(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	victim := s.Spawn(func() {
		defer tr.add("defer")
		for {
			s.Schedule()
		}
	})
	s.Spawn(func() {
		for {
			tr.add("other")
			s.Schedule()
		}
	})
	require.NoError(t, s.Tick())
	tr = nil
	require.NoError(t, victim.Kill())
	assert.Equal(t, []string{"defer"}, []string(tr), "a kill between ticks runs nobody else")
	require.NoError(t, victim.Kill(), "killing a dead tasklet does nothing")
}

func TestSelfKill(t *testing.T) {
	s := scheduler.New()
	var tr trace
	s.Spawn(func() {
		defer tr.add("defer")
		s.Current().Kill()
		tr.add("unreachable")
	})
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"defer"}, []string(tr))
}

func TestTaskletExitCanBeRecovered(t *testing.T) {
	s := scheduler.New()
	var tr trace
	victim := s.Spawn(func() {
		func() {
			defer func() {
				if r := recover(); r != nil {
					tr.add("recovered %v", errors.Is(r.(error), scheduler.ErrTaskletExit))
				}
			}()
			s.Park()
		}()
		tr.add("lives on")
	})
	require.NoError(t, s.Run())
	require.NoError(t, victim.Kill())
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"recovered true", "lives on"}, []string(tr))
	assert.False(t, victim.Alive())
}

// A tasklet that recovers its kill and waits again is stopped by Close: from then on every wait panics with
// ErrTaskletExit at once, whichever way the tasklet waits, so it unwinds instead of looping or waiting forever,
// its deferred calls run and its goroutine ends.
func TestCloseStopsATaskletThatSurvivesItsKill(t *testing.T) {
	tests := []struct {
		name string
		wait func(s *scheduler.Scheduler, ch *scheduler.Channel[int])
	}{
		{"Schedule", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) { s.Schedule() }},
		{"Park", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) { s.Park() }},
		{"Sleep", func(s *scheduler.Scheduler, _ *scheduler.Channel[int]) { s.Sleep(10) }},
		{"Receive", func(_ *scheduler.Scheduler, ch *scheduler.Channel[int]) { ch.Receive() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := stableGoroutines()
			s := scheduler.New()
			ch := scheduler.NewChannel[int](s)
			var tr trace
			s.Spawn(func() {
				defer tr.add("unwound")
				for range 3 {
					func() {
						defer func() { tr.add("recovered %v", recover() == scheduler.ErrTaskletExit) }()
						tt.wait(s, ch)
					}()
				}
				tr.add("returned")
			})
			require.NoError(t, s.Tick())
			require.NoError(t, s.Close())
			// The kill, the stop, and the wait after the stop each raise ErrTaskletExit.
			assert.Equal(t, []string{"recovered true", "recovered true", "recovered true", "returned", "unwound"}, []string(tr))
			waitGoroutines(t, base)
		})
	}
}

func TestUncaughtPanicReachesRunAndOthersKeepTheirPlaces(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	s.Spawn(func() { tr.add("a1"); s.Schedule(); tr.add("a2") })
	bad := s.SpawnNamed("bad", func() { tr.add("bad"); panic(errBoom) })
	s.Spawn(func() { tr.add("c1"); s.Schedule(); tr.add("c2") })
	err := s.Run()
	var te *scheduler.TaskletError
	require.ErrorAs(t, err, &te)
	assert.Same(t, bad, te.Tasklet)
	assert.ErrorIs(t, err, errBoom)
	assert.Equal(t, "tasklet #2 (bad) panicked: boom", err.Error())
	assert.Contains(t, string(te.Stack), "scheduler_test.TestUncaughtPanicReachesRunAndOthersKeepTheirPlaces")
	assert.Contains(t, fmt.Sprintf("%+v", err), "goroutine", "%+v adds the stack")
	assert.False(t, bad.Alive())
	assert.Equal(t, []string{"a1", "bad"}, []string(tr), "Run stops at the failing tasklet")
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"a1", "bad", "c1", "a2", "c2"}, []string(tr), "the others continue in their places")
}

func TestUncaughtPanicStopsTickAndTheRestRunFirstNextTick(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var tr trace
	for _, name := range []string{"a", "bad", "c"} {
		s.Spawn(func() {
			for i := 1; ; i++ {
				tr.add("%s%d", name, i)
				if name == "bad" && i == 2 {
					panic("tick 2")
				}
				s.Schedule()
			}
		})
	}
	require.NoError(t, s.Tick())
	assert.Error(t, s.Tick())
	require.NoError(t, s.Tick())
	assert.Equal(t, []string{"a1", "bad1", "c1", "a2", "bad2", "c2", "a3"}, []string(tr))
}

func TestErrorHandler(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	var handled []string
	var current *scheduler.Tasklet
	s.SetErrorHandler(func(e *scheduler.TaskletError) error {
		current = s.Current()
		handled = append(handled, fmt.Sprint(e.Value))
		if e.Value == "fatal" {
			return fmt.Errorf("handler: %w", errBoom)
		}
		return nil
	})
	bad := s.Spawn(func() { panic("oops") })
	ok := s.Spawn(func() { s.Schedule() })
	require.NoError(t, s.Run(), "the handler swallowed it")
	assert.Same(t, bad, current, "the handler runs in the dying tasklet")
	assert.False(t, ok.Alive())

	s.Spawn(func() { panic("fatal") })
	assert.ErrorIs(t, s.Run(), errBoom, "an error the handler returns replaces the panic")
	assert.Equal(t, []string{"oops", "fatal"}, handled)

	s.SetErrorHandler(func(*scheduler.TaskletError) error { panic("handler broke") })
	s.Spawn(func() { panic(errBoom) })
	err := s.Run()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "handler broke")
	var te *scheduler.TaskletError
	assert.ErrorAs(t, err, &te, "a panicking handler keeps the tasklet's error in the chain")
	assert.ErrorIs(t, err, errBoom)

	errHandler := errors.New("handler's own error")
	s.SetErrorHandler(func(*scheduler.TaskletError) error { panic(errHandler) })
	s.Spawn(func() { panic("again") })
	err = s.Run()
	assert.ErrorIs(t, err, errHandler, "and the error it panicked with")
	assert.ErrorAs(t, err, &te)
}

// Spec 1.6: the main side never hangs.
func TestMainSideDeadlocks(t *testing.T) {
	t.Run("nothing runnable", func(t *testing.T) {
		s := scheduler.New()
		ch := scheduler.NewChannel[int](s)
		_, err := ch.Receive()
		assert.ErrorIs(t, err, scheduler.ErrDeadlock)
		assert.Equal(t, 0, ch.Balance(), "main is not left blocked")
		assert.ErrorIs(t, ch.Send(1), scheduler.ErrDeadlock)
	})
	t.Run("the last tasklet ends", func(t *testing.T) {
		s := scheduler.New()
		ch := scheduler.NewChannel[int](s)
		s.Spawn(func() {})
		_, err := ch.Receive()
		assert.ErrorIs(t, err, scheduler.ErrDeadlock)
		assert.Contains(t, err.Error(), "receiving without a sender")
		assert.Equal(t, 0, ch.Balance())
		s.Spawn(func() {})
		err = ch.Send(1)
		assert.Contains(t, err.Error(), "sending without a receiver")
	})
	t.Run("the last tasklet blocks", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		ch := scheduler.NewChannel[int](s)
		other := scheduler.NewChannel[int](s)
		var tasklet error
		s.Spawn(func() { _, tasklet = other.Receive() })
		_, err := ch.Receive()
		assert.ErrorIs(t, tasklet, scheduler.ErrDeadlock, "the tasklet trying to block gets the error")
		assert.Contains(t, tasklet.Error(), "last runnable tasklet cannot be blocked")
		assert.ErrorIs(t, err, scheduler.ErrDeadlock, "and then main, when that tasklet ends")
		assert.Equal(t, 0, other.Balance())
	})
	t.Run("the last tasklet parks", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		ch := scheduler.NewChannel[int](s)
		s.Spawn(func() { s.Park() })
		_, err := ch.Receive()
		assert.ErrorIs(t, err, scheduler.ErrDeadlock)
	})
	t.Run("a tasklet panics while main waits", func(t *testing.T) {
		s := scheduler.New()
		defer s.Close()
		ch := scheduler.NewChannel[int](s)
		s.Spawn(func() { panic(errBoom) })
		keeps := s.Spawn(func() { s.Schedule() })
		_, err := ch.Receive()
		assert.ErrorIs(t, err, errBoom)
		assert.Equal(t, 0, ch.Balance(), "main left the channel")
		assert.True(t, keeps.Alive())
	})
}

func TestMainSideSendAndReceive(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	in := scheduler.NewChannel[int](s)
	out := scheduler.NewChannel[int](s)
	s.Spawn(func() {
		for v := range in.All() {
			out.Send(v * v)
		}
	})
	for i := range 5 {
		require.NoError(t, in.Send(i))
		v, err := out.Receive()
		require.NoError(t, err)
		assert.Equal(t, i*i, v)
	}
}

func TestOneDriver(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	entered := make(chan struct{})
	release := make(chan struct{})
	var inner error
	s.Spawn(func() {
		inner = s.Tick()
		close(entered)
		<-release // hold the scheduler busy while another goroutine tries to use it
	})
	done := make(chan error)
	go func() { done <- s.Run() }()
	<-entered
	assert.ErrorIs(t, inner, scheduler.ErrConcurrentUse, "Tick from inside a tasklet")
	// From the goroutine that runs nothing: these would be data races without the guard (go test -race).
	assert.ErrorIs(t, s.Tick(), scheduler.ErrConcurrentUse)
	assert.ErrorIs(t, s.Run(), scheduler.ErrConcurrentUse)
	assert.ErrorIs(t, s.Close(), scheduler.ErrConcurrentUse)
	close(release)
	require.NoError(t, <-done)
}

func TestClosedScheduler(t *testing.T) {
	s := scheduler.New()
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "twice is fine")
	assert.ErrorIs(t, s.Run(), scheduler.ErrClosed)
	assert.ErrorIs(t, s.Tick(), scheduler.ErrClosed)
	tl := s.Spawn(func() { t.Error("ran after Close") })
	assert.False(t, tl.Alive())
	_, err := scheduler.NewChannel[int](s).Receive()
	assert.ErrorIs(t, err, scheduler.ErrClosed)
}

// stableGoroutines is the goroutine count once it has stopped changing: goroutines of earlier tests may still
// be on their way out, as the standard library's iter tests allow for.
func stableGoroutines() int {
	n := runtime.NumGoroutine()
	for stable := 0; stable < 10; {
		time.Sleep(time.Millisecond)
		if m := runtime.NumGoroutine(); m == n {
			stable++
		} else {
			n, stable = m, 0
		}
	}
	return n
}

// waitGoroutines waits for the goroutine count to settle at want (goroutines end asynchronously after their
// last switch), as the standard library's iter tests do.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	for range 1000 {
		if runtime.NumGoroutine() == want {
			return
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("goroutines: %d, want %d", runtime.NumGoroutine(), want)
}

func TestNoLeaks(t *testing.T) {
	base := stableGoroutines()
	s := scheduler.New()
	ch := scheduler.NewChannel[int](s)
	deferred := 0
	for range 10 {
		s.Spawn(func() { defer func() { deferred++ }(); ch.Receive() })
		s.Spawn(func() { defer func() { deferred++ }(); ch.Send(0); ch.Send(0) })
		s.Spawn(func() { defer func() { deferred++ }(); s.Sleep(50) })
		s.Spawn(func() { defer func() { deferred++ }(); s.Park() })
		s.Spawn(func() {
			defer func() { deferred++ }()
			for {
				s.Schedule()
			}
		})
		s.Spawn(func() { deferred++ })
	}
	require.NoError(t, s.Tick())
	// Each receiver got its sender's first value and ended; senders (blocked on their second send), sleepers,
	// parked and yielding tasklets hold one goroutine each.
	waitGoroutines(t, base+40)

	killed := s.Spawn(func() { s.Park() })
	require.NoError(t, s.Tick())
	require.NoError(t, killed.Kill())
	waitGoroutines(t, base+40)

	require.NoError(t, s.Close())
	assert.Equal(t, 60, deferred, "every tasklet's defers ran")
	assert.Equal(t, 0, s.Alive())
	waitGoroutines(t, base)
}

// TestDeterminism runs a busy program twice: channels, sleeps, kills and spawns driven by a seeded generator
// inside the tasklets. The same seed gives the same interleaving.
func TestDeterminism(t *testing.T) {
	run := func(seed uint64) uint64 {
		s := scheduler.New()
		defer s.Close()
		h := fnv.New64a()
		chans := []*scheduler.Channel[int]{scheduler.NewChannel[int](s), scheduler.NewChannel[int](s)}
		chans[1].SetPreference(scheduler.PreferSender)
		rng := rand.New(rand.NewPCG(seed, 0))
		var all []*scheduler.Tasklet
		var spawn func(id int)
		spawn = func(id int) {
			all = append(all, s.Spawn(func() {
				for step := 0; ; step++ {
					fmt.Fprintf(h, "%d.%d@%d ", id, step, s.Now())
					ch := chans[rng.IntN(2)]
					switch rng.IntN(6) {
					case 0:
						ch.Send(id)
					case 1:
						v, _ := ch.Receive()
						fmt.Fprintf(h, "got%d ", v)
					case 2:
						s.Sleep(rng.IntN(4))
					case 3:
						if len(all) < 200 {
							spawn(len(all))
						}
					case 4:
						all[rng.IntN(len(all))].Kill()
					default:
						s.Schedule()
					}
				}
			}))
		}
		for i := range 20 {
			spawn(i)
		}
		for range 300 {
			s.Tick()
		}
		return h.Sum64()
	}
	assert.Equal(t, run(7), run(7))
	assert.NotEqual(t, run(7), run(8))
}

func TestTaskletErrorFormat(t *testing.T) {
	s := scheduler.New()
	s.SpawnNamed("fmt", func() { panic("bad value") })
	err := s.Run()
	assert.Equal(t, `"tasklet #1 (fmt) panicked: bad value"`, fmt.Sprintf("%q", err))
	full := fmt.Sprintf("%+v", err)
	assert.True(t, strings.HasPrefix(full, "tasklet #1 (fmt) panicked: bad value\ngoroutine "))
	var te *scheduler.TaskletError
	require.ErrorAs(t, err, &te)
	assert.Nil(t, te.Unwrap(), "a non-error panic value unwraps to nothing")
}

func TestSpawnPaused(t *testing.T) {
	base := stableGoroutines()
	s := scheduler.New()
	defer s.Close()
	ran := 0
	tl := s.SpawnPaused("later", func() { ran++ })
	assert.True(t, tl.Alive())
	assert.True(t, tl.Paused())
	assert.False(t, tl.Scheduled())
	for range 3 {
		require.NoError(t, s.Tick())
	}
	assert.Equal(t, 0, ran, "a paused tasklet gets no turn")
	waitGoroutines(t, base) // and has no goroutine
	require.NoError(t, tl.Ready())
	require.NoError(t, s.Tick())
	assert.Equal(t, 1, ran)
	assert.False(t, tl.Alive())

	never := s.SpawnPaused("never", func() { ran++ })
	require.NoError(t, never.Kill())
	require.NoError(t, s.Tick())
	assert.Equal(t, 1, ran, "killed before its first turn: its body never runs")
	assert.False(t, never.Alive())
}

// With idle coroutines kept, tasklets that come and go reuse goroutines: their number stays bounded, spawning
// allocates nothing per tasklet once warm, and Close ends the idle ones.
func TestIdleCoroutinesAreReused(t *testing.T) {
	base := stableGoroutines()
	s := scheduler.New()
	s.SetIdleCoroutines(2)
	ch := scheduler.NewChannel[int](s)
	total, deferred := 0, 0
	for round := range 50 {
		for range 3 {
			s.Spawn(func() { defer func() { deferred++ }(); total++; s.Schedule(); total++ })
		}
		victim := s.Spawn(func() { defer func() { deferred++ }(); ch.Receive() })
		require.NoError(t, s.Tick())
		require.NoError(t, victim.Kill())
		require.NoError(t, s.Tick())
		assert.LessOrEqual(t, runtime.NumGoroutine(), base+4, "round %d: goroutines are reused", round)
	}
	assert.Equal(t, 300, total, "every tasklet ran its whole body")
	assert.Equal(t, 200, deferred)
	assert.Equal(t, 2, s.IdleCoroutines())

	allocs := testing.AllocsPerRun(200, func() {
		s.Spawn(func() {})
		s.Tick()
	})
	assert.LessOrEqual(t, allocs, 0.1+3*lookupAllocs, "a spawn reuses an idle coroutine and a slab slot (checks: Spawn, Tick, the tasklet)")

	s.SetIdleCoroutines(1)
	waitGoroutines(t, base+1)
	require.NoError(t, s.Close())
	waitGoroutines(t, base)
}
