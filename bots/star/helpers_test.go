package star_test

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots/star"
	"stackarena/engine"
)

// entry is a bot to spawn: a name and its script.
type entry struct {
	name   string
	script actors.Script
}

// newWorld builds a w x h arena for seed with one bot per entry, in order, and closes it when the test ends.
func newWorld(t testing.TB, seed uint64, w, h float64, bots ...entry) *engine.World {
	t.Helper()
	world, err := engine.New(engine.Config{Width: w, Height: h, Seed: seed})
	require.NoError(t, err)
	t.Cleanup(func() { world.Close() })
	for _, b := range bots {
		_, err := actors.SpawnBot(world, b.name, b.script)
		require.NoError(t, err)
	}
	return world
}

// source compiles a script held in the test.
func source(t testing.TB, name, src string) actors.Script {
	t.Helper()
	script, err := star.LoadSource(name, []byte(src))
	require.NoError(t, err)
	return script
}

// step runs the world n ticks (fewer if the match ends).
func step(t testing.TB, w *engine.World, n int) {
	t.Helper()
	for range n {
		require.NoError(t, w.Step())
	}
}

// console is a bot's console without the "[tick] " prefixes, one line each.
func console(b *engine.Bot) []string {
	var out []string
	for _, l := range b.Console() {
		_, text, _ := strings.Cut(l, "] ")
		out = append(out, text)
	}
	return out
}

// stableGoroutines is runtime.NumGoroutine without the goroutines that come and go on their own (one that is
// ending, or the runtime's finalizer goroutine, which counts while it runs a finalizer): the least of a few
// samples over 20 ms.
func stableGoroutines() int {
	n := runtime.NumGoroutine()
	for range 20 {
		time.Sleep(time.Millisecond)
		n = min(n, runtime.NumGoroutine())
	}
	return n
}
