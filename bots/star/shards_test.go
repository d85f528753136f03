package star_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots/star"
	"stackarena/match"
)

// The script bots on shards (match.Options.Cores, engine.Config.Shards): the same match, tick by tick, for any
// number of shards and any GOMAXPROCS, with the counted guards and the match's memory account at work.

// hoardSrc grows a global by about 35 KB a tick: its measures (every 20,000 steps) note the growth in the
// match's account, which dooms in bot order the hoarders that take it past its limit.
const hoardSrc = `held = []

def main(bot):
    while True:
        for _ in range(300):
            held.append("y" * 100)
        bot.tick()
`

// runawaySrc runs out of steps in its tenth tick: a counted cut.
const runawaySrc = `def main(bot):
    for _ in range(9):
        bot.forward(5)
    while True:
        pass
`

// deepSrc parks deeper and deeper: its frames count in the match's memory as it parks.
const deepSrc = `def f(bot, n):
    if n % 100 == 0:
        bot.tick()
    f(bot, n + 1)

def main(bot):
    f(bot, 1)
`

// shardWorlds are the test's worlds: mixed (walls, timed and proximity doors, the example scripts, Go bots,
// hoarders that the match's memory limit stops, a runaway and a deep recursion) and busy (many script bots
// in a small arena, fighting).
var shardWorlds = map[string]match.Config{
	"mixed": {Seed: 17, Width: 1400, Height: 1000, MaxTicks: 600,
		Walls: []match.Box{{X: 680, Y: 0, W: 40, H: 350}, {X: 680, Y: 650, W: 40, H: 350}},
		Doors: []match.DoorDef{{Box: match.Box{X: 680, Y: 350, W: 40, H: 150}, Open: 90, Closed: 60},
			{Box: match.Box{X: 680, Y: 500, W: 40, H: 150}, Mode: "proximity"}},
		Bots: []match.BotSpec{{Name: "examples/hunter.star", Count: 3}, {Name: "examples/squarebot.star", Count: 2},
			{Name: "examples/spinbot.star", Count: 2}, {Name: "chaser", Count: 2}, {Name: "dodger", Count: 2},
			{Name: "hoard.star", Count: 6}, {Name: "runaway.star", Count: 2}, {Name: "deep.star", Count: 2}}},
	"busy": {Seed: 23, Width: 700, Height: 500, MaxTicks: 500,
		Bots: []match.BotSpec{{Name: "examples/spinbot.star", Count: 12}, {Name: "examples/hunter.star", Count: 8},
			{Name: "examples/squarebot.star", Count: 6}, {Name: "sniper", Count: 2}}},
}

var shardSources = map[string][]byte{"hoard.star": []byte(hoardSrc), "runaway.star": []byte(runawaySrc), "deep.star": []byte(deepSrc)}

// shardOutcome is what a sharded match is compared on: the state hash after every tick, and each bot's end.
type shardOutcome struct {
	hashes []uint64
	causes []string
	deaths []uint64
}

func playSharded(t *testing.T, c match.Config, cores int) shardOutcome {
	t.Helper()
	sb := star.NewSandbox(star.Limits{BotMemory: 2 << 20, MatchMemory: 1 << 20})
	m, err := match.Build(c, match.Options{Sources: shardSources, Sandbox: sb, Cores: cores})
	require.NoError(t, err)
	defer m.World.Close()
	require.Equal(t, max(1, cores), m.World.Shards())
	var out shardOutcome
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
		out.hashes = append(out.hashes, m.World.Hash())
	}
	for _, b := range m.Bots {
		body := m.World.Bot(b.ID())
		out.causes = append(out.causes, body.Cause())
		out.deaths = append(out.deaths, body.DeathTick())
	}
	require.Empty(t, sb.Verdicts(), "no watchdog verdict in an honest match: every end here is counted")
	return out
}

func TestScriptBotsSameForEveryShardCount(t *testing.T) {
	for _, world := range []string{"mixed", "busy"} {
		t.Run(world, func(t *testing.T) {
			one := playSharded(t, shardWorlds[world], 1)
			require.Greater(t, len(one.hashes), 100)
			if world == "mixed" {
				doomedAt := map[uint64]bool{} // the ticks the match's memory limit stopped bots at
				for i, c := range one.causes {
					assert.NotContains(t, c, "holds more than", "no bot reaches its own limit")
					if strings.Contains(c, "and the match's scripts more than 1 MiB together") {
						doomedAt[one.deaths[i]] = true
					}
				}
				assert.Greater(t, len(doomedAt), 1, "the match's memory limit stops bots one after another: %q", one.causes)
			}
			configs := []struct{ cores, procs int }{{2, 2}, {3, 1}, {8, 2}}
			if testing.Short() { // make test-race: 2 cores
				configs = configs[:1]
			}
			for _, tc := range configs {
				t.Run(fmt.Sprintf("cores=%d,procs=%d", tc.cores, tc.procs), func(t *testing.T) {
					prev := runtime.GOMAXPROCS(tc.procs)
					defer runtime.GOMAXPROCS(prev)
					got := playSharded(t, shardWorlds[world], tc.cores)
					require.Equal(t, len(one.hashes), len(got.hashes))
					for i := range one.hashes {
						require.Equal(t, one.hashes[i], got.hashes[i], "tick %d", i+1)
					}
					assert.Equal(t, one.causes, got.causes)
					assert.Equal(t, one.deaths, got.deaths)
				})
			}
		})
	}
}
