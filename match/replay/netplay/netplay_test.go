package netplay

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
	"stackarena/match/replay"
)

// TestHostileArrivalsAreRefused reads testdata/hostile.jsonl, one net input per line, each of which a replay
// file could hold and none of which may reach a remote bot's tasklet: each is refused with a one-line error.
func TestHostileArrivalsAreRefused(t *testing.T) {
	data, err := os.ReadFile("testdata/hostile.jsonl")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.NotEmpty(t, lines)
	for _, l := range lines {
		_, err := decodeArrival(json.RawMessage(l), 2)
		if assert.Error(t, err, l) {
			assert.NotContains(t, err.Error(), "\n")
		}
	}
	var opt match.Options
	err = build([]string{"a", "b"}, []replay.Input{{Tick: 1, Source: replay.SourceNet, Data: json.RawMessage(lines[0])}}, &opt)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "net input 1 (tick 1)")
}

func TestArrivalsBuildTheRemoteBots(t *testing.T) {
	good := []replay.Input{
		{Tick: 1, Source: replay.SourceNet, Data: json.RawMessage(`{"tick":1,"bot":0,"command":{"cmd":"forward","distance":10}}`)},
		{Tick: 1, Source: replay.SourceNet, Data: json.RawMessage(`{"tick":1,"bot":1,"gone":"connection lost"}`)},
	}
	var opt match.Options
	require.NoError(t, build([]string{"a", "b"}, good, &opt))
	require.Len(t, opt.Extra, 2)
	assert.Equal(t, "b", opt.Extra[1].Name)
	assert.NotNil(t, opt.Gate)
}
