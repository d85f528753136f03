package tournament

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func command(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := Command(args, &stdout, &stderr, func(k string) string { return env[k] })
	return status, stdout.String(), stderr.String()
}

// quick are the flags of a small tournament on the open map: 12 duels.
func quick(out string, more ...string) []string {
	return append([]string{"-config", "testdata/open.json", "-bots", "chaser,sniper,testdata/idle.star", "-rounds", "2",
		"-seed", "4", "-bootstrap", "20", "-quiet", "-out", out}, more...)
}

func TestCommandBadInputIsOneLineAndStatus2(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.jsonl")
	status, _, _ := command(t, nil, quick(taken)...)
	require.Equal(t, ExitOK, status)

	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"unknown flag", nil, []string{"-nosuch"}, "flag provided but not defined"},
		{"unknown bot", nil, []string{"-bots", "chaser,nosuchbot"}, `unknown bot "nosuchbot"`},
		{"bad format", nil, []string{"-format", "swiss"}, `"swiss"`},
		{"negative workers", nil, []string{"-workers", "-2"}, "-workers -2"},
		{"bad shard", nil, []string{"-shard", "3/3"}, "0 <= i < n"},
		{"kubernetes without -shards", map[string]string{"JOB_COMPLETION_INDEX": "0"}, []string{"-out", filepath.Join(dir, "k.jsonl")}, "-shards N"},
		{"bad -matches", nil, quick(filepath.Join(dir, "m.jsonl"), "-matches", "5-99"), "-matches"},
		{"results exist", nil, quick(taken), "-resume"},
		{"resume another tournament", nil, append(quick(taken, "-resume"), "-seed", "5"), "another tournament"},
		{"resume garbage", nil, quick("testdata/results/garbage.jsonl", "-resume"), "garbage.jsonl:3"},
		{"-record-lost without -record", nil, quick(filepath.Join(dir, "r1.jsonl"), "-record-lost", "chaser"), "need -record DIR"},
		{"-record of nothing", nil, quick(filepath.Join(dir, "r2.jsonl"), "-record", dir), "which matches"},
		{"-record-lost of a stranger", nil, quick(filepath.Join(dir, "r3.jsonl"), "-record", dir, "-record-lost", "dodger"), `-record-lost "dodger"`},
		{"a script that does not compile", nil, []string{"-bots", "chaser,testdata/broken.star"}, "testdata/broken.star:4:1: got newline"},
		{"stray argument", nil, []string{"results.jsonl"}, "unexpected argument"},
		{"merge nothing", nil, []string{"merge"}, "no results files"},
		{"merge garbage", nil, []string{"merge", "testdata/results/garbage.jsonl"}, "garbage.jsonl:3"},
		{"merge conflict", nil, []string{"merge", "testdata/results/good.jsonl", "testdata/results/conflict.jsonl"}, "two different results"},
		{"negative bootstrap", nil, []string{"merge", "-bootstrap", "-1", "testdata/results/good.jsonl"}, "-bootstrap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := command(t, tt.env, tt.args...)
			assert.Equal(t, ExitBadInput, status)
			assert.Contains(t, stderr, tt.want)
			assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
			assert.True(t, strings.HasPrefix(stderr, "headless tournament: "))
		})
	}
}

