package window

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
)

// sceneGame is a game on a large arena with n spinbots, stepped until bullets fly (a volley at tick 30, then a steady fire), and fitted so that every
// bot is in view.
func sceneGame(t testing.TB, n int) (*Game, *ebiten.Image) {
	in := newScriptedInput()
	g, err := NewGame(Options{Input: in, Match: arenaConfig(5, 3200, 2000, match.BotSpec{Name: "spinbot", Count: n})})
	require.NoError(t, err)
	g.Layout(1280, 800)
	for range 120 {
		require.NoError(t, g.Update())
		in.endUpdate()
	}
	t.Cleanup(g.closeWorld)
	img := ebiten.NewImage(g.w, g.h)
	t.Cleanup(img.Deallocate)
	return g, img
}

// Queueing the arena's quads allocates nothing, however many actors there are: the batches keep their memory
// from frame to frame. (What Ebitengine allocates in the dozen DrawTriangles calls is its own affair, and is not
// representative here: outside a real frame its command queue never empties.)
func TestSceneDrawDoesNotAllocatePerActor(t *testing.T) {
	g, img := sceneGame(t, 1500)
	w := g.m.World
	require.NotEmpty(t, w.Bullets())
	require.NotEmpty(t, w.Effects())
	v := g.sceneView()
	s := g.scene
	s.draw(img, &v) // the batches grow to the scene's size
	queue := func() {
		tr := newXform(v.cam)
		s.floor(w, tr)
		s.arena(w, tr)
		s.bots(&v, tr)
		s.trails(&v, tr)
		s.fx(w, tr)
		s.overlays(&v, tr)
	}
	queue()
	assert.Greater(t, s.tanks.Len(), 1000)
	assert.Greater(t, s.bullets.Len(), 0)
	for _, q := range []*quads{&s.shapes.quads, s.walls, s.doors, s.wrecks, s.tanks, s.guns, s.radars, s.bullets, s.effects} {
		q.vs = q.vs[:0]
	}
	assert.Zero(t, testing.AllocsPerRun(5, func() {
		queue()
		for _, q := range []*quads{&s.shapes.quads, s.walls, s.doors, s.wrecks, s.tanks, s.guns, s.radars, s.bullets, s.effects} {
			q.vs = q.vs[:0]
		}
	}))
}

// BenchmarkSceneDraw is a frame of 2,000 spinbots and their bullets, all in view: the CPU side of Draw, then the
// software renderer's (each op reads a pixel back, which waits for the frame to be rendered), without the
// window's own costs (presenting the frame; see -frames for the frame rate).
func BenchmarkSceneDraw(b *testing.B) {
	g, img := sceneGame(b, 2000)
	v := g.sceneView()
	px := make([]byte, 4)
	b.ReportAllocs()
	for b.Loop() {
		g.scene.draw(img, &v)
		img.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(px)
	}
	b.ReportMetric(float64(g.m.World.Actors()), "actors")
}
