package star

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"stackarena/actors"
)

// scriptBot is the `bot` value a script's entry point receives: its methods call the Go bot API (actors.Bot)
// on the script's own tasklet, so a blocking action parks the tasklet, interpreter frames and all.
type scriptBot struct {
	bot    *actors.Bot
	sb     *Sandbox
	p      *program
	thread *starlark.Thread
	// budgetTick is the tick whose step budget the script is spending; limit is the step count at which that
	// budget runs out.
	budgetTick uint64
	limit      uint64
	// overBudget is set when the script ran out of steps, so that its error says so; cutAt is the step at
	// which it is stopped at the latest.
	overBudget bool
	cutAt      uint64
	// failure, when set, is the message of the error a guard stopped the script with (too deep, too much
	// memory, a watchdog verdict).
	failure string

	guardState
	// bound caches the bot's methods bound to it, each made on first use, so that calling a method allocates
	// nothing; indexed like methods.
	bound []*starlark.Builtin
}

// A botMethod implements bot.name(...): s is the receiver, b the builtin (for its name in errors).
type botMethod struct {
	name string
	// blocking is set for the actions that may park the script until a later tick: its turn ends there.
	blocking bool
	fn       func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error)
}

// methods is the script API, in the order dir(bot) lists it: the actions that take game time first, then the
// ones that set intents for the coming tick, then the readers.
var coreMethods = [...]botMethod{
	// Actions: they block the script for game time, like the Go API's.
	{"forward", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		d, err := float1(b, args, kw, "distance", actors.Distance)
		if err != nil {
			return nil, err
		}
		s.bot.Forward(d)
		return s.ticked(th, starlark.None)
	}},
	{"back", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		d, err := float1(b, args, kw, "distance", actors.Distance)
		if err != nil {
			return nil, err
		}
		s.bot.Back(d)
		return s.ticked(th, starlark.None)
	}},
	{"turn", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		deg, err := float1(b, args, kw, "degrees", actors.Angle)
		if err != nil {
			return nil, err
		}
		s.bot.Turn(deg)
		return s.ticked(th, starlark.None)
	}},
	{"turn_to", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		h, err := float1(b, args, kw, "heading", actors.Angle)
		if err != nil {
			return nil, err
		}
		s.bot.TurnTo(h)
		return s.ticked(th, starlark.None)
	}},
	{"turn_gun", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		deg, err := float1(b, args, kw, "degrees", actors.Angle)
		if err != nil {
			return nil, err
		}
		s.bot.TurnGun(deg)
		return s.ticked(th, starlark.None)
	}},
	{"aim_at", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		x, y, err := float2(b, args, kw, "x", "y", actors.Coordinate)
		if err != nil {
			return nil, err
		}
		s.bot.AimAt(x, y)
		return s.ticked(th, starlark.None)
	}},
	{"shoot", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		power, err := power(b, args, kw)
		if err != nil {
			return nil, err
		}
		return s.ticked(th, starlark.Bool(s.bot.ShootPower(power)))
	}},
	{"wait_gun", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 0); err != nil {
			return nil, err
		}
		s.bot.WaitGun()
		return s.ticked(th, starlark.None)
	}},
	{"scan", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 0); err != nil {
			return nil, err
		}
		t, ok := s.bot.Scan()
		if !ok {
			return s.ticked(th, starlark.None)
		}
		return s.ticked(th, newTarget(t))
	}},
	{"wait", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		var ticks int
		if err := starlark.UnpackPositionalArgs(b.Name(), args, kw, 1, &ticks); err != nil {
			return nil, err
		}
		if err := actors.CheckArg(b.Name(), "ticks", actors.Ticks, float64(ticks)); err != nil {
			return nil, err
		}
		s.bot.Wait(ticks)
		return s.ticked(th, starlark.None)
	}},
	{"tick", true, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if len(args) > 0 || len(kw) > 0 {
			return nil, fmt.Errorf("%s: got %d arguments, want none", b.Name(), len(args)+len(kw))
		}
		s.bot.Yield()
		return s.ticked(th, starlark.None)
	}},

	// Intents: they take effect in the coming tick and return at once.
	{"set_speed", false, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		v, err := float1(b, args, kw, "speed", actors.Speed)
		if err != nil {
			return nil, err
		}
		s.bot.SetSpeed(v)
		return starlark.None, nil
	}},
	{"set_turn", false, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		deg, err := float1(b, args, kw, "degrees", actors.Angle)
		if err != nil {
			return nil, err
		}
		s.bot.SetTurn(deg)
		return starlark.None, nil
	}},
	{"set_gun_turn", false, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		deg, err := float1(b, args, kw, "degrees", actors.Angle)
		if err != nil {
			return nil, err
		}
		s.bot.SetGunTurn(deg)
		return starlark.None, nil
	}},
	{"fire", false, func(s *scriptBot, th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		power, err := power(b, args, kw)
		if err != nil {
			return nil, err
		}
		return starlark.Bool(s.bot.Fire(power)), nil
	}},

	// Readers.
	{"position", false, reader(func(bot *actors.Bot) starlark.Value {
		x, y := bot.Position()
		return starlark.Tuple{starlark.Float(x), starlark.Float(y)}
	})},
	{"heading", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.Float(bot.Heading()) })},
	{"gun_heading", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.Float(bot.GunHeading()) })},
	{"energy", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.Float(bot.Energy()) })},
	{"speed", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.Float(bot.Speed()) })},
	{"gun_heat", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.Float(bot.GunHeat()) })},
	{"tick_count", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.MakeUint64(bot.Tick()) })},
	{"arena", false, reader(func(bot *actors.Bot) starlark.Value {
		w, h := bot.Arena()
		return starlark.Tuple{starlark.Float(w), starlark.Float(h)}
	})},
	{"others", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.MakeInt(bot.Others()) })},
	{"name", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.String(bot.Name()) })},
	{"id", false, reader(func(bot *actors.Bot) starlark.Value { return starlark.MakeInt(bot.ID()) })},
	{"events", false, reader(func(bot *actors.Bot) starlark.Value {
		evs := bot.Events()
		list := make([]starlark.Value, len(evs))
		for i, e := range evs {
			list[i] = newEvent(e)
		}
		return starlark.NewList(list)
	})},

	// The console.
	{"say", false, say},
	{"log", false, say},
}

