package engine_test

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/engine"
)

func newWorld(t *testing.T, cfg engine.Config) *engine.World {
	t.Helper()
	if cfg.Width == 0 {
		cfg.Width, cfg.Height = 800, 600
	}
	w, err := engine.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w
}

func spawn(t *testing.T, w *engine.World, name string, script actors.Script) *actors.Bot {
	t.Helper()
	b, err := actors.SpawnBot(w, name, script)
	require.NoError(t, err)
	return b
}

func step(t *testing.T, w *engine.World, n int) {
	t.Helper()
	for range n {
		require.NoError(t, w.Step())
	}
}

// idle is a script that never acts.
func idle(bot *actors.Bot) { bot.Wait(1 << 30) }

// place puts a bot at a point and heading by driving its body directly (tests only: scripts cannot teleport).
func place(w *engine.World, b *actors.Bot, x, y, heading float64) {
	engine.Place(w.Bot(b.ID()), engine.Vec{X: x, Y: y}, heading)
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []engine.Config{
		{Width: 10, Height: 600},
		{Width: 800, Height: 1e9},
		{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(700, 500, 200, 10)}},
		{Width: 800, Height: 600, Walls: []engine.Rect{engine.R(10, 10, 0, 10)}},
	} {
		_, err := engine.New(cfg)
		assert.Error(t, err, "%+v", cfg)
	}
	w := newWorld(t, engine.Config{Width: 200, Height: 200})
	var err error
	for range 50 {
		if _, err = actors.SpawnBot(w, "idle", idle); err != nil {
			break
		}
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "too small")
}

func TestForwardCostsTwoSwitchesWhateverTheDistance(t *testing.T) {
	for _, d := range []float64{10, 100, 400} {
		w := newWorld(t, engine.Config{})
		var moved float64
		b := spawn(t, w, "mover", func(bot *actors.Bot) {
			x0, _ := bot.Position()
			bot.Forward(d)
			x1, _ := bot.Position()
			moved = x1 - x0
			bot.Wait(1 << 30)
		})
		place(w, b, 100, 300, 0)
		step(t, w, 150)
		assert.InDelta(t, d, moved, 1e-6, "moved exactly %g", d)
		assert.Equal(t, uint64(2), w.Switches(), "one turn to start the move, one when it is over")
	}
}

func TestMovesTurnsAndGunTiming(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var shotTicks []uint64
	var headings []float64
	b := spawn(t, w, "gunner", func(bot *actors.Bot) {
		bot.Turn(90)
		headings = append(headings, bot.Heading())
		bot.TurnGun(-45)
		headings = append(headings, bot.GunHeading())
		for len(shotTicks) < 3 {
			bot.WaitGun()
			tick := bot.Tick()
			if bot.Shoot() {
				shotTicks = append(shotTicks, tick)
			}
		}
		bot.Wait(1 << 30)
	})
	place(w, b, 400, 300, 0)
	step(t, w, 100)
	assert.Equal(t, []float64{90, 45}, headings)
	require.Len(t, shotTicks, 3)
	// Start heat 3.0 cools 0.1 a tick: cold at tick 30, the shot leaves in that tick's physics; then 1.2 heat,
	// 12 ticks.
	assert.Equal(t, []uint64{31, 43, 55}, shotTicks)
	assert.InDelta(t, 100-3, b.Energy(), 1e-9, "each power-1 shot costs 1 energy")
}

func TestBulletHitsBot(t *testing.T) {
	w := newWorld(t, engine.Config{})
	shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
		bot.WaitGun()
		bot.ShootPower(3)
		bot.Wait(1 << 30)
	})
	var events []actors.Event
	target := spawn(t, w, "target", func(bot *actors.Bot) {
		bot.Wait(1 << 30) // a hit interrupts the wait
		events = append(events, bot.Events()...)
		bot.Wait(1 << 30)
	})
	place(w, shooter, 100, 300, 0)
	place(w, target, 400, 300, 90)
	step(t, w, 70)
	assert.InDelta(t, 100-16, target.Energy(), 1e-9, "a power-3 bullet takes 16")
	assert.InDelta(t, 100-3+9, shooter.Energy(), 1e-9, "the shooter paid 3 and got 9 back")
	require.Len(t, events, 1)
	assert.Equal(t, actors.HitByBullet, events[0].Kind)
	assert.Equal(t, shooter.ID(), events[0].Other)
	assert.InDelta(t, 180, events[0].Bearing, 1e-6, "the bullet came from the west")
	assert.Equal(t, 1, w.Bot(shooter.ID()).Hits())
	assert.Empty(t, w.Bullets())
}

