package scene

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

// newWorld builds an arena with the scripts given, closed when the test ends.
func newWorld(t testing.TB, w, h float64, scripts ...actors.Script) *engine.World {
	t.Helper()
	world, err := engine.New(engine.Config{Width: w, Height: h, Seed: 3, Walls: []engine.Rect{engine.R(100, 100, 64, 32)}})
	require.NoError(t, err)
	t.Cleanup(func() { world.Close() })
	for _, s := range scripts {
		_, err := actors.SpawnBot(world, "bot", s)
		require.NoError(t, err)
	}
	return world
}

func builtin(t testing.TB, name string) actors.Script {
	in, ok := bots.Lookup(name)
	require.True(t, ok)
	return in.Script
}

func steps(t testing.TB, w *engine.World, n int) {
	t.Helper()
	for range n {
		require.NoError(t, w.Step())
	}
}

// scribbler draws more than the caps allow every tick: lines, texts longer than a text may be, a shape with a
// NaN coordinate.
func scribbler(bot *actors.Bot) {
	for {
		x, y := bot.Position()
		bot.DrawLine(x, y, math.NaN(), y, color.RGBA{})
		bot.DrawCircle(x, y, 40, color.RGBA{255, 0, 0, 255})
		bot.DrawRect(x-50, y-50, 100, 100, color.RGBA{})
		for i := range 30 {
			bot.DrawText(x, y+float64(i)*12, strings.Repeat("é", 50), color.RGBA{})
			bot.DrawLine(x, y, x+float64(i), y+100, color.RGBA{0, 255, 0, 255})
			bot.DrawLine(x, y, x-float64(i), y+100, color.RGBA{0, 255, 0, 255})
		}
		bot.Yield()
	}
}

// A picture keeps what the caps allow, drops invalid shapes and what is past the caps, and shows in the Debug
// layer for the bots the view asks for.
func TestDebugDrawingIsCappedAndShown(t *testing.T) {
	w := newWorld(t, 800, 600, scribbler, builtin(t, "sniper"))
	w.SetDrawing(true)
	steps(t, w, 3)
	drawer, other := w.Bots()[0], w.Bots()[1]
	shapes, tick, dropped := drawer.Picture()
	assert.Equal(t, w.Tick(), tick)
	assert.Len(t, shapes, engine.MaxDrawShapes)
	assert.Positive(t, dropped)
	text := 0
	for _, s := range shapes {
		assert.True(t, engine.ValidShape(s))
		assert.LessOrEqual(t, len(s.Text), engine.MaxDrawTextLen)
		assert.True(t, strings.HasPrefix(strings.Repeat("é", 50), s.Text), "cut at a rune boundary: %q", s.Text)
		text += len(s.Text)
	}
	assert.LessOrEqual(t, text, engine.MaxDrawTextBytes)
	assert.Positive(t, text)

	b := NewBuilder()
	cam := FitCamera(800, 600, 800, 600, 0)
	f := b.Build(&View{World: w, Camera: cam, Debug: DebugAll})
	assert.NotEmpty(t, f.Layers[Debug].Quads)
	assert.NotEmpty(t, f.Layers[Debug].Labels)
	for _, q := range f.Layers[Debug].Quads {
		for _, p := range q.Dst {
			assert.False(t, math.IsNaN(float64(p[0])) || math.IsInf(float64(p[0]), 0))
		}
	}
	f = b.Build(&View{World: w, Camera: cam, Debug: DebugSelected, Selected: other})
	assert.Empty(t, f.Layers[Debug].Quads, "the selected bot drew nothing")
	f = b.Build(&View{World: w, Camera: cam, Debug: DebugSelected, Selected: drawer})
	assert.NotEmpty(t, f.Layers[Debug].Quads)
	f = b.Build(&View{World: w, Camera: cam, Debug: DebugOff})
	assert.Empty(t, f.Layers[Debug].Quads)
	assert.Empty(t, f.Layers[Debug].Labels)

	w.SetDrawing(false)
	steps(t, w, 1)
	shapes, _, _ = drawer.Picture()
	assert.Empty(t, shapes, "nothing is recorded while drawing is off")
}

// Debug drawing changes nothing in the match: the same seed gives the same hashes watched or not.
func TestDebugDrawingDoesNotChangeTheMatch(t *testing.T) {
	hashes := func(on bool) []uint64 {
		w := newWorld(t, 800, 600, scribbler, builtin(t, "chaser"), builtin(t, "spinbot"))
		w.SetDrawing(on)
		var out []uint64
		for range 200 {
			require.NoError(t, w.Step())
			out = append(out, w.Hash())
		}
		return out
	}
	assert.Equal(t, hashes(false), hashes(true))
}

// The selection ring never covers the energy bar above the bot nor the name under it, at any zoom.
func TestMarksClearOfTheSelectionRing(t *testing.T) {
	for _, zoom := range []float64{0.25, 0.4, 0.5, 0.75, 1, 2, 4, 8} {
		_, sw := ringWidths(zoom)
		outer := SelectRingRadius*zoom + sw/2
		barBottom, nameTop := markOffsets(zoom)
		assert.Greater(t, barBottom, outer, "zoom %v: the bar clears the ring", zoom)
		assert.Greater(t, nameTop, outer, "zoom %v: the name clears the ring", zoom)
		pw, _ := ringWidths(zoom)
		assert.Less(t, PlayerRingRadius*zoom+pw/2, SelectRingRadius*zoom-sw/2+1, "zoom %v: the rings are apart", zoom)
	}
}

