package engine_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// aimings are the ways a script can point its gun at a target with the public API, each given the target's
// centre; each returns once the gun points there.
var aimings = []struct {
	name string
	aim  func(bot *actors.Bot, target actors.Vec)
}{
	{"AimAt", func(bot *actors.Bot, target actors.Vec) { bot.AimAt(target.X, target.Y) }},
	{"TurnGun by the bearing", func(bot *actors.Bot, target actors.Vec) {
		x, y := bot.Position()
		bearing := actors.Vec{X: x, Y: y}.BearingTo(target)
		bot.TurnGun(actors.NormalizeTurn(bearing - bot.GunHeading()))
	}},
	{"TurnTo the bearing, the gun on the body", func(bot *actors.Bot, target actors.Vec) { // the chaser's way
		x, y := bot.Position()
		bot.TurnTo(actors.Vec{X: x, Y: y}.BearingTo(target))
	}},
	{"Scan's bearing after a sweep", func(bot *actors.Bot, _ actors.Vec) { // the dodger's and the hunter's way
		for {
			if seen, ok := bot.Scan(); ok {
				bot.TurnGun(actors.NormalizeTurn(seen.Bearing - bot.GunHeading()))
				return
			}
			bot.TurnGun(2 * actors.ScanHalfArc)
		}
	}},
}

// hitsAt places a shooter at the centre of a 6000-unit arena heading start, and a bot that never moves at
// bearing and distance from it; the shooter points its gun with aim and fires one shot at each power (0.1, 1
// and 3: the fastest, a middling and the slowest bullet). It returns the shooter and the target once every
// bullet has landed.
func hitsAt(t *testing.T, bearing, distance, start float64, aim func(*actors.Bot, actors.Vec)) (shooter, target *engine.Bot, heard []actors.Event) {
	t.Helper()
	w := newWorld(t, engine.Config{Width: 6000, Height: 6000})
	at := engine.Vec{X: 3000, Y: 3000}
	to := at.Add(engine.Heading(bearing).Scale(distance))
	fired := 0
	s := spawn(t, w, "shooter", func(bot *actors.Bot) {
		for _, power := range []float64{engine.MinPower, 1, engine.MaxPower} {
			aim(bot, to)
			bot.WaitGun()
			if bot.ShootPower(power) {
				fired++
			}
		}
		idle(bot)
	})
	tb := spawn(t, w, "target", func(bot *actors.Bot) {
		for {
			bot.Wait(1 << 30) // a hit cuts the wait short: listen again
			heard = append(heard, bot.Events()...)
		}
	})
	place(w, s, at.X, at.Y, engine.NormalizeHeading(start))
	place(w, tb, to.X, to.Y, 90)
	for range 2000 {
		step(t, w, 1)
		if fired == 3 && len(w.Bullets()) == 0 {
			break
		}
	}
	require.Equal(t, 3, fired, "the shooter fired its three shots")
	require.Empty(t, w.Bullets(), "every bullet landed")
	step(t, w, 1) // the target's script reads the last hit's event
	return w.Bot(s.ID()), w.Bot(tb.ID()), heard
}

// A bot that aims with the public API hits a bot that stands still, every shot: in every direction (the
// quadrants, the axes, either side of ±180° and of 0°), from touching distance to beyond the radar's range,
// from a gun that starts pointing anywhere (so that the turn crosses ±180° too), and with each way of aiming.
// This is the rules' promise behind aiming: a bullet leaves the shooter's centre along the gun, with 0° east and
// 90° south in headings and in positions alike, and hits the first body its path crosses.
func TestAimedShotsHitABotStandingStill(t *testing.T) {
	bearings := []float64{0, 30, 45, 89.9, 90, 135, 179.9, 180, -179.9, 225, 270, 315, 359.9, -0.1}
	distances := []float64{2*engine.BotRadius + 4, 100, 400, engine.ScanRange - engine.BotRadius, 2500}
	damage := engine.BulletDamage(engine.MinPower) + engine.BulletDamage(1) + engine.BulletDamage(engine.MaxPower)
	for _, a := range aimings {
		for _, bearing := range bearings {
			for _, distance := range distances {
				if a.name == "Scan's bearing after a sweep" && distance > engine.ScanRange {
					continue
				}
				for _, start := range []float64{0, bearing + 90, bearing + 180, bearing - 179.9} {
					t.Run(fmt.Sprintf("%s/%g° at %g from %g°", a.name, bearing, distance, start), func(t *testing.T) {
						shooter, target, heard := hitsAt(t, bearing, distance, start, a.aim)
						assert.Equal(t, 3, shooter.Hits(), "hits of 3 shots")
						assert.InDelta(t, engine.StartEnergy-damage, target.Energy(), 1e-9, "the target lost the three shots' damage")
						require.Len(t, heard, 3, "the target heard three hits")
						for _, e := range heard {
							assert.Equal(t, actors.HitByBullet, e.Kind)
							assert.InDelta(t, 0, engine.NormalizeTurn(e.Bearing-(bearing+180)), 1e-6, "a hit's bearing points back at the shooter")
						}
					})
				}
			}
		}
	}
}

