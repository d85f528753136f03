package engine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
)

// driverLog runs the same six scripts on a driver for six ticks and logs each turn: sleepers due in one tick wake
// in the order they went to sleep, Sleep(0) is a yield, Wake and Kill act between ticks, Owner is the running
// script's owner and nil on the main side. It checks the driver's count of switches.
func driverLog(t *testing.T, newDriver func(func(engine.ScriptError)) engine.Driver, turns uint64) []string {
	var log []string
	tick := 0
	say := func(s string) { log = append(log, fmt.Sprintf("%d %s", tick, s)) }
	d, ok := newDriver(func(e engine.ScriptError) { say("error: " + e.Err.Error()) }).(engine.ScriptDriver)
	require.True(t, ok)
	require.Nil(t, d.Owner(), "no script runs on the main side")
	d.Spawn("a", "owner a", func() { say(d.Owner().(string)); d.Sleep(3); say("a woke"); d.Sleep(0); say("a after sleep 0") })
	d.Spawn("b", nil, func() { say("b"); d.Sleep(1); say("b woke"); d.Yield(); say("b after yield") })
	d.Spawn("c", nil, func() { say("c"); d.Sleep(3); say("c woke"); d.Yield(); say("c after yield") })
	d.Spawn("d", nil, func() { say("d"); d.Sleep(2); say("d woke") })
	e := d.Spawn("e", nil, func() { say("e"); d.Park(); say("e woken") })
	f := d.Spawn("f", nil, func() { defer say("f killed"); say("f"); d.Sleep(100) })
	for tick = 1; tick <= 6; tick++ {
		if tick == 3 {
			d.Wake(e)
			d.Kill(f)
		}
		require.NoError(t, d.Tick())
	}
	require.NoError(t, d.Close())
	assert.Equal(t, turns, d.Switches(), "turns given")
	return log
}

// The goroutine driver, the benchmarks' peer of the tasklet driver, gives the same turns in the same order.
func TestDriversTakeTurnsInTheSameOrder(t *testing.T) {
	want := []string{
		"1 owner a", "1 b", "1 c", "1 d", "1 e", "1 f",
		"2 b woke",
		"3 f killed", "3 b after yield", "3 e woken", "3 d woke", // woken between ticks: before the sleepers due
		"4 a woke", "4 c woke",
		"5 a after sleep 0", "5 c after yield",
	}
	// 14 turns; the tasklet driver also counts the resume that unwinds the killed script.
	assert.Equal(t, want, driverLog(t, engine.NewTaskletDriver, 15), "tasklets")
	assert.Equal(t, want, driverLog(t, engine.NewGoroutineDriver, 14), "goroutines")
}

// Close ends every actor still waiting, the first spawned included: each script's deferred calls run.
func TestDriversCloseEndsEveryActor(t *testing.T) {
	for name, newDriver := range map[string]func(func(engine.ScriptError)) engine.Driver{
		"tasklets": engine.NewTaskletDriver, "goroutines": engine.NewGoroutineDriver,
	} {
		d := newDriver(func(engine.ScriptError) {}).(engine.ScriptDriver)
		ended := make([]bool, 3)
		var actors []engine.Actor
		for i := range ended {
			actors = append(actors, d.Spawn(fmt.Sprint(i), nil, func() {
				defer func() { ended[i] = true }()
				if i == 1 {
					d.Sleep(100)
				}
				d.Park()
			}))
		}
		require.NoError(t, d.Tick())
		require.NoError(t, d.Close())
		assert.Equal(t, []bool{true, true, true}, ended, name)
		for i, a := range actors {
			assert.False(t, a.Alive(), "%s: actor %d", name, i)
		}
	}
}
