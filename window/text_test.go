package window

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTextFacesAreKept(t *testing.T) {
	txt := NewText()
	assert.Same(t, txt.Face(Mono, 14), txt.Face(Mono, 14))
	assert.NotSame(t, txt.Face(Mono, 14), txt.Face(Mono, 15))
	assert.NotSame(t, txt.Face(Mono, 14).Source, txt.Face(Bold, 14).Source)

	w1, h1 := txt.Measure("tick", Mono, 14)
	w2, h2 := txt.Measure("tick\ntick", Mono, 14)
	assert.InDelta(t, w1, w2, 1e-9, "lines stack")
	assert.Greater(t, h2, 1.9*h1)
	wm, _ := txt.Measure("iiii", Mono, 14)
	wr, _ := txt.Measure("iiii", Regular, 14)
	assert.Greater(t, wm, wr, "Mono is monospaced, Regular is not")
}
