package engine

// Test-only ways in: scripts can't teleport bots or set energy, but tests need known positions.

// Place puts b at p with the given heading (gun included), at rest.
func Place(b *Bot, p Vec, heading float64) {
	b.pos, b.prev = p, p
	b.heading, b.gunHeading = heading, heading
	b.speed = 0
	b.w.grid.rebuild(b.w.bots)
}

// SetEnergy sets b's energy.
func SetEnergy(b *Bot, e float64) { b.energy = e }

// HasScript reports whether bl has a script (an engine bullet's waits for its flight).
func HasScript(bl *Bullet) bool { return bl.actor != nil }

// ScriptAlive reports whether bl's script has not ended.
func ScriptAlive(bl *Bullet) bool { return bl.actor != nil && bl.actor.Alive() }

// SetRecord sets what the ranking reads of b: whether it is alive, when it died, its kills and its damage dealt.
func SetRecord(b *Bot, alive bool, deathTick uint64, kills int, damage float64) {
	b.alive, b.deathTick, b.kills, b.damageDealt = alive, deathTick, kills, damage
}

// BreakShardTick makes shard k's next tick job call f first, on the shard's worker, as engine code running
// there would: for the tests of a worker's panic. The World must be sharded.
func BreakShardTick(w *World, k int, f func()) {
	d := w.driver.(*shardDriver)
	tick := d.tick[k]
	d.tick[k] = func() {
		d.tick[k] = tick
		f()
		tick()
	}
}

// SplitPhases sets how many items make each phase of a tick's physics split over cores (parallel.go): bullets
// flying, bots moving, flights ending; restore puts the defaults back.
func SplitPhases(n int) (restore func()) {
	saved := [...]int{parallelFlights, parallelBots, parallelEnds}
	parallelFlights, parallelBots, parallelEnds = n, n, n
	return func() { parallelFlights, parallelBots, parallelEnds = saved[0], saved[1], saved[2] }
}

// PooledBullets is how many of the World's bullet pool's slots hold a bullet not given back, and how many
// chunks the pool has.
func PooledBullets(w *World) (taken, chunks int) {
	return w.bulletPool.taken(), len(w.bulletPool.chunks)
}

// BulletChunk is how many slots a chunk of the bullet pool holds.
const BulletChunk = bulletChunk
