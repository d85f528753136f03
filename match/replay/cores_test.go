package replay

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/match"
)

// A replay does not record how many shards ran the match's scripts: it plays the same match, to the same
// hashes, on any number of shards, whatever number it was recorded with. The recorded match has .star bots, a
// player at the controls, and a script the watchdog stops (an input of the match, logged after the Step in
// which it took effect, in a fixed order).
func TestAReplayPlaysTheSameOnAnyCores(t *testing.T) {
	dir := t.TempDir()
	slow := filepath.Join(dir, "slow.star") // an int squared again and again: the watchdog stops it
	require.NoError(t, os.WriteFile(slow, []byte("def main(bot):\n    bot.forward(40)\n    x = 3\n    while True:\n        x = x * x\n"), 0o644))
	cfg := withStar()
	cfg.MaxTicks = 400
	cfg.Bots = append(cfg.Bots, match.BotSpec{Name: slow, Count: 1})
	for _, recorded := range []int{1, 3} {
		t.Run(fmt.Sprintf("recorded on %d", recorded), func(t *testing.T) {
			var pin bots.PlayerInput
			m, err := match.Build(cfg, match.Options{Cores: recorded, Extra: []match.ExtraBot{{Name: "player", Script: bots.Player(&pin)}},
				Sandbox: star.NewSandbox(star.Limits{WatchdogCPU: 250 * time.Millisecond})})
			require.NoError(t, err)
			defer m.World.Close()
			rec := NewRecorder(m, "player")
			for !m.World.Over() {
				pin = person(m.World.Tick() + 1)
				rec.Player(pin)
				require.NoError(t, m.World.Step())
				rec.Stepped()
			}
			require.NoError(t, rec.Err())
			require.Len(t, m.Sandbox.Verdicts(), 1, "the watchdog stopped the slow script")
			rep := roundTrip(t, rec.Replay())
			for _, cores := range []int{1, 2, 8} {
				s, err := NewSimCores(rep, cores)
				require.NoError(t, err)
				require.Equal(t, cores, s.World().Shards())
				require.NoError(t, s.Run(0))
				assert.Nil(t, s.Mismatch(), "played on %d", cores)
				assert.Equal(t, rep.End.Tick, s.World().Tick(), "played on %d", cores)
				assert.Equal(t, rep.End.Hash, s.World().Hash(), "played on %d", cores)
				s.Close()
			}
		})
	}
}
