package window

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"

	"stackarena/assets"
)

func TestSpritesFrames(t *testing.T) {
	s := NewSprites()
	for _, sp := range assets.All() {
		for i := range sp.Frames {
			w, h := int(sp.Width*assets.PixelsPerUnit), int(sp.Height*assets.PixelsPerUnit)
			assert.Equal(t, image.Pt(w, h), s.Frame(sp, i).Bounds().Size(), "%s frame %d", sp.Name, i)
		}
		assert.Panics(t, func() { s.Frame(sp, sp.Frames) })
	}
	assert.Panics(t, func() { s.Frame(&assets.Sprite{Name: "stray", Frames: 1}, 0) })
}

// Drawing a sprite every frame must not create garbage: thousands are drawn per frame.
func TestSpritesDrawDoesNotAllocate(t *testing.T) {
	dst := ebiten.NewImage(64, 64)
	s, cam := NewSprites(), NewCamera(64, 64, 64, 64)
	allocs := testing.AllocsPerRun(100, func() {
		s.Draw(dst, cam, assets.Tank, Placement{X: 32, Y: 32, Angle: 1})
	})
	assert.Zero(t, allocs)
}
