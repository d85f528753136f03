package engine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// The shooter hears of its bullets: BulletHit (toward the victim, the power, the victim's ID) and BulletMissed;
// a hit leaves an Impact effect on the victim, a wall an Impact with no bot, the edge none; a kill is credited
// and names the killer, and leaves an Explosion.
func TestShotsTellTheShooter(t *testing.T) {
	w := newWorld(t, engine.Config{Walls: []engine.Rect{engine.R(100, 20, 200, 20)}})
	var heard []actors.Event
	shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
		bot.WaitGun()
		bot.ShootPower(2) // east, at the target
		bot.TurnGun(-90)  // north, at the wall
		bot.WaitGun()
		bot.ShootPower(2)
		bot.TurnGun(180) // south, at the edge
		bot.WaitGun()
		bot.ShootPower(2)
		bot.Wait(60)
		heard = append(heard, bot.Events()...)
		bot.Wait(1 << 30)
	})
	target := spawn(t, w, "target", idle)
	spawn(t, w, "bystander", idle) // the match goes on after the kill
	place(w, shooter, 200, 300, 0)
	place(w, target, 500, 300, 90)
	engine.Place(w.Bot(3), engine.Vec{X: 700, Y: 550}, 0)
	engine.SetEnergy(w.Bot(target.ID()), engine.BulletDamage(2)) // the first shot kills
	var effects []engine.Effect
	for range 200 {
		require.NoError(t, w.Step())
		for _, e := range w.Effects() {
			if e.Tick == w.Tick() {
				effects = append(effects, e)
			}
		}
	}
	var kinds []actors.EventKind
	for _, e := range heard {
		kinds = append(kinds, e.Kind)
	}
	require.Equal(t, []actors.EventKind{actors.BulletHit, actors.BotDied, actors.BulletMissed, actors.BulletMissed}, kinds)
	assert.InDelta(t, 0, heard[0].Bearing, 1e-6, "toward the victim, east")
	assert.Equal(t, 2.0, heard[0].Power)
	assert.Equal(t, target.ID(), heard[0].Other)
	assert.Equal(t, 2.0, heard[2].Power)
	assert.Equal(t, 2.0, heard[3].Power)

	body := w.Bot(target.ID())
	assert.False(t, body.Alive())
	assert.Equal(t, "destroyed by #1 (shooter)", body.Cause())
	assert.Equal(t, 1, w.Bot(shooter.ID()).Kills())
	assert.Equal(t, engine.BulletDamage(2), w.Bot(shooter.ID()).DamageDealt())
	assert.Equal(t, 3, w.Bot(shooter.ID()).Shots())
	assert.Equal(t, 1, w.Bot(shooter.ID()).Hits())

	require.Len(t, effects, 3, "the hit, the death, the wall: the edge shows nothing")
	assert.Equal(t, engine.Impact, effects[0].Kind)
	assert.Equal(t, target.ID(), effects[0].Bot)
	assert.InDelta(t, 500-engine.BotRadius, effects[0].Pos.X, 8*engine.BulletSpeed(2), "where the bullet met the bot")
	assert.Equal(t, engine.Explosion, effects[1].Kind)
	assert.Equal(t, target.ID(), effects[1].Bot)
	assert.Equal(t, body.Pos(), effects[1].Pos)
	assert.Equal(t, engine.Impact, effects[2].Kind)
	assert.Zero(t, effects[2].Bot)
	assert.InDelta(t, 40+engine.BulletRadius, effects[2].Pos.Y, 1e-6, "on the wall's face")
}

// Effects last EffectTicks ticks.
func TestEffectsFade(t *testing.T) {
	w := newWorld(t, engine.Config{})
	spawn(t, w, "faulty", func(bot *actors.Bot) { panic("boom") })
	spawn(t, w, "a", idle)
	spawn(t, w, "b", idle)
	step(t, w, 1)
	require.Len(t, w.Effects(), 1, "the faulty bot's explosion")
	step(t, w, engine.EffectTicks-1)
	assert.Len(t, w.Effects(), 1, "still there in its EffectTicks-th tick")
	step(t, w, 1)
	assert.Empty(t, w.Effects(), "gone after EffectTicks")
}

