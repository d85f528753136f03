package window

import (
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
)

// The speed slider: a press on a stop sets that speed, a drag along the track follows the pointer, and a press
// elsewhere in the window leaves the speed alone.
func TestSpeedSlider(t *testing.T) {
	g, in := newTestGame(t, Options{Player: false, Match: arenaConfig(5, 600, 400, match.BotSpec{Name: "spinbot", Count: 3})})
	r := g.sliderRect(g.panels().hud)
	x0, x1, y := g.sliderTrack(r)
	require.Less(t, x0, x1)
	stop := func(i int) int { return int(x0 + (x1-x0)*float64(i)/float64(len(Speeds)-1)) }

	in.x, in.y = stop(len(Speeds)-1), int(y)
	in.buttons[ebiten.MouseButtonLeft] = true
	updates(t, g, in, 1)
	assert.Equal(t, 16.0, g.clock.Speed(), "a press on the last stop: 16x")
	in.x = stop(0)
	updates(t, g, in, 1)
	assert.Equal(t, 0.25, g.clock.Speed(), "dragged to the first stop: 0.25x")
	in.x = int(x1) + 500 // off the track while held: the nearest end
	updates(t, g, in, 1)
	assert.Equal(t, 16.0, g.clock.Speed())
	delete(in.buttons, ebiten.MouseButtonLeft)
	updates(t, g, in, 1)

	in.x, in.y = g.panels().arena.Dx()/2, g.panels().arena.Dy()/2
	in.buttons[ebiten.MouseButtonLeft] = true
	updates(t, g, in, 1)
	assert.Equal(t, 16.0, g.clock.Speed(), "a press in the arena is not the slider's")
	delete(in.buttons, ebiten.MouseButtonLeft)
	updates(t, g, in, 1)
}

// The HUD's ticks per second are the World's ticks over the last second of Updates.
func TestTickRate(t *testing.T) {
	var r tickRate
	assert.Zero(t, r.PerSecond(), "no samples")
	t0 := time.Unix(1000, 0)
	for i := range 100 {
		r.add(t0.Add(time.Duration(i)*time.Second/60), uint64(i*4))
	}
	assert.InDelta(t, 240, r.PerSecond(), 0.001, "4 ticks an Update at 60 Updates a second")
	r.add(t0.Add(100*time.Second/60), 396) // the match is over: no new ticks
	assert.Less(t, r.PerSecond(), 240.0)
}
