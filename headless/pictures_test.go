package main

import (
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -gif and -png draw the match without a window: a GIF of the size asked for with a frame every K ticks (the
// first and the last too), and the last frame as a PNG; the match's report is the same as without them.
func TestGIFAndPNG(t *testing.T) {
	dir := t.TempDir()
	gifPath, pngPath := filepath.Join(dir, "m.gif"), filepath.Join(dir, "m.png")
	args := []string{"-bots", "spinbot=3,chaser=2", "-ticks", "200", "-quiet", "-seed", "4"}
	status, plain, stderr := runArgs(t, args...)
	require.Equal(t, exitOK, status, stderr)
	status, out, stderr := runArgs(t, append(args, "-gif", gifPath, "-png", pngPath, "-every", "10", "-size", "320x200", "-debug", "-scans")...)
	require.Equal(t, exitOK, status, stderr)
	hash := func(report string) string { return report[strings.Index(report, "state hash"):] }
	assert.Equal(t, hash(plain), hash(out), "drawing the match does not change it")

	f, err := os.Open(gifPath)
	require.NoError(t, err)
	defer f.Close()
	g, err := gif.DecodeAll(f)
	require.NoError(t, err)
	assert.Equal(t, 320, g.Config.Width)
	assert.Equal(t, 200, g.Config.Height)
	assert.LessOrEqual(t, len(g.Image), 21, "a frame every 10 ticks of 200, and tick 0")
	assert.GreaterOrEqual(t, len(g.Image), 10, "spinbots move in most frames")
	total := 0
	for _, d := range g.Delay {
		total += d
	}
	assert.InDelta(t, 200*100/60+100, total, 20, "the GIF plays at 60 ticks per second, and holds the end a second")

	p, err := os.Open(pngPath)
	require.NoError(t, err)
	defer p.Close()
	img, err := png.Decode(p)
	require.NoError(t, err)
	assert.Equal(t, 320, img.Bounds().Dx())
	assert.Equal(t, 200, img.Bounds().Dy())
}

func TestPictureFlagsBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-gif", filepath.Join(dir, "a.gif"), "-size", "big"}, "WIDTHxHEIGHT"},
		{[]string{"-png", filepath.Join(dir, "a.png"), "-size", "10x10"}, "16 to"},
		{[]string{"-gif", filepath.Join(dir, "a.gif"), "-size", "99999x100"}, "16 to"},
		{[]string{"-gif", filepath.Join(dir, "a.gif"), "-every", "0"}, "-every 0"},
		{[]string{"-gif", filepath.Join(dir, "no", "such", "dir", "a.gif")}, "-gif"},
	}
	for _, tt := range tests {
		status, _, stderr := runArgs(t, append(tt.args, "-ticks", "10", "-quiet")...)
		assert.Equal(t, exitBadInput, status, "%v", tt.args)
		assert.Contains(t, stderr, tt.want, "%v", tt.args)
		assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
	}
}

// BenchmarkDefaultMatchGIF plays the default match (match/default.json, about 1,500 ticks) and draws it into a
// 640x400 GIF, a frame every 4th tick, against the same match without pictures (the baseline).
func BenchmarkDefaultMatchGIF(b *testing.B) {
	out := filepath.Join(b.TempDir(), "m.gif")
	for _, bc := range []struct {
		name string
		args []string
	}{{"plain", nil}, {"gif", []string{"-gif", out, "-every", "4", "-size", "640x400"}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				var stdout, stderr strings.Builder
				if status := run(append([]string{"-config", "../match/default.json", "-quiet"}, bc.args...), &stdout, &stderr); status != exitOK {
					b.Fatal(stderr.String())
				}
			}
			if bc.args != nil {
				st, err := os.Stat(out)
				require.NoError(b, err)
				b.ReportMetric(float64(st.Size())/1e6, "MB")
			}
		})
	}
}

// headless replay draws the same pictures as the match it re-simulates, debug drawing included: a script's
// drawing re-appears because re-simulation reproduces it.
func TestReplayDrawsTheSamePictures(t *testing.T) {
	dir := t.TempDir()
	rec, live, again := filepath.Join(dir, "m.replay.gz"), filepath.Join(dir, "live.png"), filepath.Join(dir, "again.png")
	args := []string{"-bots", "../bots/star/examples/hunter.star=3,sniper=2", "-ticks", "300", "-quiet", "-seed", "6"}
	status, _, stderr := runArgs(t, append(args, "-record", rec, "-png", live, "-debug", "-size", "320x200")...)
	require.Equal(t, exitOK, status, stderr)
	status, _, stderr = runArgs(t, "replay", "-quiet", "-png", again, "-debug", "-size", "320x200", rec)
	require.Equal(t, exitOK, status, stderr)
	a, err := os.ReadFile(live)
	require.NoError(t, err)
	b, err := os.ReadFile(again)
	require.NoError(t, err)
	assert.Equal(t, a, b, "the replay's last frame is the match's, pixel for pixel")

	plain := filepath.Join(dir, "plain.png")
	status, _, stderr = runArgs(t, "replay", "-quiet", "-png", plain, "-size", "320x200", rec)
	require.Equal(t, exitOK, status, stderr)
	c, err := os.ReadFile(plain)
	require.NoError(t, err)
	assert.NotEqual(t, a, c, "and the debug drawing is in it")
}
