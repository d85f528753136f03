package main

import (
	"stackarena/engine"
)

// machines is the statemachine mode: the bench's behaviours hand-written as per-tick state machines, with no
// switch and no stack at all, the limit a scheduler can approach but not beat. Each machine does what its script
// does, the same actions in the same order and the same ticks, through the same controls the scripts' handles
// use (engine.BotControl's Start*, SetFire, Parked, Done; DoorControl's StartOpen, StartClose, Parked,
// SetParked; BulletControl's MoveTo, FindBot, Hurt, End), so that a world ends in the same state hash in every
// mode. The controls come from the World the bench owns: no script could reach them.
//
// machines is the World's Driver, a plain one (not an engine.ScriptDriver): Step calls its Tick where it would
// run the scripts, and Tick steps every machine once. A bot or door that waits for its action costs a check per
// tick; engine bullets fly with no script, since the World has no script driver.
type machines struct {
	w       *engine.World
	bots    []botMachine
	doors   []doorMachine
	bullets []talkBulletMachine
}

// Tick steps every machine once: bots, doors, then scripted bullets, each in the order it was added.
func (m *machines) Tick() error {
	now := m.w.Tick()
	for i := range m.bots {
		m.bots[i].tick()
	}
	for i := range m.doors {
		m.doors[i].tick(now)
	}
	live := 0
	for i := range m.bullets {
		if m.bullets[i].tick() {
			m.bullets[live] = m.bullets[i]
			live++
		}
	}
	clear(m.bullets[live:])
	m.bullets = m.bullets[:live]
	return nil
}

// Switches is 0: no script is ever switched to.
func (m *machines) Switches() uint64 { return 0 }

// Close has nothing to end: machines hold no goroutine.
func (m *machines) Close() error { return nil }

// addTalkBullet gives a scripted bullet the talk's loop, moving (dx, dy) per tick.
func (m *machines) addTalkBullet(b engine.BulletControl, dx, dy float64) {
	p := b.Bullet().Pos()
	m.bullets = append(m.bullets, talkBulletMachine{body: b, x: p.X, y: p.Y, dx: dx, dy: dy})
}

// botMachine is a bot's script as a state machine: step is the index of the script's next action.
type botMachine struct {
	body    engine.BotControl
	kind    botKind
	step    uint8
	started bool
}

// tick is the script's turn, if it has one this tick: the action it waited in returns (Done), and the next one
// starts. A bot waits while Parked: the World clears that when the action ends or is cut short, where it would
// wake the script.
func (m *botMachine) tick() {
	b := m.body
	if !b.Bot().Alive() || b.Parked() {
		return
	}
	if m.started {
		b.Done()
	}
	m.started = true
	switch m.kind {
	case squarebot:
		m.squarebot()
	case spinbot:
		m.spinbot()
	}
}

// squarebot is bots.Squarebot: forever, three times (Shoot, Forward(10), Turn(90)), then Shoot, Forward(10) and
// a turn drawn from the bot's random source. The twelve actions of a round are steps 0 to 11.
func (m *botMachine) squarebot() {
	b := m.body
	switch s := m.step; {
	case s%3 == 0: // Shoot: fire if the gun is cold, and take one tick
		b.SetFire(1)
		b.StartTickAction()
	case s%3 == 1:
		b.StartMove(10)
	case s == 11:
		b.StartTurn(float64(b.Rand().IntN(360)))
	default:
		b.StartTurn(90)
	}
	m.step = (m.step + 1) % 12
}

// spinbot is bots.Spinbot: forever, Turn(5) then Shoot.
func (m *botMachine) spinbot() {
	b := m.body
	if m.step == 0 {
		b.StartTurn(5)
	} else {
		b.SetFire(1)
		b.StartTickAction()
	}
	m.step ^= 1
}

// doorMachine is actors.TimedDoor(open, closed) as a state machine: forever, Wait(closed), Open, Wait(open),
// Close. A wait sleeps until wakeAt, as the tasklet's Sleep does; opening and closing park the door until the
// World clears Parked.
type doorMachine struct {
	body         engine.DoorControl
	open, closed int
	step         uint8
	wakeAt       uint64
}

func (m *doorMachine) tick(now uint64) {
	d := m.body
	if d.Parked() || now < m.wakeAt {
		return
	}
	// Like the script, go on through the actions that need no wait (opening an open door) in the same turn.
	for {
		s := m.step
		m.step = (m.step + 1) % 4
		switch s {
		case 0: // Wait(closed)
			m.wakeAt = now + uint64(m.closed)
			return
		case 1: // Open
			if d.StartOpen() {
				d.SetParked()
				return
			}
		case 2: // Wait(open)
			m.wakeAt = now + uint64(m.open)
			return
		case 3: // Close
			if d.StartClose() {
				d.SetParked()
				return
			}
		}
	}
}

// talkBulletMachine is bots.TalkBullet(dx, dy) as a state machine: the loop's state is the position it keeps.
type talkBulletMachine struct {
	body         engine.BulletControl
	x, y, dx, dy float64
}

// tick is one turn of the loop: leave if out of bounds, step, move, and hurt the bot found there and leave. It
// reports whether the bullet flies on.
func (m *talkBulletMachine) tick() bool {
	b := m.body
	if !b.InBounds() {
		b.End()
		return false
	}
	m.x += m.dx
	m.y += m.dy
	b.MoveTo(engine.Vec{X: m.x, Y: m.y})
	if bot := b.FindBot(); bot != nil {
		b.Hurt(bot, 10)
		b.End()
		return false
	}
	return true
}
