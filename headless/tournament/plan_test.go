package tournament

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/match"
)

// openMap is a small map without walls, where matches are short: the tests' arena.
func openMap(t *testing.T) match.Config {
	t.Helper()
	c, err := match.Load("testdata/open.json")
	require.NoError(t, err)
	return c
}

func specs(names ...string) []match.BotSpec {
	out := make([]match.BotSpec, len(names))
	for i, n := range names {
		out[i] = match.BotSpec{Name: n, Count: 1}
	}
	return out
}

func builtins() []match.BotSpec { return specs(bots.Names()...) }

func TestDuelRoundHoldsEveryOrderedPairOnce(t *testing.T) {
	p, err := NewPlan(Duel, builtins(), 3, 0, 7, openMap(t))
	require.NoError(t, err)
	n := len(bots.Names())
	require.Equal(t, 3*n*(n-1), p.Matches)
	for round := range 3 {
		seen := map[[2]int]int{}
		for k := range n * (n - 1) {
			pr := p.Pairing(round*n*(n-1) + k)
			require.Len(t, pr.Entries, 2)
			assert.NotEqual(t, pr.Entries[0], pr.Entries[1])
			seen[[2]int{pr.Entries[0], pr.Entries[1]}]++
		}
		assert.Len(t, seen, n*(n-1), "round %d: every ordered pair, both sides", round)
	}
}

func TestMeleeRoundPlaysEveryEntryAtLeastOnce(t *testing.T) {
	for _, size := range []int{2, 3, 4, 6} {
		p, err := NewPlan(Melee, builtins(), 5, size, 9, openMap(t))
		require.NoError(t, err)
		per := (6 + size - 1) / size
		require.Equal(t, 5*per, p.Matches)
		for round := range 5 {
			played := map[int]bool{}
			for k := range per {
				e := p.Pairing(round*per + k).Entries
				require.Len(t, e, size)
				sorted := slices.Clone(e)
				slices.Sort(sorted)
				assert.Len(t, slices.Compact(sorted), size, "entries of a match are distinct")
				for _, x := range e {
					played[x] = true
				}
			}
			assert.Len(t, played, 6, "size %d round %d", size, round)
		}
	}
}

func TestMatchSeedsDifferAndFollowTheTournamentSeed(t *testing.T) {
	seen := map[uint64]bool{}
	for i := range 1000 {
		seen[MatchSeed(1, i)] = true
	}
	assert.Len(t, seen, 1000)
	assert.Equal(t, MatchSeed(42, 17), MatchSeed(42, 17))
	assert.NotEqual(t, MatchSeed(42, 17), MatchSeed(43, 17))
}

func TestNewPlanRefusesBadTournaments(t *testing.T) {
	arena := openMap(t)
	tests := []struct {
		name   string
		format string
		field  []match.BotSpec
		rounds int
		size   int
		want   string
	}{
		{"one bot", Duel, specs("chaser"), 1, 0, "at least 2"},
		{"no rounds", Duel, builtins(), 0, 0, "-rounds 0"},
		{"unknown format", "swiss", builtins(), 1, 0, `"swiss"`},
		{"duel of three", Duel, builtins(), 1, 3, "a duel is 2"},
		{"melee larger than the field", Melee, specs("chaser", "sniper"), 1, 3, "between 2 and 2"},
		{"melee of one", Melee, builtins(), 1, 1, "between 2"},
		{"twice the same bot", Duel, specs("chaser", "chaser"), 1, 0, "twice"},
		{"unknown bot", Duel, specs("chaser", "nosuchbot"), 1, 0, `unknown bot "nosuchbot"`},
		{"missing script", Duel, specs("chaser", "testdata/absent.star"), 1, 0, "cannot read"},
		{"zero copies", Duel, []match.BotSpec{{Name: "chaser", Count: 0}, {Name: "sniper", Count: 1}}, 1, 0, "count 0"},
		{"too many matches", Duel, builtins(), MaxMatches, 0, "too many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewPlan(tt.format, tt.field, tt.rounds, tt.size, 1, arena)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestScriptNamedLikeABuiltInGoesByItsPath(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "spinbot.star")
	require.NoError(t, os.WriteFile(path, []byte("def spinbot(bot):\n    while 1:\n        bot.turn(5)\n"), 0o644))
	p, err := NewPlan(Duel, specs("spinbot", path), 1, 0, 1, openMap(t))
	require.NoError(t, err)
	assert.Equal(t, []string{"spinbot", path}, p.Names())
	assert.Len(t, p.Field[1].SHA256, 64)

	// A script edited after the plan was made is refused, so that resumed and sharded runs play one script.
	require.NoError(t, os.WriteFile(path, []byte("def spinbot(bot):\n    while 1:\n        bot.turn(6)\n"), 0o644))
	_, err = p.Sources()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SHA-256")
}

// A match of a tournament is the match headless plays with the same config: same bots, seed and map, same
// state hash.
func TestAMatchPlaysAgainAlone(t *testing.T) {
	p, err := NewPlan(Duel, specs("chaser", "testdata/wild.star", "sniper"), 2, 0, 11, openMap(t))
	require.NoError(t, err)
	sources, err := p.Sources()
	require.NoError(t, err)
	for _, i := range []int{1, 4, 9} {
		pr := p.Pairing(i)
		r, err := PlayMatch(context.Background(), p, sources, pr, nil)
		require.NoError(t, err)

		m, err := match.Build(p.Config(pr), match.Options{}) // resolving the names itself, as headless does
		require.NoError(t, err)
		for !m.World.Over() {
			require.NoError(t, m.World.Step())
		}
		report := match.NewReport(m.World, 0, 0)
		require.NoError(t, m.World.Close())
		assert.Equal(t, report.StateHash, r.StateHash, "match %d", i)
		assert.Equal(t, report.Ticks, r.Ticks)
	}
}

func TestCopiesPlayAsOneEntry(t *testing.T) {
	field := []match.BotSpec{{Name: "chaser", Count: 2}, {Name: "testdata/idle.star", Count: 3}}
	p, err := NewPlan(Duel, field, 1, 0, 3, openMap(t))
	require.NoError(t, err)
	sources, err := p.Sources()
	require.NoError(t, err)
	r, err := PlayMatch(context.Background(), p, sources, p.Pairing(0), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"chaser", "idle"}, r.Bots)
	assert.ElementsMatch(t, []int{1, 2}, r.Placings, "two chasers against three sitting bots: one side wins")
	assert.Zero(t, r.Scores[1].Shots, "the idle bot never shoots")
}
