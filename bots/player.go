package bots

import (
	"stackarena/actors"
	"stackarena/engine"
)

// PlayerInput is what a person's controls say this tick: the window writes it before each Step, and the
// Player script reads it during the Step.
type PlayerInput struct {
	Forward, Back, Left, Right bool
	// AimX, AimY is the point in the arena the gun should turn to (the mouse).
	AimX, AimY float64
	Aim        bool // whether AimX, AimY are set
	Fire       bool
	Power      float64 // 0 means 1
}

// Player is the script of a bot a person drives: it reads in every tick and steers, aims and fires.
func Player(in *PlayerInput) actors.Script {
	return func(bot *actors.Bot) {
		for {
			speed := 0.0
			if in.Forward {
				speed += engine.MaxSpeed
			}
			if in.Back {
				speed -= engine.MaxSpeed
			}
			bot.SetSpeed(speed)
			turn := 0.0
			if in.Left {
				turn -= engine.MaxTurnRate
			}
			if in.Right {
				turn += engine.MaxTurnRate
			}
			bot.SetTurn(turn)
			if in.Aim {
				x, y := bot.Position()
				want := engine.Vec{X: x, Y: y}.BearingTo(engine.Vec{X: in.AimX, Y: in.AimY})
				bot.SetGunTurn(engine.NormalizeTurn(want - bot.GunHeading() - turn))
			}
			if in.Fire {
				power := in.Power
				if power == 0 {
					power = 1
				}
				bot.Fire(power)
			}
			bot.Yield()
		}
	}
}
