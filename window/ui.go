package window

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/engine"
)

// uiTextSize is the size of the panels' text, in pixels.
const uiTextSize = 13

// Fixed sizes of the HUD and the ranking, in lines and characters.
const (
	hudLines    = 6
	hudChars    = 54
	rankingTop  = 8 // bots the ranking panel lists
	bannerChars = 56
)

// panels lays the UI out for the current screen size.
func (g *Game) panels() panels {
	spec := layoutSpec{text: g.metrics, hudLines: hudLines, hudChars: hudChars,
		rankingRows: 1 + min(rankingTop, len(g.cache.ranking)), hintChars: len([]rune(hintText))}
	if g.selected != nil {
		spec.inspectorLines = inspectorMinLines - 1 + max(1, len(g.selected.Console()))
	}
	return layoutPanels(g.w, g.h, spec)
}

// hintText is the line in the bottom-left corner.
const hintText = "F1: help · right click: inspect a bot"

// inspectorShown reports whether the inspector panel is on screen.
func (g *Game) inspectorShown() bool { return g.selected != nil && g.showInspector }

// pointOverUI reports whether the screen point is over a panel, where clicks do not reach the arena.
func (g *Game) pointOverUI(x, y int) bool {
	p := image.Pt(x, y)
	if g.m == nil {
		return false
	}
	pn := g.panels()
	return g.showHelp && p.In(pn.help) || g.showResults && p.In(pn.results) || g.inspectorShown() && p.In(pn.inspector) ||
		g.showHUD && (p.In(pn.hud) || p.In(pn.ranking))
}

// drawUI draws the panels over the arena in two layers: the side panels, then the modal ones (help, results) over
// a dimmed screen. Each layer is one batch of backgrounds, then its text. Called from Draw only.
func (g *Game) drawUI(dst *ebiten.Image) {
	p := g.panels()
	if g.showHUD {
		g.box(p.hud)
		g.box(p.ranking)
		g.box(p.hint)
		g.rankingSwatches(p.ranking)
	}
	if g.inspectorShown() {
		g.box(p.inspector)
	}
	banner := g.bannerText()
	var bannerBox image.Rectangle
	if banner != "" {
		bw := int(float64(bannerChars)*g.metrics.charW) + 2*padding
		bannerBox = image.Rect((g.w-bw)/2, margin, (g.w+bw)/2, margin+int(g.metrics.lineH)+2*padding)
		g.box(bannerBox)
	}
	if g.toast != "" {
		g.box(p.toast)
	}
	g.ui.flush(dst)

	if g.showHUD {
		g.text(dst, g.hudText(), p.hud, textColor)
		g.rankingText(dst, p.ranking)
		g.text(dst, hintText, p.hint, dimTextColor)
	}
	if g.inspectorShown() {
		g.drawInspector(dst, p.inspector)
	}
	if banner != "" {
		g.centredText(dst, banner, bannerBox, titleColor)
	}
	if g.toast != "" {
		g.centredText(dst, g.toast, p.toast, textColor)
	}

	if g.showResults || g.showHelp {
		g.ui.rect(0, 0, float64(g.w), float64(g.h), color.RGBA{0, 0, 0, 120})
		r := p.results
		if g.showHelp {
			r = p.help
		}
		g.box(r)
		g.ui.flush(dst)
		if g.showHelp {
			g.drawHelp(dst, r)
		} else {
			g.drawResults(dst, r)
		}
	}
}

// bannerText is the line shown at the top centre: the pause, and what became of the player's tank.
func (g *Game) bannerText() string {
	switch {
	case g.clock.paused:
		return "PAUSED · N: one tick · Space: resume"
	case g.m.World.Over():
		if g.showResults {
			return ""
		}
		return "match over · R: new match · Shift+R: replay"
	case g.play != nil && !g.play.Alive():
		return "your tank is destroyed: watching"
	}
	return ""
}

// box queues a panel's background and edge.
func (g *Game) box(r image.Rectangle) {
	x, y, w, h := float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy())
	g.ui.rect(x, y, w, h, panelColor)
	g.ui.frame(x, y, w, h, 1, panelEdgeColor)
}

// text draws s in the UI font inside the panel r, from its padded top-left corner.
func (g *Game) text(dst *ebiten.Image, s string, r image.Rectangle, c color.Color) {
	g.txt.Draw(dst, s, Mono, uiTextSize, float64(r.Min.X+padding), float64(r.Min.Y+padding), c)
}

// textLine draws s on line i (from 0) of the panel r.
func (g *Game) textLine(dst *ebiten.Image, s string, r image.Rectangle, i int, c color.Color) {
	g.txt.Draw(dst, s, Mono, uiTextSize, float64(r.Min.X+padding), float64(r.Min.Y+padding)+float64(i)*g.metrics.lineH, c)
}

// centredText draws one line centred in r.
func (g *Game) centredText(dst *ebiten.Image, s string, r image.Rectangle, c color.Color) {
	g.txt.DrawCentered(dst, s, Mono, uiTextSize, float64(r.Min.X+r.Max.X)/2, float64(r.Min.Y+padding), c)
}

// label names a bot for messages: "you" for the player's.
func (g *Game) label(b *engine.Bot) string {
	if b == g.play {
		return "your tank"
	}
	return b.String()
}

// fitChars cuts s to at most n characters, marking the cut with an ellipsis.
func fitChars(s string, n int) string {
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n == 1 {
		return "…"
	}
	return string(r[:n-1]) + "…"
}
