// Package mybot is a Go bot written outside the repository's bots/ package, as you would write your own: it
// imports only package actors (its handle and the rules) and package bots (to register itself), and the two
// programs beside it play it, without a window (./headless) and in the desktop arena (./window), with no edit
// anywhere else:
//
//	go run ./examples/mybot/headless -bots orbiter=2,chaser=2,sniper=2
//	go run ./examples/mybot/window
//
// Importing the package registers the bot under [Name], as importing a database/sql driver registers the driver;
// from then on "orbiter" goes wherever a bot's name goes (-bots, a match config).
package mybot

import (
	"stackarena/actors"
	"stackarena/bots"
)

// Name is the name the bot is registered under.
const Name = "orbiter"

// About is the registry's line on the bot.
const About = "circles the arena's centre at speed, sweeping its gun, and leads its shots"

func init() {
	// A clash is a programming error (two packages claiming one name), caught the first time the program runs,
	// as database/sql.Register does.
	if err := bots.Register(Name, About, Orbiter); err != nil {
		panic(err)
	}
}

// Orbiter circles the arena's centre at a third of its size, steering every tick (SetSpeed, SetTurn: no waiting),
// sweeps its gun while it sees nobody, and fires power-2 shots at where the bot it sees will be when the shot
// gets there. Bumping into a wall or a bot makes it back off for a while.
func Orbiter(bot *actors.Bot) {
	w, h := bot.Arena()
	centre := actors.Vec{X: w / 2, Y: h / 2}
	radius := min(w, h) / 3
	backing := 0
	for {
		x, y := bot.Position()
		me := actors.Vec{X: x, Y: y}
		// The tangent of the circle through here, bent toward the circle of the right radius.
		bend := max(-60, min(60, (me.Dist(centre)-radius)*0.5))
		course := me.BearingTo(centre) - 90 + bend
		if backing > 0 {
			backing--
			bot.SetSpeed(-actors.MaxSpeed / 2)
		} else {
			bot.SetSpeed(actors.MaxSpeed * 3 / 4)
		}
		bot.SetTurn(actors.NormalizeTurn(course - bot.Heading()))
		if t, ok := bot.Scan(); ok { // one tick
			flight := t.Distance / actors.BulletSpeed(2)
			ahead := t.Pos.Add(actors.Heading(t.Heading).Scale(t.Speed * flight))
			bot.SetGunTurn(actors.NormalizeTurn(me.BearingTo(ahead) - bot.GunHeading()))
			bot.Fire(2)
		} else {
			bot.SetGunTurn(actors.GunTurnRate) // sweep, a scan arc per tick
		}
		for _, ev := range bot.Events() {
			if ev.Kind == actors.HitWall || ev.Kind == actors.HitBot {
				backing = 15
			}
		}
	}
}
