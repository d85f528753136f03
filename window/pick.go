package window

import "stackarena/engine"

// pickSlop is how far from a bot's body, in screen pixels, a click still selects it: small bots at a low zoom
// stay easy to click.
const pickSlop = 6.0

// pickBot returns the bot a click at the world point p selects: the live bot whose body, grown by slop world
// units, covers p and whose centre is nearest; failing that, the nearest wreck likewise (to read why it died);
// nil when there is none. O(bots), for a click, not for every frame.
func pickBot(bots []*engine.Bot, p engine.Vec, slop float64) *engine.Bot {
	reach := engine.BotRadius + slop
	var live, dead *engine.Bot
	bestLive, bestDead := reach*reach, reach*reach
	for _, b := range bots {
		d := b.Pos().Dist2(p)
		switch {
		case b.Alive() && d <= bestLive:
			live, bestLive = b, d
		case !b.Alive() && d <= bestDead:
			dead, bestDead = b, d
		}
	}
	if live != nil {
		return live
	}
	return dead
}

// cycleBot returns the live bot after cur in ID order (dir 1) or before it (dir -1), wrapping around; from nil it
// starts at the first (or the last). It returns nil when no bot is alive.
func cycleBot(bots []*engine.Bot, cur *engine.Bot, dir int) *engine.Bot {
	n := len(bots)
	if n == 0 {
		return nil
	}
	start := -1 // the index before the first, going forward
	if dir < 0 {
		start = n
	}
	if cur != nil {
		start = cur.ID() - 1
	}
	for i := 1; i <= n; i++ {
		b := bots[((start+dir*i)%n+n)%n]
		if b.Alive() {
			return b
		}
	}
	return nil
}
