package engine

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// The script side of the World's actors. *Bot, *Door and *Bullet are read-only views: what renderers, reports
// and tools read. What a script changes (its own intents: a move, turns, a shot) and the hooks that park it and
// record its action's end go through a control, which only the holder of the World can get (ControlBot,
// ControlDoor, ControlBullet). Package actors keeps one behind each script's handle and never hands it out, so a
// script, which holds an actors.Bot and no World, can change its own bot and nothing else; the benchmark's
// state machines, which own their World, step bots through controls without a script. A control is a small
// value: copy it freely. Its methods follow the threading rule of the method they name: script side during the
// actor's own turn, main side between Steps.

// BotControl drives one bot: its script's actions and intents, and the plumbing that starts, parks and restarts
// that script.
type BotControl struct{ b *Bot }

// ControlBot returns the control of b, a bot of w. Main side only. O(1).
func (w *World) ControlBot(b *Bot) BotControl { return BotControl{b} }

// Bot is the bot's read-only view. O(1).
func (c BotControl) Bot() *Bot { return c.b }

// Run starts script as the bot's actor; its first turn is in the next Step. When script returns, the bot stays
// in the match, idle ("script ended"). It fails if the World's driver runs no scripts, or if the bot already
// has a running script (see Restart). Main side only. O(1) plus the driver's spawn.
func (c BotControl) Run(script func()) error {
	b := c.b
	if b.Running() {
		return fmt.Errorf("bot %s already runs a script", b)
	}
	a, err := b.w.spawn(b.name, b, func() {
		defer b.scriptEnd()
		script()
	})
	if err != nil {
		return err
	}
	b.actor = a
	return nil
}

// Restart replaces the bot's script, for a desktop's hot reload: it kills the running script (its deferred calls
// run), forgets what the old script asked for (the action it waited in, its intents, where it waited, its
// unread events) and starts script as Run does. The body (place, heading, speed, energy, gun heat) and the score
// stay; a moving bot brakes. A dead bot stays dead: Restart returns an error and starts nothing, as it does when
// called from a script's turn. Main side only, between Steps; O(1) plus one switch to unwind the old script.
func (c BotControl) Restart(script func()) error {
	b := c.b
	if b.w.inScripts || b.w.scripts != nil && b.w.scripts.Owner() != nil {
		return fmt.Errorf("bot %s: a script cannot restart a bot; only the main side can, between Steps", b)
	}
	if !b.alive {
		return fmt.Errorf("bot %s is dead: only live bots restart", b)
	}
	if b.Running() {
		b.w.scripts.Kill(b.actor)
		if !b.alive { // the old script's deferred calls panicked: the World buried it
			return fmt.Errorf("bot %s died as its old script ended: %s", b, b.cause)
		}
	}
	b.resetScript()
	b.actor = nil
	return c.Run(script)
}

// resetScript forgets the bot's script-side state so that a new script can take over. O(1).
func (b *Bot) resetScript() {
	b.act, b.actArg = actNone, 0
	b.moveLeft, b.turnLeft, b.gunTurnLeft = 0, 0, 0
	b.drive, b.targetSpeed = false, 0
	b.firePower = 0
	b.parked = false
	b.wakeAt = 0
	b.scriptEnded = false
	b.where = ""
	b.events, b.eventsHead = b.events[:0], 0
	b.deathsRead = len(b.w.deaths)
}

// StartMove asks the bot to move distance units along its heading (negative: backward); the action ends when the
// distance is covered and the bot has stopped, or earlier if the move is cut short. Script side. O(1).
func (c BotControl) StartMove(distance float64) { c.b.startMove(distance) }

// StartTurn asks the body to turn by degrees (positive clockwise). Script side. O(1).
func (c BotControl) StartTurn(degrees float64) { c.b.startTurn(degrees) }

// StartTurnGun asks the gun to turn by degrees (positive clockwise). Script side. O(1).
func (c BotControl) StartTurnGun(degrees float64) { c.b.startTurnGun(degrees) }

// StartWaitGun asks to wait until the gun is cold. It reports false, asking for no wait, if it is already.
// Script side. O(1).
func (c BotControl) StartWaitGun() bool { return c.b.startWaitGun() }

// StartWait records that the script sleeps ticks ticks (Sleep does the sleeping). Script side. O(1).
func (c BotControl) StartWait(ticks int) { c.b.startWait(ticks) }

