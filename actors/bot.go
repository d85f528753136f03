package actors

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strconv"

	"stackarena/engine"
)

// Event is something that happened to a bot; see Bot.Events.
type Event = engine.Event

// Target is a bot seen by Scan.
type Target = engine.Target

// The kinds of events a script can read after an action.
const (
	HitByBullet  = engine.HitByBullet
	HitWall      = engine.HitWall
	HitBot       = engine.HitBot
	BulletHit    = engine.BulletHit
	BulletMissed = engine.BulletMissed
	BotDied      = engine.BotDied
)

// A Script is a bot's behaviour: a straight-line function that runs as a tasklet for the bot's whole life.
type Script func(bot *Bot)

// Bot is what a bot's script holds: its actions block the script's tasklet for game time, and its getters read
// the bot's state. Every method must be called from the bot's own script.
//
// Blocking actions park the tasklet on the World, which wakes it when the action ends: a Forward(100) costs two
// switches, not one per tick. Forward, Back, Turn, TurnGun, WaitGun and Wait end early when the bot is hit by a
// bullet or runs into a wall or a bot (the rest of the action is dropped and the bot brakes), so that the script
// can look at Events and react. Shoot, Scan and Yield take exactly one tick.
//
// The handle is sealed: nothing reachable from it hands out the World, another bot, or anything that changes
// another actor. What it reads is the bot's own state and a few facts about the match; what it changes is its
// own intents.
//
// Every argument must be a finite number within its documented Range (Distance, Coordinate, Angle, Power, Speed,
// Ticks; docs/RULES.md, "Arguments"): an action given anything else panics with an *ArgError naming the action,
// the argument and the script's line, which kills this bot only. Checking costs two comparisons per argument.
type Bot struct {
	c     engine.BotControl
	body  *engine.Bot // c.Bot(), read-only
	w     *engine.World
	where func() string // where the script waits, for scripts not written in Go; nil: the Go caller
}

// SpawnBot adds a bot named name to w at a random free spot and starts script for it as a tasklet. Main side
// only: before the first Step or between Steps.
func SpawnBot(w *engine.World, name string, script Script) (*Bot, error) {
	body, err := w.AddBot(name)
	if err != nil {
		return nil, err
	}
	bot := &Bot{c: w.ControlBot(body), body: body, w: w}
	if err := bot.c.Run(func() { script(bot) }); err != nil {
		return nil, err
	}
	return bot, nil
}

// Forward moves the bot ahead by distance units along its heading (accelerating by 1, at most 8 per tick, and
// braking to stop exactly there) and returns when it has stopped, or earlier if interrupted.
func (b *Bot) Forward(distance float64) {
	check("Forward", "distance", Distance, distance)
	b.trace()
	b.c.StartMove(distance)
	b.park()
}

// Back moves the bot backward by distance units; see Forward.
func (b *Bot) Back(distance float64) {
	check("Back", "distance", Distance, distance)
	b.trace()
	b.c.StartMove(-distance)
	b.park()
}

// Turn turns the body by degrees (positive clockwise on screen) at up to 10 - 0.75|speed| degrees per tick, and
// returns when done or interrupted. The gun turns with the body.
func (b *Bot) Turn(degrees float64) {
	check("Turn", "degrees", Angle, degrees)
	b.trace()
	b.c.StartTurn(degrees)
	b.park()
}

// TurnTo turns the body to the absolute heading (0 east, 90 south) the short way round.
func (b *Bot) TurnTo(heading float64) {
	check("TurnTo", "heading", Angle, heading)
	b.trace()
	b.c.StartTurn(engine.NormalizeTurn(heading - b.body.Heading()))
	b.park()
}

// TurnGun turns the gun by degrees relative to the body, at up to 20 degrees per tick.
func (b *Bot) TurnGun(degrees float64) {
	check("TurnGun", "degrees", Angle, degrees)
	b.trace()
	b.c.StartTurnGun(degrees)
	b.park()
}

// AimAt turns the gun toward the point (x, y) the short way round.
func (b *Bot) AimAt(x, y float64) {
	check("AimAt", "x", Coordinate, x)
	check("AimAt", "y", Coordinate, y)
	b.trace()
	to := b.body.Pos().BearingTo(engine.Vec{X: x, Y: y})
	b.c.StartTurnGun(engine.NormalizeTurn(to - b.body.GunHeading()))
	b.park()
}

// Shoot fires a bullet of power 1 along the gun if the gun is cold, and takes one tick either way. It reports
// whether it fired.
func (b *Bot) Shoot() bool { b.trace(); return b.shoot(1) }

// ShootPower fires a bullet of the given power (0.1 to 3: more power, more damage, a slower bullet and a hotter
// gun) if the gun is cold, and takes one tick. It reports whether it fired.
func (b *Bot) ShootPower(power float64) bool {
	check("ShootPower", "power", Power, power)
	b.trace()
	return b.shoot(power)
}

func (b *Bot) shoot(power float64) bool {
	fired := b.c.SetFire(power)
	b.tick()
	return fired
}

// WaitGun waits until the gun is cold, costing no switch while it cools.
func (b *Bot) WaitGun() {
	b.trace()
	if b.c.StartWaitGun() {
		b.park()
	}
}

