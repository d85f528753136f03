package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
)

// asCommand makes the test binary behave as the headless command, so that the bench's parent can re-exec it
// for its rows exactly as it re-execs the real binary.
const asCommand = "STACKARENA_HEADLESS_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runArgs runs the command and returns its exit status, stdout and stderr.
func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := run(args, &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

func TestBadInputIsOneLineAndStatus2(t *testing.T) {
	dir := t.TempDir()
	malformed := filepath.Join(dir, "malformed.json")
	require.NoError(t, os.WriteFile(malformed, []byte("{\n  \"seed\": 5,\n  \"bots\": [\n}\n"), 0o644))
	typo := filepath.Join(dir, "typo.json")
	require.NoError(t, os.WriteFile(typo, []byte(`{"sed": 5, "bots": [{"name": "spinbot", "count": 2}]}`), 0o644))
	unreadable := filepath.Join(dir, "absent.json")

	tests := []struct {
		name string
		args []string
		want string // in the message
	}{
		{"unknown bot", []string{"-bots", "nosuchbot=2"}, `unknown bot "nosuchbot"`},
		{"missing script file", []string{"-bots", filepath.Join(dir, "absent.star") + "=2"}, "absent.star"},
		{"negative count", []string{"-bots", "spinbot=-3"}, "must not be negative"},
		{"count not a number", []string{"-bots", "spinbot=lots"}, "whole number"},
		{"no bots", []string{"-bots", ""}, "no bots"},
		{"unreadable config", []string{"-config", unreadable}, "reading match config"},
		{"malformed config", []string{"-config", malformed}, "malformed.json:4: malformed"},
		{"unknown field in config", []string{"-config", typo}, `unknown field "sed"`},
		{"arena too small", []string{"-bots", "spinbot=500", "-arena", "300x300"}, "too small"},
		{"arena out of range", []string{"-arena", "50x50"}, "arena size"},
		{"arena syntax", []string{"-arena", "big"}, "WIDTHxHEIGHT"},
		{"negative doors", []string{"-doors", "-2"}, "must not be negative"},
		{"too many doors", []string{"-doors", "5000", "-arena", "400x300"}, "room for only"},
		{"negative ticks", []string{"-ticks", "-5"}, "-ticks"},
		{"seed not a number", []string{"-seed", "abc"}, "-seed"},
		{"unknown flag", []string{"-nosuchflag"}, "-nosuchflag"},
		{"flag without value", []string{"-bots"}, "needs an argument"},
		{"negative top", []string{"-top", "-1"}, "-top"},
		{"stray argument", []string{"-seed", "3", "extra"}, `"extra"`},
		{"bench after flags", []string{"-seed", "3", "bench"}, "bench must come first"},
		{"bench: unknown world", []string{"bench", "-worlds", "mixed,nope"}, `unknown "nope"`},
		{"bench: unknown mode", []string{"bench", "-modes", "threads"}, `unknown "threads"`},
		{"bench: too few actors", []string{"bench", "-actors", "5"}, "-actors"},
		{"bench: size not a number", []string{"bench", "-actors", "1000,many"}, `"many"`},
		{"bench: more than a million", []string{"bench", "-actors", "2m"}, `"2m"`},
		{"bench: a size that overflows", []string{"bench", "-actors", "9223372036854775807k"}, "-actors"},
		{"bench: no ticks", []string{"bench", "-ticks", "0"}, "-ticks 0"},
		{"bench: unknown flag", []string{"bench", "-bots", "spinbot=3"}, "-bots"},
		{"bench: no cores", []string{"bench", "-cores", "1,0"}, `-cores: "0"`},
		{"no cores", []string{"-cores", "0"}, "-cores 0"},
		{"too many cores", []string{"-cores", "100000"}, "-cores 100000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runArgs(t, tt.args...)
			assert.Equal(t, exitBadInput, status)
			assert.Empty(t, stdout)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			require.Len(t, lines, 1, "exactly one line on stderr: %q", stderr)
			assert.True(t, strings.HasPrefix(lines[0], "headless: "), lines[0])
			assert.Contains(t, lines[0], tt.want)
			assert.NotContains(t, stderr, "panic")
			assert.NotRegexp(t, `goroutine \d+ \[`, stderr, "no stack trace")
			assert.NotContains(t, stderr, "Usage", "a data error is not a usage dump")
		})
	}
}

func TestTextReport(t *testing.T) {
	status, stdout, stderr := runArgs(t, "-bots", "spinbot=3,squarebot=3", "-ticks", "400", "-seed", "5", "-top", "4")
	require.Equal(t, exitOK, status, stderr)
	assert.Empty(t, stderr, "no progress line when stderr is not a terminal")
	assert.Contains(t, stdout, "winner: ")
	assert.Contains(t, stdout, "(seed 5)")
	assert.Contains(t, stdout, "place")
	assert.Contains(t, stdout, "... and 2 more", "-top 4 of 6 bots")
	assert.Regexp(t, `\d+ ticks in [\d.]+s: \d+ ticks/s, \d+ actors at peak, \d+ tasklet switches/s, peak memory [\d.]+ [KMG]iB`, stdout)
	assert.Regexp(t, `state hash [0-9a-f]{16}\n`, stdout)
}

