package match

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"stackarena/engine"
)

// Report is a match's result and figures, for people (WriteText) and programs (JSON).
type Report struct {
	Winner            string     `json:"winner"`   // "" when no bot is left, or the match was stopped early
	Finished          bool       `json:"finished"` // the match ended by its rules, not stopped early
	Seed              uint64     `json:"seed"`
	Ticks             uint64     `json:"ticks"`
	Seconds           float64    `json:"seconds"`
	TicksPerSecond    float64    `json:"ticks_per_second"`
	ActorsPeak        int        `json:"actors_peak"`
	Switches          uint64     `json:"switches"`
	SwitchesPerSecond float64    `json:"switches_per_second"`
	PeakMemoryBytes   uint64     `json:"peak_memory_bytes"`
	StateHash         string     `json:"state_hash"`
	Ranking           []Standing `json:"ranking"`
	ScriptErrors      []string   `json:"script_errors,omitempty"`
}

// Standing is one bot's line in the ranking.
type Standing struct {
	Place    int     `json:"place"`
	Name     string  `json:"name"`
	Alive    bool    `json:"alive"`
	Energy   float64 `json:"energy"`
	Kills    int     `json:"kills"`
	Damage   float64 `json:"damage"`
	Survived uint64  `json:"survived_ticks"`
	Shots    int     `json:"shots"`
	Hits     int     `json:"hits"`
	Cause    string  `json:"cause,omitempty"`
}

// NewReport reads the finished (or stopped) World; elapsed is the wall time the match took and peakMemory the
// most memory the process held, both measured by the caller (the simulation never reads the clock).
func NewReport(w engine.View, elapsed time.Duration, peakMemory uint64) Report {
	r := Report{
		Finished:        w.Over(),
		Seed:            w.Seed(),
		Ticks:           w.Tick(),
		Seconds:         elapsed.Seconds(),
		ActorsPeak:      w.PeakActors(),
		Switches:        w.Switches(),
		PeakMemoryBytes: peakMemory,
		StateHash:       fmt.Sprintf("%016x", w.Hash()),
	}
	if s := elapsed.Seconds(); s > 0 {
		r.TicksPerSecond = float64(r.Ticks) / s
		r.SwitchesPerSecond = float64(r.Switches) / s
	}
	for _, st := range w.Ranking() {
		b := st.Bot
		survived := b.DeathTick()
		if b.Alive() {
			survived = w.Tick()
		}
		r.Ranking = append(r.Ranking, Standing{Place: st.Place, Name: b.Name(), Alive: b.Alive(), Energy: b.Energy(),
			Kills: b.Kills(), Damage: b.DamageDealt(), Survived: survived, Shots: b.Shots(), Hits: b.Hits(), Cause: b.Cause()})
	}
	if w.Over() && len(r.Ranking) > 0 && r.Ranking[0].Alive {
		r.Winner = r.Ranking[0].Name // an interrupted match has no winner yet
	}
	for _, e := range w.ScriptErrors() {
		r.ScriptErrors = append(r.ScriptErrors, e.Err.Error())
	}
	return r
}

// WriteText writes the report as a short table: the winner, the top of the ranking (all of it when it is short)
// and the figures.
func (r Report) WriteText(out io.Writer, top int) {
	switch {
	case !r.Finished:
		fmt.Fprintf(out, "no winner yet: the match was stopped after %d ticks (seed %d)\n\n", r.Ticks, r.Seed)
	case r.Winner == "":
		fmt.Fprintf(out, "winner: nobody (no bot survived) after %d ticks (seed %d)\n\n", r.Ticks, r.Seed)
	default:
		fmt.Fprintf(out, "winner: %s after %d ticks (seed %d)\n\n", r.Winner, r.Ticks, r.Seed)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "place\tbot\tenergy\tkills\tdamage\tsurvived\tshots\thits\t")
	shown := r.Ranking
	if top > 0 && len(shown) > top {
		shown = shown[:top]
	}
	for _, s := range shown {
		fmt.Fprintf(tw, "%d\t%s\t%.1f\t%d\t%.1f\t%d\t%d\t%d\t\n", s.Place, s.Name, s.Energy, s.Kills, s.Damage, s.Survived, s.Shots, s.Hits)
	}
	tw.Flush()
	if len(r.Ranking) > len(shown) {
		fmt.Fprintf(out, "... and %d more\n", len(r.Ranking)-len(shown))
	}
	fmt.Fprintf(out, "\n%d ticks in %.2fs: %.0f ticks/s, %d actors at peak, %.0f tasklet switches/s, peak memory %s\n",
		r.Ticks, r.Seconds, r.TicksPerSecond, r.ActorsPeak, r.SwitchesPerSecond, bytesString(r.PeakMemoryBytes))
	fmt.Fprintf(out, "state hash %s\n", r.StateHash)
	if len(r.ScriptErrors) > 0 {
		fmt.Fprintf(out, "\n%d script errors:\n  %s\n", len(r.ScriptErrors), strings.Join(r.ScriptErrors, "\n  "))
	}
}

func bytesString(n uint64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KiB", n>>10)
	}
}
