package actors

import "stackarena/engine"

// Bullet is what a scripted bullet's script holds: the talk's bullet loop (step, move_to, find_bot,
// add_damage, schedule) can be written with it as it stands. Bots' own shots are engine bullets that fly
// without a turn per tick; scripted bullets resume every tick, as in the talk.
type Bullet struct {
	body *engine.Bullet
	w    *engine.World
}

// SpawnBullet adds a bullet at (x, y) moved by its own script, started as a tasklet; owner (may be nil) is
// never found by FindBot. Main side only.
func SpawnBullet(w *engine.World, x, y float64, owner *Bot, script func(*Bullet)) *Bullet {
	var ob *engine.Bot
	if owner != nil {
		ob = owner.body
	}
	body := w.AddScriptedBullet(engine.Vec{X: x, Y: y}, ob)
	bl := &Bullet{body: body, w: w}
	body.SetActor(w.Spawn("bullet", body, func() {
		defer body.Kill()
		script(bl)
	}))
	return bl
}

// Body is the World's state of the bullet.
func (b *Bullet) Body() *engine.Bullet { return b.body }

// Pos is the bullet's position (the talk's bullet.pos).
func (b *Bullet) Pos() (x, y float64) { p := b.body.Pos(); return p.X, p.Y }

// MoveTo puts the bullet at (x, y).
func (b *Bullet) MoveTo(x, y float64) { b.body.MoveTo(engine.Vec{X: x, Y: y}) }

// InBounds reports whether the bullet is inside the arena.
func (b *Bullet) InBounds() bool { return b.body.InBounds() }

// FindBot returns the bot the bullet is over, or nil.
func (b *Bullet) FindBot() *Victim {
	bot := b.body.FindBot()
	if bot == nil {
		return nil
	}
	return &Victim{bot: bot, by: b.body.Owner()}
}

// Schedule yields until the next tick (the talk's stackless.schedule()).
func (b *Bullet) Schedule() { b.w.Driver().Yield() }

// Victim is a bot a scripted bullet found.
type Victim struct {
	bot *engine.Bot
	by  *engine.Bot
}

// ID is the bot's number.
func (v *Victim) ID() int { return v.bot.ID() }

// AddDamage changes the bot's energy by delta, as the talk's bot.add_damage(-10) does: a negative delta hurts
// and is credited to the bullet's owner.
func (v *Victim) AddDamage(delta float64) { v.bot.AddEnergy(delta, v.by) }
