package star

import (
	"fmt"
	"math"
	"strings"

	starlarkmath "go.starlark.net/lib/math"
	"go.starlark.net/starlark"

	"stackarena/engine"
)

// predeclared is what a bot script sees besides Starlark's universe (len, range, print, ...): nothing that
// reads a file, the network, the clock or the environment. The random builtins draw from the bot's own
// source (actors.Bot.Rand), so the same seed gives the same match.
var predeclared = func() starlark.StringDict {
	d := starlark.StringDict{
		"randrange":      starlark.NewBuiltin("randrange", randrange),
		"random":         starlark.NewBuiltin("random", random),
		"uniform":        starlark.NewBuiltin("uniform", uniform),
		"choice":         starlark.NewBuiltin("choice", choice),
		"bearing":        starlark.NewBuiltin("bearing", bearing),
		"distance":       starlark.NewBuiltin("distance", distance),
		"normalize_turn": starlark.NewBuiltin("normalize_turn", normalizeTurn),
		"math":           starlarkmath.Module,
	}
	for name, b := range metered {
		d[name] = b
	}
	d.Freeze()
	return d
}()

// unguardedPredeclared is predeclared with Starlark's own builtins in place of the metered ones: the
// benchmarks' baseline (Sandbox.unguarded).
var unguardedPredeclared = func() starlark.StringDict {
	d := starlark.StringDict{}
	for name, v := range predeclared {
		d[name] = v
		if _, ok := metered[name]; ok {
			if u, ok := starlark.Universe[name]; ok {
				d[name] = u
			}
		}
	}
	d.Freeze()
	return d
}()

// botOf is the bot whose script runs on thread.
func botOf(thread *starlark.Thread, b *starlark.Builtin) (*scriptBot, error) {
	s, ok := thread.Local(botKey).(*scriptBot)
	if !ok {
		return nil, fmt.Errorf("%s: only a bot's script may call it", b.Name())
	}
	return s, nil
}

// randrange(stop), randrange(start, stop[, step]) is Python's: a random int in range(start, stop, step).
func randrange(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	s, err := botOf(thread, b)
	if err != nil {
		return nil, err
	}
	var start, stop, step int64 = 0, 0, 1
	var x, y int64
	var hasY bool
	var yv starlark.Value = starlark.None
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 1, &x, &yv, &step); err != nil {
		return nil, err
	}
	if yv != starlark.None {
		if err := starlark.AsInt(yv, &y); err != nil {
			return nil, fmt.Errorf("%s: stop: %v", b.Name(), err)
		}
		hasY = true
	}
	if hasY {
		start, stop = x, y
	} else {
		stop = x
	}
	if step == 0 {
		return nil, fmt.Errorf("%s: step must not be 0", b.Name())
	}
	n := (stop - start + step - sign(step)) / step // the length of range(start, stop, step)
	if n <= 0 {
		return nil, fmt.Errorf("%s: empty range(%d, %d, %d)", b.Name(), start, stop, step)
	}
	return starlark.MakeInt64(start + step*s.bot.Rand().Int64N(n)), nil
}

func sign(x int64) int64 {
	if x < 0 {
		return -1
	}
	return 1
}

// random() is a random float in [0, 1).
func random(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	s, err := botOf(thread, b)
	if err != nil {
		return nil, err
	}
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 0); err != nil {
		return nil, err
	}
	return starlark.Float(s.bot.Rand().Float64()), nil
}

// uniform(a, b) is a random float between a and b.
func uniform(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	s, err := botOf(thread, b)
	if err != nil {
		return nil, err
	}
	var lo, hi number
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 2, &lo, &hi); err != nil {
		return nil, err
	}
	return starlark.Float(float64(lo) + float64(hi-lo)*s.bot.Rand().Float64()), nil
}