// A bullet hits a bot when its path passes within BotRadius of the bot's centre (bullets hit bots as points), and
// misses when it passes just outside: the gun turned off the target by the angle at which the path grazes the
// body one unit inside or outside it, on either side, near and far. One unit inside, the path's chord through the
// body (12 units) is shorter than a fast bullet's step (19.7): the distances from 100 to 118 put the bullet's
// positions at the ends of its ticks everywhere along the chord, so a hit test that looked only there would miss.
func TestABulletGrazesTheBodyByItsRadius(t *testing.T) {
	for _, distance := range []float64{100, 103, 106, 109, 112, 115, 118, 400, 2500} {
		for _, side := range []float64{1, -1} {
			for _, tt := range []struct {
				miss float64 // how far from the target's centre the path passes
				hits int
			}{
				{engine.BotRadius - 1, 3},
				{engine.BotRadius + 1, 0},
			} {
				t.Run(fmt.Sprintf("%g wide at %g, side %g", tt.miss, distance, side), func(t *testing.T) {
					off := side * math.Asin(tt.miss/distance) * 180 / math.Pi
					shooter, target, _ := hitsAt(t, 200, distance, 0, func(bot *actors.Bot, to actors.Vec) {
						x, y := bot.Position()
						bearing := actors.Vec{X: x, Y: y}.BearingTo(to)
						bot.TurnGun(actors.NormalizeTurn(bearing + off - bot.GunHeading()))
					})
					assert.Equal(t, tt.hits, shooter.Hits())
					assert.Equal(t, tt.hits > 0, target.Energy() < engine.StartEnergy)
				})
			}
		}
	}
}

// The radar sees through walls; bullets do not. A bot that scans a bot behind a wall, aims at it exactly and
// fires hits the wall, every shot: what a chaser that closes in on a bot behind a wall of the default map does.
func TestScanSeesThroughWallsAndBulletsStopAtThem(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 1000, Height: 600, Walls: []engine.Rect{engine.R(490, 100, 20, 400)}})
	var seen []bool
	var missed int
	fired := 0
	s := spawn(t, w, "shooter", func(bot *actors.Bot) {
		for fired < 3 {
			target, ok := bot.Scan()
			seen = append(seen, ok)
			if !ok {
				continue
			}
			bot.AimAt(target.Pos.X, target.Pos.Y)
			bot.WaitGun()
			if bot.Shoot() {
				fired++
			}
		}
		for missed < 3 {
			bot.Yield()
			for _, e := range bot.Events() {
				if e.Kind == actors.BulletMissed {
					missed++
				}
			}
		}
		idle(bot)
	})
	tb := spawn(t, w, "target", idle)
	place(w, s, 300, 320, 0)
	place(w, tb, 700, 280, 0)
	step(t, w, 200)
	require.Equal(t, 3, fired)
	assert.Equal(t, []bool{true, true, true}, seen, "the radar saw the bot behind the wall at every scan")
	assert.Equal(t, 3, missed, "every shot missed")
	assert.Zero(t, w.Bot(s.ID()).Hits())
	assert.Equal(t, engine.StartEnergy, w.Bot(tb.ID()).Energy(), "the bot behind the wall is unhurt")
}
