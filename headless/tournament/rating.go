package tournament

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// Ratings are fitted with the Plackett–Luce model: entry i has a strength g_i, and a match's placings are read
// as choices, best first: the winner is chosen from all the match's entries with probability g_winner / sum(g),
// the second from those left, and so on. With two entries a match that is Bradley–Terry's model, so duels and
// melee share one fit. Entries that tie (the same place) are chosen from the same set with weight 1/k each,
// Breslow's rule for ties; a tie in a duel is half a win each. The fit is Hunter's MM algorithm (2004), with
// one drawn virtual game per entry against a player of strength 1, so that an entry that never wins or never
// loses still gets a finite rating. Ratings are 400·log10(g), shifted so that the field's mean is 0: a
// difference of 400 means ten-to-one odds in a duel, as in Elo.

// stage is one choice of a match's ranking: the entries still in play, and how many of them (the first
// chosen) share the place chosen now.
type stage struct {
	set    []int
	chosen int
}

// outcome is a match's placings as stages.
type outcome []stage

// outcomeOf turns a result's placings into stages, given each bot's field index.
func outcomeOf(entries []int, placings []int) outcome {
	order := make([]int, len(entries))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return placings[a] - placings[b] })
	var o outcome
	for start := 0; start < len(order)-1; {
		end := start + 1
		for end < len(order) && placings[order[end]] == placings[order[start]] {
			end++
		}
		set := make([]int, 0, len(order)-start)
		for _, k := range order[start:] {
			set = append(set, entries[k])
		}
		o = append(o, stage{set: set, chosen: end - start})
		start = end
	}
	return o
}

// fitOptions bound the MM iterations.
const (
	fitIterations = 2000
	fitTolerance  = 1e-10
	priorGames    = 0.5 // a virtual half win and half loss per entry, against strength 1
)

// fit returns the ratings of n entries from outcomes, each counted weights[k] times (nil: once). Cost:
// O(iterations × total stage size).
func fit(n int, outcomes []outcome, weights []float64) []float64 {
	wins := make([]float64, n)
	for i := range wins {
		wins[i] = priorGames
	}
	for k, o := range outcomes {
		w := weight(weights, k)
		if w == 0 {
			continue
		}
		for _, s := range o {
			for _, e := range s.set[:s.chosen] {
				wins[e] += w / float64(s.chosen)
			}
		}
	}
	g := make([]float64, n)
	for i := range g {
		g[i] = 1
	}
	denom := make([]float64, n)
	for range fitIterations {
		for i := range denom {
			denom[i] = 2 * priorGames / (g[i] + 1)
		}
		for k, o := range outcomes {
			w := weight(weights, k)
			if w == 0 {
				continue
			}
			for _, s := range o {
				sum := 0.0
				for _, e := range s.set {
					sum += g[e]
				}
				for _, e := range s.set {
					denom[e] += w / sum
				}
			}
		}
		change := 0.0
		for i := range g {
			next := wins[i] / denom[i]
			change = math.Max(change, math.Abs(math.Log(next/g[i])))
			g[i] = next
		}
		if change < fitTolerance {
			break
		}
	}
	r := make([]float64, n)
	mean := 0.0
	for i := range g {
		r[i] = 400 * math.Log10(g[i])
		mean += r[i]
	}
	mean /= float64(n)
	for i := range r {
		r[i] -= mean
	}
	return r
}

func weight(weights []float64, k int) float64 {
	if weights == nil {
		return 1
	}
	return weights[k]
}

// Rating is an entry's fitted rating and its 95% interval, the 2.5th and 97.5th percentiles of the ratings
// refitted on bootstrap resamples of the matches.
type Rating struct {
	Rating float64 `json:"rating"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
}

// rate fits the ratings of n entries from outcomes (in match-index order) and their intervals from samples
// bootstrap resamples drawn with a source seeded by seed: the same outcomes and seed give the same intervals.
// With samples 0, the intervals are the rating itself. Cost: samples+1 fits.
func rate(n int, outcomes []outcome, samples int, seed uint64) []Rating {
	// Matches with the same placings count as one outcome with a weight: a duel field has few distinct ones.
	var uniq []outcome
	var counts []float64
	of := make([]int, len(outcomes))
	index := map[string]int{}
	for k, o := range outcomes {
		key := o.key()
		u, ok := index[key]
		if !ok {
			u = len(uniq)
			index[key] = u
			uniq = append(uniq, o)
			counts = append(counts, 0)
		}
		counts[u]++
		of[k] = u
	}
	point := fit(n, uniq, counts)
	out := make([]Rating, n)
	for i := range out {
		out[i] = Rating{Rating: point[i], Low: point[i], High: point[i]}
	}
	if samples <= 0 || len(outcomes) == 0 {
		return out
	}
	rng := rand.New(rand.NewPCG(seed, 0xb0075742))
	draws := make([][]float64, n)
	weights := make([]float64, len(uniq))
	for range samples {
		clear(weights)
		for range outcomes {
			weights[of[rng.IntN(len(outcomes))]]++
		}
		r := fit(n, uniq, weights)
		for i := range r {
			draws[i] = append(draws[i], r[i])
		}
	}
	for i := range out {
		slices.Sort(draws[i])
		out[i].Low = quantile(draws[i], 0.025)
		out[i].High = quantile(draws[i], 0.975)
	}
	return out
}

// key identifies an outcome's stages.
func (o outcome) key() string {
	b := make([]byte, 0, 32)
	for _, s := range o {
		b = strconv.AppendInt(b, int64(s.chosen), 10)
		b = append(b, ':')
		for _, e := range s.set {
			b = strconv.AppendInt(b, int64(e), 10)
			b = append(b, ',')
		}
		b = append(b, ';')
	}
	return string(b)
}

// quantile of sorted xs, interpolating between neighbours.
func quantile(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(xs)-1)
	return xs[lo] + (pos-float64(lo))*(xs[hi]-xs[lo])
}
