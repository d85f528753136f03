package engine

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"
)

// action is what a bot's script waits for while its tasklet is parked.
type action uint8

const (
	actNone    action = iota
	actMove           // Forward/Back: until the distance is covered and the bot has stopped
	actTurn           // Turn: until the body has turned
	actTurnGun        // TurnGun: until the gun has turned
	actWaitGun        // WaitGun: until the gun is cold
	actWait           // Wait: asleep until a tick
	actTick           // a one-tick action: Shoot, Scan, Yield
)

// Bot is the World's state of a bot: a circle of radius BotRadius with a body heading, a gun heading, a speed,
// energy and a gun that heats up. Its script (package actors) reads it and asks for actions; the World moves it.
// Methods that read are for scripts, renderers and reports alike, between ticks or during the script phase.
type Bot struct {
	// What every tick's physics reads and writes, first: the passes over all bots touch two cache lines each.
	pos, prev   Vec
	heading     float64 // body, degrees
	gunHeading  float64 // absolute, degrees
	speed       float64
	energy      float64
	gunHeat     float64
	moveLeft    float64 // signed distance still to cover
	turnLeft    float64 // degrees still to turn the body
	gunTurnLeft float64 // degrees still to turn the gun
	targetSpeed float64
	firePower   float64 // > 0: fire in the coming physics step
	act         action  // the action the script waits in
	alive       bool
	drive       bool // SetSpeed mode: hold targetSpeed until told otherwise
	parked      bool // the script waits for the World to wake it
	cell        int32
	slot        int32 // index in the grid's arrays, during the tick
	w           *World

	id          int
	name        string
	actor       Actor
	actArg      float64 // what the action was asked for (distance, degrees, ticks)
	wakeAt      uint64  // for actWait
	tracing     bool    // the inspector is open: actions record where the script waits
	where       string  // file:line of the script's current blocking call, when tracing
	style       int     // renderer's colour index
	scriptEnded bool
	shard       int32 // the shard its script runs on (Config.Shards)

	deathTick    uint64
	cause        string // why it died: "destroyed by #3 (spinbot)", "script error", ...
	kills        int
	damageDealt  float64
	shots, hits  int
	lastHitBy    *Bot
	events       []Event // unread, a ring once full: the oldest is at eventsHead
	eventsHead   int
	eventsOut    []Event
	deathsRead   int      // World.deaths before this index are heard (or were before the bot joined)
	console      []string // a ring of consoleN lines from consoleStart: the last lines, within ConsoleBytes
	consoleStart int
	consoleN     int
	consoleBytes int
	rng          *rand.Rand

	scanTick    uint64   // the tick of the last scan (0: none), for renderers; see draw.go
	scanHeading float64  // where the gun pointed then
	pic         *picture // debug drawing, only while World.SetDrawing is on
}

// ID is the bot's number, 1-based, in the order bots were added.
func (b *Bot) ID() int { return b.id }

// Shard is the shard its script runs on (Config.Shards; 0 when the World is not sharded): scripts of one shard
// take turns, those of different shards run at once. Any goroutine; O(1).
func (b *Bot) Shard() int { return int(b.shard) }

// Name is the bot's name: its script's name, made unique in the match ("spinbot#2").
func (b *Bot) Name() string { return b.name }

// String is "#id (name)".
func (b *Bot) String() string { return fmt.Sprintf("#%d (%s)", b.id, b.name) }

// Pos is the bot's centre.
func (b *Bot) Pos() Vec { return b.pos }

// Heading is the body's heading in degrees, [0, 360): 0 east, 90 south.
func (b *Bot) Heading() float64 { return b.heading }

// GunHeading is the gun's absolute heading in degrees, [0, 360). Scan looks where the gun points.
func (b *Bot) GunHeading() float64 { return b.gunHeading }

// Speed is the bot's speed in units per tick, negative when backing.
func (b *Bot) Speed() float64 { return b.speed }

// Energy is the bot's energy: it starts at StartEnergy and the bot dies at 0.
func (b *Bot) Energy() float64 { return b.energy }

// GunHeat is the gun's heat; the gun fires only at 0.
func (b *Bot) GunHeat() float64 { return b.gunHeat }

// Alive reports whether the bot is in the match.
func (b *Bot) Alive() bool { return b.alive }

// DeathTick is the tick the bot died in, 0 while alive.
func (b *Bot) DeathTick() uint64 { return b.deathTick }

// Cause says why a dead bot died.
func (b *Bot) Cause() string { return b.cause }

// Kills counts the bots this bot's bullets finished.
func (b *Bot) Kills() int { return b.kills }

// DamageDealt is the energy this bot's bullets took from others.
func (b *Bot) DamageDealt() float64 { return b.damageDealt }

// Shots and Hits count this bot's bullets fired and bullets that hit a bot.
func (b *Bot) Shots() int { return b.shots }

// Hits counts this bot's bullets that hit a bot.
func (b *Bot) Hits() int { return b.hits }

