package replay

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots/star"
	"stackarena/match"
)

// A script the watchdog stopped in the recorded match is stopped at the same step in the re-simulation, whose
// watchdog is off: the replay logs the verdict as an input and plays to the same hashes.
func TestAWatchdogVerdictReplays(t *testing.T) {
	dir := t.TempDir()
	slow := filepath.Join(dir, "slow.star") // an int squared again and again: one step takes ever longer
	require.NoError(t, os.WriteFile(slow, []byte("def main(bot):\n    bot.forward(40)\n    x = 3\n    while True:\n        x = x * x\n"), 0o644))
	cfg := match.Config{Seed: 9, MaxTicks: 300, Bots: []match.BotSpec{{Name: slow, Count: 1}, {Name: "spinbot", Count: 2}, {Name: "squarebot", Count: 1}}}
	m, err := match.Build(cfg, match.Options{Sandbox: star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})})
	require.NoError(t, err)
	defer m.World.Close()
	r := NewRecorder(m, "")
	for range 200 {
		require.NoError(t, m.World.Step())
		r.Stepped()
	}
	require.NoError(t, r.Err())
	cause := m.World.Bot(1).Cause()
	// Stopped by the watchdog: on CPU time, or by the measure it asked for when the int grew past 4 MiB.
	require.True(t, strings.Contains(cause, "watchdog: ") || strings.Contains(cause, "holds more than"), cause)
	rep := roundTrip(t, r.Replay())
	require.Len(t, rep.Inputs, 1)
	assert.Equal(t, SourceVerdict, rep.Inputs[0].Source)

	s, err := NewSim(rep)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Run(0))
	assert.Nil(t, s.Mismatch())
	assert.Equal(t, rep.End.Hash, s.World().Hash())
	assert.Equal(t, cause, s.World().Bot(1).Cause())
	assert.Equal(t, m.World.Bot(1).DeathTick(), s.World().Bot(1).DeathTick())
	assert.True(t, strings.HasPrefix(cause, "script error: "+slow+":5:"), cause)
}
