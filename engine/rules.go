package engine

import "math"

// RulesVersion names this version of the rules: of everything that decides what a match does with given scripts,
// seed and inputs (the constants and functions below, the order of World.Step, the built-in bots a match names,
// the Starlark API). Bump it with any change that can change a match's state hash: replays and tournament results
// record it, and a replay made under another version is refused by name instead of diverging silently
// (docs/REPLAYS.md). match/replay's TestRulesVersionNamesTheRules fails when a match's hash changes and this
// does not. Version 2: the engine and bots as they stood when that test was added. Version 3: a scripted bullet's
// damage and a failed script's burial, which used to apply at once during the script phase, apply after it in
// actor order (so that every script of a tick reads the World the tick began with, on any number of shards).
const RulesVersion = 3

// The rules of the arena, after Robocode's (docs/RULES.md explains each one). Distances are in units, angles in
// degrees, time in ticks.
const (
	BotRadius       = 18.0 // bots are circles of diameter 36
	MaxSpeed        = 8.0  // units per tick, forward and backward
	Acceleration    = 1.0  // units per tick per tick
	Deceleration    = 2.0  // braking, units per tick per tick
	MaxTurnRate     = 10.0 // body turn at rest, degrees per tick; 10 - 0.75|v| when moving
	GunTurnRate     = 20.0 // degrees per tick, independent of the body's turn
	StartEnergy     = 100.0
	MinPower        = 0.1
	MaxPower        = 3.0
	GunCooling      = 0.1 // gun heat lost per tick
	StartGunHeat    = 3.0 // so the first shot comes at about tick 30
	RamDamage       = 0.6 // to both bots when they collide
	ScanRange       = 1200.0
	ScanHalfArc     = 22.5 // Scan sees bots within this many degrees of the gun's heading
	InactivityTicks = 450  // ticks without bullet damage before every bot starts losing energy
	InactivityZap   = 0.1  // energy per tick, once inactive
	BulletRadius    = 2.0  // for hits on walls and doors; bullets hit bots as points
	MaxTicksDefault = 20000
	ConsoleLines    = 64 // lines a bot's console keeps
)

// The ranges of the bot API's arguments (docs/RULES.md, "Arguments"). Package actors refuses anything outside
// them, killing the bot that asked; the World's own entry points (Bot.StartMove, ...) clamp into them and read
// NaN as 0, so that its physics never sees a NaN or an infinity whatever a caller asks.
const (
	MaxDistance      = 1_000_000     // |distance| of a move; |x| and |y| of a point to aim at
	MaxDegrees       = 1_000_000     // |degrees| of a turn or a heading
	MaxWaitTicks     = math.MaxInt32 // ticks of a Wait: about 414 days at 60 ticks a second
	MaxEnergyDelta   = 1_000_000     // |delta| of an energy change a script asks for (a scripted bullet's damage)
	ConsoleBytes     = 16 << 10      // bytes a bot's console keeps, all lines together
	ConsoleLineBytes = 1 << 10       // bytes of one console line; a longer line is cut and marked
)

// clampArg returns v clamped into [-limit, limit], and 0 for NaN: the World's defence against arguments no
// checked API would pass.
func clampArg(v, limit float64) float64 {
	if v != v {
		return 0
	}
	return max(-limit, min(limit, v))
}

// TurnRate is how many degrees a bot's body can turn in one tick at speed v.
func TurnRate(v float64) float64 { return MaxTurnRate - 0.75*math.Abs(v) }

// BulletSpeed is the speed of a bullet of the given power: 20 - 3p (19.7 at 0.1, 11 at 3).
func BulletSpeed(power float64) float64 { return 20 - 3*power }

// BulletDamage is the energy a bullet of the given power takes from the bot it hits: 4p, plus 2(p-1) above 1.
func BulletDamage(power float64) float64 {
	d := 4 * power
	if power > 1 {
		d += 2 * (power - 1)
	}
	return d
}

// BulletRefund is the energy a bullet of the given power gives back to its shooter when it hits: 3p.
func BulletRefund(power float64) float64 { return 3 * power }

// GunHeat is the heat a shot of the given power adds to the gun: 1 + p/5. The gun fires only when cold.
func GunHeat(power float64) float64 { return 1 + power/5 }

// WallDamage is the energy a bot loses when it hits a wall at speed v: max(|v|/2 - 1, 0).
func WallDamage(v float64) float64 { return math.Max(math.Abs(v)/2-1, 0) }

// ClampPower clamps a shot's power into [MinPower, MaxPower].
func ClampPower(p float64) float64 { return math.Max(MinPower, math.Min(MaxPower, p)) }

// nextSpeed is Robocode's speed rule: accelerate by 1 toward the target speed, brake by 2, and when the speed
// crosses 0 brake for part of the tick and accelerate for the rest. It also never overshoots a stop within
// distance (so a move of d ends exactly at d).
func nextSpeed(v, target float64) float64 {
	target = math.Max(-MaxSpeed, math.Min(MaxSpeed, target))
	switch {
	case v == target:
		return v
	case v >= 0 && target > v: // speeding up forward
		return math.Min(target, v+Acceleration)
	case v <= 0 && target < v: // speeding up backward
		return math.Max(target, v-Acceleration)
	case v > 0: // slowing down, maybe through 0
		if target >= 0 {
			return math.Max(target, v-Deceleration)
		}
		if v >= Deceleration {
			return v - Deceleration
		}
		// Brake to 0 for part of the tick, then accelerate backward for the rest.
		return math.Max(target, -Acceleration*(1-v/Deceleration))
	default: // v < 0, slowing down backward, maybe through 0
		if target <= 0 {
			return math.Min(target, v+Deceleration)
		}
		if -v >= Deceleration {
			return v + Deceleration
		}
		return math.Min(target, Acceleration*(1+v/Deceleration))
	}
}

// moveSpeed is the speed to use this tick to cover remaining units (signed: negative backward), starting at
// speed v: as fast as allowed, but slow enough to stop exactly at the end.
func moveSpeed(v, remaining float64) float64 {
	dir := 1.0
	if remaining < 0 {
		dir, remaining, v = -1, -remaining, -v
	}
	// The highest speed s from which braking by Deceleration per tick stops within remaining after this tick.
	s := maxSpeedToStopWithin(remaining)
	target := math.Min(MaxSpeed, s)
	next := nextSpeed(v, target)
	if next > remaining {
		next = remaining
	}
	return dir * next
}

// maxSpeedToStopWithin is the largest speed from which the bot can still stop within distance d, braking by
// Deceleration per tick (Robocode's getMaxVelocity).
func maxSpeedToStopWithin(d float64) float64 {
	t := math.Max(1, math.Ceil((math.Sqrt(4*2/Deceleration*d+1)-1)/2))
	decelDist := t / 2 * (t - 1) * Deceleration
	return (t-1)*Deceleration + (d-decelDist)/t
}
