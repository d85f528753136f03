package replay

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
	"stackarena/match"
)

func TestARecordedMatchReplaysToTheSameHashes(t *testing.T) {
	rep := roundTrip(t, record(t, withStar(), person, 0))
	require.NotEmpty(t, rep.Hashes)
	require.NotEmpty(t, rep.Inputs)
	require.Len(t, rep.Scripts, 1)
	assert.Contains(t, rep.Scripts[0].Source, "def ")

	s, err := NewSim(rep)
	require.NoError(t, err)
	defer s.Close()
	checked := 0
	for !s.Done() {
		require.NoError(t, s.Step())
		if s.Tick()%HashEvery == 0 {
			checked++
		}
	}
	assert.Equal(t, rep.End.Tick, s.Tick())
	assert.Equal(t, rep.End.Hash, s.World().Hash())
	assert.Equal(t, len(rep.Hashes), checked)
	assert.Nil(t, s.Mismatch())
}

// firstDivergence steps a replay and a tampered copy side by side and returns the first tick whose state hash
// differs (0 if none).
func firstDivergence(t *testing.T, a, b *Replay) uint64 {
	sa, err := NewSim(a)
	require.NoError(t, err)
	defer sa.Close()
	sb, err := NewSim(b)
	require.NoError(t, err)
	defer sb.Close()
	for !sa.Done() && !sb.World().Over() {
		require.NoError(t, sa.Step())
		sb.Step() // the tampered one reports mismatches: the hash comparison below is the judge
		if sa.World().Hash() != sb.World().Hash() {
			return sa.Tick()
		}
	}
	return 0
}

func TestVerifyCatchesATamperedReplayAtTheRightTick(t *testing.T) {
	orig := record(t, withStar(), person, 0)
	tests := []struct {
		name   string
		tamper func(t *testing.T, r *Replay)
	}{
		{"an input changed", func(t *testing.T, r *Replay) {
			for i, in := range r.Inputs {
				if in.Source == SourcePlayer && in.Tick > 250 {
					r.Inputs[i].Data = json.RawMessage(`{"keys":"BL","aim":[10,10],"fire":true}`)
					return
				}
			}
			t.Fatal("no input after tick 250 to tamper with")
		}},
		{"a script edited", func(t *testing.T, r *Replay) {
			src := r.Scripts[0].Source
			edited := strings.Replace(src, "bot.shoot(3 if", "bot.shoot(0.5 if", 1)
			require.NotEqual(t, src, edited, "the script has no shot to edit")
			r.Scripts[0].Source = edited
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := roundTrip(t, orig)
			tc.tamper(t, bad)
			bad = roundTrip(t, bad)
			diverged := firstDivergence(t, orig, bad)
			require.NotZero(t, diverged, "the tampering changed nothing")
			want := (diverged + HashEvery - 1) / HashEvery * HashEvery
			want = min(want, orig.End.Tick)

			s, err := NewSim(bad)
			require.NoError(t, err)
			defer s.Close()
			err = s.Run(0)
			var mm *Mismatch
			require.ErrorAs(t, err, &mm)
			assert.Equal(t, want, mm.Tick, "diverged at tick %d", diverged)
			assert.Contains(t, err.Error(), "tick ")
		})
	}
}

func TestNewSimRefusesAReplayOfOtherRules(t *testing.T) {
	rep := record(t, withStar(), nil, 50)
	rep.Rules = engine.RulesVersion + 1
	_, err := NewSim(rep)
	var re *RulesError
	require.True(t, errors.As(err, &re))
	assert.Contains(t, err.Error(), "rules version")
}

func TestABranchReplaysItsPrefixThenItsOwnInputs(t *testing.T) {
	rep := record(t, withStar(), person, 600)
	s, err := NewSim(rep)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Run(300))
	rec := s.Branch("orig.replay")
	for s.Tick() < 500 && !s.World().Over() {
		*s.PlayerInput() = person(s.Tick() + 1000)
		rec.Player(*s.PlayerInput())
		require.NoError(t, s.World().Step())
		rec.Stepped()
	}
	branch := roundTrip(t, rec.Replay())
	assert.Equal(t, "orig.replay at tick 300", branch.From)
	b, err := NewSim(branch)
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Run(0))
	assert.Equal(t, s.World().Hash(), b.World().Hash())
	assert.Equal(t, s.Tick(), b.Tick())
}

// A script reloaded mid-match (the desktop's F5) is an input: the re-simulation restarts the same bots with the
// same source at the same tick, and lands on the same hashes.
func TestAReloadReplays(t *testing.T) {
	file := "../../bots/star/examples/hunter.star"
	cfg := withStar()
	m, err := match.Build(cfg, match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	rec := NewRecorder(m, "")
	edited := []byte(strings.Replace(string(m.Sources[file]), "bot.shoot(3 if", "bot.shoot(0.5 if", 1))
	for !m.World.Over() && m.World.Tick() < 900 {
		if m.World.Tick() == 300 {
			require.NoError(t, Reload(m.Config.Bots, m.Bots, file, edited))
			rec.Reload(file, edited)
		}
		require.NoError(t, m.World.Step())
		rec.Stepped()
	}
	rep := roundTrip(t, rec.Replay())
	require.Len(t, rep.Inputs, 1)
	assert.Equal(t, uint64(301), rep.Inputs[0].Tick)

	s, err := NewSim(rep)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Run(0))
	assert.Equal(t, m.World.Hash(), s.World().Hash())
	last := s.Match().Bots[len(s.Match().Bots)-1]
	assert.Contains(t, strings.Join(s.World().Bot(last.ID()).Console(), "\n"), "reloaded "+file)

	// Without the reload, the match is another from tick 301 on.
	rep.Inputs = nil
	s2, err := NewSim(rep)
	require.NoError(t, err)
	defer s2.Close()
	var mm *Mismatch
	require.ErrorAs(t, s2.Run(0), &mm)
	assert.GreaterOrEqual(t, mm.Tick, uint64(400))
}