// jsonReport runs a match with -json and decodes its one line.
func jsonReport(t *testing.T, args ...string) map[string]any {
	t.Helper()
	status, stdout, stderr := runArgs(t, append([]string{"-json"}, args...)...)
	require.Equal(t, exitOK, status, stderr)
	require.Equal(t, 1, strings.Count(stdout, "\n"), "one JSON object on one line")
	var report map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	return report
}

func TestJSONReportIsDeterministic(t *testing.T) {
	args := []string{"-bots", "spinbot=4,chaser=2,sniper=2", "-ticks", "600", "-doors", "2"}
	a := jsonReport(t, append(args, "-seed", "11")...)
	for _, field := range []string{"winner", "ticks", "ticks_per_second", "actors_peak", "state_hash",
		"switches_per_second", "peak_memory_bytes", "ranking"} {
		assert.Contains(t, a, field)
	}
	assert.Len(t, a["ranking"], 8)
	assert.Positive(t, a["ticks"])
	assert.Positive(t, a["ticks_per_second"])
	assert.GreaterOrEqual(t, a["actors_peak"], 10.0, "8 bots and 2 doors at least")
	assert.Positive(t, a["peak_memory_bytes"])
	assert.Regexp(t, `^[0-9a-f]{16}$`, a["state_hash"])

	b := jsonReport(t, append(args, "-seed", "11")...)
	assert.Equal(t, a["state_hash"], b["state_hash"], "the same seed plays the same match")
	assert.Equal(t, a["ticks"], b["ticks"])
	assert.Equal(t, a["winner"], b["winner"])
	c := jsonReport(t, append(args, "-seed", "12")...)
	assert.NotEqual(t, a["state_hash"], c["state_hash"], "another seed, another match")
	d := jsonReport(t, append(args, "-seed", "11", "-cores", "3")...)
	assert.Equal(t, a["state_hash"], d["state_hash"], "the same match on 3 cores")
	assert.Equal(t, a["ranking"], d["ranking"])
}

func TestDefaultMatchIsOneOfEachBuiltInBot(t *testing.T) {
	r := jsonReport(t, "-ticks", "300")
	ranking := r["ranking"].([]any)
	require.Len(t, ranking, len(bots.All()))
	var names []string
	for _, s := range ranking {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	assert.ElementsMatch(t, bots.Names(), names)
	assert.Equal(t, 1.0, r["seed"])
}

func TestConfigFileAndOverrides(t *testing.T) {
	path := filepath.Join(t.TempDir(), "match.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"seed": 4, "max_ticks": 200, "bots": [{"name": "dodger", "count": 3}]}`), 0o644))
	r := jsonReport(t, "-config", path)
	assert.Equal(t, 4.0, r["seed"])
	assert.LessOrEqual(t, r["ticks"], 200.0)
	assert.Len(t, r["ranking"], 3)
	r = jsonReport(t, "-config", path, "-seed", "8", "-bots", "wallhugger=2")
	assert.Equal(t, 8.0, r["seed"], "flags override the file")
	assert.Len(t, r["ranking"], 2)
}

func TestStarlarkBots(t *testing.T) {
	r := jsonReport(t, "-bots", "../bots/star/examples/spinbot.star=2,squarebot=2", "-ticks", "200")
	var names []string
	for _, s := range r["ranking"].([]any) {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	assert.ElementsMatch(t, []string{"spinbot", "spinbot#2", "squarebot", "squarebot#2"}, names)
}

func TestHelp(t *testing.T) {
	status, stdout, stderr := runArgs(t, "-h")
	assert.Equal(t, exitOK, status)
	assert.Empty(t, stderr)
	for _, want := range append([]string{"-bots", "-config", "-json", "-top", "-quiet", "Examples:", "headless bench", "Exit status"}, bots.Names()...) {
		assert.Contains(t, stdout, want)
	}
	status, stdout, _ = runArgs(t, "bench", "-h")
	assert.Equal(t, exitOK, status)
	for _, want := range []string{"mixed", "busy", "tasklets", "goroutines", "statemachine", "-actors", "-worlds", "-modes", "-ticks", "Examples:"} {
		assert.Contains(t, stdout, want)
	}
}

type fakeWorld struct{ tick uint64 }

func (f fakeWorld) Tick() uint64     { return f.tick }
func (f fakeWorld) MaxTicks() uint64 { return 20000 }
func (f fakeWorld) AliveBots() int   { return 7 }
func (f fakeWorld) Actors() int      { return 30 }

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	off := newProgress(&buf, true)
	off.show(fakeWorld{100})
	off.clear()
	assert.Empty(t, buf.String(), "a buffer is not a terminal: no progress line")

	on := &progress{out: &buf, on: true} // as on a terminal; its last redraw is long ago
	on.show(fakeWorld{1234})
	assert.Contains(t, buf.String(), "\r\x1b[Ktick 1234/20000  bots alive 7  actors 30")
	buf.Reset()
	on.show(fakeWorld{1235})
	assert.Empty(t, buf.String(), "redrawn a few times a second, not every tick")
	on.clear()
	assert.Equal(t, "\r\x1b[K", buf.String(), "erased at the end")
}
