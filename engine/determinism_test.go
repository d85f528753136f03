package engine_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

// match builds a busy world (every built-in bot twice, walls, timed and proximity doors, talk bullets) and
// returns its state hash after every tick.
func match(t *testing.T, seed uint64, driver func(func(engine.ScriptError)) engine.Driver) []uint64 {
	t.Helper()
	w, err := engine.New(engine.Config{Width: 1200, Height: 900, Seed: seed, MaxTicks: 1500, Driver: driver,
		Walls: []engine.Rect{engine.R(580, 0, 40, 300), engine.R(580, 600, 40, 300)}})
	require.NoError(t, err)
	defer w.Close()
	_, err = actors.SpawnDoor(w, engine.R(580, 300, 40, 150), actors.TimedDoor(100, 60))
	require.NoError(t, err)
	_, err = actors.SpawnDoor(w, engine.R(580, 450, 40, 150), actors.ProximityDoor(120))
	require.NoError(t, err)
	for range 2 {
		for _, in := range bots.All() {
			_, err := actors.SpawnBot(w, in.Name, in.Script)
			require.NoError(t, err)
		}
	}
	for i := range 5 {
		actors.SpawnBullet(w, 10, float64(100+150*i), nil, bots.TalkBullet(7, 0.5))
	}
	var hashes []uint64
	for !w.Over() {
		require.NoError(t, w.Step())
		hashes = append(hashes, w.Hash())
	}
	return hashes
}

func TestSameSeedSameHashEveryTick(t *testing.T) {
	a := match(t, 42, nil)
	b := match(t, 42, nil)
	require.Equal(t, len(a), len(b))
	t.Logf("%d ticks", len(a))
	for i := range a {
		require.Equal(t, a[i], b[i], "tick %d", i+1)
	}
	c := match(t, 43, nil)
	assert.NotEqual(t, a[len(a)-1], c[len(c)-1], "another seed, another match")
}

func TestSameHashAcrossGOMAXPROCS(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	one := match(t, 7, nil)
	runtime.GOMAXPROCS(4)
	four := match(t, 7, nil)
	runtime.GOMAXPROCS(prev)
	assert.Equal(t, one, four)
}

// The goroutine driver exists for the benchmarks; it runs scripts in the same order, so the match is the same.
func TestDriversAgree(t *testing.T) {
	tasklets := match(t, 9, nil)
	goroutines := match(t, 9, engine.NewGoroutineDriver)
	assert.Equal(t, tasklets, goroutines)
}
