package star_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
)

// sandboxed compiles a script held in the test in sb.
func sandboxed(t testing.TB, sb *star.Sandbox, name, src string) actors.Script {
	t.Helper()
	script, err := sb.LoadSource(name, []byte(src))
	require.NoError(t, err)
	return script
}

// The counted limits, each at a configured value: a script within it plays on, one past it dies at its line
// with the limit's error.
func TestLimitsStopOnlyTheScriptsPastThem(t *testing.T) {
	limits := star.Limits{MaxDepth: 50, MaxElements: 1000, BotMemory: 64 << 10}
	// hold keeps n bytes of strings in a global, then idles for the measures (every 256 ticks at least).
	hold := func(n int) string {
		return "held = []\n\ndef main(bot):\n    for _ in range(" + strconv.Itoa(n/1000) + "):\n        held.append(\"x\" * 1000)\n" +
			"    while True:\n        bot.tick()\n"
	}
	recurse := func(n int) string {
		return "def f(n):\n    if n > 0:\n        f(n - 1)\n\ndef main(bot):\n    f(" + strconv.Itoa(n) + ")\n    while True:\n        bot.tick()\n"
	}
	tests := []struct {
		name, src, want string // want "" for a script that plays on
	}{
		{"shallow.star", recurse(40), ""},
		{"deep.star", recurse(60), "deep.star:2:8: calls nested more than 50 deep"},
		{"small.star", "def main(bot):\n    l = list(range(1000))\n    while True:\n        bot.tick()\n", ""},
		{"large.star", "def main(bot):\n    l = list(range(1001))\n", "large.star:2:19: range: 1001 elements, more than a value may hold (1000)"},
		{"light.star", hold(30_000), ""},
		{"heavy.star", hold(100_000), "heavy.star:7:17: holds more than 65 KiB of memory (the limit is 64 KiB a bot)"},
	}
	for _, tt := range tests {
		sb := star.NewSandbox(limits)
		w := newWorld(t, 2, 800, 600, entry{"script", sandboxed(t, sb, tt.name, tt.src)}, entry{"spinbot", bots.Spinbot})
		step(t, w, 300)
		bot := w.Bot(1)
		if tt.want == "" {
			assert.True(t, bot.Alive(), "%s: %s", tt.name, bot.Cause())
		} else {
			assert.True(t, strings.HasPrefix(bot.Cause(), "script error: "+tt.want), "%s: %s", tt.name, bot.Cause())
		}
		assert.True(t, w.Bot(2).Alive(), tt.name)
	}
}

// The scripts of a match hold MatchMemory at most together: the bot whose measure takes the total past it
// dies, and those measured before it play on.
func TestTheMatchMemoryIsShared(t *testing.T) {
	sb := star.NewSandbox(star.Limits{BotMemory: 64 << 10, MatchMemory: 100 << 10})
	src := "held = []\n\ndef main(bot):\n    for _ in range(40):\n        held.append(\"x\" * 1000)\n    while True:\n        bot.tick()\n"
	w := newWorld(t, 2, 800, 600, entry{"a", sandboxed(t, sb, "a.star", src)}, entry{"b", sandboxed(t, sb, "b.star", src)},
		entry{"c", sandboxed(t, sb, "c.star", src)})
	step(t, w, 300)
	assert.True(t, w.Bot(1).Alive(), w.Bot(1).Cause())
	assert.True(t, w.Bot(2).Alive(), w.Bot(2).Cause())
	assert.Contains(t, w.Bot(3).Cause(), "c.star:7:17: holds 46 KiB of memory, and the match's scripts more than 100 KiB together")
	assert.InDelta(t, 2*46<<10, sb.Held(), 1<<10, "the dead bot's memory left the total")
}

// An honest script that builds a little garbage every tick (a list, a dict, a string) is never stopped, however
// long it plays and however much the process allocates around it.
func TestGarbageIsNotHeld(t *testing.T) {
	src := `def main(bot):
    while True:
        l = [i * 2 for i in range(200)]
        d = {i: str(i) for i in range(50)}
        s = " ".join([str(x) for x in l])
        bot.tick()
`
	sb := star.NewSandbox(star.Limits{BotMemory: 256 << 10})
	w := newWorld(t, 2, 800, 600, entry{"honest", sandboxed(t, sb, "honest.star", src)}, entry{"spinbot", bots.Spinbot})
	var sink [][]byte
	for range 1500 {
		require.NoError(t, w.Step())
		sink = append(sink[:0], make([]byte, 64<<10)) // 96 MB over the run: the watchdog's peeks happen
	}
	assert.True(t, w.Bot(1).Alive(), w.Bot(1).Cause())
	assert.Less(t, sb.Held(), int64(64<<10))
	assert.Empty(t, sb.Verdicts())
}

