// Package scene is what the arena shows for one frame, as a list of primitives in screen pixels: flat-coloured
// quads, quads cut from the sprites of package assets, and text labels, in layers drawn in a fixed order. It is
// built from a World's read side and a camera ([Builder.Build]) and drawn by two backends: the desktop window
// (package window, Ebitengine) and the image backend (package scene/raster, golang.org/x/image/vector and the
// standard library), so that the window and the pictures made without a window never drift apart.
//
// The package is plain Go with no graphics dependency (no cgo, no Ebitengine): the headless command imports it.
//
// Threading: a Builder and the Frame it returns are not safe for concurrent use. Build reads the World, so call
// it between Steps, on the goroutine that steps the World.
package scene

import (
	"image/color"

	"stackarena/assets"
)

// LayerID names a layer; layers are drawn in increasing order, each one's quads before its labels.
type LayerID int

// The layers, bottom to top. Each sprite layer draws from one sprite sheet, so that a backend can draw it in one
// batch.
const (
	Floor    LayerID = iota // flat: the backdrop, the floor's grid, the arena's edge, the doorways' slots
	Walls                   // assets.Wall tiles
	Doors                   // assets.Door panels
	Scans                   // flat: the arcs of the last scans (View.Scans)
	Wrecks                  // assets.Tank, grey and fading
	Tanks                   // assets.Tank, in the bots' colours
	Guns                    // assets.Gun
	Radars                  // assets.Radar
	Trails                  // flat: a short line behind each bullet
	Bullets                 // assets.Bullet
	Effects                 // assets.Explosion: explosions and impacts
	Overlays                // flat and labels: energy bars, rings, the aim, the bots' names
	Debug                   // flat and labels: what the bots' scripts drew (View.Debug)
	NumLayers
)

// layerSprites is the sprite sheet of each layer, nil for flat ones.
var layerSprites = [NumLayers]*assets.Sprite{
	Walls: assets.Wall, Doors: assets.Door, Wrecks: assets.Tank, Tanks: assets.Tank, Guns: assets.Gun,
	Radars: assets.Radar, Bullets: assets.Bullet, Effects: assets.Explosion,
}

// LayerSprite is the sprite sheet a layer's quads are cut from, nil for a flat layer. O(1).
func LayerSprite(l LayerID) *assets.Sprite {
	if l < 0 || l >= NumLayers {
		return nil
	}
	return layerSprites[l]
}

// Quad is one quadrilateral: a flat colour, or a piece of a sprite sheet tinted by a colour.
type Quad struct {
	// Dst holds the four screen corners, in order around the quad.
	Dst [4][2]float32
	// Src holds the matching points of the layer's sprite sheet, in the sheet's pixels (unused in flat layers).
	Src [4][2]float32
	// Color is the flat colour, or the tint that multiplies the sprite's colours (which are white and greys);
	// straight alpha.
	Color color.RGBA
}

// Font names one of the embedded Go fonts (package assets).
type Font uint8

// The fonts.
const (
	Regular Font = iota // Go Regular
	Mono                // Go Mono
	Bold                // Go Bold
)

// Label is a line of text.
type Label struct {
	Text string
	Font Font
	// Size is the font's em height in pixels.
	Size float64
	// X and Y place the top of the text's box: its top-left corner, or the middle of its top edge if Centered.
	X, Y     float64
	Centered bool
	Color    color.RGBA
}

// Layer is one layer of a Frame.
type Layer struct {
	// Sprite is the sheet the quads are cut from, nil for flat colours.
	Sprite *assets.Sprite
	// Smooth asks for bilinear filtering of the sprite; false: one texel per pixel (sprites a few pixels across).
	Smooth bool
	Quads  []Quad
	Labels []Label
}

// Frame is everything a frame shows: fill the screen with Background, then draw the layers in order. Its slices
// belong to the Builder that made it and are reused by its next Build.
type Frame struct {
	Width, Height int
	Background    color.RGBA
	Layers        [NumLayers]Layer
}

// Quads counts the quads of every layer.
func (f *Frame) Quads() int {
	n := 0
	for i := range f.Layers {
		n += len(f.Layers[i].Quads)
	}
	return n
}
