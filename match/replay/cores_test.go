package replay

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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

// A Player on several cores (the desktop's viewer) shows the hash of a Player on one at every tick: stepping
// forward, after a seek back behind every Sim it holds (a rebuild from tick 0), stepping back with Work's spare
// Sim, and after the scout. Every Sim it builds runs on its cores, and Close ends all their shards' goroutines.
func TestAPlayerShowsTheSameHashesOnAnyCores(t *testing.T) {
	rep := record(t, withStar(), person, 300)
	one, err := NewPlayer(rep, nil)
	require.NoError(t, err)
	require.Equal(t, 1, one.Sim().World().Shards())
	want := []uint64{one.Sim().World().Hash()}
	for one.Tick() < one.End() {
		require.NoError(t, one.Step())
		want = append(want, one.Sim().World().Hash())
	}
	one.Close()
	require.Len(t, want, int(rep.End.Tick)+1)

	for _, cores := range []int{2, 3} {
		t.Run(fmt.Sprintf("%d cores", cores), func(t *testing.T) {
			before := runtime.NumGoroutine()
			var shards []int // of every Sim the Player built, in order
			p, err := NewPlayerCores(rep, cores, func(s *Sim) { shards = append(shards, s.World().Shards()) })
			require.NoError(t, err)
			assert.Equal(t, cores, p.Cores())
			at := func(what string) {
				t.Helper()
				require.Equal(t, cores, p.Sim().World().Shards(), "%s: the current Sim's shards", what)
				assert.Equal(t, want[p.Tick()], p.Sim().World().Hash(), "%s: tick %d", what, p.Tick())
			}
			at("start")
			for p.Tick() < p.End() {
				require.NoError(t, p.Step())
				at("forward")
			}
			require.NoError(t, p.Seek(p.End()/3)) // nothing held is at or before it: a new Sim from tick 0
			at("seek back")
			for i := 0; i < 40; i++ {
				require.NoError(t, p.Step())
				at("forward after the seek")
			}
			require.NoError(t, p.Work(time.Minute)) // a spare Sim behind, then the scout to the end
			require.True(t, p.Scouted())
			for i := 0; i < 20; i++ {
				require.NoError(t, p.StepBack())
				at("step back")
			}
			require.NoError(t, p.Seek(3))
			at("seek to the start")
			assert.Nil(t, p.Mismatch())
			assert.GreaterOrEqual(t, len(shards), 4, "the first Sim, the rebuild, the spare, the scout")
			for i, k := range shards {
				assert.Equal(t, cores, k, "Sim %d built", i)
			}
			assert.Greater(t, runtime.NumGoroutine(), before, "the open Sims' shards run goroutines")
			p.Close()
			for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ { // assert.Eventually would count its own
				time.Sleep(10 * time.Millisecond)
			}
			assert.LessOrEqual(t, runtime.NumGoroutine(), before, "every Sim's shards ended")
		})
	}
}