// The watchdog's verdicts are inputs of the match: recorded as they take effect, and applied by a replay at
// the same step, which plays the same match tick by tick without watching.
func TestVerdictsReplayExactly(t *testing.T) {
	slow := "def main(bot):\n    bot.forward(50)\n    x = 3\n    while True:\n        x = x * x\n"
	hoard := "def main(bot):\n    bot.turn(30)\n    s = \"a\" * 100000000\n    while True:\n        bot.forward(5)\n"
	play := func(sb *star.Sandbox, pace bool) ([]uint64, *engine.World) {
		w := newWorld(t, 4, 800, 600, entry{"slow", sandboxed(t, sb, "slow.star", slow)},
			entry{"hoard", sandboxed(t, sb, "hoard.star", hoard)}, entry{"spinbot", bots.Spinbot}, entry{"squarebot", bots.Squarebot})
		var hashes []uint64
		for range 200 {
			require.NoError(t, w.Step())
			hashes = append(hashes, w.Hash())
			if pace {
				time.Sleep(200 * time.Microsecond) // the watchdog samples between ticks too
			}
		}
		return hashes, w
	}
	live := star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})
	var reported []star.Verdict
	live.OnVerdict(func(v star.Verdict) { reported = append(reported, v) })
	liveHashes, lw := play(live, true)
	verdicts := live.Verdicts()
	require.Len(t, verdicts, 2, "both stopped by the watchdog: %v", verdicts)
	assert.Equal(t, verdicts, reported)
	for _, v := range verdicts {
		assert.True(t, strings.HasPrefix(v.Reason, "watchdog: ") || strings.HasPrefix(v.Reason, "holds more than"), v.Reason)
	}

	replay := star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})
	replay.Replay(verdicts)
	replayHashes, rw := play(replay, false)
	assert.Equal(t, liveHashes, replayHashes, "the replay plays the same match")
	assert.Equal(t, verdicts, replay.Verdicts())
	for id := 1; id <= 4; id++ {
		assert.Equal(t, lw.Bot(id).Cause(), rw.Bot(id).Cause())
		assert.Equal(t, lw.Bot(id).DeathTick(), rw.Bot(id).DeathTick())
		assert.Equal(t, console(lw.Bot(id)), console(rw.Bot(id)))
	}
	assert.False(t, lw.Bot(1).Alive())
	assert.False(t, lw.Bot(2).Alive())
}

// A recursion that waits a tick every 400 levels keeps its frames on its stack while it waits: they count in
// the match's memory as it parks, so that a thousand of them cannot take gigabytes of stack. The total is
// settled after each tick in bot order: the bots whose growth takes it past the limit die at their next turn,
// the same ones whatever order the scripts ran in.
func TestParkedFramesCountInTheMatchMemory(t *testing.T) {
	sb := star.NewSandbox(star.Limits{MatchMemory: 8 << 20})
	src := "def f(bot, n):\n    if n % 400 == 0:\n        bot.tick()\n    f(bot, n + 1)\n\ndef main(bot):\n    f(bot, 1)\n"
	var entries []entry
	for range 10 {
		entries = append(entries, entry{"deep", sandboxed(t, sb, "deep.star", src)})
	}
	w := newWorld(t, 2, 2000, 2000, entries...)
	overMatch := func(id int) {
		t.Helper()
		assert.Contains(t, w.Bot(id).Cause(), "deep.star:3:17: holds ", "bot %d", id)
		assert.Contains(t, w.Bot(id).Cause(), "and the match's scripts more than 8 MiB together", "bot %d", id)
	}
	// Tick 1: each bot parks 400 deep, 1.1 MiB of frames counted as the 2 MiB of stack they take: four fit.
	// Tick 2: the other six die as they wake; the four park 800 deep, 4 MiB each: bot 1 takes the total to
	// 10 MiB and is doomed (6 MiB left without it), bot 2 to 8, bot 3 to 10 (doomed, 6 left), bot 4 to 8.
	step(t, w, 2)
	for id := 1; id <= 10; id++ {
		if id <= 4 {
			assert.True(t, w.Bot(id).Alive(), "bot %d: %s", id, w.Bot(id).Cause())
		} else {
			overMatch(id)
		}
	}
	assert.Equal(t, int64(16<<20), sb.Held(), "until they die, the doomed bots hold what they hold")
	step(t, w, 1) // tick 3: bots 1 and 3 die as they wake, 2 and 4 go past MaxDepth
	overMatch(1)
	overMatch(3)
	assert.Contains(t, w.Bot(2).Cause(), "deep.star:4:14: calls nested more than 1000 deep")
	assert.Contains(t, w.Bot(4).Cause(), "deep.star:4:14: calls nested more than 1000 deep")
	assert.Zero(t, sb.Held(), "every bot's memory left the total as it ended")
}
