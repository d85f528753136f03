package window

import (
	"image"
	"image/color"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/engine"
)

// uiTextSize is the size of the panels' text, in pixels.
const uiTextSize = 13

// panelText is a panel's content for one frame: its lines, already wrapped to the panel's width, each with its
// colour.
type panelText struct {
	lines  []string
	colors []color.Color
}

// add appends text, wrapped to width characters (continuation lines indented by indent), in colour c.
func (pt *panelText) add(text string, width, indent int, c color.Color) {
	for _, l := range wrap(text, width, indent) {
		pt.lines = append(pt.lines, l)
		pt.colors = append(pt.colors, c)
	}
}

// uiFrame is what the panels show in one frame, built once per Update or Draw from the Game: the layout and the
// wrapped text of every panel, so that the layout knows each panel's height before it places them.
type uiFrame struct {
	p                 panels
	hud, ranking      panelText
	rankingBots       []engine.Standing // the ranking's rows after its title, for their colour swatches
	inspector         panelText
	inspectorHead     int // lines of the inspector before its console
	results, help     panelText
	banner, toastText string
}

// frameUI lays the UI out for the current screen size and fills its panels. O(bots) for the ranking; the rest is a
// few dozen short strings. Called from Update (hit testing) and Draw.
func (g *Game) frameUI() uiFrame {
	var f uiFrame
	t := g.metrics
	width := sideChars(g.w, t)
	spec := layoutSpec{text: t, side: g.showHUD}
	if g.m != nil {
		f.banner = g.bannerText()
		f.toastText = g.toast
		spec.banner, spec.toast = f.banner != "", f.toastText != ""
		if g.showHUD {
			f.hud = g.hudText(width)
			spec.hudLines, spec.hudExtra = len(f.hud.lines), sliderHeight(t)
			spec.rankingRows = 1 + len(g.cache.ranking)
			if g.inspectorShown() {
				spec.inspector = true
				f.inspector, f.inspectorHead = g.inspectorText(width)
				spec.inspectorLines = len(f.inspector.lines)
			}
		}
		if g.showResults {
			spec.results = true
			spec.resultsChars, spec.resultsLines = resultsSize(len(g.cache.ranking))
		}
	}
	if g.showHelp {
		spec.help = true
		spec.helpChars, spec.helpLines = helpSize()
	}
	f.p = layoutPanels(g.w, g.h, spec)
	if g.m != nil && g.showHUD {
		f.ranking, f.rankingBots = g.rankingText(width, t.lines(f.p.ranking.Dy()))
	}
	if g.m != nil && g.showResults {
		f.results = g.resultsText(t.chars(f.p.results.Dx()))
	}
	if g.showHelp {
		f.help = helpPanelText(t.chars(f.p.help.Dx()))
	}
	return f
}

// inspectorShown reports whether the inspector panel is on screen.
func (g *Game) inspectorShown() bool { return g.selected != nil && g.showInspector && g.showHUD }

// pointOverUI reports whether the screen point is over a panel, where clicks do not reach the arena.
func (g *Game) pointOverUI(x, y int) bool {
	pt := image.Pt(x, y)
	if pt.In(g.timelineRect()) {
		return true
	}
	for _, r := range g.frameUI().p.all() {
		if pt.In(r) {
			return true
		}
	}
	return false
}

