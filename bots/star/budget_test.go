package star_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/bots/star"
)

// A script that never waits is stopped at its line in the tick it ran away, and only its bot dies.
func TestRunawayScriptsAreStopped(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"spin.star", "def main(bot):\n    bot.forward(20)\n    n = 0\n    while True:\n        n += 1\n", "spin.star:5:11: ran more than 10000 steps in tick "},
		{"busy.star", "def main(bot):\n    bot.tick()\n    while True:\n        bot.set_speed(1)\n", "busy.star:4:22: ran more than 10000 steps in tick 2 "},
		// wait_gun returns at once when the gun is cold: it is not a wait, and grants no steps.
		{"cold.star", "def main(bot):\n    bot.wait_gun()\n    while True:\n        bot.wait_gun()\n", "cold.star:4:9: ran more than 10000 steps in tick 31 "},
		{"top.star", "while True:\n    pass\n\ndef main(bot):\n    pass\n", "top.star:1:1: ran more than 10000 steps in tick 1 "},
		{"deep.star", "def f(n):\n    return f(n + 1)\n\ndef main(bot):\n    f(0)\n", "deep.star:2:12: calls nested more than 1000 deep (a runaway recursion?)"},
	}
	for _, tt := range tests {
		runaway := source(t, tt.name, tt.src)
		w := newWorld(t, 2, 800, 600, entry{"runaway", runaway}, entry{"spinbot", bots.Spinbot}, entry{"squarebot", bots.Squarebot})
		step(t, w, 60)
		bot := w.Bot(1)
		assert.False(t, bot.Alive(), tt.name)
		assert.True(t, strings.HasPrefix(bot.Cause(), "script error: "+tt.want), "%s: %s", tt.name, bot.Cause())
		assert.True(t, w.Bot(2).Alive() && w.Bot(3).Alive(), "%s: the others play on", tt.name)
		assert.Equal(t, uint64(60), w.Tick(), tt.name)
	}
}

// The budget is per tick: a script may spend most of it every tick for as long as it likes, but not twice
// over in one tick.
func TestTheBudgetIsPerTick(t *testing.T) {
	// A pass of `for _ in range(n): pass` costs 6 steps: within spends half its budget every tick.
	within := source(t, "within.star", fmt.Sprintf(
		"def main(bot):\n    while True:\n        for _ in range(%d):\n            pass\n        bot.tick()\n", star.StepBudget/12))
	beyond := source(t, "beyond.star", fmt.Sprintf(
		"def main(bot):\n    for _ in range(50):\n        bot.tick()\n    for _ in range(%d):\n        pass\n", star.StepBudget))
	w := newWorld(t, 2, 800, 600, entry{"within", within}, entry{"beyond", beyond}, entry{"sitter", sitter})
	step(t, w, 100)
	assert.True(t, w.Bot(1).Alive(), "%s", w.Bot(1).Cause())
	assert.False(t, w.Bot(2).Alive())
	assert.Equal(t, "script error: beyond.star:4:5: ran more than 10000 steps in tick 51 without waiting for the next tick "+
		"(an endless loop? call bot.tick() in long loops)", w.Bot(2).Cause())
}

// Steps are counted, not timed: the runaway is stopped at the same step every time.
func TestTheBudgetCutIsDeterministic(t *testing.T) {
	src := "def main(bot):\n    i = 0\n    while True:\n        i += 1\n        if i % 7 == 0:\n            bot.say(i)\n"
	var runs [2][]string
	for i := range runs {
		w := newWorld(t, 2, 800, 600, entry{"r", source(t, "r.star", src)})
		step(t, w, 2)
		runs[i] = console(w.Bot(1))
	}
	require.NotEmpty(t, runs[0])
	assert.Equal(t, runs[0], runs[1])
}
