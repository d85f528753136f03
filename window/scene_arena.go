package window

import (
	"math"

	"stackarena/assets"
	"stackarena/engine"
)

// gridStep is the spacing of the floor's lines, in world units.
const gridStep = 100.0

// floor queues the backdrop around the arena (the screen was filled with the floor's colour), the floor's grid,
// the arena's edge and the doorways' slots as shapes.
func (s *scene) floor(w engine.View, t xform) {
	aw, ah := w.Size()
	x0, y0 := t.pt(engine.Vec{})
	x1, y1 := t.pt(engine.Vec{X: aw, Y: ah})
	sw, sh := t.screenW, t.screenH
	if y0 > 0 {
		s.shapes.rect(0, 0, sw, y0, backdropColor)
	}
	if y1 < sh {
		s.shapes.rect(0, y1, sw, sh-y1, backdropColor)
	}
	if x0 > 0 {
		s.shapes.rect(0, max(0, y0), x0, min(sh, y1)-max(0, y0), backdropColor)
	}
	if x1 < sw {
		s.shapes.rect(x1, max(0, y0), sw-x1, min(sh, y1)-max(0, y0), backdropColor)
	}
	lw := math.Max(1, t.zoom)
	if gridStep*t.zoom >= 12 { // a grid finer than 12 pixels is noise
		for gx := math.Ceil(t.minX/gridStep) * gridStep; gx <= math.Min(aw, t.maxX); gx += gridStep {
			if gx > 0 && gx < aw {
				sx, _ := t.pt(engine.Vec{X: gx})
				s.shapes.rect(sx-lw/2, y0, lw, y1-y0, gridColor)
			}
		}
		for gy := math.Ceil(t.minY/gridStep) * gridStep; gy <= math.Min(ah, t.maxY); gy += gridStep {
			if gy > 0 && gy < ah {
				_, sy := t.pt(engine.Vec{Y: gy})
				s.shapes.rect(x0, sy-lw/2, x1-x0, lw, gridColor)
			}
		}
	}
	bw := math.Max(2, 3*t.zoom)
	s.shapes.frame(x0-bw, y0-bw, x1-x0+2*bw, y1-y0+2*bw, bw, borderColor)
	for _, d := range w.Doors() {
		if r := d.Rect(); t.visibleRect(r) {
			dx0, dy0 := t.pt(r.Min)
			dx1, dy1 := t.pt(r.Max)
			s.shapes.rect(dx0, dy0, dx1-dx0, dy1-dy0, doorwayColor)
		}
	}
}

// arena queues the walls, tiled, and the doors' panels.
func (s *scene) arena(w engine.View, t xform) {
	wall := s.sprites.Sheet(assets.Wall).Bounds()
	for _, r := range w.Walls() {
		if !t.visibleRect(r) {
			continue
		}
		// Whole tiles, stretched a little to fill the wall exactly: a cut tile would lose its bevelled edge.
		nx := max(1, int(math.Round(r.W()/assets.Wall.Width)))
		ny := max(1, int(math.Round(r.H()/assets.Wall.Height)))
		tw, th := r.W()/float64(nx), r.H()/float64(ny)
		for i := range nx {
			for j := range ny {
				sx0, sy0 := t.pt(engine.Vec{X: r.Min.X + float64(i)*tw, Y: r.Min.Y + float64(j)*th})
				sx1, sy1 := t.pt(engine.Vec{X: r.Min.X + float64(i+1)*tw, Y: r.Min.Y + float64(j+1)*th})
				s.walls.rectFrom(sx0, sy0, sx1, sy1, 0, 0, float64(wall.Dx()), float64(wall.Dy()), false, whiteTint)
			}
		}
	}
	for _, d := range w.Doors() {
		if t.visibleRect(d.Rect()) {
			s.door(d, t)
		}
	}
}

// doorThickness is the most a door's panel shows across its doorway, in world units: the rest of the doorway is
// the dark slot it slides in.
const doorThickness = 12.0

// door queues a door's panel: tiles of the Door sprite that slide, as the door opens, towards the doorway's
// top or left end and vanish into the wall there, as the engine's Door.Panel shrinks.
func (s *scene) door(d *engine.Door, t xform) {
	r := d.Rect()
	open := d.OpenFraction()
	if open >= 1 {
		return
	}
	tint := doorClosedTint
	if d.Opening() {
		tint = doorOpeningTint
	}
	src := s.sprites.Sheet(assets.Door).Bounds()
	turned := r.H() > r.W() // the door runs north-south
	length, thick := r.W(), r.H()
	if turned {
		length, thick = thick, length
	}
	n := max(1, int(math.Round(length/assets.Door.Width)))
	tile := length / float64(n)
	shown := math.Min(thick, doorThickness)
	slide := open * length
	for i := range n {
		a := float64(i)*tile - slide // along the doorway, from its top or left end
		b := a + tile
		if b <= 0 {
			continue
		}
		u0 := 0.0
		if a < 0 { // this tile is partly inside the wall
			u0 = -a / tile * float64(src.Dx())
			a = 0
		}
		c0, c1 := (thick-shown)/2, (thick+shown)/2 // across the doorway
		var p0, p1 engine.Vec
		if turned {
			p0, p1 = engine.Vec{X: r.Min.X + c0, Y: r.Min.Y + a}, engine.Vec{X: r.Min.X + c1, Y: r.Min.Y + b}
		} else {
			p0, p1 = engine.Vec{X: r.Min.X + a, Y: r.Min.Y + c0}, engine.Vec{X: r.Min.X + b, Y: r.Min.Y + c1}
		}
		x0, y0 := t.pt(p0)
		x1, y1 := t.pt(p1)
		s.doors.rectFrom(x0, y0, x1, y1, u0, 0, float64(src.Dx()), float64(src.Dy()), turned, tint)
	}
}
