package raster

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"io"
	"sync"

	"stackarena/match/scene"
)

// Palette is the GIFs' 256 colours: index 0 is transparent (a frame leaves the pixels that did not change
// transparent, so that the GIF stores only what moved), then the arena's own colours, each bot colour in four
// shades, and a 6x6x5 cube for the rest (explosions, text, blends).
var Palette = sync.OnceValue(func() color.Palette {
	p := color.Palette{color.RGBA{}}
	add := func(c color.RGBA) {
		c.A = 255
		for _, q := range p {
			if q == color.Color(c) {
				return
			}
		}
		if len(p) < 256 {
			p = append(p, c)
		}
	}
	for _, c := range []color.RGBA{scene.BackdropColor, scene.FloorColor, scene.GridColor, scene.BorderColor,
		scene.DoorwayColor, scene.DoorRailColor, scene.DoorClosedTint, scene.DoorOpeningTint, scene.PlayerColor,
		scene.PlayerRingColor, scene.SelectColor, scene.ExplosionTint, scene.ImpactTint, {0, 0, 0, 255},
		{255, 255, 255, 255}, scene.EnergyColor(1), scene.EnergyColor(0.5), scene.EnergyColor(0)} {
		add(c)
	}
	for _, c := range scene.BotPalette {
		for _, k := range []float64{1, 0.72, 0.45} {
			add(color.RGBA{uint8(float64(c.R) * k), uint8(float64(c.G) * k), uint8(float64(c.B) * k), 255})
		}
		add(scene.Lighten(c, 0.4))
	}
	for r := range 6 {
		for g := range 6 {
			for b := range 5 {
				add(color.RGBA{uint8(r * 51), uint8(g * 51), uint8(b * 255 / 4), 255})
			}
		}
	}
	for v := 16; len(p) < 256; v += 24 { // greys for the rest
		add(color.RGBA{uint8(v), uint8(v), uint8(v), 255})
	}
	return p
})

// lookup maps a colour, 5 bits a channel, to its nearest opaque entry of Palette.
var lookup = sync.OnceValue(func() *[1 << 15]uint8 {
	p := Palette()
	var t [1 << 15]uint8
	for i := range t {
		r, g, b := int(i>>10)<<3|4, int(i>>5&31)<<3|4, int(i&31)<<3|4
		best, bestD := 1, 1<<30
		for j := 1; j < len(p); j++ {
			c := p[j].(color.RGBA)
			dr, dg, db := r-int(c.R), g-int(c.G), b-int(c.B)
			if d := 3*dr*dr + 4*dg*dg + 2*db*db; d < bestD {
				best, bestD = j, d
			}
		}
		t[i] = uint8(best)
	}
	return &t
})

// Quantize sets dst's pixels to the Palette entries nearest src's (opaque) pixels; dst and src have the same
// bounds. O(pixels).
func Quantize(dst *image.Paletted, src *image.RGBA) {
	t := lookup()
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		s := src.Pix[src.PixOffset(b.Min.X, y):]
		d := dst.Pix[dst.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			r, g, bl := s[4*x], s[4*x+1], s[4*x+2]
			d[x] = t[int(r>>3)<<10|int(g>>3)<<5|int(bl>>3)]
		}
	}
}

// GIFWriter streams an animated GIF: each frame is quantized to Palette, compared with the frame before, and
// only the rectangle that changed is written, with the pixels that did not change left transparent. A frame
// identical to the one before lengthens that one instead. Memory: two frames, whatever the number of frames.
type GIFWriter struct {
	w         *bufio.Writer
	width     int
	height    int
	prev, cur *image.Paletted
	pending   *image.Paletted // the changed part of the last frame, not yet written
	delay     int             // its delay, in hundredths of a second
	frames    int
	err       error
	buf       bytes.Buffer
}

