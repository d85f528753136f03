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
