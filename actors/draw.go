package actors

import (
	"image/color"

	"stackarena/engine"
)

// Debug drawing: a script draws over the arena what it thinks (where it aims, what it saw), for the person
// watching, as Robocode's onPaint does. Coordinates are world units, like Position's. A drawing is shown for the
// bot's current tick and stays until the script draws again in a later tick; at most engine.MaxDrawShapes shapes
// and engine.MaxDrawTextBytes bytes of text a tick are kept, each text cut to engine.MaxDrawTextLen bytes.
// Shapes with a coordinate that is not finite, or a negative size, are dropped. The colour c is straight RGBA;
// the zero colour is the bot's own.
//
// Drawing never changes the match, and nothing tells a script whether anybody watches: while no viewer shows
// debug drawing (engine.World.SetDrawing), each call returns at once, costing a function call and a branch.
// Call them from the bot's own script, like every method.

// DrawLine draws a line from (x0, y0) to (x1, y1).
func (b *Bot) DrawLine(x0, y0, x1, y1 float64, c color.RGBA) {
	b.c.Draw(engine.Shape{Kind: engine.ShapeLine, X0: x0, Y0: y0, X1: x1, Y1: y1, Color: c})
}

// DrawCircle draws the outline of a circle of radius r about (x, y).
func (b *Bot) DrawCircle(x, y, r float64, c color.RGBA) {
	b.c.Draw(engine.Shape{Kind: engine.ShapeCircle, X0: x, Y0: y, X1: r, Color: c})
}

// DrawRect draws the outline of the rectangle whose top-left corner is (x, y), w wide and h high.
func (b *Bot) DrawRect(x, y, w, h float64, c color.RGBA) {
	b.c.Draw(engine.Shape{Kind: engine.ShapeRect, X0: x, Y0: y, X1: w, Y1: h, Color: c})
}

// DrawText writes a short text with its top-left corner at (x, y), at a fixed size on screen.
func (b *Bot) DrawText(x, y float64, text string, c color.RGBA) {
	b.c.Draw(engine.Shape{Kind: engine.ShapeText, X0: x, Y0: y, Text: text, Color: c})
}
