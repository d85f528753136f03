package window

import (
	"fmt"
	"strconv"
	"strings"
)

// Speeds are the simulation speeds the window offers, slowest first, in ticks per Update: at 0.25 the World steps
// once every 4 Updates, at 16 it steps 16 times per Update. Each is a whole number of quarter ticks, so the clock
// counts exactly, with no floating-point drift.
var Speeds = []float64{0.25, 0.5, 1, 2, 4, 8, 16}

// ParseSpeed reads a speed as the -speed flag gives it ("2", "2x", "0.25x") and returns its index in [Speeds]. It
// fails for anything that is not one of them.
func ParseSpeed(s string) (int, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "x"), 64)
	if err == nil {
		for i, sp := range Speeds {
			if sp == v {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("speed %q: must be one of %s", s, speedList())
}

func speedList() string {
	var parts []string
	for _, s := range Speeds {
		parts = append(parts, speedLabel(s))
	}
	return strings.Join(parts, ", ")
}

// speedLabel is "0.25x", "1x", "16x".
func speedLabel(s float64) string { return strconv.FormatFloat(s, 'f', -1, 64) + "x" }

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
