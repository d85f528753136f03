package window

import (
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// testGame runs the whole test binary inside its first Update, the pattern of Ebitengine's own tests: images can
// then be drawn and read back, because the game loop (and its GL context) is running. Tests therefore run on the
// game goroutine: create tasklets inside a test, never in TestMain.
type testGame struct {
	m    *testing.M
	code int
}

func (g *testGame) Update() error {
	g.code = g.m.Run()
	return ebiten.Termination
}

func (*testGame) Draw(*ebiten.Image) {}

func (*testGame) Layout(int, int) (int, int) { return 320, 240 }

func TestMain(m *testing.M) {
	ebiten.SetWindowSize(320, 240)
	ebiten.SetWindowTitle("stackarena window tests")
	g := &testGame{m: m, code: 1}
	if err := ebiten.RunGame(g); err != nil {
		panic(err)
	}
	os.Exit(g.code)
}
