package star

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

// The examples spend a small fraction of StepBudget in any tick: the headroom the budget's doc promises.
func TestExamplesStayFarWithinTheBudget(t *testing.T) {
	for _, path := range []string{"examples/squarebot.star", "examples/spinbot.star", "examples/hunter.star"} {
		p, err := compileFile(path)
		require.NoError(t, err)
		w, err := engine.New(engine.Config{Width: 1000, Height: 800, Seed: 8})
		require.NoError(t, err)
		var threads []*starlark.Thread
		for range 4 {
			_, err := actors.SpawnBot(w, "star", func(bot *actors.Bot) {
				th, s := p.newThread(NewSandbox(Limits{}), bot)
				threads = append(threads, th)
				defer s.gone()
				p.exec(th, s)
			})
			require.NoError(t, err)
		}
		for _, script := range []actors.Script{bots.Chaser, bots.Dodger, bots.Sniper} {
			_, err := actors.SpawnBot(w, "go", script)
			require.NoError(t, err)
		}
		last := make([]uint64, 4)
		var most, total, ticks uint64
		for range 1000 {
			require.NoError(t, w.Step())
			ticks++
			for i, th := range threads {
				d := th.ExecutionSteps() - last[i]
				last[i] = th.ExecutionSteps()
				most = max(most, d)
				total += d
			}
		}
		w.Close()
		assert.Empty(t, w.ScriptErrors())
		t.Logf("%s: %.1f steps per bot per tick on average, at most %d", path, float64(total)/float64(ticks*4), most)
		assert.Less(t, most, uint64(StepBudget/50), path)
	}
}