func TestWallsAndDoorsBlockBulletsAndBots(t *testing.T) {
	w := newWorld(t, engine.Config{Walls: []engine.Rect{engine.R(300, 0, 20, 250)}})
	door, err := actors.SpawnDoor(w, engine.R(300, 250, 20, 100), func(d *actors.Door) {
		d.Wait(200)
		d.Open()
		d.Wait(1 << 30)
	})
	require.NoError(t, err)
	shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
		for {
			bot.WaitGun()
			bot.Shoot()
		}
	})
	target := spawn(t, w, "target", idle)
	var hitWall bool
	runner := spawn(t, w, "runner", func(bot *actors.Bot) {
		bot.Forward(300)
		for _, ev := range bot.Events() {
			hitWall = hitWall || ev.Kind == actors.HitWall
		}
		bot.Wait(1 << 30)
	})
	place(w, shooter, 100, 100, 0) // behind the wall
	place(w, target, 500, 100, 0)
	place(w, runner, 100, 300, 0) // toward the closed door
	step(t, w, 150)
	assert.Equal(t, 100.0, target.Energy(), "the wall stops every bullet")
	assert.True(t, hitWall, "the closed door stopped the runner")
	x, _ := runner.Position()
	assert.Less(t, x, 300-engine.BotRadius+1)
	assert.Equal(t, 0.0, w.Doors()[door.ID()-1].OpenFraction())

	step(t, w, 100) // the door opens at tick 200 over 30 ticks
	assert.Equal(t, 1.0, w.Doors()[door.ID()-1].OpenFraction())
	place(w, shooter, 100, 300, 0) // now in line with the open doorway
	place(w, target, 500, 300, 0)
	place(w, runner, 100, 500, 0)
	step(t, w, 100)
	assert.Less(t, target.Energy(), 100.0, "bullets pass an open door")
}

func TestDoorsNeverCloseOnABotAndProximityDoorsOpen(t *testing.T) {
	w := newWorld(t, engine.Config{})
	door, err := actors.SpawnDoor(w, engine.R(380, 200, 40, 200), actors.ProximityDoor(100))
	require.NoError(t, err)
	b := spawn(t, w, "visitor", idle)
	place(w, b, 700, 300, 180)
	step(t, w, 50)
	assert.Equal(t, 0.0, w.Doors()[door.ID()-1].OpenFraction(), "nobody near")
	place(w, b, 470, 300, 180)
	step(t, w, 40)
	assert.Equal(t, 1.0, w.Doors()[door.ID()-1].OpenFraction(), "opened for the visitor")
	place(w, b, 400, 300, 180) // in the doorway
	step(t, w, 100)
	assert.Equal(t, 1.0, w.Doors()[door.ID()-1].OpenFraction(), "stays open while a bot is near")
	place(w, b, 700, 300, 180)
	step(t, w, 100)
	assert.Equal(t, 0.0, w.Doors()[door.ID()-1].OpenFraction(), "closed once alone")
}

func TestBotsCollide(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var kinds []actors.Event
	a := spawn(t, w, "rammer", func(bot *actors.Bot) {
		bot.Forward(300)
		kinds = append(kinds, bot.Events()...)
		bot.Wait(1 << 30)
	})
	b := spawn(t, w, "wall of meat", idle)
	place(w, a, 100, 300, 0)
	place(w, b, 300, 300, 0)
	step(t, w, 80)
	require.NotEmpty(t, kinds)
	assert.Equal(t, actors.HitBot, kinds[0].Kind)
	ax, _ := a.Position()
	bx, _ := b.Position()
	assert.GreaterOrEqual(t, bx-ax, 2*engine.BotRadius-1e-9, "no overlap")
	assert.InDelta(t, 100-engine.RamDamage, b.Energy(), 1e-9)
	assert.InDelta(t, 100-engine.RamDamage, a.Energy(), 1e-9)
}

