package tournament

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// PlotFiles are the files WritePlots writes in its directory.
var PlotFiles = []string{"ranking.png", "ranking.svg", "winrate.png", "winrate.svg"}

// WritePlots draws the standings into dir (made if missing): the ranking, each bot's rating with its 95%
// interval, best at the top (ranking.png, .svg), and the win-rate heat map, rows and columns in ranking order
// (winrate.png, .svg). Pure Go (gonum.org/v1/plot): no cgo. Any goroutine; tens of milliseconds.
func WritePlots(dir string, s Standings) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ranking, err := rankingPlot(s)
	if err != nil {
		return err
	}
	heat, err := winRatePlot(s)
	if err != nil {
		return err
	}
	n := vg.Length(len(s.Ranking))
	for _, f := range []struct {
		p    *plot.Plot
		name string
		w, h vg.Length
	}{
		{ranking, "ranking", 16 * vg.Centimeter, 3*vg.Centimeter + n*0.8*vg.Centimeter},
		{heat, "winrate", 6*vg.Centimeter + n*1.6*vg.Centimeter, 4*vg.Centimeter + n*1.2*vg.Centimeter},
	} {
		for _, ext := range []string{".png", ".svg"} {
			if err := f.p.Save(f.w, f.h, filepath.Join(dir, f.name+ext)); err != nil {
				return err
			}
		}
	}
	return nil
}

// intervals are the ranking's points (rating, row) with their interval, for XErrorBars.
type intervals []Row

func (iv intervals) Len() int { return len(iv) }
func (iv intervals) XY(i int) (float64, float64) {
	return iv[i].Rating.Rating, float64(len(iv) - 1 - i)
}
func (iv intervals) XError(i int) (float64, float64) {
	return iv[i].Rating.Rating - iv[i].Low, iv[i].High - iv[i].Rating.Rating
}

func rankingPlot(s Standings) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s tournament, %d matches: ratings with 95%% intervals", s.Format, s.Matches)
	p.X.Label.Text = "rating (400 = ten-to-one odds in a duel)"
	p.Add(plotter.NewGrid())
	iv := intervals(s.Ranking)
	bars, err := plotter.NewXErrorBars(iv)
	if err != nil {
		return nil, err
	}
	points, err := plotter.NewScatter(iv)
	if err != nil {
		return nil, err
	}
	points.Color = color.RGBA{R: 200, A: 255}
	p.Add(bars, points)
	if len(iv) > 0 { // room beyond the widest interval, so that its caps show
		lo, hi := iv[0].Low, iv[0].High
		for _, r := range iv {
			lo, hi = math.Min(lo, r.Low), math.Max(hi, r.High)
		}
		pad := 0.08*(hi-lo) + 10
		p.X.Min, p.X.Max = lo-pad, hi+pad
	}
	names := make([]string, len(s.Ranking))
	for i, r := range s.Ranking {
		names[len(names)-1-i] = r.Name
	}
	p.NominalY(names...)
	return p, nil
}

// winGrid is the win-rate matrix in ranking order, best at the top row, as a heat map's grid.
type winGrid struct {
	s     Standings
	order []int
}

func (g winGrid) Dims() (int, int) { return len(g.order), len(g.order) }
func (g winGrid) X(c int) float64  { return float64(c) }
func (g winGrid) Y(r int) float64  { return float64(r) }
func (g winGrid) Min() float64     { return 0 }
func (g winGrid) Max() float64     { return 1 }
func (g winGrid) Z(c, r int) float64 {
	n := len(g.order)
	v := g.s.WinRate[g.order[n-1-r]][g.order[c]]
	if v < 0 {
		return math.NaN() // the diagonal, and pairs that never met
	}
	return v
}

func winRatePlot(s Standings) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "win rate: row bot placed above column bot"
	g := winGrid{s: s, order: s.rankOrder()}
	heat := plotter.NewHeatMap(g, moreland.SmoothBlueRed().Palette(101))
	heat.NaN = color.Gray{Y: 230}
	p.Add(heat)
	var labels plotter.XYLabels
	n := len(g.order)
	for r := range n {
		for c := range n {
			if z := g.Z(c, r); !math.IsNaN(z) {
				labels.XYs = append(labels.XYs, plotter.XY{X: float64(c), Y: float64(r)})
				labels.Labels = append(labels.Labels, fmt.Sprintf("%.2f", z))
			}
		}
	}
	if len(labels.Labels) > 0 {
		text, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for i := range text.TextStyle {
			text.TextStyle[i].XAlign = -0.5
			text.TextStyle[i].YAlign = -0.5
		}
		p.Add(text)
	}
	cols := make([]string, n)
	rows := make([]string, n)
	for i, f := range g.order {
		cols[i] = s.Names[f]
		rows[n-1-i] = s.Names[f]
	}
	p.NominalX(cols...)
	p.NominalY(rows...)
	return p, nil
}