// NewGIFWriter starts a GIF of width by height pixels on w, looping forever.
func NewGIFWriter(w io.Writer, width, height int) (*GIFWriter, error) {
	if width < 1 || height < 1 || width > 65535 || height > 65535 {
		return nil, errors.New("a GIF is 1 to 65535 pixels on each side")
	}
	g := &GIFWriter{w: bufio.NewWriter(w), width: width, height: height}
	var hdr []byte
	hdr = append(hdr, "GIF89a"...)
	hdr = binary.LittleEndian.AppendUint16(hdr, uint16(width))
	hdr = binary.LittleEndian.AppendUint16(hdr, uint16(height))
	hdr = append(hdr, 0xF7, 0, 0) // a global table of 256 colours, 8 bits a channel
	for _, c := range Palette() {
		r, gr, b, _ := c.RGBA()
		hdr = append(hdr, uint8(r>>8), uint8(gr>>8), uint8(b>>8))
	}
	hdr = append(hdr, 0x21, 0xFF, 0x0B)
	hdr = append(hdr, "NETSCAPE2.0"...)
	hdr = append(hdr, 3, 1, 0, 0, 0) // loop forever
	_, g.err = g.w.Write(hdr)
	rect := image.Rect(0, 0, width, height)
	g.prev, g.cur = image.NewPaletted(rect, Palette()), image.NewPaletted(rect, Palette())
	return g, g.err
}

// Add appends a frame shown for delay hundredths of a second. img must be width by height; its pixels are taken
// as opaque.
func (g *GIFWriter) Add(img *image.RGBA, delay int) error {
	if g.err != nil {
		return g.err
	}
	if img.Bounds().Dx() != g.width || img.Bounds().Dy() != g.height {
		return errors.New("frame size differs from the GIF's")
	}
	Quantize(g.cur, img)
	changed := image.Rect(0, 0, g.width, g.height)
	if g.frames > 0 {
		changed = diff(g.prev, g.cur)
	}
	g.frames++
	if changed.Empty() {
		g.delay += delay
		return nil
	}
	if err := g.flush(); err != nil {
		return err
	}
	sub := image.NewPaletted(changed, Palette())
	for y := changed.Min.Y; y < changed.Max.Y; y++ {
		c := g.cur.Pix[g.cur.PixOffset(changed.Min.X, y):][:changed.Dx()]
		s := sub.Pix[sub.PixOffset(changed.Min.X, y):][:changed.Dx()]
		if g.frames == 1 {
			copy(s, c)
			continue
		}
		p := g.prev.Pix[g.prev.PixOffset(changed.Min.X, y):][:changed.Dx()]
		for x := range c {
			if c[x] != p[x] {
				s[x] = c[x]
			} // else 0: transparent, the pixel below shows
		}
	}
	g.pending, g.delay = sub, delay
	g.prev, g.cur = g.cur, g.prev
	return nil
}

// diff is the smallest rectangle holding every pixel that differs between a and b.
func diff(a, b *image.Paletted) image.Rectangle {
	r := image.Rectangle{}
	w := a.Bounds().Dx()
	for y := range a.Bounds().Dy() {
		pa, pb := a.Pix[y*a.Stride:][:w], b.Pix[y*b.Stride:][:w]
		if bytes.Equal(pa, pb) {
			continue
		}
		x0, x1 := 0, w
		for x0 < w && pa[x0] == pb[x0] {
			x0++
		}
		for x1 > x0 && pa[x1-1] == pb[x1-1] {
			x1--
		}
		r = r.Union(image.Rect(x0, y, x1, y+1))
	}
	return r
}

// flush writes the pending frame: image/gif encodes it as a one-frame GIF with the same global palette, and
// its blocks between the header and the trailer are the frame's.
func (g *GIFWriter) flush() error {
	if g.pending == nil {
		return nil
	}
	g.buf.Reset()
	err := gif.EncodeAll(&g.buf, &gif.GIF{
		Image: []*image.Paletted{g.pending}, Delay: []int{max(g.delay, 2)}, Disposal: []byte{gif.DisposalNone},
		Config: image.Config{ColorModel: Palette(), Width: g.width, Height: g.height},
	})
	if err != nil {
		g.err = err
		return err
	}
	const header = 6 + 7 + 3*256
	b := g.buf.Bytes()
	if len(b) < header+1 {
		g.err = errors.New("gif: unexpected encoding")
		return g.err
	}
	_, g.err = g.w.Write(b[header : len(b)-1])
	g.pending = nil
	return g.err
}

// Close writes the last frame and the trailer, and flushes; it does not close the underlying writer.
func (g *GIFWriter) Close() error {
	if g.err != nil {
		return g.err
	}
	if g.frames == 0 {
		g.err = errors.New("a GIF needs at least one frame")
		return g.err
	}
	if err := g.flush(); err != nil {
		return err
	}
	if err := g.w.WriteByte(0x3B); err != nil {
		return err
	}
	return g.w.Flush()
}

// Frames is the number of frames added so far.
func (g *GIFWriter) Frames() int { return g.frames }
