package window

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/assets"
)

// Sprites holds a GPU image of every embedded sprite and of each of its frames, made once by [NewSprites]: never
// create images per frame. All of them share Ebitengine's texture atlas, so successive draws batch into one draw
// call.
type Sprites struct {
	frames map[*assets.Sprite][]*ebiten.Image
	sheets map[*assets.Sprite]*ebiten.Image
}

// NewSprites uploads every sprite of package assets. Call it once, for example when the game is created; it may
// be called before RunGame.
func NewSprites() *Sprites {
	s := &Sprites{frames: make(map[*assets.Sprite][]*ebiten.Image), sheets: make(map[*assets.Sprite]*ebiten.Image)}
	for _, sp := range assets.All() {
		sheet := ebiten.NewImageFromImage(sp.Image())
		frames := make([]*ebiten.Image, sp.Frames)
		for i := range frames {
			frames[i] = sheet.SubImage(sp.FrameBounds(i)).(*ebiten.Image)
		}
		s.frames[sp] = frames
		s.sheets[sp] = sheet
	}
	return s
}

// Sheet returns the sprite's whole sheet, every frame side by side as [assets.Sprite.FrameBounds] lays them out:
// the source for batched draws that pick frames by their bounds. It panics if the sprite is not one of package
// assets'.
func (s *Sprites) Sheet(sp *assets.Sprite) *ebiten.Image {
	sheet, ok := s.sheets[sp]
	if !ok {
		panic(fmt.Sprintf("window: unknown sprite %q", sp.Name))
	}
	return sheet
}

// Frame returns frame i of the sprite: the whole image of a still sprite for i == 0. It panics if the sprite is
// not one of package assets' or has no frame i.
func (s *Sprites) Frame(sp *assets.Sprite, i int) *ebiten.Image {
	frames, ok := s.frames[sp]
	if !ok {
		panic(fmt.Sprintf("window: unknown sprite %q", sp.Name))
	}
	if i < 0 || i >= len(frames) {
		panic(fmt.Sprintf("window: sprite %s has %d frames, not frame %d", sp.Name, len(frames), i))
	}
	return frames[i]
}

// Placement says where and how [Sprites.Draw] puts a sprite in the world.
type Placement struct {
	// X and Y are the world point where the sprite's anchor goes.
	X, Y float64
	// Angle turns the sprite about its anchor, in radians: 0 leaves it pointing east (+x), and a positive angle
	// turns it towards +y, which is clockwise on the screen because y grows downwards.
	Angle float64
	// Frame is the animation frame, 0 for a still sprite.
	Frame int
	// Tint scales the sprite's colours, which are white and greys: the zero value leaves them as they are;
	// ScaleWithColor(botColour) paints the sprite in a bot's colour.
	Tint ebiten.ColorScale
}

// Draw draws the sprite on dst at its in-game size, placed in the world and seen through the camera. It
// allocates nothing and batches with the other sprite draws on the same dst.
func (s *Sprites) Draw(dst *ebiten.Image, cam *Camera, sp *assets.Sprite, at Placement) {
	var op ebiten.DrawImageOptions
	op.GeoM.Translate(-sp.AnchorX*assets.PixelsPerUnit, -sp.AnchorY*assets.PixelsPerUnit)
	op.GeoM.Scale(1/assets.PixelsPerUnit, 1/assets.PixelsPerUnit)
	op.GeoM.Rotate(at.Angle)
	op.GeoM.Translate(at.X, at.Y)
	op.GeoM.Concat(cam.GeoM())
	op.ColorScale = at.Tint
	op.Filter = ebiten.FilterLinear
	dst.DrawImage(s.Frame(sp, at.Frame), &op)
}
