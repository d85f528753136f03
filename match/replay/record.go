package replay

import (
	"encoding/json"
	"fmt"

	"stackarena/bots"
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
	player  playerData
	started bool // an input of the player's was recorded
	err     error
}

// NewRecorder starts recording m, which must be freshly built (not stepped yet); player names its
// person-driven bot ("" for none), whose controls are recorded with [Recorder.Player].
func NewRecorder(m *match.Match, player string) *Recorder {
	return &Recorder{rep: Replay{Header: NewHeader(m, player)}, w: m.World}
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
	if n := len(r.rep.Inputs); n > 0 && r.rep.Inputs[n-1].Tick > tick {
		r.fail(fmt.Errorf("recording %s's input at tick %d: after an input of tick %d", source, tick, r.rep.Inputs[n-1].Tick))
		return
	}
	r.rep.Inputs = append(r.rep.Inputs, Input{Tick: tick, Source: source, Data: raw})
}

// Player records the person's controls for the next Step when they differ from the last recorded ones. Call it
// between Steps, after the controls are set and only while the player's bot lives (a dead bot's controls
// change nothing). Keep the aim in whole units (the window rounds it): it keeps the log small.
func (r *Recorder) Player(in bots.PlayerInput) {
	d := encodePlayer(in)
	if r.started && samePlayer(d, r.player) {
		return
	}
	r.started, r.player = true, d
	r.Input(r.w.Tick()+1, SourcePlayer, d)
}

func samePlayer(a, b playerData) bool {
	if (a.Aim == nil) != (b.Aim == nil) || a.Aim != nil && *a.Aim != *b.Aim {
		return false
	}
	return a.Keys == b.Keys && a.Fire == b.Fire && a.Power == b.Power
}

// Reload records that the .star file (as named in the match's bots) was reloaded with src, between Steps.
func (r *Recorder) Reload(file string, src []byte) {
	r.Input(r.w.Tick()+1, SourceReload, reloadData{File: file, Source: string(src)})
}

// Stepped notes the World's state after a Step: its hash, every HashEvery ticks. O(1), or O(actors) for a hash.
func (r *Recorder) Stepped() {
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
	rep := r.rep
	t := r.w.Tick()
	n := len(r.rep.Inputs)
	for n > 0 && r.rep.Inputs[n-1].Tick > t {
		n--
	}
	rep.Inputs = append([]Input(nil), r.rep.Inputs[:n]...)
	rep.Hashes = append([]Hash(nil), r.rep.Hashes...)
	rep.Scripts = append([]Script(nil), r.rep.Scripts...)
	rep.End = Hash{Tick: r.w.Tick(), Hash: r.w.Hash()}
	return &rep
}
