package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tournamentFlags are a 60-duel tournament of five bots on a small open map.
func tournamentFlags(dir string) []string {
	arena := filepath.Join(dir, "open.json")
	if _, err := os.Stat(arena); err != nil {
		_ = os.WriteFile(arena, []byte(`{"width": 700, "height": 500, "max_ticks": 6000, "bots": []}`), 0o644)
	}
	return []string{"tournament", "-config", arena, "-bots", "chaser,sniper,dodger,squarebot,tournament/testdata/wild.star",
		"-rounds", "3", "-seed", "77", "-quiet"}
}

// Three shards run as separate processes, then merged, rate the bots exactly as one process playing the whole
// tournament does.
func TestShardedTournamentMergesIntoTheSingleRun(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.Executable()
	require.NoError(t, err)
	var shards []*exec.Cmd
	var files []string
	for i := range 3 {
		out := filepath.Join(dir, "shard-"+strconv.Itoa(i)+".jsonl")
		files = append(files, out)
		cmd := exec.Command(exe, append(tournamentFlags(dir), "-out", out, "-workers", "1")...)
		// Slurm's variables for one shard, Kubernetes' for another, the flag for the third.
		switch i {
		case 0:
			cmd.Env = append(os.Environ(), asCommand+"=1", "SLURM_ARRAY_TASK_ID=0", "SLURM_ARRAY_TASK_COUNT=3")
		case 1:
			cmd.Env = append(os.Environ(), asCommand+"=1", "JOB_COMPLETION_INDEX=1")
			cmd.Args = append(cmd.Args, "-shards", "3")
		default:
			cmd.Env = append(os.Environ(), asCommand+"=1")
			cmd.Args = append(cmd.Args, "-shard", "2/3")
		}
		require.NoError(t, cmd.Start())
		shards = append(shards, cmd)
	}
	for i, cmd := range shards {
		require.NoError(t, cmd.Wait(), "shard %d", i)
	}

	single := filepath.Join(dir, "single.jsonl")
	status, want, stderr := runArgs(t, append(tournamentFlags(dir), "-out", single, "-json")...)
	require.Equal(t, exitOK, status, stderr)
	status, got, stderr := runArgs(t, append([]string{"tournament", "merge", "-json"}, files...)...)
	require.Equal(t, exitOK, status, stderr)

	var a, b struct {
		Matches int               `json:"matches"`
		Ranking []json.RawMessage `json:"ranking"`
		WinRate [][]float64       `json:"win_rate"`
		Missing []int             `json:"missing"`
	}
	require.NoError(t, json.Unmarshal([]byte(want), &a))
	require.NoError(t, json.Unmarshal([]byte(got), &b))
	assert.Equal(t, 60, b.Matches)
	assert.Empty(t, b.Missing)
	require.Len(t, b.Ranking, 5)
	for i := range a.Ranking {
		assert.JSONEq(t, string(a.Ranking[i]), string(b.Ranking[i]), "rank %d: rating, interval and scores", i+1)
	}
	assert.Equal(t, a.WinRate, b.WinRate)
	assert.JSONEq(t, want, got)
}

// Any match of a tournament plays again alone with headless: the same seed, bots and map give the same state
// hash as the tournament's results line; and a match saved with -record plays back and verifies.
func TestTournamentMatchPlaysAgainWithHeadless(t *testing.T) {
	dir := t.TempDir()
	results := filepath.Join(dir, "r.jsonl")
	replays := filepath.Join(dir, "replays")
	status, _, stderr := runArgs(t, append(tournamentFlags(dir), "-out", results, "-matches", "7,31", "-bootstrap", "0",
		"-record", replays, "-record-matches", "31")...)
	require.Equal(t, exitOK, status, stderr)
	status, out, stderr := runArgs(t, "replay", "-verify", filepath.Join(replays, "match-31.replay.gz"))
	require.Equal(t, exitOK, status, stderr)
	assert.Contains(t, stderr+out, "verified")
	f, err := os.Open(results)
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // the plan
	n := 0
	for sc.Scan() {
		var r struct {
			Seed      uint64   `json:"seed"`
			Bots      []string `json:"bots"`
			StateHash string   `json:"state_hash"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r))
		for k, b := range r.Bots {
			if b == "wild" {
				r.Bots[k] = "tournament/testdata/wild.star"
			}
		}
		status, out, stderr := runArgs(t, "-config", filepath.Join(dir, "open.json"), "-bots", strings.Join(r.Bots, ","),
			"-seed", strconv.FormatUint(r.Seed, 10), "-json", "-quiet")
		require.Equal(t, exitOK, status, stderr)
		var report struct {
			StateHash string `json:"state_hash"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &report))
		assert.Equal(t, r.StateHash, report.StateHash)
		n++
	}
	assert.Equal(t, 2, n)
}

// Ctrl-C in the middle of a tournament keeps the finished matches (exit status 130), and -resume then plays
// the rest: the file ends up with the results of one uninterrupted run.
func TestInterruptedTournamentResumes(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.Executable()
	require.NoError(t, err)
	flags := append(tournamentFlags(dir), "-rounds", "30", "-workers", "2") // 600 matches: long enough to interrupt
	part := filepath.Join(dir, "part.jsonl")
	cmd := exec.Command(exe, append(flags, "-out", part)...)
	cmd.Env = append(os.Environ(), asCommand+"=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if data, _ := os.ReadFile(part); strings.Count(string(data), "\n") > 1 {
			break
		}
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "stderr: %s", stderr.String())
	assert.Equal(t, exitInterrupted, exit.ExitCode())
	assert.Contains(t, stderr.String(), "-resume plays the rest")
	data, err := os.ReadFile(part)
	require.NoError(t, err)
	done := strings.Count(string(data), "\n") - 1
	assert.Less(t, done, 600, "interrupted before the end")

	status, got, errs := runArgs(t, append(flags, "-out", part, "-resume", "-json")...)
	require.Equal(t, exitOK, status, errs)
	whole := filepath.Join(dir, "whole.jsonl")
	status, want, errs := runArgs(t, append(flags, "-out", whole, "-json")...)
	require.Equal(t, exitOK, status, errs)
	assert.JSONEq(t, want, got)
	assert.ElementsMatch(t, sortedLines(t, whole), sortedLines(t, part))
}

func sortedLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	slices.Sort(lines)
	return lines
}
