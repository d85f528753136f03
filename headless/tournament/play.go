package tournament

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"stackarena/match"
	"stackarena/match/replay"
)

// Result is one finished match, as one line of a results file. Everything in it follows from the plan and the
// index (no wall time), so the same match gives the same line on any machine, worker count or run.
type Result struct {
	Index     int      `json:"index"`
	Seed      uint64   `json:"seed"`
	Bots      []string `json:"bots"`     // the entries' names, in spawn order
	Placings  []int    `json:"placings"` // Placings[k] is Bots[k]'s place: 1 is best, tied entries share a place
	Scores    []Score  `json:"scores"`   // Scores[k] is Bots[k]'s, summed over its copies
	Ticks     uint64   `json:"ticks"`
	StateHash string   `json:"state_hash"`
	// ScriptErrors counts the scripts that failed (each failure kills its bot only).
	ScriptErrors int `json:"script_errors,omitempty"`
}

// Score is what an entry did in a match, summed over its copies.
type Score struct {
	Energy   float64 `json:"energy"`
	Kills    int     `json:"kills"`
	Damage   float64 `json:"damage"`
	Survived uint64  `json:"survived"` // ticks, the longest-lived copy's
	Shots    int     `json:"shots"`
	Hits     int     `json:"hits"`
}

// standing is how an entry did, for placing: its best copy's (alive, ticks survived, kills, damage), the
// engine's own ranking keys.
type standing struct {
	alive    bool
	survived uint64
	kills    int
	damage   float64
}

func (a standing) better(b standing) bool {
	if a.alive != b.alive {
		return a.alive
	}
	if a.survived != b.survived {
		return a.survived > b.survived
	}
	if a.kills != b.kills {
		return a.kills > b.kills
	}
	return a.damage > b.damage
}

// checkEvery is how many ticks a match runs between looks at its context.
const checkEvery = 256

// PlayMatch builds match pr of the plan, steps it to its end and returns its result. sources are the plan's
// .star sources, from Plan.Sources; rec (nil: none) says whether to save the match as a replay file. It runs on the calling goroutine, which drives the match's World alone; the World is closed
// before it returns. It returns ctx's error, and no result, when ctx is done before the match ends.
// Cost: the match's ticks, about a millisecond for a duel on the default map.
func PlayMatch(ctx context.Context, p *Plan, sources map[string][]byte, pr Pairing, rec *Record) (Result, error) {
	m, err := match.Build(p.Config(pr), match.Options{Sources: sources})
	if err != nil {
		return Result{}, fmt.Errorf("match %d: %w", pr.Index, err)
	}
	w := m.World
	defer w.Close()
	var recorder *replay.Recorder
	if rec.wants(p, pr) {
		recorder = replay.NewRecorder(m, "")
	}
	for !w.Over() {
		if err := w.Step(); err != nil {
			return Result{}, fmt.Errorf("match %d, tick %d: %w", pr.Index, w.Tick(), err)
		}
		if recorder != nil {
			recorder.Stepped()
		}
		if w.Tick()%checkEvery == 0 && ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
	}
	r := Result{Index: pr.Index, Seed: pr.Seed, Ticks: w.Tick(), StateHash: fmt.Sprintf("%016x", w.Hash()),
		ScriptErrors: len(w.ScriptErrors())}
	best := make([]standing, len(pr.Entries))
	bodies := w.Bots() // in spawn order: each entry's copies, entry after entry
	at := 0
	for k, e := range pr.Entries {
		r.Bots = append(r.Bots, p.Field[e].Name)
		var s Score
		for c := range p.Field[e].Count {
			b := bodies[at]
			at++
			st := standing{alive: b.Alive(), survived: b.DeathTick(), kills: b.Kills(), damage: b.DamageDealt()}
			if b.Alive() {
				st.survived = w.Tick()
			}
			if c == 0 || st.better(best[k]) {
				best[k] = st
			}
			s.Energy += b.Energy()
			s.Kills += b.Kills()
			s.Damage += b.DamageDealt()
			s.Survived = max(s.Survived, st.survived)
			s.Shots += b.Shots()
			s.Hits += b.Hits()
		}
		r.Scores = append(r.Scores, s)
	}
	for k := range best {
		place := 1
		for j := range best {
			if best[j].better(best[k]) {
				place++
			}
		}
		r.Placings = append(r.Placings, place)
	}
	if recorder != nil && rec.keeps(r) {
		if err := rec.save(r.Index, recorder); err != nil {
			return Result{}, fmt.Errorf("match %d: -record: %w", r.Index, err)
		}
	}
	return r, nil
}

// DefaultWorkers is the number of workers Run uses when asked for 0: one per core.
func DefaultWorkers() int { return runtime.GOMAXPROCS(0) }

// Run plays the listed matches of the plan on workers goroutines (0: DefaultWorkers), each playing whole matches
// on a World of its own (and saving those rec keeps as replays; rec may be nil), and calls done with each
// result on the calling goroutine, in the order they finish. When ctx is done, matches under way are dropped
// and Run returns ctx's error once every worker has stopped; when done or a match fails, the others stop and
// Run returns that error. No goroutine of Run outlives it.
//
// Workers take the next index from a shared counter and leave results in a buffer, so that none waits for
// another goroutine to be scheduled between two matches (on a busy machine that wait costs an OS time slice).
func Run(parent context.Context, p *Plan, sources map[string][]byte, indices []int, workers int, rec *Record, done func(Result) error) error {
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	workers = min(workers, max(len(indices), 1))
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var next atomic.Int64
	results := make(chan Result, min(len(indices), 1<<14)) // workers never wait for the collector
	errs := make(chan error, workers)                      // each worker sends at most one
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				k := int(next.Add(1) - 1)
				if k >= len(indices) {
					return
				}
				r, err := PlayMatch(ctx, p, sources, p.Pairing(indices[k]), rec)
				if err != nil {
					errs <- err
					cancel()
					return
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var failure error
	for r := range results {
		if failure != nil {
			continue // drain: results after a failure are not handed over (finished ones after a cancel are)
		}
		if err := done(r); err != nil {
			failure = err
			cancel()
		}
	}
	cancel()
	close(errs) // every worker has stopped: results closes after wg.Wait
	if failure != nil {
		return failure
	}
	for err := range errs {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
			return err
		}
	}
	return parent.Err()
}
