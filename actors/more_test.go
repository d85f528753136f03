package actors_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// The rules a bot imports from actors are the engine's own.
func TestRulesAreTheEngines(t *testing.T) {
	for _, x := range []float64{-725, -90, 0, 0.1, 1, 3, 45, 400} {
		assert.Equal(t, engine.Heading(x), actors.Heading(x))
		assert.Equal(t, engine.NormalizeHeading(x), actors.NormalizeHeading(x))
		assert.Equal(t, engine.NormalizeTurn(x), actors.NormalizeTurn(x))
		assert.Equal(t, engine.BulletSpeed(x), actors.BulletSpeed(x))
		assert.Equal(t, engine.BulletDamage(x), actors.BulletDamage(x))
		assert.Equal(t, engine.GunHeat(x), actors.GunHeat(x))
		assert.Equal(t, engine.TurnRate(x), actors.TurnRate(x))
	}
	assert.Equal(t, engine.MaxSpeed, actors.MaxSpeed)
	assert.Equal(t, engine.ScanHalfArc, actors.ScanHalfArc)
}

// While an inspector traces a bot, each action records the script's line: the Go caller's, or what the
// script's own where function says (a Starlark bot's).
func TestTracingRecordsTheScriptLine(t *testing.T) {
	w := newWorld(t, engine.Config{})
	goBot := spawn(t, w, "go", func(bot *actors.Bot) {
		for {
			bot.Yield() // this line
		}
	})
	other := spawn(t, w, "other", func(bot *actors.Bot) {
		bot.SetWhereFunc(func() string { return "other.star:7:9" })
		for {
			bot.Yield()
		}
	})
	step(t, w, 2)
	assert.Empty(t, w.Bot(goBot.ID()).Where(), "nothing while nobody traces")
	w.SetTracing(w.Bot(goBot.ID()), true)
	w.SetTracing(w.Bot(other.ID()), true)
	step(t, w, 2)
	assert.Regexp(t, regexp.MustCompile(`^more_test\.go:\d+$`), w.Bot(goBot.ID()).Where())
	assert.Equal(t, "other.star:7:9", w.Bot(other.ID()).Where())
	w.SetTracing(w.Bot(goBot.ID()), false)
	assert.Empty(t, w.Bot(goBot.ID()).Where(), "forgotten when the tracing stops")
}

// Restart, between Steps, gives a live bot a new script; a dead one stays dead.
func TestRestart(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var said []string
	b := spawn(t, w, "b", idle)
	spawn(t, w, "c", idle)
	doomed := spawn(t, w, "doomed", func(bot *actors.Bot) { panic("boom") })
	step(t, w, 2)
	require.NoError(t, b.Restart(func(bot *actors.Bot) {
		said = append(said, bot.Name())
		idle(bot)
	}))
	step(t, w, 1)
	assert.Equal(t, []string{"b"}, said)
	assert.ErrorContains(t, doomed.Restart(idle), "is dead")
}

// Spawning fails with the World's error when the arena has no room, and a proximity door opens for a bot.
func TestSpawnErrorsAndProximityDoors(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 200, Height: 200})
	var err error
	for range 100 {
		if _, err = actors.SpawnBot(w, "crowd", idle); err != nil {
			break
		}
	}
	assert.ErrorContains(t, err, "too small")

	w = newWorld(t, engine.Config{})
	_, err = actors.SpawnDoor(w, engine.R(0, 0, 0, 10), actors.ProximityDoor(100))
	assert.Error(t, err, "an empty doorway")
	door, err := actors.SpawnDoor(w, engine.R(380, 280, 40, 40), actors.ProximityDoor(2000))
	require.NoError(t, err)
	spawn(t, w, "visitor", idle)
	step(t, w, 40)
	assert.Equal(t, 1.0, door.OpenFraction(), "a bot within 2000 opens it")
}

// Back moves backward; TurnTo and AimAt turn to absolute headings whatever the body and the gun point at.
func TestBackTurnToAndAimAt(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 2000, Height: 2000})
	var body, gun []float64
	var moved []float64
	spawn(t, w, "b", func(bot *actors.Bot) {
		x0, _ := bot.Position()
		bot.TurnTo(0)
		bot.Back(50)
		x1, _ := bot.Position()
		moved = append(moved, x1-x0)
		for _, h := range []float64{90, 45, 300} {
			bot.TurnTo(h)
			body = append(body, bot.Heading())
		}
		x, y := bot.Position()
		for _, p := range [][2]float64{{x + 100, y}, {x, y + 100}, {x - 100, y - 100}} {
			bot.AimAt(p[0], p[1])
			gun = append(gun, bot.GunHeading())
		}
		bot.Wait(1 << 30)
	})
	step(t, w, 200)
	require.Len(t, moved, 1)
	assert.InDelta(t, -50, moved[0], 1e-9, "Back(50) facing east moves 50 west")
	assert.InDeltaSlice(t, []float64{90, 45, 300}, body, 1e-9)
	assert.InDeltaSlice(t, []float64{0, 90, 225}, gun, 1e-9)
}
