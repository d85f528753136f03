package main

import (
	"image"
	"image/color"
	"math"

	"golang.org/x/image/vector"

	"stackarena/assets/internal/layout"
)

// pt is a point in a sprite's local world units: (0, 0) is the sprite's anchor, x grows east, y grows south.
type pt struct{ x, y float64 }

// shade gives the colour of a fill at a local point; it is called once per pixel centre.
type shade func(x, y float64) color.NRGBA64

// canvas draws antialiased shapes into one frame of a sprite sheet, in local world units.
type canvas struct {
	dst    *image.RGBA
	frame  image.Rectangle // the frame's pixels in dst
	ox, oy float64         // the anchor, in pixels from the frame's top-left
	z      *vector.Rasterizer
}

func newCanvas(dst *image.RGBA, s layout.Spec, frame int) *canvas {
	w, h := s.PixelWidth(), s.PixelHeight()
	return &canvas{
		dst:   dst,
		frame: image.Rect(frame*w, 0, frame*w+w, h),
		ox:    s.AnchorX * layout.Scale,
		oy:    s.AnchorY * layout.Scale,
		z:     vector.NewRasterizer(w, h),
	}
}

// fill paints the area enclosed by the polygons (non-zero winding; a hole is a polygon wound the other way and
// lying inside its outline) with the given shade, over what is already there.
func (c *canvas) fill(sh shade, polys ...[]pt) {
	w, h := c.frame.Dx(), c.frame.Dy()
	c.z.Reset(w, h)
	for _, p := range polys {
		for i, q := range p {
			x, y := float32(c.ox+q.x*layout.Scale), float32(c.oy+q.y*layout.Scale)
			if i == 0 {
				c.z.MoveTo(x, y)
			} else {
				c.z.LineTo(x, y)
			}
		}
		c.z.ClosePath()
	}
	c.z.Draw(c.dst, c.frame, shader{c, sh}, c.frame.Min)
}

// shader adapts a shade to the image.Image that the rasterizer samples, in the sheet's pixel coordinates.
type shader struct {
	c  *canvas
	sh shade
}

func (s shader) ColorModel() color.Model { return color.NRGBA64Model }
func (s shader) Bounds() image.Rectangle { return s.c.frame }
func (s shader) At(px, py int) color.Color {
	x := (float64(px-s.c.frame.Min.X) + 0.5 - s.c.ox) / layout.Scale
	y := (float64(py-s.c.frame.Min.Y) + 0.5 - s.c.oy) / layout.Scale
	return s.sh(x, y)
}

// grey is a flat grey of brightness v and opacity a, both in [0, 1].
func grey(v, a float64) shade {
	c := greyColor(v, a)
	return func(float64, float64) color.NRGBA64 { return c }
}

func greyColor(v, a float64) color.NRGBA64 {
	g := uint16(clamp01(v)*0xffff + 0.5)
	return color.NRGBA64{g, g, g, uint16(clamp01(a)*0xffff + 0.5)}
}

// linear fades from brightness v0 at p0 to v1 at p1, opaque.
func linear(p0, p1 pt, v0, v1 float64) shade {
	dx, dy := p1.x-p0.x, p1.y-p0.y
	l2 := dx*dx + dy*dy
	return func(x, y float64) color.NRGBA64 {
		t := clamp01(((x-p0.x)*dx + (y-p0.y)*dy) / l2)
		return greyColor(v0+(v1-v0)*t, 1)
	}
}

// radial fades from brightness v0 at centre to v1 at radius r, opaque.
func radial(centre pt, r, v0, v1 float64) shade {
	return func(x, y float64) color.NRGBA64 {
		t := clamp01(math.Hypot(x-centre.x, y-centre.y) / r)
		return greyColor(v0+(v1-v0)*t, 1)
	}
}

// glow is white whose opacity falls from a0 at the centre to 0 at radius r, softly.
func glow(centre pt, r, a0 float64) shade {
	return func(x, y float64) color.NRGBA64 {
		t := 1 - clamp01(math.Hypot(x-centre.x, y-centre.y)/r)
		return greyColor(1, a0*t*t)
	}
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// circle is a circle as a polygon fine enough to look round at 8x zoom.
func circle(cx, cy, r float64) []pt {
	return arc(cx, cy, r, 0, 2*math.Pi)
}

// arc is the polyline along a circle from angle a0 to a1 (radians, clockwise on screen because y grows south).
func arc(cx, cy, r, a0, a1 float64) []pt {
	n := max(8, int(math.Abs(a1-a0)*r*layout.Scale))
	p := make([]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(n)
		p = append(p, pt{cx + r*math.Cos(a), cy + r*math.Sin(a)})
	}
	return p
}

// band is the ring sector between radii r0 < r1 from angle a0 to a1.
func band(cx, cy, r0, r1, a0, a1 float64) []pt {
	return append(arc(cx, cy, r1, a0, a1), arc(cx, cy, r0, a1, a0)...)
}

// rect is the axis-aligned rectangle from (x0, y0) to (x1, y1).
func rect(x0, y0, x1, y1 float64) []pt {
	return []pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
}

// roundRect is a rectangle whose corners are rounded with radius r.
func roundRect(x0, y0, x1, y1, r float64) []pt {
	var p []pt
	p = append(p, arc(x1-r, y0+r, r, -math.Pi/2, 0)...)
	p = append(p, arc(x1-r, y1-r, r, 0, math.Pi/2)...)
	p = append(p, arc(x0+r, y1-r, r, math.Pi/2, math.Pi)...)
	p = append(p, arc(x0+r, y0+r, r, math.Pi, 3*math.Pi/2)...)
	return p
}
