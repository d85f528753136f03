package remote

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"stackarena/engine"
)

// Version is the protocol's version. A join that asks for another one is refused with an error naming this one.
const Version = 1

// Limits on what a peer may send. They bound the memory and time one peer can cost the server.
const (
	// MaxMessage is the longest message in bytes, newline included; a longer one is refused and skipped.
	MaxMessage = 4096
	// MaxName is the longest bot name in bytes.
	MaxName = 32
	// MaxText is the longest text of a say command in bytes.
	MaxText = 200
	// MaxInstant is how many commands may start in one tick: instant ones (set_speed, fire, say, rand, ...)
	// and actions that end at once (wait_gun with a cold gun); one more waits for the next tick before it runs.
	MaxInstant = 16
	// MaxAhead is how many commands a bot may send before the ones already sent are answered; more is garbage.
	MaxAhead = 4
	// MaxGarbage is how many malformed or refused messages a peer may send in all before it is disconnected.
	MaxGarbage = 8
	// maxArg bounds distances, angles and tick counts: beyond it an action would outlast any match.
	maxArg = 1e6
)

// Join is the first message a peer sends: {"type":"join","version":1,"name":"squarebot","token":"..."}.
type Join struct {
	Type    string `json:"type"`
	Version int    `json:"version"`
	Name    string `json:"name"`
	Token   string `json:"token,omitempty"`
}

// Command is every later message: one call of the bot API, answered by a Result when its action ends. ID, if
// set, is echoed in the answer. Which argument fields a command takes is listed in commands.
type Command struct {
	ID       int64    `json:"id,omitempty"`
	Cmd      string   `json:"cmd"`
	Distance *float64 `json:"distance,omitempty"`
	Degrees  *float64 `json:"degrees,omitempty"`
	Heading  *float64 `json:"heading,omitempty"`
	X        *float64 `json:"x,omitempty"`
	Y        *float64 `json:"y,omitempty"`
	Power    *float64 `json:"power,omitempty"`
	Speed    *float64 `json:"speed,omitempty"`
	Ticks    *int     `json:"ticks,omitempty"`
	N        *int64   `json:"n,omitempty"`
	Text     *string  `json:"text,omitempty"`
}

// An argument a command takes, with its range.
type arg struct {
	name     string
	required bool
	min, max float64
}

// commands lists every command, its arguments and whether it is instant (answered in the tick it runs, taking
// no game time). The others end with the action: forward returns when the move is over, shoot after one tick.
var commands = map[string]struct {
	args    []arg
	instant bool
}{
	"forward":      {args: []arg{{"distance", true, -maxArg, maxArg}}},
	"back":         {args: []arg{{"distance", true, -maxArg, maxArg}}},
	"turn":         {args: []arg{{"degrees", true, -maxArg, maxArg}}},
	"turn_to":      {args: []arg{{"heading", true, -maxArg, maxArg}}},
	"turn_gun":     {args: []arg{{"degrees", true, -maxArg, maxArg}}},
	"aim_at":       {args: []arg{{"x", true, -maxArg, maxArg}, {"y", true, -maxArg, maxArg}}},
	"shoot":        {args: []arg{{"power", false, engine.MinPower, engine.MaxPower}}},
	"wait_gun":     {},
	"scan":         {},
	"wait":         {args: []arg{{"ticks", true, 0, maxArg}}},
	"yield":        {},
	"set_speed":    {args: []arg{{"speed", true, -engine.MaxSpeed, engine.MaxSpeed}}, instant: true},
	"set_turn":     {args: []arg{{"degrees", true, -maxArg, maxArg}}, instant: true},
	"set_gun_turn": {args: []arg{{"degrees", true, -maxArg, maxArg}}, instant: true},
	"fire":         {args: []arg{{"power", true, engine.MinPower, engine.MaxPower}}, instant: true},
	"say":          {args: []arg{{"text", true, 0, MaxText}}, instant: true},
	"rand":         {args: []arg{{"n", false, 0, math.MaxInt32}}, instant: true},
	"state":        {instant: true},
}

