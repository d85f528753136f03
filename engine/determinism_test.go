package engine_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

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
	return shardedMatch(t, seed, driver, 0)
}

// shardedMatch is match with the scripts spread over shards.
func shardedMatch(t *testing.T, seed uint64, driver func(func(engine.ScriptError)) engine.Driver, shards int) []uint64 {
	t.Helper()
	w, err := engine.New(engine.Config{Width: 1200, Height: 900, Seed: seed, MaxTicks: 1500, Driver: driver,
		Shards: shards, Walls: []engine.Rect{engine.R(580, 0, 40, 300), engine.R(580, 600, 40, 300)}})
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
	if shards > 0 { // faulty bots too: a failure buries its bot, an effect on the World
		for i := range 3 {
			_, err := actors.SpawnBot(w, "faulty", func(b *actors.Bot) {
				for b.Tick() < uint64(40*i) {
					b.Scan()
					b.Forward(10)
				}
				panic("faulty bot")
			})
			require.NoError(t, err)
		}
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

// The sharded script phase gives the same match, tick by tick, whatever the number of shards and GOMAXPROCS.
func TestSameHashForEveryShardCount(t *testing.T) {
	base := runtime.NumGoroutine()
	one := shardedMatch(t, 11, nil, 1)
	require.Greater(t, len(one), 100)
	for _, tc := range []struct{ shards, procs int }{{2, 1}, {2, 2}, {3, 4}, {8, 2}} {
		t.Run(fmt.Sprintf("shards=%d,procs=%d", tc.shards, tc.procs), func(t *testing.T) {
			prev := runtime.GOMAXPROCS(tc.procs)
			defer runtime.GOMAXPROCS(prev)
			got := shardedMatch(t, 11, nil, tc.shards)
			require.Equal(t, len(one), len(got))
			for i := range one {
				require.Equal(t, one[i], got[i], "tick %d", i+1)
			}
		})
	}
	deadline := time.Now().Add(5 * time.Second) // a test's wait, not the simulation's clock
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), base, "the shards' workers and coroutines end with Close")
}

// The physics split over cores (bullets' flights, bots' moves, flights' ends: parallel.go) gives the same match, tick by tick,
// as one pass, whatever GOMAXPROCS and the number of shards. The thresholds are lowered so that this small world
// splits every phase into as many parts as there are cores (up to 8).
func TestSplitPhysicsSameHashEveryTick(t *testing.T) {
	one := shardedMatch(t, 13, nil, 1)
	require.Greater(t, len(one), 100)
	defer engine.SplitPhases(2)()
	for _, tc := range []struct{ shards, procs int }{{1, 1}, {1, 2}, {1, 4}, {2, 2}, {3, 8}} {
		t.Run(fmt.Sprintf("shards=%d,procs=%d", tc.shards, tc.procs), func(t *testing.T) {
			prev := runtime.GOMAXPROCS(tc.procs)
			defer runtime.GOMAXPROCS(prev)
			got := shardedMatch(t, 13, nil, tc.shards)
			require.Equal(t, len(one), len(got))
			for i := range one {
				require.Equal(t, one[i], got[i], "tick %d", i+1)
			}
		})
	}
}