// StartTickAction records a one-tick action (Shoot, Scan, Yield). Script side. O(1).
func (c BotControl) StartTickAction() { c.b.startTickAction() }

// Parked reports whether the bot waits for its action to end: bots stepped by plain per-tick code (the
// benchmarks' state machines) start an action, poll this each tick, and call Done when it turns false. O(1).
func (c BotControl) Parked() bool { return c.b.isParked() }

// Done marks the action over: the script resumes. Script side. O(1).
func (c BotControl) Done() { c.b.done() }

// Park suspends the bot's script until the World ends its action, then marks it done. Script side only. Two
// switches, whatever the action's length.
func (c BotControl) Park() {
	c.b.w.sides[c.b.shard].Park()
	c.b.done()
}

// Yield ends the script's turn until the next tick, then marks the action done. Script side only.
func (c BotControl) Yield() {
	c.b.w.sides[c.b.shard].Yield()
	c.b.done()
}

// Sleep suspends the script for ticks ticks (after StartWait), or less if an event cuts the wait short, then
// marks the action done. Script side only.
func (c BotControl) Sleep(ticks int) {
	c.b.w.sides[c.b.shard].Sleep(ticks)
	c.b.done()
}

// SetFire asks to fire a bullet of the given power in the coming physics step. It returns false, and asks
// nothing, if the gun is hot or the bot has too little energy. Script side. O(1).
func (c BotControl) SetFire(power float64) bool { return c.b.setFire(power) }

// SetDrive holds the bot at the given target speed until told otherwise. Script side. O(1).
func (c BotControl) SetDrive(speed float64) { c.b.setDrive(speed) }

// SetTurn asks the body to turn by degrees over the coming ticks, without waiting. Script side. O(1).
func (c BotControl) SetTurn(degrees float64) { c.b.setTurn(degrees) }

// SetGunTurn asks the gun to turn by degrees over the coming ticks, without waiting. Script side. O(1).
func (c BotControl) SetGunTurn(degrees float64) { c.b.setGunTurn(degrees) }

// Scan finds the nearest live bot within ScanRange whose centre lies within ScanHalfArc degrees of the gun's
// heading. Its cost grows with the distance to the nearest bot, not with the number of bots.
func (c BotControl) Scan() (Target, bool) { return c.b.scan() }

// Events returns the events that happened to the bot since the last call, oldest first, and forgets them. The
// slice is valid until the next call. Script side. O(events).
func (c BotControl) Events() []Event { return c.b.takeEvents() }

// Log appends a line to the bot's console, which keeps the last ConsoleLines lines. O(line).
func (c BotControl) Log(line string) { c.b.log(line) }

// Rand is the bot's own random source, seeded from the match seed and the bot's ID, so that what one bot draws
// never changes another bot's numbers. Script side.
func (c BotControl) Rand() *rand.Rand { return c.b.rng }

// SetWhere records where the script waits (the actions call it while Bot.Tracing). Script side. O(1).
func (c BotControl) SetWhere(where string) { c.b.where = where }

// AddEnergy changes the bot's energy by delta, for whoever owns the World (the benchmarks give their bots more).
// A bot at or below 0 dies at the end of the tick. Main side. O(1).
func (c BotControl) AddEnergy(delta float64) { c.b.addEnergy(delta, nil) }

// SetTracing turns on (for an open inspector) the recording of where b's script waits; off, it costs nothing.
// Main side, between Steps. O(1).
func (w *World) SetTracing(b *Bot, on bool) {
	b.tracing = on
	if !on {
		b.where = ""
	}
}

// DoorControl drives one door: its script's actions and the plumbing that starts and parks it.
type DoorControl struct{ d *Door }

// ControlDoor returns the control of d, a door of w. Main side only. O(1).
func (w *World) ControlDoor(d *Door) DoorControl { return DoorControl{d} }

// Door is the door's read-only view. O(1).
func (c DoorControl) Door() *Door { return c.d }

// Run starts script as the door's actor. It fails if the World's driver runs no scripts or the door already has
// one. Main side only.
func (c DoorControl) Run(script func()) error {
	d := c.d
	if d.actor != nil {
		return fmt.Errorf("door %d already has a script", d.id)
	}
	a, err := d.w.spawn("door", d, script)
	if err != nil {
		return err
	}
	d.actor = a
	return nil
}