// HitWall points at the wall, HitBot at the other bot.
func TestCollisionBearings(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var a, b []actors.Event
	rammer := spawn(t, w, "rammer", func(bot *actors.Bot) {
		bot.Forward(300)
		a = append(a, bot.Events()...)
		bot.TurnTo(90)
		bot.Forward(400) // south, into the edge
		a = append(a, bot.Events()...)
		bot.Wait(1 << 30)
	})
	rammed := spawn(t, w, "rammed", func(bot *actors.Bot) {
		bot.Wait(1 << 30)
		b = append(b, bot.Events()...)
		bot.Wait(1 << 30)
	})
	place(w, rammer, 100, 300, 0)
	place(w, rammed, 300, 300, 0)
	step(t, w, 200)
	require.Len(t, a, 2)
	assert.Equal(t, actors.HitBot, a[0].Kind)
	assert.InDelta(t, 0, a[0].Bearing, 1e-6, "the rammed bot is east")
	assert.Equal(t, rammed.ID(), a[0].Other)
	assert.Equal(t, actors.HitWall, a[1].Kind)
	assert.InDelta(t, 90, a[1].Bearing, 1e-6, "the edge is south")
	require.Len(t, b, 1)
	assert.Equal(t, actors.HitBot, b[0].Kind)
	assert.InDelta(t, 180, b[0].Bearing, 1e-6, "the rammer is west")
	assert.Equal(t, rammer.ID(), b[0].Other)
}

// The body turns at 10 degrees a tick at rest and 10-0.75|v| when moving; the gun at 20 a tick, on top of the
// body's turn; a turn ends exactly where it was asked to.
func TestTurnRates(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 3000, Height: 3000})
	var body, gun []float64
	b := spawn(t, w, "turner", func(bot *actors.Bot) {
		record := func() { body = append(body, bot.Heading()); gun = append(gun, bot.GunHeading()) }
		bot.SetTurn(25) // at rest: 10, 10, 5
		for range 3 {
			bot.Yield()
			record()
		}
		bot.SetSpeed(engine.MaxSpeed)
		bot.Wait(10)       // up to full speed
		bot.SetTurn(-10)   // at speed 8: 4, 4, 2
		bot.SetGunTurn(45) // 20 on top of the body's turn
		for range 3 {
			bot.Yield()
			record()
		}
		bot.Wait(1 << 30)
	})
	place(w, b, 1500, 1500, 0)
	step(t, w, 30)
	require.Len(t, body, 6)
	assert.Equal(t, []float64{10, 20, 25}, body[:3])
	assert.Equal(t, []float64{21, 17, 15}, body[3:])
	assert.Equal(t, []float64{10, 20, 25, 41, 57, 60}, gun, "the gun turns with the body (-4, -4, -2), plus its own 20, 20, 5")
}

