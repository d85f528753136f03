package window

import (
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
	"stackarena/match"
)

func spinbots(n int) match.Config {
	return arenaConfig(5, 900, 600, match.BotSpec{Name: "spinbot", Count: n})
}

// Space pauses, N and '.' step one tick each, '-' and '+' change how many ticks an Update steps.
func TestPauseStepAndSpeedKeys(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(3)})
	w := g.m.World
	tick := func() uint64 { return w.Tick() }
	require.Equal(t, uint64(1), tick(), "the first Update built the match and stepped once")

	in.tap(ebiten.KeySpace)
	updates(t, g, in, 5)
	assert.Equal(t, uint64(1), tick(), "paused")
	in.tap(ebiten.KeyN)
	updates(t, g, in, 3)
	assert.Equal(t, uint64(2), tick(), "N steps one tick")
	in.tap(ebiten.KeyPeriod)
	updates(t, g, in, 1)
	assert.Equal(t, uint64(3), tick(), ". steps one tick")
	in.tap(ebiten.KeyP)
	updates(t, g, in, 2)
	assert.Equal(t, uint64(5), tick(), "P resumes at 1x")

	in.tap(ebiten.KeyEqual)
	updates(t, g, in, 1)
	assert.Equal(t, uint64(7), tick(), "+ : 2 ticks per Update from this one")
	in.tap(ebiten.KeyNumpadAdd)
	updates(t, g, in, 1)
	assert.Equal(t, uint64(11), tick(), "4x")
	for range 3 {
		in.tap(ebiten.KeyMinus)
		updates(t, g, in, 1)
	}
	before := tick()
	updates(t, g, in, 8)
	assert.Equal(t, before+4, tick(), "0.5x: a tick every other Update")
	assert.Contains(t, g.hudString(), "at 0.5x")
}

// R restarts with the next seed, Shift+R replays the same one; both build a fresh World.
func TestRestartKeys(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(3)})
	first := g.m.World
	updates(t, g, in, 10)
	in.tap(ebiten.KeyR)
	updates(t, g, in, 1)
	assert.NotSame(t, first, g.m.World)
	assert.Equal(t, uint64(6), g.m.World.Seed())
	assert.Equal(t, uint64(1), g.m.World.Tick())
	assert.Equal(t, uint64(11), first.Tick(), "the old World stopped where it was, and can still be read")

	updates(t, g, in, 4)
	hash := g.m.World.Hash()
	in.keys[ebiten.KeyShift] = true
	in.tap(ebiten.KeyR)
	updates(t, g, in, 1)
	delete(in.keys, ebiten.KeyShift)
	assert.Equal(t, uint64(6), g.m.World.Seed(), "Shift+R: the same seed")
	updates(t, g, in, 4)
	assert.Equal(t, hash, g.m.World.Hash(), "and the same match, tick for tick")
}

// Restarting ends the old World's tasklets: the goroutines go back to what one World needs.
func TestRestartReleasesTheOldWorld(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(20)})
	before := runtime.NumGoroutine()
	for range 5 {
		in.keys[ebiten.KeyShift] = true
		in.tap(ebiten.KeyR)
		updates(t, g, in, 1)
	}
	// A stopped watchdog's goroutine ends a moment after its stop returns.
	for end := time.Now().Add(time.Second); runtime.NumGoroutine() != before && time.Now().Before(end); {
		time.Sleep(time.Millisecond)
	}
	assert.Equal(t, before, runtime.NumGoroutine())
}

// F1 and a typed '?' open the help; Escape closes it, then the results, then the selection, one at a time.
func TestHelpAndEscape(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	in.tap(ebiten.KeyF1)
	updates(t, g, in, 1)
	assert.True(t, g.showHelp)
	in.chars = []rune("?")
	updates(t, g, in, 1)
	assert.False(t, g.showHelp, "? toggles it")
	in.chars = []rune("?")
	updates(t, g, in, 1)
	require.True(t, g.showHelp)
	help := drawFrame(g)
	saveFrame(t, help, "window-help.png")
	r := g.panels().help
	g.showHelp = false
	assert.Greater(t, changed(help, drawFrame(g), r), r.Dx()*r.Dy()/3, "the help is drawn")
	g.showHelp = true

	g.selectBot(g.m.World.Bots()[0])
	in.tap(ebiten.KeyEscape)
	updates(t, g, in, 1)
	assert.False(t, g.showHelp)
	assert.NotNil(t, g.selected, "the first Escape closes the help only")
	in.tap(ebiten.KeyEscape)
	updates(t, g, in, 1)
	assert.Nil(t, g.selected)

	in.tap(ebiten.KeyH)
	updates(t, g, in, 1)
	assert.False(t, g.showHUD, "H hides the HUD")
}

