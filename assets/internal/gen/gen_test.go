package main

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/assets/internal/layout"
)

// The committed PNG files must be what the generator draws now: run `go generate ./assets` after a change. A
// channel may differ by 2 levels, for floating-point differences between machines.
func TestCommittedSpritesAreUpToDate(t *testing.T) {
	for _, s := range layout.All {
		t.Run(s.Name, func(t *testing.T) {
			want, err := render(s)
			require.NoError(t, err)
			f, err := os.Open(filepath.Join("..", "..", "sprites", s.Name+".png"))
			require.NoError(t, err)
			defer f.Close()
			got, err := png.Decode(f)
			require.NoError(t, err)
			require.Equal(t, want.Bounds(), got.Bounds())
			bad := 0
			for y := range want.Bounds().Dy() {
				for x := range want.Bounds().Dx() {
					if !near(want.At(x, y), got.At(x, y), 2) {
						bad++
					}
				}
			}
			assert.Zero(t, bad, "pixels differ from the generator's output: run go generate ./assets")
		})
	}
}

func near(a, b color.Color, tol int) bool {
	p := color.NRGBAModel.Convert(a).(color.NRGBA)
	q := color.NRGBAModel.Convert(b).(color.NRGBA)
	d := func(u, v uint8) bool { return max(int(u)-int(v), int(v)-int(u)) <= tol }
	// A transparent pixel has no colour to compare.
	if p.A == 0 && q.A == 0 {
		return true
	}
	return d(p.R, q.R) && d(p.G, q.G) && d(p.B, q.B) && d(p.A, q.A)
}

func TestEveryLayoutHasAPainter(t *testing.T) {
	assert.Len(t, painters, len(layout.All))
	for _, s := range layout.All {
		assert.Contains(t, painters, s.Name)
		_, err := render(s)
		assert.NoError(t, err)
	}
	_, err := render(layout.Spec{Name: "nope", Width: 1, Height: 1, Frames: 1})
	assert.Error(t, err)
}
