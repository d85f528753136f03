package replay

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
)

func TestHostileAndBadFilesAreOneLineErrors(t *testing.T) {
	tests := []struct {
		file string
		want string
	}{
		{"truncated.replay.gz", "truncated"},
		{"no-end.replay.gz", "truncated after line 16: no end line"},
		{"long-line.replay.gz", ":2: a line longer than 8 MiB"},
		{"bomb.replay.gz", "larger than 64 MiB once decompressed"},
		{"absurd-bots.replay", "at most 200000"},
		{"absurd-ticks.replay", "a replay may last at most 10000000"},
		{"tick-beyond-match.replay", ":2: tick 999999999: the match ends at tick 20000"},
		{"bad-hash.replay", `:2: hash "not-a-hash-at-all": want 16 hex digits`},
		{"unknown-source.replay", `:2: input from "telepathy": not an input source`},
		{"not-a-replay.replay", ":1: not a replay header"},
		{"future-version.replay", "replay format version 99: this program reads version 1"},
		{"missing-script.replay", "bot ghost.star: its source is missing"},
		{"garbage.replay", ":1: not a replay header"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			_, err := Load(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), path), "the error names the file: %v", err)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

func TestAReplayOfOtherRulesIsReadButNotPlayed(t *testing.T) {
	rep, err := Load(filepath.Join("testdata", "other-rules.replay"))
	require.NoError(t, err)
	_, err = NewSim(rep)
	var re *RulesError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 0, re.Replay)
}

func TestAFileIsGzipJSONLines(t *testing.T) {
	rep := record(t, withStar(), person, 300)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, rep))
	zr, err := gzip.NewReader(&buf)
	require.NoError(t, err)
	text, err := io.ReadAll(zr)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	assert.True(t, strings.HasPrefix(lines[0], `{"format":"stackarena-replay","version":1,"rules":`), lines[0])
	assert.Contains(t, lines[1], `{"k":"in","t":1,"s":"player","d":{`)
	assert.Contains(t, string(text), `{"k":"hash","t":100,"h":"`)
	assert.True(t, strings.HasPrefix(lines[len(lines)-1], `{"k":"end","t":300,"h":"`), lines[len(lines)-1])

	// Uncompressed, as a reader may leave it after zcat, it reads the same.
	plain, err := Read("plain", bytes.NewReader(text))
	require.NoError(t, err)
	assert.Equal(t, rep, plain)
}

func TestThePlayersInputsEncodeAsJSONWould(t *testing.T) {
	for tick := uint64(1); tick < 400; tick += 7 {
		in := person(tick)
		in.AimX += 0.5
		want, err := json.Marshal(encodePlayer(in))
		require.NoError(t, err)
		assert.JSONEq(t, string(want), string(appendPlayer(nil, in)))
		back, err := decodePlayer(appendPlayer(nil, in))
		require.NoError(t, err)
		assert.Equal(t, in, back)
	}
	assert.Equal(t, `{}`, string(appendPlayer(nil, bots.PlayerInput{Power: 1})))
}
