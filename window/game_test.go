package window

import (
	"image"
	"image/color"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/scene"
)

// meanColour is the average colour of the pixels within r of p.
func meanColour(img *image.RGBA, p image.Point, r int) color.RGBA {
	var sum [4]int
	n := 0
	for y := p.Y - r; y <= p.Y+r; y++ {
		for x := p.X - r; x <= p.X+r; x++ {
			if (x-p.X)*(x-p.X)+(y-p.Y)*(y-p.Y) > r*r {
				continue
			}
			c := img.RGBAAt(x, y)
			sum[0], sum[1], sum[2], sum[3] = sum[0]+int(c.R), sum[1]+int(c.G), sum[2]+int(c.B), sum[3]+int(c.A)
			n++
		}
	}
	return color.RGBA{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n), uint8(sum[3] / n)}
}

// dominant is the index (0 R, 1 G, 2 B) of c's strongest channel, and how many times stronger it is than the
// next one.
func dominant(c color.RGBA) (int, float64) {
	ch := []float64{float64(c.R), float64(c.G), float64(c.B)}
	best := 0
	for i := range ch {
		if ch[i] > ch[best] {
			best = i
		}
	}
	second := 0.0
	for i := range ch {
		if i != best {
			second = max(second, ch[i])
		}
	}
	return best, ch[best] / max(1, second)
}

// changed counts the pixels of r that differ between a and b.
func changed(a, b *image.RGBA, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !near(a.RGBAAt(x, y), b.RGBAAt(x, y), 8) {
				n++
			}
		}
	}
	return n
}

// Each bot's tank is drawn at its place in the World, in its palette colour; the player's is white.
func TestBotsAreDrawnInTheirColours(t *testing.T) {
	g, _ := newTestGame(t, Options{Player: true,
		Match: arenaConfig(11, 600, 400, match.BotSpec{Name: "sniper", Count: 3})})
	g.showHUD = false
	frame := drawFrame(g)
	bots := g.m.World.Bots()
	require.Len(t, bots, 4)
	r := int(10 * g.cam.Zoom())
	for _, b := range bots[:3] {
		got := meanColour(frame, screenOf(g, b.Pos()), r)
		want := botColor(b.Style(), false)
		wantCh, _ := dominant(want)
		gotCh, ratio := dominant(got)
		assert.Equal(t, wantCh, gotCh, "%s: drawn %v, its colour is %v", b, got, want)
		assert.Greater(t, ratio, 1.3, "%s: drawn %v is tinted, not grey", b, got)
	}
	you := meanColour(frame, screenOf(g, g.play.Pos()), r)
	_, ratio := dominant(you)
	assert.Less(t, ratio, 1.15, "the player's tank is white and greys, got %v", you)
	assert.Greater(t, int(you.R), 110, "and bright, got %v", you)

	far := image.Pt(5, 5) // off the arena: the backdrop
	assert.True(t, near(frame.RGBAAt(far.X, far.Y), backdropColor, 2), "backdrop, got %v", frame.RGBAAt(far.X, far.Y))
}

