package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match/scene"
)

func newWorld(t testing.TB, n int) *engine.World {
	t.Helper()
	w, err := engine.New(engine.Config{Width: 800, Height: 500, Seed: 9, Walls: []engine.Rect{engine.R(380, 100, 40, 300)}})
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	in, ok := bots.Lookup("spinbot")
	require.True(t, ok)
	for range n {
		_, err := actors.SpawnBot(w, "spinbot", in.Script)
		require.NoError(t, err)
	}
	return w
}

// mean is the average colour of the (2r+1)² pixels about p.
func mean(img *image.RGBA, p image.Point, r int) color.RGBA {
	var s [4]int
	n := 0
	for y := p.Y - r; y <= p.Y+r; y++ {
		for x := p.X - r; x <= p.X+r; x++ {
			c := img.RGBAAt(x, y)
			s[0], s[1], s[2], s[3] = s[0]+int(c.R), s[1]+int(c.G), s[2]+int(c.B), s[3]+int(c.A)
			n++
		}
	}
	return color.RGBA{uint8(s[0] / n), uint8(s[1] / n), uint8(s[2] / n), uint8(s[3] / n)}
}

// The picture has the arena's colours where the scene puts them: the backdrop, the walls' grey, each tank in
// its bot's colour.
func TestRendererDrawsTheScene(t *testing.T) {
	w := newWorld(t, 4)
	for range 5 {
		require.NoError(t, w.Step())
	}
	cam := scene.FitCamera(800, 500, 640, 400, 0.05)
	f := scene.NewBuilder().Build(&scene.View{World: w, Camera: cam})
	img := image.NewRGBA(image.Rect(0, 0, f.Width, f.Height))
	NewRenderer().Draw(img, f)
	assert.Equal(t, scene.BackdropColor, img.RGBAAt(2, 2))
	pt := func(p engine.Vec) image.Point {
		return image.Pt(int(p.X*cam.Zoom+cam.Width/2-cam.X*cam.Zoom), int(p.Y*cam.Zoom+cam.Height/2-cam.Y*cam.Zoom))
	}
	wall := mean(img, pt(engine.Vec{X: 400, Y: 250}), 2)
	assert.Greater(t, int(wall.R), 100, "a wall is light grey, got %v", wall)
	assert.InDelta(t, int(wall.R), int(wall.B), 30, "and grey, got %v", wall)
	for _, b := range w.Bots() {
		got := mean(img, pt(b.Pos()), 3)
		want := scene.BotColor(b.Style(), false)
		assert.Equal(t, dominant(want), dominant(got), "%s: drawn %v, its colour is %v", b, got, want)
	}
}

// dominant is the index of the largest of a colour's R, G and B.
func dominant(c color.RGBA) int {
	switch {
	case c.R >= c.G && c.R >= c.B:
		return 0
	case c.G >= c.B:
		return 1
	}
	return 2
}

// A GIF made frame by frame decodes to the frames given, each quantized to the palette, however little changed
// between them; identical frames merge into one longer frame.
func TestGIFRoundTrip(t *testing.T) {
	w := newWorld(t, 6)
	cam := scene.FitCamera(800, 500, 320, 200, 0.02)
	b, r := scene.NewBuilder(), NewRenderer()
	var out bytes.Buffer
	g, err := NewGIFWriter(&out, 320, 200)
	require.NoError(t, err)
	var want []*image.Paletted
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for i := range 12 {
		if i != 5 { // frame 5 repeats frame 4
			for range 3 {
				require.NoError(t, w.Step())
			}
		}
		r.Draw(img, b.Build(&scene.View{World: w, Camera: cam}))
		require.NoError(t, g.Add(img, 5))
		q := image.NewPaletted(img.Bounds(), Palette())
		Quantize(q, img)
		if i != 5 {
			want = append(want, q)
		}
	}
	require.NoError(t, g.Close())
	dec, err := gif.DecodeAll(bytes.NewReader(out.Bytes()))
	require.NoError(t, err)
	require.Len(t, dec.Image, len(want))
	assert.Equal(t, 10, dec.Delay[4], "the repeated frame lengthened the one before")
	canvas := image.NewPaletted(image.Rect(0, 0, 320, 200), Palette())
	for i, fr := range dec.Image {
		draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Over)
		assert.Equal(t, want[i].Pix, canvas.Pix, "frame %d", i)
		if i > 0 {
			assert.Less(t, fr.Bounds().Dx()*fr.Bounds().Dy(), 320*200, "frame %d stores only what changed", i)
		}
	}
}

