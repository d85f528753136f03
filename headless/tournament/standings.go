package tournament

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Standings are what a set of results says about the field: the ranking with intervals, who beats whom, and
// what each entry did on average. They follow from the plan and the set of results alone (not their order, nor
// the runs or files they came from).
type Standings struct {
	Format    string `json:"format"`
	Seed      uint64 `json:"seed"`
	Matches   int    `json:"matches"` // results the standings are made of
	Planned   int    `json:"planned"` // matches in the plan
	Bootstrap int    `json:"bootstrap"`
	Ranking   []Row  `json:"ranking"` // best first
	// Names are the entries in field order; WinRate[i][j] is how often Names[i] placed above Names[j] in the
	// matches they both played (a tie counts half), -1 when they never met.
	Names   []string    `json:"names"`
	WinRate [][]float64 `json:"win_rate"`
	// Met[i][j] is the number of matches Names[i] and Names[j] both played.
	Met [][]int `json:"met"`
}

// Row is an entry's line of the ranking.
type Row struct {
	Rank int    `json:"rank"`
	Name string `json:"name"`
	Rating
	Matches   int     `json:"matches"`
	Wins      int     `json:"wins"` // first places, shared ones included
	MeanPlace float64 `json:"mean_place"`
	// Means per match, summed over the entry's copies.
	Energy   float64 `json:"energy"`
	Kills    float64 `json:"kills"`
	Damage   float64 `json:"damage"`
	Survived float64 `json:"survived"`
	Shots    float64 `json:"shots"`
	Hits     float64 `json:"hits"`
	Accuracy float64 `json:"accuracy"` // hits per shot over all matches
}

// DefaultBootstrap is the number of bootstrap resamples for the intervals.
const DefaultBootstrap = 200

// Analyze computes the standings of results (checked against p, as Parse does) with samples bootstrap
// resamples seeded by the plan's seed. Deterministic: the results are taken in index order. Any goroutine;
// O(results × field) plus samples+1 rating fits (a fit is O(iterations × distinct placings)).
func Analyze(p *Plan, results []Result, samples int) Standings {
	results = slices.Clone(results)
	slices.SortFunc(results, func(a, b Result) int { return cmp.Compare(a.Index, b.Index) })
	n := len(p.Field)
	st := Standings{Format: p.Format, Seed: p.Seed, Matches: len(results), Planned: p.Matches, Bootstrap: samples,
		Names: p.Names(), WinRate: make([][]float64, n), Met: make([][]int, n)}
	above := make([][]float64, n)
	for i := range n {
		st.WinRate[i] = make([]float64, n)
		st.Met[i] = make([]int, n)
		above[i] = make([]float64, n)
	}
	rows := make([]Row, n)
	shots, hits := make([]int, n), make([]int, n) // totals, for accuracy
	outcomes := make([]outcome, 0, len(results))
	for _, r := range results {
		entries := p.Pairing(r.Index).Entries
		outcomes = append(outcomes, outcomeOf(entries, r.Placings))
		for k, e := range entries {
			row := &rows[e]
			sc := r.Scores[k]
			row.Matches++
			if r.Placings[k] == 1 {
				row.Wins++
			}
			row.MeanPlace += float64(r.Placings[k])
			row.Energy += sc.Energy
			row.Kills += float64(sc.Kills)
			row.Damage += sc.Damage
			row.Survived += float64(sc.Survived)
			row.Shots += float64(sc.Shots)
			row.Hits += float64(sc.Hits)
			shots[e] += sc.Shots
			hits[e] += sc.Hits
			for j, f := range entries {
				if j == k {
					continue
				}
				st.Met[e][f]++
				switch {
				case r.Placings[k] < r.Placings[j]:
					above[e][f]++
				case r.Placings[k] == r.Placings[j]:
					above[e][f] += 0.5
				}
			}
		}
	}
	ratings := rate(n, outcomes, samples, p.Seed)
	for i := range rows {
		row := &rows[i]
		row.Name = p.Field[i].Name
		row.Rating = ratings[i]
		if m := float64(row.Matches); m > 0 {
			row.MeanPlace /= m
			row.Energy /= m
			row.Kills /= m
			row.Damage /= m
			row.Survived /= m
			row.Shots /= m
			row.Hits /= m
		}
		if shots[i] > 0 {
			row.Accuracy = float64(hits[i]) / float64(shots[i])
		}
		for j := range n {
			st.WinRate[i][j] = -1
			if st.Met[i][j] > 0 {
				st.WinRate[i][j] = above[i][j] / float64(st.Met[i][j])
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(-cmp.Compare(a.Rating.Rating, b.Rating.Rating), cmp.Compare(a.Name, b.Name))
	})
	for i := range rows {
		rows[i].Rank = i + 1
	}
	st.Ranking = rows
	return st
}

// WriteText writes the ranking, the win-rate matrix and the score summaries as aligned tables.
func (s Standings) WriteText(out io.Writer) {
	fmt.Fprintf(out, "%s tournament, seed %d: %d of %d matches, ratings with 95%% intervals from %d bootstrap resamples\n\n",
		s.Format, s.Seed, s.Matches, s.Planned, s.Bootstrap)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rank\tbot\trating\t95% interval\tmatches\twins\tmean place\t")
	for _, r := range s.Ranking {
		fmt.Fprintf(tw, "%d\t%s\t%.0f\t[%.0f, %.0f]\t%d\t%d\t%.2f\t\n", r.Rank, r.Name, r.Rating.Rating, r.Low, r.High, r.Matches, r.Wins, r.MeanPlace)
	}
	tw.Flush()

	fmt.Fprint(out, "\nwin rate: how often the row's bot placed above the column's (ties count half)\n\n")
	order := s.rankOrder()
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{""}
	for _, j := range order {
		head = append(head, s.Names[j])
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, i := range order {
		cells := []string{s.Names[i]}
		for _, j := range order {
			switch {
			case i == j:
				cells = append(cells, "")
			case s.WinRate[i][j] < 0:
				cells = append(cells, "-")
			default:
				cells = append(cells, fmt.Sprintf("%.2f", s.WinRate[i][j]))
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()

	fmt.Fprint(out, "\nscores: means per match (summed over a bot's copies); accuracy is hits per shot\n\n")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "bot\tenergy\tkills\tdamage\tsurvived\tshots\thits\taccuracy\t")
	for _, r := range s.Ranking {
		fmt.Fprintf(tw, "%s\t%.1f\t%.2f\t%.1f\t%.0f\t%.1f\t%.1f\t%.2f\t\n", r.Name, r.Energy, r.Kills, r.Damage, r.Survived, r.Shots, r.Hits, r.Accuracy)
	}
	tw.Flush()
}

// rankOrder is the field indices in ranking order.
func (s Standings) rankOrder() []int {
	order := make([]int, 0, len(s.Ranking))
	for _, r := range s.Ranking {
		order = append(order, slices.Index(s.Names, r.Name))
	}
	return order
}
