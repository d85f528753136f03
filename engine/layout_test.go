package engine

import (
	"fmt"
	"runtime"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// A flight reads and writes only the first cache line of a bullet; slots stay 128 bytes so that, in a slab, that
// line never straddles two.
func TestBulletLayout(t *testing.T) {
	var b Bullet
	assert.Equal(t, uintptr(128), unsafe.Sizeof(b))
	assert.LessOrEqual(t, unsafe.Offsetof(b.parked)+1, uintptr(64))
	assert.LessOrEqual(t, unsafe.Offsetof(b.shard)+4, uintptr(64), "a scripted bullet's Yield reads its shard")
	assert.Equal(t, uintptr(64), unsafe.Offsetof(b.power), "cold fields start on the second line")
}

// Flights found on several cores give the same World as flights found one by one, whatever GOMAXPROCS is: the
// same state hash, the same effects and the same events for every bot, in the same order (hits applied in firing
// order), at every tick.
func TestParallelFlightsChangeNothing(t *testing.T) {
	run := func(threshold, procs int) []string {
		defer SplitPhases(threshold)()
		prev := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(prev)
		w, err := New(Config{Width: 3000, Height: 2000, Seed: 11, Walls: []Rect{R(1400, 200, 40, 1600)}})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		var bots []*Bot
		for range 200 {
			b, err := w.AddBot("target")
			if err != nil {
				t.Fatal(err)
			}
			bots = append(bots, b)
		}
		var ticks []string
		for tick := range 120 {
			for i, b := range bots {
				if (i+tick)%3 == 0 {
					w.Launch(b, 1+float64(i%3))
				}
			}
			if err := w.Step(); err != nil {
				t.Fatal(err)
			}
			events := ""
			for _, b := range w.bots { // read and forgotten each tick, as a script would
				events += fmt.Sprint(b.events)
				b.events, b.eventsHead = b.events[:0], 0
			}
			ticks = append(ticks, fmt.Sprintf("%x %v %s", w.Hash(), w.Effects(), events))
		}
		assert.Greater(t, len(w.Bullets()), 1000, "enough bullets to split")
		return ticks
	}
	sequential := run(1<<30, 1)
	assert.Equal(t, sequential, run(2, 1))
	assert.Equal(t, sequential, run(2, 2))
	assert.Equal(t, sequential, run(2, 4))
}
