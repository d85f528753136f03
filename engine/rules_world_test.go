package engine_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// A timed door (which, unlike a proximity door, closes whether or not a bot is near) never closes on a bot
// standing in its doorway, and closes once the bot has gone.
func TestTimedDoorNeverClosesOnABot(t *testing.T) {
	w := newWorld(t, engine.Config{})
	door, err := actors.SpawnDoor(w, engine.R(380, 200, 40, 200), actors.TimedDoor(20, 10))
	require.NoError(t, err)
	b := spawn(t, w, "squatter", idle)
	place(w, b, 700, 300, 180)
	body, view := w.Bot(b.ID()), w.Doors()[door.ID()-1]
	step(t, w, 45) // closed 10 ticks, opening for 30: open now, and it closes from tick 60
	require.Equal(t, 1.0, view.OpenFraction())
	place(w, b, 400, 300, 180) // in the doorway
	for range 300 {
		require.NoError(t, w.Step())
		require.Positive(t, view.OpenFraction(), "tick %d: the door closed on the bot", w.Tick())
		require.False(t, view.Panel().CircleOverlaps(body.Pos(), engine.BotRadius), "tick %d: the panel is on the bot", w.Tick())
	}
	assert.Less(t, view.OpenFraction(), 1.0, "it closed as far as the bot let it")
	place(w, b, 700, 300, 180)
	closed := false
	for range 40 {
		require.NoError(t, w.Step())
		closed = closed || view.OpenFraction() == 0
	}
	assert.True(t, closed, "closed once the doorway was free")
	assert.Equal(t, engine.StartEnergy, body.Energy(), "the door never hurt the bot")
}

// The ranking: survivors first, then the later death, then more kills, then more damage dealt, then the lower ID.
func TestRanking(t *testing.T) {
	type record struct {
		alive  bool
		died   uint64
		kills  int
		damage float64
	}
	tests := []struct {
		why        string
		one, two   record
		firstIsOne bool
	}{
		{"a survivor beats the dead", record{false, 90, 5, 50}, record{true, 0, 0, 0}, false},
		{"two survivors: more kills", record{true, 0, 1, 0}, record{true, 0, 2, 0}, false},
		{"the later death", record{false, 90, 0, 0}, record{false, 50, 3, 80}, true},
		{"the same death tick: more kills", record{false, 50, 1, 80}, record{false, 50, 2, 0}, false},
		{"the same kills: more damage", record{false, 50, 2, 10}, record{false, 50, 2, 20}, false},
		{"a full tie: the lower ID", record{false, 50, 2, 20}, record{false, 50, 2, 20}, true},
		{"kills count before damage, dead or alive", record{true, 0, 3, 0}, record{true, 0, 2, 99}, true},
	}
	for _, tt := range tests {
		t.Run(tt.why, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			one, err := w.AddBot("one")
			require.NoError(t, err)
			two, err := w.AddBot("two")
			require.NoError(t, err)
			engine.SetRecord(one, tt.one.alive, tt.one.died, tt.one.kills, tt.one.damage)
			engine.SetRecord(two, tt.two.alive, tt.two.died, tt.two.kills, tt.two.damage)
			want := []*engine.Bot{two, one}
			if tt.firstIsOne {
				want = []*engine.Bot{one, two}
			}
			r := w.Ranking()
			require.Len(t, r, 2)
			assert.Equal(t, []int{1, 2}, []int{r[0].Place, r[1].Place})
			assert.Equal(t, want, []*engine.Bot{r[0].Bot, r[1].Bot})
		})
	}
}

// Scan sees a bot only within ScanHalfArc degrees of the gun's heading, on either side, and within ScanRange.
func TestScanArcAndRange(t *testing.T) {
	tests := []struct {
		bearing, distance float64 // from the scanner, whose gun points east (0)
		seen              bool
	}{
		{0, 100, true},
		{20, 300, true},
		{-20, 300, true},
		{22.4, 300, true},
		{-22.4, 300, true},
		{22.6, 300, false},
		{-22.6, 300, false},
		{30, 300, false},
		{44, 300, false}, // a doubled arc would see it
		{-44, 300, false},
		{90, 100, false},
		{180, 100, false},
		{0, engine.ScanRange - 1, true},
		{0, engine.ScanRange + 1, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%g° at %g", tt.bearing, tt.distance), func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: 3000, Height: 3000})
			var seen []bool
			scanner := spawn(t, w, "scanner", func(bot *actors.Bot) {
				for {
					_, ok := bot.Scan()
					seen = append(seen, ok)
				}
			})
			target := spawn(t, w, "target", idle)
			at := engine.Vec{X: 1000, Y: 1500}
			place(w, scanner, at.X, at.Y, 0)
			to := at.Add(engine.Heading(tt.bearing).Scale(tt.distance))
			place(w, target, to.X, to.Y, 0)
			step(t, w, 2)
			require.NotEmpty(t, seen)
			assert.Equal(t, tt.seen, seen[0])
		})
	}
}

