package replay

import (
	"encoding/json"
	"fmt"
	"math"

	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match"
)

// Recorder records a live match as it is played: build the match, make the Recorder, then call Input as inputs
// enter and Stepped after every Step. It keeps the replay in memory (the inputs, and a hash every HashEvery
// ticks); Replay returns it, ready for Write, at any time.
//
// Use it on the goroutine that steps the World. Cost per tick: Stepped is O(1), plus an O(actors) hash every
// HashEvery ticks; Input is one JSON encoding of the data.
type Recorder struct {
	rep     Replay
	w       *engine.World
	player  bots.PlayerInput // the last controls recorded
	started bool             // an input of the player's was recorded
	// players are the player's inputs, in chunks of playerChunk, merged into the log and encoded by Replay:
	// encoding them as they come, or growing one slice (copies, and the garbage collector's work), costs a
	// noticeable share of a small match's Steps.
	players  [][]pinAt
	last     uint64 // the tick of the last input recorded, of any source
	err      error
	sandbox  *star.Sandbox // the match's, whose watchdog's verdicts are logged (flushVerdicts)
	verdicts int           // how many of them are logged
}

// pinAt is a player's input as recorded.
type pinAt struct {
	tick uint64
	in   bots.PlayerInput
}

// playerChunk is how many player inputs a chunk holds (about 32 KB).
const playerChunk = 512

// NewRecorder starts recording m, which must be freshly built (not stepped yet); player names its
// person-driven bot ("" for none), whose controls are recorded with [Recorder.Player].
//
// It records the verdicts of m's .star watchdog (SourceVerdict) too, after each Step (Stepped): it takes over
// m.Sandbox's OnVerdict (and clears it).
func NewRecorder(m *match.Match, player string) *Recorder {
	r := &Recorder{rep: Replay{Header: NewHeader(m, player)}, w: m.World}
	r.recordVerdicts(m.Sandbox)
	return r
}

// Header is the header of the replay being recorded; the caller may set its From before Replay.
func (r *Recorder) Header() *Header { return &r.rep.Header }

// Input adds an input to the log: data (encoded as JSON) from source, first seen by the Step of tick (see the
// package doc). source must be registered for the replay to play ([Register]). An input that cannot be encoded
// or comes before the last one's tick is an error, kept for [Recorder.Err].
func (r *Recorder) Input(tick uint64, source string, data any) {
	raw, err := json.Marshal(data)
	if err != nil {
		r.fail(fmt.Errorf("recording %s's input at tick %d: %w", source, tick, err))
		return
	}
	if r.last > tick {
		r.fail(fmt.Errorf("recording %s's input at tick %d: after an input of tick %d", source, tick, r.last))
		return
	}
	r.last = tick
	r.rep.Inputs = append(r.rep.Inputs, Input{Tick: tick, Source: source, Data: raw})
}

// Player records the person's controls for the next Step when they differ from the last recorded ones. Call it
// between Steps, after the controls are set and only while the player's bot lives (a dead bot's controls
// change nothing). Keep the aim in whole units (the window rounds it): it keeps the log small.
func (r *Recorder) Player(in bots.PlayerInput) {
	if r.started && in == r.player {
		return
	}
	if math.IsNaN(in.AimX+in.AimY+in.Power) || math.IsInf(in.AimX+in.AimY+in.Power, 0) {
		r.fail(fmt.Errorf("recording the player's input at tick %d: aim %g,%g power %g: not finite", r.w.Tick()+1, in.AimX, in.AimY, in.Power))
		return
	}
	r.started, r.player = true, in
	if n := len(r.players); n == 0 || len(r.players[n-1]) == playerChunk {
		r.players = append(r.players, make([]pinAt, 0, playerChunk))
	}
	n := len(r.players) - 1
	r.last = r.w.Tick() + 1
	r.players[n] = append(r.players[n], pinAt{tick: r.last, in: in})
}

// Reload records that the .star file (as named in the match's bots) was reloaded with src, between Steps.
func (r *Recorder) Reload(file string, src []byte) {
	r.Input(r.w.Tick()+1, SourceReload, reloadData{File: file, Source: string(src)})
}

// Stepped notes the World's state after a Step: its hash, every HashEvery ticks. O(1), or O(actors) for a hash.
func (r *Recorder) Stepped() {
	r.flushVerdicts()
	t := r.w.Tick()
	if t%HashEvery == 0 && t > 0 && (len(r.rep.Hashes) == 0 || r.rep.Hashes[len(r.rep.Hashes)-1].Tick < t) {
		r.rep.Hashes = append(r.rep.Hashes, Hash{Tick: t, Hash: r.w.Hash()})
	}
}

// Err is the first error met while recording (an input that could not be recorded), or nil.
func (r *Recorder) Err() error { return r.err }

func (r *Recorder) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// Replay is the match recorded so far, ending at the World's current tick with its hash (inputs recorded for
// a Step that has not happened yet are left out). It shares nothing with the Recorder, which may go on.
// O(inputs) for the copy, plus one hash.
func (r *Recorder) Replay() *Replay {
	r.flushVerdicts()
	rep := r.rep
	t := r.w.Tick()
	// The log: the other sources' inputs and the player's, merged by tick (the player's first in a tick: inputs
	// of one tick from different sources change different things), up to the current tick.
	others := r.rep.Inputs
	rep.Inputs = make([]Input, 0, len(others)+len(r.players)*playerChunk)
	var buf []byte
	for _, chunk := range r.players {
		for _, p := range chunk {
			for len(others) > 0 && others[0].Tick < p.tick {
				rep.Inputs, others = append(rep.Inputs, others[0]), others[1:]
			}
			start := len(buf)
			buf = appendPlayer(buf, p.in)
			rep.Inputs = append(rep.Inputs, Input{Tick: p.tick, Source: SourcePlayer, Data: buf[start:len(buf):len(buf)]})
		}
	}
	rep.Inputs = append(rep.Inputs, others...)
	n := len(rep.Inputs)
	for n > 0 && rep.Inputs[n-1].Tick > t {
		n--
	}
	rep.Inputs = rep.Inputs[:n]
	rep.Hashes = append([]Hash(nil), r.rep.Hashes...)
	rep.Scripts = append([]Script(nil), r.rep.Scripts...)
	rep.End = Hash{Tick: r.w.Tick(), Hash: r.w.Hash()}
	return &rep
}
