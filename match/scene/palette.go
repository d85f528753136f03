package scene

import "image/color"

// The arena's colours. The window's panels have colours of their own.
var (
	BackdropColor    = color.RGBA{14, 16, 21, 255}   // outside the arena
	FloorColor       = color.RGBA{30, 34, 42, 255}   // the arena's floor
	GridColor        = color.RGBA{37, 42, 52, 255}   // the floor's lines, every GridStep units
	BorderColor      = color.RGBA{92, 100, 118, 255} // the arena's edge
	DoorwayColor     = color.RGBA{44, 48, 58, 255}   // the slot an open door leaves: a little lighter than the floor
	DoorRailColor    = color.RGBA{96, 88, 70, 255}   // the rails along a doorway's sides
	DoorClosedTint   = color.RGBA{235, 178, 70, 255} // a door closed or closing
	DoorOpeningTint  = color.RGBA{110, 215, 140, 255}
	WreckTint        = color.RGBA{58, 60, 64, 230} // a destroyed bot
	PlayerColor      = color.RGBA{245, 245, 240, 255}
	PlayerRingColor  = color.RGBA{255, 200, 60, 255}
	SelectColor      = color.RGBA{255, 255, 255, 255}
	BarBackColor     = color.RGBA{0, 0, 0, 170}
	ExplosionTint    = color.RGBA{255, 170, 70, 255}
	ImpactTint       = color.RGBA{255, 235, 170, 255}
	WhiteTint        = color.RGBA{255, 255, 255, 255}
	LabelShadowColor = color.RGBA{0, 0, 0, 150}
)

// BotPalette are the bots' colours, picked by Bot.Style: saturated hues that read well on the dark floor and
// stay apart from the player's white and from the gold of its ring.
var BotPalette = []color.RGBA{
	{232, 64, 64, 255},   // red
	{64, 128, 245, 255},  // blue
	{70, 205, 95, 255},   // green
	{245, 140, 40, 255},  // orange
	{170, 95, 235, 255},  // purple
	{40, 205, 215, 255},  // cyan
	{240, 95, 175, 255},  // pink
	{165, 220, 50, 255},  // lime
	{120, 150, 255, 255}, // periwinkle
	{210, 120, 80, 255},  // copper
	{30, 160, 130, 255},  // teal
	{220, 200, 60, 255},  // mustard
}

// BotColor is a bot's colour by its style; the player's tank is always white. O(1).
func BotColor(style int, player bool) color.RGBA {
	if player {
		return PlayerColor
	}
	n := len(BotPalette)
	return BotPalette[((style%n)+n)%n]
}

// Lighten mixes c with white: by 0 it is c, by 1 white.
func Lighten(c color.RGBA, by float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*by) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), c.A}
}

// WithAlpha returns c with alpha a (straight, not premultiplied: the quads' colours are straight).
func WithAlpha(c color.RGBA, a uint8) color.RGBA { c.A = a; return c }

// EnergyColor goes from green (full) through yellow to red (empty).
func EnergyColor(frac float64) color.RGBA {
	frac = max(0, min(1, frac))
	if frac > 0.5 {
		t := (frac - 0.5) * 2
		return color.RGBA{uint8(240 - 150*t), 220, 70, 255}
	}
	t := frac * 2
	return color.RGBA{240, uint8(60 + 160*t), 60, 255}
}
