package window

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/match/scene"
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

// addAll appends scene quads; flat ones sample the white pixel (see [shapes]) whatever their Src says.
func (q *quads) addAll(qs []scene.Quad, flat bool) {
	for i := range qs {
		sq := &qs[i]
		if flat {
			q.add(&sq.Dst, &whitePixel, sq.Color)
		} else {
			q.add(&sq.Dst, &sq.Src, sq.Color)
		}
	}
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
}

// whitePixel is the centre of the white pixel [shapes] draw from, for each corner of a quad.
var whitePixel = [4][2]float32{{1.5, 1.5}, {1.5, 1.5}, {1.5, 1.5}, {1.5, 1.5}}

// newShapes returns an empty batch of flat shapes. Call it once: it makes a 3x3 white image and samples its
// centre pixel only, so that no filtering can reach past it.
func newShapes() *shapes {
	img := image.NewRGBA(image.Rect(0, 0, 3, 3))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	white := ebiten.NewImageFromImage(img).SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	return &shapes{quads: *newQuads(white, false)}
}

// rect appends the screen rectangle (x, y, w, h) in colour c.
func (s *shapes) rect(x, y, w, h float64, c color.RGBA) {
	d := [4][2]float32{{float32(x), float32(y)}, {float32(x + w), float32(y)}, {float32(x + w), float32(y + h)}, {float32(x), float32(y + h)}}
	s.add(&d, &whitePixel, c)
}

// frame appends the outline of the screen rectangle (x, y, w, h), width pixels thick, inside it.
func (s *shapes) frame(x, y, w, h, width float64, c color.RGBA) {
	s.rect(x, y, w, width, c)
	s.rect(x, y+h-width, w, width, c)
	s.rect(x, y+width, width, h-2*width, c)
	s.rect(x+w-width, y+width, width, h-2*width, c)
}
