package star_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/bots/star"
)

// bigNumber matches a number literal of 8 digits or more (or a long hex one).
var bigNumber = regexp.MustCompile(`[0-9]{8}|0[xX][0-9a-fA-F]{7}`)

// FuzzLoad loads arbitrary bytes as a bot script and, when they compile, plays them for a few ticks beside a
// built-in bot: whatever the file holds, Load returns a script or a one-line error, and the match goes on
// (the script's errors kill its bot only), without a Go panic or a hang. The seed corpus is the examples and
// the hostile corpus; `go test` runs it.
func FuzzLoad(f *testing.F) {
	for _, dir := range []string{"examples", hostileDir} {
		files, err := filepath.Glob(filepath.Join(dir, "*.star"))
		require.NoError(f, err)
		for _, path := range files {
			src, err := os.ReadFile(path)
			require.NoError(f, err)
			f.Add(src)
		}
	}
	f.Add([]byte("def main(bot):\n    bot.forward(\x00)\n"))
	f.Add([]byte("load(\"x\", \"y\")\n"))
	f.Add([]byte{0xff, 0xfe, '\n'})
	// Small limits keep each run small: the fuzzer looks for crashes, not for the limits' values.
	sb := star.NewSandbox(star.Limits{BotMemory: 1 << 20, MatchMemory: 4 << 20, MaxElements: 10_000,
		WatchdogCPU: 100 * time.Millisecond, WatchdogAlloc: 16 << 20})
	f.Fuzz(func(t *testing.T, src []byte) {
		if bigNumber.Match(src) {
			// "a" * 999999999 allocates up to the interpreter's own cap (1 GiB, or 16 GiB for a list) in one
			// step: the documented limit of what can be stopped (docs/SCRIPTING.md), not a bug to look for.
			// The load is still checked.
			if _, err := sb.LoadSource("fuzz.star", src); err != nil {
				require.NotContains(t, err.Error(), "\n", "load errors are one line")
			}
			return
		}
		script, err := sb.LoadSource("fuzz.star", src)
		if err != nil {
			require.NotContains(t, err.Error(), "\n", "load errors are one line")
			return
		}
		w := newWorld(t, 1, 800, 600, entry{"fuzz", script}, entry{"spinbot", bots.Spinbot})
		step(t, w, 5)
		require.True(t, w.Bot(2).Alive(), "only the script's bot may die")
	})
}
