package tournament

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWritePlots(t *testing.T) {
	f, err := ReadFile("testdata/results/good.jsonl")
	require.NoError(t, err)
	st := Analyze(f.Plan, f.Results, 20)
	dir := filepath.Join(t.TempDir(), "plots")
	require.NoError(t, WritePlots(dir, st))
	for _, name := range PlotFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err, name)
		if filepath.Ext(name) == ".png" {
			img, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err, name)
			assert.Greater(t, img.Bounds().Dx(), 100)
		} else {
			assert.Contains(t, string(data), "<svg", name)
			assert.Contains(t, string(data), "chaser", name)
		}
	}
}