// A bot that drives into the arena's edge or a wall stops there, takes WallDamage at the speed it hit with (8:
// 3 energy) and hears HitWall.
func TestWallsHurt(t *testing.T) {
	for _, tt := range []struct {
		name  string
		walls []engine.Rect
	}{
		{"the arena's edge", nil},
		{"a wall", []engine.Rect{engine.R(760, 100, 20, 400)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{Walls: tt.walls})
			var events []actors.Event
			var speedAtHit float64
			b := spawn(t, w, "runner", func(bot *actors.Bot) {
				bot.SetSpeed(engine.MaxSpeed)
				for len(events) == 0 {
					speedAtHit = bot.Speed()
					bot.Yield()
					events = bot.Events()
				}
				bot.Wait(1 << 30)
			})
			place(w, b, 600, 300, 0)
			step(t, w, 60)
			require.Len(t, events, 1)
			assert.Equal(t, actors.HitWall, events[0].Kind)
			assert.Equal(t, engine.MaxSpeed, speedAtHit, "it hit at full speed")
			assert.InDelta(t, engine.StartEnergy-engine.WallDamage(engine.MaxSpeed), b.Energy(), 1e-9)
			assert.Equal(t, 3.0, engine.WallDamage(engine.MaxSpeed))
			assert.Zero(t, b.Speed(), "stopped")
		})
	}
}

// A door's panel slides along the doorway's long side (a square one sideways) and what is still out is the
// doorway minus the open fraction of that side: half open, half the doorway blocks.
func TestDoorPanelSlidesAlongItsLongSide(t *testing.T) {
	for _, tt := range []struct {
		name     string
		doorway  engine.Rect
		halfOpen engine.Rect // the panel when the door is half open
	}{
		{"wide: slides left", engine.R(300, 300, 120, 20), engine.R(300, 300, 60, 20)},
		{"tall: slides up", engine.R(300, 300, 20, 120), engine.R(300, 300, 20, 60)},
		{"square: slides left", engine.R(300, 300, 60, 60), engine.R(300, 300, 30, 60)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			_, err := actors.SpawnDoor(w, tt.doorway, func(d *actors.Door) { d.Open(); d.Wait(1 << 30) })
			require.NoError(t, err)
			door := w.Doors()[0]
			assert.Equal(t, tt.doorway, door.Panel(), "closed")
			step(t, w, 15) // a door opens in 30 ticks
			require.InDelta(t, 0.5, door.OpenFraction(), 1e-9)
			assert.InDelta(t, tt.halfOpen.Min.X, door.Panel().Min.X, 1e-9)
			assert.InDelta(t, tt.halfOpen.Min.Y, door.Panel().Min.Y, 1e-9)
			assert.InDelta(t, tt.halfOpen.Max.X, door.Panel().Max.X, 1e-9)
			assert.InDelta(t, tt.halfOpen.Max.Y, door.Panel().Max.Y, 1e-9)
			step(t, w, 15)
			require.Equal(t, 1.0, door.OpenFraction())
			assert.True(t, door.Panel().Empty(), "open: nothing is out")
		})
	}
}

// BotWithin measures from the doorway's centre to a live bot's centre, the distance itself included.
func TestBotWithinIncludesTheDistance(t *testing.T) {
	for _, tt := range []struct {
		distance float64
		want     bool
	}{{100, true}, {99.5, false}, {150, true}} {
		w := newWorld(t, engine.Config{})
		door, err := w.AddDoor(engine.R(380, 200, 40, 200)) // centre (400, 300)
		require.NoError(t, err)
		b, err := w.AddBot("visitor")
		require.NoError(t, err)
		engine.Place(b, engine.Vec{X: 460, Y: 380}, 0) // 100 from the centre
		assert.Equal(t, tt.want, door.BotWithin(tt.distance), "within %g", tt.distance)
	}
}

