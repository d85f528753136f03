package engine

import "math"

// DoorSpeed is how much of its length a door opens or closes per tick: a door takes 30 ticks to open.
const DoorSpeed = 1.0 / 30

// Door is the World's state of a sliding door: a rectangle whose panel slides along its long side into the wall.
// The part of the panel still out blocks bots and bullets; an open door blocks nothing. A closing door waits
// while a bot stands in its way. The door's script (package actors) opens and closes it.
type Door struct {
	w        *World
	id       int
	shard    int32 // the shard its script runs on (Config.Shards)
	rect     Rect
	open     float64 // 0 closed ... 1 open
	target   float64
	parked   bool
	waitNear float64 // > 0: the script waits for a bot within this distance of the door's centre
	actor    Actor
	blocker  int // index in the World's blockers
}

// ID is the door's number, 1-based.
func (d *Door) ID() int { return d.id }

// Rect is the doorway.
func (d *Door) Rect() Rect { return d.rect }

// Center is the doorway's centre.
func (d *Door) Center() Vec {
	return Vec{(d.rect.Min.X + d.rect.Max.X) / 2, (d.rect.Min.Y + d.rect.Max.Y) / 2}
}

// OpenFraction is how far the door is open: 0 closed, 1 open.
func (d *Door) OpenFraction() float64 { return d.open }

// Opening reports whether the door is moving toward open (or is open).
func (d *Door) Opening() bool { return d.target == 1 }

// Panel is the part of the door that blocks: the doorway minus the part slid into the wall.
func (d *Door) Panel() Rect {
	r := d.rect
	if d.rect.W() >= d.rect.H() {
		r.Max.X -= d.open * d.rect.W()
	} else {
		r.Max.Y -= d.open * d.rect.H()
	}
	return r
}

// blocks reports whether the door's panel blocks anything.
func (d *Door) blocks() bool { return d.open < 1 }

// startOpen asks the door to open; it reports whether the script must wait (false if already open).
func (d *Door) startOpen() bool {
	d.target = 1
	d.busy()
	return d.open != 1
}

// startClose asks the door to close; it reports whether the script must wait (false if already closed).
func (d *Door) startClose() bool {
	d.target = 0
	d.busy()
	return d.open != 0
}

// busy marks the door as needing a step each tick until it is still again.
func (d *Door) busy() { d.w.doorBusy[d.id-1] = d.open != d.target || d.waitNear > 0 }

// startWaitForBot asks to be woken when a live bot comes within distance of the door's centre; false if one
// already is.
func (d *Door) startWaitForBot(distance float64) bool {
	if d.BotWithin(distance) {
		return false
	}
	d.waitNear = distance
	d.busy()
	return true
}

// BotWithin reports whether a live bot's centre is within distance of the door's centre. O(1) on average.
func (d *Door) BotWithin(distance float64) bool {
	c := d.Center()
	found := false
	d.w.grid.near(c, distance, func(_ *Bot, p Vec) {
		if p.Dist2(c) <= distance*distance {
			found = true
		}
	})
	return found
}

// park suspends the door's script until the World wakes it.
func (d *Door) park() {
	d.parked = true
	d.w.sides[d.shard].Park()
}

// step moves the door toward its target and wakes the script when it gets there, or when a bot it waits for
// comes near.
func (d *Door) step() {
	if d.open != d.target {
		next := d.open + DoorSpeed
		if d.target < d.open {
			next = d.open - DoorSpeed
		}
		next = math.Max(0, math.Min(1, next))
		if next < d.open && d.w.botInRect(d.panelAt(next)) {
			next = d.open // never close on a bot
		}
		d.open = next
		if math.Abs(d.open-d.target) < 1e-9 {
			d.open = d.target
		}
		d.updateBlock()
		if d.open == d.target {
			d.wake()
		}
	}
	if d.waitNear > 0 && d.BotWithin(d.waitNear) {
		d.waitNear = 0
		d.wake()
	}
	d.busy()
}

func (d *Door) panelAt(open float64) Rect {
	saved := d.open
	d.open = open
	r := d.Panel()
	d.open = saved
	return r
}

func (d *Door) wake() {
	if d.parked {
		d.parked = false
		if d.actor != nil {
			d.w.scripts.Wake(d.actor)
		}
	}
}
