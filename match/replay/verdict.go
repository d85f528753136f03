package replay

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"stackarena/bots/star"
)

// SourceVerdict is the .star watchdog's verdicts (star.Verdict): a script stopped for what it cost on the
// machine that played the match (CPU time, allocations), which another machine would not judge the same way.
// A recording logs each as it takes effect, with the tick of its Step; a Sim hands them all to its match's
// Sandbox (star.Sandbox.Replay) before the first Step, which stops the same bots at the same steps with the
// same errors, and watches nothing.
const SourceVerdict = "verdict"

func init() {
	Register(Source{Name: SourceVerdict, Open: openVerdicts})
}

// recordVerdicts makes r log the verdicts of its match's watchdog. They take effect on the scripts' tasklets,
// on several goroutines at once when the World runs its scripts on shards, so the Sandbox keeps them
// (Sandbox.Verdicts) and r logs the new ones on the World's goroutine after each Step (flushVerdicts).
func (r *Recorder) recordVerdicts(sb *star.Sandbox) {
	if sb != nil {
		sb.OnVerdict(nil)
		r.sandbox = sb
	}
}

// flushVerdicts logs the verdicts that took effect since the last flush, in the order of their tick, bot and
// step, whatever order the shards ran in. O(verdicts so far) to copy them: they are rare.
func (r *Recorder) flushVerdicts() {
	if r.sandbox == nil {
		return
	}
	all := r.sandbox.Verdicts()
	if len(all) == r.verdicts {
		return
	}
	fresh := all[r.verdicts:]
	r.verdicts = len(all)
	slices.SortFunc(fresh, func(a, b star.Verdict) int {
		return cmp.Or(cmp.Compare(a.Tick, b.Tick), cmp.Compare(a.Bot, b.Bot), cmp.Compare(a.Step, b.Step))
	})
	for _, v := range fresh {
		r.Input(v.Tick, SourceVerdict, v)
	}
}

// replaySandbox is the Sandbox a re-simulated match runs its scripts in: its watchdog is off (Replay with no
// verdicts) until openVerdicts gives it the recorded ones.
func replaySandbox() *star.Sandbox {
	sb := star.NewSandbox(star.Limits{})
	sb.Replay(nil)
	return sb
}

func openVerdicts(s *Sim, inputs []Input) error {
	verdicts := make([]star.Verdict, len(inputs))
	for i, in := range inputs {
		if err := json.Unmarshal(in.Data, &verdicts[i]); err != nil {
			return fmt.Errorf("tick %d: %v", in.Tick, err)
		}
	}
	s.m.Sandbox.Replay(verdicts)
	return nil
}
