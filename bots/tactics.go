package bots

import (
	"math"

	"stackarena/actors"
	"stackarena/engine"
)

// Chaser sweeps its radar until it sees a bot, turns to it, closes in and shoots.
func Chaser(bot *actors.Bot) {
	for {
		target, ok := bot.Scan()
		if !ok {
			bot.Turn(30) // sweep: the gun, and so the radar, turns with the body
			continue
		}
		bot.TurnTo(target.Bearing)
		if target.Distance > 150 {
			bot.Forward(math.Min(target.Distance-120, 120))
		}
		bot.Shoot()
	}
}

// WallHugger runs along the arena's walls with its gun pointed inward, firing at every leg.
func WallHugger(bot *actors.Bot) {
	_, h := bot.Arena()
	bot.TurnTo(270) // north, to the top wall
	bot.Forward(h)
	bot.Turn(90)    // along the wall, clockwise
	bot.TurnGun(90) // the gun points into the arena
	for {
		bot.Forward(150)
		bot.Shoot()
		for _, ev := range bot.Events() {
			if ev.Kind == actors.HitWall || ev.Kind == actors.HitBot {
				bot.Turn(90) // a corner, or a bot in the way: next wall
			}
		}
	}
}

// Dodger aims at what it sees and, when a bullet hits it, runs off at right angles to where it came from,
// alternating sides.
func Dodger(bot *actors.Bot) {
	side := 1.0
	for {
		if target, ok := bot.Scan(); ok {
			bot.AimAt(target.Pos.X, target.Pos.Y)
			bot.Shoot()
		} else {
			bot.TurnGun(40)
		}
		for _, ev := range bot.Events() {
			if ev.Kind == actors.HitByBullet {
				bot.TurnTo(ev.Bearing + 90*side)
				bot.Forward(140)
				side = -side
			}
		}
	}
}

// Sniper stays put, sweeps its gun, and fires full-power shots at distant bots, leading them; it backs off
// from bots that come too close.
func Sniper(bot *actors.Bot) {
	for {
		bot.TurnGun(15)
		target, ok := bot.Scan()
		if !ok {
			continue
		}
		if target.Distance < 200 {
			bot.TurnTo(target.Bearing + 180)
			bot.Forward(200)
			continue
		}
		bot.WaitGun()
		// Lead the target: where it will be when a power-3 bullet gets there.
		flight := target.Distance / engine.BulletSpeed(3)
		ahead := target.Pos.Add(engine.Heading(target.Heading).Scale(target.Speed * flight))
		bot.AimAt(ahead.X, ahead.Y)
		bot.ShootPower(3)
	}
}
