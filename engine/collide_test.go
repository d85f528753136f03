package engine

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
)

// fullCollisionPass is the collision pass checking every bot, as it was before collideBots checked only the
// crowded ones: the reference collideBots must match. Both apply the same rule (ram); what differs is which
// pairs they look at, and how the grid follows.
func fullCollisionPass(w *World) {
	moved := false
	for _, a := range w.bots {
		if !a.alive {
			continue
		}
		w.grid.near(a.pos, BotRadius, func(b *Bot, _ Vec) {
			if b.id > a.id && w.ram(a, b, func(x *Bot, to Vec) { x.pos = to }) {
				moved = true
			}
		})
	}
	if moved {
		w.grid.rebuild(w.bots)
	}
}

// crowd is a small arena of bots that have just moved up to reach units each (from prev to pos), a few of them
// dead, with the grid built where they are now: many overlap, some in chains.
func crowd(t *testing.T, seed uint64, reach float64) *World {
	t.Helper()
	w, err := New(Config{Width: 500, Height: 400, Seed: seed})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(seed, 1))
	for range 60 {
		b, err := w.AddBot("b")
		require.NoError(t, err)
		b.prev = b.pos
		if rng.IntN(3) > 0 { // a third stand still
			b.pos = w.inside(b.pos.Add(Vec{(rng.Float64()*2 - 1) * reach, (rng.Float64()*2 - 1) * reach}))
		}
		b.alive = rng.IntN(20) > 0
	}
	w.grid.rebuild(w.bots)
	return w
}

// Checking only the crowded bots (found on several cores) gives what the full pass gives: the same positions,
// energies, events and grid, in crowds from sparse to packed, whatever GOMAXPROCS.
func TestCollisionsSameAsTheFullPass(t *testing.T) {
	collisions := 0
	for _, procs := range []int{1, 3} {
		for _, reach := range []float64{5, 20, 60} {
			for seed := range uint64(15) {
				t.Run(fmt.Sprintf("procs=%d,reach=%g,seed=%d", procs, reach, seed), func(t *testing.T) {
					prev := runtime.GOMAXPROCS(procs)
					defer runtime.GOMAXPROCS(prev)
					defer SplitPhases(2)()
					want, got := crowd(t, seed, reach), crowd(t, seed, reach)
					fullCollisionPass(want)
					got.collideBots()
					for i, w := range want.bots {
						g := got.bots[i]
						require.Equal(t, w.pos, g.pos, "bot %d", w.id)
						require.Equal(t, w.energy, g.energy, "bot %d", w.id)
						require.Equal(t, w.events, g.events, "bot %d", w.id)
						collisions += len(w.events)
					}
					require.Equal(t, len(want.grid.pos), len(got.grid.pos))
					for i := range want.grid.pos {
						require.Equal(t, want.grid.pos[i], got.grid.pos[i], "grid slot %d", i)
						require.Equal(t, want.grid.items[i].id, got.grid.items[i].id, "grid slot %d", i)
					}
				})
			}
		}
	}
	require.Greater(t, collisions, 500, "enough collisions to mean something")
}
