package raster

import (
	"image"
	"image/draw"
	"math"

	"stackarena/match/scene"
)

// mipmap is a sprite sheet, premultiplied, at its size and halved again and again, so that a sprite drawn small
// averages its texels as the GPU's mipmaps do, instead of picking a few of them.
type mipmap struct {
	levels []*image.RGBA
}

func newMipmap(img image.Image) *mipmap {
	b := img.Bounds()
	base := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(base, base.Bounds(), img, b.Min, draw.Src)
	m := &mipmap{levels: []*image.RGBA{base}}
	for prev := base; prev.Bounds().Dx() > 1 && prev.Bounds().Dy() > 1 && len(m.levels) < 8; {
		w, h := prev.Bounds().Dx()/2, prev.Bounds().Dy()/2
		next := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				for c := range 4 {
					s := int(prev.Pix[prev.PixOffset(2*x, 2*y)+c]) + int(prev.Pix[prev.PixOffset(2*x+1, 2*y)+c]) +
						int(prev.Pix[prev.PixOffset(2*x, 2*y+1)+c]) + int(prev.Pix[prev.PixOffset(2*x+1, 2*y+1)+c])
					next.Pix[next.PixOffset(x, y)+c] = uint8((s + 2) / 4)
				}
			}
		}
		m.levels = append(m.levels, next)
		prev = next
	}
	return m
}

// quad draws the part of the sheet q.Src names onto the screen quad q.Dst, tinted by q.Color, blending over dst.
// The quad is a parallelogram (sprites and tiles are: an affine map), sampled at each pixel's centre; smooth
// picks bilinear filtering over the nearest texel.
func (m *mipmap) quad(dst *image.RGBA, q *scene.Quad, smooth bool) {
	if q.Color.A == 0 {
		return
	}
	box, ok := quadBox(q, dst.Bounds())
	if !ok {
		return
	}
	// Screen = D0 + u*(D1-D0) + v*(D3-D0); sheet = S0 + u*(S1-S0) + v*(S3-S0); u, v in [0, 1].
	d0x, d0y := float64(q.Dst[0][0]), float64(q.Dst[0][1])
	ax, ay := float64(q.Dst[1][0])-d0x, float64(q.Dst[1][1])-d0y
	bx, by := float64(q.Dst[3][0])-d0x, float64(q.Dst[3][1])-d0y
	det := ax*by - ay*bx
	if math.Abs(det) < 1e-9 {
		return
	}
	s0x, s0y := float64(q.Src[0][0]), float64(q.Src[0][1])
	sux, suy := float64(q.Src[1][0])-s0x, float64(q.Src[1][1])-s0y
	svx, svy := float64(q.Src[3][0])-s0x, float64(q.Src[3][1])-s0y
	// Texels per pixel picks the level.
	scale := math.Max(math.Hypot(sux, suy)/math.Hypot(ax, ay), math.Hypot(svx, svy)/math.Hypot(bx, by))
	level := 0
	for level+1 < len(m.levels) && scale >= 2 {
		scale /= 2
		level++
	}
	img := m.levels[level]
	div := float64(int(1) << level)
	sw, sh := img.Bounds().Dx(), img.Bounds().Dy()
	// The texels the quad may read, so that sampling never bleeds into a neighbouring frame of the sheet.
	minU, maxU := math.Min(float64(q.Src[0][0]), float64(q.Src[2][0]))/div, math.Max(float64(q.Src[0][0]), float64(q.Src[2][0]))/div
	minV, maxV := math.Min(float64(q.Src[0][1]), float64(q.Src[2][1]))/div, math.Max(float64(q.Src[0][1]), float64(q.Src[2][1]))/div
	tr, tg, tb, ta := uint32(q.Color.R), uint32(q.Color.G), uint32(q.Color.B), uint32(q.Color.A)
	for py := box.Min.Y; py < box.Max.Y; py++ {
		ry := float64(py) + 0.5 - d0y
		row := dst.Pix[dst.PixOffset(box.Min.X, py):]
		for px := box.Min.X; px < box.Max.X; px++ {
			rx := float64(px) + 0.5 - d0x
			u := (rx*by - ry*bx) / det
			v := (ax*ry - ay*rx) / det
			if u < 0 || u >= 1 || v < 0 || v >= 1 {
				continue
			}
			sx := (s0x + u*sux + v*svx) / div
			sy := (s0y + u*suy + v*svy) / div
			var r, g, b, a uint32
			if smooth {
				r, g, b, a = bilinear(img, sx, sy, minU, minV, maxU, maxV, sw, sh)
			} else {
				x, y := min(max(int(sx), 0), sw-1), min(max(int(sy), 0), sh-1)
				o := img.PixOffset(x, y)
				r, g, b, a = uint32(img.Pix[o]), uint32(img.Pix[o+1]), uint32(img.Pix[o+2]), uint32(img.Pix[o+3])
			}
			if a == 0 {
				continue
			}
			// Tint (straight alpha) times the premultiplied texel: each channel scaled by the tint's channel and
			// alpha; then Porter-Duff over.
			r = r * tr * ta / (255 * 255)
			g = g * tg * ta / (255 * 255)
			b = b * tb * ta / (255 * 255)
			a = a * ta / 255
			o := (px - box.Min.X) * 4
			inv := 255 - a
			row[o] = uint8(r + uint32(row[o])*inv/255)
			row[o+1] = uint8(g + uint32(row[o+1])*inv/255)
			row[o+2] = uint8(b + uint32(row[o+2])*inv/255)
			row[o+3] = uint8(a + uint32(row[o+3])*inv/255)
		}
	}
}

// bilinear samples img at (x, y) (texel centres at half-integers), reading only texels inside [minU, maxU) x
// [minV, maxV).
func bilinear(img *image.RGBA, x, y, minU, minV, maxU, maxV float64, w, h int) (r, g, b, a uint32) {
	x, y = x-0.5, y-0.5
	x0, y0 := math.Floor(x), math.Floor(y)
	fx, fy := x-x0, y-y0
	clampTo := func(i int, lo, hi float64, n int) int {
		return min(max(i, int(lo), 0), int(math.Ceil(hi))-1, n-1)
	}
	ix0, ix1 := clampTo(int(x0), minU, maxU, w), clampTo(int(x0)+1, minU, maxU, w)
	iy0, iy1 := clampTo(int(y0), minV, maxV, h), clampTo(int(y0)+1, minV, maxV, h)
	w00 := (1 - fx) * (1 - fy)
	w10 := fx * (1 - fy)
	w01 := (1 - fx) * fy
	w11 := fx * fy
	p00, p10 := img.PixOffset(ix0, iy0), img.PixOffset(ix1, iy0)
	p01, p11 := img.PixOffset(ix0, iy1), img.PixOffset(ix1, iy1)
	ch := func(c int) uint32 {
		return uint32(float64(img.Pix[p00+c])*w00 + float64(img.Pix[p10+c])*w10 + float64(img.Pix[p01+c])*w01 +
			float64(img.Pix[p11+c])*w11 + 0.5)
	}
	return ch(0), ch(1), ch(2), ch(3)
}
