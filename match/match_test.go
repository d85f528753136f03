package match

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseBots(t *testing.T) {
	tests := []struct {
		in   string
		want []BotSpec
		err  string
	}{
		{"spinbot=500,squarebot=500", []BotSpec{{"spinbot", 500}, {"squarebot", 500}}, ""},
		{"chaser", []BotSpec{{"chaser", 1}}, ""},
		{" sniper = 2 , dodger ", []BotSpec{{"sniper", 2}, {"dodger", 1}}, ""},
		{"./my=bot.star=3", []BotSpec{{"./my=bot.star", 3}}, ""},
		{"spinbot=lots", nil, "whole number"},
		{"=3", nil, "missing the bot's name"},
		{"", nil, "no bots"},
	}
	for _, tt := range tests {
		got, err := ParseBots(tt.in)
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		c   Config
		err string
	}{
		{Config{Bots: []BotSpec{{"nosuchbot", 1}}}, `unknown bot "nosuchbot"`},
		{Config{Bots: []BotSpec{{"spinbot", -3}}}, "must not be negative"},
		{Config{Bots: []BotSpec{{"spinbot", 0}}}, "no bots"},
		{Config{Width: 300, Height: 300, Bots: []BotSpec{{"spinbot", 500}}}, "too small"},
		{Config{Width: 50, Height: 50, Bots: []BotSpec{{"spinbot", 1}}}, "arena size"},
		{Config{Bots: []BotSpec{{"spinbot", 2}}, Doors: []DoorDef{{Mode: "revolving"}}}, "revolving"},
		{Config{Bots: []BotSpec{{"missing.star", 1}}}, "missing.star"},
	}
	for _, tt := range tests {
		m, err := Build(tt.c, Options{})
		assert.ErrorContains(t, err, tt.err, "%+v", tt.c)
		assert.Nil(t, m)
	}
}

func TestConfigFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	require.NoError(t, os.WriteFile(good, []byte(`{"seed": 5, "bots": [{"name": "spinbot", "count": 3}]}`), 0o644))
	c, err := Load(good)
	require.NoError(t, err)
	assert.Equal(t, uint64(5), c.Seed)

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{\n\"seed\": 5,\n\"bots\": [}\n"), 0o644))
	_, err = Load(bad)
	assert.ErrorContains(t, err, "bad.json:3: malformed")

	typo := filepath.Join(dir, "typo.json")
	require.NoError(t, os.WriteFile(typo, []byte(`{"sed": 5}`), 0o644))
	_, err = Load(typo)
	assert.ErrorContains(t, err, `unknown field "sed"`)

	_, err = Load(filepath.Join(dir, "absent.json"))
	assert.ErrorContains(t, err, "reading match config")
}

func TestFlagsOverrideTheConfig(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	f := AddFlags(fs)
	require.NoError(t, fs.Parse([]string{"-bots", "chaser=4", "-arena", "1000x700", "-seed", "9", "-ticks", "500", "-doors", "3"}))
	c, err := f.Config(Default())
	require.NoError(t, err)
	assert.Equal(t, []BotSpec{{"chaser", 4}}, c.Bots)
	assert.Equal(t, 1000.0, c.Width)
	assert.Equal(t, uint64(9), c.Seed)
	assert.Equal(t, uint64(500), c.MaxTicks)
	assert.Equal(t, 3, c.RandomDoors)
	assert.NotEmpty(t, c.Walls, "the base map's walls stay")
	base := Default()
	assert.InDelta(t, base.Walls[0].X*1000/base.Width, c.Walls[0].X, 1e-9, "stretched to the new arena")
	assert.InDelta(t, base.Walls[0].H*700/base.Height, c.Walls[0].H, 1e-9)
	m, err := Build(Config{Width: 800, Height: 600, Seed: 1, Walls: c.Walls, Doors: c.Doors, Bots: []BotSpec{{"spinbot", 2}}}, Options{})
	require.Error(t, err, "the stretched map no longer fits 800x600")
	assert.Nil(t, m)
	fs = flag.NewFlagSet("test", flag.ContinueOnError)
	f = AddFlags(fs)
	require.NoError(t, fs.Parse([]string{"-arena", "800x500", "-bots", "chaser=3"}))
	small, err := f.Config(Default())
	require.NoError(t, err)
	m, err = Build(small, Options{})
	require.NoError(t, err, "the default map shrinks to a small arena")
	m.World.Close()

	fs = flag.NewFlagSet("test", flag.ContinueOnError)
	f = AddFlags(fs)
	require.NoError(t, fs.Parse([]string{"-arena", "big"}))
	_, err = f.Config(Default())
	assert.ErrorContains(t, err, "WIDTHxHEIGHT")
}

func TestDefaultMatchPlaysToTheEnd(t *testing.T) {
	c := Default()
	require.NoError(t, c.Validate())
	m, err := Build(c, Options{})
	require.NoError(t, err)
	defer m.World.Close()
	assert.Len(t, m.Bots, c.BotCount())
	assert.Len(t, m.Doors, len(c.Doors))
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
	}
	r := NewReport(m.World, time.Second, 1<<20)
	assert.Equal(t, m.World.Tick(), r.Ticks)
	assert.Len(t, r.Ranking, c.BotCount())
	assert.Len(t, r.StateHash, 16)
	var text bytes.Buffer
	r.WriteText(&text, 5)
	assert.Contains(t, text.String(), "state hash "+r.StateHash)
	assert.True(t, r.Finished)

	m2, err := Build(c, Options{})
	require.NoError(t, err)
	defer m2.World.Close()
	for range 10 {
		require.NoError(t, m2.World.Step())
	}
	early := NewReport(m2.World, time.Second, 0)
	assert.False(t, early.Finished)
	assert.Empty(t, early.Winner, "a match stopped early has no winner")
	text.Reset()
	early.WriteText(&text, 3)
	assert.Contains(t, text.String(), "no winner yet: the match was stopped after 10 ticks")
	js, err := json.Marshal(r)
	require.NoError(t, err)
	for _, field := range []string{"winner", "ticks", "ticks_per_second", "actors_peak", "state_hash"} {
		assert.Contains(t, string(js), `"`+field+`"`)
	}
}

func TestRandomDoorsAndAutoSize(t *testing.T) {
	m, err := Build(Config{Seed: 3, RandomDoors: 40, Bots: []BotSpec{{"spinbot", 200}}}, Options{})
	require.NoError(t, err)
	defer m.World.Close()
	assert.Len(t, m.Doors, 40)
	assert.Len(t, m.Bots, 200)
	for range 50 {
		require.NoError(t, m.World.Step())
	}
}
