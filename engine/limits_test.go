package engine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

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
	w := newWorld(t, engine.Config{Width: width, Height: height, Walls: []engine.Rect{wall}})
	_, err := w.AddDoor(doorway)
	assert.NoError(t, err)
	var bots []*engine.Bot
	for {
		b, err := w.AddBot("x")
		if err != nil {
			assert.Contains(t, err.Error(), "too small")
			break
		}
		bots = append(bots, b)
	}
	assert.Greater(t, len(bots), 150, "the arena filled up")
	assert.Equal(t, []string{"x", "x#2", "x#3"}, []string{bots[0].Name(), bots[1].Name(), bots[2].Name()})
	for i, b := range bots {
		assert.Equal(t, i, b.Style())
		p := b.Pos()
		assert.True(t, p.X >= engine.BotRadius+2 && p.X <= width-engine.BotRadius-2 && p.Y >= engine.BotRadius+2 && p.Y <= height-engine.BotRadius-2, "%s at %v: too near an edge", b, p)
		assert.False(t, wall.CircleOverlaps(p, engine.BotRadius+4), "%s at %v: on the wall", b, p)
		assert.False(t, doorway.CircleOverlaps(p, engine.BotRadius+4), "%s at %v: in the doorway", b, p)
		for _, o := range bots[i+1:] {
			assert.GreaterOrEqual(t, p.Dist(o.Pos()), 2*engine.BotRadius+4, "%s and %s", b, o)
		}
	}
	_, err = w.AddDoor(engine.R(700, 700, 40, 10))
	assert.ErrorContains(t, err, "before bots")
}
