package window

import (
	"image"
	"strings"
	"unicode/utf8"
)

// The panels' margin from the window's edges and from each other, and their inner padding, in pixels.
const (
	margin  = 8
	padding = 8
)

// textMetrics is the size of the UI's monospaced text: one character's advance and one line's height.
type textMetrics struct {
	charW, lineH float64
}

// panels are the screen rectangles of the UI, laid out for one window size. The HUD hangs from the top-left
// corner, the ranking from the top-right, the inspector runs down the right edge below the ranking, the hint sits
// in the bottom-left corner, and the help and the results are centred. A panel that cannot fit shrinks to the
// window, and a window too narrow for the HUD and the ranking side by side stacks them.
type panels struct {
	hud, ranking, inspector, hint, toast, help, results image.Rectangle
}

// layoutSpec says how much text the panels must hold.
type layoutSpec struct {
	text        textMetrics
	hudLines    int // lines of the HUD
	hudChars    int // the HUD's longest line, in characters
	rankingRows int // lines of the ranking, its title included
	// inspectorLines is what the inspector would show in full; it gets at least inspectorMinLines.
	inspectorLines int
	hintChars      int
}

// Widths of the panels, in characters of the UI font.
const (
	rankingChars   = 39
	inspectorChars = 52
	resultsChars   = 62

	inspectorMinLines = inspectorHeadLines + 4 // its title, its head and the console's title and first line
)

// layoutPanels places the panels in a window of w by h pixels. It is pure arithmetic, called from Layout's size
// (kept by the Game) in Update and Draw.
func layoutPanels(w, h int, s layoutSpec) panels {
	m := margin
	box := func(chars, lines int) image.Point {
		return image.Pt(int(float64(chars)*s.text.charW)+2*padding, int(float64(lines)*s.text.lineH)+2*padding)
	}
	fit := func(r image.Rectangle) image.Rectangle { return r.Intersect(image.Rect(m, m, w-m, h-m)) }
	var p panels

	hud := box(s.hudChars, s.hudLines)
	p.hud = fit(image.Rectangle{Min: image.Pt(m, m), Max: image.Pt(m+hud.X, m+hud.Y)})

	rk := box(rankingChars, s.rankingRows)
	if w-2*m >= hud.X+m+rk.X {
		p.ranking = image.Rect(w-m-rk.X, m, w-m, m+rk.Y)
	} else { // too narrow: under the HUD
		p.ranking = image.Rect(m, p.hud.Max.Y+m, m+rk.X, p.hud.Max.Y+m+rk.Y)
	}
	p.ranking = fit(p.ranking)

	// The inspector takes the right edge below the ranking (below the HUD too when they are stacked), as tall as
	// its lines or down to the bottom margin; in a window too short for that, it covers them.
	insW := min(box(inspectorChars, 0).X, w-2*m)
	minH := box(0, inspectorMinLines).Y
	want := max(minH, box(0, s.inspectorLines).Y)
	top := p.ranking.Max.Y + m
	if h-m-top < minH {
		top = max(m, h-m-want)
	}
	p.inspector = fit(image.Rect(w-m-insW, top, w-m, min(h-m, top+want)))

	hint := box(s.hintChars, 1)
	p.hint = fit(image.Rect(m, h-m-hint.Y, m+hint.X, h-m))

	toast := box(48, 1)
	p.toast = fit(image.Rect((w-toast.X)/2, h-m-toast.Y, (w+toast.X)/2, h-m))

	hs := box(helpSize())
	p.help = fit(centred(w, h, hs.X, hs.Y))
	rs := box(resultsChars, resultsLines)
	p.results = fit(centred(w, h, rs.X, rs.Y))
	return p
}

// centred is a w by h rectangle centred in a screen of sw by sh.
func centred(sw, sh, w, h int) image.Rectangle {
	x, y := (sw-w)/2, (sh-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// helpSize is the help overlay's size in characters and lines: its text, under a title and a blank line.
func helpSize() (chars, lines int) {
	text := strings.Split(helpText(), "\n")
	for _, l := range text {
		chars = max(chars, utf8.RuneCountInString(l))
	}
	return chars, 2 + len(text)
}
