package engine

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// bruteHit is firstHit by a search of every bot and blocker: the smallest t at which the path a-b enters a live
// bot's body (not owner's; the lowest ID of bots entered at the same t) or a blocking wall or panel widened by
// BulletRadius; a bot beats a blocker at the same t. t is 2 when nothing is hit.
func bruteHit(w *World, a, b Vec, owner *Bot) (float64, *Bot, bool) {
	tb, victim := 2.0, (*Bot)(nil)
	for _, o := range w.bots {
		if !o.alive || o == owner {
			continue
		}
		if ti, ok := segmentCircle(a, b, o.pos, BotRadius); ok && (ti < tb || ti == tb && o.id < victim.id) {
			tb, victim = ti, o
		}
	}
	tw := 2.0
	for i := range w.blockers {
		r, blocks := w.blockerRect(i) // the wall, or a door's panel; an open door: nothing
		if !blocks {
			continue
		}
		if ti, ok := segmentRect(a, b, r.Inset(-BulletRadius)); ok && ti < tw {
			tw = ti
		}
	}
	switch {
	case victim != nil && tb <= tw:
		return tb, victim, false
	case tw < 2:
		return tw, nil, true
	}
	return 2, nil, false
}

// The grid's hit search (firstHit: the cells under a bullet's path, the bots and blockers bucketed there) finds
// what a search of every bot and blocker finds, for paths short and long, inside the arena and leaving it, in
// arenas with walls (some on cell borders), closed, half-open and open doors, and dead bots, in arenas of every
// shape, one of them a whole number of 64-cell words; and again after the doors have moved.
func TestFirstHitAgreesWithASearchOfEverything(t *testing.T) {
	var bots, blockers, misses int
	for seed := range uint64(5) {
		rng := rand.New(rand.NewPCG(seed, 99))
		width, height := 600+float64(rng.IntN(1400)), 500+float64(rng.IntN(1000))
		if seed == 4 { // 8x8 cells: the grid's bit sets end exactly at its last cell
			width, height = 8*CellSize, 8*CellSize
		}
		var walls []Rect
		for range 20 {
			x, y := rng.Float64()*(width-110), rng.Float64()*(height-110)
			if rng.IntN(3) == 0 { // on a cell border
				x = float64(int(x/CellSize)) * CellSize
			}
			walls = append(walls, R(x, y, 2+rng.Float64()*100, 2+rng.Float64()*100))
		}
		w, err := New(Config{Width: width, Height: height, Seed: seed, Walls: walls})
		require.NoError(t, err)
		for k := range 6 {
			d, err := w.AddDoor(R(rng.Float64()*(width-100), rng.Float64()*(height-100), 10+rng.Float64()*80, 10+rng.Float64()*80))
			require.NoError(t, err)
			d.open = float64(k%3) / 2 // closed, half open, open
		}
		for range 60 {
			_, err := w.AddBot("bot")
			require.NoError(t, err)
		}
		for _, d := range w.doors {
			d.updateBlock()
		}
		for _, b := range w.bots { // anywhere, walls and doorways included
			b.pos = Vec{BotRadius + rng.Float64()*(width-2*BotRadius), BotRadius + rng.Float64()*(height-2*BotRadius)}
		}
		w.grid.rebuild(w.bots)
		for _, b := range w.bots[:10] {
			w.bury(b, "test") // struck off the grid
		}
		for i := range 5000 {
			if i == 2500 { // the doors move: closed ones half open, half-open ones open, open ones close
				for _, d := range w.doors {
					d.open = math.Mod(d.open+0.5, 1.5)
					d.updateBlock()
				}
			}
			a := Vec{-30 + rng.Float64()*(width+60), -30 + rng.Float64()*(height+60)}
			length := 20.0
			if i%2 == 0 {
				length = 400
			}
			b := a.Add(Heading(rng.Float64() * 360).Scale(rng.Float64() * length))
			owner := w.bots[rng.IntN(len(w.bots))]
			if i%5 == 0 {
				owner = nil
			}
			gt, gv, gw := w.firstHit(a, b, owner)
			bt, bv, bw := bruteHit(w, a, b, owner)
			require.Equal(t, bt, gt, "seed %d, path %v-%v", seed, a, b)
			require.Same(t, bv, gv, "seed %d, path %v-%v", seed, a, b)
			require.Equal(t, bw, gw, "seed %d, path %v-%v", seed, a, b)
			switch {
			case gv != nil:
				bots++
			case gw:
				blockers++
			default:
				misses++
			}
		}
		require.NoError(t, w.Close())
	}
	t.Logf("%d paths hit a bot, %d a wall or a door, %d nothing", bots, blockers, misses)
	require.Greater(t, min(bots, blockers, misses), 2000)
}
