package window

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// The zoom limits, in screen pixels per world unit.
const (
	MinZoom = 0.05
	MaxZoom = 8.0
)

// A Camera shows a rectangular arena, from (0, 0) to (width, height) in world units, in a viewport of screen
// pixels: it zooms, pans and follows. The world point it looks at always stays inside the arena, so the arena can
// never be panned out of sight.
//
// A Camera is not safe for concurrent use; call it from Update and Draw.
type Camera struct {
	arenaW, arenaH float64
	viewX, viewY   float64 // the viewport's top-left corner on the screen
	viewW, viewH   float64
	zoom           float64 // screen pixels per world unit
	x, y           float64 // the world point at the viewport's centre
}

// NewCamera returns a camera for an arena of arenaW by arenaH world units, shown in a viewport of viewW by viewH
// pixels, fitted so that the whole arena is visible (see [Camera.Fit]).
func NewCamera(arenaW, arenaH, viewW, viewH float64) *Camera {
	c := &Camera{arenaW: arenaW, arenaH: arenaH, viewW: viewW, viewH: viewH}
	c.Fit()
	return c
}

// SetViewport changes the viewport's size, for example when the window is resized from Layout. The zoom and the
// world point at the centre stay.
func (c *Camera) SetViewport(w, h float64) { c.viewW, c.viewH = w, h }

// SetViewportAt places the viewport's top-left corner at the screen point (x, y), for a viewport that does not
// start at the screen's corner (the arena beside the side panels). The zoom and the centre stay.
func (c *Camera) SetViewportAt(x, y float64) { c.viewX, c.viewY = x, y }

// Origin returns the viewport's top-left corner on the screen.
func (c *Camera) Origin() (x, y float64) { return c.viewX, c.viewY }

// Viewport returns the viewport's size in pixels.
func (c *Camera) Viewport() (w, h float64) { return c.viewW, c.viewH }

// Zoom returns the scale, in screen pixels per world unit.
func (c *Camera) Zoom() float64 { return c.zoom }

// Center returns the world point shown at the viewport's centre.
func (c *Camera) Center() (x, y float64) { return c.x, c.y }

// Fit zooms so that the whole arena fills the viewport, as large as it fits, and centres it. The zoom is still
// kept within [MinZoom, MaxZoom]: a huge arena in a small window does not fit entirely.
func (c *Camera) Fit() {
	c.zoom = clampZoom(math.Min(c.viewW/c.arenaW, c.viewH/c.arenaH))
	c.LookAt(c.arenaW/2, c.arenaH/2)
}

// LookAt centres the view on the world point (x, y), or on the nearest point of the arena.
func (c *Camera) LookAt(x, y float64) {
	c.x = math.Max(0, math.Min(c.arenaW, x))
	c.y = math.Max(0, math.Min(c.arenaH, y))
}

// Follow moves the view's centre a fraction rate of the way towards (x, y): call it once per Update with a rate
// such as 0.1 for a smooth chase, or 1 to jump there. The rate is clamped to [0, 1].
func (c *Camera) Follow(x, y, rate float64) {
	rate = math.Max(0, math.Min(1, rate))
	c.LookAt(c.x+(x-c.x)*rate, c.y+(y-c.y)*rate)
}

// Pan moves the picture by (dx, dy) screen pixels, as a mouse drag does: the world point under the pointer
// follows it.
func (c *Camera) Pan(dx, dy float64) {
	c.LookAt(c.x-dx/c.zoom, c.y-dy/c.zoom)
}

// SetZoom sets the zoom, clamped to [MinZoom, MaxZoom], keeping the view's centre.
func (c *Camera) SetZoom(zoom float64) { c.zoom = clampZoom(zoom) }

// ZoomAt multiplies the zoom by factor (clamped to [MinZoom, MaxZoom]) about the screen point (sx, sy), usually
// the mouse pointer: the world point under it stays under it, unless that would move the view's centre off the
// arena.
func (c *Camera) ZoomAt(factor, sx, sy float64) {
	wx, wy := c.ScreenToWorld(sx, sy)
	c.zoom = clampZoom(c.zoom * factor)
	c.LookAt(wx-(sx-c.viewX-c.viewW/2)/c.zoom, wy-(sy-c.viewY-c.viewH/2)/c.zoom)
}

// WorldToScreen returns the screen point, in pixels, where the world point (x, y) is shown.
func (c *Camera) WorldToScreen(x, y float64) (sx, sy float64) {
	return (x-c.x)*c.zoom + c.viewX + c.viewW/2, (y-c.y)*c.zoom + c.viewY + c.viewH/2
}

// ScreenToWorld returns the world point shown at the screen point (sx, sy); it is the inverse of
// [Camera.WorldToScreen].
func (c *Camera) ScreenToWorld(sx, sy float64) (x, y float64) {
	return (sx-c.viewX-c.viewW/2)/c.zoom + c.x, (sy-c.viewY-c.viewH/2)/c.zoom + c.y
}

// GeoM returns the transform from world units to screen pixels, the same as [Camera.WorldToScreen]. Concat it
// after a thing's own world transform when drawing it.
func (c *Camera) GeoM() ebiten.GeoM {
	var g ebiten.GeoM
	g.Translate(-c.x, -c.y)
	g.Scale(c.zoom, c.zoom)
	g.Translate(c.viewX+c.viewW/2, c.viewY+c.viewH/2)
	return g
}

func clampZoom(z float64) float64 {
	if math.IsNaN(z) {
		return 1
	}
	return math.Max(MinZoom, math.Min(MaxZoom, z))
}
