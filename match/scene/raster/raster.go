// Package raster draws a scene.Frame into an image in memory, with golang.org/x/image/vector for flat shapes,
// a bilinear sampler over mipmapped sprite sheets for sprites and the Go fonts (golang.org/x/image/font) for
// text: the window's look without a window, a GPU or cgo. Its GIFWriter streams frames into an animated GIF.
//
// Threading: a Renderer and a GIFWriter are not safe for concurrent use; use each from one goroutine.
package raster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"stackarena/assets"
	"stackarena/match/scene"
)

// Renderer draws Frames. It holds the sprite sheets decoded and mipmapped, the font faces and a cache of
// rendered labels, made on first use and kept.
type Renderer struct {
	sheets map[*assets.Sprite]*mipmap
	text   *texts
	z      vector.Rasterizer
	src    image.Uniform
}

// NewRenderer returns a Renderer. Cheap: sheets and fonts are prepared when first drawn.
func NewRenderer() *Renderer {
	return &Renderer{sheets: make(map[*assets.Sprite]*mipmap), text: newTexts()}
}

// Draw draws f onto dst, which it covers from its top-left corner (dst should be f.Width by f.Height). Cost:
// the pixels each quad covers, plus each new label's glyphs; it allocates little once the labels are cached.
func (r *Renderer) Draw(dst *image.RGBA, f *scene.Frame) {
	draw.Draw(dst, dst.Bounds(), image.NewUniform(f.Background), image.Point{}, draw.Src)
	for i := range f.Layers {
		l := &f.Layers[i]
		if l.Sprite == nil {
			for j := range l.Quads {
				r.flat(dst, &l.Quads[j])
			}
		} else {
			m := r.sheet(l.Sprite)
			for j := range l.Quads {
				m.quad(dst, &l.Quads[j], l.Smooth)
			}
		}
		for j := range l.Labels {
			r.text.draw(dst, &l.Labels[j])
		}
	}
}

func (r *Renderer) sheet(sp *assets.Sprite) *mipmap {
	m, ok := r.sheets[sp]
	if !ok {
		m = newMipmap(sp.Image())
		r.sheets[sp] = m
	}
	return m
}

// flat fills a quad with its colour, antialiased, blending over dst.
func (r *Renderer) flat(dst *image.RGBA, q *scene.Quad) {
	if q.Color.A == 0 {
		return
	}
	box, ok := quadBox(q, dst.Bounds())
	if !ok {
		return
	}
	// Axis-aligned rectangles (the floor, the grid, bars, frames) cover the pixels whose centres they hold, as
	// the GPU draws them: a one-pixel grid line stays one crisp pixel.
	if q.Dst[0][1] == q.Dst[1][1] && q.Dst[1][0] == q.Dst[2][0] && q.Dst[2][1] == q.Dst[3][1] && q.Dst[3][0] == q.Dst[0][0] {
		x0, x1 := math.Min(float64(q.Dst[0][0]), float64(q.Dst[2][0])), math.Max(float64(q.Dst[0][0]), float64(q.Dst[2][0]))
		y0, y1 := math.Min(float64(q.Dst[0][1]), float64(q.Dst[2][1])), math.Max(float64(q.Dst[0][1]), float64(q.Dst[2][1]))
		px := image.Rect(int(math.Ceil(x0-0.5)), int(math.Ceil(y0-0.5)), int(math.Ceil(x1-0.5)), int(math.Ceil(y1-0.5)))
		r.src.C = color.NRGBA(q.Color)
		draw.Draw(dst, px.Intersect(dst.Bounds()), &r.src, image.Point{}, draw.Over)
		return
	}
	r.z.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	r.z.MoveTo(q.Dst[0][0]-ox, q.Dst[0][1]-oy)
	for i := 1; i < 4; i++ {
		r.z.LineTo(q.Dst[i][0]-ox, q.Dst[i][1]-oy)
	}
	r.z.ClosePath()
	r.src.C = color.NRGBA(q.Color)
	r.z.DrawOp = draw.Over
	r.z.Draw(dst, box, &r.src, image.Point{})
}

// quadBox is the pixels a quad may touch, within bounds; false if none (or if a corner is not finite).
func quadBox(q *scene.Quad, bounds image.Rectangle) (image.Rectangle, bool) {
	x0, y0 := math.Inf(1), math.Inf(1)
	x1, y1 := math.Inf(-1), math.Inf(-1)
	for _, p := range q.Dst {
		x, y := float64(p[0]), float64(p[1])
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
			return image.Rectangle{}, false
		}
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	if x1 <= float64(bounds.Min.X) || y1 <= float64(bounds.Min.Y) || x0 >= float64(bounds.Max.X) || y0 >= float64(bounds.Max.Y) {
		return image.Rectangle{}, false
	}
	r := image.Rect(int(math.Floor(math.Max(x0, float64(bounds.Min.X)))), int(math.Floor(math.Max(y0, float64(bounds.Min.Y)))),
		int(math.Ceil(math.Min(x1, float64(bounds.Max.X)))), int(math.Ceil(math.Min(y1, float64(bounds.Max.Y)))))
	return r, !r.Empty()
}