// A door's panel fills its doorway while it is closed, leaves the slot empty when it is open, and in between
// covers exactly what the engine's Door.Panel says it does.
func TestDoorIsDrawnOpenAndClosed(t *testing.T) {
	cfg := arenaConfig(5, 600, 400, match.BotSpec{Name: "sniper", Count: 2})
	cfg.Walls = []match.Box{{X: 288, Y: 0, W: 24, H: 160}, {X: 288, Y: 240, W: 24, H: 160}}
	cfg.Doors = []match.DoorDef{{Box: match.Box{X: 288, Y: 160, W: 24, H: 80}, Mode: "timed", Open: 60, Closed: 30}}
	g, in := newTestGame(t, Options{Match: cfg})
	g.showHUD = false
	d := g.m.World.Doors()[0]
	centre := screenOf(g, d.Center())
	panelAt := func(frame *image.RGBA, p image.Point) color.RGBA { return meanColour(frame, p, 2) }

	require.Zero(t, d.OpenFraction())
	closed := panelAt(drawFrame(g), centre)
	ch, ratio := dominant(closed)
	assert.Equal(t, 0, ch, "a closed door is amber, got %v", closed)
	assert.Greater(t, ratio, 1.1)
	assert.False(t, near(closed, scene.DoorwayColor, 20), "the panel covers the doorway, got %v", closed)

	for d.OpenFraction() < 0.5 {
		updates(t, g, in, 1)
		require.Less(t, g.m.World.Tick(), uint64(200), "the door never half opened")
	}
	frame := drawFrame(g)
	panel := d.Panel()
	require.True(t, d.Opening())
	inPanel := screenOf(g, engine.Vec{X: d.Center().X, Y: panel.Min.Y + 6})
	inSlot := screenOf(g, engine.Vec{X: d.Center().X, Y: panel.Max.Y + 6})
	ch, _ = dominant(panelAt(frame, inPanel))
	assert.Equal(t, 1, ch, "an opening door is green where its panel still is, got %v", panelAt(frame, inPanel))
	assert.True(t, near(panelAt(frame, inSlot), scene.DoorwayColor, 3), "and the slot shows past the panel, got %v", panelAt(frame, inSlot))

	for d.OpenFraction() < 1 {
		updates(t, g, in, 1)
		require.Less(t, g.m.World.Tick(), uint64(200), "the door never opened")
	}
	open := panelAt(drawFrame(g), centre)
	assert.True(t, near(open, scene.DoorwayColor, 3), "an open door leaves the slot empty, got %v", open)
	floor := scene.FloorColor
	assert.Greater(t, int(open.R)+int(open.G)+int(open.B), int(floor.R)+int(floor.G)+int(floor.B),
		"an open doorway is lighter than the floor, not a pit: got %v", open)
}

// The HUD shows the tick, and its panel is drawn in the top-left corner.
func TestHUD(t *testing.T) {
	g, in := newTestGame(t, Options{Match: arenaConfig(5, 600, 400, match.BotSpec{Name: "spinbot", Count: 3})})
	assert.Contains(t, g.hudString(), "tick 1 / 20000")
	updates(t, g, in, 5)
	assert.Contains(t, g.hudString(), "tick 6 / 20000")
	assert.Contains(t, g.hudString(), "bots 3/3")
	assert.Regexp(t, `hash [0-9a-f]{8} \(tick 6\)`, g.hudString())

	with := drawFrame(g)
	hud := g.panels().hud
	g.showHUD = false
	without := drawFrame(g)
	assert.Equal(t, image.Pt(g.w-margin, margin), image.Pt(hud.Max.X, hud.Min.Y), "the HUD tops the side column")
	assert.Greater(t, changed(with, without, hud), hud.Dx()*hud.Dy()/4, "the HUD is drawn in its panel")
}

// spinbotLines are the lines of bots/talk.go where Spinbot's script waits: its Turn and its Shoot.
func spinbotLines(t *testing.T) []int {
	src, err := os.ReadFile("../bots/talk.go")
	require.NoError(t, err)
	lines := strings.Split(string(src), "\n")
	var found []int
	in := false
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "func Spinbot("):
			in = true
		case in && strings.HasPrefix(l, "}"):
			in = false
		case in && (strings.Contains(l, "bot.Turn(") || strings.Contains(l, "bot.Shoot(")):
			found = append(found, i+1)
		}
	}
	require.Len(t, found, 2, "Spinbot turns and shoots")
	return found
}

