package star_test

import (
	"bufio"
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots/star"
	"stackarena/match"
)

// hostileDir holds the hostile corpus: scripts that try to take down the match or the host, and
// expected.tsv, what each must die of.
const hostileDir = "testdata/hostile"

// hostileCase is a line of expected.tsv: the script, the lines its error may be placed at (a loop's error
// lands on whichever of its lines was running), and a piece of the error's message.
type hostileCase struct {
	file  string
	lines []int
	msg   string
}

func hostileCorpus(t testing.TB) []hostileCase {
	f, err := os.Open(filepath.Join(hostileDir, "expected.tsv"))
	require.NoError(t, err)
	defer f.Close()
	var cases []hostileCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		require.Len(t, cols, 3, line)
		c := hostileCase{file: cols[0], msg: cols[2]}
		for _, l := range strings.Split(cols[1], ",") {
			n, err := strconv.Atoi(l)
			require.NoError(t, err, line)
			c.lines = append(c.lines, n)
		}
		cases = append(cases, c)
	}
	require.NoError(t, sc.Err())
	return cases
}

// hostileTicks is how long the corpus match runs: long enough for the slowest hostile script (one that
// grows its memory a little every tick) to be stopped.
const hostileTicks = 400

// hostileBuiltins are the built-in bots beside the corpus, in an arena large enough that they never meet the
// hostile ones in hostileTicks (the test checks that they play the same match as without them).
var hostileBuiltins = []match.BotSpec{{Name: "spinbot", Count: 4}, {Name: "squarebot", Count: 4}}

// builtinState is what the test compares of a built-in bot: all that a match's result shows of it.
type builtinState struct {
	Name                  string
	X, Y, Heading, Energy float64
	Alive                 bool
	Shots, Hits, Kills    int
	Cause                 string
}

// playHostileOn plays the corpus scripts beside hostileBuiltins on cores shards, replaying verdicts when they are not nil (the watchdog is
// then off); it returns the state hash after every tick too.
func playHostileOn(t *testing.T, scripts []string, cores int, verdicts []star.Verdict) (*match.Match, []builtinState, []uint64) {
	c := match.Config{Seed: 3, Width: 6000, Height: 6000, MaxTicks: hostileTicks + 10, Bots: slices.Clone(hostileBuiltins)}
	for _, s := range scripts {
		c.Bots = append(c.Bots, match.BotSpec{Name: filepath.Join(hostileDir, s), Count: 1})
	}
	// The default limits but a shorter CPU limit, so that the operations that take seconds in one step
	// (an int squared again and again) cost the test less.
	sb := star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})
	if verdicts != nil {
		sb.Replay(verdicts)
	}
	m, err := match.Build(c, match.Options{Sandbox: sb, Cores: cores})
	require.NoError(t, err)
	t.Cleanup(func() { m.World.Close() })
	var hashes []uint64
	for range hostileTicks {
		require.NoError(t, m.World.Step())
		hashes = append(hashes, m.World.Hash())
	}
	var states []builtinState
	for _, b := range m.Bots[:8] {
		body := m.World.Bot(b.ID())
		states = append(states, builtinState{body.Name(), body.Pos().X, body.Pos().Y, body.Heading(), body.Energy(),
			body.Alive(), body.Shots(), body.Hits(), body.Kills(), body.Cause()})
	}
	return m, states, hashes
}

