package window

import (
	"fmt"
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

// The timeline panel: a replay's position, where bots died, and the keys. It sits at the bottom of the arena's
// viewport and lays itself out from that rectangle alone, so that it does not depend on the side panels.

// timelineMargin is the gap between the panel and the arena viewport's edges, in pixels.
const timelineMargin = 8

// deathColor marks a bot's death on the timeline; the player's tank's is white.
var deathColor = color.RGBA{230, 90, 80, 255}

// timelineRect is the panel's place: the bottom of the arena's viewport, two lines high. Empty outside a replay.
func (g *Game) timelineRect() image.Rectangle {
	if g.rp == nil {
		return image.Rectangle{}
	}
	a := arenaRect(g.w, g.h, g.showHUD, g.metrics)
	h := g.metrics.boxH(2) + 6
	r := image.Rect(a.Min.X+timelineMargin, a.Max.Y-timelineMargin-h, a.Max.X-timelineMargin, a.Max.Y-timelineMargin)
	if r.Dx() < 100 || r.Dy() > a.Dy()/2 {
		return image.Rectangle{}
	}
	return r
}

// timelineTrack is the bar's ends and its height on screen.
func (g *Game) timelineTrack(r image.Rectangle) (x0, x1, y float64) {
	return float64(r.Min.X + padding + 4), float64(r.Max.X - padding - 4), float64(r.Min.Y+padding) + g.metrics.lineH/2 + 2
}

// tickAt is the tick under the screen's x on the bar.
func (g *Game) tickAt(r image.Rectangle, x int) uint64 {
	x0, x1, _ := g.timelineTrack(r)
	f := max(0, min(1, (float64(x)-x0)/(x1-x0)))
	return uint64(f*float64(g.rp.p.End()) + 0.5)
}

// xOf is where tick t is on the bar.
func (g *Game) xOf(r image.Rectangle, t uint64) float64 {
	x0, x1, _ := g.timelineTrack(r)
	end := max(1, g.rp.p.End())
	return x0 + (x1-x0)*float64(t)/float64(end)
}

// scrub seeks to the tick under the pointer while the left button, pressed on the timeline, is held: a click
// seeks, a drag scrubs.
func (g *Game) scrub() error {
	r := g.timelineRect()
	if r.Empty() {
		g.rp.scrubbing = false
		return nil
	}
	if g.in.MouseJustPressed(ebiten.MouseButtonLeft) && image.Pt(g.mx, g.my).In(r) && !g.showHelp {
		g.rp.scrubbing = true
	}
	if !g.rp.scrubbing {
		return nil
	}
	if !g.in.MousePressed(ebiten.MouseButtonLeft) {
		g.rp.scrubbing = false
		return nil
	}
	if t := g.tickAt(r, g.mx); t != g.rp.p.Tick() {
		g.rp.target, g.rp.seeking = t, true
	}
	return nil
}

// drawTimeline draws the panel: the bar with the ticks played, a mark at each bot's death and the knob at the
// current tick, then a line of text. Called from Draw only.
func (g *Game) drawTimeline(dst *ebiten.Image) {
	r := g.timelineRect()
	if r.Empty() {
		return
	}
	p := g.rp.p
	g.box(r)
	x0, x1, y := g.timelineTrack(r)
	g.ui.rect(x0, y-2, x1-x0, 4, panelEdgeColor)
	g.ui.rect(x0, y-2, g.xOf(r, p.Tick())-x0, 4, dimTextColor)
	you := 0
	if g.play != nil {
		you = g.play.ID()
	}
	for _, d := range p.Deaths() {
		c := deathColor
		if d.Bot == you {
			c = textColor
		}
		g.ui.rect(g.xOf(r, d.Tick)-1, y-7, 2, 14, c)
	}
	if m := p.Mismatch(); m != nil {
		g.ui.rect(g.xOf(r, m.Tick)-2, y-9, 4, 18, badColor)
	}
	if g.rp.seeking {
		g.ui.rect(g.xOf(r, g.rp.target)-1, y-8, 2, 16, textColor)
	}
	k := g.xOf(r, p.Tick())
	g.ui.rect(k-4, y-8, 8, 16, titleColor)
	g.ui.flush(dst)

	state := "▶ " + speedLabel(g.clock.Speed())
	switch {
	case g.rp.seeking:
		state = fmt.Sprintf("seeking tick %d…", g.rp.target)
	case g.clock.paused:
		state = "paused"
	}
	line := fmt.Sprintf("REPLAY  tick %d / %d  %s  · Space play · , . step back/fwd · click/drag seek · T take over", p.Tick(), p.End(), state)
	c := textColor
	if m := p.Mismatch(); m != nil {
		line = fmt.Sprintf("REPLAY  tick %d / %d  %s  · NOT THE RECORDED MATCH from tick %d (another version of a script or the engine?)", p.Tick(), p.End(), state, m.Tick)
		c = badColor
	}
	row := r
	row.Min.Y = r.Max.Y - g.metrics.boxH(1)
	g.textLine(dst, fitChars(line, g.metrics.chars(r.Dx())), row, 0, c)
}