// Style is a small number renderers use to pick the bot's colour.
func (b *Bot) Style() int { return b.style }

// Running reports whether the bot's script runs: it was started and has neither ended nor been killed.
func (b *Bot) Running() bool { return b.actor != nil && b.actor.Alive() }

// Tick is the World's tick counter.
func (b *Bot) Tick() uint64 { return b.w.tick }

// Action describes what the bot is doing for an inspector: "moving: 37.0 of 100.0 left".
func (b *Bot) Action() string {
	switch {
	case !b.alive:
		return "dead: " + b.cause
	case b.scriptEnded:
		return "script ended"
	}
	switch b.act {
	case actMove:
		return fmt.Sprintf("moving: %.1f of %.1f left", abs(b.moveLeft), abs(b.actArg))
	case actTurn:
		return fmt.Sprintf("turning: %.1f° of %.1f° left", abs(b.turnLeft), abs(b.actArg))
	case actTurnGun:
		return fmt.Sprintf("turning the gun: %.1f° of %.1f° left", abs(b.gunTurnLeft), abs(b.actArg))
	case actWaitGun:
		return fmt.Sprintf("waiting for the gun: heat %.1f", b.gunHeat)
	case actWait:
		return fmt.Sprintf("waiting: %d ticks left", int64(b.wakeAt)-int64(b.w.tick))
	case actTick:
		return "acting"
	}
	if b.drive {
		return fmt.Sprintf("driving at %.1f", b.targetSpeed)
	}
	return "running"
}

// Tracing reports whether actions should record where the script waits.
func (b *Bot) Tracing() bool { return b.tracing }

// Where is the file:line of the script's blocking call it waits in, recorded while tracing.
func (b *Bot) Where() string { return b.where }

// log appends text to the bot's console, one line per line of text, each stamped with the tick. The console keeps
// the last ConsoleLines lines and at most ConsoleBytes bytes, dropping the oldest first; a line longer than
// ConsoleLineBytes is cut there and ends in "…". Only the lines that can be kept are looked at, so a huge text
// costs one scan for its last newlines, and the console holds no reference to it.
func (b *Bot) log(text string) {
	text = strings.TrimRight(text, "\n")
	// The last ConsoleLines lines of text: earlier ones would be dropped at once.
	from := len(text)
	for range ConsoleLines {
		i := strings.LastIndexByte(text[:from], '\n')
		if i < 0 {
			from = 0
			break
		}
		from = i
	}
	if from > 0 {
		from++ // past the newline
	}
	for _, l := range strings.Split(text[from:], "\n") {
		b.pushLine(consoleLine(b.w.tick, l))
	}
}

// consoleLine is "[tick] text", cut at ConsoleLineBytes on a character boundary; always a fresh string.
func consoleLine(tick uint64, text string) string {
	prefix := "[" + strconv.FormatUint(tick, 10) + "] "
	if len(prefix)+len(text) <= ConsoleLineBytes {
		return prefix + text
	}
	const mark = "…"
	cut := ConsoleLineBytes - len(prefix) - len(mark)
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return prefix + text[:cut] + mark
}

// pushLine adds a line to the console's ring, dropping the oldest lines while it holds ConsoleLines lines or
// would hold more than ConsoleBytes bytes.
func (b *Bot) pushLine(l string) {
	for b.consoleN > 0 && (b.consoleN == ConsoleLines || b.consoleBytes+len(l) > ConsoleBytes) {
		old := &b.console[b.consoleStart]
		b.consoleBytes -= len(*old)
		*old = ""
		b.consoleStart = (b.consoleStart + 1) % len(b.console)
		b.consoleN--
	}
	if b.consoleN == len(b.console) { // the ring is full but holds fewer than ConsoleLines: grow it, in order
		b.console = append(b.Console(), l)
		b.consoleStart = 0
	} else {
		b.console[(b.consoleStart+b.consoleN)%len(b.console)] = l
	}
	b.consoleN++
	b.consoleBytes += len(l)
}

// Console returns the console's lines, oldest first.
func (b *Bot) Console() []string {
	out := make([]string, 0, b.consoleN)
	for i := range b.consoleN {
		out = append(out, b.console[(b.consoleStart+i)%len(b.console)])
	}
	return out
}

// maxEvents is how many unread events a bot keeps: a script that never reads them keeps the latest.
const maxEvents = 32