// choice(seq) is a random element of a non-empty sequence.
func choice(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	s, err := botOf(thread, b)
	if err != nil {
		return nil, err
	}
	var seq starlark.Indexable
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 1, &seq); err != nil {
		return nil, err
	}
	if seq.Len() == 0 {
		return nil, fmt.Errorf("%s: empty sequence", b.Name())
	}
	return seq.Index(s.bot.Rand().IntN(seq.Len())), nil
}

// bearing(x1, y1, x2, y2) is the heading in degrees, in [0, 360), from the first point toward the second, in
// the arena's convention (0 east, 90 south): what turn_to and target.bearing use.
func bearing(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	var x1, y1, x2, y2 number
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 4, &x1, &y1, &x2, &y2); err != nil {
		return nil, err
	}
	return starlark.Float(engine.Vec{X: float64(x1), Y: float64(y1)}.BearingTo(engine.Vec{X: float64(x2), Y: float64(y2)})), nil
}

// distance(x1, y1, x2, y2) is the distance between two points.
func distance(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	var x1, y1, x2, y2 number
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 4, &x1, &y1, &x2, &y2); err != nil {
		return nil, err
	}
	return starlark.Float(math.Hypot(float64(x2-x1), float64(y2-y1))), nil
}

// normalize_turn(degrees) maps an angle into (-180, 180]: the shortest turn to it.
func normalizeTurn(_ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	var deg number
	if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 1, &deg); err != nil {
		return nil, err
	}
	return starlark.Float(engine.NormalizeTurn(float64(deg))), nil
}

// record is a read-only value with named fields: what scan and events return.
type record struct {
	kind   string
	fields []string // shared by every record of the kind
	values []starlark.Value
}

var (
	targetFields = []string{"id", "name", "x", "y", "bearing", "distance", "energy", "heading", "speed"}
	eventFields  = []string{"kind", "tick", "bearing", "power", "other"}
	// eventKinds names engine.EventKind values as scripts compare them: "hit_by_bullet", ...
	eventKinds = func() []starlark.Value {
		var out []starlark.Value
		for k := engine.EventKind(0); k <= engine.BotDied; k++ {
			out = append(out, starlark.String(strings.ReplaceAll(k.String(), " ", "_")))
		}
		return out
	}()
)

func newTarget(t engine.Target) *record {
	return &record{kind: "target", fields: targetFields, values: []starlark.Value{
		starlark.MakeInt(t.ID), starlark.String(t.Name), starlark.Float(t.Pos.X), starlark.Float(t.Pos.Y),
		starlark.Float(t.Bearing), starlark.Float(t.Distance), starlark.Float(t.Energy),
		starlark.Float(t.Heading), starlark.Float(t.Speed),
	}}
}

func newEvent(e engine.Event) *record {
	kind := starlark.Value(starlark.String("unknown"))
	if int(e.Kind) < len(eventKinds) {
		kind = eventKinds[e.Kind]
	}
	return &record{kind: "event", fields: eventFields, values: []starlark.Value{
		kind, starlark.MakeUint64(e.Tick), starlark.Float(e.Bearing), starlark.Float(e.Power), starlark.MakeInt(e.Other),
	}}
}

// String is "target(id = 3, name = "spinbot", ...)".
func (r *record) String() string {
	var sb strings.Builder
	sb.WriteString(r.kind)
	sb.WriteByte('(')
	for i, f := range r.fields {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(f)
		sb.WriteString(" = ")
		sb.WriteString(r.values[i].String())
	}
	sb.WriteByte(')')
	return sb.String()
}

// Type is "target" or "event".
func (r *record) Type() string { return r.kind }

// Freeze does nothing: a record's fields are immutable values.
func (r *record) Freeze() {}

// Truth is True.
func (r *record) Truth() starlark.Bool { return starlark.True }

// Hash fails: records are not dict keys.
func (r *record) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: %s", r.kind) }

// Attr returns the field name.
func (r *record) Attr(name string) (starlark.Value, error) {
	for i, f := range r.fields {
		if f == name {
			return r.values[i], nil
		}
	}
	return nil, nil
}

// AttrNames lists the fields.
func (r *record) AttrNames() []string { return r.fields }