// StartOpen asks the door to open; it reports whether the script must wait (false if already open). O(1).
func (c DoorControl) StartOpen() bool { return c.d.startOpen() }

// StartClose asks the door to close; it reports whether the script must wait (false if already closed). The door
// never closes on a bot: it waits while one stands in its way. O(1).
func (c DoorControl) StartClose() bool { return c.d.startClose() }

// StartWaitForBot asks to be woken when a live bot comes within distance of the door's centre; false if one
// already is. O(1) on average.
func (c DoorControl) StartWaitForBot(distance float64) bool { return c.d.startWaitForBot(distance) }

// Park suspends the door's script until the World ends the action it started. Script side only.
func (c DoorControl) Park() { c.d.park() }

// SetParked marks the door as waiting for the action it started, for doors stepped by plain code (no script),
// which then poll Parked until the World clears it. O(1).
func (c DoorControl) SetParked() { c.d.parked = true }

// Parked reports whether the door waits on the World for its action to end. O(1).
func (c DoorControl) Parked() bool { return c.d.parked }

// Yield ends the door script's turn until the next tick. Script side only.
func (c DoorControl) Yield() { c.d.w.sides[c.d.shard].Yield() }

// Sleep suspends the door's script for ticks ticks. Script side only.
func (c DoorControl) Sleep(ticks int) { c.d.w.sides[c.d.shard].Sleep(ticks) }

// BulletControl drives one scripted bullet: the talk's bullet loop (move_to, find_bot, add_damage, schedule). It
// keeps the bullet's World beside the bullet, so that a turn of the loop reads only the bullet's first cache line.
type BulletControl struct {
	b *Bullet
	w *World
}

// ControlBullet returns the control of b, a bullet of w. Main side only. O(1).
func (w *World) ControlBullet(b *Bullet) BulletControl { return BulletControl{b: b, w: b.w} }

// Bullet is the bullet's read-only view. O(1).
func (c BulletControl) Bullet() *Bullet { return c.b }

// Run starts script as a scripted bullet's actor; the bullet ends when script returns. It fails for an engine
// bullet, if the World's driver runs no scripts, or if the bullet already has a script. Main side only.
func (c BulletControl) Run(script func()) error {
	b := c.b
	if !b.scripted || b.actor != nil {
		return errors.New("only a scripted bullet with no script yet can be given one")
	}
	a, err := b.w.spawn("bullet", b, func() {
		defer c.End()
		script()
	})
	if err != nil {
		return err
	}
	b.actor = a
	return nil
}

// MoveTo puts the scripted bullet at p (the talk's bullet.move_to). O(1).
func (c BulletControl) MoveTo(p Vec) { c.b.moveTo(p) }

// InBounds reports whether the bullet is inside the arena (the talk's in_bounds). O(1).
func (c BulletControl) InBounds() bool { return c.b.inside(c.w) }

// FindBot returns the live bot whose body covers the bullet's position, other than its owner, or nil (the talk's
// find_bot). O(1) on average.
func (c BulletControl) FindBot() *Bot { return c.b.findBot(c.w) }

// Hurt takes damage (> 0) from victim's energy, credited to the bullet's owner: the talk's
// bot.add_damage(-damage). A damage of 0 or less does nothing: a bullet never heals. During the script phase the
// damage is buffered and applied after it, in bullet order, so that every script of a tick reads the energies
// the tick began with, whatever the number of shards. O(1).
func (c BulletControl) Hurt(victim *Bot, damage float64) {
	if !(damage > 0) { // true for NaN
		return
	}
	d := min(damage, MaxEnergyDelta)
	w := c.b.w
	if !w.inScripts {
		victim.addEnergy(-d, c.b.owner)
		return
	}
	// During the script phase other scripts read victim's energy as it was when the tick began: the damage is
	// applied after the phase, in bullet order (World.applyScriptEffects).
	w.hurts[c.b.shard] = append(w.hurts[c.b.shard], hurt{bullet: c.b.id, victim: victim, owner: c.b.owner, damage: d})
}

// End ends the scripted bullet: it leaves the World after this tick. O(1).
func (c BulletControl) End() { c.b.alive = false }

// Yield ends the bullet script's turn until the next tick (the talk's stackless.schedule()). Script side only.
func (c BulletControl) Yield() { c.w.sides[c.b.shard].Yield() }
