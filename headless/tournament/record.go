package tournament

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"stackarena/match/replay"
)

// Record says which matches to save as replay files (package match/replay; `headless replay FILE` plays one
// back): those listed in Matches, and every match the entry named Lost lost (some other entry placed above it).
// A match that may be kept is recorded in memory as it is played (a state hash every replay.HashEvery ticks,
// no inputs: a tournament match has none) and written to Dir only if it is kept. Read only once Run starts.
type Record struct {
	Dir     string
	Matches []int  // sorted
	Lost    string // an entry's name, or ""
}

// Path is where match index's replay goes.
func (r *Record) Path(index int) string {
	return filepath.Join(r.Dir, fmt.Sprintf("match-%d.replay.gz", index))
}

// check verifies that Lost names an entry of the plan and makes Dir.
func (r *Record) check(p *Plan) error {
	if r.Lost != "" && !slices.Contains(p.Names(), r.Lost) {
		return fmt.Errorf("-record-lost %q: not a bot of the field (%v)", r.Lost, p.Names())
	}
	return os.MkdirAll(r.Dir, 0o755)
}

// wants reports whether match pr may be kept, so that it must be recorded. A nil Record wants none.
func (r *Record) wants(p *Plan, pr Pairing) bool {
	if r == nil {
		return false
	}
	if _, ok := slices.BinarySearch(r.Matches, pr.Index); ok {
		return true
	}
	for _, e := range pr.Entries {
		if p.Field[e].Name == r.Lost {
			return true
		}
	}
	return false
}

// keeps reports whether the finished match's replay is saved.
func (r *Record) keeps(res Result) bool {
	if _, ok := slices.BinarySearch(r.Matches, res.Index); ok {
		return true
	}
	k := slices.Index(res.Bots, r.Lost)
	if r.Lost == "" || k < 0 {
		return false
	}
	return slices.ContainsFunc(res.Placings, func(place int) bool { return place < res.Placings[k] })
}

// save writes a recorded match.
func (r *Record) save(index int, rec *replay.Recorder) error {
	if err := rec.Err(); err != nil {
		return err
	}
	return replay.Save(r.Path(index), rec.Replay())
}
