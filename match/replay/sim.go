package replay

import (
	"errors"
	"fmt"
	"slices"

	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match"
)

// RulesError is NewSim's refusal of a replay recorded under other rules: re-simulating it would diverge.
type RulesError struct {
	Replay, Engine int // the replay's rules version, and this engine's
}

// Error says both versions, in one line.
func (e *RulesError) Error() string {
	return fmt.Sprintf("the replay was recorded under rules version %d and this engine plays version %d: it would not replay the same match", e.Replay, e.Engine)
}

// Mismatch is a Sim's report of a state hash that differs from the one the replay stored: the re-simulated
// match is not the recorded one from that tick on (a tampered replay, or a non-deterministic engine).
type Mismatch struct {
	Tick        uint64 // the first tick whose hash differs
	Want, Got   uint64 // the stored hash and the re-simulated one
	EndedAt     uint64 // when not 0: the re-simulated match ended at this tick, before Tick
	WantEndTick uint64 // the replay's last tick
}

// Error names the tick and both hashes (or where the re-simulated match ended), in one line.
func (e *Mismatch) Error() string {
	if e.EndedAt != 0 {
		return fmt.Sprintf("tick %d: the re-simulated match ended at tick %d, but the replay goes on to tick %d (stored hash %016x)", e.Tick, e.EndedAt, e.WantEndTick, e.Want)
	}
	return fmt.Sprintf("tick %d: state hash %016x, but the replay stored %016x", e.Tick, e.Got, e.Want)
}

// Sim re-simulates a replay: it builds the recorded match from the replay alone (no file is read) and steps it,
// applying each recorded input just before the Step of its tick, and comparing the state hash with the
// replay's at every stored tick.
//
// Use a Sim on one goroutine: it creates the World's tasklets, and the goroutine that steps it must be the one
// that built it (with Ebitengine: Update). Cost per tick: the World's Step, plus the inputs of the tick, plus an
// O(actors) hash at each stored tick.
type Sim struct {
	rep      *Replay
	m        *match.Match
	pin      bots.PlayerInput // what the player's bot reads during each Step
	next     int              // the next input of rep.Inputs to apply
	nextHash int              // the next hash of rep.Hashes to check
	bad      *Mismatch        // the first mismatch found, kept
}

// NewSim builds the match of rep at tick 0. It fails with a *RulesError for a replay of other rules, and with
// match.Build's error, or a source's Open error, for a match that does not build. Its scripts run on the
// World's goroutine (one shard); NewSimCores chooses.
func NewSim(rep *Replay) (*Sim, error) { return NewSimCores(rep, 1) }

// NewSimCores is NewSim with the scripts spread over cores shards (match.Options.Cores). A replay plays the
// same match on any number of shards, whatever number it was recorded with (a replay does not record it),
// remote bots included.
func NewSimCores(rep *Replay, cores int) (*Sim, error) {
	if rep.Rules != engine.RulesVersion {
		return nil, &RulesError{Replay: rep.Rules, Engine: engine.RulesVersion}
	}
	if err := rep.prepare(); err != nil {
		return nil, err
	}
	s := &Sim{rep: rep}
	opt := rep.BuildOptions(func() match.ExtraBot {
		return match.ExtraBot{Name: rep.Player, Script: bots.Player(&s.pin)}
	})
	if err := rep.remoteOptions(&opt); err != nil {
		return nil, err
	}
	opt.Cores = cores
	m, err := match.Build(rep.Match, opt)
	if err != nil {
		return nil, err
	}
	s.m = m
	if err := s.openSources(); err != nil {
		m.World.Close()
		return nil, err
	}
	return s, nil
}

