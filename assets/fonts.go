package assets

import (
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// TrueType data of the Go fonts, for the window's text. Parse each one once (one text face source per font) and
// never modify the bytes.
var (
	// RegularTTF is Go Regular, for labels and the HUD.
	RegularTTF = goregular.TTF
	// MonoTTF is Go Mono, for figures that must line up: ticks, scores, coordinates.
	MonoTTF = gomono.TTF
	// BoldTTF is Go Bold, for titles and the winner.
	BoldTTF = gobold.TTF
)
