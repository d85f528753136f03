package tournament

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match/replay"
)

// -record saves exactly the matches named and those the named bot lost, as replays that play back to the
// same end.
func TestRecordKeepsTheNamedMatchesAndTheLosses(t *testing.T) {
	p := smallPlan(t)
	sources, err := p.Sources()
	require.NoError(t, err)
	rec := &Record{Dir: filepath.Join(t.TempDir(), "replays"), Matches: []int{0, 5}, Lost: "sniper"}
	require.NoError(t, rec.check(p))
	var want []string
	byIndex := map[int]Result{}
	require.NoError(t, Run(context.Background(), p, sources, all(p), 2, rec, func(r Result) error {
		byIndex[r.Index] = r
		k := slices.Index(r.Bots, "sniper")
		lost := k >= 0 && slices.ContainsFunc(r.Placings, func(pl int) bool { return pl < r.Placings[k] })
		if lost || r.Index == 0 || r.Index == 5 {
			want = append(want, filepath.Base(rec.Path(r.Index)))
		}
		return nil
	}))
	entries, err := os.ReadDir(rec.Dir)
	require.NoError(t, err)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, want, got)
	assert.Greater(t, len(got), 2, "sniper lost some matches")

	rep, err := replay.Load(rec.Path(5))
	require.NoError(t, err)
	assert.Equal(t, MatchSeed(p.Seed, 5), rep.Match.Seed)
	assert.Equal(t, byIndex[5].StateHash, rep.End.String(), "the replay ends where the match did")
	assert.Equal(t, byIndex[5].Ticks, rep.End.Tick)
}

func TestRecordNeedsABotOfTheField(t *testing.T) {
	rec := &Record{Dir: t.TempDir(), Lost: "nobody"}
	err := rec.check(smallPlan(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `-record-lost "nobody"`)
}
