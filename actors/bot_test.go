package actors_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

func idle(bot *actors.Bot) { bot.Wait(1 << 30) }

// Others counts the other bots still in the match: not the bot itself, and not the dead.
func TestOthers(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var others []int
	spawn(t, w, "counter", func(bot *actors.Bot) {
		for {
			others = append(others, bot.Others())
			bot.Yield()
		}
	})
	spawn(t, w, "idle", idle)
	spawn(t, w, "faulty", func(bot *actors.Bot) { panic("boom") })
	step(t, w, 3)
	assert.Equal(t, []int{2, 1, 1}, others, "two others, then one once the faulty bot died in tick 1")
}

// Every bot in the match hears BotDied with the dead bot's ID, after its own events of that tick; a bot that
// joins later hears only of later deaths.
func TestEveryBotHearsBotDied(t *testing.T) {
	w := newWorld(t, engine.Config{})
	heard := map[string][]actors.Event{}
	listen := func(name string) actors.Script {
		return func(bot *actors.Bot) {
			for {
				bot.Yield()
				heard[name] = append(heard[name], bot.Events()...)
			}
		}
	}
	spawn(t, w, "one", listen("one"))
	spawn(t, w, "two", listen("two"))
	faulty := spawn(t, w, "faulty", func(bot *actors.Bot) {
		bot.Yield()
		panic("boom")
	})
	step(t, w, 4)
	spawn(t, w, "late", listen("late"))
	step(t, w, 4)
	want := []actors.Event{{Kind: actors.BotDied, Tick: 2, Other: faulty.ID()}}
	assert.Equal(t, want, heard["one"])
	assert.Equal(t, want, heard["two"])
	assert.Empty(t, heard["late"], "it joined after the death")
	assert.Equal(t, "bot died", actors.BotDied.String())
}

// A bot that runs into a wall in the tick another dies hears the wall first: a death is heard after the tick's
// own events.
func TestBotDiedComesAfterTheTicksOwnEvents(t *testing.T) {
	play := func(dieAt uint64) []actors.Event {
		w := newWorld(t, engine.Config{Width: 400, Height: 400, Seed: 1})
		var heard []actors.Event
		spawn(t, w, "runner", func(bot *actors.Bot) {
			bot.SetSpeed(engine.MaxSpeed)
			for {
				bot.Yield()
				heard = append(heard, bot.Events()...)
			}
		})
		spawn(t, w, "faulty", func(bot *actors.Bot) {
			if dieAt > 0 {
				bot.Wait(int(dieAt) - 1) // its turn in tick dieAt
				panic("boom")
			}
			idle(bot)
		})
		spawn(t, w, "bystander", idle) // the match goes on after the death
		step(t, w, 100)
		return heard
	}
	alone := play(0)
	require.NotEmpty(t, alone)
	require.Equal(t, actors.HitWall, alone[0].Kind)
	wall := alone[0].Tick
	heard := play(wall)
	require.GreaterOrEqual(t, len(heard), 2)
	assert.Equal(t, actors.Event{Kind: actors.BotDied, Tick: wall, Other: 2}, heard[1])
	assert.Equal(t, alone[0], heard[0], "the wall of the same tick comes first")
}

// The actions take the game time they say: Wait(n) n ticks, Shoot, Scan and Yield one tick, Forward until the
// bot has covered the distance and stopped.
func TestActionsTakeGameTime(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var ticks []uint64
	var fired []bool
	var moved float64
	var hot float64
	spawn(t, w, "clock", func(bot *actors.Bot) {
		mark := func() { ticks = append(ticks, bot.Tick()) }
		mark()
		bot.Wait(5)
		mark()
		bot.Yield()
		mark()
		bot.Scan()
		mark()
		bot.WaitGun()
		mark()
		fired = append(fired, bot.Shoot())
		hot = bot.GunHeat()
		fired = append(fired, bot.Shoot(), bot.ShootPower(3))
		mark()
		x0, y0 := bot.Position()
		bot.Forward(50)
		x1, y1 := bot.Position()
		moved = engine.Vec{X: x0, Y: y0}.Dist(engine.Vec{X: x1, Y: y1})
		mark()
		bot.Wait(1 << 30)
	})
	step(t, w, 120)
	require.Len(t, ticks, 7)
	assert.Equal(t, uint64(1), ticks[0], "the first turn is in tick 1")
	assert.Equal(t, uint64(6), ticks[1], "Wait(5)")
	assert.Equal(t, uint64(7), ticks[2], "Yield")
	assert.Equal(t, uint64(8), ticks[3], "Scan")
	assert.GreaterOrEqual(t, ticks[4], uint64(engine.StartGunHeat/engine.GunCooling), "WaitGun: until the gun is cold")
	assert.Equal(t, []bool{true, false, false}, fired, "the gun fires cold, then is hot")
	assert.InDelta(t, engine.GunHeat(1)-engine.GunCooling, hot, 1e-9, "the shot heated the gun, which cooled a tick")
	assert.InDelta(t, 50, moved, 1e-9, "Forward(50) covers exactly 50")
	assert.Greater(t, ticks[6]-ticks[5], uint64(5), "and takes game time")
}