// Scan sees the nearest bot in the arc, whatever its order in the World, and nothing beyond ScanRange.
func TestScanSeesTheNearestInTheArc(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 3000, Height: 3000})
	var seen []int
	latest := -1
	scanner := spawn(t, w, "scanner", func(bot *actors.Bot) {
		for range 4 {
			if tg, ok := bot.Scan(); ok {
				seen = append(seen, tg.ID)
			} else {
				seen = append(seen, 0)
			}
			bot.Turn(90)
		}
		for { // the gun points east again: keep looking
			tg, _ := bot.Scan()
			latest = tg.ID
		}
	})
	far := spawn(t, w, "far", idle) // added first: the nearest wins, not the first
	near := spawn(t, w, "near", idle)
	side := spawn(t, w, "side", idle)
	place(w, scanner, 1000, 1000, 0)
	place(w, near, 1300, 1050, 0) // east, within 22.5°
	place(w, far, 1900, 1000, 0)  // east, farther
	place(w, side, 1000, 1100, 0) // south, close
	step(t, w, 100)
	assert.Equal(t, []int{near.ID(), side.ID(), 0, 0}, seen)
	assert.Equal(t, near.ID(), latest)

	place(w, near, 1000, 600, 0) // north: out of the arc
	step(t, w, 2)
	assert.Equal(t, far.ID(), latest, "with the nearest gone, the farther one")

	place(w, far, 1000+engine.ScanRange+50, 1000, 0) // east, out of range
	step(t, w, 2)
	assert.Zero(t, latest, "nothing in range")
}

func TestTalkBulletDamagesTen(t *testing.T) {
	w := newWorld(t, engine.Config{})
	target := spawn(t, w, "target", idle)
	place(w, target, 400, 300, 0)
	actors.SpawnBullet(w, 100, 300, nil, bots.TalkBullet(10, 0))
	step(t, w, 40)
	assert.Equal(t, 90.0, target.Energy(), "bot.add_damage(-10)")
	assert.Empty(t, w.Bullets(), "the bullet's tasklet ended, and so did the bullet")
}

// A scripted bullet's find_bot is the live bot whose body covers the bullet's point (its edge included), other
// than the bullet's owner: the nearest, and of equally near ones the lowest ID, whatever cells they are in.
func TestScriptedBulletFindsTheBotUnderIt(t *testing.T) {
	for _, tt := range []struct {
		name   string
		bots   []engine.Vec // IDs 1, 2, ... (they may overlap: the World is not stepped)
		owner  int          // the bullet's owner's ID, 0 for none
		bullet engine.Vec
		want   int // the ID found, 0 for none
	}{
		{"on a bot's centre", []engine.Vec{{X: 400, Y: 300}}, 0, engine.Vec{X: 400, Y: 300}, 1},
		{"exactly on its edge", []engine.Vec{{X: 400, Y: 300}}, 0, engine.Vec{X: 400 + engine.BotRadius, Y: 300}, 1},
		{"just off its edge", []engine.Vec{{X: 400, Y: 300}}, 0, engine.Vec{X: 400.5 + engine.BotRadius, Y: 300}, 0},
		{"over its owner only", []engine.Vec{{X: 400, Y: 300}}, 1, engine.Vec{X: 400, Y: 300}, 0},
		{"the nearer of two", []engine.Vec{{X: 400, Y: 300}, {X: 420, Y: 300}}, 0, engine.Vec{X: 415, Y: 300}, 2},
		{"the nearer of two, the owner left out", []engine.Vec{{X: 400, Y: 300}, {X: 420, Y: 300}}, 2, engine.Vec{X: 415, Y: 300}, 1},
		{"equally near, one cell: the lower ID", []engine.Vec{{X: 400, Y: 300}, {X: 430, Y: 300}}, 0, engine.Vec{X: 415, Y: 300}, 1},
		// Cells are visited left to right: #2, in the cell left of x=384, is seen before #1.
		{"equally near, two cells: the lower ID", []engine.Vec{{X: 398, Y: 300}, {X: 370, Y: 300}}, 0, engine.Vec{X: 384, Y: 300}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			var owner *engine.Bot
			for i, p := range tt.bots {
				b, err := w.AddBot("bot")
				require.NoError(t, err)
				engine.Place(b, p, 0)
				if i+1 == tt.owner {
					owner = b
				}
			}
			found := w.ControlBullet(w.AddScriptedBullet(tt.bullet, owner)).FindBot()
			if tt.want == 0 {
				assert.Nil(t, found)
				return
			}
			require.NotNil(t, found)
			assert.Equal(t, tt.want, found.ID())
		})
	}
}

