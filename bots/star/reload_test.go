package star_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match"
)

// spawn adds a bot to w and returns its handle.
func spawn(t *testing.T, w *engine.World, name string, script actors.Script) *actors.Bot {
	t.Helper()
	b, err := actors.SpawnBot(w, name, script)
	require.NoError(t, err)
	return b
}

func TestRestartReplacesTheScript(t *testing.T) {
	w := newWorld(t, 1, 800, 600)
	unwound := map[string]bool{}
	moving := spawn(t, w, "moving", func(bot *actors.Bot) {
		defer func() { unwound["moving"] = true }()
		for {
			bot.Forward(300) // parked on the World
		}
	})
	sleeping := spawn(t, w, "sleeping", func(bot *actors.Bot) {
		defer func() { unwound["sleeping"] = true }()
		bot.Wait(1000) // in the scheduler's sleep queue
	})
	ended := spawn(t, w, "ended", func(bot *actors.Bot) {})
	spawn(t, w, "spinbot", bots.Spinbot)
	step(t, w, 10)
	require.True(t, w.Bot(moving.ID()).Speed() > 0, "moving is under way")
	require.Equal(t, "script ended", w.Bot(ended.ID()).Action())

	before := stableGoroutines()
	energy := w.Bot(moving.ID()).Energy()
	fresh := func(bot *actors.Bot) {
		bot.Log("fresh script")
		for {
			bot.Turn(10)
		}
	}
	for _, b := range []*actors.Bot{moving, sleeping, ended} {
		require.NoError(t, b.Restart(fresh))
	}
	assert.Equal(t, map[string]bool{"moving": true, "sleeping": true}, unwound, "the old scripts' defers ran")
	assert.Equal(t, before-2, stableGoroutines(), "the old tasklets' goroutines ended; the new ones start in the next Step")
	assert.Equal(t, "running", w.Bot(moving.ID()).Action(), "the old move is dropped")

	heading := w.Bot(moving.ID()).Heading()
	step(t, w, 1)
	assert.Equal(t, before+1, stableGoroutines(), "one new goroutine per restarted bot, the ended one's included")
	for _, b := range []*actors.Bot{moving, sleeping, ended} {
		assert.Contains(t, console(w.Bot(b.ID())), "fresh script", b.Name())
		assert.Contains(t, w.Bot(b.ID()).Action(), "of 10.0° left", "%s turns as the new script says", b.Name())
	}
	assert.NotEqual(t, heading, w.Bot(moving.ID()).Heading(), "the new script turns")
	assert.Equal(t, energy, w.Bot(moving.ID()).Energy(), "the body and its energy stay")
	step(t, w, 30)
	assert.Less(t, w.Bot(moving.ID()).Speed(), 1.0, "it braked: nothing drives it forward any more")
	assert.Empty(t, w.ScriptErrors())
}

func TestRestartLeavesTheDeadAlone(t *testing.T) {
	w := newWorld(t, 1, 800, 600)
	doomed := spawn(t, w, "doomed", func(bot *actors.Bot) { panic("boom") })
	spawn(t, w, "spinbot", bots.Spinbot)
	spawn(t, w, "squarebot", bots.Squarebot)
	step(t, w, 1)
	require.False(t, w.Bot(doomed.ID()).Alive())
	assert.ErrorContains(t, doomed.Restart(bots.Spinbot), "is dead")
}

func TestReloaderReloadsWhatChanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mybot.star")
	write := func(src string) { require.NoError(t, os.WriteFile(path, []byte(src), 0o644)) }
	version := func(v string) string {
		return "def main(bot):\n    bot.say(\"" + v + "\")\n    while True:\n        bot.turn(10)\n"
	}
	write(version("v1"))
	m, err := match.Build(match.Config{Seed: 4, Bots: []match.BotSpec{{Name: path, Count: 2}, {Name: "spinbot", Count: 1}}}, match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	var r star.Reloader
	i := 0
	for _, spec := range m.Config.Bots {
		r.Track(spec.Name, m.Bots[i:i+spec.Count]...)
		i += spec.Count
	}
	assert.Equal(t, []string{path}, r.Paths(), "built-in bots are not tracked")
	step(t, m.World, 5)

	reloaded, err := r.Reload()
	assert.NoError(t, err)
	assert.Empty(t, reloaded, "nothing changed")

	write(version("v2"))
	goroutines := stableGoroutines()
	reloaded, err = r.Reload()
	require.NoError(t, err)
	assert.Equal(t, []string{path}, reloaded)
	step(t, m.World, 1)
	assert.Equal(t, goroutines, stableGoroutines(), "one tasklet per bot, as before")
	for _, b := range m.Bots[:2] {
		assert.Equal(t, []string{"v1", "reloaded " + path, "v2"}, console(m.World.Bot(b.ID())))
	}
	assert.Empty(t, console(m.World.Bot(m.Bots[2].ID())), "the spinbot was left alone")

	write("def main(bot):\n    bot.say(\"v3\"\n")
	reloaded, err = r.Reload()
	assert.Empty(t, reloaded)
	require.Error(t, err)
	assert.Equal(t, path+":3:1: got outdent, want ','", err.Error())
	heading := m.World.Bot(m.Bots[0].ID()).Heading()
	step(t, m.World, 3)
	assert.NotEqual(t, heading, m.World.Bot(m.Bots[0].ID()).Heading(), "the old script runs on")
	assert.Equal(t, []string{"v1", "reloaded " + path, "v2"}, console(m.World.Bot(m.Bots[0].ID())))

	write(version("v4"))
	require.NoError(t, r.ReloadFile(path))
	step(t, m.World, 1)
	assert.Equal(t, []string{"v1", "reloaded " + path, "v2", "reloaded " + path, "v4"}, console(m.World.Bot(m.Bots[0].ID())))
	assert.ErrorContains(t, r.ReloadFile("other.star"), "not a tracked bot script")
	assert.Empty(t, m.World.ScriptErrors())
}