// A right click selects a bot: the inspector opens, traces its script and shows the line it waits in; Escape
// closes it and stops the tracing.
func TestInspectorShowsWhereTheScriptWaits(t *testing.T) {
	g, in := newTestGame(t, Options{Match: arenaConfig(5, 600, 400, match.BotSpec{Name: "spinbot", Count: 2})})
	b := g.m.World.Bots()[0]
	clickAt(t, g, in, ebiten.MouseButtonRight, screenOf(g, b.Pos()))
	require.Same(t, b, g.selected)
	assert.True(t, b.Tracing(), "the inspected bot is traced")
	assert.False(t, g.m.World.Bots()[1].Tracing(), "and only it")

	updates(t, g, in, 3)
	pt, _ := g.inspectorText(1000)
	text := strings.Join(pt.lines, "\n")
	m := regexp.MustCompile(`waits at: talk\.go:(\d+)\n  (bot\.\w+\(.*\))\n`).FindStringSubmatch(text)
	require.NotNil(t, m, "inspector:\n%s", text)
	line, _ := strconv.Atoi(m[1])
	assert.Contains(t, spinbotLines(t), line, "the line is one of Spinbot's actions")
	src, ok := bots.SourceLine("talk.go", line)
	require.True(t, ok)
	assert.Equal(t, src, m[2], "the inspector shows the line's source text")
	assert.Contains(t, text, b.String())
	assert.Contains(t, text, "doing: ")

	with := drawFrame(g)
	p := g.panels().inspector
	g.showInspector = false
	without := drawFrame(g)
	g.showInspector = true
	assert.Greater(t, changed(with, without, p), p.Dx()*p.Dy()/12, "the inspector is drawn in its panel")

	in.tap(ebiten.KeyEscape)
	updates(t, g, in, 1)
	assert.Nil(t, g.selected)
	assert.False(t, b.Tracing(), "closing the inspector stops the tracing")
}

// Shift+Tab selects a bot from the keyboard, and what its script logs shows in the inspector's console.
func TestInspectorShowsTheConsole(t *testing.T) {
	g, in := newTestGame(t, Options{Match: arenaConfig(5, 600, 400, match.BotSpec{Name: "spinbot", Count: 2})})
	b := g.m.World.Bots()[1]
	g.m.World.ControlBot(b).Log("hello from the test")
	in.tap(ebiten.KeyTab)
	in.keys[ebiten.KeyShift] = true
	updates(t, g, in, 1)
	delete(in.keys, ebiten.KeyShift)
	require.Same(t, b, g.selected, "Shift+Tab from nothing selects the last bot")
	with := drawFrame(g)
	g.m.World.ControlBot(b).Log("a second line")
	again := drawFrame(g)
	p := g.panels().inspector
	assert.Positive(t, changed(with, again, p), "a new console line shows")
}

// When the match ends the results screen opens with the ranking; Escape closes it and R starts the next seed.
func TestResultsScreen(t *testing.T) {
	cfg := arenaConfig(5, 600, 400, match.BotSpec{Name: "sniper", Count: 2})
	cfg.MaxTicks = 90
	g, in := newTestGame(t, Options{Match: cfg, Speed: 16})
	assert.False(t, g.showResults)
	for i := 0; !g.m.World.Over(); i++ {
		require.Less(t, i, 20, "the match never ended")
		updates(t, g, in, 1)
	}
	require.True(t, g.showResults, "the results open by themselves")
	line, _ := outcome(g.m.World, nil)
	assert.Regexp(t, `^(Winner: sniper(#2)?|No winner)`, line)
	table := strings.Join(resultsTable(g.cache.ranking, nil, 80), "\n")
	assert.Contains(t, table, "sniper#2")
	assert.Contains(t, table, "sniper ")
	for _, col := range []string{"energy", "kills", "damage", "shots", "hits", "died"} {
		assert.Contains(t, table, col)
	}

	with := drawFrame(g)
	g.showResults = false
	without := drawFrame(g)
	g.showResults = true
	r := g.panels().results
	assert.Greater(t, changed(with, without, r), r.Dx()*r.Dy()/3, "the results are drawn")

	in.tap(ebiten.KeyEscape)
	updates(t, g, in, 1)
	assert.False(t, g.showResults)
	assert.Contains(t, g.bannerText(), "match over")

	in.tap(ebiten.KeyR)
	updates(t, g, in, 1)
	assert.Equal(t, uint64(6), g.m.World.Seed(), "R: the next seed")
	assert.False(t, g.m.World.Over())
	assert.False(t, g.showResults)
}