// methods is the whole script API: the core's, then debug drawing's (draw.go).
var methods = append(coreMethods[:], drawMethods...)

// methodIndex finds a method by name.
var methodIndex = func() map[string]int {
	m := make(map[string]int, len(methods))
	for i, bm := range methods {
		m[bm.name] = i
	}
	return m
}()

// unbound holds one builtin per method; a bot binds them to itself on first use.
var unbound = func() []*starlark.Builtin {
	out := make([]*starlark.Builtin, len(methods))
	for i, bm := range methods {
		fn := bm.fn
		if !bm.blocking {
			out[i] = starlark.NewBuiltin(bm.name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
				return fn(b.Receiver().(*scriptBot), th, b, args, kw)
			})
			continue
		}
		out[i] = starlark.NewBuiltin(bm.name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
			s := b.Receiver().(*scriptBot)
			if s.sb.unguarded {
				return fn(s, th, b, args, kw)
			}
			if err := s.beforeAction(); err != nil {
				return nil, err
			}
			s.endTurn() // ticked begins the next
			return fn(s, th, b, args, kw)
		})
	}
	return out
}()

// ticked is called after every action: when the action took the script into a new tick, it grants the
// script a fresh StepBudget. (An action may also return in the same tick: WaitGun with a cold gun does; that
// grants nothing, so a loop of them still runs out of steps.)
func (s *scriptBot) ticked(th *starlark.Thread, result starlark.Value) (starlark.Value, error) {
	if s.overBudget || s.failure != "" { // it waited while being cut: no reprieve
		th.Cancel("too many steps")
		return result, nil
	}
	if t := s.bot.Tick(); t != s.budgetTick && s.sb.unguarded {
		s.budgetTick = t
		s.limit = th.ExecutionSteps() + StepBudget
		th.SetMaxExecutionSteps(s.limit)
	} else if t != s.budgetTick {
		s.budgetTick = t
		s.limit = th.ExecutionSteps() + StepBudget
		s.newTurn()
		if err := s.tickChecks(th); err != nil {
			return nil, err
		}
		s.nextCheck = th.ExecutionSteps() + checkEvery
		s.arm()
	}
	s.beginTurn()
	return result, nil
}

