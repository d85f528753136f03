package window

import (
	"bytes"
	"fmt"
	"image/color"

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
}

type faceKey struct {
	font Font
	size float64
}

// NewText parses the fonts. Call it once; it may be called before RunGame.
func NewText() *Text {
	t := &Text{faces: make(map[faceKey]*text.GoTextFace)}
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
// (x, y). Lines are separated by '\n'.
func (t *Text) Draw(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color) {
	face := t.Face(f, size)
	var op text.DrawOptions
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	op.LineSpacing = lineSpacing(face)
	text.Draw(dst, s, face, &op)
}

// DrawCentered is [Text.Draw] with the top of the box centred on x: for labels under things.
func (t *Text) DrawCentered(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.Color) {
	face := t.Face(f, size)
	var op text.DrawOptions
	op.GeoM.Translate(x, y)
	op.ColorScale.ScaleWithColor(clr)
	op.LineSpacing = lineSpacing(face)
	op.PrimaryAlign = text.AlignCenter
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
