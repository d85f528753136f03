package scheduler_test

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/scheduler"
)

// trace records what tasklets did, in order.
type trace []string

func (tr *trace) add(format string, args ...any) { *tr = append(*tr, fmt.Sprintf(format, args...)) }

// TestPreference checks spec 1.1's table: who runs when an operation meets a waiting partner, and where the
// other goes. W blocks first; then C meets it while X is runnable behind C.
func TestPreference(t *testing.T) {
	tests := []struct {
		name        string
		send        bool // C sends (W waits to receive); else C receives (W waits to send)
		preference  int
		scheduleAll bool
		want        []string
	}{
		// send: partner preferred with -1, caller with 0 and 1
		{"send pref -1: receiver runs now, sender to the tail", true, -1, false, []string{"C op", "W resumed", "X", "C after"}},
		{"send pref 0: sender continues, receiver to the tail", true, 0, false, []string{"C op", "C after", "X", "W resumed"}},
		{"send pref 1: sender continues, receiver to the tail", true, 1, false, []string{"C op", "C after", "X", "W resumed"}},
		// receive: partner preferred with 1, caller with 0 and -1
		{"receive pref -1: receiver continues, sender to the tail", false, -1, false, []string{"C op", "C after", "X", "W resumed"}},
		{"receive pref 0: receiver continues, sender to the tail", false, 0, false, []string{"C op", "C after", "X", "W resumed"}},
		{"receive pref 1: sender runs now, receiver to the tail", false, 1, false, []string{"C op", "W resumed", "X", "C after"}},
		// schedule_all overrides: partner to the tail, the tasklet after the caller runs, the caller last
		{"send schedule_all", true, -1, true, []string{"C op", "X", "W resumed", "C after"}},
		{"receive schedule_all", false, 1, true, []string{"C op", "X", "W resumed", "C after"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scheduler.New()
			defer s.Close()
			ch := scheduler.NewChannel[int](s)
			ch.SetPreference(tt.preference)
			ch.SetScheduleAll(tt.scheduleAll)
			var tr trace
			s.Spawn(func() { // W
				if tt.send {
					v, err := ch.Receive()
					require.NoError(t, err)
					require.Equal(t, 42, v)
				} else {
					require.NoError(t, ch.Send(42))
				}
				tr.add("W resumed")
			})
			s.Spawn(func() { // C
				s.Schedule() // let W block first; X is now behind C
				tr.add("C op")
				wantBalance := -1
				if !tt.send {
					wantBalance = 1
				}
				require.Equal(t, wantBalance, ch.Balance())
				if tt.send {
					require.NoError(t, ch.Send(42))
				} else {
					v, err := ch.Receive()
					require.NoError(t, err)
					require.Equal(t, 42, v)
				}
				require.Equal(t, 0, ch.Balance())
				tr.add("C after")
			})
			s.Spawn(func() { // X
				s.Schedule() // so that X is queued behind C when C operates
				tr.add("X")
			})
			require.NoError(t, s.Run())
			assert.Equal(t, tt.want, []string(tr))
		})
	}
}

func TestSetPreferenceClampsToSign(t *testing.T) {
	ch := scheduler.NewChannel[int](scheduler.New())
	assert.Equal(t, scheduler.PreferReceiver, ch.Preference(), "default")
	for in, want := range map[int]int{2: 1, 1: 1, 0: 0, -1: -1, -5: -1} {
		ch.SetPreference(in)
		assert.Equal(t, want, ch.Preference(), "SetPreference(%d)", in)
	}
}

// With preference 1 the talk's producer/consumer prints in another order (spec 2a).
func TestProducerConsumerPreferSender(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[any](s)
	ch.SetPreference(1)
	var tr trace
	s.Spawn(func() {
		tr.add("Starting consumer")
		for x := range ch.All() {
			tr.add("%s", repr(x))
		}
	})
	s.Spawn(func() { tr.add("Starting producer1"); ch.Send("A"); ch.Send("B") })
	s.Spawn(func() { tr.add("Starting producer2"); ch.SendSeq(slices.Values([]any{1, 2, 3})) })
	require.NoError(t, s.Run())
	assert.Equal(t, []string{"Starting consumer", "Starting producer1", "Starting producer2", "'A'", "'B'", "1", "2", "3"}, []string(tr))
}

// "Sent." is printed after the receiver has resumed, whichever side comes first (spec 2b).
func TestSentAfterReceiverResumes(t *testing.T) {
	for _, receiverFirst := range []bool{false, true} {
		s := scheduler.New()
		ch := scheduler.NewChannel[int](s)
		var tr trace
		sending := func() { ch.Send(5); tr.add("Sent.") }
		receiving := func() { x, _ := ch.Receive(); tr.add("received %d", x) }
		if receiverFirst {
			s.Spawn(receiving)
			s.Spawn(sending)
		} else {
			s.Spawn(sending)
			s.Spawn(receiving)
		}
		require.NoError(t, s.Run())
		assert.Equal(t, []string{"received 5", "Sent."}, []string(tr), "receiver first: %v", receiverFirst)
	}
}