// With 100 bots fitted in a window, names are drawn where they can be read (at least 11 pixels high) and none
// covers another.
func TestLabelsReadableAndApart(t *testing.T) {
	scripts := make([]actors.Script, 100)
	for i := range scripts {
		scripts[i] = builtin(t, "spinbot")
	}
	w := newWorld(t, 3000, 2000, scripts...)
	steps(t, w, 5)
	for _, size := range [][2]int{{1280, 800}, {640, 480}} {
		cam := FitCamera(3000, 2000, size[0], size[1], 0.03)
		f := NewBuilder().Build(&View{World: w, Camera: cam, Selected: w.Bots()[7]})
		labels := f.Layers[Overlays].Labels
		require.NotEmpty(t, labels)
		assert.Equal(t, w.Bots()[7].Name(), labels[0].Text, "the selected bot's name comes first")
		type box struct{ x0, y0, x1, y1 float64 }
		var boxes []box
		for _, l := range labels {
			assert.GreaterOrEqual(t, l.Size, 11.0)
			hw := textWidth(l.Text, l.Size) / 2
			b := box{l.X - hw, l.Y, l.X + hw, l.Y + l.Size}
			for _, o := range boxes {
				overlap := b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
				assert.False(t, overlap, "%dx%d: label %q at %v overlaps another at %v", size[0], size[1], l.Text, b, o)
			}
			boxes = append(boxes, b)
		}
		t.Logf("%dx%d, zoom %.2f: %d names of 100 bots", size[0], size[1], cam.Zoom, len(labels))
	}
}

// Bots that scanned in the last ticks show their scan arcs when the view asks for them.
func TestScanArcs(t *testing.T) {
	w := newWorld(t, 800, 600, func(bot *actors.Bot) {
		for {
			bot.Scan()
		}
	}, builtin(t, "sniper"))
	steps(t, w, 3)
	at, heading, ok := w.Bots()[0].LastScan()
	require.True(t, ok)
	assert.Equal(t, w.Tick(), at)
	assert.Equal(t, w.Bots()[0].GunHeading(), heading)
	b := NewBuilder()
	cam := FitCamera(800, 600, 800, 600, 0)
	assert.NotEmpty(t, b.Build(&View{World: w, Camera: cam, Scans: true}).Layers[Scans].Quads)
	assert.Empty(t, b.Build(&View{World: w, Camera: cam}).Layers[Scans].Quads)
}

// Once grown, building a frame of many actors allocates nothing.
func TestBuildAllocatesNothing(t *testing.T) {
	scripts := make([]actors.Script, 300)
	for i := range scripts {
		scripts[i] = builtin(t, "spinbot")
	}
	w := newWorld(t, 3000, 2000, scripts...)
	steps(t, w, 60)
	v := &View{World: w, Camera: FitCamera(3000, 2000, 1280, 800, 0.03), Scans: true, Debug: DebugAll, Selected: w.Bots()[0]}
	b := NewBuilder()
	f := b.Build(v)
	require.Greater(t, len(f.Layers[Tanks].Quads), 250)
	assert.Zero(t, testing.AllocsPerRun(5, func() { b.Build(v) }))
}

// BenchmarkDebugDrawing is 200 bots each drawing 10 shapes a tick (a line, a circle, a text...), with nobody
// watching and with a viewer, against the same bots drawing nothing (the baseline): what an unwatched script's
// drawing costs the match.
func BenchmarkDebugDrawing(b *testing.B) {
	drawer := func(draw bool) actors.Script {
		return func(bot *actors.Bot) {
			for {
				if draw {
					x, y := bot.Position()
					for i := range 8 {
						bot.DrawLine(x, y, x+float64(i), y+50, color.RGBA{})
					}
					bot.DrawCircle(x, y, 30, color.RGBA{})
					bot.DrawText(x, y, "hello", color.RGBA{})
				}
				bot.Turn(5)
				bot.Yield()
			}
		}
	}
	for _, bc := range []struct {
		name       string
		draw, seen bool
	}{{"baseline", false, false}, {"unwatched", true, false}, {"watched", true, true}} {
		b.Run(bc.name, func(b *testing.B) {
			scripts := make([]actors.Script, 200)
			for i := range scripts {
				scripts[i] = drawer(bc.draw)
			}
			w := newWorld(b, 3000, 2000, scripts...)
			w.SetDrawing(bc.seen)
			for b.Loop() {
				if err := w.Step(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ticks/s")
		})
	}
}

// In a crowd where most names give way, the bot under the pointer always has its name.
func TestHoveredBotIsLabelled(t *testing.T) {
	scripts := make([]actors.Script, 100)
	for i := range scripts {
		scripts[i] = builtin(t, "spinbot")
	}
	w := newWorld(t, 3000, 2000, scripts...)
	steps(t, w, 5)
	cam := FitCamera(3000, 2000, 640, 480, 0.03)
	b := NewBuilder()
	named := map[string]bool{}
	for _, l := range b.Build(&View{World: w, Camera: cam}).Layers[Overlays].Labels {
		named[l.Text] = true
	}
	var hidden *engine.Bot
	for _, bot := range w.Bots() {
		if !named[bot.Name()] {
			hidden = bot
			break
		}
	}
	require.NotNil(t, hidden, "a crowd hides some names")
	labels := b.Build(&View{World: w, Camera: cam, Hover: hidden}).Layers[Overlays].Labels
	require.NotEmpty(t, labels)
	assert.Equal(t, hidden.Name(), labels[0].Text)
}
