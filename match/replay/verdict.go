package replay

import (
	"encoding/json"
	"fmt"

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

// recordVerdicts makes r log the verdicts of its match's watchdog.
func (r *Recorder) recordVerdicts(sb *star.Sandbox) {
	if sb != nil {
		sb.OnVerdict(func(v star.Verdict) { r.Input(v.Tick, SourceVerdict, v) })
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