// drawUI draws the panels: the side column and the messages, then the modal screens (results in the arena's
// viewport, help over a dimmed window). Each layer is one batch of backgrounds, then its text. Called from Draw
// only.
func (g *Game) drawUI(dst *ebiten.Image, f *uiFrame) {
	p := &f.p
	for _, r := range []image.Rectangle{p.hud, p.ranking, p.inspector, p.banner, p.toast} {
		if !r.Empty() {
			g.box(r)
		}
	}
	if !p.hud.Empty() {
		g.sliderShapes(g.sliderRect(p.hud))
		g.rankingSwatches(p.ranking, f.rankingBots)
	}
	g.ui.flush(dst)

	g.panelLines(dst, &f.hud, p.hud, 0)
	g.panelLines(dst, &f.ranking, p.ranking, 0)
	if !p.hud.Empty() {
		g.sliderLabels(dst, g.sliderRect(p.hud))
	}
	if !p.inspector.Empty() {
		g.drawInspector(dst, f)
	}
	if f.banner != "" {
		g.centredText(dst, fitChars(f.banner, g.metrics.chars(p.banner.Dx())), p.banner, titleColor)
	}
	if f.toastText != "" {
		g.centredText(dst, fitChars(f.toastText, g.metrics.chars(p.toast.Dx())), p.toast, textColor)
	}

	if g.showResults && !p.results.Empty() {
		g.modalBox(p.results)
		g.ui.flush(dst)
		g.drawScrolling(dst, "MATCH OVER", &f.results, p.results, &g.resultsScroll)
	}
	if g.showHelp {
		g.ui.rect(0, 0, float64(g.w), float64(g.h), color.RGBA{0, 0, 0, 120})
		g.modalBox(p.help)
		g.ui.flush(dst)
		g.drawScrolling(dst, "CONTROLS", &f.help, p.help, &g.helpScroll)
	}
}

// panelLines draws the lines of pt in the panel r from line first on, as many as fit.
func (g *Game) panelLines(dst *ebiten.Image, pt *panelText, r image.Rectangle, first int) {
	g.panelRows(dst, pt, r, first, g.metrics.lines(r.Dy()))
}

// panelRows draws at most rows lines of pt in the panel r, from line first on.
func (g *Game) panelRows(dst *ebiten.Image, pt *panelText, r image.Rectangle, first, rows int) {
	if r.Empty() {
		return
	}
	for i := 0; i < rows && first+i < len(pt.lines); i++ {
		g.textLine(dst, pt.lines[first+i], r, i, pt.colors[first+i])
	}
}

// drawScrolling draws a modal panel: a bold title, then its lines from the scroll position on, with a line
// that says what is hidden above and below. It clamps the scroll position to the text.
func (g *Game) drawScrolling(dst *ebiten.Image, title string, pt *panelText, r image.Rectangle, scroll *int) {
	g.txt.Draw(dst, title, Bold, 20, float64(r.Min.X+padding), float64(r.Min.Y+padding), titleColor)
	rows := g.metrics.lines(r.Dy()) - 2
	if rows <= 0 {
		return
	}
	if len(pt.lines) > rows {
		rows-- // the last line says what more there is
	}
	*scroll = max(0, min(*scroll, len(pt.lines)-rows))
	body := r
	body.Min.Y += int(2 * g.metrics.lineH)
	g.panelRows(dst, pt, body, *scroll, rows)
	if more := len(pt.lines) - *scroll - rows; more > 0 || *scroll > 0 {
		msg := "wheel or arrows: scroll"
		if more > 0 {
			msg = fitChars("↓ "+strconv.Itoa(more)+" more lines · "+msg, g.metrics.chars(r.Dx()))
		}
		g.textLine(dst, msg, body, rows, dimTextColor)
	}
}

// bannerText is the line shown at the top of the arena: the pause, and what became of the player's tank.
func (g *Game) bannerText() string {
	switch {
	case g.rp != nil && g.clock.paused:
		return "PAUSED · N / B: a tick forward / back · Space: play · T: take over"
	case g.rp != nil:
		return "" // the timeline says the rest
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

// modalBox queues a modal panel's background: opaque, so that what it covers does not show through its text.
func (g *Game) modalBox(r image.Rectangle) {
	g.ui.rect(float64(r.Min.X), float64(r.Min.Y), float64(r.Dx()), float64(r.Dy()), backdropColor)
	g.box(r)
}

// textLine draws s on line i (from 0) of the panel r.
func (g *Game) textLine(dst *ebiten.Image, s string, r image.Rectangle, i int, c color.Color) {
	g.txt.DrawMono(dst, s, uiTextSize, g.metrics.charW, float64(r.Min.X+padding), float64(r.Min.Y+padding)+float64(i)*g.metrics.lineH, c)
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

// fitChars cuts s to at most n characters, marking the cut with an ellipsis. Only for one-line labels (names in
// a table, a transient message); panel text wraps instead.
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

// panels is the current frame's layout (see frameUI).
func (g *Game) panels() panels { return g.frameUI().p }
