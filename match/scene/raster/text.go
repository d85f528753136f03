package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"stackarena/assets"
	"stackarena/match/scene"
)

// texts draws labels in the embedded Go fonts. Each label is rendered once into a small image and kept, keyed
// by its text, font, size and colour: a match's names are drawn hundreds of times.
type texts struct {
	fonts [3]*opentype.Font
	faces map[faceKey]font.Face
	cache map[labelKey]*image.RGBA
}

type faceKey struct {
	font scene.Font
	size float64
}

type labelKey struct {
	faceKey
	text  string
	color [4]uint8
}

// maxCachedLabels bounds the cache: past it, the cache starts again (debug text may change every tick).
const maxCachedLabels = 2048

func newTexts() *texts {
	return &texts{faces: make(map[faceKey]font.Face), cache: make(map[labelKey]*image.RGBA)}
}

func (t *texts) face(f scene.Font, size float64) font.Face {
	k := faceKey{f, size}
	if face, ok := t.faces[k]; ok {
		return face
	}
	if f > scene.Bold {
		f = scene.Regular
	}
	if t.fonts[f] == nil {
		ttf := [...][]byte{scene.Regular: assets.RegularTTF, scene.Mono: assets.MonoTTF, scene.Bold: assets.BoldTTF}[f]
		parsed, err := opentype.Parse(ttf)
		if err != nil { // the fonts are embedded: this is a broken build
			panic(fmt.Sprintf("raster: parse font %d: %v", f, err))
		}
		t.fonts[f] = parsed
	}
	face, err := opentype.NewFace(t.fonts[f], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(fmt.Sprintf("raster: face %d at %v: %v", f, size, err))
	}
	t.faces[k] = face
	return face
}

// draw draws a label as the window does: the top of its line box at l.Y, its left edge (or its middle) at l.X.
func (t *texts) draw(dst *image.RGBA, l *scene.Label) {
	if l.Text == "" || l.Color.A == 0 || !(l.Size > 0 && l.Size < 512) ||
		math.IsNaN(l.X) || math.IsNaN(l.Y) || math.Abs(l.X) > 1e6 || math.Abs(l.Y) > 1e6 {
		return
	}
	k := labelKey{faceKey{l.Font, l.Size}, l.Text, [4]uint8{l.Color.R, l.Color.G, l.Color.B, l.Color.A}}
	img, ok := t.cache[k]
	if !ok {
		img = t.render(k, l)
		if len(t.cache) >= maxCachedLabels {
			clear(t.cache)
		}
		t.cache[k] = img
	}
	x := int(math.Round(l.X))
	if l.Centered {
		x -= img.Bounds().Dx() / 2
	}
	at := image.Pt(x, int(math.Round(l.Y)))
	draw.Draw(dst, img.Bounds().Add(at), img, image.Point{}, draw.Over)
}

func (t *texts) render(k labelKey, l *scene.Label) *image.RGBA {
	face := t.face(l.Font, l.Size)
	m := face.Metrics()
	w := font.MeasureString(face, l.Text).Ceil() + 1
	h := (m.Ascent + m.Descent).Ceil() + 1
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	d := font.Drawer{Dst: img, Src: image.NewUniform(color.NRGBA(l.Color)), Face: face, Dot: fixed.Point26_6{X: 0, Y: m.Ascent}}
	d.DrawString(l.Text)
	return img
}