// takeEvents returns the events that happened to the bot since the last call, oldest first, and forgets them:
// its own (a ring of the last maxEvents) merged with the World's BotDied events it has not heard, each after the
// bot's own events of the same tick (bots die at the end of a tick). It keeps the latest maxEvents. The slice is
// valid until the next call. O(events read).
func (b *Bot) takeEvents() []Event {
	out := append(b.eventsOut[:0], b.events[b.eventsHead:]...)
	out = append(out, b.events[:b.eventsHead]...)
	b.events, b.eventsHead = b.events[:0], 0
	if deaths := b.w.deaths[b.deathsRead:]; len(deaths) > 0 {
		b.deathsRead = len(b.w.deaths)
		own := out
		out = make([]Event, 0, len(own)+len(deaths))
		i := 0
		for _, d := range deaths {
			if d.Other == b.id {
				continue
			}
			for i < len(own) && own[i].Tick <= d.Tick {
				out = append(out, own[i])
				i++
			}
			out = append(out, d)
		}
		out = append(out, own[i:]...)
		if len(out) > maxEvents {
			out = out[len(out)-maxEvents:]
		}
	}
	b.eventsOut = out
	return out
}

// event records e, overwriting the oldest unread event when maxEvents are kept (a ring: O(1)).
func (b *Bot) event(e Event) {
	e.Tick = b.w.tick
	if len(b.events) < maxEvents {
		b.events = append(b.events, e)
		return
	}
	b.events[b.eventsHead] = e
	b.eventsHead = (b.eventsHead + 1) % maxEvents
}

// Actions. The script side (package actors, through a BotControl) calls these during its turn, then parks or
// yields.

// startMove asks the bot to move distance units along its heading (negative: backward). The World wakes its
// actor when the distance is covered, or earlier if the move is stopped.
func (b *Bot) startMove(distance float64) {
	distance = clampArg(distance, MaxDistance)
	b.begin(actMove, distance)
	b.moveLeft = distance
}

// startTurn asks the body to turn by degrees (positive clockwise).
func (b *Bot) startTurn(degrees float64) {
	degrees = clampArg(degrees, MaxDegrees)
	b.begin(actTurn, degrees)
	b.turnLeft = degrees
}

// startTurnGun asks the gun to turn by degrees (positive clockwise).
func (b *Bot) startTurnGun(degrees float64) {
	degrees = clampArg(degrees, MaxDegrees)
	b.begin(actTurnGun, degrees)
	b.gunTurnLeft = degrees
}

// startWaitGun asks to be woken when the gun is cold. It reports false, asking for no wait, if it is already.
func (b *Bot) startWaitGun() bool {
	if b.gunHeat == 0 {
		return false
	}
	b.begin(actWaitGun, 0)
	return true
}

// startWait records that the script sleeps ticks ticks (the driver does the sleeping).
func (b *Bot) startWait(ticks int) {
	ticks = max(0, min(MaxWaitTicks, ticks))
	b.begin(actWait, float64(ticks))
	b.wakeAt = b.w.tick + uint64(ticks)
}

// startTickAction records a one-tick action (Shoot, Scan, Yield).
func (b *Bot) startTickAction() { b.begin(actTick, 0) }

func (b *Bot) begin(a action, arg float64) {
	b.act, b.actArg = a, arg
	if a == actMove {
		b.drive = false // a move replaces driving; turning, shooting and waiting do not stop a driven bot
	}
	b.parked = a != actWait && a != actTick
}

// isParked reports whether the bot waits for its action to end. Bots stepped by plain per-tick code (the
// benchmarks' state machines) start an action and poll this, then call done.
func (b *Bot) isParked() bool { return b.parked || b.act == actWait && b.w.tick < b.wakeAt }

// done is called when the script resumes: its action is over.
func (b *Bot) done() {
	b.act = actNone
	b.parked = false
}

// setFire asks to fire a bullet of the given power in the coming physics step. It returns false, and asks
// nothing, if the gun is hot or the bot has too little energy.
func (b *Bot) setFire(power float64) bool {
	power = ClampPower(clampArg(power, MaxPower))
	if b.gunHeat > 0 || b.energy <= power {
		return false
	}
	b.firePower = power
	return true
}

// setDrive holds the bot at the given target speed until told otherwise (for per-tick control).
func (b *Bot) setDrive(speed float64) {
	b.drive = true
	b.targetSpeed = clampArg(speed, MaxSpeed)
	b.moveLeft = 0
}

// setTurn asks the body to turn by degrees over the coming ticks, without waiting.
func (b *Bot) setTurn(degrees float64) { b.turnLeft = clampArg(degrees, MaxDegrees) }

// setGunTurn asks the gun to turn by degrees over the coming ticks, without waiting.
func (b *Bot) setGunTurn(degrees float64) { b.gunTurnLeft = clampArg(degrees, MaxDegrees) }

// addEnergy changes the bot's energy by delta (negative takes energy away; the talk's bullet calls
// bot.add_damage(-10)). A bot at or below 0 dies at the end of the tick.
func (b *Bot) addEnergy(delta float64, from *Bot) {
	if !b.alive {
		return
	}
	b.energy += delta
	if delta < 0 {
		if from != nil && from != b {
			b.lastHitBy = from
			from.damageDealt -= delta
			b.w.lastDamage = b.w.tick // bullet damage: the match is not inactive
		}
	}
}

// scriptEnd records that the bot's script returned: the bot stays in the match, idle.
func (b *Bot) scriptEnd() { b.scriptEnded = true }

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