// Scan looks for the nearest bot within 1200 units and 22.5 degrees of the gun's heading, and takes one tick.
func (b *Bot) Scan() (Target, bool) {
	b.trace()
	t, ok := b.c.Scan()
	b.tick()
	return t, ok
}

// Wait sleeps for ticks ticks, 0 to engine.MaxWaitTicks (it ends early if the bot is hit); Wait(0) waits one
// tick.
func (b *Bot) Wait(ticks int) {
	check("Wait", "ticks", Ticks, float64(ticks))
	b.trace()
	if ticks <= 0 {
		b.tick()
		return
	}
	b.c.StartWait(ticks)
	b.c.Sleep(ticks)
}

// Yield waits for the next tick: one frame.
func (b *Bot) Yield() { b.trace(); b.tick() }

// SetSpeed makes the bot drive at the given speed (-8 to 8) until told otherwise, without waiting: for scripts
// that steer every tick (call Yield between ticks).
func (b *Bot) SetSpeed(speed float64) {
	check("SetSpeed", "speed", Speed, speed)
	b.c.SetDrive(speed)
}

// SetTurn turns the body by degrees over the coming ticks, without waiting.
func (b *Bot) SetTurn(degrees float64) {
	check("SetTurn", "degrees", Angle, degrees)
	b.c.SetTurn(degrees)
}

// SetGunTurn turns the gun by degrees over the coming ticks, without waiting.
func (b *Bot) SetGunTurn(degrees float64) {
	check("SetGunTurn", "degrees", Angle, degrees)
	b.c.SetGunTurn(degrees)
}

// Fire asks to fire a bullet of the given power at the end of this tick, without waiting; it reports false if
// the gun is hot.
func (b *Bot) Fire(power float64) bool {
	check("Fire", "power", Power, power)
	return b.c.SetFire(power)
}

// Position is the bot's centre.
func (b *Bot) Position() (x, y float64) { p := b.body.Pos(); return p.X, p.Y }

// Heading is the body's heading in degrees: 0 east, 90 south.
func (b *Bot) Heading() float64 { return b.body.Heading() }

// GunHeading is the gun's absolute heading in degrees.
func (b *Bot) GunHeading() float64 { return b.body.GunHeading() }

// Speed is the bot's speed, negative when backing.
func (b *Bot) Speed() float64 { return b.body.Speed() }

// Energy is the bot's energy; it dies at 0.
func (b *Bot) Energy() float64 { return b.body.Energy() }

// GunHeat is the gun's heat; it fires only at 0.
func (b *Bot) GunHeat() float64 { return b.body.GunHeat() }

// Tick is the current tick.
func (b *Bot) Tick() uint64 { return b.body.Tick() }

// Arena is the arena's width and height.
func (b *Bot) Arena() (width, height float64) { return b.w.Size() }

// Others is the number of other bots still in the match.
func (b *Bot) Others() int { return b.w.AliveBots() - 1 }

// ID is the bot's number in the match.
func (b *Bot) ID() int { return b.body.ID() }

// Shard is the shard the bot's script runs on (engine.Bot.Shard): scripts of one shard take turns. O(1).
func (b *Bot) Shard() int { return b.body.Shard() }

// Name is the bot's name in the match.
func (b *Bot) Name() string { return b.body.Name() }

// String is "#id (name)".
func (b *Bot) String() string { return b.body.String() }

// Alive reports whether the bot is still in the match (a script only runs while it is; its owner may ask after).
func (b *Bot) Alive() bool { return b.body.Alive() }

// Rand is the bot's own random source: deterministic for a given match seed and bot.
func (b *Bot) Rand() *rand.Rand { return b.c.Rand() }

// Events returns what happened to the bot since the last call (hits, walls, collisions, its bullets' fate),
// oldest first. This is the one way scripts react: act, then look at Events. The slice is valid until the next
// call.
func (b *Bot) Events() []Event { return b.c.Events() }

// Say writes a line to the bot's console, fmt.Sprintf style. The console keeps engine.ConsoleLines lines and
// engine.ConsoleBytes bytes at most, and cuts a line at engine.ConsoleLineBytes.
func (b *Bot) Say(format string, args ...any) { b.c.Log(fmt.Sprintf(format, args...)) }

// Log writes its arguments to the bot's console, fmt.Sprint style.
func (b *Bot) Log(args ...any) { b.c.Log(fmt.Sprint(args...)) }

// park waits for the World to wake the script, then marks the action over.
func (b *Bot) park() { b.c.Park() }

// tick is a one-tick action.
func (b *Bot) tick() {
	b.c.StartTickAction()
	b.c.Yield()
}

// trace records, while an inspector watches the bot, the script's line that called the action. Every action
// calls it first thing, so a Go script's frame is always 3 up (callerLine, trace, the action).
func (b *Bot) trace() {
	if b.body.Tracing() {
		if b.where != nil {
			b.c.SetWhere(b.where())
		} else {
			b.c.SetWhere(callerLine(3))
		}
	}
}

// SetWhereFunc makes the inspector ask where for the script's current line, for scripts that are not Go code
// (an interpreter knows its own position); where runs at each action only while an inspector watches the bot.
func (b *Bot) SetWhereFunc(where func() string) { b.where = where }

func callerLine(skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return "?"
	}
	return filepath.Base(file) + ":" + strconv.Itoa(line)
}
