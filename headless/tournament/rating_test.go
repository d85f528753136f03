package tournament

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Outcomes drawn from a Plackett–Luce model with known strengths give back those strengths, within the
// sampling error, for duels (Bradley–Terry) and for four-bot melees.
func TestFitRecoversKnownStrengths(t *testing.T) {
	strength := []float64{1, 2, 4, 8} // 400·log10: 0, 120, 241, 361, minus their mean
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{2, 4} {
		var outcomes []outcome
		for range 4000 {
			entries := rng.Perm(4)[:size]
			// Draw a PL ranking: repeatedly pick among the rest in proportion to strength.
			rest := append([]int(nil), entries...)
			placings := make([]int, size)
			for place := 1; len(rest) > 0; place++ {
				sum := 0.0
				for _, e := range rest {
					sum += strength[e]
				}
				x := rng.Float64() * sum
				k := 0
				for ; k < len(rest)-1 && x >= strength[rest[k]]; k++ {
					x -= strength[rest[k]]
				}
				for j, e := range entries {
					if e == rest[k] {
						placings[j] = place
					}
				}
				rest = append(rest[:k], rest[k+1:]...)
			}
			outcomes = append(outcomes, outcomeOf(entries, placings))
		}
		r := rate(4, outcomes, 0, 1)
		mean := 0.0
		for _, s := range strength {
			mean += 400 * math.Log10(s)
		}
		mean /= 4
		for i, s := range strength {
			assert.InDelta(t, 400*math.Log10(s)-mean, r[i].Rating, 25, "size %d, entry %d", size, i)
		}
	}
}

func TestTiesCountHalf(t *testing.T) {
	// a beats b twice, loses once, ties once: 2.5 wins of 4; b the rest.
	outcomes := []outcome{
		outcomeOf([]int{0, 1}, []int{1, 2}),
		outcomeOf([]int{1, 0}, []int{2, 1}),
		outcomeOf([]int{0, 1}, []int{2, 1}),
		outcomeOf([]int{0, 1}, []int{1, 1}),
	}
	r := fit(2, outcomes, nil)
	// With the prior's virtual draw against strength 1, the MLE is not exactly log(2.5/1.5); check its sign
	// and that a tie moves it as half a win does.
	assert.Greater(t, r[0], 0.0)
	halves := fit(2, []outcome{outcomes[0], outcomes[1], outcomes[2], outcomeOf([]int{0, 1}, []int{1, 2}), outcomeOf([]int{0, 1}, []int{2, 1})}, []float64{1, 1, 1, 0.5, 0.5})
	assert.InDelta(t, halves[0], r[0], 1e-6)
}

func TestBootstrapIsDeterministic(t *testing.T) {
	var outcomes []outcome
	for i := range 50 {
		outcomes = append(outcomes, outcomeOf([]int{i % 3, (i + 1) % 3}, []int{1 + i%2, 2 - i%2}))
	}
	assert.Equal(t, rate(3, outcomes, 50, 7), rate(3, outcomes, 50, 7))
	assert.NotEqual(t, rate(3, outcomes, 50, 7), rate(3, outcomes, 50, 8))
}

// A field with a planted order: chaser, sniper and dodger aim; the idle bot never shoots (it only waits to be
// hit); wild fires at random and wastes its energy, so that it dies before the idle bot does (firing costs
// energy, docs/RULES.md). The ratings must put them in that order, and the intervals must narrow as rounds
// grow. The arena is open and large enough that the aiming bots' matches among themselves are not one-sided.
func TestRatingsRecoverAPlantedOrder(t *testing.T) {
	arena := openMap(t)
	arena.Width, arena.Height = 1300, 900
	width := func(rounds int) (Standings, float64) {
		p, err := NewPlan(Duel, specs("testdata/wild.star", "testdata/idle.star", "dodger", "sniper", "chaser"), rounds, 0, 5, arena)
		require.NoError(t, err)
		sources, err := p.Sources()
		require.NoError(t, err)
		var results []Result
		require.NoError(t, Run(context.Background(), p, sources, all(p), 0, nil, func(r Result) error {
			results = append(results, r)
			return nil
		}))
		st := Analyze(p, results, 100)
		w := 0.0
		for _, r := range st.Ranking {
			assert.LessOrEqual(t, r.Low, r.Rating.Rating)
			assert.GreaterOrEqual(t, r.High, r.Rating.Rating)
			w += r.High - r.Low
		}
		return st, w / float64(len(st.Ranking))
	}
	few, fewWidth := width(2)
	many, manyWidth := width(16)
	for _, st := range []Standings{few, many} {
		rating := map[string]float64{}
		for _, r := range st.Ranking {
			rating[r.Name] = r.Rating.Rating
		}
		assert.Greater(t, rating["idle"], rating["wild"], "%d matches: the idle bot outlives the random shooter", st.Matches)
		assert.Greater(t, rating["sniper"], rating["idle"], "%d matches: aiming beats sitting", st.Matches)
		assert.Greater(t, rating["chaser"], rating["idle"], "%d matches", st.Matches)
		assert.Greater(t, rating["dodger"], rating["idle"], "%d matches", st.Matches)
	}
	t.Logf("mean 95%% interval: %.0f with %d matches, %.0f with %d", fewWidth, few.Matches, manyWidth, many.Matches)
	assert.Less(t, manyWidth, 0.7*fewWidth, "8 times the matches: the intervals narrow")
}
