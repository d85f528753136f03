package actors_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// line is the line it is called on, to name the line a table's script calls from.
func line() int {
	_, _, l, _ := runtime.Caller(1)
	return l
}

var nan, inf = math.NaN(), math.Inf(1)

// Every action refuses an argument that is not finite or out of its range, killing its bot only, with the
// action, the argument and the script's line in the error; arguments at the ends of their ranges are fine.
func TestArgumentsAreChecked(t *testing.T) {
	tests := []struct {
		name string
		call func(*actors.Bot)
		line int
		want string // "" for a valid call
	}{
		{"Forward NaN", func(b *actors.Bot) { b.Forward(nan) }, line(), "Forward: distance NaN: want a distance, a finite number from -1000000 to 1000000"},
		{"Forward 1e308", func(b *actors.Bot) { b.Forward(1e308) }, line(), "Forward: distance 1e+308: want a distance"},
		{"Forward -Inf", func(b *actors.Bot) { b.Forward(-inf) }, line(), "Forward: distance -Inf"},
		{"Forward max", func(b *actors.Bot) { b.Forward(engine.MaxDistance) }, line(), ""},
		{"Back 1000001", func(b *actors.Bot) { b.Back(1_000_001) }, line(), "Back: distance 1.000001e+06: want a distance"},
		{"Back max", func(b *actors.Bot) { b.Back(-engine.MaxDistance) }, line(), ""},
		{"Turn NaN", func(b *actors.Bot) { b.Turn(nan) }, line(), "Turn: degrees NaN: want an angle, a finite number from -1000000 to 1000000"},
		{"Turn Inf", func(b *actors.Bot) { b.Turn(inf) }, line(), "Turn: degrees +Inf"},
		{"Turn 720", func(b *actors.Bot) { b.Turn(720) }, line(), ""},
		{"TurnTo 1e7", func(b *actors.Bot) { b.TurnTo(1e7) }, line(), "TurnTo: heading 1e+07: want an angle"},
		{"TurnTo -90", func(b *actors.Bot) { b.TurnTo(-90) }, line(), ""},
		{"TurnGun -Inf", func(b *actors.Bot) { b.TurnGun(-inf) }, line(), "TurnGun: degrees -Inf"},
		{"TurnGun 45", func(b *actors.Bot) { b.TurnGun(45) }, line(), ""},
		{"AimAt NaN x", func(b *actors.Bot) { b.AimAt(nan, 0) }, line(), "AimAt: x NaN: want a coordinate"},
		{"AimAt huge y", func(b *actors.Bot) { b.AimAt(0, -1e300) }, line(), "AimAt: y -1e+300: want a coordinate"},
		{"AimAt outside the arena", func(b *actors.Bot) { b.AimAt(-5000, 90000) }, line(), ""},
		{"ShootPower 0", func(b *actors.Bot) { b.ShootPower(0) }, line(), "ShootPower: power 0: want a power, a finite number from 0.1 to 3"},
		{"ShootPower 3.5", func(b *actors.Bot) { b.ShootPower(3.5) }, line(), "ShootPower: power 3.5"},
		{"ShootPower NaN", func(b *actors.Bot) { b.ShootPower(nan) }, line(), "ShootPower: power NaN"},
		{"ShootPower 0.1", func(b *actors.Bot) { b.ShootPower(0.1) }, line(), ""},
		{"Fire Inf", func(b *actors.Bot) { b.Fire(inf) }, line(), "Fire: power +Inf"},
		{"Fire 3", func(b *actors.Bot) { b.Fire(3) }, line(), ""},
		{"SetSpeed 8.5", func(b *actors.Bot) { b.SetSpeed(8.5) }, line(), "SetSpeed: speed 8.5: want a speed, a finite number from -8 to 8"},
		{"SetSpeed NaN", func(b *actors.Bot) { b.SetSpeed(nan) }, line(), "SetSpeed: speed NaN"},
		{"SetSpeed -8", func(b *actors.Bot) { b.SetSpeed(-8) }, line(), ""},
		{"SetTurn NaN", func(b *actors.Bot) { b.SetTurn(nan) }, line(), "SetTurn: degrees NaN: want an angle"},
		{"SetTurn 1e6", func(b *actors.Bot) { b.SetTurn(1e6) }, line(), ""},
		{"SetGunTurn -1e12", func(b *actors.Bot) { b.SetGunTurn(-1e12) }, line(), "SetGunTurn: degrees -1e+12"},
		{"SetGunTurn 30", func(b *actors.Bot) { b.SetGunTurn(30) }, line(), ""},
		{"Wait -1", func(b *actors.Bot) { b.Wait(-1) }, line(), "Wait: ticks -1: want a tick count, a finite number from 0 to 2147483647"},
		{"Wait MaxInt64", func(b *actors.Bot) { b.Wait(math.MaxInt64) }, line(), "Wait: ticks 9.223372036854776e+18"},
		{"Wait 0", func(b *actors.Bot) { b.Wait(0) }, line(), ""},
		{"Wait max", func(b *actors.Bot) { b.Wait(engine.MaxWaitTicks) }, line(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{Seed: 1})
			bot, err := actors.SpawnBot(w, "caller", func(b *actors.Bot) {
				b.Yield()
				tt.call(b)
				b.Wait(math.MaxInt32)
			})
			require.NoError(t, err)
			_, err = actors.SpawnBot(w, "idle", idle)
			require.NoError(t, err)
			for range 3 {
				require.NoError(t, w.Step())
			}
			body := w.Bot(bot.ID())
			if tt.want == "" {
				assert.True(t, body.Alive(), "a valid call: %s", body.Cause())
				assert.Empty(t, w.ScriptErrors())
				return
			}
			require.False(t, body.Alive())
			assert.Contains(t, body.Cause(), "panicked: "+tt.want)
			assert.Contains(t, body.Cause(), "(validate_test.go:"+strconv.Itoa(tt.line)+")", "the caller's line")
			require.Len(t, w.ScriptErrors(), 1)
			var ae *actors.ArgError
			require.ErrorAs(t, w.ScriptErrors()[0].Err, &ae)
			assert.ErrorIs(t, ae, actors.ErrBadArgument)
			assert.True(t, w.Bot(2).Alive(), "the other bot plays on")
		})
	}
}

