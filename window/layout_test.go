package window

import (
	"fmt"
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The panels stay on screen and anchored to their corners at every window size, and do not overlap where there
// is room for them side by side.
func TestLayoutPanels(t *testing.T) {
	spec := layoutSpec{text: textMetrics{charW: 7.8, lineH: 16}, hudLines: hudLines, hudChars: hudChars, rankingRows: 9,
		inspectorLines: 80, hintChars: 38}
	tests := []struct {
		w, h    int
		stacked bool // the ranking goes under the HUD
	}{
		{2560, 1440, false},
		{1280, 800, false},
		{960, 640, false},
		{800, 600, false},
		{640, 480, true},
		{320, 240, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.w, tt.h), func(t *testing.T) {
			short := spec
			short.inspectorLines = 3
			if s := layoutPanels(tt.w, tt.h, short).inspector; tt.h > 400 {
				assert.Equal(t, int(inspectorMinLines*spec.text.lineH)+2*padding, s.Dy(), "a short inspector takes the least height")
			}
			p := layoutPanels(tt.w, tt.h, spec)
			screen := image.Rect(margin, margin, tt.w-margin, tt.h-margin)
			for name, r := range map[string]image.Rectangle{"hud": p.hud, "ranking": p.ranking, "inspector": p.inspector,
				"hint": p.hint, "toast": p.toast, "help": p.help, "results": p.results} {
				assert.True(t, r.In(screen), "%s %v inside %v", name, r, screen)
			}
			assert.Equal(t, image.Pt(margin, margin), p.hud.Min, "the HUD hangs from the top-left corner")
			assert.Equal(t, tt.h-margin, p.hint.Max.Y, "the hint sits on the bottom edge")
			assert.Equal(t, tt.w-margin, p.inspector.Max.X, "the inspector runs down the right edge")
			assert.Equal(t, tt.h-margin, p.inspector.Max.Y, "a long console fills the inspector to the bottom")
			minH := int(inspectorMinLines*spec.text.lineH) + 2*padding
			if tt.h-2*margin-p.ranking.Max.Y >= minH {
				assert.GreaterOrEqual(t, p.inspector.Min.Y, p.ranking.Max.Y, "the inspector is below the ranking")
			} else {
				assert.Equal(t, tt.h-2*margin, p.inspector.Dy(), "short window: the inspector covers the ranking")
			}
			if tt.stacked {
				assert.Equal(t, margin, p.ranking.Min.X, "narrow: the ranking goes under the HUD")
				assert.GreaterOrEqual(t, p.ranking.Min.Y, p.hud.Max.Y)
			} else {
				assert.Equal(t, image.Pt(tt.w-margin, margin), image.Pt(p.ranking.Max.X, p.ranking.Min.Y),
					"the ranking hangs from the top-right corner")
				assert.False(t, p.hud.Overlaps(p.ranking), "HUD and ranking side by side")
				assert.False(t, p.hint.Overlaps(p.inspector), "hint and inspector apart")
			}
			for name, r := range map[string]image.Rectangle{"help": p.help, "results": p.results} {
				c := r.Min.Add(r.Max).Div(2)
				assert.InDelta(t, tt.w/2, c.X, 1, "%s centred", name)
				assert.InDelta(t, tt.h/2, c.Y, 1, "%s centred", name)
			}
		})
	}
}