// A scripted bullet is in bounds inside the arena, its edges included.
func TestScriptedBulletInBounds(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 800, Height: 600})
	c := w.ControlBullet(w.AddScriptedBullet(engine.Vec{X: 400, Y: 300}, nil))
	for _, tt := range []struct {
		p  engine.Vec
		in bool
	}{
		{engine.Vec{X: 400, Y: 300}, true},
		{engine.Vec{X: 0, Y: 0}, true},
		{engine.Vec{X: 800, Y: 600}, true},
		{engine.Vec{X: -0.5, Y: 300}, false},
		{engine.Vec{X: 400, Y: -0.5}, false},
		{engine.Vec{X: 800.5, Y: 300}, false},
		{engine.Vec{X: 400, Y: 600.5}, false},
	} {
		c.MoveTo(tt.p)
		assert.Equal(t, tt.in, c.InBounds(), "%v", tt.p)
	}
}

// A scripted bullet takes one script; an engine bullet takes none (its own tasklet waits for its flight).
func TestScriptedBulletTakesOneScript(t *testing.T) {
	w := newWorld(t, engine.Config{})
	c := w.ControlBullet(w.AddScriptedBullet(engine.Vec{X: 400, Y: 300}, nil))
	require.NoError(t, c.Run(func() { c.Yield() }))
	assert.Error(t, c.Run(func() {}), "a second script")
	shooter, err := w.AddBot("shooter")
	require.NoError(t, err)
	assert.Error(t, w.ControlBullet(w.Launch(shooter, 1)).Run(func() {}), "an engine bullet")
}

// Hurt between Steps (no script phase under way) takes the energy at once and credits the bullet's owner; a
// damage that is not positive, or NaN, does nothing; a huge one is capped at MaxEnergyDelta.
func TestHurtBetweenStepsAppliesAtOnce(t *testing.T) {
	w := newWorld(t, engine.Config{})
	owner, err := w.AddBot("owner")
	require.NoError(t, err)
	victim, err := w.AddBot("victim")
	require.NoError(t, err)
	c := w.ControlBullet(w.AddScriptedBullet(engine.Vec{X: 400, Y: 300}, owner))
	c.Hurt(victim, 10)
	assert.Equal(t, engine.StartEnergy-10, victim.Energy())
	assert.Equal(t, 10.0, owner.DamageDealt())
	for _, d := range []float64{0, -5, math.NaN()} {
		c.Hurt(victim, d)
		assert.Equal(t, engine.StartEnergy-10, victim.Energy(), "damage %g", d)
	}
	c.Hurt(victim, 1e300)
	assert.Equal(t, engine.StartEnergy-10-engine.MaxEnergyDelta, victim.Energy())
	assert.Equal(t, 10.0+engine.MaxEnergyDelta, owner.DamageDealt())
}

func TestDeathEndsTheScriptAndItsGoroutine(t *testing.T) {
	base := runtime.NumGoroutine()
	w, err := engine.New(engine.Config{Width: 800, Height: 600})
	require.NoError(t, err)
	deferred := false
	victim := spawn(t, w, "victim", func(bot *actors.Bot) {
		defer func() { deferred = true }()
		bot.Forward(-10_000) // parked in a long action when it dies
	})
	place(w, victim, 400, 300, 0) // backing toward the bullet
	engine.SetEnergy(w.Bot(victim.ID()), 5)
	actors.SpawnBullet(w, 100, 300, nil, bots.TalkBullet(10, 0))
	step(t, w, 60)
	assert.False(t, w.Bot(victim.ID()).Alive())
	assert.True(t, deferred, "its defers ran")
	assert.Equal(t, "ran out of energy", w.Bot(victim.ID()).Cause())
	assert.False(t, w.Bot(victim.ID()).Running())
	require.NoError(t, w.Close())
	waitGoroutines(t, base)
}

