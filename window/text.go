package window

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"unicode/utf8"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"stackarena/assets"
)

// Font names one of the embedded Go fonts.
type Font int

// The fonts.
const (
	Regular Font = iota // Go Regular, for labels
	Mono                // Go Mono, for figures that must line up
	Bold                // Go Bold, for titles
)

// Text draws strings in the embedded Go fonts. It parses each font once into one text.GoTextFaceSource, which
// holds the glyph cache, and keeps one face per font and size.
//
// A Text is not safe for concurrent use; call it from Update and Draw.
type Text struct {
	sources [3]*text.GoTextFaceSource
	faces   map[faceKey]*text.GoTextFace
	lines   map[lineKey]*ebiten.Image // strings drawn once in white, then copied in any colour: see Draw
	seen    map[lineKey]struct{}      // strings drawn once, directly: cached if drawn again
}

// lineKey identifies a string rendered by Draw.
type lineKey struct {
	s    string
	font Font
	size float64
}

// Rendered strings are kept up to maxCachedLines; past it the cache starts again. A string is cached the second
// time it is drawn, so that figures that change every frame (the HUD's tick) cost no more than drawing them
// directly. A string larger than maxCachedSide pixels is always drawn directly.
const (
	maxCachedLines = 1024
	maxCachedSide  = 2048
)

type faceKey struct {
	font Font
	size float64
}

// NewText parses the fonts. Call it once; it may be called before RunGame.
func NewText() *Text {
	t := &Text{faces: make(map[faceKey]*text.GoTextFace), lines: make(map[lineKey]*ebiten.Image),
		seen: make(map[lineKey]struct{})}
	for f, ttf := range [...][]byte{Regular: assets.RegularTTF, Mono: assets.MonoTTF, Bold: assets.BoldTTF} {
		src, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
		if err != nil { // the fonts are embedded: this is a broken build
			panic(fmt.Sprintf("window: parse font %d: %v", f, err))
		}
		t.sources[f] = src
	}
	return t
}

// Face returns the face of font f at size pixels (the em height), made on first use and kept.
func (t *Text) Face(f Font, size float64) *text.GoTextFace {
	k := faceKey{f, size}
	face, ok := t.faces[k]
	if !ok {
		face = &text.GoTextFace{Source: t.sources[f], Size: size}
		t.faces[k] = face
	}
	return face
}

// Draw draws s on dst in font f at size pixels and colour clr, with the top-left of its box at the screen point
// (x, y), rounded to whole pixels. Lines are separated by '\n'. Each string is shaped and rendered once, in
// white, into a small image that later calls copy in their colour: shaping a string's glyphs costs about ten
// times as much as copying its image, and a frame draws a few hundred strings (the panels, the bots' names).
// Ebitengine packs the small images into one texture, so the copies batch.
func (t *Text) Draw(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color) {
	t.draw(dst, s, f, size, x, y, clr, false)
}

// DrawCentered is [Text.Draw] with the top of the box centred on x: for labels under things.
func (t *Text) DrawCentered(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color) {
	t.draw(dst, s, f, size, x, y, clr, true)
}

func (t *Text) draw(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color, centered bool) {
	if s == "" {
		return
	}
	k := lineKey{s, f, size}
	img, ok := t.lines[k]
	if !ok {
		if _, again := t.seen[k]; !again {
			if len(t.seen) >= 4*maxCachedLines {
				clear(t.seen)
			}
			t.seen[k] = struct{}{}
			t.drawDirect(dst, s, f, size, math.Round(x), math.Round(y), clr, centered)
			return
		}
		w, h := t.Measure(s, f, size)
		if w > maxCachedSide || h > maxCachedSide {
			t.drawDirect(dst, s, f, size, x, y, clr, centered)
			return
		}
		if len(t.lines) >= maxCachedLines {
			clear(t.lines) // the images go with the garbage, after any draw already queued from them
		}
		img = ebiten.NewImage(int(math.Ceil(w))+2, int(math.Ceil(h))+2)
		t.drawDirect(img, s, f, size, 1, 1, color.White, false)
		t.lines[k] = img
	}
	if centered {
		x -= float64(img.Bounds().Dx()-2) / 2
	}
	var op ebiten.DrawImageOptions
	op.GeoM.Translate(math.Round(x)-1, math.Round(y)-1)
	op.ColorScale.ScaleWithColor(clr)
	dst.DrawImage(img, &op)
}

// drawDirect shapes and draws s with Ebitengine's text package.
func (t *Text) drawDirect(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color, centered bool) {
	face := t.Face(f, size)
	var op text.DrawOptions
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	op.LineSpacing = lineSpacing(face)
	if centered {
		op.PrimaryAlign = text.AlignCenter
	}
	text.Draw(dst, s, face, &op)
}

// Measure returns the size in pixels of the box that [Text.Draw] fills with s.
func (t *Text) Measure(s string, f Font, size float64) (w, h float64) {
	face := t.Face(f, size)
	return text.Measure(s, face, lineSpacing(face))
}

func lineSpacing(face text.Face) float64 {
	m := face.Metrics()
	return m.HAscent + m.HDescent + m.HLineGap
}

// DrawMono draws one line of s in the monospaced font at size pixels, character by character, each character
// advancing by advance pixels: every character is a cached image after its first use, so a line whose figures
// change every frame (a tick, an energy, a ranking) costs a copy per character instead of shaping the line
// again, which on a crowded match was a third of the frame. It fits Go Mono's characters, which never combine;
// spaces cost nothing.
func (t *Text) DrawMono(dst *ebiten.Image, s string, size, advance, x, y float64, clr color.Color) {
	var buf [utf8.UTFMax]byte
	i := 0
	for _, r := range s {
		if r != ' ' {
			n := utf8.EncodeRune(buf[:], r)
			t.draw(dst, string(buf[:n]), Mono, size, math.Round(x+float64(i)*advance), y, clr, false)
		}
		i++
	}
}
