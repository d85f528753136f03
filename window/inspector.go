package window

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"stackarena/bots"
)

// inspectorText is the inspector's lines for the selected bot, wrapped to width characters, and how many of
// them come before the console: who it is, its figures, what it is doing, the line of its script it waits in
// (with that line's text), then the console's title and every console line. The script's line is known while
// the inspector traces the bot, from the script's next action on.
func (g *Game) inspectorText(width int) (pt panelText, head int) {
	b := g.selected
	you := b == g.play
	pt.add("inspector", width, 0, lighten(botColor(b.Style(), you), 0.3))
	state := "alive"
	if !b.Alive() {
		state = fmt.Sprintf("destroyed at tick %d: %s", b.DeathTick(), b.Cause())
	}
	who := b.String()
	if you {
		who += ", your tank"
	}
	pt.add(who+"  "+state, width, 2, textColor)
	pt.add(fmt.Sprintf("energy %.1f   kills %d   shots %d, hits %d", b.Energy(), b.Kills(), b.Shots(), b.Hits()), width, 2, textColor)
	p := b.Pos()
	pt.add(fmt.Sprintf("at %.1f, %.1f   heading %.0f°   gun %.0f°", p.X, p.Y, b.Heading(), b.GunHeading()), width, 2, textColor)
	pt.add(fmt.Sprintf("speed %.1f   gun heat %.1f   damage dealt %.1f", b.Speed(), b.GunHeat(), b.DamageDealt()), width, 2, textColor)
	pt.add("doing: "+b.Action(), width, 2, textColor)
	switch where := b.Where(); {
	case you:
		pt.add("driven by you: keyboard and mouse", width, 2, textColor)
	case !b.Alive():
		pt.add("waits at: (its script has ended)", width, 2, textColor)
	case where == "":
		pt.add("waits at: (known at its next action)", width, 2, textColor)
	default:
		pt.add("waits at: "+where, width, 2, textColor)
		if src := g.sources.line(where); src != "" {
			pt.add("  "+src, width, 4, titleColor)
		}
	}
	pt.add("", width, 0, textColor)
	head = len(pt.lines)
	lines := b.Console()
	pt.add(fmt.Sprintf("console: %d lines", len(lines)), width, 0, titleColor)
	if len(lines) == 0 {
		pt.add("(empty: the script has not called Say or Log)", width, 2, dimTextColor)
	}
	for _, l := range lines {
		pt.add(l, width, 2, dimTextColor)
	}
	return pt, head
}

// drawInspector draws the inspector: its head, then as much of the console as fits, the newest lines last,
// scrolled back by the wheel.
func (g *Game) drawInspector(dst *ebiten.Image, f *uiFrame) {
	r, pt := f.p.inspector, &f.inspector
	rows := g.metrics.lines(r.Dy())
	g.panelLines(dst, &panelText{lines: pt.lines[:f.inspectorHead], colors: pt.colors[:f.inspectorHead]}, r, 0)
	room := rows - f.inspectorHead - 1 // the console's lines below its title
	if room <= 0 {
		return
	}
	console := pt.lines[f.inspectorHead+1:]
	g.scroll = max(0, min(g.scroll, len(console)-room))
	end := len(console) - g.scroll
	start := max(0, end-room)
	title := pt.lines[f.inspectorHead]
	switch {
	case g.scroll > 0:
		title += fmt.Sprintf(", %d newer below", g.scroll)
	case start > 0:
		title += ", wheel to scroll"
	}
	g.textLine(dst, fitChars(title, g.metrics.chars(r.Dx())), r, f.inspectorHead, titleColor)
	for i := start; i < end; i++ {
		g.textLine(dst, console[i], r, f.inspectorHead+1+i-start, pt.colors[f.inspectorHead+1+i])
	}
}

// sourceLines finds the text of a script's line from its position: "talk.go:38" in a built-in Go bot (their
// sources are embedded), "path/bot.star:12:5" in a Starlark file (read from disk once, at most 1 MB, then kept).
type sourceLines struct {
	files map[string][]string
}

// line is the text of the line at where, trimmed, or "" when it cannot be found.
func (s *sourceLines) line(where string) string {
	file, n := splitPosition(where)
	if n < 1 {
		return ""
	}
	if strings.HasSuffix(file, ".go") {
		l, _ := bots.SourceLine(file, n)
		return l
	}
	if s.files == nil {
		s.files = map[string][]string{}
	}
	lines, ok := s.files[file]
	if !ok {
		if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() && st.Size() <= 1<<20 {
			if data, err := os.ReadFile(file); err == nil {
				lines = strings.Split(string(data), "\n")
			}
		}
		s.files[file] = lines
	}
	if n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}

// splitPosition splits "file:line" or "file:line:col" into the file and the line (0 when there is none).
func splitPosition(where string) (string, int) {
	parts := strings.Split(where, ":")
	if len(parts) < 2 {
		return where, 0
	}
	n, err := strconv.Atoi(parts[len(parts)-1])
	if err != nil {
		return where, 0
	}
	if len(parts) >= 3 {
		if m, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
			return strings.Join(parts[:len(parts)-2], ":"), m
		}
	}
	return strings.Join(parts[:len(parts)-1], ":"), n
}
