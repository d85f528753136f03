package replay

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"stackarena/bots"
	"stackarena/match"
)

// The benchmarks play the default match (match/default.json) with a person's tank driven by person, whose
// mouse moves nearly every tick: the worst case for the input log. Run them together, so that every figure has
// its baseline from the same run:
//
//	go test -run '^$' -bench . -benchtime 40x -count 5 ./match/replay
//
// BenchmarkMatch/play is the baseline for record (recording's cost) and verify (re-simulation's speed).

// playMatch plays the default match with the person to its end, recording it when rec is set, and returns the
// ticks played and the Recorder (nil without rec).
func playMatch(b *testing.B, rec bool) (uint64, *Recorder) {
	var pin bots.PlayerInput
	m, err := match.Build(match.Default(), match.Options{Extra: []match.ExtraBot{{Name: "player", Script: bots.Player(&pin)}}})
	if err != nil {
		b.Fatal(err)
	}
	defer m.World.Close()
	var r *Recorder
	if rec {
		r = NewRecorder(m, "player")
	}
	w, me := m.World, m.Bots[len(m.Bots)-1]
	for !w.Over() {
		pin = person(w.Tick() + 1)
		if r != nil && me.Alive() {
			r.Player(pin)
		}
		if err := w.Step(); err != nil {
			b.Fatal(err)
		}
		if r != nil {
			r.Stepped()
		}
	}
	return w.Tick(), r
}

// recordMatch is playMatch's replay.
func recordMatch(b *testing.B) *Replay {
	_, r := playMatch(b, true)
	return r.Replay()
}

func BenchmarkMatch(b *testing.B) {
	report := func(b *testing.B, ticks uint64) {
		b.ReportMetric(float64(ticks)*float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
		b.ReportMetric(float64(ticks), "ticks/match")
	}
	b.Run("play", func(b *testing.B) {
		var ticks uint64
		for b.Loop() {
			ticks, _ = playMatch(b, false)
		}
		report(b, ticks)
	})
	b.Run("record", func(b *testing.B) {
		var ticks uint64
		var r *Recorder
		for b.Loop() {
			ticks, r = playMatch(b, true)
		}
		report(b, ticks)
		rep := r.Replay()
		var buf bytes.Buffer
		if err := Write(&buf, rep); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "file-bytes")
		b.ReportMetric(float64(len(rep.Inputs)), "inputs")
	})
	b.Run("verify", func(b *testing.B) {
		rep := roundTrip(b, recordMatch(b))
		for b.Loop() {
			verify(b, rep)
		}
		report(b, rep.End.Tick)
	})
}

func verify(b *testing.B, rep *Replay) {
	s, err := NewSim(rep)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Run(0); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLongLog is the size of the input log of a 20,000-tick match (the default match's limit) with a
// person at the controls all along, written with the default match's header and a hash every HashEvery ticks:
// real matches end sooner (every bot's energy drains once nobody is hit), so the log is built tick by tick.
// "sweeping" is person, whose mouse never rests (the worst case); "strokes" moves the mouse one tick in three
// (strokes of 30 ticks, then 60 at rest), as a hand does more often.
func BenchmarkLongLog(b *testing.B) {
	b.Run("sweeping", func(b *testing.B) { longLog(b, person) })
	b.Run("strokes", func(b *testing.B) {
		longLog(b, func(t uint64) bots.PlayerInput {
			mouse := t
			if t%90 >= 30 { // at rest: the mouse stays where the last stroke left it
				mouse = t - t%90 + 29
			}
			in := person(mouse)
			phase := t / 37
			in.Forward, in.Back, in.Left, in.Right = phase%3 != 2, phase%3 == 2, phase%4 == 1, phase%5 == 3
			return in
		})
	})
}

func longLog(b *testing.B, person func(uint64) bots.PlayerInput) {
	m, err := match.Build(match.Default(), match.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m.World.Close()
	rep := &Replay{Header: NewHeader(m, "player")}
	rng := rand.New(rand.NewPCG(1, 2))
	var last bots.PlayerInput
	for t := uint64(1); t <= 20_000; t++ {
		if in := person(t); t == 1 || in != last {
			last = in
			rep.Inputs = append(rep.Inputs, Input{Tick: t, Source: SourcePlayer, Data: must(b, encodePlayer(in))})
		}
		if t%HashEvery == 0 {
			rep.Hashes = append(rep.Hashes, Hash{Tick: t, Hash: rng.Uint64()}) // hashes look random
		}
	}
	rep.End = Hash{Tick: 20_000, Hash: rng.Uint64()}
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, rep); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size), "file-bytes")
	b.ReportMetric(float64(len(rep.Inputs)), "inputs")
}

// BenchmarkSeek seeks a fresh Player (no parked Sim: the worst case, a re-simulation from tick 0) to the last
// tick of the default match, and to a random tick.
func BenchmarkSeek(b *testing.B) {
	rep := recordMatch(b)
	for _, tc := range []struct {
		name string
		tick func(r *rand.Rand) uint64
	}{
		{"end", func(*rand.Rand) uint64 { return rep.End.Tick }},
		{"random", func(r *rand.Rand) uint64 { return r.Uint64N(rep.End.Tick + 1) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := rand.New(rand.NewPCG(3, 4))
			for b.Loop() {
				b.StopTimer()
				p, err := NewPlayer(rep, nil)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := p.Seek(tc.tick(r)); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				p.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkStepBack steps back one tick from the last tick of the default match: "cold" with no parked Sim
// before it (a re-simulation from tick 0, the worst case), "warm" after Work has kept its spare Sim behind the
// current tick, as the viewer does between frames.
func BenchmarkStepBack(b *testing.B) {
	rep := recordMatch(b)
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				p, err := NewPlayer(rep, nil)
				if err != nil {
					b.Fatal(err)
				}
				if err := p.Seek(rep.End.Tick); err != nil {
					b.Fatal(err)
				}
				if warm {
					if err := p.workSpare(time.Now().Add(time.Second)); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if err := p.StepBack(); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				p.Close()
				b.StartTimer()
			}
		})
	}
}
