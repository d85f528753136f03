package window

import "image/color"

// The colours of the arena and the UI.
var (
	backdropColor   = color.RGBA{14, 16, 21, 255}   // outside the arena
	floorColor      = color.RGBA{30, 34, 42, 255}   // the arena's floor
	gridColor       = color.RGBA{37, 42, 52, 255}   // the floor's lines, every gridStep units
	borderColor     = color.RGBA{92, 100, 118, 255} // the arena's edge
	doorwayColor    = color.RGBA{12, 13, 16, 255}   // the slot an open door leaves
	doorClosedTint  = color.RGBA{235, 178, 70, 255} // a door closed or closing
	doorOpeningTint = color.RGBA{110, 215, 140, 255}
	wreckTint       = color.RGBA{58, 60, 64, 230} // a destroyed bot
	playerColor     = color.RGBA{245, 245, 240, 255}
	playerRingColor = color.RGBA{255, 200, 60, 255}
	selectColor     = color.RGBA{255, 255, 255, 255}
	panelColor      = color.RGBA{10, 12, 16, 210}
	panelEdgeColor  = color.RGBA{70, 78, 96, 255}
	textColor       = color.RGBA{220, 224, 232, 255}
	dimTextColor    = color.RGBA{140, 148, 164, 255}
	titleColor      = color.RGBA{255, 214, 110, 255}
	goodColor       = color.RGBA{120, 230, 140, 255}
	badColor        = color.RGBA{255, 110, 100, 255}
	barBackColor    = color.RGBA{0, 0, 0, 170}
	explosionTint   = color.RGBA{255, 170, 70, 255}
	impactTint      = color.RGBA{255, 235, 170, 255}
	whiteTint       = color.RGBA{255, 255, 255, 255}
)

// botPalette are the bots' colours, picked by Bot.Style: saturated hues that read well on the dark floor and
// stay apart from the player's white and from the gold of its ring.
var botPalette = []color.RGBA{
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

// botColor is a bot's colour by its style; the player's tank is always white.
func botColor(style int, player bool) color.RGBA {
	if player {
		return playerColor
	}
	n := len(botPalette)
	return botPalette[((style%n)+n)%n]
}

// lighten mixes c with white: by 0 it is c, by 1 white.
func lighten(c color.RGBA, by float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*by) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), c.A}
}

// withAlpha returns c with alpha a (straight, not premultiplied: the vertex colours are straight).
func withAlpha(c color.RGBA, a uint8) color.RGBA { c.A = a; return c }

// energyColor goes from green (full) through yellow to red (empty).
func energyColor(frac float64) color.RGBA {
	frac = max(0, min(1, frac))
	if frac > 0.5 {
		t := (frac - 0.5) * 2
		return color.RGBA{uint8(240 - 150*t), 220, 70, 255}
	}
	t := frac * 2
	return color.RGBA{240, uint8(60 + 160*t), 60, 255}
}