// On shards as on one scheduler, a bot's death ends its script at once, whichever shard it runs on.
func TestDeathEndsTheScriptOnEveryShard(t *testing.T) {
	const shards = 3
	w := newWorld(t, engine.Config{Width: 800, Height: 600, Shards: shards})
	deferred := make([]bool, 2*shards)
	var doomed []*actors.Bot
	for i := range 2 * shards {
		b := spawn(t, w, "bot", func(bot *actors.Bot) {
			defer func() { deferred[i] = true }()
			bot.Wait(1 << 30)
		})
		if i < shards { // bots 1, 2, 3: one on each shard
			doomed = append(doomed, b)
		}
	}
	step(t, w, 1)
	for _, b := range doomed {
		engine.SetEnergy(w.Bot(b.ID()), 0)
	}
	step(t, w, 1)
	for i, b := range doomed {
		body := w.Bot(b.ID())
		require.False(t, body.Alive())
		assert.Equal(t, i, body.Shard())
		assert.True(t, deferred[i], "bot %d's defers ran", b.ID())
		assert.False(t, body.Running(), "bot %d", b.ID())
	}
	assert.Equal(t, []bool{false, false, false}, deferred[shards:], "the others run on")
}

func TestScriptPanicKillsThatBotOnly(t *testing.T) {
	w := newWorld(t, engine.Config{})
	faulty := spawn(t, w, "faulty", func(bot *actors.Bot) {
		bot.Forward(20)
		var m map[string]int
		//lint:ignore SA5000 the script must panic: an assignment to an entry in a nil map
		m["boom"]++
	})
	steady := spawn(t, w, "steady", bots.Spinbot)
	spawn(t, w, "bystander", idle)
	step(t, w, 100)
	assert.False(t, w.Bot(faulty.ID()).Alive())
	assert.Contains(t, w.Bot(faulty.ID()).Cause(), "script error")
	console := fmt.Sprint(w.Bot(faulty.ID()).Console())
	assert.Contains(t, console, "assignment to entry in nil map")
	assert.Contains(t, console, "world_test.go", "the stack is in the console")
	assert.True(t, w.Bot(steady.ID()).Alive())
	require.Len(t, w.ScriptErrors(), 1)
	var te interface{ Unwrap() error }
	assert.True(t, errors.As(w.ScriptErrors()[0].Err, &te))
	assert.False(t, w.Over(), "the match goes on")
	assert.Greater(t, w.Bot(steady.ID()).Shots(), 0)
}

func TestMatchEndsAndRanks(t *testing.T) {
	w := newWorld(t, engine.Config{MaxTicks: 300})
	a := spawn(t, w, "a", idle)
	b := spawn(t, w, "b", idle)
	step(t, w, 400)
	assert.True(t, w.Over())
	assert.Equal(t, uint64(300), w.Tick(), "no tick after the end")
	assert.Len(t, w.Ranking(), 2)
	assert.Same(t, w.Bot(a.ID()), w.Winner(), "a tie goes to the lower ID")
	assert.Same(t, w.Bot(b.ID()), w.Ranking()[1].Bot)
}

// A match ends when at most one bot is left (none, for a bot alone), or at MaxTicks; the winner is known only then.
func TestWhenAMatchEnds(t *testing.T) {
	faulty := func(bot *actors.Bot) { bot.Wait(9); panic("boom") } // dies in tick 10
	tests := []struct {
		name    string
		scripts []actors.Script
		overAt  uint64 // 0: not over after 50 ticks
	}{
		{"two bots, one dies", []actors.Script{idle, faulty}, 10},
		{"three bots, one dies", []actors.Script{idle, idle, faulty}, 0},
		{"a bot alone, alive", []actors.Script{idle}, 0},
		{"a bot alone dies", []actors.Script{faulty}, 10},
		{"no bot", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			for _, s := range tt.scripts {
				spawn(t, w, "bot", s)
			}
			var overAt uint64
			for range 50 {
				require.NoError(t, w.Step())
				if w.Over() && overAt == 0 {
					overAt = w.Tick()
				}
				if !w.Over() {
					assert.Nil(t, w.Winner(), "no winner before the end")
				}
			}
			assert.Equal(t, tt.overAt, overAt)
			if tt.overAt > 0 && len(tt.scripts) > 1 {
				assert.Same(t, w.Bot(1), w.Winner())
			}
		})
	}
}

