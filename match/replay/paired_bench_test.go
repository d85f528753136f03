package replay

import (
	"testing"
	"time"

	"stackarena/bots"
	"stackarena/match"
)

// pairedTicks are two copies of the default match with the person, stepped in lockstep tick by tick: one
// plain, one recorded (or, for verify, a Sim of its replay). Each Step is timed, and a tick whose either Step
// took longer than preempted is dropped from both sums: on a shared machine a time slice lost to another
// process lands on one side at random and would swamp a difference of a few percent.
type pairedTicks struct {
	plain, other time.Duration
	dropped      int
}

// preempted is a Step so slow that the thread was surely descheduled (a tick of this match takes about 5-10 us).
const preempted = 500 * time.Microsecond

func (p *pairedTicks) add(plain, other time.Duration) {
	if plain > preempted || other > preempted {
		p.dropped++
		return
	}
	p.plain += plain
	p.other += other
}

// liveMatch is the default match with the person's tank, recorded when rec is set.
type liveMatch struct {
	m   *match.Match
	pin bots.PlayerInput
	rec *Recorder
}

func newLiveMatch(b *testing.B, rec bool) *liveMatch {
	l := &liveMatch{}
	m, err := match.Build(match.Default(), match.Options{Extra: []match.ExtraBot{{Name: "player", Script: bots.Player(&l.pin)}}})
	if err != nil {
		b.Fatal(err)
	}
	l.m = m
	if rec {
		l.rec = NewRecorder(m, "player")
	}
	return l
}

// step is one tick of playMatch's loop, timed.
func (l *liveMatch) step(b *testing.B) time.Duration {
	w, me := l.m.World, l.m.Bots[len(l.m.Bots)-1]
	t0 := time.Now()
	l.pin = person(w.Tick() + 1)
	if l.rec != nil && me.Alive() {
		l.rec.Player(l.pin)
	}
	if err := w.Step(); err != nil {
		b.Fatal(err)
	}
	if l.rec != nil {
		l.rec.Stepped()
	}
	return time.Since(t0)
}

// BenchmarkPaired measures, on the default match with the person, what recording adds to playing (record-%,
// the target: at most 5) and verification's speed as a share of playing's (verify-%, the target: at least 90),
// each against a plain match stepped in lockstep with it, which of the two goes first alternating from tick to
// tick (see pairedTicks); dropped-% is the share of ticks
// dropped as preempted. Recorder.Replay's encoding and Write's compression come once, at the end of a
// recording, and are measured by BenchmarkMatch/record and BenchmarkLongLog.
func BenchmarkPaired(b *testing.B) {
	rep := roundTrip(b, recordMatch(b))
	var rec, ver pairedTicks
	ticks := 0
	for b.Loop() {
		plain, recorded := newLiveMatch(b, false), newLiveMatch(b, true)
		for !plain.m.World.Over() {
			if ticks%2 == 0 { // who goes first alternates: the second of two Steps runs on warmer caches
				p := plain.step(b)
				rec.add(p, recorded.step(b))
			} else {
				r := recorded.step(b)
				rec.add(plain.step(b), r)
			}
			ticks++
		}
		plain.m.World.Close()
		recorded.m.World.Close()

		plain = newLiveMatch(b, false)
		s, err := NewSim(rep)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; !plain.m.World.Over(); i++ {
			var d time.Duration
			if i%2 == 0 {
				d = plain.step(b)
			}
			t0 := time.Now()
			if err := s.Step(); err != nil {
				b.Fatal(err)
			}
			v := time.Since(t0)
			if i%2 == 1 {
				d = plain.step(b)
			}
			ver.add(d, v)
		}
		plain.m.World.Close()
		s.Close()
	}
	b.ReportMetric(100*rec.other.Seconds()/rec.plain.Seconds()-100, "record-%")
	b.ReportMetric(100*ver.plain.Seconds()/ver.other.Seconds(), "verify-%")
	b.ReportMetric(100*float64(rec.dropped+ver.dropped)/float64(2*ticks), "dropped-%")
}