// Every hostile script of the corpus plays in one match beside built-in bots: the match finishes its ticks,
// each hostile bot dies of its expected error at its expected line, and the built-in bots play exactly the
// match they play without the hostile ones.
//
// And on shards: every hostile bot dies of the same error at the same tick whatever the number of shards, but
// for the watchdog's verdicts, which depend on the machine (CPU time, allocations, when the process allocated
// enough for the scripts to measure themselves) and are inputs of the match. So the corpus plays live on 1
// shard and on 2, each run as checked above, and the two agree on every bot no verdict stopped in either; and
// runs on 3 and 8 shards that replay the first run's verdicts play the first run's match exactly, state hash by
// state hash, every bot's end included.
func TestHostileCorpusKillsOnlyTheHostileBots(t *testing.T) {
	cases := hostileCorpus(t)
	files, err := filepath.Glob(filepath.Join(hostileDir, "*.star"))
	require.NoError(t, err)
	require.Len(t, cases, len(files), "every script of the corpus has its line in expected.tsv")
	require.GreaterOrEqual(t, len(cases), 40)
	var scripts []string
	for _, c := range cases {
		scripts = append(scripts, c.file)
	}
	_, without, _ := playHostileOn(t, nil, 3, nil)
	one, with, hashes := playHostileOn(t, scripts, 1, nil)
	checkHostile(t, cases, one, with, without)
	two, withOnTwo, _ := playHostileOn(t, scripts, 2, nil)
	checkHostile(t, cases, two, withOnTwo, without)

	stopped := map[int]bool{} // the bots a verdict stopped, in either live run
	for _, v := range append(one.Sandbox.Verdicts(), two.Sandbox.Verdicts()...) {
		stopped[v.Bot] = true
	}
	counted := 0
	for i, b := range one.Bots {
		if stopped[b.ID()] {
			continue
		}
		counted++
		x, y := one.World.Bot(b.ID()), two.World.Bot(two.Bots[i].ID())
		assert.Equal(t, x.Cause(), y.Cause(), "bot %d", b.ID())
		assert.Equal(t, x.DeathTick(), y.DeathTick(), "bot %d: %s", b.ID(), x.Cause())
	}
	assert.Greater(t, counted, 40, "most of the corpus dies of counted errors")

	for _, cores := range []int{3, 8} {
		replayed, _, replayHashes := playHostileOn(t, scripts, cores, one.Sandbox.Verdicts())
		require.Equal(t, len(hashes), len(replayHashes))
		for i := range hashes {
			require.Equal(t, hashes[i], replayHashes[i], "%d cores: tick %d", cores, i+1)
		}
		for i, b := range one.Bots {
			x, y := one.World.Bot(b.ID()), replayed.World.Bot(replayed.Bots[i].ID())
			assert.Equal(t, x.Cause(), y.Cause(), "%d cores: bot %d", cores, b.ID())
			assert.Equal(t, x.DeathTick(), y.DeathTick(), "%d cores: bot %d", cores, b.ID())
		}
		assert.Equal(t, sortedVerdicts(one.Sandbox.Verdicts()), sortedVerdicts(replayed.Sandbox.Verdicts()))
	}
}

// checkHostile checks a live run of the corpus: every hostile bot dead of its expected error at its expected
// line, the built-in bots as they play without the hostile ones.
func checkHostile(t *testing.T, cases []hostileCase, m *match.Match, with, without []builtinState) {
	t.Helper()
	assert.Equal(t, uint64(hostileTicks), m.World.Tick(), "the match ran to the end")
	for i, c := range cases {
		body := m.World.Bot(m.Bots[8+i].ID())
		path := filepath.Join(hostileDir, c.file)
		cause := body.Cause()
		if !assert.False(t, body.Alive(), "%s is still alive", c.file) {
			continue
		}
		rest, ok := strings.CutPrefix(cause, "script error: "+path+":")
		if !assert.True(t, ok, "%s: %s", c.file, cause) {
			continue
		}
		lineText, msg, _ := strings.Cut(rest, ":")
		line, _ := strconv.Atoi(lineText)
		assert.Contains(t, c.lines, line, "%s: %s", c.file, cause)
		assert.True(t, slices.ContainsFunc(strings.Split(c.msg, "|"), func(m string) bool { return strings.Contains(msg, m) }),
			"%s: %s, want %s", c.file, cause, c.msg)
	}
	assert.Equal(t, without, with, "the built-in bots play the same match beside the hostile ones")
	for _, s := range with {
		assert.True(t, s.Alive, "%s: %s", s.Name, s.Cause)
	}
}

// sortedVerdicts orders verdicts by tick, then bot: shards apply a tick's in any order.
func sortedVerdicts(vs []star.Verdict) []star.Verdict {
	slices.SortStableFunc(vs, func(a, b star.Verdict) int {
		if a.Tick != b.Tick {
			return cmp.Compare(a.Tick, b.Tick)
		}
		return cmp.Compare(a.Bot, b.Bot)
	})
	return vs
}