func TestInactivityDrainsEnergy(t *testing.T) {
	w := newWorld(t, engine.Config{MaxTicks: 600})
	a := spawn(t, w, "a", idle)
	spawn(t, w, "b", idle)
	step(t, w, engine.InactivityTicks)
	assert.Equal(t, 100.0, a.Energy())
	step(t, w, 1)
	assert.InDelta(t, 100-engine.InactivityZap, a.Energy(), 1e-9, "the first zap, a tick after InactivityTicks")
	step(t, w, 99)
	assert.InDelta(t, 100-100*engine.InactivityZap, a.Energy(), 1e-6)
}

// A bullet's damage restarts the inactivity count; a wall's or a collision's does not.
func TestBulletDamageKeepsTheMatchActive(t *testing.T) {
	w := newWorld(t, engine.Config{MaxTicks: 2000})
	hitAt := uint64(engine.InactivityTicks - 50)
	shooter := spawn(t, w, "shooter", func(bot *actors.Bot) {
		bot.Wait(int(hitAt) - 15)
		bot.ShootPower(1) // 300 units at 17 a tick: it hits about 15 ticks later
		bot.Wait(1 << 30)
	})
	target := spawn(t, w, "target", idle)
	place(w, shooter, 100, 300, 0)
	place(w, target, 400, 300, 0)
	hurt := engine.StartEnergy - engine.BulletDamage(1)
	var hit uint64
	for hit == 0 {
		require.NoError(t, w.Step())
		require.Less(t, w.Tick(), uint64(engine.InactivityTicks))
		if target.Energy() < engine.StartEnergy {
			hit = w.Tick()
		}
	}
	require.InDelta(t, hurt, target.Energy(), 1e-9)
	step(t, w, int(hit+engine.InactivityTicks-w.Tick()))
	require.InDelta(t, hurt, target.Energy(), 1e-9, "not drained InactivityTicks after the hit (tick %d)", hit)
	step(t, w, 1)
	assert.InDelta(t, hurt-engine.InactivityZap, target.Energy(), 1e-9, "drained a tick later")
}

// waitGoroutines waits for the goroutine count to come back to want.
func waitGoroutines(t *testing.T, want int) {
	t.Helper()
	for range 1000 {
		if runtime.NumGoroutine() <= want {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("goroutines: %d, want %d", runtime.NumGoroutine(), want)
}

// Every live script holds one goroutine at most, and a script ends no later than its next turn after its
// actor: bullets with their flight (an engine bullet's tasklet is paused during the flight and runs its only turn
// once the flight is over), dead bots at once.
func TestNoGoroutineOutlivesItsActor(t *testing.T) {
	base := runtime.NumGoroutine()
	w, err := engine.New(engine.Config{Width: 900, Height: 700, Seed: 4, MaxTicks: 3000})
	require.NoError(t, err)
	_, err = actors.SpawnDoor(w, engine.R(440, 200, 20, 300), actors.TimedDoor(50, 50))
	require.NoError(t, err)
	for _, in := range bots.All() {
		spawn(t, w, in.Name, in.Script)
	}
	sched := engine.Scheduler(w.Driver())
	endedLastTick := map[*engine.Bullet]bool{}
	flying := map[*engine.Bullet]bool{}
	for !w.Over() {
		require.NoError(t, w.Step())
		now := map[*engine.Bullet]bool{}
		for _, bl := range w.Bullets() {
			now[bl] = true
		}
		ended := map[*engine.Bullet]bool{}
		for bl := range flying {
			if !now[bl] {
				ended[bl] = true
				assert.False(t, endedLastTick[bl], "a bullet's tasklet outlived its flight by more than a turn")
			}
		}
		for bl := range endedLastTick {
			assert.False(t, engine.ScriptAlive(bl), "tick %d: bullet %d's tasklet still runs a turn after its flight", w.Tick(), bl.ID())
		}
		for _, b := range w.Bots() {
			if !b.Alive() {
				assert.False(t, b.Running(), "tick %d: %s died but its script runs", w.Tick(), b)
			}
		}
		started := 0
		for tl := range sched.Tasklets {
			if tl.Started() {
				started++
			}
		}
		// Beside the live tasklets' goroutines, a few idle ones wait to run the next bullets' last turns;
		// they hold no actor.
		idle := sched.IdleCoroutines()
		assert.LessOrEqual(t, idle, 16)
		assert.LessOrEqual(t, runtime.NumGoroutine()-base, started+idle, "tick %d: one goroutine per started live tasklet at most", w.Tick())
		endedLastTick, flying = ended, now
	}
	require.NoError(t, w.Close())
	waitGoroutines(t, base)
}

// Bots added between Steps are placed clear of the bots already there (scale_test.go: placing many is fast).
func TestAddBotsBetweenSteps(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 400, Height: 400})
	for range 10 {
		spawn(t, w, "idle", idle)
	}
	step(t, w, 5)
	for range 10 {
		spawn(t, w, "late", idle)
	}
	bs := w.Bots()
	for i, a := range bs {
		for _, b := range bs[i+1:] {
			assert.GreaterOrEqual(t, a.Pos().Dist(b.Pos()), 2*engine.BotRadius, "%s and %s overlap", a, b)
		}
	}
}

