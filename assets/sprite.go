package assets

import (
	"bytes"
	"embed"
	"fmt"
	"image"
	"image/png"
	"sync"

	"stackarena/assets/internal/layout"
)

//go:embed sprites/*.png
var files embed.FS

// PixelsPerUnit is the number of PNG pixels per world unit in every sprite.
const PixelsPerUnit float64 = layout.Scale

// A Sprite is one embedded image (a sheet of frames for an animation) and the place it is meant to take in the
// world. Its methods are safe for concurrent use.
type Sprite struct {
	// Name is the sprite's file name under sprites/, without ".png".
	Name string
	// Width and Height are the in-game size of one frame, in world units.
	Width, Height float64
	// AnchorX and AnchorY locate, in world units from a frame's top-left corner, the point that is placed on the
	// entity's position. It is also the point the sprite turns about.
	AnchorX, AnchorY float64
	// Frames is the number of animation frames, laid out left to right; 1 for a still sprite.
	Frames int

	image func() image.Image
}

func newSprite(s layout.Spec) *Sprite {
	return &Sprite{
		Name:    s.Name,
		Width:   s.Width,
		Height:  s.Height,
		AnchorX: s.AnchorX,
		AnchorY: s.AnchorY,
		Frames:  s.Frames,
		image:   sync.OnceValue(func() image.Image { return decode(s.Name + ".png") }),
	}
}

// decode reads an embedded PNG. The files are generated and tested, so a failure is a broken build: it panics.
func decode(name string) image.Image {
	data, err := files.ReadFile("sprites/" + name)
	if err != nil {
		panic(fmt.Sprintf("assets: %v", err))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		panic(fmt.Sprintf("assets: decode %s: %v", name, err))
	}
	return img
}

// Image returns the whole decoded PNG: every frame of a sheet. It is decoded on the first call and shared
// afterwards; do not modify it.
func (s *Sprite) Image() image.Image { return s.image() }

// FrameBounds returns the pixels of frame i within [Sprite.Image]. It panics if i is not in [0, Frames).
func (s *Sprite) FrameBounds(i int) image.Rectangle {
	if i < 0 || i >= s.Frames {
		panic(fmt.Sprintf("assets: sprite %s has %d frames, not frame %d", s.Name, s.Frames, i))
	}
	w, h := int(s.Width*PixelsPerUnit), int(s.Height*PixelsPerUnit)
	return image.Rect(i*w, 0, i*w+w, h)
}

// The sprites. Tank, Gun and Radar point east (+x) and are meant to be drawn one over the other, all anchored on
// the tank's centre; the window tints them with the bot's colour.
var (
	// Tank is the hull with its treads: 36 units across (the bot's diameter), anchored at its centre.
	Tank = newSprite(layout.Tank)
	// Gun is the turret and its barrel, 30x12 units; the anchor is the turret's centre, 6 units from the back.
	Gun = newSprite(layout.Gun)
	// Radar is the radar dish, 12x12 units, opening east, anchored at its centre: it sits on the turret.
	Radar = newSprite(layout.Radar)
	// Bullet is a small glowing round, 8x8 units including the glow, anchored at its centre.
	Bullet = newSprite(layout.Bullet)
	// Door is a sliding door panel, 32 units long (along x) and 8 thick, anchored at its centre.
	Door = newSprite(layout.Door)
	// Wall is one 32x32-unit wall tile, anchored at its top-left corner; tiles placed side by side join seamlessly.
	Wall = newSprite(layout.Wall)
	// Explosion is an 8-frame burst, 64x64 units per frame, anchored at its centre; play the frames in order.
	Explosion = newSprite(layout.Explosion)
)

// All returns every sprite, in a fixed order.
func All() []*Sprite {
	return []*Sprite{Tank, Gun, Radar, Bullet, Door, Wall, Explosion}
}