// CheckArg is the same check for every caller: the ends of a range pass, anything beyond or not finite fails.
func TestCheckArg(t *testing.T) {
	for _, r := range []actors.Range{actors.Distance, actors.Coordinate, actors.Angle, actors.Power, actors.Speed, actors.Ticks, actors.EnergyDelta} {
		for _, v := range []float64{r.Min(), r.Max(), (r.Min() + r.Max()) / 2} {
			assert.NoError(t, actors.CheckArg("f", "x", r, v), "%s %v", r, v)
		}
		for _, v := range []float64{nan, inf, -inf, math.Nextafter(r.Max(), inf), math.Nextafter(r.Min(), -inf), math.MaxFloat64} {
			err := actors.CheckArg("f", "x", r, v)
			require.Error(t, err, "%s %v", r, v)
			assert.True(t, errors.Is(err, actors.ErrBadArgument))
			assert.Equal(t, fmt.Sprintf("f: x %v: want %s, a finite number from %.10g to %.10g", v, r.Kind(), r.Min(), r.Max()), err.Error())
		}
	}
}

// The ranges are docs/RULES.md's table, read from the engine's constants; a Range no constant names (the zero
// one, or one made up by a conversion) is no range and refuses every number.
func TestRanges(t *testing.T) {
	for _, tt := range []struct {
		r        actors.Range
		kind     string
		min, max float64
	}{
		{actors.Distance, "a distance", -1_000_000, 1_000_000},
		{actors.Coordinate, "a coordinate", -1_000_000, 1_000_000},
		{actors.Angle, "an angle", -1_000_000, 1_000_000},
		{actors.Power, "a power", 0.1, 3},
		{actors.Speed, "a speed", -8, 8},
		{actors.Ticks, "a tick count", 0, math.MaxInt32},
		{actors.EnergyDelta, "an energy change", -1_000_000, 1_000_000},
	} {
		assert.Equal(t, tt.kind, tt.r.Kind())
		assert.Equal(t, tt.kind, tt.r.String())
		assert.Equal(t, tt.min, tt.r.Min(), tt.kind)
		assert.Equal(t, tt.max, tt.r.Max(), tt.kind)
	}
	for _, r := range []actors.Range{0, actors.EnergyDelta + 1, 255} {
		assert.Equal(t, "no range", r.Kind())
		assert.True(t, math.IsNaN(r.Min()) && math.IsNaN(r.Max()))
		for _, v := range []float64{0, 1, -1} {
			assert.ErrorIs(t, actors.CheckArg("f", "x", r, v), actors.ErrBadArgument, "Range(%d) refuses %v", r, v)
		}
	}
}

