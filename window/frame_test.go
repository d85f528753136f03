package window

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/assets"
)

var background = color.RGBA{24, 27, 34, 255}

// readPixels reads img back from the GPU; the pixels are premultiplied RGBA, as image.RGBA holds them.
func readPixels(img *ebiten.Image) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	img.ReadPixels(out.Pix)
	return out
}

// near reports whether two colours differ by at most tol in every channel: GPUs may round differently.
func near(a, b color.RGBA, tol int) bool {
	d := func(u, v uint8) bool { return max(int(u)-int(v), int(v)-int(u)) <= tol }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B) && d(a.A, b.A)
}

// Draws a small scene through the camera with the real GPU path (Mesa's software renderer under Xvfb), reads the
// frame back and checks where things landed. The frame is kept as out/window-sprites.png for people to look at.
func TestFrame(t *testing.T) {
	const w, h = 640, 400
	screen := ebiten.NewImage(w, h)
	sprites, txt := NewSprites(), NewText()
	cam := NewCamera(480, 320, w, h)
	cam.SetZoom(2)
	cam.LookAt(200, 150) // world x 40..360, y 50..250 in view

	red := tint(color.RGBA{230, 40, 40, 255})
	blue := tint(color.RGBA{60, 120, 240, 255})
	screen.Fill(background)
	for x := 64.0; x < 352; x += 32 {
		if x != 160 { // the doorway
			sprites.Draw(screen, cam, assets.Wall, Placement{X: x, Y: 180})
		}
	}
	sprites.Draw(screen, cam, assets.Door, Placement{X: 176, Y: 196})
	for _, tank := range []struct {
		x, y, body, gun float64
		tint            ebiten.ColorScale
	}{{200, 150, 0, 0.35, red}, {320, 140, 2.4, 2.9, blue}} {
		sprites.Draw(screen, cam, assets.Tank, Placement{X: tank.x, Y: tank.y, Angle: tank.body, Tint: tank.tint})
		sprites.Draw(screen, cam, assets.Gun, Placement{X: tank.x, Y: tank.y, Angle: tank.gun, Tint: tank.tint})
		sprites.Draw(screen, cam, assets.Radar, Placement{X: tank.x, Y: tank.y, Angle: tank.gun - 1, Tint: tank.tint})
	}
	sprites.Draw(screen, cam, assets.Bullet, Placement{X: 250, Y: 144, Tint: tint(color.RGBA{255, 230, 150, 255})})
	for i := 0; i < assets.Explosion.Frames; i += 2 {
		sprites.Draw(screen, cam, assets.Explosion, Placement{X: 72 + 32*float64(i), Y: 80, Frame: i,
			Tint: tint(color.RGBA{255, 170, 60, 255})})
	}
	const label, labelX, labelY, labelSize = "stackarena 1:0", 16, 352, 28
	before := readPixels(screen)
	txt.Draw(screen, label, Bold, labelSize, labelX, labelY, color.White)
	txt.Draw(screen, "tick 000042", Mono, 14, 520, 372, color.RGBA{200, 200, 200, 255})
	frame := readPixels(screen)
	saveFrame(t, frame, "window-sprites.png")

	// The red tank: its centre, its chevron and a tread. The centre is under the turret and the radar, so it may
	// be dark, but it is red.
	redAt := func(x, y float64) {
		sx, sy := cam.WorldToScreen(x, y)
		c := frame.RGBAAt(int(sx), int(sy))
		assert.True(t, c.R > 60 && c.R >= 2*c.G && c.R >= 2*c.B && c.A == 255, "red at world (%v, %v), got %v", x, y, c)
	}
	sx, sy := cam.WorldToScreen(200, 150)
	assert.Equal(t, [2]float64{320, 200}, [2]float64{sx, sy})
	redAt(200, 150)
	redAt(212, 150)
	redAt(202, 137)
	for _, p := range []image.Point{{w - 5, 5}, {400, 345}, {5, h - 5}} {
		assert.True(t, near(frame.RGBAAt(p.X, p.Y), background, 2), "background at %v, got %v", p, frame.RGBAAt(p.X, p.Y))
	}

	lw, lh := txt.Measure(label, Bold, labelSize)
	require.Greater(t, lw, 100.0)
	require.Greater(t, lh, 20.0)
	box := image.Rect(labelX, labelY, labelX+int(lw), labelY+int(lh))
	changed := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if !near(frame.RGBAAt(x, y), before.RGBAAt(x, y), 8) {
				changed++
			}
		}
	}
	assert.Greater(t, changed, box.Dx()*box.Dy()/10, "the label's glyphs were drawn in its box")
	outside := box.Inset(-20).Union(box)
	assert.True(t, near(frame.RGBAAt(outside.Max.X, outside.Min.Y), background, 2), "nothing drawn past the label")
}

func tint(c color.Color) ebiten.ColorScale {
	var s ebiten.ColorScale
	s.ScaleWithColor(c)
	return s
}

// saveFrame writes the frame to out/<name> at the module's root.
func saveFrame(t *testing.T, img image.Image, name string) {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "go.mod not found")
		dir = parent
	}
	out := filepath.Join(dir, "out")
	require.NoError(t, os.MkdirAll(out, 0o755))
	f, err := os.Create(filepath.Join(out, name))
	require.NoError(t, err)
	require.NoError(t, png.Encode(f, img))
	require.NoError(t, f.Close())
	t.Logf("frame saved to %s", f.Name())
}
