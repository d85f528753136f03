package actors

import (
	"errors"
	"fmt"
	"math"

	"stackarena/engine"
)

// ErrBadArgument is what every *ArgError wraps: errors.Is(err, ErrBadArgument) tells a bot killed for an
// argument out of range.
var ErrBadArgument = errors.New("bad argument")

// Range names the documented range of one kind of argument of the bot API (docs/RULES.md, "Arguments"): a finite
// number from Min to Max, both included. The ranges are constants, shared by Go bots (the methods of Bot check
// them) and Starlark bots (bots/star checks them with CheckArg before calling the same methods): no code in the
// process, a Go bot's included, can widen one for everybody. The zero Range and any value not named below are no
// range: Min and Max are NaN, so CheckArg refuses every number.
type Range uint8

// The ranges of the bot API's arguments.
const (
	// Distance is a move's length, Forward's and Back's argument.
	Distance Range = iota + 1
	// Coordinate is a point's x or y, AimAt's arguments: the point may lie outside the arena.
	Coordinate
	// Angle is a turn or a heading in degrees: Turn, TurnTo, TurnGun, SetTurn, SetGunTurn.
	Angle
	// Power is a shot's power: ShootPower and Fire.
	Power
	// Speed is SetSpeed's target speed.
	Speed
	// Ticks is Wait's tick count.
	Ticks
	// EnergyDelta is a scripted bullet's Victim.AddDamage.
	EnergyDelta
)

// rangeSpec is what a Range stands for.
type rangeSpec struct {
	kind     string
	min, max float64
}

// rangeSpecs is what each Range stands for, indexed by every value a Range can take (so that reading it needs
// no bounds check): the named ones' kind and bounds, and no range (NaN bounds) for the others. Unexported, and
// written only here, at initialisation.
var rangeSpecs = func() (specs [256]rangeSpec) {
	for i := range specs {
		specs[i] = rangeSpec{"no range", math.NaN(), math.NaN()}
	}
	specs[Distance] = rangeSpec{"a distance", -engine.MaxDistance, engine.MaxDistance}
	specs[Coordinate] = rangeSpec{"a coordinate", -engine.MaxDistance, engine.MaxDistance}
	specs[Angle] = rangeSpec{"an angle", -engine.MaxDegrees, engine.MaxDegrees}
	specs[Power] = rangeSpec{"a power", engine.MinPower, engine.MaxPower}
	specs[Speed] = rangeSpec{"a speed", -engine.MaxSpeed, engine.MaxSpeed}
	specs[Ticks] = rangeSpec{"a tick count", 0, engine.MaxWaitTicks}
	specs[EnergyDelta] = rangeSpec{"an energy change", -engine.MaxEnergyDelta, engine.MaxEnergyDelta}
	return specs
}()

// Kind is what the range's numbers are, for messages: "a distance", "an angle", ... Pure, O(1).
func (r Range) Kind() string { return rangeSpecs[r].kind }

// Min is the smallest number in the range. Pure, O(1).
func (r Range) Min() float64 { return rangeSpecs[r].min }

// Max is the largest number in the range. Pure, O(1).
func (r Range) Max() float64 { return rangeSpecs[r].max }

// String is the range's Kind.
func (r Range) String() string { return r.Kind() }

// ArgError is the error of a bot API call with an argument outside its Range. A Go bot's action panics with
// it, which kills that bot only (the World logs it in the bot's console and the report); a Starlark bot's
// method returns it as the script's error, placed at the script's line.
type ArgError struct {
	Action string  // the API's name for the call: "Forward" for Go, "forward" for Starlark
	Arg    string  // the argument's name: "distance"
	Value  float64 // what was passed
	Range  Range
	Where  string // file:line of a Go bot's call; empty when the caller places the error itself
}

// Error is "Forward: distance NaN: want a distance, a finite number from -1000000 to 1000000 (mybot.go:42)".
func (e *ArgError) Error() string {
	msg := fmt.Sprintf("%s: %s %v: want %s, a finite number from %.10g to %.10g", e.Action, e.Arg, e.Value,
		e.Range.Kind(), e.Range.Min(), e.Range.Max())
	if e.Where != "" {
		msg += " (" + e.Where + ")"
	}
	return msg
}

// Unwrap is ErrBadArgument.
func (e *ArgError) Unwrap() error { return ErrBadArgument }

// CheckArg returns an *ArgError if v is not a finite number within r, nil otherwise. action and arg name the
// call and the argument in the error. Any goroutine; a few comparisons.
func CheckArg(action, arg string, r Range, v float64) error {
	if v >= r.Min() && v <= r.Max() { // false for NaN; the ranges are finite, so infinities fail too
		return nil
	}
	return &ArgError{Action: action, Arg: arg, Value: v, Range: r}
}

// check is CheckArg for a Go bot's action: a bad argument panics with the *ArgError, naming the script's line
// that called the action. Small enough to inline: an action pays two comparisons per argument.
func check(action, arg string, r Range, v float64) {
	if !(v >= rangeSpecs[r].min && v <= rangeSpecs[r].max) {
		badArg(action, arg, r, v)
	}
}

// badArg panics with the *ArgError; the script's frame is 4 up (callerLine, badArg, check, the action), inlined
// frames included.
func badArg(action, arg string, r Range, v float64) {
	err := CheckArg(action, arg, r, v).(*ArgError)
	err.Where = callerLine(4)
	panic(err)
}
