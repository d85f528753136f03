package star_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
)

var examples = []string{"examples/squarebot.star", "examples/spinbot.star", "examples/hunter.star"}

// Each example loads by path, as the command line and match configs name it, and plays a match against the
// Go bots without a script error, firing at them.
func TestExamplesPlayAgainstTheGoBots(t *testing.T) {
	for _, path := range examples {
		c := match.Config{Seed: 5, MaxTicks: 3000, Bots: []match.BotSpec{
			{Name: path, Count: 3}, {Name: "chaser", Count: 2}, {Name: "dodger", Count: 2}, {Name: "sniper", Count: 1},
		}}
		m, err := match.Build(c, match.Options{})
		require.NoError(t, err, path)
		for !m.World.Over() {
			require.NoError(t, m.World.Step())
		}
		t.Logf("%s: %d ticks, winner %v", path, m.World.Tick(), m.World.Winner())
		assert.Empty(t, m.World.ScriptErrors(), path)
		shots, hits := 0, 0
		for _, b := range m.Bots[:3] {
			assert.Equal(t, strings.TrimSuffix(filepath.Base(path), ".star"), strings.Split(b.Name(), "#")[0])
			shots += m.World.Bot(b.ID()).Shots()
			hits += m.World.Bot(b.ID()).Hits()
		}
		assert.Positive(t, shots, "%s fired", path)
		assert.Positive(t, hits, "%s hit something", path)
		m.World.Close()
	}
}

// Two builds of the same match with script bots give the same World at every tick.
func TestScriptMatchesAreDeterministic(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "match.json")
	json := `{"seed": 21, "max_ticks": 1500, "bots": [
		{"name": "examples/hunter.star", "count": 3}, {"name": "examples/squarebot.star", "count": 3},
		{"name": "examples/spinbot.star", "count": 2}, {"name": "dodger", "count": 2}]}`
	require.NoError(t, os.WriteFile(cfg, []byte(json), 0o644))
	play := func() []uint64 {
		c, err := match.Load(cfg)
		require.NoError(t, err)
		m, err := match.Build(c, match.Options{})
		require.NoError(t, err)
		defer m.World.Close()
		var hashes []uint64
		for !m.World.Over() {
			require.NoError(t, m.World.Step())
			hashes = append(hashes, m.World.Hash())
		}
		return hashes
	}
	a, b := play(), play()
	require.NotEmpty(t, a)
	assert.Equal(t, a, b)
}

func TestMatchReportsScriptErrorsOnOneLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.star")
	require.NoError(t, os.WriteFile(bad, []byte("def main(bot):\n    bot.forward(10\n"), 0o644))
	for name, want := range map[string]string{
		bad:                               bad + ":3:1: got outdent, want ','",
		filepath.Join(dir, "absent.star"): filepath.Join(dir, "absent.star") + ": cannot read the bot script: no such file or directory",
	} {
		m, err := match.Build(match.Config{Bots: []match.BotSpec{{Name: "spinbot", Count: 2}, {Name: name, Count: 1}}}, match.Options{})
		assert.Nil(t, m)
		require.Error(t, err)
		assert.Equal(t, want, err.Error())
	}
}
