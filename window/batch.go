package window

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// maxQuads is the most quads one DrawTriangles call takes: its indices are uint16, so 65536 vertices at most.
const maxQuads = 1 << 14

// quads collects textured, tinted quadrilaterals cut from one source image, and draws them all with one
// DrawTriangles call per maxQuads: thousands of sprites cost a few draw calls, where one DrawImage each would cost
// thousands of calls' worth of CPU. Its slices are kept between frames, so a frame allocates nothing once they
// have grown to the scene's size.
//
// A quads is not safe for concurrent use; fill and flush it in Draw.
type quads struct {
	src *ebiten.Image
	vs  []ebiten.Vertex
	is  []uint16
	op  ebiten.DrawTrianglesOptions
}

// newQuads returns a batch drawing from src; linear picks bilinear filtering with mipmaps (for sprites) over
// nearest (for flat colours).
func newQuads(src *ebiten.Image, linear bool) *quads {
	q := &quads{src: src}
	if linear {
		q.op.Filter = ebiten.FilterLinear
	} else {
		q.op.DisableMipmaps = true
	}
	return q
}

// setSmooth picks bilinear filtering (true) or one texel per pixel (false) for the next flush.
func (q *quads) setSmooth(smooth bool) {
	if smooth {
		q.op.Filter = ebiten.FilterLinear
	} else {
		q.op.Filter = ebiten.FilterNearest
	}
}

// Len is the number of quads waiting to be drawn.
func (q *quads) Len() int { return len(q.vs) / 4 }

// add appends a quad: dst holds its four screen corners in order around it, src the matching points of the
// source image (in the source's own coordinates, as Vertex.SrcX wants), c its colour scale (straight alpha).
func (q *quads) add(dst, src *[4][2]float32, c color.RGBA) {
	r, g, b, a := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	for i := range 4 {
		q.vs = append(q.vs, ebiten.Vertex{
			DstX: dst[i][0], DstY: dst[i][1], SrcX: src[i][0], SrcY: src[i][1],
			ColorR: r, ColorG: g, ColorB: b, ColorA: a,
		})
	}
}

// sprite appends the region src of the source image placed like a sprite: its anchor point (ax, ay, in source
// pixels from src's top-left) goes to the screen point (x, y), scaled by scale screen pixels per source pixel and
// turned by angle radians (clockwise on screen).
func (q *quads) sprite(src image.Rectangle, ax, ay, x, y, scale, angle float64, c color.RGBA) {
	sin, cos := math.Sincos(angle)
	corners := [4][2]float64{
		{-ax, -ay}, {float64(src.Dx()) - ax, -ay}, {float64(src.Dx()) - ax, float64(src.Dy()) - ay}, {-ax, float64(src.Dy()) - ay},
	}
	var d, s [4][2]float32
	for i, p := range corners {
		px, py := p[0]*scale, p[1]*scale
		d[i] = [2]float32{float32(x + px*cos - py*sin), float32(y + px*sin + py*cos)}
	}
	x0, y0, x1, y1 := float32(src.Min.X), float32(src.Min.Y), float32(src.Max.X), float32(src.Max.Y)
	s = [4][2]float32{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	q.add(&d, &s, c)
}

// rectFrom appends the screen rectangle (x0, y0)-(x1, y1) textured with the source region (u0, v0)-(u1, v1);
// turned maps the source's x onto the screen's y (for a door running north-south).
func (q *quads) rectFrom(x0, y0, x1, y1 float64, u0, v0, u1, v1 float64, turned bool, c color.RGBA) {
	d := [4][2]float32{{float32(x0), float32(y0)}, {float32(x1), float32(y0)}, {float32(x1), float32(y1)}, {float32(x0), float32(y1)}}
	s := [4][2]float32{{float32(u0), float32(v0)}, {float32(u1), float32(v0)}, {float32(u1), float32(v1)}, {float32(u0), float32(v1)}}
	if turned { // the source's x runs down the screen, its y runs right to left
		s = [4][2]float32{{float32(u0), float32(v1)}, {float32(u0), float32(v0)}, {float32(u1), float32(v0)}, {float32(u1), float32(v1)}}
	}
	q.add(&d, &s, c)
}

// flush draws the quads onto dst and empties the batch.
func (q *quads) flush(dst *ebiten.Image) {
	for start := 0; start < len(q.vs); start += 4 * maxQuads {
		vs := q.vs[start:min(len(q.vs), start+4*maxQuads)]
		n := len(vs) / 4
		for len(q.is) < 6*n {
			v := uint16(len(q.is) / 6 * 4)
			q.is = append(q.is, v, v+1, v+2, v, v+2, v+3)
		}
		dst.DrawTriangles(vs, q.is[:6*n], q.src, &q.op)
	}
	q.vs = q.vs[:0]
}

// shapes is a [quads] of flat colours: rectangles, lines and rings, cut from one white pixel.
type shapes struct {
	quads
	px [4][2]float32 // the white pixel's centre in the source, for each corner
}

// newShapes returns an empty batch of flat shapes. Call it once: it makes a 3x3 white image and samples its
// centre pixel only, so that no filtering can reach past it.
func newShapes() *shapes {
	img := image.NewRGBA(image.Rect(0, 0, 3, 3))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	white := ebiten.NewImageFromImage(img).SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	return &shapes{quads: *newQuads(white, false), px: [4][2]float32{{1.5, 1.5}, {1.5, 1.5}, {1.5, 1.5}, {1.5, 1.5}}}
}

// rect appends the screen rectangle (x, y, w, h) in colour c.
func (s *shapes) rect(x, y, w, h float64, c color.RGBA) {
	d := [4][2]float32{{float32(x), float32(y)}, {float32(x + w), float32(y)}, {float32(x + w), float32(y + h)}, {float32(x), float32(y + h)}}
	s.add(&d, &s.px, c)
}

// frame appends the outline of the screen rectangle (x, y, w, h), width pixels thick, inside it.
func (s *shapes) frame(x, y, w, h, width float64, c color.RGBA) {
	s.rect(x, y, w, width, c)
	s.rect(x, y+h-width, w, width, c)
	s.rect(x, y+width, width, h-2*width, c)
	s.rect(x+w-width, y+width, width, h-2*width, c)
}

// line appends a segment from (x0, y0) to (x1, y1), width pixels thick, in colour c.
func (s *shapes) line(x0, y0, x1, y1, width float64, c color.RGBA) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	d := [4][2]float32{
		{float32(x0 + nx), float32(y0 + ny)}, {float32(x1 + nx), float32(y1 + ny)},
		{float32(x1 - nx), float32(y1 - ny)}, {float32(x0 - nx), float32(y0 - ny)},
	}
	s.add(&d, &s.px, c)
}

// ring appends a circle of radius r about (x, y), drawn as segments quads width pixels thick.
func (s *shapes) ring(x, y, r, width float64, segments int, c color.RGBA) {
	r0, r1 := r-width/2, r+width/2
	for i := range segments {
		s0, c0 := math.Sincos(2 * math.Pi * float64(i) / float64(segments))
		s1, c1 := math.Sincos(2 * math.Pi * float64(i+1) / float64(segments))
		d := [4][2]float32{
			{float32(x + c0*r0), float32(y + s0*r0)}, {float32(x + c0*r1), float32(y + s0*r1)},
			{float32(x + c1*r1), float32(y + s1*r1)}, {float32(x + c1*r0), float32(y + s1*r0)},
		}
		s.add(&d, &s.px, c)
	}
}