// crossfire is a small crowded arena where order matters: watchers steer by the exact energy of the bot they
// scan, lingering bullets hurt whatever bot they sit on every tick, faulty bots fail at different ticks. A hurt
// or a burial applied during the script phase, in whatever order the shards ran, changes what a watcher sees.
func crossfire(t *testing.T, shards int) []uint64 {
	t.Helper()
	w, err := engine.New(engine.Config{Width: 400, Height: 300, Seed: 5, MaxTicks: 300, Shards: shards})
	require.NoError(t, err)
	defer w.Close()
	for i := range 12 {
		_, err := actors.SpawnBot(w, "faulty", func(b *actors.Bot) {
			for b.Tick() < uint64(10+15*i) {
				b.Yield()
			}
			panic("faulty bot")
		})
		require.NoError(t, err)
	}
	for i := range 24 {
		_, err := actors.SpawnBot(w, "watcher", func(b *actors.Bot) {
			for {
				turn := -9.0
				if t, ok := b.Scan(); ok {
					turn = 5 + 4*float64(int64(t.Energy*1e6)%2)
				}
				b.SetTurn(turn)
				b.SetGunTurn(17)
				b.SetSpeed(float64(2 + i%3))
				b.Yield()
			}
		})
		require.NoError(t, err)
	}
	linger := func(bl *actors.Bullet) {
		x, y := bl.Pos()
		for n := 0; bl.InBounds(); n++ {
			x, y = x+1.5, y+0.7
			bl.MoveTo(x, y)
			if v := bl.FindBot(); v != nil {
				v.AddDamage(-0.013 * float64(1+n%7))
			}
			bl.Schedule()
		}
	}
	var hashes []uint64
	for !w.Over() {
		if w.Tick()%5 == 0 {
			for i := range 6 {
				actors.SpawnBullet(w, 5, float64(10+50*i), nil, linger)
			}
		}
		require.NoError(t, w.Step())
		hashes = append(hashes, w.Hash())
	}
	return hashes
}

func TestCrossfireSameForEveryShardCount(t *testing.T) {
	one := crossfire(t, 1)
	require.Greater(t, len(one), 100)
	for _, shards := range []int{2, 3, 8} {
		got := crossfire(t, shards)
		require.Equal(t, len(one), len(got), "%d shards", shards)
		for i := range one {
			require.Equal(t, one[i], got[i], "%d shards, tick %d", shards, i+1)
		}
	}
}

func TestShardsConfigChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  engine.Config
	}{
		{"negative", engine.Config{Width: 800, Height: 600, Shards: -1}},
		{"too many", engine.Config{Width: 800, Height: 600, Shards: engine.MaxShards + 1}},
		{"own driver", engine.Config{Width: 800, Height: 600, Shards: 2, Driver: engine.NewGoroutineDriver}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.New(tc.cfg)
			assert.ErrorContains(t, err, "shards")
		})
	}
	for _, tc := range []struct {
		cfg  engine.Config
		want int // Shards()
	}{
		{engine.Config{Width: 800, Height: 600, Shards: 0}, 1},
		{engine.Config{Width: 800, Height: 600, Shards: 1}, 1},
		{engine.Config{Width: 800, Height: 600, Shards: 1, Driver: engine.NewGoroutineDriver}, 1},
		{engine.Config{Width: 800, Height: 600, Shards: 3}, 3},
		{engine.Config{Width: 800, Height: 600, Shards: engine.MaxShards}, engine.MaxShards},
	} {
		w, err := engine.New(tc.cfg)
		require.NoError(t, err, "%d shards", tc.cfg.Shards)
		assert.Equal(t, tc.want, w.Shards())
		if tc.cfg.Shards <= 1 { // one shard is no shard: the World's own driver, or the one Config names
			assert.Equal(t, tc.cfg.Driver == nil, engine.Scheduler(w.Driver()) != nil, "%+v", tc.cfg)
		}
		require.NoError(t, w.Close())
	}
}

// BenchmarkShardHandoff is the sharded script phase's fixed cost: a Step of a World with one idle bot, whose
// script phase is only the handoff to the shards' workers and back (two channel operations per shard), against
// one shard (no workers).
func BenchmarkShardHandoff(b *testing.B) {
	for _, shards := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("shards=%d", shards), func(b *testing.B) {
			w, err := engine.New(engine.Config{Width: 800, Height: 600, Seed: 1, MaxTicks: 1 << 62, Shards: shards})
			require.NoError(b, err)
			defer w.Close()
			_, err = actors.SpawnBot(w, "idle", func(bot *actors.Bot) { bot.Wait(1 << 30) })
			require.NoError(b, err)
			for b.Loop() {
				if err := w.Step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
