package match

import (
	"bytes"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
)

// A recovered panic is a bug: status ExitBug, one line on stderr that says so and names the file holding the
// stack, which is not on the terminal.
func TestGuard(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var stderr bytes.Buffer
	assert.Equal(t, 2, Guard("cmd", nil, &stderr, func() int { return 2 }), "a status passes through")
	assert.Empty(t, stderr.String())

	status := Guard("cmd", []string{"-bots", "x"}, &stderr, func() int {
		var grid []int
		return grid[7] // index out of range, as the NaN position once did
	})
	assert.Equal(t, ExitBug, status)
	line := stderr.String()
	require.Equal(t, 1, strings.Count(line, "\n"), "one line: %q", line)
	assert.Contains(t, line, "cmd: internal error (a bug, not your input): runtime error: index out of range [7] with length 0")
	assert.NotContains(t, line, "goroutine")
	file := regexp.MustCompile(`the stack is in (\S+), please report it`).FindStringSubmatch(line)
	require.Len(t, file, 2, line)
	data, err := os.ReadFile(file[1])
	require.NoError(t, err)
	assert.Contains(t, string(data), `args: ["-bots" "x"]`)
	assert.Contains(t, string(data), "goroutine ", "the stack")
	assert.Contains(t, string(data), "limits_test.go", "the frame that panicked")
}

// A panic a World's shard worker carried back to the driving goroutine (engine.WorkerPanic, which Step raises:
// engine's TestAWorkerPanicIsRaisedInStep) is a bug like any: one line, and the file holds the worker's stack
// as well as the driving goroutine's.
func TestGuardKeepsAWorkersStack(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	var stderr bytes.Buffer
	status := Guard("cmd", nil, &stderr, func() int {
		panic(&engine.WorkerPanic{Shard: 2, Value: "boom", Stack: []byte("goroutine 42 [running]:\nengine.brokenOnTheWorker()\n")})
	})
	assert.Equal(t, ExitBug, status)
	line := stderr.String()
	require.Equal(t, 1, strings.Count(line, "\n"), "one line: %q", line)
	assert.Contains(t, line, "cmd: internal error (a bug, not your input): shard 2's worker panicked: boom")
	file := regexp.MustCompile(`the stack is in (\S+), please report it`).FindStringSubmatch(line)
	require.Len(t, file, 2, line)
	data, err := os.ReadFile(file[1])
	require.NoError(t, err)
	assert.Contains(t, string(data), "engine.brokenOnTheWorker()", "the worker's stack")
	assert.Contains(t, string(data), "limits_test.go", "the driving goroutine's stack")
}

// Limits hold for counts of any size, and counts are echoed as asked for.
func TestValidateLimits(t *testing.T) {
	bots := func(counts ...int) []BotSpec {
		var specs []BotSpec
		for _, n := range counts {
			specs = append(specs, BotSpec{Name: "spinbot", Count: n})
		}
		return specs
	}
	tests := []struct {
		name string
		c    Config
		want string // "" for a valid config
	}{
		{"the most bots", Config{Bots: bots(MaxActors)}, ""},
		{"one bot too many", Config{Bots: bots(MaxActors, 1)}, "1 bots of \"spinbot\" (200000 before them): a match holds at most 200000 bots and doors (match.MaxActors)"},
		{"2^63-1 bots", Config{Bots: bots(1<<63 - 1)}, "9223372036854775807 bots of \"spinbot\" (0 before them)"},
		{"two counts that overflow together", Config{Bots: bots(1<<62, 1<<62, 1<<62)}, "4611686018427387904 bots of \"spinbot\""},
		{"a hundred million bots", Config{Bots: bots(100_000_000), Width: 200_000, Height: 200_000}, "100000000 bots of \"spinbot\""},
		{"random doors past the total", Config{Bots: bots(10), RandomDoors: MaxActors}, "200000 random doors, 0 doors and 10 bots: a match holds at most 200000"},
		{"2^63-1 random doors", Config{Bots: bots(1), RandomDoors: 1<<63 - 1}, "9223372036854775807 random doors"},
		{"too many walls", Config{Bots: bots(1), Walls: make([]Box, MaxWalls+1)}, "10001 walls: a match holds at most 10000 (match.MaxWalls)"},
		{"walls over the whole arena", Config{Bots: bots(1), Width: 200_000, Height: 200_000, Walls: []Box{{W: 199_000, H: 199_000}, {W: 199_000, H: 199_000}}},
			"the walls cover more than 4000000 grid cells of 128 units (match.MaxWallCells): are there huge walls?"},
		{"a long thin wall", Config{Bots: bots(1), Width: 200_000, Height: 200_000, Walls: []Box{{W: 199_000, H: 20}}}, ""},
		{"a bot without a name", Config{Bots: []BotSpec{{Count: 1}}}, "a bot without a name"},
		{"a long name is shortened", Config{Bots: []BotSpec{{Name: strings.Repeat("n", 1<<20), Count: -1}}}, "…(1048576 bytes)\" is -1"},
		{"an arena too big", Config{Bots: bots(1), Width: 1e308, Height: 600}, "arena size 1e+308x600: each side must be from 200 to 200000"},
		{"an arena too small", Config{Bots: bots(1), Width: 800, Height: 10}, "each side must be from 200"},
		{"a door open for ever", Config{Bots: bots(1), Doors: []DoorDef{{Open: 1 << 62}}}, "door 1: open 4611686018427387904, closed 0: at most 2147483647 ticks each"},
		{"a door that senses too far", Config{Bots: bots(1), Doors: []DoorDef{{Mode: "proximity", Distance: 1e300}}}, "door 1: distance 1e+300: must be from 0 to 1000000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "NaN")
			assert.Less(t, len(err.Error()), 300, "echoes are shortened")
		})
	}
}

