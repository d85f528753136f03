package window

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
	"stackarena/match"
)

// scriptedInput is an [Input] that tests drive: keys and buttons go down and up when the test says, and "just"
// means since the previous endUpdate, as inpututil counts it.
type scriptedInput struct {
	keys, keysBefore       map[ebiten.Key]bool
	buttons, buttonsBefore map[ebiten.MouseButton]bool
	chars                  []rune
	x, y                   int
	wheel                  float64
	close                  bool
	taps                   []ebiten.Key // released at the end of the Update
}

func newScriptedInput() *scriptedInput {
	return &scriptedInput{
		keys: map[ebiten.Key]bool{}, keysBefore: map[ebiten.Key]bool{},
		buttons: map[ebiten.MouseButton]bool{}, buttonsBefore: map[ebiten.MouseButton]bool{},
	}
}

func (s *scriptedInput) KeyPressed(k ebiten.Key) bool     { return s.keys[k] }
func (s *scriptedInput) KeyJustPressed(k ebiten.Key) bool { return s.keys[k] && !s.keysBefore[k] }
func (s *scriptedInput) AppendChars(c []rune) []rune      { return append(c, s.chars...) }
func (s *scriptedInput) Cursor() (int, int)               { return s.x, s.y }
func (s *scriptedInput) MousePressed(b ebiten.MouseButton) bool {
	return s.buttons[b]
}
func (s *scriptedInput) MouseJustPressed(b ebiten.MouseButton) bool {
	return s.buttons[b] && !s.buttonsBefore[b]
}
func (s *scriptedInput) MouseJustReleased(b ebiten.MouseButton) bool {
	return !s.buttons[b] && s.buttonsBefore[b]
}
func (s *scriptedInput) Wheel() (float64, float64) { return 0, s.wheel }
func (s *scriptedInput) CloseRequested() bool      { return s.close }

// tap presses keys for one Update (with the modifiers held in keys).
func (s *scriptedInput) tap(keys ...ebiten.Key) {
	for _, k := range keys {
		s.keys[k] = true
		s.taps = append(s.taps, k)
	}
}

// endUpdate is what the next Update compares against; tapped keys go up.
func (s *scriptedInput) endUpdate() {
	for _, k := range s.taps {
		s.keys[k] = false
	}
	s.taps = s.taps[:0]
	s.keysBefore, s.buttonsBefore = map[ebiten.Key]bool{}, map[ebiten.MouseButton]bool{}
	for k, v := range s.keys {
		s.keysBefore[k] = v
	}
	for b, v := range s.buttons {
		s.buttonsBefore[b] = v
	}
	s.chars, s.wheel = nil, 0
}

// The screen size of the game tests.
const testW, testH = 960, 640

// newTestGame makes a game on the scripted input, lays it out at testW x testH and runs its first Update,
// which builds the match. Its World is closed when the test ends. Tests run inside the test binary's first
// Update (main_test.go), so the World's tasklets are created and resumed on that one goroutine.
func newTestGame(t *testing.T, opt Options) (*Game, *scriptedInput) {
	t.Helper()
	in := newScriptedInput()
	opt.Input = in
	g, err := NewGame(opt)
	require.NoError(t, err)
	g.Layout(testW, testH)
	require.NoError(t, g.Update())
	in.endUpdate()
	t.Cleanup(g.closeWorld)
	return g, in
}

// updates runs n Updates, ending each one on the input.
func updates(t *testing.T, g *Game, in *scriptedInput, n int) {
	t.Helper()
	for range n {
		require.NoError(t, g.Update())
		in.endUpdate()
	}
}

// drawFrame draws the game on an offscreen image of the screen's size and reads it back.
func drawFrame(g *Game) *image.RGBA {
	img := ebiten.NewImage(g.w, g.h)
	defer img.Deallocate()
	g.Draw(img)
	return readPixels(img)
}

// arenaConfig is a small walled-off arena with the given bots and nothing else.
func arenaConfig(seed uint64, w, h float64, bots ...match.BotSpec) match.Config {
	return match.Config{Width: w, Height: h, Seed: seed, Bots: bots}
}

// screenOf is where the game's camera shows a world point, as pixel coordinates.
func screenOf(g *Game, p engine.Vec) image.Point {
	x, y := g.cam.WorldToScreen(p.X, p.Y)
	return image.Pt(int(x), int(y))
}

// clickAt presses and releases a mouse button at a screen point, over three Updates.
func clickAt(t *testing.T, g *Game, in *scriptedInput, b ebiten.MouseButton, p image.Point) {
	t.Helper()
	in.x, in.y = p.X, p.Y
	in.buttons[b] = true
	updates(t, g, in, 1)
	in.buttons[b] = false
	updates(t, g, in, 1)
}
