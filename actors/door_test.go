package actors_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// A timed door keeps its timings: closed for closed ticks, 30 ticks opening, open for open ticks, 30 closing.
func TestTimedDoorTimings(t *testing.T) {
	w := newWorld(t, engine.Config{})
	door, err := actors.SpawnDoor(w, engine.R(380, 100, 40, 100), actors.TimedDoor(20, 10))
	require.NoError(t, err)
	assert.Equal(t, 1, door.ID())
	var open []float64
	for range 130 {
		require.NoError(t, w.Step())
		open = append(open, door.OpenFraction())
	}
	at := func(tick int) float64 { return open[tick-1] }
	assert.Zero(t, at(10), "closed for 10 ticks")
	assert.InDelta(t, 1.0/30, at(11), 1e-9, "then opening, a 30th a tick")
	assert.Less(t, at(39), 1.0)
	assert.Equal(t, 1.0, at(40), "open after 30 ticks")
	assert.Equal(t, 1.0, at(60), "open for 20 ticks")
	assert.InDelta(t, 1-1.0/30, at(61), 1e-9, "then closing")
	assert.Positive(t, at(89))
	assert.Zero(t, at(90), "closed after 30 ticks")
	assert.Zero(t, at(100), "closed for 10 ticks")
	assert.Positive(t, at(101), "and again")
}

// A door script can wait for a bot to come near, and ask whether one is near.
func TestDoorSeesBots(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 3000, Height: 3000, Seed: 3})
	var near []bool
	var woke uint64
	_, err := actors.SpawnDoor(w, engine.R(1480, 1480, 40, 40), func(d *actors.Door) {
		near = append(near, d.BotNear(100))
		d.WaitForBot(100)
		woke = w.Tick()
		near = append(near, d.BotNear(100))
		d.Open()
		d.Wait(0)
		d.Wait(1 << 30)
	})
	require.NoError(t, err)
	var reached uint64
	visitor := spawn(t, w, "visitor", func(bot *actors.Bot) {
		for {
			x, y := bot.Position()
			if (engine.Vec{X: x, Y: y}).Dist(engine.Vec{X: 1500, Y: 1500}) <= 100 && reached == 0 {
				reached = bot.Tick()
			}
			bot.SetTurn(actors.NormalizeTurn((engine.Vec{X: x, Y: y}).BearingTo(engine.Vec{X: 1500, Y: 1500}) - bot.Heading()))
			bot.SetSpeed(actors.MaxSpeed)
			bot.Yield()
		}
	})
	x, y := visitor.Position()
	require.Greater(t, (engine.Vec{X: x, Y: y}).Dist(engine.Vec{X: 1500, Y: 1500}), 300.0, "it starts far")
	step(t, w, 600)
	require.NotZero(t, reached, "the visitor came near")
	assert.Equal(t, []bool{false, true}, near)
	assert.InDelta(t, reached, woke, 2, "the door woke when the bot came within 100")
	assert.Equal(t, 1.0, w.Doors()[0].OpenFraction())
}
