package window

import (
	"fmt"
	"image"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/engine"
)

// inspectorText is the inspector's head for bot b: who it is, its figures, what it is doing and the line of its
// script it waits in. The line is known while the inspector traces the bot, from the script's next action on.
func inspectorText(b *engine.Bot, you bool) string {
	var s strings.Builder
	state := "alive"
	if !b.Alive() {
		state = fmt.Sprintf("destroyed at tick %d", b.DeathTick())
	}
	who := b.String()
	if you {
		who += ", your tank"
	}
	fmt.Fprintf(&s, "%s  %s\n", who, state)
	fmt.Fprintf(&s, "energy %.1f   kills %d   shots %d, hits %d\n", b.Energy(), b.Kills(), b.Shots(), b.Hits())
	p := b.Pos()
	fmt.Fprintf(&s, "at %.1f, %.1f   heading %.0f°   gun %.0f°\n", p.X, p.Y, b.Heading(), b.GunHeading())
	fmt.Fprintf(&s, "speed %.1f   gun heat %.1f   damage dealt %.1f\n", b.Speed(), b.GunHeat(), b.DamageDealt())
	fmt.Fprintf(&s, "doing: %s\n", b.Action())
	where := b.Where()
	switch {
	case !b.Alive():
		where = "(ended)"
	case where == "":
		where = "(known at its next action)"
	}
	fmt.Fprintf(&s, "waits at: %s", where)
	return s.String()
}

// inspectorHeadLines is the number of lines inspectorText writes.
const inspectorHeadLines = 6

// drawInspector draws the selected bot's inspector in r: its head (inspectorText), then the last lines of its
// console that fit, scrolled back by the wheel.
func (g *Game) drawInspector(dst *ebiten.Image, r image.Rectangle) {
	b := g.selected
	c := botColor(b.Style(), b == g.play)
	g.textLine(dst, "inspector", r, 0, lighten(c, 0.3))
	g.textLine(dst, inspectorText(b, b == g.play), r, 1, textColor)

	line := 1 + inspectorHeadLines + 1
	lines := b.Console()
	rows := int((float64(r.Dy()-2*padding)+1)/g.metrics.lineH) - line - 1 // +1: the panel's height was rounded down
	if rows <= 0 {
		return
	}
	scroll := min(g.scroll, max(0, len(lines)-rows))
	end := len(lines) - scroll
	start := max(0, end-rows)
	title := fmt.Sprintf("console: %d lines", len(lines))
	if scroll > 0 {
		title += fmt.Sprintf(", %d newer below", scroll)
	} else if start > 0 {
		title += ", wheel to scroll"
	}
	g.textLine(dst, title, r, line, titleColor)
	width := int(float64(r.Dx()-2*padding) / g.metrics.charW)
	var s strings.Builder
	for _, l := range lines[start:end] {
		s.WriteString(fitChars(strings.ReplaceAll(l, "\t", "  "), width))
		s.WriteByte('\n')
	}
	if start == end {
		s.WriteString("(empty: the script has not called Say or Log)")
	}
	g.textLine(dst, s.String(), r, line+1, dimTextColor)
}
