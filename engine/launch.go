package engine

// Launch fires an engine bullet of the given power (clamped to [MinPower, MaxPower]) from b's centre along its
// gun, exactly as b's own shot would fly (the same bullet, with a tasklet that waits for the flight unless
// Config.BulletsWithoutScripts), but leaves b's gun heat, energy and shot count alone and asks nothing of its
// script. It returns nil, firing nothing, if b is dead.
//
// Main side only, between Steps: it is for benchmarks and tests that keep a number of bullets in flight (the
// headless bench's mixed world tops its bullets up with it). The bullet flies from the next Step on.
func (w *World) Launch(b *Bot, power float64) *Bullet {
	if !b.alive {
		return nil
	}
	w.launch(b, b.pos, b.gunHeading, ClampPower(power))
	return w.bullets[len(w.bullets)-1]
}
