package window

import (
	"fmt"
	"image"
	"stackarena/engine"
	"stackarena/match"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One rule places every panel: at every window size, with any panels shown, they stay in the window, none covers
// another (the help alone is modal over everything), none covers the arena's viewport but the messages and the
// results, which sit inside it, and the side column keeps its order.
func TestLayoutPanelsNeverOverlap(t *testing.T) {
	text := textMetrics{charW: 7.8, lineH: 16}
	sizes := [][2]int{{640, 480}, {800, 600}, {1024, 768}, {1280, 800}, {1920, 1080}, {2560, 1440}, {700, 1400}, {1600, 480}}
	for _, size := range sizes {
		w, h := size[0], size[1]
		for mask := range 1 << 6 {
			s := layoutSpec{text: text, side: mask&1 != 0, hudLines: 7, hudExtra: sliderHeight(text), rankingRows: 101,
				inspector: mask&2 != 0, inspectorLines: 300, banner: mask&4 != 0, toast: mask&8 != 0,
				results: mask&16 != 0, help: mask&32 != 0}
			s.resultsChars, s.resultsLines = resultsSize(100)
			s.helpChars, s.helpLines = helpSize()
			if !s.side {
				s.inspector = false
			}
			t.Run(fmt.Sprintf("%dx%d/%06b", w, h, mask), func(t *testing.T) {
				p := layoutPanels(w, h, s)
				screen := image.Rect(0, 0, w, h)
				shown := p.all()
				for name, r := range shown {
					assert.True(t, r.In(screen.Inset(margin)), "%s %v inside the window's margins", name, r)
				}
				for a, ra := range shown {
					for b, rb := range shown {
						if a < b && a != "help" && b != "help" {
							assert.False(t, ra.Overlaps(rb), "%s %v and %s %v", a, ra, b, rb)
						}
					}
				}
				for _, name := range []string{"hud", "ranking", "inspector"} {
					if r, ok := shown[name]; ok {
						assert.False(t, r.Overlaps(p.arena), "%s %v covers the arena %v", name, r, p.arena)
						assert.GreaterOrEqual(t, text.lines(r.Dy()), 1, "%s holds a line", name)
					}
				}
				for _, name := range []string{"banner", "toast", "results"} {
					if r, ok := shown[name]; ok {
						assert.True(t, r.In(p.arena), "%s %v inside the arena %v", name, r, p.arena)
					}
				}
				if s.side {
					assert.Less(t, p.hud.Max.Y, p.ranking.Min.Y, "the ranking under the HUD")
					assert.Equal(t, w-margin, p.hud.Max.X, "the side column on the right edge")
					assert.GreaterOrEqual(t, text.lines(p.ranking.Dy()), rankingMinRows, "the ranking shows three bots at least")
					if s.inspector {
						assert.Less(t, p.ranking.Max.Y, p.inspector.Min.Y, "the inspector under the ranking")
						assert.Equal(t, h-margin, p.inspector.Max.Y, "a long console fills the inspector down")
						assert.GreaterOrEqual(t, text.lines(p.inspector.Dy()), inspectorMinLines)
					}
					assert.GreaterOrEqual(t, p.arena.Dx(), w/2, "the arena keeps half the window")
				} else {
					assert.Equal(t, screen, p.arena, "without the side column the arena takes the window")
				}
				if s.results {
					chars := text.chars(p.results.Dx())
					assert.GreaterOrEqual(t, chars, resultsNarrowChars+1+resultsNameMin, "the results table fits across")
					for _, row := range resultsTable(nil, nil, chars) {
						assert.LessOrEqual(t, utf8.RuneCountInString(row), chars)
					}
				}
			})
		}
	}
}

// Text wraps to the width it is given: at spaces, inside a word longer than a line, with continuation lines
// indented, and never longer than the width.
func TestWrap(t *testing.T) {
	tests := []struct {
		text   string
		width  int
		indent int
		want   []string
	}{
		{"short", 10, 2, []string{"short"}},
		{"", 10, 2, []string{""}},
		{"one two three four", 9, 0, []string{"one two", "three", "four"}},
		{"one two three four", 9, 2, []string{"one two", "  three", "  four"}},
		{"abcdefghijkl", 5, 0, []string{"abcde", "fghij", "kl"}},
		{"a\nb", 5, 0, []string{"a", "b"}},
		{"\tx", 5, 0, []string{"  x"}},
		{"ran more than 10000 steps in one tick (an infinite loop?)", 20, 2,
			[]string{"ran more than 10000", "  steps in one tick", "  (an infinite", "  loop?)"}},
	}
	for _, tt := range tests {
		got := wrap(tt.text, tt.width, tt.indent)
		assert.Equal(t, tt.want, got, "%q at %d", tt.text, tt.width)
	}
	long := strings.Repeat("word ", 200) + strings.Repeat("x", 300)
	for width := 1; width < 90; width++ {
		for _, l := range wrap(long, width, 4) {
			assert.LessOrEqual(t, utf8.RuneCountInString(l), width)
		}
	}
}

// The ranking lists its first rows, with the player's row always among them.
func TestRankingRowsKeepThePlayer(t *testing.T) {
	w := newWorldOfBots(t, 12)
	rank := w.Ranking()
	last := rank[11].Bot
	shown := rankingRows(rank, last, 5)
	assert.Len(t, shown, 5)
	assert.Equal(t, rank[:4], shown[:4])
	assert.Same(t, last, shown[4].Bot, "the player's row replaces the last")
	assert.Equal(t, rank[:5], rankingRows(rank, rank[2].Bot, 5), "a player in the top rows changes nothing")
	assert.Equal(t, rank[:5], rankingRows(rank, nil, 5))
	assert.Len(t, rankingRows(rank, last, 50), 12)
	assert.Empty(t, rankingRows(rank, last, 0))
}

// newWorldOfBots builds a match of n spinbots, closed when the test ends.
func newWorldOfBots(t *testing.T, n int) *engine.World {
	m, err := match.Build(arenaConfig(3, 1200, 800, match.BotSpec{Name: "spinbot", Count: n}), match.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { m.World.Close() })
	return m.World
}
