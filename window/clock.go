package window

import (
	"stackarena/window/cmdline"
)

// Speeds are the simulation speeds the window offers, slowest first, in ticks per Update (see [cmdline.Speeds]).
var Speeds = cmdline.Speeds

// speedLabel is "0.25x", "1x", "16x".
func speedLabel(s float64) string { return cmdline.SpeedLabel(s) }

// clock decides how many ticks each Update steps: the speed, the pause and single steps. It is plain counting
// on Updates (Ebitengine's fixed 1/TPS), never the wall clock, so what it steps is the same on every machine.
type clock struct {
	speed    int // index in Speeds
	paused   bool
	quarters int // quarter ticks accumulated towards the next whole tick
	steps    int // single steps asked for while paused
}

// quarterTicks is the speed in quarter ticks per Update.
func (c *clock) quarterTicks() int { return int(Speeds[c.speed] * 4) }

// Speed is the current speed, in ticks per Update.
func (c *clock) Speed() float64 { return Speeds[c.speed] }

// Faster and Slower move one step through Speeds and stop at its ends.
func (c *clock) Faster() { c.speed = min(c.speed+1, len(Speeds)-1) }

// Slower moves one step down Speeds.
func (c *clock) Slower() { c.speed = max(c.speed-1, 0) }

// TogglePause pauses or resumes. Resuming starts a fresh accumulation, so that a 0.25x clock does not step
// straight away for time spent paused.
func (c *clock) TogglePause() {
	c.paused = !c.paused
	c.quarters = 0
}

// Step pauses (if running) and asks for one tick, which the next Advance returns.
func (c *clock) Step() {
	c.paused = true
	c.steps++
}

// Advance is called once per Update: it returns how many ticks to step now.
func (c *clock) Advance() int {
	if c.paused {
		n := c.steps
		c.steps = 0
		return n
	}
	c.quarters += c.quarterTicks()
	n := c.quarters / 4
	c.quarters %= 4
	return n
}