// Every key the game binds is in the help, and the help lists no key that is not bound.
func TestHelpListsEveryBinding(t *testing.T) {
	labels := map[ebiten.Key]string{
		ebiten.KeySpace: "Space", ebiten.KeyP: "P", ebiten.KeyN: "N", ebiten.KeyPeriod: ".",
		ebiten.KeyMinus: "-", ebiten.KeyNumpadSubtract: "-", ebiten.KeyEqual: "+", ebiten.KeyNumpadAdd: "+",
		ebiten.KeyR: "R", ebiten.KeyF5: "F5", ebiten.KeyPageUp: "PgUp", ebiten.KeyPageDown: "PgDn",
		ebiten.KeyHome: "Home", ebiten.KeyC: "C", ebiten.KeyF: "F", ebiten.KeyTab: "Tab", ebiten.KeyI: "I",
		ebiten.KeyH: "H", ebiten.KeyEscape: "Esc", ebiten.KeyF1: "F1", ebiten.KeyF11: "F11", ebiten.KeyQ: "Ctrl+Q",
		ebiten.KeyDigit1: "1 2 3", ebiten.KeyDigit2: "1 2 3", ebiten.KeyDigit3: "1 2 3", ebiten.KeyG: "G", ebiten.KeyV: "V",
		ebiten.KeyComma: ",", ebiten.KeyB: "B", ebiten.KeyT: "T", ebiten.KeyF6: "F6",
	}
	var keys []string
	for _, s := range helpSections {
		for _, r := range s.rows {
			keys = append(keys, r[0])
		}
	}
	all := strings.Join(keys, " | ")
	for _, b := range bindings {
		label, ok := labels[b.key]
		require.True(t, ok, "binding %v has no label in this test: add it here and to the help", b.key)
		assert.Contains(t, all, label, "the help lists %v", b.key)
	}
	assert.Contains(t, all, "Shift+R")
	assert.Contains(t, all, "Shift+Tab")
	for _, k := range []string{"W / S", "A / D", "arrows", "wheel", "right click", "left button"} {
		assert.Contains(t, all, k)
	}
	assert.Contains(t, helpText(), "pause / resume")
}

// The wheel zooms about the pointer, PgUp/PgDn about the centre, Home fits the arena again.
func TestZoomKeysAndWheel(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	fitted := g.cam.Zoom()
	in.x, in.y = 300, 200
	wx, wy := g.cam.ScreenToWorld(300, 200)
	in.wheel = 2
	updates(t, g, in, 1)
	assert.InDelta(t, fitted*wheelZoom*wheelZoom, g.cam.Zoom(), 1e-9)
	sx, sy := g.cam.WorldToScreen(wx, wy)
	assert.InDelta(t, 300, sx, 1e-6, "the point under the pointer stays")
	assert.InDelta(t, 200, sy, 1e-6)
	assert.False(t, g.fitted)

	in.tap(ebiten.KeyPageDown)
	updates(t, g, in, 1)
	assert.InDelta(t, fitted*wheelZoom*wheelZoom/keyZoom, g.cam.Zoom(), 1e-9)
	in.tap(ebiten.KeyHome)
	updates(t, g, in, 1)
	assert.InDelta(t, fitted, g.cam.Zoom(), 1e-9)
	assert.True(t, g.fitted)
}

