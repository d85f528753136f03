package replay

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match"
)

// rulesHashes are the state hashes at the end of rulesMatch under each engine.RulesVersion: the rules a replay
// names must be the rules that replay it.
var rulesHashes = map[int]string{
	2: "62500a12b41eaafc",
	3: "62500a12b41eaafc", // this match has no scripted bullet and no failing script
}

// ruler is a Starlark bot that uses most of the script API, so that a change to it shows in the hash.
const ruler = `
def main(bot):
    side = 1
    while True:
        t = bot.scan()
        if t == None:
            bot.turn_gun(25)
        else:
            bot.aim_at(t.x, t.y)
            bot.shoot(2)
        for e in bot.events():
            if e.kind == "hit_wall" or e.kind == "hit_by_bullet":
                bot.turn_to(e.bearing + 90 * side)
                bot.forward(50)
                side = -side
        if bot.random() < 0.2:
            bot.turn(bot.uniform(-40, 40))
            bot.forward(30)
`

// rulesMatch is the default map's match (walls, both kinds of door, every built-in bot of it) with two
// Starlark bots, played to its end.
func rulesMatch(t *testing.T) uint64 {
	cfg := match.Default()
	cfg.Bots = append(cfg.Bots, match.BotSpec{Name: "ruler.star", Count: 2})
	m, err := match.Build(cfg, match.Options{Sources: map[string][]byte{"ruler.star": []byte(ruler)}})
	require.NoError(t, err)
	defer m.World.Close()
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
	}
	return m.World.Hash()
}

// A change to what a match does (a rule, the order of a Step, a built-in bot, the Starlark API) changes this
// match's hash: the test then asks for a new engine.RulesVersion, so that replays of the old rules are refused
// by name instead of diverging silently.
func TestRulesVersionNamesTheRules(t *testing.T) {
	_, err := star.LoadSource("ruler.star", []byte(ruler))
	require.NoError(t, err)
	got := fmt.Sprintf("%016x", rulesMatch(t))
	want, ok := rulesHashes[engine.RulesVersion]
	require.True(t, ok, "engine.RulesVersion %d has no hash here: add %d: %q to rulesHashes", engine.RulesVersion, engine.RulesVersion, got)
	require.Equal(t, want, got, "the match's hash changed: if a rule, a built-in bot or the Starlark API changed, "+
		"bump engine.RulesVersion to %d and add %d: %q to rulesHashes (replays and tournament results of the old rules are then refused by name)",
		engine.RulesVersion+1, engine.RulesVersion+1, got)
}