// String is "<bot #3 (mybot)>".
func (s *scriptBot) String() string { return "<bot " + s.bot.String() + ">" }

// Type is "bot".
func (s *scriptBot) Type() string { return "bot" }

// Freeze does nothing: the bot is not data a script can change, only a handle.
func (s *scriptBot) Freeze() {}

// Truth is True.
func (s *scriptBot) Truth() starlark.Bool { return starlark.True }

// Hash is the bot's ID, so that a bot may key a dict.
func (s *scriptBot) Hash() (uint32, error) { return uint32(s.bot.ID()), nil }

// Attr returns the bot's method name, bound to it.
func (s *scriptBot) Attr(name string) (starlark.Value, error) {
	i, ok := methodIndex[name]
	if !ok {
		return nil, nil // Starlark reports "bot has no .name field or method", with a spelling hint
	}
	if s.bound == nil {
		s.bound = make([]*starlark.Builtin, len(methods))
	}
	if s.bound[i] == nil {
		s.bound[i] = unbound[i].BindReceiver(s)
	}
	return s.bound[i], nil
}

// AttrNames lists the bot's methods, for dir(bot) and spelling hints.
func (s *scriptBot) AttrNames() []string {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.name
	}
	return names
}

// reader makes a method without arguments that returns what read says.
func reader(read func(bot *actors.Bot) starlark.Value) func(*scriptBot, *starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
	return func(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if len(args) > 0 || len(kw) > 0 {
			return nil, fmt.Errorf("%s: got %d arguments, want none", b.Name(), len(args)+len(kw))
		}
		return read(s.bot), nil
	}
}

// say writes its arguments to the bot's console, separated by spaces, as print does.
func say(s *scriptBot, _ *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	if len(kw) > 0 {
		return nil, fmt.Errorf("%s: unexpected keyword argument %s", b.Name(), kw[0][0])
	}
	if !s.sb.unguarded {
		if err := s.chargeText(b, args, nil); err != nil {
			return nil, err
		}
	}
	var sb strings.Builder
	for i, v := range args {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if str, ok := starlark.AsString(v); ok {
			sb.WriteString(str)
		} else {
			sb.WriteString(v.String())
		}
	}
	s.bot.Log(sb.String())
	return starlark.None, nil
}

// float1 reads a method's one number argument (an int or a float, positional or by name), which must be a
// finite number within r: actors.CheckArg, the check Go bots get, so that both refuse the same arguments.
func float1(b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple, name string, r actors.Range) (float64, error) {
	if len(args) == 1 && len(kw) == 0 { // the common case, without UnpackArgs' bookkeeping
		if f, ok := starlark.AsFloat(args[0]); ok {
			return f, checkArg(b, name, r, f)
		}
	}
	var f number
	if err := starlark.UnpackArgs(b.Name(), args, kw, name, &f); err != nil {
		return 0, err
	}
	return float64(f), checkArg(b, name, r, float64(f))
}

func float2(b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple, n1, n2 string, r actors.Range) (float64, float64, error) {
	var x, y number
	if err := starlark.UnpackArgs(b.Name(), args, kw, n1, &x, n2, &y); err != nil {
		return 0, 0, err
	}
	if err := checkArg(b, n1, r, float64(x)); err != nil {
		return 0, 0, err
	}
	return float64(x), float64(y), checkArg(b, n2, r, float64(y))
}

// number unpacks an int or a float argument (starlark's own *float64 unpacking refuses ints).
type number float64

// Unpack implements starlark.Unpacker.
func (n *number) Unpack(v starlark.Value) error {
	f, ok := starlark.AsFloat(v)
	if !ok {
		return fmt.Errorf("got %s, want float or int", v.Type())
	}
	*n = number(f)
	return nil
}

// power reads shoot's and fire's optional power, 1 by default.
func power(b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (float64, error) {
	if len(args) == 0 && len(kw) == 0 {
		return 1, nil
	}
	return float1(b, args, kw, "power?", actors.Power)
}

// checkArg is actors.CheckArg with the method's name; name may end in '?' (optional, for UnpackArgs).
func checkArg(b *starlark.Builtin, name string, r actors.Range, f float64) error {
	return actors.CheckArg(b.Name(), strings.TrimSuffix(name, "?"), r, f)
}
