package cmdline

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSpeed(t *testing.T) {
	for in, want := range map[string]float64{"1": 1, "2x": 2, " 0.25x ": 0.25, "16": 16, "0.5": 0.5} {
		i, err := ParseSpeed(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, Speeds[i], in)
	}
	for _, in := range []string{"3", "0", "-1", "fast", "", "32x"} {
		_, err := ParseSpeed(in)
		assert.ErrorContains(t, err, "must be one of 0.25x, 0.5x, 1x, 2x, 4x, 8x, 16x", in)
	}
}

func TestParse(t *testing.T) {
	set, err := Parse([]string{"-seed", "7", "-speed", "2x", "-window", "640x480", "-player=false", "-inspect", "3"}, nil)
	require.NoError(t, err)
	assert.Equal(t, uint64(7), set.Match.Seed)
	assert.Equal(t, 2.0, set.Speed)
	assert.Equal(t, [2]int{640, 480}, [2]int{set.Width, set.Height})
	assert.False(t, set.Player)
	assert.Equal(t, 3, set.Inspect)

	var out bytes.Buffer
	_, err = Parse([]string{"-h"}, &out)
	assert.ErrorIs(t, err, ErrHelp)
	assert.Contains(t, out.String(), "Usage: stackarena")
	assert.Contains(t, out.String(), "at least 640x480")

	for _, size := range []string{"639x480", "640x479", "320x240", "x", "1280", "99999x800"} {
		_, err := Parse([]string{"-window", size}, nil)
		assert.ErrorContains(t, err, "at least 640x480", size)
	}
}

func TestParseReplayFlags(t *testing.T) {
	dir := t.TempDir()
	set, err := Parse([]string{"-replay", filepath.Join(dir, "m.replay.gz"), "-inspect", "30", "-record", filepath.Join(dir, "branch.replay.gz")}, nil)
	require.NoError(t, err, "the replay is read, and -inspect checked against it, by the command")
	assert.Equal(t, filepath.Join(dir, "m.replay.gz"), set.ReplayPath)
	assert.Equal(t, filepath.Join(dir, "branch.replay.gz"), set.Record)

	_, err = Parse([]string{"-record", filepath.Join(dir, "nodir", "x.replay.gz")}, nil)
	assert.ErrorContains(t, err, "no such directory")
}
