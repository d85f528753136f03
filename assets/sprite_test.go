package assets_test

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/assets"
)

// alphaAt is the opacity (0-255) of the sprite's frame at a point given in world units from its anchor.
func alphaAt(s *assets.Sprite, frame int, x, y float64) uint32 {
	r := s.FrameBounds(frame)
	px := r.Min.X + int((s.AnchorX+x)*assets.PixelsPerUnit)
	py := r.Min.Y + int((s.AnchorY+y)*assets.PixelsPerUnit)
	_, _, _, a := s.Image().At(px, py).RGBA()
	return a >> 8
}

func TestSpritesDecodeWithTheirSize(t *testing.T) {
	for _, s := range assets.All() {
		t.Run(s.Name, func(t *testing.T) {
			require.GreaterOrEqual(t, s.Frames, 1)
			b := s.Image().Bounds()
			assert.Equal(t, image.Rect(0, 0,
				int(s.Width*assets.PixelsPerUnit)*s.Frames, int(s.Height*assets.PixelsPerUnit)), b)
			assert.Same(t, s.Image(), s.Image(), "decoded once")
			for i := range s.Frames {
				assert.True(t, b.Eq(b.Union(s.FrameBounds(i))), "frame %d lies in the sheet", i)
			}
		})
	}
}

// Points, in world units from the anchor, where each sprite must be opaque or transparent.
func TestSpritesHaveTheirShape(t *testing.T) {
	type point struct{ x, y float64 }
	tests := []struct {
		sprite      *assets.Sprite
		opaque      []point
		transparent []point
	}{
		{assets.Tank, []point{{0, 0}, {0, -13}, {0, 13}, {12, 0}}, []point{{-17.9, -17.9}, {17.9, 17.9}}},
		{assets.Gun, []point{{0, 0}, {15, 0}, {22, 0}}, []point{{15, -4}, {-5.9, -5.9}, {23.9, 5.9}}},
		{assets.Radar, []point{{-1.9, 0}, {-1.5, 3}, {-1.5, -3}, {2.7, 0}, {0, 0}}, []point{{5.9, 5.9}, {2, 3.5}}},
		{assets.Bullet, []point{{0, 0}, {1, 0}}, []point{{-3.9, -3.9}}},
		{assets.Door, []point{{0, 0}, {-15, -3}, {15, 3}}, nil},
		{assets.Wall, []point{{0.5, 0.5}, {16, 16}, {31.5, 31.5}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.sprite.Name, func(t *testing.T) {
			for _, p := range tt.opaque {
				assert.Greater(t, alphaAt(tt.sprite, 0, p.x, p.y), uint32(200), "opaque at %v", p)
			}
			for _, p := range tt.transparent {
				assert.Zero(t, alphaAt(tt.sprite, 0, p.x, p.y), "transparent at %v", p)
			}
		})
	}
}

func TestExplosionFramesBurnOut(t *testing.T) {
	s := assets.Explosion
	require.Equal(t, 8, s.Frames)
	prev := uint32(256)
	for i := range s.Frames {
		a := alphaAt(s, i, 0, 0)
		assert.Positive(t, a, "frame %d has something at its centre", i)
		assert.LessOrEqual(t, a, prev, "frame %d fades", i)
		assert.Zero(t, alphaAt(s, i, -31.9, -31.9), "frame %d corner", i)
		prev = a
	}
}

func TestFrameBoundsPanicsOutOfRange(t *testing.T) {
	assert.Panics(t, func() { assets.Tank.FrameBounds(1) })
	assert.Panics(t, func() { assets.Explosion.FrameBounds(-1) })
}

func TestFonts(t *testing.T) {
	for name, ttf := range map[string][]byte{"regular": assets.RegularTTF, "mono": assets.MonoTTF, "bold": assets.BoldTTF} {
		require.Greater(t, len(ttf), 1000, name)
		assert.Equal(t, []byte{0, 1, 0, 0}, ttf[:4], "%s is TrueType", name)
	}
}