// Scan's ring search finds what a search of every bot finds: the nearest live bot within ScanRange and
// ScanHalfArc of the gun, the lowest ID of equally near ones. Checked for every bot of crowded and sparse, wide
// and narrow arenas, its gun in 24 directions.
func TestScanFindsWhatASearchOfEveryBotFinds(t *testing.T) {
	for _, tt := range []struct {
		width, height float64
		bots          int
	}{
		{2000, 1500, 60},
		{3000, 400, 25},
		{400, 3000, 25},
		{2600, 2600, 6}, // far apart: the search goes out many rings
	} {
		t.Run(fmt.Sprintf("%gx%g, %d bots", tt.width, tt.height, tt.bots), func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: tt.width, Height: tt.height, Seed: 7})
			for range tt.bots {
				_, err := w.AddBot("bot")
				require.NoError(t, err)
			}
			seen := 0
			for _, b := range w.Bots() {
				for k := range 24 {
					gun := float64(k) * 15
					engine.Place(b, b.Pos(), gun)
					var want *engine.Bot
					for _, o := range w.Bots() {
						d := o.Pos().Dist2(b.Pos())
						if o == b || d > engine.ScanRange*engine.ScanRange ||
							math.Abs(engine.NormalizeTurn(b.Pos().BearingTo(o.Pos())-gun)) > engine.ScanHalfArc {
							continue
						}
						if want == nil || d < want.Pos().Dist2(b.Pos()) {
							want = o // bots are in ID order: a tie keeps the lower ID
						}
					}
					got, ok := w.ControlBot(b).Scan()
					require.Equal(t, want != nil, ok, "bot %d, gun %g", b.ID(), gun)
					if ok {
						seen++
						require.Equal(t, want.ID(), got.ID, "bot %d, gun %g", b.ID(), gun)
						assert.Equal(t, math.Sqrt(want.Pos().Dist2(b.Pos())), got.Distance)
						assert.Equal(t, b.Pos().BearingTo(want.Pos()), got.Bearing)
					}
				}
			}
			assert.Positive(t, seen)
		})
	}
}

// Bot looks bots up by ID, 1 to the number of bots; any other ID is nil.
func TestBotByID(t *testing.T) {
	w := newWorld(t, engine.Config{})
	var added []*engine.Bot
	for range 3 {
		b, err := w.AddBot("bot")
		require.NoError(t, err)
		added = append(added, b)
	}
	for _, id := range []int{-1, 0, 4, 5} {
		assert.Nil(t, w.Bot(id), "ID %d", id)
	}
	for i, b := range added {
		assert.Same(t, b, w.Bot(i+1))
		assert.Equal(t, i+1, b.ID())
	}
}

// A match without bots ends at MaxTicks with no winner.
func TestNoBotsNoWinner(t *testing.T) {
	w := newWorld(t, engine.Config{MaxTicks: 3})
	step(t, w, 3)
	assert.True(t, w.Over())
	assert.Nil(t, w.Winner())
	assert.Empty(t, w.Ranking())
}

// Of two bots equally near in the scan's arc, scan sees the lower ID, whichever of their grid cells it searches
// first (the ring search goes row by row: y 460 before y 540).
func TestScanTiesGoToTheLowerID(t *testing.T) {
	for _, lowerAt := range []engine.Vec{{X: 600, Y: 460}, {X: 600, Y: 540}} {
		t.Run(fmt.Sprintf("lower ID at %v", lowerAt), func(t *testing.T) {
			w := newWorld(t, engine.Config{Width: 1000, Height: 1000})
			var bots []*engine.Bot
			for range 3 {
				b, err := w.AddBot("bot")
				require.NoError(t, err)
				bots = append(bots, b)
			}
			higherAt := engine.Vec{X: 600, Y: 1000 - lowerAt.Y}
			engine.Place(bots[0], engine.Vec{X: 500, Y: 500}, 0) // 100 east and 40 off the gun's line from both
			engine.Place(bots[1], lowerAt, 0)
			engine.Place(bots[2], higherAt, 0)
			got, ok := w.ControlBot(bots[0]).Scan()
			require.True(t, ok)
			assert.Equal(t, bots[1].ID(), got.ID)
		})
	}
}

// The guard that keeps a closing door off a bot finds a bot whose centre is past the doorway's end, in the next
// grid cell (the doorway ends 1 short of a cell border at y=384; the bot's body reaches 6 units into it).
func TestDoorNeverClosesOnABotPastACellBorder(t *testing.T) {
	w := newWorld(t, engine.Config{})
	doorway := engine.R(364, 3*engine.CellSize-201, 20, 200) // tall: its panel slides up, closes down
	door, err := actors.SpawnDoor(w, doorway, actors.TimedDoor(20, 10))
	require.NoError(t, err)
	b := spawn(t, w, "squatter", idle)
	place(w, b, 700, 300, 180)
	body, view := w.Bot(b.ID()), w.Doors()[door.ID()-1]
	step(t, w, 45) // open now; it closes from tick 60
	require.Equal(t, 1.0, view.OpenFraction())
	place(w, b, 374, doorway.Max.Y+12, 180) // centre in the cell below the doorway's
	for range 200 {
		require.NoError(t, w.Step())
		require.False(t, view.Panel().CircleOverlaps(body.Pos(), engine.BotRadius), "tick %d: the panel is on the bot", w.Tick())
	}
	assert.Positive(t, view.OpenFraction(), "it stopped short of the bot")
	assert.Less(t, view.OpenFraction(), 1.0, "it closed as far as the bot let it")
}
