package window

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// The speed slider sits at the bottom of the HUD: "speed", a track with a stop for each of [Speeds] and a knob on
// the current one, then the speed's label. Clicking or dragging on it sets the speed.

// sliderHeight is the slider's row height in pixels.
func sliderHeight(m textMetrics) int { return int(math.Ceil(m.lineH)) + 4 }

// sliderRect is the slider's row in the HUD panel hud.
func (g *Game) sliderRect(hud image.Rectangle) image.Rectangle {
	h := sliderHeight(g.metrics)
	return image.Rect(hud.Min.X+padding, hud.Max.Y-padding-h, hud.Max.X-padding, hud.Max.Y-padding)
}

// sliderTrack is the track's left and right ends and its middle's height, in pixels, for the slider's row r.
func (g *Game) sliderTrack(r image.Rectangle) (x0, x1, y float64) {
	cw := g.metrics.charW
	return float64(r.Min.X) + 7*cw, float64(r.Max.X) - 6*cw, float64(r.Min.Y+r.Max.Y) / 2
}

// sliderStop is the index in Speeds of the stop nearest the screen x in the slider's row r.
func (g *Game) sliderStop(r image.Rectangle, x int) int {
	x0, x1, _ := g.sliderTrack(r)
	f := (float64(x) - x0) / (x1 - x0)
	return max(0, min(len(Speeds)-1, int(math.Round(f*float64(len(Speeds)-1)))))
}

// sliderShapes queues the track, its stops and the knob.
func (g *Game) sliderShapes(r image.Rectangle) {
	x0, x1, y := g.sliderTrack(r)
	if x1 <= x0 {
		return
	}
	g.ui.rect(x0, y-1, x1-x0, 2, panelEdgeColor)
	step := (x1 - x0) / float64(len(Speeds)-1)
	for i := range Speeds {
		g.ui.rect(x0+float64(i)*step-1, y-4, 2, 8, dimTextColor)
	}
	k := x0 + float64(g.clock.speed)*step
	g.ui.rect(k-4, y-7, 8, 14, titleColor)
}

// sliderLabels draws "speed" before the track and the current speed after it.
func (g *Game) sliderLabels(dst *ebiten.Image, r image.Rectangle) {
	_, x1, _ := g.sliderTrack(r)
	top := float64(r.Min.Y) + (float64(r.Dy())-g.metrics.lineH)/2
	g.txt.Draw(dst, "speed", Mono, uiTextSize, float64(r.Min.X), top, dimTextColor)
	g.txt.Draw(dst, speedLabel(g.clock.Speed()), Mono, uiTextSize, x1+g.metrics.charW, top, textColor)
}
