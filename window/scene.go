package window

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/match/scene"
)

// arena draws the arena and everything in it, as the camera sees it: package scene describes the frame (the same
// description the headless command's pictures are drawn from), and the arena draws it with one batch ([quads])
// per layer, each batch one draw call, flushed in the layers' order, so a frame is about a dozen draw calls
// whatever the number of actors:
//
//	floor, grid and doorways (shapes) · walls · door panels · scan arcs · wrecks · tanks · guns · radars ·
//	bullet trails (shapes) · bullets · explosions and impacts · energy bars, rings, aim (shapes) · names (text) ·
//	debug drawing (shapes, text)
//
// Work per frame is O(bots + bullets + doors + walls + effects) with culling to the view; nothing is allocated
// once the batches have grown to the scene's size. An arena only reads the World.
type arena struct {
	sprites *Sprites
	txt     *Text
	builder *scene.Builder
	batches [scene.NumLayers]*quads
}

// newArena makes the batches; call it once, after the sprites are loaded.
func newArena(sprites *Sprites, txt *Text) *arena {
	a := &arena{sprites: sprites, txt: txt, builder: scene.NewBuilder()}
	flat := newShapes()
	for i := range a.batches {
		if sp := scene.LayerSprite(scene.LayerID(i)); sp != nil {
			a.batches[i] = newQuads(sprites.Sheet(sp), true)
		} else {
			a.batches[i] = &flat.quads
		}
	}
	return a
}

// draw draws the view onto dst, which it covers entirely. Called from Draw only.
func (a *arena) draw(dst *ebiten.Image, v *scene.View) {
	f := a.builder.Build(v)
	dst.Fill(f.Background) // a copy, not a blend: the cheapest way to cover the screen on a software renderer
	for i := range f.Layers {
		l := &f.Layers[i]
		if len(l.Quads) > 0 {
			q := a.batches[i]
			if l.Sprite != nil {
				// Below scene.SmallZoom sprites are a few pixels across: one texel per pixel looks the same as
				// bilinear filtering and costs a software renderer about 10% of the frame with 2,000 bots in view.
				q.setSmooth(l.Smooth)
			}
			q.addAll(l.Quads, l.Sprite == nil)
			q.flush(dst)
		}
		for j := range l.Labels {
			a.label(dst, &l.Labels[j])
		}
	}
}

// label draws a label (Text keeps each string's rendering, so a hundred names a frame cost a hundred copies).
func (a *arena) label(dst *ebiten.Image, l *scene.Label) {
	if !(l.Size > 0 && l.Size < 512) {
		return
	}
	if l.Centered {
		a.txt.DrawCentered(dst, l.Text, Font(l.Font), l.Size, l.X, l.Y, l.Color)
	} else {
		a.txt.Draw(dst, l.Text, Font(l.Font), l.Size, l.X, l.Y, l.Color)
	}
}

// botColor, lighten and withAlpha are the scene's, for the panels.
func botColor(style int, player bool) color.RGBA     { return scene.BotColor(style, player) }
func lighten(c color.RGBA, by float64) color.RGBA    { return scene.Lighten(c, by) }
func withAlpha(c color.RGBA, alpha uint8) color.RGBA { return scene.WithAlpha(c, alpha) }

// cycleDebug shows the scripts' debug drawing for the selected bot, then every bot, then none; the World
// records it only while it shows (engine.World.SetDrawing), so a drawing appears from the script's next call.
func (g *Game) cycleDebug() {
	switch g.debug {
	case scene.DebugSelected:
		g.debug = scene.DebugAll
		g.say("scripts' drawing: every bot")
	case scene.DebugAll:
		g.debug = scene.DebugOff
		g.say("scripts' drawing: off")
	default:
		g.debug = scene.DebugSelected
		g.say("scripts' drawing: the selected bot")
	}
	if g.m != nil {
		g.m.World.SetDrawing(g.debug != scene.DebugOff)
	}
}

// toggleScans shows or hides the scan arcs.
func (g *Game) toggleScans() {
	g.scans = !g.scans
	if g.scans {
		g.say("scan arcs on")
	} else {
		g.say("scan arcs off")
	}
}
