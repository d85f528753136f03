package window

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

const eps = 1e-9

func TestCameraFit(t *testing.T) {
	tests := []struct {
		arenaW, arenaH, viewW, viewH float64
		zoom                         float64
	}{
		{800, 600, 400, 400, 0.5}, // width limits
		{800, 600, 1600, 600, 1},  // height limits
		{100, 50, 1280, 800, 8},   // clamped to MaxZoom
		{10000, 10000, 640, 480, MinZoom},
		{800, 600, 0, 0, MinZoom}, // no viewport yet
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%vx%v in %vx%v", tt.arenaW, tt.arenaH, tt.viewW, tt.viewH), func(t *testing.T) {
			c := NewCamera(tt.arenaW, tt.arenaH, tt.viewW, tt.viewH)
			assert.InDelta(t, tt.zoom, c.Zoom(), eps)
			x, y := c.WorldToScreen(tt.arenaW/2, tt.arenaH/2)
			assert.InDelta(t, tt.viewW/2, x, eps, "arena centred")
			assert.InDelta(t, tt.viewH/2, y, eps, "arena centred")
		})
	}
	c := NewCamera(800, 600, 400, 400)
	x0, y0 := c.WorldToScreen(0, 0)
	x1, y1 := c.WorldToScreen(800, 600)
	assert.InDelta(t, 0, x0, eps)
	assert.InDelta(t, 50, y0, eps)
	assert.InDelta(t, 400, x1, eps)
	assert.InDelta(t, 350, y1, eps)
}

func TestCameraRoundTrip(t *testing.T) {
	c := NewCamera(1000, 700, 640, 480)
	states := []func(){
		func() {},
		func() { c.SetZoom(3.7) },
		func() { c.ZoomAt(0.3, 17, 400) },
		func() { c.Pan(-123.5, 42) },
		func() { c.LookAt(999, 1) },
		func() { c.SetViewport(333, 777) },
	}
	for i, set := range states {
		set()
		for _, p := range [][2]float64{{0, 0}, {1000, 700}, {12.25, 680.5}, {-50, 2000}} {
			sx, sy := c.WorldToScreen(p[0], p[1])
			x, y := c.ScreenToWorld(sx, sy)
			assert.InDelta(t, p[0], x, 1e-6, "state %d, point %v", i, p)
			assert.InDelta(t, p[1], y, 1e-6, "state %d, point %v", i, p)
			g := c.GeoM()
			gx, gy := g.Apply(p[0], p[1])
			assert.InDelta(t, sx, gx, 1e-6, "GeoM agrees, state %d", i)
			assert.InDelta(t, sy, gy, 1e-6, "GeoM agrees, state %d", i)
		}
	}
}

func TestCameraZoomAtKeepsThePointerStill(t *testing.T) {
	tests := []struct {
		name     string
		factor   float64
		sx, sy   float64
		wantZoom float64
	}{
		{"in", 2, 100, 80, 2},
		{"in at the centre", 1.5, 320, 240, 1.5},
		{"out", 0.5, 500, 300, 0.5},
		{"clamped in", 100, 600, 20, MaxZoom},
		{"clamped out", 0.01, 320, 240, MinZoom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCamera(640, 480, 640, 480) // zoom 1, arena fills the view
			wx, wy := c.ScreenToWorld(tt.sx, tt.sy)
			c.ZoomAt(tt.factor, tt.sx, tt.sy)
			assert.InDelta(t, tt.wantZoom, c.Zoom(), eps)
			sx, sy := c.WorldToScreen(wx, wy)
			assert.InDelta(t, tt.sx, sx, 1e-9)
			assert.InDelta(t, tt.sy, sy, 1e-9)
		})
	}
}

func TestCameraZoomOutNearAnEdgeKeepsTheCentreOnTheArena(t *testing.T) {
	c := NewCamera(640, 480, 640, 480)
	c.ZoomAt(4, 0, 0) // close on the top-left corner
	c.ZoomAt(0.25, 639, 479)
	x, y := c.Center()
	assert.True(t, x >= 0 && x <= 640 && y >= 0 && y <= 480, "centre %v,%v", x, y)
}

func TestCameraSetZoomClampsAndKeepsTheCentre(t *testing.T) {
	c := NewCamera(640, 480, 640, 480)
	c.LookAt(100, 200)
	for _, tt := range []struct{ set, want float64 }{{2, 2}, {0, MinZoom}, {-3, MinZoom}, {1e6, MaxZoom}, {0.25, 0.25}} {
		c.SetZoom(tt.set)
		assert.InDelta(t, tt.want, c.Zoom(), eps, "SetZoom(%v)", tt.set)
		x, y := c.Center()
		assert.Equal(t, [2]float64{100, 200}, [2]float64{x, y})
	}
}

func TestCameraPan(t *testing.T) {
	c := NewCamera(1000, 1000, 500, 500) // zoom 0.5
	c.SetZoom(2)
	sx, sy := c.WorldToScreen(500, 500)
	c.Pan(30, -40)
	nx, ny := c.WorldToScreen(500, 500)
	assert.InDelta(t, sx+30, nx, eps, "the picture moves with the drag")
	assert.InDelta(t, sy-40, ny, eps)

	c.Pan(1e6, -1e6) // far off: the centre stops at the arena's edge
	x, y := c.Center()
	assert.Equal(t, [2]float64{0, 1000}, [2]float64{x, y})
}

func TestCameraFollow(t *testing.T) {
	c := NewCamera(1000, 1000, 500, 500)
	c.LookAt(100, 100)
	c.Follow(300, 500, 0.5)
	x, y := c.Center()
	assert.InDelta(t, 200, x, eps)
	assert.InDelta(t, 300, y, eps)
	c.Follow(300, 500, 1)
	x, y = c.Center()
	assert.Equal(t, [2]float64{300, 500}, [2]float64{x, y})
	c.Follow(0, 0, 7) // rate clamped to 1
	x, y = c.Center()
	assert.Equal(t, [2]float64{0, 0}, [2]float64{x, y})
	c.Follow(2000, -10, 1) // off the arena: the nearest point
	x, y = c.Center()
	assert.Equal(t, [2]float64{1000, 0}, [2]float64{x, y})
}
