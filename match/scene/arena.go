package scene

import (
	"math"

	"stackarena/assets"
	"stackarena/engine"
)

// GridStep is the spacing of the floor's lines, in world units.
const GridStep = 100.0

// floor adds the backdrop around the arena (the frame's background is the floor's colour), the floor's grid,
// the arena's edge and the doorways: a slot a little lighter than the floor with a rail along each side, so
// that an open door reads as a passage, not a pit.
func (b *Builder) floor(w engine.View) {
	t := &b.t
	aw, ah := w.Size()
	x0, y0 := t.pt(engine.Vec{})
	x1, y1 := t.pt(engine.Vec{X: aw, Y: ah})
	l, tp, r, bt := t.left, t.top, t.right, t.bottom
	if y0 > tp {
		b.rect(Floor, l, tp, r-l, y0-tp, BackdropColor)
	}
	if y1 < bt {
		b.rect(Floor, l, y1, r-l, bt-y1, BackdropColor)
	}
	if x0 > l {
		b.rect(Floor, l, max(tp, y0), x0-l, min(bt, y1)-max(tp, y0), BackdropColor)
	}
	if x1 < r {
		b.rect(Floor, x1, max(tp, y0), r-x1, min(bt, y1)-max(tp, y0), BackdropColor)
	}
	lw := math.Max(1, t.zoom)
	if GridStep*t.zoom >= 12 { // a grid finer than 12 pixels is noise
		for gx := math.Ceil(t.minX/GridStep) * GridStep; gx <= math.Min(aw, t.maxX); gx += GridStep {
			if gx > 0 && gx < aw {
				sx, _ := t.pt(engine.Vec{X: gx})
				b.rect(Floor, sx-lw/2, y0, lw, y1-y0, GridColor)
			}
		}
		for gy := math.Ceil(t.minY/GridStep) * GridStep; gy <= math.Min(ah, t.maxY); gy += GridStep {
			if gy > 0 && gy < ah {
				_, sy := t.pt(engine.Vec{Y: gy})
				b.rect(Floor, x0, sy-lw/2, x1-x0, lw, GridColor)
			}
		}
	}
	bw := math.Max(2, 3*t.zoom)
	b.frame(Floor, x0-bw, y0-bw, x1-x0+2*bw, y1-y0+2*bw, bw, BorderColor)
	rail := math.Max(1, 2*t.zoom)
	for _, d := range w.Doors() {
		r := d.Rect()
		if !t.visibleRect(r) {
			continue
		}
		dx0, dy0 := t.pt(r.Min)
		dx1, dy1 := t.pt(r.Max)
		b.rect(Floor, dx0, dy0, dx1-dx0, dy1-dy0, DoorwayColor)
		if r.H() > r.W() { // north-south: rails on the left and right
			b.rect(Floor, dx0, dy0, rail, dy1-dy0, DoorRailColor)
			b.rect(Floor, dx1-rail, dy0, rail, dy1-dy0, DoorRailColor)
		} else {
			b.rect(Floor, dx0, dy0, dx1-dx0, rail, DoorRailColor)
			b.rect(Floor, dx0, dy1-rail, dx1-dx0, rail, DoorRailColor)
		}
	}
}

// arena adds the walls, tiled, and the doors' panels.
func (b *Builder) arena(w engine.View) {
	t := &b.t
	wall := assets.Wall.FrameBounds(0)
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
				b.rectFrom(Walls, sx0, sy0, sx1, sy1, 0, 0, float64(wall.Dx()), float64(wall.Dy()), false, WhiteTint)
			}
		}
	}
	for _, d := range w.Doors() {
		if t.visibleRect(d.Rect()) {
			b.door(d)
		}
	}
}

// DoorThickness is the most a door's panel shows across its doorway, in world units: the rest of the doorway is
// the slot it slides in.
const DoorThickness = 12.0

// door adds a door's panel: tiles of the Door sprite that slide, as the door opens, towards the doorway's top or
// left end and vanish into the wall there, as the engine's Door.Panel shrinks.
func (b *Builder) door(d *engine.Door) {
	r := d.Rect()
	open := d.OpenFraction()
	if open >= 1 {
		return
	}
	tint := DoorClosedTint
	if d.Opening() {
		tint = DoorOpeningTint
	}
	src := assets.Door.FrameBounds(0)
	turned := r.H() > r.W() // the door runs north-south
	length, thick := r.W(), r.H()
	if turned {
		length, thick = thick, length
	}
	n := max(1, int(math.Round(length/assets.Door.Width)))
	tile := length / float64(n)
	shown := math.Min(thick, DoorThickness)
	slide := open * length
	for i := range n {
		a := float64(i)*tile - slide // along the doorway, from its top or left end
		e := a + tile
		if e <= 0 {
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
			p0, p1 = engine.Vec{X: r.Min.X + c0, Y: r.Min.Y + a}, engine.Vec{X: r.Min.X + c1, Y: r.Min.Y + e}
		} else {
			p0, p1 = engine.Vec{X: r.Min.X + a, Y: r.Min.Y + c0}, engine.Vec{X: r.Min.X + e, Y: r.Min.Y + c1}
		}
		x0, y0 := b.t.pt(p0)
		x1, y1 := b.t.pt(p1)
		b.rectFrom(Doors, x0, y0, x1, y1, u0, 0, float64(src.Dx()), float64(src.Dy()), turned, tint)
	}
}