// A right drag pans the camera and selects nothing; a right click in place selects; arrows pan too.
func TestDragPansAndClickSelects(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	in.tap(ebiten.KeyPageUp)
	updates(t, g, in, 1) // zoomed in, so that there is room to pan
	cx, cy := g.cam.Center()
	in.x, in.y = 400, 300
	in.buttons[ebiten.MouseButtonRight] = true
	updates(t, g, in, 1)
	for _, p := range [][2]int{{410, 305}, {430, 315}, {450, 330}} {
		in.x, in.y = p[0], p[1]
		updates(t, g, in, 1)
	}
	in.buttons[ebiten.MouseButtonRight] = false
	updates(t, g, in, 1)
	nx, ny := g.cam.Center()
	assert.InDelta(t, cx-50/g.cam.Zoom(), nx, 1e-6, "the picture followed the pointer")
	assert.InDelta(t, cy-30/g.cam.Zoom(), ny, 1e-6)
	assert.Nil(t, g.selected, "a drag is not a click")

	b := g.m.World.Bots()[1]
	clickAt(t, g, in, ebiten.MouseButtonRight, screenOf(g, b.Pos()))
	assert.Same(t, b, g.selected)
	clickAt(t, g, in, ebiten.MouseButtonRight, screenOf(g, engine.Vec{X: -50, Y: -50}))
	assert.Nil(t, g.selected, "a click on nothing deselects")

	cx, cy = g.cam.Center()
	in.keys[ebiten.KeyArrowRight] = true
	updates(t, g, in, 2)
	delete(in.keys, ebiten.KeyArrowRight)
	nx, ny = g.cam.Center()
	assert.InDelta(t, cx+2*keyPan/g.cam.Zoom(), nx, 1e-6, "the right arrow shows more of the right")
	assert.Equal(t, cy, ny)
}

// With a tank to drive, WASD drives it, the pointer aims and the left button fires; without one, WASD pans and
// the left button selects.
func TestPlayerControls(t *testing.T) {
	g, in := newTestGame(t, Options{Player: true, Match: spinbots(2)})
	cx, cy := g.cam.Center()
	in.keys[ebiten.KeyW] = true
	in.keys[ebiten.KeyD] = true
	in.buttons[ebiten.MouseButtonLeft] = true
	in.x, in.y = 123, 456
	updates(t, g, in, 1)
	assert.True(t, g.pin.Forward)
	assert.True(t, g.pin.Right)
	assert.False(t, g.pin.Back || g.pin.Left)
	assert.True(t, g.pin.Fire)
	ax, ay := g.cam.ScreenToWorld(123, 456)
	assert.Equal(t, [2]float64{math.Round(ax), math.Round(ay)}, [2]float64{g.pin.AimX, g.pin.AimY}, "the gun aims at the pointer, in whole units")
	nx, ny := g.cam.Center()
	assert.Equal(t, [2]float64{cx, cy}, [2]float64{nx, ny}, "WASD does not pan while driving")
	updates(t, g, in, 20)
	assert.Positive(t, g.play.Speed(), "the tank drives forward")

	in.x, in.y = g.panels().hud.Min.X+5, g.panels().hud.Min.Y+5
	updates(t, g, in, 1)
	assert.False(t, g.pin.Fire, "no fire while the pointer is over a panel")

	w, _ := newTestGame(t, Options{Player: false, Match: spinbots(2)})
	assert.False(t, w.driving())
}

func TestWASDPansWithoutATank(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	in.tap(ebiten.KeyPageUp)
	updates(t, g, in, 1)
	cx, cy := g.cam.Center()
	in.keys[ebiten.KeyS] = true
	updates(t, g, in, 1)
	nx, ny := g.cam.Center()
	assert.Equal(t, cx, nx)
	assert.InDelta(t, cy+keyPan/g.cam.Zoom(), ny, 1e-6, "S shows more of the bottom")
}

// Tab walks through the live bots; F makes the camera chase the selected one.
func TestTabAndFollow(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(3)})
	bots := g.m.World.Bots()
	in.tap(ebiten.KeyPageUp)
	updates(t, g, in, 1)
	for _, want := range []*engine.Bot{bots[0], bots[1], bots[2], bots[0]} {
		in.tap(ebiten.KeyTab)
		updates(t, g, in, 1)
		assert.Same(t, want, g.selected)
	}
	in.tap(ebiten.KeyF)
	updates(t, g, in, 60)
	x, y := g.cam.Center()
	p := bots[0].Pos()
	assert.InDelta(t, p.X, x, 1, "the camera caught up with the bot")
	assert.InDelta(t, p.Y, y, 1)
	in.tap(ebiten.KeyF)
	updates(t, g, in, 1)
	assert.False(t, g.follow)
}