func TestGIFWriterRefusesBadInput(t *testing.T) {
	_, err := NewGIFWriter(&bytes.Buffer{}, 0, 10)
	assert.Error(t, err)
	g, err := NewGIFWriter(&bytes.Buffer{}, 10, 10)
	require.NoError(t, err)
	assert.Error(t, g.Close(), "no frame")
	g, err = NewGIFWriter(&bytes.Buffer{}, 10, 10)
	require.NoError(t, err)
	assert.Error(t, g.Add(image.NewRGBA(image.Rect(0, 0, 11, 10)), 1))
}

// Quads with corners far off the picture, not finite, or degenerate, and labels with odd sizes, draw what can
// be drawn and never panic.
func TestRendererHostileShapes(t *testing.T) {
	inf, nan := float32(math.Inf(1)), float32(math.NaN())
	f := &scene.Frame{Width: 64, Height: 64, Background: scene.FloorColor}
	f.Layers[scene.Debug].Quads = []scene.Quad{
		{Dst: [4][2]float32{{-1e9, -1e9}, {1e9, -1e9}, {1e9, 1e9}, {-1e9, 1e9}}, Color: color.RGBA{255, 0, 0, 100}},
		{Dst: [4][2]float32{{inf, 0}, {1, 1}, {2, 2}, {3, 3}}, Color: color.RGBA{255, 0, 0, 255}},
		{Dst: [4][2]float32{{nan, 0}, {1, 1}, {2, 2}, {3, 3}}, Color: color.RGBA{255, 0, 0, 255}},
		{Dst: [4][2]float32{{5, 5}, {5, 5}, {5, 5}, {5, 5}}, Color: color.RGBA{255, 0, 0, 255}},
		{Dst: [4][2]float32{{-10, 30}, {80, 31}, {80, 33}, {-10, 32}}, Color: color.RGBA{0, 255, 0, 255}},
	}
	f.Layers[scene.Debug].Labels = []scene.Label{
		{Text: "x", Size: 0, Color: scene.WhiteTint}, {Text: "x", Size: 1e9, Color: scene.WhiteTint},
		{Text: "far", Size: 12, X: 1e12, Y: -1e12, Color: scene.WhiteTint}, {Text: "ok", Size: 12, X: 10, Y: 40, Color: scene.WhiteTint},
	}
	f.Layers[scene.Tanks].Quads = []scene.Quad{{Dst: [4][2]float32{{0, 0}, {1e9, 0}, {1e9, 1e9}, {0, 1e9}},
		Src: [4][2]float32{{0, 0}, {72, 0}, {72, 72}, {0, 72}}, Color: scene.WhiteTint}}
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	assert.NotPanics(t, func() { NewRenderer().Draw(img, f) })
	assert.Greater(t, img.RGBAAt(30, 31).G, img.RGBAAt(30, 31).R, "the thin green line crossing the picture shows")
}

// BenchmarkRenderFrame is one 640x400 frame of 30 bots: the scene's description, the picture and its GIF
// quantization; BenchmarkBuildOnly is the description alone, the baseline.
func BenchmarkRenderFrame(b *testing.B) {
	w := newWorld(b, 30)
	for range 60 {
		require.NoError(b, w.Step())
	}
	v := &scene.View{World: w, Camera: scene.FitCamera(800, 500, 640, 400, 0.02)}
	bl, r := scene.NewBuilder(), NewRenderer()
	img := image.NewRGBA(image.Rect(0, 0, 640, 400))
	q := image.NewPaletted(img.Bounds(), Palette())
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			bl.Build(v)
		}
	})
	b.Run("build+draw+quantize", func(b *testing.B) {
		for b.Loop() {
			r.Draw(img, bl.Build(v))
			Quantize(q, img)
		}
	})
}
