package engine

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestFormulas(t *testing.T) {
	tests := []struct {
		power                          float64
		speed, damage, refund, gunHeat float64
	}{
		{0.1, 19.7, 0.4, 0.3, 1.02},
		{1, 17, 4, 3, 1.2},
		{2, 14, 10, 6, 1.4},
		{3, 11, 16, 9, 1.6},
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.speed, BulletSpeed(tt.power), 1e-9, "speed p=%g", tt.power)
		assert.InDelta(t, tt.damage, BulletDamage(tt.power), 1e-9, "damage p=%g", tt.power)
		assert.InDelta(t, tt.refund, BulletRefund(tt.power), 1e-9, "refund p=%g", tt.power)
		assert.InDelta(t, tt.gunHeat, GunHeat(tt.power), 1e-9, "heat p=%g", tt.power)
	}
	assert.Equal(t, 10.0, TurnRate(0))
	assert.Equal(t, 4.0, TurnRate(8))
	assert.Equal(t, 4.0, TurnRate(-8))
	assert.Equal(t, 3.0, WallDamage(8))
	assert.Equal(t, 0.0, WallDamage(1))
	assert.Equal(t, MinPower, ClampPower(0))
	assert.Equal(t, MaxPower, ClampPower(10))
}

func TestNextSpeed(t *testing.T) {
	tests := []struct{ v, target, want float64 }{
		{0, 8, 1},     // accelerate by 1
		{7.5, 8, 8},   // up to the target
		{8, 8, 8},     // hold
		{8, 0, 6},     // brake by 2
		{1, 0, 0},     // brake to 0, not past it
		{1, -8, -0.5}, // brake through 0: half the tick braking, half accelerating
		{0, -8, -1},
		{-8, 0, -6},
		{-1, 8, 0.5},
		{4, -8, 2},  // brake by 2 toward a backward target, not yet through 0
		{-4, 8, -2}, // the same, backing
		{3, 20, 4},  // targets are clamped to MaxSpeed
	}
	for _, tt := range tests {
		assert.InDelta(t, tt.want, nextSpeed(tt.v, tt.target), 1e-9, "nextSpeed(%g, %g)", tt.v, tt.target)
	}
}

// A move of d, simulated with moveSpeed, ends exactly at d with the bot stopped, never overshooting.
func TestMoveEndsExactly(t *testing.T) {
	for _, d := range []float64{0.5, 1, 3, 10, 37.5, 100, 1000, -10, -250} {
		v, left, ticks := 0.0, d, 0
		for (left != 0 || v != 0) && ticks < 1000 {
			v = moveSpeed(v, left)
			left -= v
			if math.Abs(left) < 1e-9 {
				left = 0
			}
			assert.LessOrEqual(t, math.Abs(v), MaxSpeed)
			assert.False(t, d > 0 && left < 0 || d < 0 && left > 0, "overshot a move of %g", d)
			ticks++
		}
		assert.Equal(t, 0.0, left, "move %g", d)
		assert.Equal(t, 0.0, v, "move %g ends stopped", d)
	}
	// 100 units: accelerate 1..8, cruise, brake 6,4,2: about 17 ticks.
	v, left, ticks := 0.0, 100.0, 0
	for left != 0 || v != 0 {
		v = moveSpeed(v, left)
		left -= v
		if math.Abs(left) < 1e-9 {
			left = 0
		}
		ticks++
	}
	assert.InDelta(t, 17, ticks, 2)
}

// The fastest speed from which braking by Deceleration (2) a tick stops within d: a bot at 8 needs 6+4+2 = 12
// more units after this tick's 8, so 20; between the steps, the part of d left over is spread over the ticks.
func TestMaxSpeedToStopWithin(t *testing.T) {
	for _, tt := range []struct{ d, want float64 }{
		{0, 0}, {1, 1}, {2, 2}, {5, 3.5}, {6, 4}, {12, 6}, {20, 8}, {100, 19},
	} {
		assert.InDelta(t, tt.want, maxSpeedToStopWithin(tt.d), 1e-12, "d=%g", tt.d)
	}
}

// A move's speeds, tick by tick: accelerate by 1, never faster than it can stop within what is left, brake by
// 2, and stop exactly at the end.
func TestMoveSpeedProfile(t *testing.T) {
	for _, tt := range []struct {
		d      float64
		speeds []float64
	}{
		{10, []float64{1, 2, 3, 3, 1, 0}},
		{-10, []float64{-1, -2, -3, -3, -1, 0}},
		{40, []float64{1, 2, 3, 4, 5, 6, 7, 6, 4, 2, 0}},
	} {
		v, left := 0.0, tt.d
		var got []float64
		for (left != 0 || v != 0) && len(got) < 100 {
			v = moveSpeed(v, left)
			left -= v
			if math.Abs(left) < 1e-9 {
				left = 0
			}
			got = append(got, v)
		}
		assert.InDeltaSlice(t, tt.speeds, got, 1e-9, "move %g: %v", tt.d, got)
	}
}

func TestHeadings(t *testing.T) {
	assert.Equal(t, 0.0, NormalizeHeading(360))
	assert.Equal(t, 350.0, NormalizeHeading(-10))
	assert.Equal(t, -10.0, NormalizeTurn(350))
	assert.Equal(t, 180.0, NormalizeTurn(-180))
	assert.InDelta(t, 90, Vec{0, 0}.BearingTo(Vec{0, 10}), 1e-9, "south is 90: y grows down")
	h := Heading(90)
	assert.InDelta(t, 0, h.X, 1e-9)
	assert.InDelta(t, 1, h.Y, 1e-9)
}

func TestSegmentTests(t *testing.T) {
	tc, ok := segmentCircle(Vec{0, 0}, Vec{100, 0}, Vec{50, 0}, 10)
	assert.True(t, ok)
	assert.InDelta(t, 0.4, tc, 1e-9)
	_, ok = segmentCircle(Vec{0, 0}, Vec{100, 0}, Vec{50, 20}, 10)
	assert.False(t, ok)
	tr, ok := segmentRect(Vec{0, 5}, Vec{100, 5}, R(40, 0, 10, 10))
	assert.True(t, ok)
	assert.InDelta(t, 0.4, tr, 1e-9)
	_, ok = segmentRect(Vec{0, 50}, Vec{100, 50}, R(40, 0, 10, 10))
	assert.False(t, ok)
}
