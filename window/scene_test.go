package window

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
	"stackarena/match/scene"
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

// Describing and queueing the arena's quads allocates nothing, however many actors there are: the builder and
// the batches keep their memory from frame to frame. (What Ebitengine allocates in the dozen DrawTriangles calls
// is its own affair, and is not representative here: outside a real frame its command queue never empties.)
func TestSceneDrawDoesNotAllocatePerActor(t *testing.T) {
	g, img := sceneGame(t, 1500)
	w := g.m.World
	require.NotEmpty(t, w.Bullets())
	require.NotEmpty(t, w.Effects())
	v := g.sceneView()
	a := g.arena
	a.draw(img, &v) // the builder and the batches grow to the scene's size
	queue := func() {
		f := a.builder.Build(&v)
		for i := range f.Layers {
			a.batches[i].addAll(f.Layers[i].Quads, f.Layers[i].Sprite == nil)
			a.batches[i].vs = a.batches[i].vs[:0]
		}
	}
	f := a.builder.Build(&v)
	assert.Greater(t, len(f.Layers[scene.Tanks].Quads), 1000)
	assert.Greater(t, len(f.Layers[scene.Bullets].Quads), 0)
	queue()
	assert.Zero(t, testing.AllocsPerRun(5, queue))
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
		g.arena.draw(img, &v)
		img.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(px)
	}
	b.ReportMetric(float64(g.m.World.Actors()), "actors")
}