// TestBalance checks the balance after every operation: senders waiting count up, receivers down, and every
// completed operation, kill and posted value moves it back.
func TestBalance(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var senders []*scheduler.Tasklet
	for i := range 3 {
		senders = append(senders, s.Spawn(func() { ch.Send(i) }))
	}
	require.NoError(t, s.Run())
	assert.Equal(t, 3, ch.Balance())
	assert.Equal(t, senders, ch.Queue())
	for _, tl := range senders {
		assert.True(t, tl.Blocked())
		assert.True(t, tl.Scheduled(), "a blocked tasklet is scheduled, as in Stackless")
	}

	require.NoError(t, senders[1].Kill())
	assert.Equal(t, 2, ch.Balance(), "kill takes a blocked sender out")
	assert.Equal(t, []*scheduler.Tasklet{senders[0], senders[2]}, ch.Queue())

	v, err := ch.Receive() // from the main side: a sender waits, so no blocking
	require.NoError(t, err)
	assert.Equal(t, 0, v, "FIFO: the head of the queue is served")
	assert.Equal(t, 1, ch.Balance())

	v, err = ch.Receive()
	require.NoError(t, err)
	assert.Equal(t, 2, v)
	assert.Equal(t, 0, ch.Balance())

	var receivers []*scheduler.Tasklet
	for range 2 {
		receivers = append(receivers, s.Spawn(func() { ch.Receive() }))
	}
	require.NoError(t, s.Run())
	assert.Equal(t, -2, ch.Balance())
	require.NoError(t, ch.Send(7))
	assert.Equal(t, -1, ch.Balance())
	require.NoError(t, receivers[1].Kill())
	assert.Equal(t, 0, ch.Balance())
	require.NoError(t, s.Run())
	assert.False(t, receivers[0].Alive())
}

// TestBalanceInvariant drives random sends, receives and kills and checks after every step that the balance
// equals the number of blocked senders minus blocked receivers, and that the queue holds exactly them.
func TestBalanceInvariant(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var all []*scheduler.Tasklet
	check := func(step int) {
		t.Helper()
		want := 0
		for _, tl := range all {
			if !tl.Blocked() {
				continue
			}
			if slices.Contains(ch.Queue(), tl) {
				if ch.Balance() > 0 {
					want++
				} else {
					want--
				}
			}
		}
		blocked := 0
		for _, tl := range all {
			if tl.Blocked() {
				blocked++
			}
		}
		require.Equal(t, want, ch.Balance(), "step %d", step)
		require.Len(t, ch.Queue(), blocked, "step %d: every blocked tasklet is in the queue", step)
	}
	for step := range 2000 {
		switch rng.IntN(3) {
		case 0:
			all = append(all, s.Spawn(func() { ch.Send(step) }))
		case 1:
			all = append(all, s.Spawn(func() { ch.Receive() }))
		case 2:
			if len(all) > 0 {
				require.NoError(t, all[rng.IntN(len(all))].Kill())
			}
		}
		require.NoError(t, s.Run())
		check(step)
	}
}

func TestCloseWakesNobody(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	r := s.Spawn(func() { ch.Receive() })
	require.NoError(t, s.Run())
	ch.Close()
	assert.True(t, ch.Closing())
	assert.False(t, ch.Closed(), "a receiver still waits")
	require.NoError(t, s.Run())
	assert.True(t, r.Blocked(), "close wakes nobody")

	// An operation that finds a partner goes ahead on a closing channel.
	require.NoError(t, ch.Send(1))
	require.NoError(t, s.Run())
	assert.False(t, r.Alive())
	assert.True(t, ch.Closed(), "closing and nobody waits")

	// One that would block fails, in a tasklet and on the main side, and the balance is untouched.
	var sendErr error
	s.Spawn(func() { sendErr = ch.Send(2) })
	require.NoError(t, s.Run())
	assert.ErrorIs(t, sendErr, scheduler.ErrChannelClosed)
	_, err := ch.Receive()
	assert.ErrorIs(t, err, scheduler.ErrChannelClosed)
	assert.Equal(t, 0, ch.Balance())

	ch.Open()
	assert.False(t, ch.Closing())
	s.Spawn(func() { ch.Send(3) })
	v, err := ch.Receive()
	require.NoError(t, err)
	assert.Equal(t, 3, v)
}