// Playing some matches, then -resume, gives the file and standings of one run; merge of the pieces too.
func TestCommandResumeAndMerge(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.jsonl")
	status, want, stderr := command(t, nil, quick(whole, "-json")...)
	require.Equal(t, ExitOK, status, stderr)

	part := filepath.Join(dir, "part.jsonl")
	status, _, stderr = command(t, nil, quick(part, "-matches", "0-3,7")...)
	require.Equal(t, ExitOK, status, stderr)
	status, got, stderr := command(t, nil, quick(part, "-resume", "-json")...)
	require.Equal(t, ExitOK, status, stderr)
	assert.JSONEq(t, want, got)

	var st report
	require.NoError(t, json.Unmarshal([]byte(got), &st))
	assert.Equal(t, 12, st.Matches)
	assert.Empty(t, st.Missing)

	// The pieces: two shards, one of them given twice, merge into the same standings.
	s0, s1 := filepath.Join(dir, "s0.jsonl"), filepath.Join(dir, "s1.jsonl")
	require.Equal(t, ExitOK, first(command(t, map[string]string{"SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"}, quick(s0)...)))
	require.Equal(t, ExitOK, first(command(t, nil, quick(s1, "-shard", "1/2")...)))
	merged := filepath.Join(dir, "merged.jsonl")
	status, got, stderr = command(t, nil, "merge", "-json", "-bootstrap", "20", "-out", merged, s0, s1, s1)
	require.Equal(t, ExitOK, status, stderr)
	assert.Contains(t, stderr, "6 results found twice")
	assert.JSONEq(t, strings.Replace(want, `"duplicates":0`, `"duplicates":6`, 1), got)
	f, err := ReadFile(merged)
	require.NoError(t, err)
	assert.Len(t, f.Results, 12)

	// One shard alone: its standings, the missing matches listed, and status 1.
	status, out, stderr := command(t, nil, "merge", s0)
	assert.Equal(t, ExitFailure, status)
	assert.Contains(t, out, "6 of 12 matches")
	assert.Contains(t, stderr, "6 of 12 matches are missing: 1, 3, 5, 7, 9, 11")
}

func first(status int, _, _ string) int { return status }

func TestCommandPlotsAndText(t *testing.T) {
	dir := t.TempDir()
	status, out, stderr := command(t, nil, quick(filepath.Join(dir, "r.jsonl"), "-plots", filepath.Join(dir, "plots"))...)
	require.Equal(t, ExitOK, status, stderr)
	for _, want := range []string{"duel tournament, seed 4: 12 of 12 matches", "rank", "95% interval", "win rate", "accuracy", "idle"} {
		assert.Contains(t, out, want)
	}
	for _, name := range PlotFiles {
		st, err := os.Stat(filepath.Join(dir, "plots", name))
		require.NoError(t, err)
		assert.Positive(t, st.Size())
	}
}

func TestCommandHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"merge", "-h"}} {
		status, out, _ := command(t, nil, args...)
		assert.Equal(t, ExitOK, status)
		assert.Contains(t, out, "Usage:")
	}
}

func TestCommandMelee(t *testing.T) {
	out := filepath.Join(t.TempDir(), "melee.jsonl")
	status, got, stderr := command(t, nil, "-config", "testdata/open.json", "-bots", "chaser=2,sniper,dodger,testdata/idle.star",
		"-format", "melee", "-size", "3", "-rounds", "3", "-bootstrap", "10", "-quiet", "-json", "-out", out)
	require.Equal(t, ExitOK, status, stderr)
	var st report
	require.NoError(t, json.Unmarshal([]byte(got), &st))
	assert.Equal(t, 6, st.Matches, "3 rounds of ceil(4/3) matches")
	played := 0
	for _, r := range st.Ranking {
		played += r.Matches
	}
	assert.Equal(t, 18, played, "3 entries a match")
}

// The progress line is drawn only on a terminal (a buffer is not one), and shows matches, rate and ETA.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	quiet := newProgress(&buf, true, 10, 0)
	quiet.add()
	quiet.clear()
	assert.Empty(t, buf.String(), "quiet in pipes")

	shown := newProgress(&buf, true, 10, 4)
	shown.on = true // as on a terminal
	shown.add()
	assert.Contains(t, buf.String(), "matches 5/10")
	assert.Contains(t, buf.String(), "/s  ETA ")
	shown.clear()
	assert.True(t, strings.HasSuffix(buf.String(), "\r\x1b[K"), "erased at the end")
}

// A bot whose script fails loses its matches and nothing else: the tournament finishes and counts the failures.
func TestCommandFailingScript(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.jsonl")
	status, got, stderr := command(t, nil, "-config", "testdata/open.json", "-bots", "sniper,testdata/crash.star", "-rounds", "2",
		"-bootstrap", "0", "-quiet", "-json", "-out", out)
	require.Equal(t, ExitOK, status, stderr)
	var st report
	require.NoError(t, json.Unmarshal([]byte(got), &st))
	require.Len(t, st.Ranking, 2)
	assert.Equal(t, "sniper", st.Ranking[0].Name)
	assert.Equal(t, 4, st.Ranking[0].Wins)
	f, err := ReadFile(out)
	require.NoError(t, err)
	for _, r := range f.Results {
		assert.Equal(t, 1, r.ScriptErrors, "match %d", r.Index)
	}
}