// FuzzBotArguments drives bots with arbitrary float64 arguments, through the checked API (a bad argument must
// panic with an *ArgError, a good one must not) and straight into the World's own entry points (which must
// clamp whatever they get), and checks the physics' invariant: every bot's position stays finite and inside the
// arena, tick after tick.
func FuzzBotArguments(f *testing.F) {
	f.Add(1e308, 1e308, 1e308, 1e308, 1e308, 1e308, 1e308, int64(1)<<62)
	f.Add(nan, nan, nan, nan, nan, nan, nan, int64(-1))
	f.Add(inf, -inf, inf, -inf, inf, -inf, inf, int64(math.MaxInt64))
	f.Add(100.0, 90.0, -45.0, 8.0, 3.0, 400.0, 300.0, int64(10))
	f.Add(-1e6, 1e6, 1e6, -8.0, 0.1, -1e6, 1e6, int64(0))
	f.Add(5e-324, -5e-324, 1e-300, 7.999999, 0.0999, 1e7, math.Copysign(0, -1), int64(math.MinInt64))
	f.Fuzz(func(t *testing.T, distance, turn, gunTurn, speed, power, x, y float64, ticks int64) {
		w := newWorld(t, engine.Config{Seed: 1})
		script := func(b *actors.Bot) {
			body := w.ControlBot(w.Bot(b.ID()))
			for round := range 4 {
				// Blocking actions: checked only when the check must fail (a valid one would block for long);
				// the World's entry point gets the raw value either way.
				mustRefuse("Forward", actors.CheckArg("", "", actors.Distance, distance), func() { b.Forward(distance) })
				mustRefuse("Turn", actors.CheckArg("", "", actors.Angle, turn), func() { b.Turn(turn) })
				mustRefuse("AimAt", errors.Join(actors.CheckArg("", "", actors.Coordinate, x), actors.CheckArg("", "", actors.Coordinate, y)), func() { b.AimAt(x, y) })
				mustRefuse("Wait", actors.CheckArg("", "", actors.Ticks, float64(ticks)), func() { b.Wait(int(ticks)) })
				switch round {
				case 0:
					body.StartMove(distance)
				case 1:
					body.StartTurn(turn)
				case 2:
					body.StartTurnGun(gunTurn)
				case 3:
					body.StartWait(int(ticks))
				}
				// Intents: checked, and the World's setters get the raw values.
				if round >= 2 {
					call("SetSpeed", actors.CheckArg("", "", actors.Speed, speed), func() { b.SetSpeed(speed) })
				}
				call("SetTurn", actors.CheckArg("", "", actors.Angle, turn), func() { b.SetTurn(turn) })
				call("SetGunTurn", actors.CheckArg("", "", actors.Angle, gunTurn), func() { b.SetGunTurn(gunTurn) })
				call("Fire", actors.CheckArg("", "", actors.Power, power), func() { b.Fire(power) })
				if round >= 2 { // driving drops a move: let round 0's play out first
					body.SetDrive(speed)
				}
				body.SetTurn(turn)
				body.SetGunTurn(gunTurn)
				body.SetFire(power)
				for range 15 {
					b.Yield()
				}
			}
		}
		for range 3 {
			_, err := actors.SpawnBot(w, "fuzzed", script)
			require.NoError(t, err)
		}
		width, height := w.Size()
		for range 70 {
			require.NoError(t, w.Step())
			for _, b := range w.Bots() {
				p := b.Pos()
				require.False(t, math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0), "bot %s at %v", b, p)
				require.True(t, p.X >= engine.BotRadius && p.X <= width-engine.BotRadius && p.Y >= engine.BotRadius && p.Y <= height-engine.BotRadius, "bot %s at %v", b, p)
				require.False(t, math.IsNaN(b.Heading()) || math.IsNaN(b.GunHeading()) || math.IsNaN(b.Speed()) || math.IsNaN(b.Energy()), "bot %s", b)
			}
		}
		for _, e := range w.ScriptErrors() {
			t.Fatalf("a script failed: %v", e.Err)
		}
	})
}

