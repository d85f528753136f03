package window

import (
	"bytes"
	"image"
	"image/draw"
	"image/gif"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/scene"
	"stackarena/match/scene/raster"
)

// The headless command's GIF frame and the desktop's frame of the same tick look the same: the backdrop, a wall
// and each bot's tint at their places, and the scripts' debug drawing in both. (The two rasterize differently,
// antialiasing and glyphs included, so pixels are compared over small areas with a tolerance.)
func TestGIFFrameMatchesTheDesktop(t *testing.T) {
	cfg := arenaConfig(3, 1200, 750,
		match.BotSpec{Name: "../bots/star/examples/hunter.star", Count: 3}, match.BotSpec{Name: "sniper", Count: 2})
	cfg.Walls = []match.Box{{X: 580, Y: 100, W: 40, H: 550}}
	g, in := newTestGame(t, Options{Match: cfg})
	g.debug = scene.DebugAll
	g.m.World.SetDrawing(true)
	w := g.m.World
	for range 400 {
		updates(t, g, in, 1)
		if drawn(w) {
			break
		}
	}
	require.True(t, drawn(w), "a hunter drew its target")

	v := g.sceneView()
	screen := ebiten.NewImage(g.w, g.h)
	defer screen.Deallocate()
	g.arena.draw(screen, &v)
	desk := readPixels(screen)

	f := scene.NewBuilder().Build(&v)
	img := image.NewRGBA(image.Rect(0, 0, f.Width, f.Height))
	raster.NewRenderer().Draw(img, f)
	var buf bytes.Buffer
	gw, err := raster.NewGIFWriter(&buf, f.Width, f.Height)
	require.NoError(t, err)
	require.NoError(t, gw.Add(img, 1))
	require.NoError(t, gw.Close())
	dec, err := gif.Decode(&buf)
	require.NoError(t, err)
	pic := image.NewRGBA(dec.Bounds())
	draw.Draw(pic, pic.Bounds(), dec, image.Point{}, draw.Src)
	saveFrame(t, pic, "window-gif-frame.png")
	saveFrame(t, desk, "window-desk-frame.png")

	assert.True(t, near(pic.RGBAAt(2, 2), desk.RGBAAt(2, 2), 6), "backdrop: gif %v, desktop %v", pic.RGBAAt(2, 2), desk.RGBAAt(2, 2))
	wall := screenOf(g, engine.Vec{X: 600, Y: 380})
	assert.True(t, near(meanColour(pic, wall, 3), meanColour(desk, wall, 3), 24), "wall: gif %v, desktop %v",
		meanColour(pic, wall, 3), meanColour(desk, wall, 3))
	r := max(2, int(8*g.cam.Zoom()))
	for _, b := range w.Bots() {
		if !b.Alive() {
			continue
		}
		p := screenOf(g, b.Pos())
		gc, dc := meanColour(pic, p, r), meanColour(desk, p, r)
		gch, _ := dominant(gc)
		dch, _ := dominant(dc)
		assert.Equal(t, dch, gch, "%s: gif %v, desktop %v", b, gc, dc)
		assert.True(t, near(gc, dc, 40), "%s: gif %v, desktop %v", b, gc, dc)
	}
	// The whole frames: most pixels agree closely.
	same := 0
	for y := range f.Height {
		for x := range f.Width {
			if near(pic.RGBAAt(x, y), desk.RGBAAt(x, y), 24) {
				same++
			}
		}
	}
	assert.Greater(t, float64(same)/float64(f.Width*f.Height), 0.97, "share of pixels that agree")

	// The debug drawing shows in both: its pixels differ from a frame without it.
	v.Debug = scene.DebugOff
	g.arena.draw(screen, &v)
	plain := readPixels(screen)
	f = scene.NewBuilder().Build(&v)
	plainPic := image.NewRGBA(img.Bounds())
	raster.NewRenderer().Draw(plainPic, f)
	whole := image.Rect(0, 0, f.Width, f.Height)
	dDesk, dPic := changed(desk, plain, whole), changed(img, plainPic, whole)
	assert.Greater(t, dDesk, 50, "the desktop shows the debug drawing")
	assert.Greater(t, dPic, 50, "the picture shows the debug drawing")
	assert.Less(t, dPic, 2*dDesk, "and about as many pixels of it (the picture's lines are antialiased)")
	assert.Less(t, dDesk, 2*dPic, "and about as many pixels of it (the picture's lines are antialiased)")
}

// drawn reports whether any bot has a debug picture.
func drawn(w *engine.World) bool {
	for _, b := range w.Bots() {
		if s, _, _ := b.Picture(); len(s) > 0 && b.Alive() {
			return true
		}
	}
	return false
}
