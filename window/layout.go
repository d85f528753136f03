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

// chars is how many characters fit across a panel of width px, inside its padding.
func (m textMetrics) chars(px int) int { return max(1, int(float64(px-2*padding)/m.charW)) }

// lines is how many lines fit down a panel of height px, inside its padding.
func (m textMetrics) lines(px int) int { return max(0, int((float64(px-2*padding)+0.5)/m.lineH)) }

// boxW and boxH are the size in pixels of a panel that holds chars characters across and lines lines down.
func (m textMetrics) boxW(chars int) int { return int(float64(chars)*m.charW+0.999) + 2*padding }
func (m textMetrics) boxH(lines int) int { return int(float64(lines)*m.lineH+0.999) + 2*padding }

// panels are the screen rectangles of one frame's UI. One rule places them all, so that none covers another:
//
//   - the side column runs down the right edge: the HUD on top, the ranking under it, the inspector below;
//   - the arena's viewport is what the side column leaves, and the camera centres the arena in it;
//   - the banner and the toast are one line each, at the top and the bottom of the arena's viewport;
//   - the results screen is modal inside the arena's viewport, so the inspector beside it stays readable;
//   - the help is modal over the whole window.
//
// Text inside a panel wraps to its width, and what does not fit down scrolls (the console, the results, the
// help). Empty rectangles are panels not shown.
type panels struct {
	arena                   image.Rectangle
	hud, ranking, inspector image.Rectangle
	banner, toast           image.Rectangle
	results, help           image.Rectangle
}

// all lists the panels that are shown, by name, for tests and hit testing.
func (p panels) all() map[string]image.Rectangle {
	m := map[string]image.Rectangle{}
	for name, r := range map[string]image.Rectangle{"hud": p.hud, "ranking": p.ranking, "inspector": p.inspector,
		"banner": p.banner, "toast": p.toast, "results": p.results, "help": p.help} {
		if !r.Empty() {
			m[name] = r
		}
	}
	return m
}

// layoutSpec says which panels are shown and how much text they would hold.
type layoutSpec struct {
	text textMetrics
	// side shows the side column (the H key hides it and gives the arena the whole window).
	side bool
	// hudLines is the HUD's height in lines at sideChars across; hudExtra is extra pixels (the speed slider).
	hudLines, hudExtra int
	// rankingRows is the ranking's lines in full (its title included); it gets at least rankingMinRows.
	rankingRows int
	// inspector shows the inspector; inspectorLines is its height in full, at sideChars across.
	inspector      bool
	inspectorLines int
	banner, toast  bool
	// results and help show those screens; their size in full is resultsChars by resultsLines, helpChars by
	// helpLines.
	results                    bool
	resultsChars, resultsLines int
	help                       bool
	helpChars, helpLines       int
}

// Sizes of the side column, in characters and lines of the UI font.
const (
	sideMaxChars      = 48 // the widest the side column gets
	sideMinChars      = 30 // below this the text wraps too much to read
	sideShare         = 0.42
	rankingMinRows    = 4 // the title and three bots
	inspectorMinLines = 10
)

// sideChars is the side column's width, in characters, for a window w pixels wide.
func sideChars(w int, m textMetrics) int {
	return max(sideMinChars, min(sideMaxChars, m.chars(int(float64(w)*sideShare))))
}

// arenaRect is the arena's viewport in a window of w by h pixels: all of it, or what the side column leaves.
func arenaRect(w, h int, side bool, t textMetrics) image.Rectangle {
	if !side {
		return image.Rect(0, 0, w, h)
	}
	return image.Rect(0, 0, max(1, w-margin-t.boxW(sideChars(w, t))-margin/2), h)
}

