package tournament

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoodResultsFile(t *testing.T) {
	f, err := ReadFile("testdata/results/good.jsonl")
	require.NoError(t, err)
	assert.Empty(t, f.Warnings)
	require.Len(t, f.Results, 2)
	assert.Equal(t, []int{2, 3}, f.Lines)
	assert.Equal(t, []string{"chaser", "sniper"}, f.Plan.Names())
	st, err := os.Stat("testdata/results/good.jsonl")
	require.NoError(t, err)
	assert.Equal(t, st.Size(), f.Complete)
}

// Every damaged file is refused with one line naming the file and the line, or, for a cut-short last line,
// read with a warning.
func TestDamagedResultsFiles(t *testing.T) {
	tests := []struct {
		file string
		want string // in the error
	}{
		{"garbage.jsonl", "garbage.jsonl:3: not a match result"},
		{"unknown-field.jsonl", `:2: not a match result: json: unknown field "winner"`},
		{"wrong-seed.jsonl", ":2: match 1: seed 12345"},
		{"wrong-bots.jsonl", ":2: match 1: bots chaser,chaser, but this tournament's match 1 is sniper,chaser"},
		{"index-out-of-range.jsonl", ":2: match index 99: the tournament has matches 0 to 1"},
		{"negative-index.jsonl", "match index -1"},
		{"bad-placing.jsonl", "placing 7 out of range"},
		{"short-placings.jsonl", "1 placings and 2 scores for 2 bots"},
		{"bad-hash.jsonl", "not 16 hex digits"},
		{"no-header.jsonl", "no-header.jsonl:1: not a tournament results file"},
		{"bad-match-count.jsonl", ":1: the match count 1000000 does not fit"},
		{"other-version.jsonl", ":1: results file version 2"},
		{"two-values.jsonl", "more than one JSON value"},
		{"string-index.jsonl", ":2: not a match result"},
		{"empty.jsonl", "empty.jsonl: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := ReadFile(filepath.Join("testdata/results", tt.file))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestCutShortLastLineIsDroppedWithAWarning(t *testing.T) {
	f, err := ReadFile("testdata/results/truncated.jsonl")
	require.NoError(t, err)
	require.Len(t, f.Results, 1)
	require.Len(t, f.Warnings, 1)
	assert.Contains(t, f.Warnings[0], "truncated.jsonl:3: the last line is cut short")
	data, err := os.ReadFile("testdata/results/truncated.jsonl")
	require.NoError(t, err)
	assert.Equal(t, int64(bytes.LastIndexByte(data, '\n')+1), f.Complete, "appending starts after the last whole line")
}

func TestOverlongLineIsAnError(t *testing.T) {
	good, err := os.ReadFile("testdata/results/good.jsonl")
	require.NoError(t, err)
	header, _, _ := bytes.Cut(good, []byte("\n"))
	long := string(header) + "\n" + `{"index":0,"bots":["` + strings.Repeat("x", MaxLine) + `"]}` + "\n"
	_, err = Parse("long.jsonl", strings.NewReader(long))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "long.jsonl:2: a line longer than")
}

func TestCombine(t *testing.T) {
	read := func(name string) *File {
		f, err := ReadFile(filepath.Join("testdata/results", name))
		require.NoError(t, err)
		return f
	}
	good := read("good.jsonl")

	c, err := Combine([]*File{good, good}, nil)
	require.NoError(t, err)
	assert.Len(t, c.Results, 2)
	assert.Equal(t, 2, c.Duplicates, "the same shard twice counts once")
	assert.Empty(t, c.Missing)
	assert.Equal(t, []int{0, 1}, []int{c.Results[0].Index, c.Results[1].Index}, "sorted by index")

	truncated := read("truncated.jsonl") // holds match 1 only
	c, err = Combine([]*File{truncated}, nil)
	require.NoError(t, err)
	assert.Equal(t, []int{0}, c.Missing)

	_, err = Combine([]*File{good, read("conflict.jsonl")}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "match 1 has two different results: testdata/results/good.jsonl:2 and testdata/results/conflict.jsonl:2")

	_, err = Combine([]*File{good, read("other-tournament.jsonl")}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "another tournament")
}

func TestWriterRefusesToOverwriteResults(t *testing.T) {
	p := smallPlan(t)
	path := filepath.Join(t.TempDir(), "r.jsonl")
	w, err := Create(path, p)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	_, err = Create(path, p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-resume")
}

func TestRanges(t *testing.T) {
	assert.Equal(t, "1-4, 9, 12-13", Ranges([]int{1, 2, 3, 4, 9, 12, 13}, 10))
	assert.Equal(t, "0, 2, ...", Ranges([]int{0, 2, 4, 6}, 2))
	assert.Equal(t, "", Ranges(nil, 3))
}
