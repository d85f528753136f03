package replay

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match"
)

// Format is the value of the header's "format" field: what tells a replay from any other JSON lines.
const Format = "stackarena-replay"

// Version is the version of the file format this package writes and reads. It changes when the layout of the
// file changes; engine.RulesVersion changes when the rules do.
const Version = 1

// HashEvery is how often a recording stores the state hash, in ticks (plus one at the end).
const HashEvery = 100

// Replay is a recorded match: everything needed to play it again, and the hashes that prove it was.
type Replay struct {
	Header
	// Inputs is the input log, in the order the inputs entered (by tick, non-decreasing).
	Inputs []Input
	// Hashes are the state hashes after every HashEvery-th tick, by increasing tick.
	Hashes []Hash
	// End is the last tick recorded and its hash.
	End Hash

	plan []planned // Inputs decoded once for every Sim of this replay (see NewSim); nil until then
}

// planned is an input made ready to apply: a player's controls decoded, or the source's Apply.
type planned struct {
	pin   *bots.PlayerInput
	apply func(*Sim, Input) error
}

// prepare decodes the inputs once, for every Sim: decoding them at every Step of every seek would cost more
// than the Steps. A bad input is an error naming its tick.
func (r *Replay) prepare() error {
	if r.plan != nil || len(r.Inputs) == 0 {
		return nil
	}
	plan := make([]planned, len(r.Inputs))
	for i, in := range r.Inputs {
		if in.Source == SourcePlayer {
			pin, err := decodePlayer(in.Data)
			if err != nil {
				return fmt.Errorf("input %d (tick %d, %s): %w", i+1, in.Tick, in.Source, err)
			}
			plan[i].pin = &pin
			continue
		}
		src, ok := lookupSource(in.Source)
		if !ok {
			return fmt.Errorf("the replay has inputs from %q, an input source this build does not know", in.Source)
		}
		plan[i].apply = src.Apply
	}
	r.plan = plan
	return nil
}

// Header is the first line of a replay file: what the match was.
type Header struct {
	Format  string `json:"format"`  // always Format
	Version int    `json:"version"` // the file format's Version
	Rules   int    `json:"rules"`   // engine.RulesVersion of the engine that played the match
	// Match is the match description, seed included.
	Match match.Config `json:"match"`
	// Player names the bot a person drove, added after the configured ones (the desktop's tank); "" for none.
	Player string `json:"player,omitempty"`
	// Scripts holds the source of every .star script of Match.Bots, by the name given there, in that order.
	Scripts []Script `json:"scripts,omitempty"`
	// Remote names the remote bots (bots/remote), in join order, added after the player's bot; their commands
	// are the "net" inputs.
	Remote []string `json:"remote,omitempty"`
	// From says where the match was taken over from, when it is a branch of another replay ("" otherwise).
	From string `json:"from,omitempty"`
}

// Script is a .star bot's source as the match compiled it.
type Script struct {
	Name   string `json:"name"`
	Source string `json:"source"`
}

// Input is one entry of the input log: Data from Source, seen first by the Step of Tick.
type Input struct {
	Tick   uint64          `json:"t"`
	Source string          `json:"s"`
	Data   json.RawMessage `json:"d"`
}

// Hash is a tick's state hash (engine.World.Hash).
type Hash struct {
	Tick uint64
	Hash uint64
}

// String is the hash as the files and reports show it: 16 hex digits.
func (h Hash) String() string { return fmt.Sprintf("%016x", h.Hash) }

// sources maps the Header's scripts by name, for match.Options.Sources.
func (h *Header) sources() map[string][]byte {
	m := make(map[string][]byte, len(h.Scripts))
	for _, s := range h.Scripts {
		m[s.Name] = []byte(s.Source)
	}
	return m
}

// scriptsOf lists m's .star sources in the order of its config's bots.
func scriptsOf(m *match.Match) []Script {
	var out []Script
	for _, spec := range m.Config.Bots {
		src, ok := m.Sources[spec.Name]
		if !ok || slices.ContainsFunc(out, func(s Script) bool { return s.Name == spec.Name }) {
			continue
		}
		out = append(out, Script{Name: spec.Name, Source: string(src)})
	}
	return out
}

// NewHeader describes the match m, just built and not stepped yet; player names its person-driven bot ("" for
// none).
func NewHeader(m *match.Match, player string) Header {
	return Header{Format: Format, Version: Version, Rules: engine.RulesVersion, Match: m.Config, Player: player,
		Scripts: scriptsOf(m)}
}

// BuildOptions are the match.Options that rebuild the match h describes, given the script of its player's bot
// (nil when it has none). Its .star scripts run in a Sandbox that replays the watchdog's verdicts (none until
// a Sim hands it the log's, SourceVerdict) instead of watching: a verdict depends on the machine.
func (h *Header) BuildOptions(player func() match.ExtraBot) match.Options {
	opt := match.Options{Sources: h.sources(), Sandbox: replaySandbox()}
	if h.Player != "" && player != nil {
		opt.Extra = []match.ExtraBot{player()}
	}
	return opt
}

// hexHash reads a hash as the files write it.
func hexHash(s string) (uint64, error) {
	if len(s) != 16 {
		return 0, fmt.Errorf("hash %q: want 16 hex digits", s)
	}
	return strconv.ParseUint(s, 16, 64)
}