// mustRefuse calls an action only if want is an error, and then checks that it panicked with that error.
func mustRefuse(name string, want error, action func()) {
	if want != nil {
		call(name, want, action)
	}
}

// call runs action and checks that it panics with an *ArgError if and only if want is an error. It runs in a
// bot's tasklet, where a test must not stop the goroutine: a mismatch panics, which the World records as the
// script's error and the fuzz target reports.
func call(name string, want error, action func()) {
	var got any
	func() {
		defer func() { got = recover() }()
		action()
	}()
	var ae *actors.ArgError
	switch err, _ := got.(error); {
	case want == nil && got != nil:
		panic(fmt.Sprintf("%s: a valid call panicked with %v", name, got))
	case want != nil && !errors.As(err, &ae):
		panic(fmt.Sprintf("%s: want a panic with an *ArgError (%v), got %v", name, want, got))
	}
}

// A scripted bullet's script gets the same check: moving to NaN or hurting by an infinity ends that bullet's
// script with an *ArgError, and the match goes on.
func TestBulletArgumentsAreChecked(t *testing.T) {
	for _, tt := range []struct {
		name string
		move func(*actors.Bullet)
		want string
	}{
		{"MoveTo NaN", func(bl *actors.Bullet) { bl.MoveTo(nan, 10) }, "MoveTo: x NaN: want a coordinate"},
		{"MoveTo far", func(bl *actors.Bullet) { bl.MoveTo(10, -1e300) }, "MoveTo: y -1e+300: want a coordinate"},
		{"AddDamage -Inf", func(bl *actors.Bullet) {
			for {
				if v := bl.FindBot(); v != nil {
					v.AddDamage(-inf)
				}
				bl.Schedule()
			}
		}, "AddDamage: delta -Inf: want an energy change"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{Seed: 1})
			target := spawn(t, w, "target", idle)
			spawn(t, w, "other", idle)
			x, y := w.Bot(target.ID()).Pos().X, w.Bot(target.ID()).Pos().Y
			require.NotNil(t, actors.SpawnBullet(w, x, y, nil, tt.move))
			step(t, w, 3)
			require.Len(t, w.ScriptErrors(), 1)
			var ae *actors.ArgError
			require.ErrorAs(t, w.ScriptErrors()[0].Err, &ae)
			assert.Contains(t, ae.Error(), tt.want)
			assert.True(t, w.Bot(target.ID()).Alive(), "nothing hurt the bot")
			assert.Equal(t, 100.0, w.Bot(target.ID()).Energy())
		})
	}
}