// lineColourShown reports whether pixels near colour c are drawn on line i of the panel r.
func lineColourShown(frame *image.RGBA, r image.Rectangle, i int, lineH float64, c color.RGBA) bool {
	y0 := r.Min.Y + padding + int(float64(i)*lineH)
	for y := y0; y < y0+int(lineH); y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if near(frame.RGBAAt(x, y), c, 24) {
				return true
			}
		}
	}
	return false
}

// A person can win: aiming the mouse at the only other bot and holding the left button destroys it.
func TestThePlayerCanWin(t *testing.T) {
	g, in := newTestGame(t, Options{Player: true, Match: arenaConfig(9, 500, 360, match.BotSpec{Name: "squarebot", Count: 1})})
	enemy := g.m.World.Bots()[0]
	in.tap(ebiten.KeyDigit3)
	updates(t, g, in, 1)
	require.Equal(t, 3.0, g.power)
	in.buttons[ebiten.MouseButtonLeft] = true
	for i := 0; !g.m.World.Over(); i++ {
		require.Less(t, i, 3000, "the match never ended")
		p := screenOf(g, enemy.Pos())
		in.x, in.y = p.X, p.Y
		updates(t, g, in, 1)
	}
	line, good := outcome(g.m.World, g.play)
	t.Logf("tick %d, enemy %s: %s; you: energy %.1f, shots %d, hits %d", g.m.World.Tick(), enemy, enemy.Cause(), g.play.Energy(), g.play.Shots(), g.play.Hits())
	assert.Equal(t, "You won!", line)
	assert.True(t, good)
	assert.False(t, enemy.Alive())
	assert.Positive(t, g.play.Kills())
	require.True(t, g.showResults)
	assert.True(t, lineColourShown(drawFrame(g), g.panels().results, 2, g.metrics.lineH, goodColor), "the win is shown in green")
}

// A person who does nothing loses: the results say so, in red.
func TestThePlayerCanLose(t *testing.T) {
	cfg := arenaConfig(9, 500, 360, match.BotSpec{Name: "sniper", Count: 1})
	cfg.MaxTicks = 40
	g, in := newTestGame(t, Options{Player: true, Match: cfg, Speed: 8})
	updates(t, g, in, 10)
	require.True(t, g.m.World.Over())
	line, good := outcome(g.m.World, g.play)
	assert.True(t, strings.HasPrefix(line, "You lost"), line)
	assert.False(t, good)
	assert.True(t, lineColourShown(drawFrame(g), g.panels().results, 2, g.metrics.lineH, badColor), "the loss is shown in red")
}

// The default match, as `make run` opens it, drawn after a few seconds: left in out/window-test.png for people to
// look at, and checked for its panels.
func TestDefaultMatchFrame(t *testing.T) {
	g, in := newTestGame(t, Options{Player: true, Match: match.Default()})
	updates(t, g, in, 240)
	b := g.m.World.Bots()[2]
	g.selectBot(b)
	in.x, in.y = testW/2, testH/2
	updates(t, g, in, 30)
	frame := drawFrame(g)
	saveFrame(t, frame, "window-test.png")
	assert.NotEmpty(t, b.Where(), "the inspected bot's line is known")
	p := g.panels()
	g.showHUD, g.showInspector = false, false
	bare := drawFrame(g)
	for name, r := range map[string]image.Rectangle{"hud": p.hud, "ranking": p.ranking, "inspector": p.inspector} {
		assert.Greater(t, changed(frame, bare, r), r.Dx()*r.Dy()/8, "the %s is drawn", name)
	}
}

// hudString is the HUD's text, unwrapped.
func (g *Game) hudString() string { return strings.Join(g.hudText(1000).lines, "\n") }
