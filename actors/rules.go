package actors

import "stackarena/engine"

// What a bot's script needs besides its handle, re-exported from package engine so that a bot imports this one
// package. Each is the engine's own: the same type, constant or function, with the same contract (documented
// there and in docs/RULES.md). Values and pure functions only: none reaches the World.

// Vec is a point or a direction in arena units (x east, y south); see engine.Vec.
type Vec = engine.Vec

// EventKind says what happened to a bot; see Event.
type EventKind = engine.EventKind

// The rules' numbers: distances in units, angles in degrees, time in ticks.
const (
	BotRadius    = engine.BotRadius
	MaxSpeed     = engine.MaxSpeed
	MaxTurnRate  = engine.MaxTurnRate
	GunTurnRate  = engine.GunTurnRate
	StartEnergy  = engine.StartEnergy
	MinPower     = engine.MinPower
	MaxPower     = engine.MaxPower
	GunCooling   = engine.GunCooling
	ScanRange    = engine.ScanRange
	ScanHalfArc  = engine.ScanHalfArc
	ConsoleLines = engine.ConsoleLines
)

// Heading is the unit vector of a heading in degrees (0 east, 90 south). Pure, O(1).
func Heading(deg float64) Vec { return engine.Heading(deg) }

// NormalizeHeading maps degrees into [0, 360). Pure, O(1).
func NormalizeHeading(deg float64) float64 { return engine.NormalizeHeading(deg) }

// NormalizeTurn maps a turn in degrees into (-180, 180]: the short way round. Pure, O(1).
func NormalizeTurn(deg float64) float64 { return engine.NormalizeTurn(deg) }

// BulletSpeed is how far a bullet of the given power flies per tick. Pure, O(1).
func BulletSpeed(power float64) float64 { return engine.BulletSpeed(power) }

// BulletDamage is the energy a bullet of the given power takes from the bot it hits. Pure, O(1).
func BulletDamage(power float64) float64 { return engine.BulletDamage(power) }

// GunHeat is the heat a shot of the given power leaves in the gun. Pure, O(1).
func GunHeat(power float64) float64 { return engine.GunHeat(power) }

// TurnRate is how many degrees a bot's body can turn in one tick at speed v. Pure, O(1).
func TurnRate(v float64) float64 { return engine.TurnRate(v) }