// A script that steers every tick (the desktop's player) drives while it yields, turns and shoots.
func TestDrivenBotMovesWhileYielding(t *testing.T) {
	w := newWorld(t, engine.Config{})
	b := spawn(t, w, "driver", func(bot *actors.Bot) {
		bot.SetSpeed(8)
		for {
			bot.Yield()
			bot.Shoot()
		}
	})
	spawn(t, w, "idle", idle)
	place(w, b, 100, 300, 0)
	step(t, w, 20)
	x, _ := b.Position()
	assert.Greater(t, x, 200.0, "it drove on")
}

// While an inspector watches a bot, its actions record the script line they were called from.
func TestInspectorSeesTheScriptLine(t *testing.T) {
	w := newWorld(t, engine.Config{})
	b := spawn(t, w, "walker", func(bot *actors.Bot) {
		for {
			bot.Forward(50) // the line the inspector must show
			bot.Turn(90)
		}
	})
	spawn(t, w, "idle", idle)
	step(t, w, 1)
	assert.Empty(t, w.Bot(b.ID()).Where(), "nothing recorded while nobody watches")
	w.SetTracing(w.Bot(b.ID()), true)
	for w.Bot(b.ID()).Where() == "" || w.Bot(b.ID()).Action()[:6] != "moving" {
		step(t, w, 1)
	}
	assert.Regexp(t, `^world_test\.go:\d+$`, w.Bot(b.ID()).Where())
	assert.Contains(t, w.Bot(b.ID()).Action(), "moving")
}

// A bot stepped by plain code (the benchmarks' state machines) through its control: a wait of n ticks keeps it
// parked for n ticks and says how many are left; a gun fires only with more energy than the shot's power; a
// move of nothing reads "0.0 of 0.0", never "-0.0".
func TestPlainCodeBotActions(t *testing.T) {
	w := newWorld(t, engine.Config{})
	b, err := w.AddBot("plain")
	require.NoError(t, err)
	_, err = w.AddBot("other")
	require.NoError(t, err)
	c := w.ControlBot(b)

	c.StartWait(3)
	for left := 3; left > 0; left-- {
		assert.True(t, c.Parked(), "%d ticks left", left)
		assert.Equal(t, fmt.Sprintf("waiting: %d ticks left", left), b.Action())
		step(t, w, 1)
	}
	assert.False(t, c.Parked(), "the wait is over")
	c.Done()

	step(t, w, 30) // the gun cools
	require.Zero(t, b.GunHeat())
	engine.SetEnergy(b, 1)
	assert.False(t, c.SetFire(1), "energy equal to the power")
	assert.True(t, c.SetFire(0.5))

	c.StartMove(0)
	assert.Equal(t, "moving: 0.0 of 0.0 left", b.Action())
}
