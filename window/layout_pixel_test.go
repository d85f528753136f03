package window

import (
	"fmt"
	"image"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
)

// At the window sizes people use, with a match of 100 bots over, the results open, the inspector on a bot whose
// console holds a long line and the help on top: every pixel the UI draws lies inside one of its panels (so no
// text crosses its panel's edge), no two panels intersect, and the results and the inspector are both on screen.
func TestPanelsHoldTheirTextAtEverySize(t *testing.T) {
	cfg := arenaConfig(11, 2400, 1600, match.BotSpec{Name: "spinbot", Count: 60}, match.BotSpec{Name: "chaser", Count: 40})
	cfg.MaxTicks = 30
	g, in := newTestGame(t, Options{Player: true, Match: cfg, Speed: 16})
	for !g.m.World.Over() {
		updates(t, g, in, 1)
	}
	require.True(t, g.showResults)
	b := g.m.World.Bots()[4]
	g.selectBot(b)
	g.m.World.ControlBot(b).Log("ran more than 10000 steps in one tick: " + strings.Repeat("a very long console line that must wrap ", 6))
	g.m.World.ControlBot(b).Log("short line")
	g.say("reload failed: bots/star/examples/hunter.star:12:5: undefined: something_with_a_rather_long_name_here")

	for _, size := range [][2]int{{640, 480}, {1280, 800}, {1920, 1080}} {
		for _, help := range []bool{false, true} {
			t.Run(fmt.Sprintf("%dx%d help=%v", size[0], size[1], help), func(t *testing.T) {
				g.Layout(size[0], size[1])
				g.showHelp = help
				f := g.frameUI()
				shown := f.p.all()
				for _, name := range []string{"hud", "ranking", "inspector", "results", "toast"} {
					assert.Contains(t, shown, name)
				}
				assert.False(t, f.p.results.Overlaps(f.p.inspector), "the results and the inspector side by side")
				img := ebiten.NewImage(g.w, g.h)
				defer img.Deallocate()
				g.drawUI(img, &f)
				ui := readPixels(img)
				outside := 0
				var first image.Point
				for y := 0; y < g.h; y++ {
					for x := 0; x < g.w; x++ {
						if ui.RGBAAt(x, y).A == 0 {
							continue
						}
						in := help // the help dims the whole window
						for _, r := range shown {
							in = in || image.Pt(x, y).In(r)
						}
						if !in {
							if outside == 0 {
								first = image.Pt(x, y)
							}
							outside++
						}
					}
				}
				assert.Zero(t, outside, "pixels drawn outside every panel, the first at %v", first)
				saveFrame(t, drawFrame(g), fmt.Sprintf("window-%dx%d-help=%v.png", size[0], size[1], help))
			})
		}
	}
	g.showHelp = false
	g.Layout(testW, testH)
}
