package engine

import (
	"image/color"
	"math"
	"unicode/utf8"
)

// Debug drawing: what a bot's script draws over the arena (lines, circles, rectangles, short text) for a
// viewer: the desktop, or a picture of the match. It never changes the simulation, so a replay re-simulated with
// a viewer reproduces it. It is recorded only while a viewer has switched it on (World.SetDrawing); off, every
// drawing call returns at once.
//
// A bot's picture is what it drew in the last tick it drew anything: the first drawing call in a new tick
// starts a new picture, which stays until then (a script parked in Forward keeps its picture on screen). A
// picture holds at most MaxDrawShapes shapes and MaxDrawTextBytes bytes of text, each text at most
// MaxDrawTextLen bytes; what goes past those caps is dropped, like console lines past ConsoleLines.

// Caps on a bot's picture, per tick.
const (
	MaxDrawShapes    = 64
	MaxDrawTextBytes = 512
	MaxDrawTextLen   = 64
)

// ShapeKind says what a Shape is.
type ShapeKind uint8

// The kinds of shapes.
const (
	ShapeLine   ShapeKind = iota + 1 // from (X0, Y0) to (X1, Y1)
	ShapeCircle                      // centre (X0, Y0), radius X1
	ShapeRect                        // corner (X0, Y0), width X1, height Y1
	ShapeText                        // Text, its top-left corner at (X0, Y0)
)

// Shape is one thing a bot drew, in world units. Shapes are outlines, one pixel or more thick.
type Shape struct {
	Kind           ShapeKind
	X0, Y0, X1, Y1 float64
	// Color is the shape's colour; a zero alpha means the bot's own colour.
	Color color.RGBA
	Text  string
}

// picture is a bot's debug drawing.
type picture struct {
	tick      uint64
	shapes    []Shape
	textBytes int
	dropped   int
}

// SetDrawing switches the recording of debug drawing on (a viewer shows it) or off (the default: drawing calls
// cost a branch). Switching it off forgets every bot's picture. Main side only, between Steps. O(bots) when
// switched off.
func (w *World) SetDrawing(on bool) {
	w.drawing = on
	if !on {
		for _, b := range w.bots {
			b.pic = nil
		}
	}
}

// Drawing reports whether debug drawing is recorded.
func (w *World) Drawing() bool { return w.drawing }

// Draw adds s to the bot's picture for the current tick. It reports whether s was kept: false while drawing is
// off, for a dead bot, past the caps, or when a coordinate is not finite or a size negative (the shape is
// dropped, the script goes on). A text is cut to MaxDrawTextLen bytes (at a rune boundary). Script side, during
// the bot's turn. O(1); it allocates the picture's memory once per bot.
func (c BotControl) Draw(s Shape) bool { return c.b.draw(s) }

func (b *Bot) draw(s Shape) bool {
	if !b.w.drawing || !b.alive || !ValidShape(s) {
		return false
	}
	p := b.pic
	if p == nil {
		p = &picture{}
		b.pic = p
	}
	if p.tick != b.w.tick {
		p.tick, p.shapes, p.textBytes, p.dropped = b.w.tick, p.shapes[:0], 0, 0
	}
	if len(s.Text) > MaxDrawTextLen {
		cut := MaxDrawTextLen
		for cut > 0 && !utf8.RuneStart(s.Text[cut]) {
			cut--
		}
		s.Text = s.Text[:cut]
	}
	if len(p.shapes) >= MaxDrawShapes || p.textBytes+len(s.Text) > MaxDrawTextBytes {
		p.dropped++
		return false
	}
	p.textBytes += len(s.Text)
	p.shapes = append(p.shapes, s)
	return true
}

// ValidShape reports whether a shape can be drawn: a known kind, finite coordinates, no negative radius or size.
func ValidShape(s Shape) bool {
	for _, f := range [...]float64{s.X0, s.Y0, s.X1, s.Y1} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	switch s.Kind {
	case ShapeLine, ShapeText:
		return true
	case ShapeCircle:
		return s.X1 >= 0
	case ShapeRect:
		return s.X1 >= 0 && s.Y1 >= 0
	}
	return false
}

// Picture is the bot's debug drawing: the shapes it drew in the last tick it drew anything (see SetDrawing),
// the tick, and how many shapes the caps dropped that tick. The slice belongs to the bot and is valid until its
// next drawing call. Read it between Steps.
func (b *Bot) Picture() (shapes []Shape, tick uint64, dropped int) {
	if b.pic == nil {
		return nil, 0, 0
	}
	return b.pic.shapes, b.pic.tick, b.pic.dropped
}

// LastScan is the tick of the bot's last scan and where its gun pointed (degrees); false if it never scanned.
// For renderers' scan arcs. O(1).
func (b *Bot) LastScan() (tick uint64, heading float64, ok bool) {
	return b.scanTick, b.scanHeading, b.scanTick > 0
}
