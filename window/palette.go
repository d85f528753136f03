package window

import (
	"image/color"

	"stackarena/match/scene"
)

// The colours of the panels; the arena's are package scene's.
var (
	backdropColor  = scene.BackdropColor
	panelColor     = color.RGBA{10, 12, 16, 210}
	panelEdgeColor = color.RGBA{70, 78, 96, 255}
	textColor      = color.RGBA{220, 224, 232, 255}
	dimTextColor   = color.RGBA{140, 148, 164, 255}
	titleColor     = color.RGBA{255, 214, 110, 255}
	goodColor      = color.RGBA{120, 230, 140, 255}
	badColor       = color.RGBA{255, 110, 100, 255}
)