// layoutPanels places the panels in a window of w by h pixels. It is pure arithmetic on the spec, O(1), called
// from Update and Draw.
func layoutPanels(w, h int, s layoutSpec) panels {
	m, t := margin, s.text
	var p panels
	p.arena = arenaRect(w, h, s.side, t)
	if s.side {
		x0 := p.arena.Max.X + m/2
		y := m
		hudH := t.boxH(s.hudLines) + s.hudExtra
		p.hud = image.Rect(x0, y, w-m, min(h-m, y+hudH))
		y = p.hud.Max.Y + m
		left := h - m - y // pixels left for the ranking and the inspector, with a margin between them
		rankWant := t.boxH(max(rankingMinRows, s.rankingRows))
		if s.inspector {
			inspMin := t.boxH(inspectorMinLines)
			rankH := max(t.boxH(rankingMinRows), min(rankWant, left-m-inspMin))
			p.ranking = image.Rect(x0, y, w-m, y+rankH)
			y = p.ranking.Max.Y + m
			want := max(inspMin, t.boxH(s.inspectorLines))
			p.inspector = image.Rect(x0, y, w-m, min(h-m, y+want))
		} else {
			p.ranking = image.Rect(x0, y, w-m, y+min(rankWant, left))
		}
	}
	a := p.arena.Inset(m)
	line := t.boxH(1)
	if s.banner {
		bw := min(a.Dx(), t.boxW(56))
		p.banner = image.Rect(a.Min.X+(a.Dx()-bw)/2, a.Min.Y, a.Min.X+(a.Dx()+bw)/2, a.Min.Y+line)
	}
	if s.toast {
		tw := min(a.Dx(), t.boxW(56))
		p.toast = image.Rect(a.Min.X+(a.Dx()-tw)/2, a.Max.Y-line, a.Min.X+(a.Dx()+tw)/2, a.Max.Y)
	}
	if s.results {
		inner := a
		if s.banner {
			inner.Min.Y = p.banner.Max.Y + m
		}
		if s.toast {
			inner.Max.Y = p.toast.Min.Y - m
		}
		p.results = centredIn(inner, t.boxW(s.resultsChars), t.boxH(s.resultsLines))
	}
	if s.help {
		p.help = centredIn(image.Rect(0, 0, w, h).Inset(m), t.boxW(s.helpChars), t.boxH(s.helpLines))
	}
	return p
}

// centredIn is a rectangle of at most w by h pixels centred in r, and no larger than r.
func centredIn(r image.Rectangle, w, h int) image.Rectangle {
	w, h = min(w, r.Dx()), min(h, r.Dy())
	x, y := r.Min.X+(r.Dx()-w)/2, r.Min.Y+(r.Dy()-h)/2
	return image.Rect(x, y, x+w, y+h)
}

// wrap breaks text into lines of at most width characters: at spaces where it can, inside a word where a word is
// longer than a line. Tabs become two spaces; a line that wraps goes on indented by indent characters (up to a
// quarter of the width). Every line of the result fits; there is at least one.
func wrap(text string, width, indent int) []string {
	width = max(1, width)
	indent = min(indent, width/4)
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\t", "  "), "\n") {
		r := []rune(para)
		first := true
		for {
			room := width
			if !first {
				room -= indent
			}
			if len(r) <= room {
				out = append(out, pad(first, indent)+string(r))
				break
			}
			cut := room
			for i := room; i > room/2; i-- {
				if r[i] == ' ' {
					cut = i
					break
				}
			}
			out = append(out, pad(first, indent)+strings.TrimRight(string(r[:cut]), " "))
			r = []rune(strings.TrimLeft(string(r[cut:]), " "))
			first = false
			if len(r) == 0 {
				break
			}
		}
	}
	return out
}

func pad(first bool, indent int) string {
	if first {
		return ""
	}
	return strings.Repeat(" ", indent)
}

// helpSize is the help overlay's size in characters and lines: its text, under a title and a blank line.
func helpSize() (chars, lines int) {
	text := strings.Split(helpText(), "\n")
	for _, l := range text {
		chars = max(chars, utf8.RuneCountInString(l))
	}
	return chars, 2 + len(text)
}
