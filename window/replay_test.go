package window

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/bots/star"
	"stackarena/match"
	"stackarena/match/replay"
)

// recordLive plays a live match in the window with the person's controls scripted (driving, turning, aiming
// around and firing in bursts) and returns its replay, read back from its file, and the state hash the window
// saw after each Update, by tick.
func recordLive(t *testing.T) (*replay.Replay, map[uint64]uint64) {
	cfg := arenaConfig(9, 800, 600, match.BotSpec{Name: "sniper", Count: 2},
		match.BotSpec{Name: "../bots/star/examples/hunter.star", Count: 2})
	g, in := newTestGame(t, Options{Player: true, Match: cfg, Speed: 4})
	seen := map[uint64]uint64{}
	for i := range 120 {
		in.keys[ebiten.KeyW] = i%40 < 25
		in.keys[ebiten.KeyD] = i%30 > 20
		in.x, in.y = 200+(i*7)%500, 150+(i*5)%300
		in.buttons[ebiten.MouseButtonLeft] = i%10 < 4
		updates(t, g, in, 1)
		seen[g.m.World.Tick()] = g.m.World.Hash()
	}
	rep := g.rec.Replay()
	require.NoError(t, g.rec.Err())
	require.NotEmpty(t, rep.Inputs, "the controls were recorded")
	var buf bytes.Buffer
	require.NoError(t, replay.Write(&buf, rep))
	rep, err := replay.Read("live.replay.gz", &buf)
	require.NoError(t, err)
	return rep, seen
}

// straight is the state hash of rep after every tick, re-simulated without the window.
func straight(t *testing.T, rep *replay.Replay) []uint64 {
	hs, err := replay.Trace(rep)
	require.NoError(t, err)
	return hs
}

func TestTheReplayModeReplaysToTheSameHashes(t *testing.T) {
	rep, seen := recordLive(t)
	// With a bot inspected (its script traced) and the scripts' drawing shown: neither may change the match.
	g, in := newTestGame(t, Options{Replay: rep, ReplayName: "live.replay.gz", Speed: 4, Inspect: 3})
	require.NotNil(t, g.rp)
	require.NotNil(t, g.selected)
	assert.True(t, g.clock.paused, "a replay opens paused")
	assert.Equal(t, match.DefaultCores(), g.m.World.Shards(), "the viewer plays on the live matches' shards")
	in.tap(ebiten.KeySpace)
	compared := 0
	for g.rp.p.Tick() < rep.End.Tick {
		updates(t, g, in, 1)
		if want, ok := seen[g.m.World.Tick()]; ok {
			require.Equal(t, want, g.m.World.Hash(), "tick %d", g.m.World.Tick())
			compared++
		}
	}
	assert.Equal(t, len(seen), compared, "every tick the live window showed was shown again")
	assert.True(t, g.selected.Tracing(), "the inspected bot's script was traced")
	assert.Equal(t, rep.End.Hash, g.m.World.Hash())
	assert.Nil(t, g.rp.p.Mismatch())
	assert.True(t, g.clock.paused, "the replay pauses at its end")
}

func TestStepBackThenForwardInTheWindow(t *testing.T) {
	rep, _ := recordLive(t)
	want := straight(t, rep)
	g, in := newTestGame(t, Options{Replay: rep, Speed: 4, Cores: 3}) // the same match on any shards
	r := g.timelineRect()
	require.False(t, r.Empty())
	mid := image.Pt((r.Min.X+r.Max.X)/2, r.Min.Y+padding+4)
	clickAt(t, g, in, ebiten.MouseButtonLeft, mid)
	for i := 0; g.rp.seeking; i++ {
		require.Less(t, i, 100, "the seek never ended")
		updates(t, g, in, 1)
	}
	at := g.rp.p.Tick()
	assert.Equal(t, g.tickAt(r, mid.X), at, "a click on the timeline seeks to the tick under it")
	assert.InDelta(t, float64(rep.End.Tick)/2, float64(at), float64(rep.End.Tick)/20)
	assert.Equal(t, want[at], g.m.World.Hash())

	for i := 1; i <= 5; i++ {
		in.tap(ebiten.KeyB)
		updates(t, g, in, 1)
		require.Equal(t, at-uint64(i), g.rp.p.Tick())
		assert.Equal(t, want[at-uint64(i)], g.m.World.Hash(), "back to tick %d", at-uint64(i))
		assert.Equal(t, 3, g.m.World.Shards(), "every Sim the viewer builds is on its cores")
	}
	for i := 4; i >= 0; i-- {
		in.tap(ebiten.KeyPeriod)
		updates(t, g, in, 2) // the step is taken in the Update after the key
		require.Equal(t, at-uint64(i), g.rp.p.Tick())
		assert.Equal(t, want[at-uint64(i)], g.m.World.Hash(), "forward to tick %d", at-uint64(i))
	}
	assert.True(t, g.pointOverUI(mid.X, mid.Y), "clicks on the timeline do not reach the arena")
}