// A bot that drives into a wall, in any of the four directions, stops short of it where it was the tick before;
// one that drives into the arena's edge stops touching it: BotRadius from the edge.
func TestWallsStopBotsInEveryDirection(t *testing.T) {
	walls := map[float64]engine.Rect{ // 150 units from the start, across a grid cell's border
		0:   engine.R(660, 400, 20, 200),
		90:  engine.R(400, 660, 200, 20),
		180: engine.R(320, 400, 20, 200),
		270: engine.R(400, 320, 200, 20),
	}
	for _, heading := range []float64{0, 90, 180, 270} {
		for _, withWall := range []bool{true, false} {
			t.Run(fmt.Sprintf("%g wall %v", heading, withWall), func(t *testing.T) {
				cfg := engine.Config{Width: 1000, Height: 1000}
				if withWall {
					cfg.Walls = []engine.Rect{walls[heading]}
				}
				w := newWorld(t, cfg)
				var events []actors.Event
				b := spawn(t, w, "runner", func(bot *actors.Bot) {
					bot.SetSpeed(engine.MaxSpeed)
					for len(events) == 0 {
						bot.Yield()
						events = bot.Events()
					}
					bot.Wait(1 << 30)
				})
				place(w, b, 500, 500, heading)
				step(t, w, 150)
				require.Len(t, events, 1)
				assert.Equal(t, actors.HitWall, events[0].Kind)
				assert.InDelta(t, heading, events[0].Bearing, 1e-6, "it points at what it hit")
				p := w.Bot(b.ID()).Pos()
				if !withWall {
					edge := map[float64]float64{0: 1000 - p.X, 90: 1000 - p.Y, 180: p.X, 270: p.Y}[heading]
					assert.InDelta(t, engine.BotRadius, edge, 1e-9, "touching the edge at %v", p)
					return
				}
				r := walls[heading]
				assert.False(t, r.CircleOverlaps(p, engine.BotRadius), "not in the wall: %v", p)
				assert.Less(t, r.Closest(p).Dist(p), engine.BotRadius+engine.MaxSpeed, "where it was a tick before: %v", p)
			})
		}
	}
}

// Two bots that overlap (placed so) are pushed apart, just touching, each hearing HitBot and taking RamDamage.
func TestOverlappingBotsArePushedApart(t *testing.T) {
	w := newWorld(t, engine.Config{})
	a := spawn(t, w, "a", idle)
	b := spawn(t, w, "b", idle)
	place(w, a, 400, 300, 0)
	place(w, b, 410, 300, 0)
	step(t, w, 1)
	pa, pb := w.Bot(a.ID()).Pos(), w.Bot(b.ID()).Pos()
	assert.InDelta(t, 2*engine.BotRadius, pa.Dist(pb), 1e-9)
	assert.InDelta(t, 405, (pa.X+pb.X)/2, 1e-9, "each moved half the way")
	assert.InDelta(t, engine.StartEnergy-engine.RamDamage, a.Energy(), 1e-9)
	assert.InDelta(t, engine.StartEnergy-engine.RamDamage, b.Energy(), 1e-9)
}

// Bots pushed apart against an edge stay inside the arena: the one pushed toward the edge stops touching it.
func TestBotsPushedApartStayInside(t *testing.T) {
	const width, height = 800.0, 600.0
	r := engine.BotRadius
	for _, tt := range []struct {
		name       string
		edge, near engine.Vec // the bot at the edge, and one overlapping it from inside
	}{
		{"east", engine.Vec{X: width - r, Y: 300}, engine.Vec{X: width - r - 10, Y: 300}},
		{"south", engine.Vec{X: 400, Y: height - r}, engine.Vec{X: 400, Y: height - r - 10}},
		{"west", engine.Vec{X: r, Y: 300}, engine.Vec{X: r + 10, Y: 300}},
		{"north", engine.Vec{X: 400, Y: r}, engine.Vec{X: 400, Y: r + 10}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: width, Height: height})
			a := spawn(t, w, "a", idle)
			b := spawn(t, w, "b", idle)
			place(w, a, tt.edge.X, tt.edge.Y, 0)
			place(w, b, tt.near.X, tt.near.Y, 0)
			step(t, w, 1)
			for _, bot := range []*actors.Bot{a, b} {
				p := w.Bot(bot.ID()).Pos()
				assert.True(t, p.X >= r && p.Y >= r && p.X <= width-r && p.Y <= height-r, "%s inside: %v", bot.Name(), p)
			}
			assert.Equal(t, tt.edge, w.Bot(a.ID()).Pos(), "pushed into the edge: it stays touching it")
		})
	}
}

