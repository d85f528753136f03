package scene

import (
	"image"
	"image/color"
	"math"

	"stackarena/assets"
	"stackarena/engine"
)

// Camera says which part of the world a frame shows: the world point at the centre of a viewport of Width by
// Height pixels whose top-left corner is at (Left, Top) on the screen, at Zoom pixels per world unit.
type Camera struct {
	Zoom          float64
	X, Y          float64
	Width, Height float64
	Left, Top     float64
}

// FitCamera is the camera that shows the whole arena (aw by ah units) in a w by h viewport, as large as it fits
// with a share margin of the viewport left around it.
func FitCamera(aw, ah float64, w, h int, margin float64) Camera {
	z := math.Min(float64(w)/aw, float64(h)/ah) * (1 - 2*margin)
	return Camera{Zoom: z, X: aw / 2, Y: ah / 2, Width: float64(w), Height: float64(h)}
}

// DebugMode says whose debug drawing (what scripts draw with bot.DrawLine and the like) a frame shows.
type DebugMode uint8

// The debug modes.
const (
	DebugOff      DebugMode = iota
	DebugSelected           // the selected bot's only
	DebugAll                // every live bot's
)

// View is what one frame shows.
type View struct {
	World  engine.View
	Camera Camera
	// Player is the person's tank, nil without one; Selected is the inspected bot, nil without one; Hover is
	// the bot under the pointer, nil without one. Their names and energy bars always show.
	Player, Selected, Hover *engine.Bot
	// Aim draws the player's crosshair at (AimX, AimY), in screen pixels.
	Aim        bool
	AimX, AimY float64
	// Debug picks whose debug drawing shows; the World records it only while World.SetDrawing is on.
	Debug DebugMode
	// Scans draws the arc each bot scanned in the last few ticks.
	Scans bool
}

// Builder builds Frames. It keeps its memory from frame to frame: once it has grown to the scene's size, Build
// allocates nothing. Not safe for concurrent use.
type Builder struct {
	f      Frame
	t      xform
	v      *View
	inView int // live bots in view, counted by bots()
	labels labelGrid
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	b := &Builder{}
	for i := range b.f.Layers {
		b.f.Layers[i].Sprite = layerSprites[i]
	}
	return b
}

// Build describes the frame v shows. The Frame is valid until the next Build; it reads v.World, so call it
// between Steps. Cost: O(walls + doors + bots + bullets + effects), culled to the view; labels are placed on a
// coarse grid of the screen.
func (b *Builder) Build(v *View) *Frame {
	b.v = v
	b.t = newXform(v.Camera)
	f := &b.f
	f.Width, f.Height = int(math.Ceil(v.Camera.Width)), int(math.Ceil(v.Camera.Height))
	f.Background = FloorColor
	smooth := b.t.zoom >= SmallZoom
	for i := range f.Layers {
		f.Layers[i].Quads = f.Layers[i].Quads[:0]
		f.Layers[i].Labels = f.Layers[i].Labels[:0]
		f.Layers[i].Smooth = smooth
	}
	w := v.World
	b.floor(w)
	b.arena(w)
	if v.Scans {
		b.scans()
	}
	b.bots()
	b.trails()
	b.fx(w)
	b.overlays()
	if v.Debug != DebugOff {
		b.debug()
	}
	b.v = nil
	return f
}

// Details that cost pixels and triangles but can hardly be seen when bots are small. On a software renderer
// (Mesa's llvmpipe, measured on 2 cores) every quad costs about 0.4 µs plus 6-8 ns per pixel it covers,
// transparent or not, so 2,000 bots at a low zoom are paid for by the quad: below SmallZoom (a tank under 18
// pixels across) a bot is its hull and gun only, without radar or bullet trails, and its name and energy bar
// show only where there is room for them. Wrecks stay WreckTicks ticks after the bot died and fade out over the
// last WreckFadeTicks of them.
const (
	SmallZoom      = 0.5
	WreckTicks     = 600
	WreckFadeTicks = 120
)

// xform is the camera's transform for one frame: world units to screen pixels, the viewport on the screen and
// the world rectangle in view.
type xform struct {
	zoom, ox, oy           float64
	minX, minY, maxX, maxY float64
	left, top              float64 // the viewport, in screen pixels
	right, bottom          float64
}

func newXform(c Camera) xform {
	z := c.Zoom
	if !(z > 0) {
		z = 1
	}
	t := xform{zoom: z, ox: c.Left + c.Width/2 - c.X*z, oy: c.Top + c.Height/2 - c.Y*z,
		left: c.Left, top: c.Top, right: c.Left + c.Width, bottom: c.Top + c.Height}
	t.minX, t.minY = (t.left-t.ox)/z, (t.top-t.oy)/z
	t.maxX, t.maxY = (t.right-t.ox)/z, (t.bottom-t.oy)/z
	return t
}

// pt is the screen point of a world point.
func (t *xform) pt(p engine.Vec) (float64, float64) { return p.X*t.zoom + t.ox, p.Y*t.zoom + t.oy }

// visible reports whether a circle of radius r (world units) about p may show.
func (t *xform) visible(p engine.Vec, r float64) bool {
	return p.X+r >= t.minX && p.X-r <= t.maxX && p.Y+r >= t.minY && p.Y-r <= t.maxY
}

// visibleRect reports whether the world rectangle r may show.
func (t *xform) visibleRect(r engine.Rect) bool {
	return r.Max.X >= t.minX && r.Min.X <= t.maxX && r.Max.Y >= t.minY && r.Min.Y <= t.maxY
}

// The primitives. Coordinates are screen pixels.

