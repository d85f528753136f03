package engine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// The arena's size limits are inclusive, and a wall may touch the arena's edges but not cross them.
func TestConfigLimits(t *testing.T) {
	const lo, hi = engine.MinArena, engine.MaxArena
	tests := []struct {
		cfg engine.Config
		ok  bool
	}{
		{engine.Config{Width: lo, Height: lo}, true},
		{engine.Config{Width: hi, Height: hi}, true},
		{engine.Config{Width: lo - 1, Height: 600}, false},
		{engine.Config{Width: 800, Height: lo - 1}, false},
		{engine.Config{Width: hi + 1, Height: 600}, false},
		{engine.Config{Width: 800, Height: hi + 1}, false},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(0, 0, 800, 10)}}, true},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(0, 0, 10, 600)}}, true},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(-1, 0, 10, 10)}}, false},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(0, -1, 10, 10)}}, false},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(791, 0, 10, 10)}}, false},
		{engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(0, 591, 10, 10)}}, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%gx%g %v", tt.cfg.Width, tt.cfg.Height, tt.cfg.Walls), func(t *testing.T) {
			w, err := engine.New(tt.cfg)
			if tt.ok {
				assert.NoError(t, err)
				w.Close()
			} else {
				assert.Error(t, err)
			}
		})
	}
	_, err := engine.New(engine.Config{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(0, 0, 10, 10), engine.R(0, 0, 0, 10)}})
	assert.ErrorContains(t, err, "wall 2 ", "walls are counted from 1")
}

// Bots are placed clear of the edges (BotRadius+2), of walls and doorways (BotRadius+4) and of one another
// (2*BotRadius+4), even when the arena is full; a repeated name gets "#n"; the renderer's style is ID-1.
func TestPlacement(t *testing.T) {
	const width, height = 1000.0, 800.0
	wall, doorway := engine.R(400, 300, 200, 200), engine.R(100, 100, 60, 12)
	// Thin walls flush against grid cells' borders, each in one cell: a bot in the next cell is near them.
	walls := []engine.Rect{wall,
		engine.R(6*engine.CellSize, 0, 10, 300), engine.R(2*engine.CellSize-11, 500, 10, 300),
		engine.R(0, 5*engine.CellSize, 300, 10), engine.R(700, engine.CellSize-11, 300, 10)}
	w := newWorld(t, engine.Config{Width: width, Height: height, Walls: walls})
	_, err := w.AddDoor(doorway)
	assert.NoError(t, err)
	var bots []*engine.Bot
	var full error
	for full == nil && len(bots) < 1000 { // a placement that ignored other bots would never fill it
		var b *engine.Bot
		if b, full = w.AddBot("x"); full == nil {
			bots = append(bots, b)
		}
	}
	require.ErrorContains(t, full, "too small", "the arena filled up")
	assert.Greater(t, len(bots), 150)
	assert.Equal(t, []string{"x", "x#2", "x#3"}, []string{bots[0].Name(), bots[1].Name(), bots[2].Name()})
	for i, b := range bots {
		assert.Equal(t, i, b.Style())
		p := b.Pos()
		assert.True(t, p.X >= engine.BotRadius+2 && p.X <= width-engine.BotRadius-2 && p.Y >= engine.BotRadius+2 && p.Y <= height-engine.BotRadius-2, "%s at %v: too near an edge", b, p)
		for _, wall := range walls {
			assert.False(t, wall.CircleOverlaps(p, engine.BotRadius+4), "%s at %v: on the wall %v", b, p, wall)
		}
		assert.False(t, doorway.CircleOverlaps(p, engine.BotRadius+4), "%s at %v: in the doorway", b, p)
		for _, o := range bots[i+1:] {
			assert.GreaterOrEqual(t, p.Dist(o.Pos()), 2*engine.BotRadius+4, "%s and %s", b, o)
		}
	}
	_, err = w.AddDoor(engine.R(700, 700, 40, 10))
	assert.ErrorContains(t, err, "before bots")
}

// A doorway may touch the arena's edges but not cross them.
func TestDoorwayLimits(t *testing.T) {
	for _, tt := range []struct {
		r  engine.Rect
		ok bool
	}{
		{engine.R(0, 0, 40, 10), true},
		{engine.R(760, 590, 40, 10), true},
		{engine.R(-1, 0, 40, 10), false},
		{engine.R(0, -1, 40, 10), false},
		{engine.R(761, 0, 40, 10), false},
		{engine.R(0, 591, 40, 10), false},
		{engine.R(10, 10, 0, 10), false},
	} {
		w := newWorld(t, engine.Config{})
		_, err := w.AddDoor(tt.r)
		assert.Equal(t, tt.ok, err == nil, "%v: %v", tt.r, err)
	}
}

