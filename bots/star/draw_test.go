package star_test

import (
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
)

const drawer = `
def main(bot):
    while True:
        x, y = bot.position()
        bot.draw_line(x, y, x + 50, y, "#ff0000")
        bot.draw_line(x0=x, y0=y, x1=x, y1=y + 50, color=(0, 255, 0))
        bot.draw_circle(x, y, 30)
        bot.draw_rect(x - 40, y - 40, 80, 80, None)
        bot.draw_text(x, y + 40, "tick %d" % bot.tick_count())
        bot.tick()
`

// A script's drawing reaches its bot's picture, with its colours, when a viewer shows it, and nothing is
// recorded otherwise.
func TestScriptDrawing(t *testing.T) {
	w := newWorld(t, 5, 800, 600, entry{"drawer", source(t, "drawer.star", drawer)})
	w.SetDrawing(true)
	step(t, w, 3)
	bot := w.Bots()[0]
	require.Empty(t, w.ScriptErrors())
	shapes, tick, dropped := bot.Picture()
	assert.Equal(t, w.Tick(), tick)
	assert.Zero(t, dropped)
	require.Len(t, shapes, 5)
	x, y := bot.Pos().X, bot.Pos().Y
	assert.Equal(t, engine.Shape{Kind: engine.ShapeLine, X0: x, Y0: y, X1: x + 50, Y1: y, Color: rgba(255, 0, 0)}, shapes[0])
	assert.Equal(t, rgba(0, 255, 0), shapes[1].Color)
	assert.Equal(t, engine.ShapeCircle, shapes[2].Kind)
	assert.Zero(t, shapes[2].Color.A, "no colour: the bot's own")
	assert.Equal(t, engine.ShapeRect, shapes[3].Kind)
	assert.Equal(t, "tick 3", shapes[4].Text)

	w.SetDrawing(false)
	step(t, w, 2)
	shapes, _, _ = bot.Picture()
	assert.Empty(t, shapes)
	assert.Empty(t, w.ScriptErrors())
}

// Bad arguments are errors whether or not anybody watches, so that a script runs the same either way.
func TestScriptDrawingBadArguments(t *testing.T) {
	tests := []struct{ call, want string }{
		{`bot.draw_line(0, 0, float("nan"), 1)`, "x1"},
		{`bot.draw_line(0, 0, 1)`, "missing argument for y1"},
		{`bot.draw_circle(0, 0, -1)`, "r must not be negative"},
		{`bot.draw_rect(0, 0, 5, -1)`, "must not be negative"},
		{`bot.draw_text(0, 0, 42)`, "got int, want string"},
		{`bot.draw_line(0, 0, 1, 1, "red")`, "color must be"},
		{`bot.draw_line(0, 0, 1, 1, (1, 2, 300))`, "color must be"},
		{`bot.draw_line(0, 0, 1, 1, "#12345g")`, "color must be"},
		{`bot.draw_line("a", 0, 1, 1)`, "want float or int"},
	}
	for _, watched := range []bool{false, true} {
		for _, tt := range tests {
			w := newWorld(t, 5, 800, 600, entry{"bad", source(t, "bad.star", "def main(bot):\n    "+tt.call+"\n    bot.tick()\n")})
			w.SetDrawing(watched)
			step(t, w, 2)
			errs := w.ScriptErrors()
			require.Len(t, errs, 1, "%s (watched %v)", tt.call, watched)
			assert.Contains(t, errs[0].Err.Error(), tt.want, "%s (watched %v)", tt.call, watched)
		}
	}
}

func rgba(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 255} }

// BenchmarkDrawUnwatched is 300 scripts drawing two lines a tick that nobody watches, against the same scripts
// without the drawing (the baseline): what an unwatched draw_line costs a match.
func BenchmarkDrawUnwatched(b *testing.B) {
	for _, bc := range []struct{ name, body string }{
		{"baseline", "        bot.tick()\n"},
		{"draw_line_x2", "        bot.draw_line(1, 2, 3, 4)\n        bot.draw_line(1, 2, 3, 4, \"#ff0000\")\n        bot.tick()\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			script := source(b, "d.star", "def main(bot):\n    while True:\n"+bc.body)
			bots := make([]entry, 300)
			for i := range bots {
				bots[i] = entry{"d", script}
			}
			w := newWorld(b, 5, 3000, 2000, bots...)
			step(b, w, 1)
			for b.Loop() {
				if err := w.Step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
		})
	}
}
