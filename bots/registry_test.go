package bots_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

func TestRegistry(t *testing.T) {
	names := bots.Names()
	require.GreaterOrEqual(t, len(names), 6, "the talk's two bots and at least four tactics")
	assert.Equal(t, []string{"squarebot", "spinbot"}, names[:2], "the talk's bots come first")
	for _, name := range names {
		in, ok := bots.Lookup(name)
		require.True(t, ok, name)
		assert.Equal(t, name, in.Name)
		assert.NotEmpty(t, in.About)
		assert.NotNil(t, in.Script)
	}
	_, ok := bots.Lookup("nosuchbot")
	assert.False(t, ok)
}

// Every built-in bot plays a long match against every other (two of each) without a script error, shoots, and
// moves or turns.
func TestEveryBotPlays(t *testing.T) {
	w, err := engine.New(engine.Config{Width: 1400, Height: 1000, Seed: 5, MaxTicks: 4000})
	require.NoError(t, err)
	defer w.Close()
	start := map[int]engine.Vec{}
	heading := map[int]float64{}
	for range 2 {
		for _, in := range bots.All() {
			b, err := actors.SpawnBot(w, in.Name, in.Script)
			require.NoError(t, err)
			start[b.ID()] = w.Bot(b.ID()).Pos()
			heading[b.ID()] = w.Bot(b.ID()).Heading()
		}
	}
	moved := map[int]bool{}
	for !w.Over() {
		require.NoError(t, w.Step())
		for _, b := range w.Bots() {
			if b.Alive() && (b.Pos() != start[b.ID()] || b.Heading() != heading[b.ID()]) {
				moved[b.ID()] = true
			}
		}
	}
	assert.Empty(t, w.ScriptErrors())
	for _, b := range w.Bots() {
		assert.True(t, moved[b.ID()], "%s never moved or turned", b)
		assert.Positive(t, b.Shots(), "%s never shot", b)
	}
}

// registered counts the bots the tests register, so that every name is new even with -count=2.
var registered atomic.Int64

// A program registers its own Go bot by name; a name that is taken, or that -bots could not carry, is an error
// and changes nothing.
func TestRegister(t *testing.T) {
	name := fmt.Sprintf("mine%d", registered.Add(1))
	mine := actors.Script(bots.Spinbot) // a bot that plays: TestEveryBotPlays meets it with -count=2
	require.NoError(t, bots.Register(name, "a test's own bot", mine))
	in, ok := bots.Lookup(name)
	require.True(t, ok)
	assert.Equal(t, name, in.Name)
	assert.Equal(t, "a test's own bot", in.About)
	assert.NotNil(t, in.Script)
	assert.Equal(t, name, bots.Names()[len(bots.Names())-1], "registered bots come after the built-in ones")
	assert.Equal(t, name, bots.All()[len(bots.All())-1].Name)

	before := bots.Names()
	for _, tc := range []struct{ name, why string }{
		{name, "taken"},
		{"spinbot", "taken"},
		{"", "empty"},
		{"a=b", "'='"},
		{"a,b", "','"},
		{"a b", "whitespace"},
		{"a#2", "'#'"},
		{"dir/bot", "slash"},
		{`dir\bot`, "backslash"},
		{"bot.star", ".star"},
	} {
		err := bots.Register(tc.name, "", mine)
		require.Error(t, err, "%q: %s", tc.name, tc.why)
		assert.NotContains(t, err.Error(), "\n")
	}
	assert.Error(t, bots.Register(fmt.Sprintf("mine%d", registered.Add(1)), "", nil), "a nil script")
	assert.Equal(t, before, bots.Names(), "nothing was added")
}