// A config is one JSON object: anything but white space after it is an error at its line.
func TestParseRefusesTrailingData(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{`{"bots": [{"name": "spinbot", "count": 1}]} garbage`, "c.json:1: malformed match config: data after the JSON object (7 bytes)"},
		{"{\"bots\": []}\n\n{\"bots\": []}", "c.json:3: malformed match config: data after the JSON object"},
		{"{\"bots\": []}\x00", "data after the JSON object (1 bytes)"},
		{"", "malformed match config: EOF"},
	} {
		_, err := Parse("c.json", []byte(tt.data))
		require.Error(t, err, tt.data)
		assert.Contains(t, err.Error(), tt.want)
	}
	c, err := Parse("c.json", []byte("{\"seed\": 3, \"bots\": [{\"name\": \"spinbot\", \"count\": 1}]}\n\t \r\n"))
	require.NoError(t, err, "trailing white space is fine")
	assert.Equal(t, uint64(3), c.Seed)
}

// The index that makes random doors near-linear gives the answers of a scan of every rectangle, for small
// rectangles, walls longer than its cells, and rectangles outside the arena.
func TestRectIndexAgreesWithAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	idx := NewRectIndex()
	var all []engine.Rect
	for i := range 3000 {
		var r engine.Rect
		switch i % 10 {
		case 0: // a long wall
			r = engine.R(rng.Float64()*20000-1000, rng.Float64()*20000, rng.Float64()*15000, 10)
		case 1: // far outside
			r = engine.R(-1e12*rng.Float64(), 1e12*rng.Float64(), 60, 12)
		default:
			r = engine.R(rng.Float64()*20000, rng.Float64()*20000, 1+rng.Float64()*200, 1+rng.Float64()*200)
		}
		q := engine.R(rng.Float64()*20000, rng.Float64()*20000, 68, 20)
		assert.Equal(t, slices.ContainsFunc(all, q.Overlaps), idx.Overlaps(q), "query %v after %d", q, i)
		idx.Add(r)
		all = append(all, r)
	}
}

// Random doors never overlap each other.
func TestRandomDoorsDoNotOverlap(t *testing.T) {
	m, err := Build(Config{Seed: 1, Bots: []BotSpec{{"spinbot", 2}}, RandomDoors: 3000}, Options{})
	require.NoError(t, err)
	defer m.World.Close()
	require.Len(t, m.Doors, 3000)
	var placed []engine.Rect
	for _, d := range m.World.Doors() {
		r := d.Rect()
		assert.False(t, slices.ContainsFunc(placed, r.Inset(-4).Overlaps), "door %v overlaps another", r)
		placed = append(placed, r)
	}
}

// BenchmarkRandomDoors places 10,000 random doors (docs: before the index, the placement scanned every door
// placed for each try, O(n²)).
func BenchmarkRandomDoors(b *testing.B) {
	for b.Loop() {
		m, err := Build(Config{Seed: 1, Bots: []BotSpec{{"spinbot", 2}}, RandomDoors: 10_000}, Options{})
		require.NoError(b, err)
		m.World.Close()
	}
}
