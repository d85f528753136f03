package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordMatch plays a match with -record and returns the replay's path and the match's JSON report.
func recordMatch(t *testing.T, args ...string) (string, map[string]any) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "match.replay.gz")
	return path, jsonReport(t, append([]string{"-record", path}, args...)...)
}

var matchArgs = []string{"-bots", "../bots/star/examples/hunter.star=2,spinbot=2,chaser=2", "-ticks", "700", "-seed", "3"}

func TestAReplayPlaysTheSameMatch(t *testing.T) {
	path, live := recordMatch(t, matchArgs...)
	status, stdout, stderr := runArgs(t, "replay", "-json", path)
	require.Equal(t, exitOK, status, stderr)
	var again map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &again))
	for _, field := range []string{"state_hash", "ticks", "winner", "ranking", "seed"} {
		assert.Equal(t, live[field], again[field], field)
	}

	status, _, stderr = runArgs(t, "replay", path, "-verify", "-quiet")
	require.Equal(t, exitOK, status, stderr)
	assert.Regexp(t, `verified: 7 stored hashes and the end \(tick 700, [0-9a-f]{16}\) match`, stderr)
}

// rewrite applies edit to the text of a replay file and writes it back compressed.
func rewrite(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	text, err := io.ReadAll(zr)
	require.NoError(t, err)
	f.Close()
	edited := edit(string(text))
	require.NotEqual(t, string(text), edited, "the edit changed nothing")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(edited))
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

func TestVerifyNamesTheFirstTickThatDiffers(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"a stored hash changed", func(s string) string {
			return regexp.MustCompile(`("t":300,"h":")[0-9a-f]{16}`).ReplaceAllString(s, "${1}00000000deadbeef")
		}, `: tick 300: state hash [0-9a-f]{16}, but the replay stored 00000000deadbeef$`},
		{"a script edited", func(s string) string {
			return strings.Replace(s, `bot.shoot(3 if`, `bot.shoot(0.2 if`, 1)
		}, `: tick \d+00: state hash [0-9a-f]{16}, but the replay stored [0-9a-f]{16}$`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := recordMatch(t, matchArgs...)
			rewrite(t, path, tc.edit)
			status, stdout, stderr := runArgs(t, "replay", "-verify", path)
			assert.Equal(t, exitFailure, status)
			assert.Empty(t, stdout, "no report for a match that is not the recorded one")
			assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
			assert.Regexp(t, tc.want, strings.TrimSpace(stderr))

			status, stdout, stderr = runArgs(t, "replay", path)
			assert.Equal(t, exitFailure, status, "without -verify the report is printed, and the difference said")
			assert.Contains(t, stdout, "state hash")
			assert.Contains(t, stderr, "this is not the recorded match")
		})
	}
}

func TestBadReplaysAreOneLineAndStatus2(t *testing.T) {
	dir := filepath.Join("..", "match", "replay", "testdata")
	files, err := filepath.Glob(filepath.Join(dir, "*.replay*"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 10)
	args := [][]string{{"replay"}, {"replay", "a", "b"}, {"replay", "-top", "-1", "x"}, {"replay", filepath.Join(dir, "absent.replay.gz")}}
	for _, f := range files {
		args = append(args, []string{"replay", "-verify", f})
	}
	for _, a := range args {
		t.Run(strings.Join(a, " "), func(t *testing.T) {
			status, stdout, stderr := runArgs(t, a...)
			assert.Equal(t, exitBadInput, status, stderr)
			assert.Empty(t, stdout)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
			assert.True(t, strings.HasPrefix(stderr, "headless: "), stderr)
		})
	}
	_, _, stderr := runArgs(t, "replay", filepath.Join(dir, "other-rules.replay"))
	assert.Contains(t, stderr, "recorded under rules version 0")
}

func TestReplayHelp(t *testing.T) {
	status, stdout, _ := runArgs(t, "replay", "-h")
	assert.Equal(t, exitOK, status)
	for _, want := range []string{"-verify", "-json", "docs/REPLAYS.md", "Exit status"} {
		assert.Contains(t, stdout, want)
	}
}
