package scene

import (
	"math"

	"stackarena/engine"
)

// DebugTextSize is the size of the text scripts draw, in pixels at any zoom.
const DebugTextSize = 12.0

// debug adds the pictures the bots' scripts drew (engine.Bot.Picture): the selected bot's, or every live bot's.
// Lines and outlines are at least a pixel thick; a shape's zero colour is its bot's.
func (b *Builder) debug() {
	v := b.v
	if v.Debug == DebugSelected {
		if v.Selected != nil {
			b.picture(v.Selected)
		}
		return
	}
	for _, bot := range v.World.Bots() {
		b.picture(bot)
	}
}

func (b *Builder) picture(bot *engine.Bot) {
	shapes, _, _ := bot.Picture()
	if !bot.Alive() || len(shapes) == 0 {
		return
	}
	t := &b.t
	width := math.Max(1, 1.5*t.zoom)
	own := Lighten(BotColor(bot.Style(), bot == b.v.Player), 0.2)
	for i := range shapes {
		s := &shapes[i]
		c := s.Color
		if c.A == 0 {
			c = own
		}
		x0, y0 := t.pt(engine.Vec{X: clampCoord(s.X0), Y: clampCoord(s.Y0)})
		switch s.Kind {
		case engine.ShapeLine:
			x1, y1 := t.pt(engine.Vec{X: clampCoord(s.X1), Y: clampCoord(s.Y1)})
			b.line(Debug, x0, y0, x1, y1, width, c)
		case engine.ShapeCircle:
			r := s.X1 * t.zoom
			if r > 4*(t.right-t.left+t.bottom-t.top) || x0+r < t.left || y0+r < t.top || x0-r > t.right || y0-r > t.bottom {
				continue
			}
			b.ring(Debug, x0, y0, r, width, max(12, min(64, int(r/3))), c)
		case engine.ShapeRect:
			w, h := clampCoord(s.X1)*t.zoom, clampCoord(s.Y1)*t.zoom
			wd := math.Min(width, math.Min(w, h)/2)
			if wd > 0 {
				b.frame(Debug, x0, y0, w, h, wd, c)
			}
		case engine.ShapeText:
			b.label(Debug, Label{Text: s.Text, Font: Mono, Size: DebugTextSize, X: x0, Y: y0, Color: c})
		}
	}
}

// clampCoord keeps a script's coordinate (finite, but maybe huge) within a range whose screen pixels a float32
// still holds.
func clampCoord(v float64) float64 { return math.Max(-1e6, math.Min(1e6, v)) }