// A bullet is a circle of BulletRadius for walls: one that passes a wall closer than that is stopped.
func TestBulletsGrazeWalls(t *testing.T) {
	for _, tt := range []struct {
		gap  float64 // between the bullet's path and the wall
		hits bool    // the bullet gets past the wall to the target
	}{
		{engine.BulletRadius - 0.5, false},
		{engine.BulletRadius + 0.5, true},
	} {
		w := newWorld(t, engine.Config{Walls: []engine.Rect{engine.R(300, 300+tt.gap, 20, 100)}})
		shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
			bot.WaitGun()
			bot.Shoot()
			bot.Wait(1 << 30)
		})
		target := spawn(t, w, "target", idle)
		place(w, shooter, 100, 300, 0)
		place(w, target, 500, 290, 0) // the path at y=300 crosses its body
		step(t, w, 60)
		assert.Equal(t, tt.hits, target.Energy() < engine.StartEnergy, "gap %g", tt.gap)
	}
}

// A door's panel stops bullets as a wall does, widened by BulletRadius, and an open door stops none, not even
// along the edge its panel slid toward (a vertical door's panel slides up, a horizontal one's left).
func TestBulletsGrazeDoorPanels(t *testing.T) {
	shut := func(d *actors.Door) { d.Wait(1 << 30) }
	open := func(d *actors.Door) { d.Open(); d.Wait(1 << 30) }
	for _, tt := range []struct {
		name             string
		door             engine.Rect
		script           func(*actors.Door)
		from, to         engine.Vec // shooter and target
		heading          float64    // the shooter's: east (0) or south (90), along the door's long side
		hits             bool       // the bullet gets past the door to the target
		wantOpenFraction float64
	}{
		{"closed, passed closer than BulletRadius", engine.R(300, 300+engine.BulletRadius-0.5, 20, 100), shut,
			engine.Vec{X: 100, Y: 300}, engine.Vec{X: 500, Y: 290}, 0, false, 0},
		{"closed, passed farther than BulletRadius", engine.R(300, 300+engine.BulletRadius+0.5, 20, 100), shut,
			engine.Vec{X: 100, Y: 300}, engine.Vec{X: 500, Y: 290}, 0, true, 0},
		{"closed, through its doorway", engine.R(300, 299, 20, 100), shut,
			engine.Vec{X: 100, Y: 300}, engine.Vec{X: 500, Y: 290}, 0, false, 0},
		{"open, along the edge its panel slid to", engine.R(300, 299, 20, 100), open,
			engine.Vec{X: 100, Y: 300}, engine.Vec{X: 500, Y: 290}, 0, true, 1},
		{"horizontal, closed, through its doorway", engine.R(299, 300, 100, 20), shut,
			engine.Vec{X: 300, Y: 100}, engine.Vec{X: 290, Y: 500}, 90, false, 0},
		{"horizontal, open, along the edge its panel slid to", engine.R(299, 300, 100, 20), open,
			engine.Vec{X: 300, Y: 100}, engine.Vec{X: 290, Y: 500}, 90, true, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			door, err := actors.SpawnDoor(w, tt.door, tt.script)
			require.NoError(t, err)
			shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
				bot.Wait(40) // the door is open by then
				bot.WaitGun()
				bot.Shoot()
				bot.Wait(1 << 30)
			})
			target := spawn(t, w, "target", idle)
			place(w, shooter, tt.from.X, tt.from.Y, tt.heading)
			place(w, target, tt.to.X, tt.to.Y, 0) // the bullet's path crosses its body
			step(t, w, 90)
			require.Equal(t, 1, w.Bot(shooter.ID()).Shots())
			assert.Equal(t, tt.wantOpenFraction, w.Doors()[door.ID()-1].OpenFraction())
			assert.Equal(t, tt.hits, target.Energy() < engine.StartEnergy)
		})
	}
}

// Bullets are numbered from 1 in the order they were added or fired, scripted or not; PeakActors is the most
// bots, bullets and doors alive at the end of a tick.
func TestBulletIDsAndPeakActors(t *testing.T) {
	w := newWorld(t, engine.Config{})
	_, err := w.AddDoor(engine.R(10, 10, 40, 10))
	require.NoError(t, err)
	shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
		bot.WaitGun()
		bot.Shoot()
		bot.Wait(1 << 30)
	})
	spawn(t, w, "idle", idle)
	one := w.AddScriptedBullet(engine.Vec{X: 400, Y: 100}, nil)
	two := w.AddScriptedBullet(engine.Vec{X: 400, Y: 500}, w.Bot(shooter.ID()))
	assert.Equal(t, []int{1, 2}, []int{one.ID(), two.ID()})
	assert.Same(t, w.Bot(shooter.ID()), two.Owner())
	assert.True(t, two.Scripted())
	step(t, w, 1)
	assert.Equal(t, 5, w.PeakActors(), "2 bots, 2 bullets, a door")
	step(t, w, 35)
	require.Len(t, w.Bullets(), 3)
	assert.Equal(t, 3, w.Bullets()[2].ID())
	assert.Equal(t, 6, w.PeakActors())
	assert.Equal(t, 6, w.Actors())
}
