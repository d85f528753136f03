package actors

import "stackarena/engine"

// Bullet is what a scripted bullet's script holds: the talk's bullet loop (step, move_to, find_bot,
// add_damage, schedule) can be written with it as it stands. Bots' own shots are engine bullets that fly
// without a turn per tick; scripted bullets resume every tick, as in the talk.
type Bullet struct {
	c engine.BulletControl
}

// SpawnBullet adds a bullet at (x, y) moved by its own script, started as a tasklet; owner (may be nil) is
// never found by FindBot. It returns nil, adding nothing, if w's driver runs no scripts. Main side only.
func SpawnBullet(w *engine.World, x, y float64, owner *Bot, script func(*Bullet)) *Bullet {
	var ob *engine.Bot
	if owner != nil {
		ob = owner.body
	}
	bl := &Bullet{c: w.ControlBullet(w.AddScriptedBullet(engine.Vec{X: x, Y: y}, ob))}
	if err := bl.c.Run(func() { script(bl) }); err != nil {
		bl.c.End()
		return nil
	}
	return bl
}

// ID is the bullet's number in the match.
func (b *Bullet) ID() int { return b.c.Bullet().ID() }

// Pos is the bullet's position (the talk's bullet.pos).
func (b *Bullet) Pos() (x, y float64) { p := b.c.Bullet().Pos(); return p.X, p.Y }

// MoveTo puts the bullet at (x, y), each a Coordinate: anything else panics with an *ArgError, which ends the
// bullet's script.
func (b *Bullet) MoveTo(x, y float64) {
	check("MoveTo", "x", Coordinate, x)
	check("MoveTo", "y", Coordinate, y)
	b.c.MoveTo(engine.Vec{X: x, Y: y})
}

// InBounds reports whether the bullet is inside the arena.
func (b *Bullet) InBounds() bool { return b.c.InBounds() }

// FindBot returns the bot the bullet is over, or nil.
func (b *Bullet) FindBot() *Victim {
	bot := b.c.FindBot()
	if bot == nil {
		return nil
	}
	return &Victim{c: b.c, bot: bot}
}

// Schedule yields until the next tick (the talk's stackless.schedule()).
func (b *Bullet) Schedule() { b.c.Yield() }

// Victim is a bot a scripted bullet found: all the bullet can do to it is hurt it.
type Victim struct {
	c   engine.BulletControl
	bot *engine.Bot
}

// ID is the bot's number.
func (v *Victim) ID() int { return v.bot.ID() }

// AddDamage changes the bot's energy by delta, an EnergyDelta, as the talk's bot.add_damage(-10) does: a
// negative delta hurts and is credited to the bullet's owner; a positive one does nothing (a bullet never heals).
func (v *Victim) AddDamage(delta float64) {
	check("AddDamage", "delta", EnergyDelta, delta)
	v.c.Hurt(v.bot, -delta)
}
