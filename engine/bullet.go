package engine

// Bullet is the World's state of a bullet. An engine bullet (Bot.Shoot) flies by itself: the World moves it and
// resolves its hits, and its tasklet just waits for the flight to end, costing no switch while it flies. A
// scripted bullet (the talk's bullet loop, package actors) is moved by its own script every tick; the World only
// shows it and forgets it when its script ends.
type Bullet struct {
	// What a tick's flight reads and writes, in the first 64 bytes: bullets are allocated in chunks of 128-byte
	// slots (bulletPool, World.newBullet), so a flight touches one cache line per bullet.
	pos      Vec
	vel      Vec
	prev     Vec
	owner    *Bot
	alive    bool
	scripted bool
	parked   bool
	_        [1]byte
	shard    int32 // the shard its script runs on (Config.Shards): a scripted bullet's turn reads only this line

	power  float64
	w      *World
	id     int
	actor  Actor
	victim *Bot  // what it hit, for Fly's caller
	slot   int32 // its slot in the World's bulletPool, 1-based; 0: a scripted bullet, not from the pool
	_      [12]byte
}

// ID is the bullet's number, 1-based, in firing order.
func (b *Bullet) ID() int { return b.id }

// Pos is the bullet's position.
func (b *Bullet) Pos() Vec { return b.pos }

// Prev is where the bullet was a tick ago (for drawing a trail).
func (b *Bullet) Prev() Vec { return b.prev }

// Power is the bullet's power.
func (b *Bullet) Power() float64 { return b.power }

// Owner is the bot that fired it; nil for a scripted bullet nobody fired.
func (b *Bullet) Owner() *Bot { return b.owner }

// Alive reports whether the bullet is still flying.
func (b *Bullet) Alive() bool { return b.alive }

// Scripted reports whether the bullet is moved by its own script.
func (b *Bullet) Scripted() bool { return b.scripted }

// fly is an engine bullet's whole script: it waits for the flight to end and returns the bot it hit (nil for a
// miss). The World spawns an engine bullet's tasklet paused for its flight, so the tasklet gets its first and
// only turn when the flight is over, and holds no goroutine while it flies.
func (b *Bullet) fly() *Bot {
	if b.alive {
		b.parked = true
		b.w.sides[b.shard].Park()
	}
	// The tasklet ends with this turn: nothing reaches the bullet any more once the scheduler has dropped the
	// dead tasklet, after this script phase, when the World gives its slot back to the pool (World.reuseBullets).
	b.actor = nil
	victim := b.victim
	if b.slot != 0 {
		b.w.spent[b.shard] = append(b.w.spent[b.shard], b) // this shard's list: the shards run at once
	}
	return victim
}

// moveTo puts a scripted bullet at p (the talk's bullet.move_to).
func (b *Bullet) moveTo(p Vec) {
	b.prev = b.pos
	b.pos = Vec{clampArg(p.X, MaxDistance), clampArg(p.Y, MaxDistance)} // never a NaN in the grid
}

// InBounds reports whether the bullet is inside the arena (the talk's in_bounds).
func (b *Bullet) InBounds() bool { return b.inside(b.w) }

// inside reports whether the bullet is inside w's arena; w is the bullet's World, passed by a caller that has it
// at hand so that the bullet's second cache line (where Bullet.w is) need not be loaded.
func (b *Bullet) inside(w *World) bool {
	return b.pos.X >= 0 && b.pos.Y >= 0 && b.pos.X <= w.cfg.Width && b.pos.Y <= w.cfg.Height
}

// findBot returns the live bot whose body covers the bullet's position, other than its owner, or nil (the
// talk's find_bot). O(1) on average, through the World's grid.
func (b *Bullet) findBot(w *World) *Bot {
	var found *Bot
	best := BotRadius * BotRadius
	w.grid.near(b.pos, 0, func(o *Bot, p Vec) {
		if d := p.Dist2(b.pos); d <= best && o != b.owner && (found == nil || d < best || o.id < found.id) {
			found, best = o, d
		}
	})
	return found
}

// end stops the bullet and wakes its script.
func (b *Bullet) end(victim *Bot) {
	b.alive = false
	b.victim = victim
	if b.parked {
		b.parked = false
		if b.actor != nil {
			b.w.wake(b.shard, b.actor)
		}
	}
}