func TestTakingOverAReplayRecordsABranch(t *testing.T) {
	rep, _ := recordLive(t)
	g, in := newTestGame(t, Options{Replay: rep, ReplayName: "live.replay.gz", Speed: 4})
	in.tap(ebiten.KeySpace)
	updates(t, g, in, 30)
	from := g.m.World.Tick()
	in.tap(ebiten.KeyT)
	updates(t, g, in, 1)
	require.Nil(t, g.rp, "the replay became a live match")
	require.True(t, g.driving(), "the tank is the person's again")
	in.keys[ebiten.KeyW], in.keys[ebiten.KeyA] = true, true
	updates(t, g, in, 20)
	require.Greater(t, g.m.World.Tick(), from)

	path := filepath.Join(t.TempDir(), "branch.replay.gz")
	require.NoError(t, g.SaveReplay(path))
	branch, err := replay.Load(path)
	require.NoError(t, err)
	assert.Contains(t, branch.From, "live.replay.gz at tick ")
	s, err := replay.NewSim(branch)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Run(0))
	assert.Equal(t, g.m.World.Tick(), s.Tick())
	assert.Equal(t, g.m.World.Hash(), s.World().Hash(), "the branch replays to what the window played")
}

// testScripts is the reload key's work for a match whose first two bots run one .star file.
type testScripts struct {
	path string
	r    *star.Reloader
}

func (s *testScripts) Track(m *match.Match) {
	s.r = &star.Reloader{}
	s.r.Track(s.path, m.Bots[:2]...)
}
func (s *testScripts) Reload() ([]string, error) { return s.r.Reload() }
func (s *testScripts) Source(path string) []byte { return s.r.Source(path) }

// A live match records the person's controls and the scripts F5 reloads; F6 saves it to Options.Record, and the
// file replays to the state the window reached.
func TestF5AndF6RecordAndSaveTheMatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "walker.star")
	require.NoError(t, os.WriteFile(path, []byte("def main(bot):\n    while True:\n        bot.forward(40)\n        bot.turn(90)\n"), 0o644))
	saved := filepath.Join(dir, "saved.replay.gz")
	cfg := arenaConfig(5, 800, 600, match.BotSpec{Name: path, Count: 2}, match.BotSpec{Name: "sniper", Count: 2})
	g, in := newTestGame(t, Options{Player: true, Match: cfg, Speed: 2, Scripts: &testScripts{path: path}, Record: saved})
	in.keys[ebiten.KeyW] = true
	in.x, in.y = 300, 200
	updates(t, g, in, 40)
	require.NoError(t, os.WriteFile(path, []byte("def main(bot):\n    while True:\n        bot.turn(-30)\n        bot.back(25)\n"), 0o644))
	in.tap(ebiten.KeyF5)
	in.x = 500
	updates(t, g, in, 40)
	in.tap(ebiten.KeySpace) // paused, so that the window's tick is the one saved
	updates(t, g, in, 1)
	in.tap(ebiten.KeyF6)
	updates(t, g, in, 1)
	assert.Equal(t, "saved "+saved, g.toast)

	rep, err := replay.Load(saved)
	require.NoError(t, err)
	sources := map[string]int{}
	for _, i := range rep.Inputs {
		sources[i.Source]++
	}
	assert.Equal(t, 1, sources[replay.SourceReload], "the reload was recorded")
	assert.Positive(t, sources[replay.SourcePlayer], "the controls were recorded")
	s, err := replay.NewSim(rep)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Run(0))
	assert.Equal(t, g.m.World.Tick(), s.Tick())
	assert.Equal(t, g.m.World.Hash(), s.World().Hash())
}
