package star_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/bots/star"
)

func TestLoadErrorsAreOneLineAtTheirPlace(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"syntax.star", "def main(bot):\n    bot.forward(10\n", "syntax.star:3:1: got outdent, want ','"},
		{"indent.star", "def main(bot):\nbot.forward(10)\n", "indent.star:2:4: got identifier, want indent"},
		{"undefined.star", "def main(bot):\n    bot.forward(steps)\n    jump()\n", "undefined.star:2:17: undefined: steps (and 1 more)"},
		{"load.star", "load(\"other.star\", \"helper\")\ndef main(bot):\n    helper(bot)\n", "load.star:1:6: load is not available: a bot script is one file"},
		{"noentry.star", "def squarebot(bot):\n    pass\n", "noentry.star:1:1: no entry point: define main(bot) (or noentry(bot)), the function each bot runs"},
		{"noarg.star", "x = 1\n\ndef main():\n    pass\n", "noarg.star:3:5: main must take the bot: def main(bot):"},
		{"no_os.star", "def main(bot):\n    os.remove(\"x\")\n", "no_os.star:2:5: undefined: os"},
		{"no_time.star", "def main(bot):\n    bot.say(time.now())\n", "no_time.star:2:13: undefined: time"},
	}
	for _, tt := range tests {
		_, err := star.LoadSource(tt.name, []byte(tt.src))
		require.Error(t, err, tt.name)
		assert.Equal(t, tt.want, err.Error(), tt.name)
		var se *star.Error
		assert.True(t, errors.As(err, &se), "%s: a *star.Error", tt.name)
	}
}

func TestLoadFindsTheEntryPoint(t *testing.T) {
	both := source(t, "both.star", "def both(bot):\n    bot.say('file')\n\ndef main(bot):\n    bot.say('main')\n")
	named := source(t, "named.star", "def named(bot):\n    print('named', 1)\n")
	notFunc := source(t, "number.star", "x = 2\nmain = x + 1\n")
	w := newWorld(t, 1, 800, 600, entry{"both", both}, entry{"named", named}, entry{"number", notFunc})
	step(t, w, 1)
	assert.Equal(t, []string{"main"}, console(w.Bot(1)), "main wins over the file's name")
	assert.Equal(t, []string{"named 1"}, console(w.Bot(2)), "print writes to the console")
	assert.Equal(t, "script error: number.star:2:1: main is an int, not a function: define main(bot)", w.Bot(3).Cause())
}

func TestLoadFile(t *testing.T) {
	_, err := star.Load(filepath.Join(t.TempDir(), "absent.star"))
	require.Error(t, err)
	assert.Regexp(t, `^\S+absent\.star: cannot read the bot script: no such file or directory$`, err.Error())

	dir := t.TempDir()
	path := filepath.Join(dir, "bad.star")
	require.NoError(t, os.WriteFile(path, []byte("def main(bot)\n    pass\n"), 0o644))
	_, err = star.Load(path)
	require.Error(t, err)
	assert.Equal(t, path+":2:1: got newline, want ':'", err.Error())
}

// A runtime error kills its bot only, with "file:line:col: message" and the Starlark backtrace in its console
// and no Go stack; the match goes on.
func TestRuntimeErrorKillsOnlyItsBot(t *testing.T) {
	script := source(t, "broken.star", `
def pick(table, key):
    return table[key]

def main(bot):
    bot.say("starting")
    bot.tick()
    pick({"a": 1}, "b")
`)
	w := newWorld(t, 1, 800, 600, entry{"broken", script}, entry{"spinbot", bots.Spinbot}, entry{"squarebot", bots.Squarebot})
	step(t, w, 3)
	broken := w.Bot(1)
	assert.False(t, broken.Alive())
	assert.Equal(t, uint64(2), broken.DeathTick())
	assert.Equal(t, `script error: broken.star:3:17: key "b" not in dict`, broken.Cause())
	assert.Equal(t, []string{
		"starting",
		`error: broken.star:3:17: key "b" not in dict`,
		"  Traceback (most recent call last):",
		"    broken.star:8:9: in main",
		"    broken.star:3:17: in pick",
		`  Error: key "b" not in dict`,
	}, console(broken))

	errs := w.ScriptErrors()
	require.Len(t, errs, 1)
	var se *star.Error
	require.True(t, errors.As(errs[0].Err, &se), "the World gets the *star.Error")
	assert.Equal(t, 3, int(se.Pos.Line))

	step(t, w, 200)
	assert.True(t, w.Bot(2).Alive() && w.Bot(3).Alive(), "the others play on")
	assert.Equal(t, uint64(203), w.Tick())
}

// An error raised in a bot method names the method and the script's line that called it.
func TestBadArgumentsAreErrors(t *testing.T) {
	tests := []struct{ call, want string }{
		{"bot.forward('far')", "t.star:3:16: forward: for parameter distance: got string, want float or int"},
		{"bot.forward(float('inf'))", "t.star:3:16: forward: distance +Inf: want a distance, a finite number from -1000000 to 1000000"},
		{"bot.forward(1e308)", "t.star:3:16: forward: distance 1e+308: want a distance, a finite number from -1000000 to 1000000"},
		{"bot.turn_to(float('nan'))", "t.star:3:16: turn_to: heading NaN: want an angle, a finite number from -1000000 to 1000000"},
		{"bot.aim_at(0, -1e9)", "t.star:3:15: aim_at: y -1e+09: want a coordinate, a finite number from -1000000 to 1000000"},
		{"bot.set_speed(9)", "t.star:3:18: set_speed: speed 9: want a speed, a finite number from -8 to 8"},
		{"bot.wait(-1)", "t.star:3:13: wait: ticks -1: want a tick count, a finite number from 0 to 2147483647"},
		{"bot.fire(0)", "t.star:3:13: fire: power 0: want a power, a finite number from 0.1 to 3"},
		{"bot.aim_at(1)", "t.star:3:15: aim_at: missing argument for y"},
		{"bot.turn(1, 2)", "t.star:3:13: turn: got 2 arguments, want at most 1"},
		{"bot.shoot(power=float('nan'))", "t.star:3:14: shoot: power NaN: want a power, a finite number from 0.1 to 3"},
		{"bot.position(1)", "t.star:3:17: position: got 1 arguments, want none"},
		{"bot.foward(10)", "t.star:3:8: bot has no .foward field or method (did you mean .forward?)"},
	}
	for _, tt := range tests {
		script := source(t, "t.star", "def main(bot):\n    bot.tick()\n    "+tt.call+"\n")
		w := newWorld(t, 1, 800, 600, entry{"t", script})
		step(t, w, 2)
		assert.Equal(t, "script error: "+tt.want, w.Bot(1).Cause(), tt.call)
	}
}
