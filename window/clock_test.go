package window

import (
	"fmt"
	"stackarena/window/cmdline"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Ticks stepped by each of the first Updates at every speed: 0.25x steps on every 4th Update, 16x sixteen times
// on each.
func TestClockTicksPerUpdate(t *testing.T) {
	tests := []struct {
		speed float64
		want  []int
	}{
		{0.25, []int{0, 0, 0, 1, 0, 0, 0, 1}},
		{0.5, []int{0, 1, 0, 1, 0, 1, 0, 1}},
		{1, []int{1, 1, 1, 1, 1, 1, 1, 1}},
		{2, []int{2, 2, 2, 2, 2, 2, 2, 2}},
		{16, []int{16, 16, 16, 16, 16, 16, 16, 16}},
	}
	for _, tt := range tests {
		t.Run(speedLabel(tt.speed), func(t *testing.T) {
			i, err := cmdline.ParseSpeed(fmt.Sprint(tt.speed))
			require.NoError(t, err)
			c := clock{speed: i}
			var got []int
			for range tt.want {
				got = append(got, c.Advance())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestClockPauseAndStep(t *testing.T) {
	c := clock{speed: 0} // 0.25x
	c.Advance()
	c.Advance() // half a tick accumulated
	c.TogglePause()
	assert.Equal(t, 0, c.Advance(), "paused")
	c.Step()
	c.Step()
	assert.Equal(t, 2, c.Advance(), "two single steps, one Update")
	assert.Equal(t, 0, c.Advance(), "and no more")
	c.TogglePause()
	assert.Equal(t, []int{0, 0, 0, 1}, []int{c.Advance(), c.Advance(), c.Advance(), c.Advance()},
		"resuming starts a fresh quarter count")

	c.Step()
	assert.True(t, c.paused, "stepping a running clock pauses it")
	assert.Equal(t, 1, c.Advance())
}

func TestClockSpeedSteps(t *testing.T) {
	c := clock{speed: 2}
	require.Equal(t, 1.0, c.Speed())
	var up []float64
	for range len(Speeds) + 2 {
		c.Faster()
		up = append(up, c.Speed())
	}
	assert.Equal(t, []float64{2, 4, 8, 16, 16, 16, 16, 16, 16}, up, "stops at 16x")
	for range len(Speeds) + 2 {
		c.Slower()
	}
	assert.Equal(t, 0.25, c.Speed(), "stops at 0.25x")
}
