package star_test

import (
	"bufio"
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

func playHostile(t *testing.T, scripts []string) (*match.Match, []builtinState) {
	c := match.Config{Seed: 3, Width: 6000, Height: 6000, MaxTicks: hostileTicks + 10, Bots: slices.Clone(hostileBuiltins)}
	for _, s := range scripts {
		c.Bots = append(c.Bots, match.BotSpec{Name: filepath.Join(hostileDir, s), Count: 1})
	}
	// The default limits but a shorter CPU limit, so that the operations that take seconds in one step
	// (an int squared again and again) cost the test less.
	sb := star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})
	m, err := match.Build(c, match.Options{Sandbox: sb})
	require.NoError(t, err)
	t.Cleanup(func() { m.World.Close() })
	for range hostileTicks {
		require.NoError(t, m.World.Step())
	}
	var states []builtinState
	for _, b := range m.Bots[:8] {
		body := m.World.Bot(b.ID())
		states = append(states, builtinState{body.Name(), body.Pos().X, body.Pos().Y, body.Heading(), body.Energy(),
			body.Alive(), body.Shots(), body.Hits(), body.Kills(), body.Cause()})
	}
	return m, states
}

// Every hostile script of the corpus plays in one match beside built-in bots: the match finishes its ticks,
// each hostile bot dies of its expected error at its expected line, and the built-in bots play exactly the
// match they play without the hostile ones.
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
	m, with := playHostile(t, scripts)
	_, without := playHostile(t, nil)
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
