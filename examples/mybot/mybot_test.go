package mybot_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/examples/mybot"
	"stackarena/match"
)

// Importing the package registers the orbiter; a match config finds it by name, and it plays: it moves, shoots
// and hits, with no script error.
func TestTheOrbiterPlays(t *testing.T) {
	in, ok := bots.Lookup(mybot.Name)
	require.True(t, ok)
	assert.Equal(t, mybot.About, in.About)
	assert.Error(t, bots.Register(mybot.Name, "", mybot.Orbiter), "the name is taken")

	m, err := match.Build(match.Config{Seed: 2, MaxTicks: 3000, Bots: []match.BotSpec{{Name: mybot.Name, Count: 2}, {Name: "chaser", Count: 2}}}, match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	start := m.World.Bot(1).Pos()
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
	}
	assert.Empty(t, m.World.ScriptErrors())
	orbiter := m.World.Bot(1)
	assert.Equal(t, mybot.Name, orbiter.Name())
	assert.NotEqual(t, start, orbiter.Pos(), "it moved")
	assert.Positive(t, orbiter.Hits(), "it shot and hit")
}