// openSources hands each registered source with an Open its inputs, in the order of the sources' names.
func (s *Sim) openSources() error {
	var names []string
	for _, in := range s.rep.Inputs {
		if !slices.Contains(names, in.Source) {
			names = append(names, in.Source)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		src, ok := lookupSource(name)
		if !ok {
			return fmt.Errorf("the replay has inputs from %q, an input source this build does not know", name)
		}
		if src.Open == nil {
			continue
		}
		var ins []Input
		for _, in := range s.rep.Inputs {
			if in.Source == name {
				ins = append(ins, in)
			}
		}
		if err := src.Open(s, ins); err != nil {
			return fmt.Errorf("input source %s: %w", name, err)
		}
	}
	return nil
}

// Match is the match being re-simulated: read its World between Steps.
func (s *Sim) Match() *match.Match { return s.m }

// World is the World being re-simulated.
func (s *Sim) World() *engine.World { return s.m.World }

// Replay is the replay the Sim plays.
func (s *Sim) Replay() *Replay { return s.rep }

// PlayerInput is what the player's bot reads during each Step: after a take-over, the live controls write it.
func (s *Sim) PlayerInput() *bots.PlayerInput { return &s.pin }

// Tick is the World's tick.
func (s *Sim) Tick() uint64 { return s.m.World.Tick() }

// Done reports whether the Sim reached the replay's last tick (or the match is over).
func (s *Sim) Done() bool { return s.m.World.Tick() >= s.rep.End.Tick || s.m.World.Over() }

// Step applies the inputs of the next tick and steps the World, then checks its hash if the replay stored one
// for that tick. It returns the World's error, an input's error (a bad input is the replay's fault: the error
// names its tick and source), or a *Mismatch, which is kept: the Sim can go on, and Mismatch returns the first.
// Stepping a Sim that is Done does nothing.
func (s *Sim) Step() error {
	w := s.m.World
	if w.Tick() >= s.rep.End.Tick {
		return nil
	}
	if w.Over() {
		return s.endedEarly()
	}
	t := w.Tick() + 1
	for ; s.next < len(s.rep.Inputs) && s.rep.Inputs[s.next].Tick <= t; s.next++ {
		switch p := s.rep.plan[s.next]; {
		case p.pin != nil:
			s.pin = *p.pin
		case p.apply != nil:
			if err := p.apply(s, s.rep.Inputs[s.next]); err != nil {
				in := s.rep.Inputs[s.next]
				return fmt.Errorf("input %d (tick %d, %s): %w", s.next+1, in.Tick, in.Source, err)
			}
		}
	}
	if err := w.Step(); err != nil {
		return err
	}
	return s.check()
}

// endedEarly is the mismatch of a match that is over before the replay's end.
func (s *Sim) endedEarly() error {
	want := s.rep.End
	if s.nextHash < len(s.rep.Hashes) {
		want = s.rep.Hashes[s.nextHash]
	}
	return s.mismatch(&Mismatch{Tick: want.Tick, Want: want.Hash, EndedAt: s.m.World.Tick(), WantEndTick: s.rep.End.Tick})
}

func (s *Sim) check() error {
	t := s.m.World.Tick()
	for s.nextHash < len(s.rep.Hashes) && s.rep.Hashes[s.nextHash].Tick < t {
		s.nextHash++
	}
	want, ok := Hash{}, false
	if s.nextHash < len(s.rep.Hashes) && s.rep.Hashes[s.nextHash].Tick == t {
		want, ok = s.rep.Hashes[s.nextHash], true
		s.nextHash++
	} else if t == s.rep.End.Tick {
		want, ok = s.rep.End, true
	}
	if ok {
		if got := s.m.World.Hash(); got != want.Hash {
			return s.mismatch(&Mismatch{Tick: t, Want: want.Hash, Got: got})
		}
	}
	if t < s.rep.End.Tick && s.m.World.Over() {
		return s.endedEarly()
	}
	return nil
}

func (s *Sim) mismatch(m *Mismatch) error {
	if s.bad == nil {
		s.bad = m
	}
	return m
}

// Mismatch is the first hash mismatch the Sim met, or nil.
func (s *Sim) Mismatch() *Mismatch { return s.bad }

// Run steps the Sim to the replay's end (or until tick limit, when it is not 0). It stops at the first error,
// a *Mismatch included.
func (s *Sim) Run(limit uint64) error {
	for !s.Done() && (limit == 0 || s.Tick() < limit) {
		if err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

// Close ends the World's scripts (their goroutines end); the World stays readable.
func (s *Sim) Close() error { return s.m.World.Close() }

// Branch turns the Sim into a live match being recorded: the Recorder it returns starts with the replay's
// header (From set to say "from at tick T") and the inputs and hashes up to the Sim's tick, and records what
// follows. Stop stepping the Sim after Branch: step its World and feed the Recorder as for any live match
// (the player's bot reads PlayerInput).
func (s *Sim) Branch(from string) *Recorder {
	t := s.Tick()
	r := &Recorder{w: s.m.World}
	r.rep.Header = s.rep.Header
	r.rep.Scripts = append([]Script(nil), s.rep.Scripts...)
	r.rep.From = fmt.Sprintf("%s at tick %d", from, t)
	r.rep.Inputs = append([]Input(nil), s.rep.Inputs[:s.next]...)
	if n := len(r.rep.Inputs); n > 0 {
		r.last = r.rep.Inputs[n-1].Tick
	}
	r.recordVerdicts(s.m.Sandbox) // (the watchdog stays off: the Sandbox replays)
	for _, h := range s.rep.Hashes {
		if h.Tick <= t {
			r.rep.Hashes = append(r.rep.Hashes, h)
		}
	}
	if s.rep.Player != "" {
		r.started, r.player = true, s.pin
	}
	return r
}

// Trace re-simulates rep from tick 0 to its end and returns the state hash after every tick (index 0: tick 0),
// to find where two runs part, or to check a viewer's stepping against a straight run. It stops at the first
// error that is not a *Mismatch. Cost: the whole replay, plus a hash per tick. Call it on a goroutine that may
// create tasklets (not Ebitengine's main thread outside Update).
func Trace(rep *Replay) ([]uint64, error) {
	s, err := NewSim(rep)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	hs := []uint64{s.World().Hash()}
	for !s.Done() {
		var m *Mismatch
		if err := s.Step(); err != nil && !errors.As(err, &m) {
			return hs, err
		}
		hs = append(hs, s.World().Hash())
	}
	return hs, nil
}
