package replay

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hashesByTick re-simulates rep straight through and returns the state hash after every tick (index 0: tick 0).
func hashesByTick(t *testing.T, rep *Replay) []uint64 {
	hs, err := Trace(rep)
	require.NoError(t, err)
	require.Len(t, hs, int(rep.End.Tick)+1)
	return hs
}

func TestSeekingLandsOnTheSameStateAsPlayingStraight(t *testing.T) {
	rep := record(t, withStar(), person, 0)
	want := hashesByTick(t, rep)
	p, err := NewPlayer(rep, nil)
	require.NoError(t, err)
	defer p.Close()
	end := p.End()
	for _, tick := range []uint64{end / 2, 10, end, end - 1, 0, end / 3, end / 3, end/3 + 1, 500} {
		require.NoError(t, p.Seek(tick))
		require.Equal(t, tick, p.Tick())
		assert.Equal(t, want[tick], p.Sim().World().Hash(), "seek to %d", tick)
	}
	assert.Nil(t, p.Mismatch())
}

func TestStepBackThenForwardLandsOnTheSameHash(t *testing.T) {
	rep := record(t, withStar(), person, 0)
	want := hashesByTick(t, rep)
	p, err := NewPlayer(rep, nil)
	require.NoError(t, err)
	defer p.Close()
	require.NoError(t, p.Seek(400))
	for i := 0; i < 30; i++ {
		before := p.Sim().World().Hash()
		require.NoError(t, p.StepBack())
		assert.Equal(t, want[p.Tick()], p.Sim().World().Hash(), "back to %d", p.Tick())
		if i%3 == 0 {
			require.NoError(t, p.Work(time.Second))
		}
		if i%5 == 0 {
			require.NoError(t, p.Step())
			assert.Equal(t, before, p.Sim().World().Hash(), "forward again to %d", p.Tick())
			require.NoError(t, p.StepBack())
		}
	}
	assert.Equal(t, uint64(370), p.Tick())
	require.NoError(t, p.Seek(0))
	require.NoError(t, p.StepBack(), "tick 0 has no tick before it")
	assert.Equal(t, uint64(0), p.Tick())
}

func TestWorkFindsEveryDeathAndLeavesNoGoroutine(t *testing.T) {
	before := runtime.NumGoroutine()
	rep := record(t, withStar(), person, 0)
	built := 0
	p, err := NewPlayer(rep, func(*Sim) { built++ })
	require.NoError(t, err)
	assert.Equal(t, 1, built, "the first Sim is set up")
	for !p.Scouted() {
		require.NoError(t, p.Work(50*time.Millisecond))
	}
	deaths := p.Deaths()
	require.NotEmpty(t, deaths)
	require.NoError(t, p.Seek(p.End()))
	dead := 0
	for _, b := range p.Sim().World().Bots() {
		if !b.Alive() {
			dead++
			assert.Contains(t, deaths, Death{Tick: b.DeathTick(), Bot: b.ID(), Name: b.Name()})
		}
	}
	assert.Len(t, deaths, dead)
	assert.GreaterOrEqual(t, built, 2, "the scout was set up too")
	for i := 1; i < len(deaths); i++ {
		assert.LessOrEqual(t, deaths[i-1].Tick, deaths[i].Tick)
	}
	p.Close()
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ { // assert.Eventually would count its own
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "every Sim's goroutines ended")
}

func TestTakeOverContinuesFromTheCurrentTick(t *testing.T) {
	rep := record(t, withStar(), person, 800)
	p, err := NewPlayer(rep, nil)
	require.NoError(t, err)
	require.NoError(t, p.Seek(600))
	require.NoError(t, p.StepBack())
	s, rec := p.TakeOver("x.replay.gz")
	defer s.Close()
	assert.Equal(t, uint64(599), s.Tick())
	for s.Tick() < 700 && !s.World().Over() {
		require.NoError(t, s.World().Step())
		rec.Stepped()
	}
	b, err := NewSim(roundTrip(t, rec.Replay()))
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Run(0))
	assert.Equal(t, s.World().Hash(), b.World().Hash())
}

// A seek in slices (a viewer's frames) gets where a Seek does, moving toward the target meanwhile.
func TestSeekWithinGoesOnWhereItStopped(t *testing.T) {
	rep := record(t, withStar(), person, 0)
	want := hashesByTick(t, rep)
	p, err := NewPlayer(rep, nil)
	require.NoError(t, err)
	defer p.Close()
	require.NoError(t, p.Seek(p.End()))
	target := p.End() / 2
	calls := 0
	for {
		calls++
		before := p.Tick()
		done, err := p.SeekWithin(target, time.Nanosecond)
		require.NoError(t, err)
		if done {
			break
		}
		assert.Less(t, p.Tick(), target)
		if calls > 1 {
			assert.Greater(t, p.Tick(), before, "each slice moves on")
		}
	}
	assert.Greater(t, calls, 2, "a nanosecond's budget takes several calls")
	assert.Equal(t, target, p.Tick())
	assert.Equal(t, want[target], p.Sim().World().Hash())
}