// Ctrl+Q and the window's close button end the game; with capture on, after one more frame is drawn.
func TestQuit(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	in.keys[ebiten.KeyControl] = true
	in.tap(ebiten.KeyQ)
	assert.ErrorIs(t, g.Update(), ebiten.Termination)
	assert.ErrorIs(t, g.Update(), ebiten.Termination, "and stays ended")

	g, in = newTestGame(t, Options{Match: spinbots(2), Capture: true})
	in.close = true
	require.NoError(t, g.Update(), "one more frame to draw")
	assert.Nil(t, g.Screenshot())
	drawFrame(g)
	require.NotNil(t, g.Screenshot())
	assert.Equal(t, testW, g.Screenshot().Bounds().Dx())
	assert.ErrorIs(t, g.Update(), ebiten.Termination)
}

// -frames N: the game ends after drawing N frames, keeps the last one and counts them.
func TestFramesOption(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2), Frames: 3, Capture: true})
	for i := range 3 {
		if i > 0 {
			updates(t, g, in, 1)
		}
		assert.Nil(t, g.Screenshot(), "frame %d", i)
		drawFrame(g)
	}
	require.NotNil(t, g.Screenshot())
	assert.ErrorIs(t, g.Update(), ebiten.Termination)
	s := g.Stats()
	assert.Equal(t, 3, s.Frames)
	assert.Equal(t, 2, s.Updates, "Updates between the first frame and the last")
	assert.Equal(t, uint64(3), s.Ticks)
	assert.Contains(t, s.String(), "3 frames in")
}

type fakeScripts struct {
	tracked  []*match.Match
	reloaded []string
	err      error
}

func (f *fakeScripts) Track(m *match.Match)             { f.tracked = append(f.tracked, m) }
func (f *fakeScripts) Reload() ([]string, error)        { return f.reloaded, f.err }
func (f *fakeScripts) last() *match.Match               { return f.tracked[len(f.tracked)-1] }
func (f *fakeScripts) set(reloaded []string, err error) { f.reloaded, f.err = reloaded, err }

// F5 reloads the scripts through Options.Scripts, which hears of every match built; without it, F5 says so.
func TestReloadKey(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	in.tap(ebiten.KeyF5)
	updates(t, g, in, 1)
	assert.Contains(t, g.toast, "not available")

	s := &fakeScripts{}
	g, in = newTestGame(t, Options{Match: spinbots(2), Scripts: s})
	require.Len(t, s.tracked, 1)
	assert.Same(t, g.m, s.last())
	s.set([]string{"bots/star/examples/a.star"}, nil)
	in.tap(ebiten.KeyF5)
	updates(t, g, in, 1)
	assert.Equal(t, "reloaded bots/star/examples/a.star", g.toast)
	s.set(nil, errors.New("a.star:3:1: undefined: x\nmore"))
	in.tap(ebiten.KeyF5)
	updates(t, g, in, 1)
	assert.Equal(t, "reload failed: a.star:3:1: undefined: x", g.toast)
	in.tap(ebiten.KeyR)
	updates(t, g, in, 1)
	require.Len(t, s.tracked, 2, "a restart's match is tracked too")
	assert.Same(t, g.m, s.last())
}

// Resizing the window moves the viewport: a fitted arena is refitted, a zoomed one keeps its zoom.
func TestResize(t *testing.T) {
	g, in := newTestGame(t, Options{Match: spinbots(2)})
	aw, ah := g.m.World.Size()
	for _, size := range [][2]int{{1600, 900}, {500, 700}, {testW, testH}} {
		g.Layout(size[0], size[1])
		vw, vh := g.cam.Viewport()
		view := g.panels().arena
		assert.Equal(t, [2]float64{float64(view.Dx()), float64(view.Dy())}, [2]float64{vw, vh}, "the viewport is the arena's")
		assert.Equal(t, size[0]-margin, g.panels().hud.Max.X, "beside the side column")
		x0, y0 := g.cam.WorldToScreen(0, 0)
		x1, y1 := g.cam.WorldToScreen(aw, ah)
		assert.True(t, x0 >= 0 && y0 >= 0 && x1 <= vw && y1 <= vh, "%v: the arena fits", size)
		assert.True(t, x0 > 1 || y0 > 1, "%v: with a margin", size)
		assert.InDelta(t, (x0+x1)/2, vw/2, 1, "%v: centred in its viewport", size)
		frame := drawFrame(g)
		assert.Equal(t, size[0], frame.Bounds().Dx())
	}
	in.wheel = 1
	updates(t, g, in, 1)
	z := g.cam.Zoom()
	g.Layout(1000, 1000)
	assert.Equal(t, z, g.cam.Zoom(), "a zoomed camera keeps its zoom")
}
