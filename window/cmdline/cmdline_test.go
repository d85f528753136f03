package cmdline

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
	"stackarena/match/replay"
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
	rep := filepath.Join(dir, "m.replay.gz")
	m, err := match.Build(match.Config{Seed: 4, MaxTicks: 50, Bots: []match.BotSpec{{Name: "spinbot", Count: 3}}}, match.Options{})
	require.NoError(t, err)
	r := replay.NewRecorder(m, "")
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
		r.Stepped()
	}
	require.NoError(t, m.World.Close())
	require.NoError(t, replay.Save(rep, r.Replay()))

	set, err := Parse([]string{"-replay", rep, "-inspect", "3", "-record", filepath.Join(dir, "branch.replay.gz")}, nil)
	require.NoError(t, err)
	require.NotNil(t, set.Replay)
	assert.Equal(t, uint64(50), set.Replay.End.Tick)
	assert.Equal(t, rep, set.ReplayPath)

	hostile := filepath.Join("..", "..", "match", "replay", "testdata")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-replay", filepath.Join(dir, "absent.replay.gz")}, "no such file"},
		{[]string{"-replay", filepath.Join(hostile, "truncated.replay.gz")}, "truncated"},
		{[]string{"-replay", filepath.Join(hostile, "other-rules.replay")}, "recorded under rules version 0"},
		{[]string{"-replay", rep, "-inspect", "4"}, "bots 1 to 3"},
		{[]string{"-record", filepath.Join(dir, "nodir", "x.replay.gz")}, "no such directory"},
	} {
		_, err := Parse(tc.args, nil)
		require.Error(t, err, tc.args)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), "\n")
	}
}