func (b *Builder) quad(l LayerID, d *[4][2]float32, src *[4][2]float32, c color.RGBA) {
	q := Quad{Dst: *d, Color: c}
	if src != nil {
		q.Src = *src
	}
	b.f.Layers[l].Quads = append(b.f.Layers[l].Quads, q)
}

// rect adds the screen rectangle (x, y, w, h) in colour c to a flat layer.
func (b *Builder) rect(l LayerID, x, y, w, h float64, c color.RGBA) {
	d := [4][2]float32{{float32(x), float32(y)}, {float32(x + w), float32(y)}, {float32(x + w), float32(y + h)}, {float32(x), float32(y + h)}}
	b.quad(l, &d, nil, c)
}

// frame adds the outline of the screen rectangle (x, y, w, h), width pixels thick, inside it.
func (b *Builder) frame(l LayerID, x, y, w, h, width float64, c color.RGBA) {
	b.rect(l, x, y, w, width, c)
	b.rect(l, x, y+h-width, w, width, c)
	b.rect(l, x, y+width, width, h-2*width, c)
	b.rect(l, x+w-width, y+width, width, h-2*width, c)
}

// line adds a segment from (x0, y0) to (x1, y1), width pixels thick.
func (b *Builder) line(l LayerID, x0, y0, x1, y1, width float64, c color.RGBA) {
	dx, dy := x1-x0, y1-y0
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	nx, ny := -dy/n*width/2, dx/n*width/2
	d := [4][2]float32{
		{float32(x0 + nx), float32(y0 + ny)}, {float32(x1 + nx), float32(y1 + ny)},
		{float32(x1 - nx), float32(y1 - ny)}, {float32(x0 - nx), float32(y0 - ny)},
	}
	b.quad(l, &d, nil, c)
}

// arc adds the part of a circle of radius r about (x, y) from angle a0 to a1 (radians, clockwise on screen),
// width pixels thick, as segments quads.
func (b *Builder) arc(l LayerID, x, y, r, a0, a1, width float64, segments int, c color.RGBA) {
	r0, r1 := max(0, r-width/2), r+width/2
	for i := range segments {
		s0, c0 := math.Sincos(a0 + (a1-a0)*float64(i)/float64(segments))
		s1, c1 := math.Sincos(a0 + (a1-a0)*float64(i+1)/float64(segments))
		d := [4][2]float32{
			{float32(x + c0*r0), float32(y + s0*r0)}, {float32(x + c0*r1), float32(y + s0*r1)},
			{float32(x + c1*r1), float32(y + s1*r1)}, {float32(x + c1*r0), float32(y + s1*r0)},
		}
		b.quad(l, &d, nil, c)
	}
}

// ring adds a whole circle; see arc.
func (b *Builder) ring(l LayerID, x, y, r, width float64, segments int, c color.RGBA) {
	b.arc(l, x, y, r, 0, 2*math.Pi, width, segments, c)
}

// sprite adds the region src of the layer's sheet placed like a sprite: its anchor point (ax, ay, in sheet
// pixels from src's top-left) goes to the screen point (x, y), scaled by scale screen pixels per sheet pixel and
// turned by angle radians (clockwise on screen).
func (b *Builder) sprite(l LayerID, src image.Rectangle, ax, ay, x, y, scale, angle float64, c color.RGBA) {
	sin, cos := math.Sincos(angle)
	corners := [4][2]float64{
		{-ax, -ay}, {float64(src.Dx()) - ax, -ay}, {float64(src.Dx()) - ax, float64(src.Dy()) - ay}, {-ax, float64(src.Dy()) - ay},
	}
	var d [4][2]float32
	for i, p := range corners {
		px, py := p[0]*scale, p[1]*scale
		d[i] = [2]float32{float32(x + px*cos - py*sin), float32(y + px*sin + py*cos)}
	}
	x0, y0, x1, y1 := float32(src.Min.X), float32(src.Min.Y), float32(src.Max.X), float32(src.Max.Y)
	s := [4][2]float32{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	b.quad(l, &d, &s, c)
}

// spriteAt adds frame i of the layer's sprite with its anchor at the world point p, scaled by scale and turned
// by heading degrees.
func (b *Builder) spriteAt(l LayerID, frame int, p engine.Vec, heading, scale float64, c color.RGBA) {
	sp := layerSprites[l]
	x, y := b.t.pt(p)
	b.sprite(l, sp.FrameBounds(frame), sp.AnchorX*assets.PixelsPerUnit, sp.AnchorY*assets.PixelsPerUnit, x, y,
		scale*b.t.zoom/assets.PixelsPerUnit, heading*degToRad, c)
}

// rectFrom adds the screen rectangle (x0, y0)-(x1, y1) textured with the sheet's region (u0, v0)-(u1, v1);
// turned maps the sheet's x onto the screen's y (for a door running north-south).
func (b *Builder) rectFrom(l LayerID, x0, y0, x1, y1 float64, u0, v0, u1, v1 float64, turned bool, c color.RGBA) {
	d := [4][2]float32{{float32(x0), float32(y0)}, {float32(x1), float32(y0)}, {float32(x1), float32(y1)}, {float32(x0), float32(y1)}}
	s := [4][2]float32{{float32(u0), float32(v0)}, {float32(u1), float32(v0)}, {float32(u1), float32(v1)}, {float32(u0), float32(v1)}}
	if turned { // the sheet's x runs down the screen, its y runs right to left
		s = [4][2]float32{{float32(u0), float32(v1)}, {float32(u0), float32(v0)}, {float32(u1), float32(v0)}, {float32(u1), float32(v1)}}
	}
	b.quad(l, &d, &s, c)
}

// label adds a line of text to a layer.
func (b *Builder) label(l LayerID, lb Label) {
	b.f.Layers[l].Labels = append(b.f.Layers[l].Labels, lb)
}

const degToRad = math.Pi / 180
