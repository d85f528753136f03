package tournament

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// smallPlan is a quick duel tournament: four bots (two of them sources) on the open map, 24 matches.
func smallPlan(t *testing.T) *Plan {
	t.Helper()
	p, err := NewPlan(Duel, specs("chaser", "sniper", "testdata/idle.star", "testdata/wild.star"), 2, 0, 21, openMap(t))
	require.NoError(t, err)
	return p
}

func all(p *Plan) []int { return All.Indices(p.Matches) }

// lines plays indices with workers and returns the results as JSON lines, sorted.
func lines(t *testing.T, ctx context.Context, p *Plan, indices []int, workers int) ([]string, error) {
	t.Helper()
	sources, err := p.Sources()
	require.NoError(t, err)
	var out []string
	err = Run(ctx, p, sources, indices, workers, nil, func(r Result) error {
		b, err := json.Marshal(r)
		out = append(out, string(b))
		return err
	})
	slices.Sort(out)
	return out, err
}

// goroutinesSettle waits for the goroutine count to fall back to base (scheduler goroutines end as they are
// killed) and fails if it does not.
func goroutinesSettle(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), base, "goroutines left behind")
}

func TestResultsAreTheSameSetForAnyWorkerCount(t *testing.T) {
	p := smallPlan(t)
	base := runtime.NumGoroutine()
	one, err := lines(t, context.Background(), p, all(p), 1)
	require.NoError(t, err)
	require.Len(t, one, p.Matches)
	for _, workers := range []int{2, 3, 8} {
		got, err := lines(t, context.Background(), p, all(p), workers)
		require.NoError(t, err)
		assert.Equal(t, one, got, "%d workers", workers)
	}
	goroutinesSettle(t, base)
}

// Interrupting a run and resuming it (any number of times, with any worker count) gives the results of one
// uninterrupted run: the file holds whole lines of finished matches only.
func TestInterruptedAndResumedRunsGiveTheSameResults(t *testing.T) {
	p := smallPlan(t)
	want, err := lines(t, context.Background(), p, all(p), 2)
	require.NoError(t, err)
	sources, err := p.Sources()
	require.NoError(t, err)

	base := runtime.NumGoroutine()
	path := filepath.Join(t.TempDir(), "results.jsonl")
	w, err := Create(path, p)
	require.NoError(t, err)
	for _, stopAfter := range []int{3, 1, 7} { // a run is stopped after that many results
		read, err := ReadFile(path)
		require.NoError(t, err)
		todo := read.Lacks(all(p))
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err = Run(ctx, p, sources, todo, 1+stopAfter%3, nil, func(r Result) error {
			n++
			if n == stopAfter {
				cancel()
			}
			return w.Write(r)
		})
		cancel()
		// Results finished before the stop are still handed over, so n may pass stopAfter.
		if n >= stopAfter {
			assert.ErrorIs(t, err, context.Canceled)
		} else {
			assert.NoError(t, err)
			assert.Len(t, todo, n, "fewer matches were left than the stop")
		}
	}
	require.NoError(t, w.Close())
	goroutinesSettle(t, base)

	// A kill while writing leaves a partial last line: it is dropped with a warning and cut off on resume.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"index":5,"seed":12`)
	require.NoError(t, err)
	require.NoError(t, f.Close())

	read, err := ReadFile(path)
	require.NoError(t, err)
	require.Len(t, read.Warnings, 1)
	assert.Contains(t, read.Warnings[0], "cut short")
	w, err = Append(path, read)
	require.NoError(t, err)
	todo := read.Lacks(all(p))
	assert.Len(t, todo, p.Matches-len(read.Results), "the cut-short match is among those to play")
	require.NoError(t, Run(context.Background(), p, sources, todo, 2, nil, w.Write))
	require.NoError(t, w.Close())

	read, err = ReadFile(path)
	require.NoError(t, err)
	assert.Empty(t, read.Warnings)
	c, err := Combine([]*File{read}, nil)
	require.NoError(t, err)
	assert.Empty(t, c.Missing)
	var got []string
	for _, r := range c.Results {
		b, _ := json.Marshal(r)
		got = append(got, string(b))
	}
	slices.Sort(got)
	assert.Equal(t, want, got)
}

func TestAFailingCollectorStopsTheRun(t *testing.T) {
	p := smallPlan(t)
	sources, err := p.Sources()
	require.NoError(t, err)
	base := runtime.NumGoroutine()
	full := errors.New("disk full")
	n := 0
	err = Run(context.Background(), p, sources, all(p), 2, nil, func(Result) error {
		n++
		return full
	})
	assert.ErrorIs(t, err, full)
	assert.Equal(t, 1, n, "no result is handed over after the failure")
	goroutinesSettle(t, base)
}