// A move ends when the distance is covered and the bot has stopped: Forward returns with the bot at rest.
func TestAMoveEndsAtRest(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 3000, Height: 600})
	moves := []float64{50, 3, 120, 0.5, 1, 2.5, 7, 11, 13.5, 19, 26, 33, 41}
	var speeds []float64
	var dist []float64
	b := spawn(t, w, "mover", func(bot *actors.Bot) {
		for _, d := range moves {
			x0, y0 := bot.Position()
			bot.Forward(d)
			x1, y1 := bot.Position()
			speeds = append(speeds, bot.Speed())
			dist = append(dist, engine.Vec{X: x0, Y: y0}.Dist(engine.Vec{X: x1, Y: y1}))
		}
		bot.Wait(1 << 30)
	})
	place(w, b, 100, 300, 0)
	step(t, w, 600)
	require.Len(t, dist, len(moves))
	assert.Equal(t, make([]float64, len(moves)), speeds)
	assert.InDeltaSlice(t, moves, dist, 1e-9)
}

// A bot that does not read its events keeps the latest maxEvents (32) of them, its own and the deaths it hears
// alike; a bot with no events of its own hears deaths too.
func TestUnreadEventsKeepTheLatest(t *testing.T) {
	t.Run("own events", func(t *testing.T) {
		w := newWorld(t, engine.Config{})
		var heard []actors.Event
		shooter := spawn(t, w, "shooter", idle)
		target := spawn(t, w, "target", func(bot *actors.Bot) {
			bot.Wait(100) // the hits cut the wait short
			heard = append(heard, bot.Events()...)
			bot.Wait(1 << 30)
		})
		place(w, shooter, 100, 300, 0)
		place(w, target, 400, 300, 0)
		body := w.Bot(shooter.ID())
		for range 40 { // 40 bullets on one path: they hit the target in the same tick
			require.NotNil(t, w.Launch(body, engine.MinPower))
		}
		step(t, w, 30)
		require.Len(t, heard, 32)
		for _, e := range heard {
			assert.Equal(t, actors.HitByBullet, e.Kind)
			assert.Equal(t, shooter.ID(), e.Other)
		}
		assert.InDelta(t, engine.StartEnergy-40*engine.BulletDamage(engine.MinPower), target.Energy(), 1e-9, "all 40 hit")
	})
	t.Run("deaths", func(t *testing.T) {
		w := newWorld(t, engine.Config{Width: 1200, Height: 900})
		var heard []actors.Event
		watcher := spawn(t, w, "watcher", func(bot *actors.Bot) {
			bot.Wait(5)
			heard = append(heard, bot.Events()...)
			bot.Wait(1 << 30)
		})
		spawn(t, w, "survivor", idle)
		var doomed []int
		for range 40 {
			b := spawn(t, w, "doomed", idle)
			doomed = append(doomed, b.ID())
			engine.SetEnergy(w.Bot(b.ID()), 0) // dies at the end of the first tick
		}
		step(t, w, 10)
		require.True(t, w.Bot(watcher.ID()).Alive(), w.Bot(watcher.ID()).Cause())
		require.Len(t, heard, 32)
		for i, e := range heard {
			assert.Equal(t, actors.BotDied, e.Kind)
			assert.Equal(t, doomed[8+i], e.Other, "the latest 32 deaths, in order")
		}
	})
}