// value returns the named argument of c as a number (a text's length for text) and whether it was given.
func (c *Command) value(name string) (float64, bool) {
	switch name {
	case "distance":
		return deref(c.Distance)
	case "degrees":
		return deref(c.Degrees)
	case "heading":
		return deref(c.Heading)
	case "x":
		return deref(c.X)
	case "y":
		return deref(c.Y)
	case "power":
		return deref(c.Power)
	case "speed":
		return deref(c.Speed)
	case "ticks":
		if c.Ticks == nil {
			return 0, false
		}
		return float64(*c.Ticks), true
	case "n":
		if c.N == nil {
			return 0, false
		}
		return float64(*c.N), true
	case "text":
		if c.Text == nil {
			return 0, false
		}
		return float64(len(*c.Text)), true
	}
	return 0, false
}

func deref(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// argNames are every argument field, to tell a command's unexpected ones.
var argNames = []string{"distance", "degrees", "heading", "x", "y", "power", "speed", "ticks", "n", "text"}

// decodeStrict decodes exactly one JSON object from line into v, refusing unknown fields and trailing data.
func decodeStrict(line []byte, v any) error {
	line = bytes.TrimRight(line, "\r\n")
	if len(line) == 0 {
		return errors.New("empty message")
	}
	if len(line) >= MaxMessage {
		return fmt.Errorf("message longer than %d bytes", MaxMessage)
	}
	if !utf8.Valid(line) {
		return errors.New("message is not UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("bad JSON: %v", err)
	}
	if dec.More() {
		return errors.New("bad JSON: more than one value on the line")
	}
	return nil
}

// DecodeJoin reads a join message. It returns a one-line error for anything else: bad JSON, unknown fields, a
// wrong type or version, a missing, overlong or odd name. It never panics, whatever line holds.
func DecodeJoin(line []byte) (Join, error) {
	var j Join
	if err := decodeStrict(line, &j); err != nil {
		return Join{}, err
	}
	if j.Type != "join" {
		return Join{}, fmt.Errorf(`the first message must be {"type":"join",...}, not type %q`, j.Type)
	}
	if j.Version != Version {
		return Join{}, fmt.Errorf("protocol version %d: this server speaks version %d", j.Version, Version)
	}
	if j.Name == "" || len(j.Name) > MaxName {
		return Join{}, fmt.Errorf("name must be 1 to %d bytes", MaxName)
	}
	for _, r := range j.Name {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return Join{}, fmt.Errorf("name %q: use letters, digits, '-', '_' and '.'", j.Name)
		}
	}
	return j, nil
}

// DecodeCommand reads a command and checks its arguments: every required one given, none that the command does
// not take, each in range. It returns a one-line error otherwise, and never panics, whatever line holds.
func DecodeCommand(line []byte) (Command, error) {
	var c Command
	if err := decodeStrict(line, &c); err != nil {
		return Command{}, err
	}
	spec, ok := commands[c.Cmd]
	if !ok {
		return Command{}, fmt.Errorf("unknown command %q", c.Cmd)
	}
	for _, name := range argNames {
		v, given := c.value(name)
		i := -1
		for k, a := range spec.args {
			if a.name == name {
				i = k
			}
		}
		switch {
		case i < 0 && given:
			return Command{}, fmt.Errorf("%s takes no %q", c.Cmd, name)
		case i < 0:
		case !given && spec.args[i].required:
			return Command{}, fmt.Errorf("%s needs %q", c.Cmd, name)
		case given && !(v >= spec.args[i].min && v <= spec.args[i].max):
			return Command{}, fmt.Errorf("%s: %q is %v, must be between %v and %v", c.Cmd, name, v, spec.args[i].min, spec.args[i].max)
		}
	}
	return c, nil
}

// Instant reports whether the command takes no game time.
func (c Command) Instant() bool { return commands[c.Cmd].instant }

// Messages from the server. Every one has a type; floats are exact (shortest round-trip form).

// State is the bot's state after an action, so that clients read it without asking.
type State struct {
	Tick       uint64  `json:"tick"`
	X          float64 `json:"x"`
	Y          float64 `json:"y"`
	Heading    float64 `json:"heading"`
	GunHeading float64 `json:"gun_heading"`
	Speed      float64 `json:"speed"`
	Energy     float64 `json:"energy"`
	GunHeat    float64 `json:"gun_heat"`
	Others     int     `json:"others"`
}

// Welcome starts the match for a bot: its ID and name in the match, the arena, and its state.
type Welcome struct {
	Type        string  `json:"type"` // "welcome"
	Version     int     `json:"version"`
	ID          int     `json:"id"`
	Name        string  `json:"name"`
	Width       float64 `json:"width"`
	Height      float64 `json:"height"`
	MaxTicks    uint64  `json:"max_ticks"`
	TurnTimeout int64   `json:"turn_timeout_ms"` // 0: the match waits for every command
	State       State   `json:"state"`
}

// EventJSON is one event: kind is "hit by bullet", "hit wall", "hit bot", "bullet hit", "bullet missed", "bot
// died" or "skipped turn" (the bot's command came too late: it idled Ticks ticks).
type EventJSON struct {
	Kind    string  `json:"kind"`
	Tick    uint64  `json:"tick"`
	Bearing float64 `json:"bearing,omitempty"`
	Power   float64 `json:"power,omitempty"`
	Other   int     `json:"other,omitempty"`
	Ticks   uint64  `json:"ticks,omitempty"`
}

// TargetJSON is a bot seen by scan.
type TargetJSON struct {
	ID       int     `json:"id"`
	Name     string  `json:"name"`
	X        float64 `json:"x"`
	Y        float64 `json:"y"`
	Bearing  float64 `json:"bearing"`
	Distance float64 `json:"distance"`
	Energy   float64 `json:"energy"`
	Heading  float64 `json:"heading"`
	Speed    float64 `json:"speed"`
}

// Result answers a command when its action ends: shoot and fire say whether they fired, scan what it saw, rand
// its number (u64 holds a full 64-bit draw, as a decimal string, when n was 0 or absent); events lists what
// happened to the bot since its previous answer, oldest first.
type Result struct {
	Type   string      `json:"type"` // "result"
	ID     int64       `json:"id,omitempty"`
	Cmd    string      `json:"cmd"`
	Fired  *bool       `json:"fired,omitempty"`
	Found  *bool       `json:"found,omitempty"`
	Target *TargetJSON `json:"target,omitempty"`
	Value  *int64      `json:"value,omitempty"`
	U64    string      `json:"u64,omitempty"`
	Events []EventJSON `json:"events"`
	State  State       `json:"state"`
}

// Error answers a message the server refused; the peer may go on (up to MaxGarbage of them).
type Error struct {
	Type  string `json:"type"` // "error"
	ID    int64  `json:"id,omitempty"`
	Error string `json:"error"`
}

// End is the last message: the match is over, or the bot died ("dead") or was dropped; the server then closes
// the connection.
type End struct {
	Type   string `json:"type"`   // "end"
	Reason string `json:"reason"` // "match over", "dead: <cause>", "disconnected: <why>"
	Tick   uint64 `json:"tick"`
	Winner string `json:"winner,omitempty"`
	Alive  bool   `json:"alive"`
}

// encode marshals a server message as one line.
func encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil { // only floats can fail, and the World's are finite
		b, _ = json.Marshal(Error{Type: "error", Error: "internal: " + err.Error()})
	}
	return append(b, '\n')
}

func eventsJSON(evs []engine.Event, skipped uint64, tick uint64) []EventJSON {
	out := make([]EventJSON, 0, len(evs)+1)
	if skipped > 0 {
		out = append(out, EventJSON{Kind: "skipped turn", Tick: tick, Ticks: skipped})
	}
	for _, e := range evs {
		out = append(out, EventJSON{Kind: e.Kind.String(), Tick: e.Tick, Bearing: e.Bearing, Power: e.Power, Other: e.Other})
	}
	return out
}