// Iterating a closing channel goes on while senders wait (balance > 0) and stops when none does.
func TestIterationOnClosingChannel(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	for i := range 3 {
		s.Spawn(func() { ch.Send(i) })
	}
	require.NoError(t, s.Run())
	ch.Close()
	assert.Equal(t, []int{0, 1, 2}, slices.Collect(ch.All()))
	assert.True(t, ch.Closed())
}

func TestSendErrorReachesReceiver(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[string](s)
	var pathErr = &customError{"disk on fire"}
	s.Spawn(func() { ch.SendError(fmt.Errorf("reading: %w", pathErr)) })
	require.NoError(t, s.Run())
	assert.Equal(t, 1, ch.Balance(), "an error sender blocks like any sender")
	_, err := ch.Receive()
	var ce *customError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "disk on fire", ce.msg)
	assert.Equal(t, 0, ch.Balance())
}

type customError struct{ msg string }

func (e *customError) Error() string { return e.msg }

func TestSendSeqCountsAndStops(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var n int
	var err error
	s.Spawn(func() { n, err = ch.SendSeq(slices.Values([]int{1, 2, 3})) })
	got := []int{}
	for range 3 {
		v, rerr := ch.Receive()
		require.NoError(t, rerr)
		got = append(got, v)
	}
	require.NoError(t, s.Run())
	assert.Equal(t, []int{1, 2, 3}, got)
	assert.Equal(t, 3, n)
	require.NoError(t, err)

	ch.Close()
	s.Spawn(func() { n, err = ch.SendSeq(slices.Values([]int{4, 5})) })
	require.NoError(t, s.Run())
	assert.Equal(t, 0, n)
	assert.ErrorIs(t, err, scheduler.ErrChannelClosed)
}

func TestIterationEndsOnStopIterationAndPanicsOnOtherErrors(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	s.Spawn(func() {
		ch.Send(1)
		ch.SendError(scheduler.ErrStopIteration)
	})
	assert.Equal(t, []int{1}, slices.Collect(ch.All()))

	var got []int
	consumer := s.SpawnNamed("consumer", func() {
		for v := range ch.All() {
			got = append(got, v)
		}
	})
	s.Spawn(func() {
		ch.Send(2)
		ch.SendError(io.ErrUnexpectedEOF)
	})
	err := s.Run()
	assert.Equal(t, []int{2}, got)
	var te *scheduler.TaskletError
	require.ErrorAs(t, err, &te)
	assert.Same(t, consumer, te.Tasklet)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the error raised out of the loop reaches Run")
}

// Values posted from other goroutines are delivered at the next tick, in order, to waiting receivers first.
func TestPostFromOtherGoroutines(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var got []int
	s.Spawn(func() {
		for {
			v, err := ch.Receive()
			if err != nil {
				return
			}
			got = append(got, v)
		}
	})
	require.NoError(t, s.Tick())
	assert.Equal(t, -1, ch.Balance())

	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 25 {
				require.NoError(t, ch.Post(g*100+i))
			}
		}()
	}
	for range 4 {
		<-done
	}
	assert.Empty(t, got, "nothing arrives before the next tick")
	require.NoError(t, s.Tick())
	// The first value went to the waiting receiver; the rest waited in the channel as senders that block
	// nobody, so the receiver took them all in its turn and waits again.
	assert.Equal(t, -1, ch.Balance())
	require.Len(t, got, 100)
	for g := range 4 { // each goroutine's values arrive in its order
		var mine []int
		for _, v := range got {
			if v/100 == g {
				mine = append(mine, v)
			}
		}
		assert.True(t, slices.IsSorted(mine))
	}
	s.Close()
	assert.ErrorIs(t, ch.Post(1), scheduler.ErrClosed)
}

func TestPostErrorReachesReceiver(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	ch := scheduler.NewChannel[int](s)
	var err error
	s.Spawn(func() { _, err = ch.Receive() })
	require.NoError(t, s.Tick())
	require.NoError(t, ch.PostError(io.EOF))
	require.NoError(t, s.Tick())
	assert.ErrorIs(t, err, io.EOF)
}

var errBoom = errors.New("boom")

// A send/receive pair allocates nothing once warm: waiter nodes come back to the channel's free list.
func TestSendReceiveAllocatesNothing(t *testing.T) {
	s := scheduler.New()
	defer s.Close()
	s.SetIdleCoroutines(1)
	ch := scheduler.NewChannel[int](s)
	s.Spawn(func() {
		for {
			ch.Receive()
		}
	})
	require.NoError(t, s.Run())
	send := func() { ch.Send(1) }
	allocs := testing.AllocsPerRun(100, func() {
		s.Spawn(send)
		s.Run()
	})
	assert.LessOrEqual(t, allocs, 0.1+5*lookupAllocs, "checks: Spawn, Run, the sender at its start and its Send, the receiver")
}