// A bot never leaves the arena: one that drives at an edge stops touching it, BotRadius from it, in the tick its
// body reaches it, and hears one HitWall; one that touches an edge drives along it freely.
func TestBotsStayInsideTheArena(t *testing.T) {
	const size = 1000.0
	r := engine.BotRadius
	for _, tt := range []struct {
		name    string
		from    engine.Vec
		heading float64
		hits    bool
	}{
		{"into the east edge", engine.Vec{X: size - 100, Y: 500}, 0, true},
		{"into the south edge", engine.Vec{X: 500, Y: size - 100}, 90, true},
		{"into the west edge", engine.Vec{X: 100, Y: 500}, 180, true},
		{"into the north edge", engine.Vec{X: 500, Y: 100}, 270, true},
		{"along the west edge", engine.Vec{X: r, Y: 300}, 90, false},
		{"along the east edge", engine.Vec{X: size - r, Y: 300}, 90, false},
		{"along the north edge", engine.Vec{X: 300, Y: r}, 0, false},
		{"along the south edge", engine.Vec{X: 300, Y: size - r}, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: size, Height: size})
			var events []actors.Event
			b := runner(t, w, &events)
			place(w, b, tt.from.X, tt.from.Y, tt.heading)
			body := w.Bot(b.ID())
			for range 30 {
				prev := body.Pos()
				require.NoError(t, w.Step())
				p := body.Pos()
				require.True(t, p.X >= r && p.Y >= r && p.X <= size-r && p.Y <= size-r, "in the arena: %v", p)
				if body.Speed() == 0 && prev != p { // it stopped this tick: at the edge, not short of it
					edge := min(p.X, p.Y, size-p.X, size-p.Y)
					assert.Equal(t, r, edge, "touching the edge: %v", p)
				}
			}
			if !tt.hits {
				assert.Empty(t, events)
				assert.Greater(t, body.Pos().Dist(tt.from), 150.0, "it drove on")
				return
			}
			require.Len(t, events, 1)
			assert.Equal(t, actors.HitWall, events[0].Kind)
		})
	}
}

// A wall just across a grid cell's border from a bot still stops it: the bot's centre is in its own cell when
// its body reaches the wall, which lies only in the next (cells are 128 units; walls end 1 short of a border).
func TestWallsAcrossACellBorderStopBots(t *testing.T) {
	for _, tt := range []struct {
		heading float64
		from    engine.Vec
		wall    engine.Rect
	}{
		{0, engine.Vec{X: 300, Y: 500}, engine.R(4*engine.CellSize, 400, 20, 200)},
		{90, engine.Vec{X: 500, Y: 300}, engine.R(400, 4*engine.CellSize, 200, 20)},
		{180, engine.Vec{X: 700, Y: 500}, engine.R(3*engine.CellSize-21, 400, 20, 200)},
		{270, engine.Vec{X: 500, Y: 700}, engine.R(400, 3*engine.CellSize-21, 200, 20)},
	} {
		t.Run(fmt.Sprintf("heading %g", tt.heading), func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: 1000, Height: 1000, Walls: []engine.Rect{tt.wall}})
			var events []actors.Event
			b := runner(t, w, &events)
			place(w, b, tt.from.X, tt.from.Y, tt.heading)
			body := w.Bot(b.ID())
			for range 60 {
				require.NoError(t, w.Step())
				require.False(t, tt.wall.CircleOverlaps(body.Pos(), engine.BotRadius), "in the wall at %v", body.Pos())
			}
			require.Len(t, events, 1)
			assert.Equal(t, actors.HitWall, events[0].Kind)
		})
	}
}

// A bot whose move is cut short by a wall is woken, and fires nothing: it hears only HitWall, and no bullet
// appears, then or later.
func TestAMoveCutShortFiresNothing(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 1000, Height: 1000})
	var events []actors.Event
	b := spawn(t, w, "runner", func(bot *actors.Bot) {
		bot.Forward(500) // into the east edge
		bot.Wait(20)
		events = append(events, bot.Events()...)
		bot.Wait(1 << 30)
	})
	spawn(t, w, "other", idle)
	place(w, b, 900, 500, 0)
	for range 60 {
		require.NoError(t, w.Step())
		require.Empty(t, w.Bullets(), "tick %d", w.Tick())
	}
	require.Len(t, events, 1)
	assert.Equal(t, actors.HitWall, events[0].Kind)
	assert.Zero(t, w.Bot(b.ID()).Shots())
}

// runner spawns a bot that drives at full speed for ever and adds every event it hears to events.
func runner(t *testing.T, w *engine.World, events *[]actors.Event) *actors.Bot {
	t.Helper()
	return spawn(t, w, "runner", func(bot *actors.Bot) {
		bot.SetSpeed(engine.MaxSpeed)
		for {
			bot.Yield()
			*events = append(*events, bot.Events()...)
		}
	})
}
