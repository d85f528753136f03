// Package layout is the one place that states each sprite's file, in-game size, anchor and frame count.
// The assets package reads it to describe the embedded PNGs; the generator reads it to draw them.
package layout

// Scale is the number of PNG pixels per world unit: sprites are drawn at twice their in-game size so that they
// stay sharp when the camera zooms in.
const Scale float64 = 2

// Spec describes one sprite file. Sizes and anchors are in world units; a sprite sheet lays its frames out left
// to right, each Width by Height.
type Spec struct {
	Name             string  // file name under sprites/, without ".png"
	Width, Height    float64 // in-game size of one frame
	AnchorX, AnchorY float64 // the point, from the frame's top-left, placed on the entity's position; also the rotation pivot
	Frames           int     // frames in the sheet, 1 for a still sprite
}

// PixelWidth is the width of one frame in the PNG.
func (s Spec) PixelWidth() int { return int(s.Width * Scale) }

// PixelHeight is the height of one frame in the PNG.
func (s Spec) PixelHeight() int { return int(s.Height * Scale) }

// The sprites. Everything that turns (tank, gun, radar) points east (+x) at angle 0.
var (
	Tank      = Spec{Name: "tank", Width: 36, Height: 36, AnchorX: 18, AnchorY: 18, Frames: 1}
	Gun       = Spec{Name: "gun", Width: 30, Height: 12, AnchorX: 6, AnchorY: 6, Frames: 1}
	Radar     = Spec{Name: "radar", Width: 12, Height: 12, AnchorX: 6, AnchorY: 6, Frames: 1}
	Bullet    = Spec{Name: "bullet", Width: 8, Height: 8, AnchorX: 4, AnchorY: 4, Frames: 1}
	Door      = Spec{Name: "door", Width: 32, Height: 8, AnchorX: 16, AnchorY: 4, Frames: 1}
	Wall      = Spec{Name: "wall", Width: 32, Height: 32, AnchorX: 0, AnchorY: 0, Frames: 1}
	Explosion = Spec{Name: "explosion", Width: 64, Height: 64, AnchorX: 32, AnchorY: 32, Frames: 8}
)

// All lists every sprite, in a fixed order.
var All = []Spec{Tank, Gun, Radar, Bullet, Door, Wall, Explosion}
