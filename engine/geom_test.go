package engine

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVecArithmetic(t *testing.T) {
	a, b := Vec{3, 4}, Vec{1, -2}
	assert.Equal(t, Vec{4, 2}, a.Add(b))
	assert.Equal(t, Vec{2, 6}, a.Sub(b))
	assert.Equal(t, Vec{1.5, 2}, a.Scale(0.5))
	assert.Equal(t, 5.0, a.Len())
	assert.Equal(t, math.Sqrt(40), a.Dist(b))
	assert.Equal(t, 40.0, a.Dist2(b))
	assert.Equal(t, 40.0, b.Dist2(a))
}

func TestHeadingsAndTurns(t *testing.T) {
	for _, tt := range []struct {
		deg  float64
		unit Vec
	}{{0, Vec{1, 0}}, {90, Vec{0, 1}}, {180, Vec{-1, 0}}, {270, Vec{0, -1}}, {-90, Vec{0, -1}}} {
		h := Heading(tt.deg)
		assert.InDelta(t, tt.unit.X, h.X, 1e-12, "heading %g", tt.deg)
		assert.InDelta(t, tt.unit.Y, h.Y, 1e-12, "heading %g", tt.deg)
		if tt.deg >= 0 {
			assert.InDelta(t, tt.deg, Vec{10, 10}.BearingTo(Vec{10, 10}.Add(tt.unit.Scale(5))), 1e-9, "bearing %g", tt.deg)
		}
	}
	for _, tt := range []struct{ in, heading, turn float64 }{
		{0, 0, 0},
		{10, 10, 10},
		{180, 180, 180},
		{181, 181, -179},
		{359.5, 359.5, -0.5},
		{360, 0, 0},
		{725, 5, 5},
		{-10, 350, -10},
		{-180, 180, 180},
		{-360, 0, 0},
		{-1e-15, 0, 0}, // -tiny + 360 rounds to 360, which is 0
	} {
		assert.Equal(t, tt.heading, NormalizeHeading(tt.in), "NormalizeHeading(%g)", tt.in)
		assert.Equal(t, tt.turn, NormalizeTurn(tt.in), "NormalizeTurn(%g)", tt.in)
	}
}

func TestRects(t *testing.T) {
	r := R(10, 20, 30, 40) // x 10..40, y 20..60
	assert.Equal(t, Rect{Vec{10, 20}, Vec{40, 60}}, r)
	assert.Equal(t, 30.0, r.W())
	assert.Equal(t, 40.0, r.H())
	assert.Equal(t, R(12, 22, 26, 36), r.Inset(2))
	assert.Equal(t, R(8, 18, 34, 44), r.Inset(-2))

	assert.False(t, r.Empty())
	assert.True(t, R(10, 20, 0, 40).Empty(), "no width")
	assert.True(t, R(10, 20, 30, 0).Empty(), "no height")
	assert.True(t, Rect{Vec{10, 20}, Vec{5, 60}}.Empty(), "negative width")

	for _, tt := range []struct {
		s    Rect
		want bool
	}{
		{R(20, 30, 5, 5), true},        // inside
		{R(39.5, 30, 10, 5), true},     // over the right edge
		{R(0, 30, 10.5, 5), true},      // over the left edge
		{R(20, 59.5, 5, 10), true},     // over the bottom edge
		{R(20, 10, 5, 10.5), true},     // over the top edge
		{R(40, 30, 10, 5), false},      // touching the right edge: no shared area
		{R(0, 30, 10, 5), false},       // touching the left edge
		{R(20, 60, 5, 10), false},      // touching the bottom edge
		{R(20, 10, 5, 10), false},      // touching the top edge
		{R(100, 100, 5, 5), false},     // apart
		{R(0, 0, 100, 100), true},      // around it
		{R(20, 0, 5, 100), true},       // across it, top to bottom
		{R(0, 30, 100, 5), true},       // across it, left to right
		{R(40.5, 30, 10, 5), false},    // right of it
		{R(20, 60.5, 5, 5), false},     // below it
		{R(-10.5, 30, 20, 5), false},   // left of it
		{R(20, -0.5, 5, 20.25), false}, // above it
	} {
		assert.Equal(t, tt.want, r.Overlaps(tt.s), "%v overlaps %v", r, tt.s)
		assert.Equal(t, tt.want, tt.s.Overlaps(r), "%v overlaps %v", tt.s, r)
	}

	for _, tt := range []struct {
		p, closest Vec
		contains   bool
	}{
		{Vec{20, 30}, Vec{20, 30}, true},
		{Vec{10, 20}, Vec{10, 20}, true}, // corners and edges are inside
		{Vec{40, 60}, Vec{40, 60}, true},
		{Vec{0, 30}, Vec{10, 30}, false},
		{Vec{50, 30}, Vec{40, 30}, false},
		{Vec{20, 0}, Vec{20, 20}, false},
		{Vec{20, 70}, Vec{20, 60}, false},
		{Vec{0, 0}, Vec{10, 20}, false},
		{Vec{50, 70}, Vec{40, 60}, false},
		{Vec{9.5, 30}, Vec{10, 30}, false},
		{Vec{40.5, 30}, Vec{40, 30}, false},
		{Vec{20, 19.5}, Vec{20, 20}, false},
		{Vec{20, 60.5}, Vec{20, 60}, false},
	} {
		assert.Equal(t, tt.closest, r.Closest(tt.p), "closest to %v", tt.p)
		assert.Equal(t, tt.contains, r.Contains(tt.p), "contains %v", tt.p)
	}

	assert.True(t, r.CircleOverlaps(Vec{20, 30}, 1), "centre inside")
	assert.True(t, r.CircleOverlaps(Vec{45, 30}, 5.5), "reaches over the edge")
	assert.False(t, r.CircleOverlaps(Vec{45, 30}, 5), "touches the edge: no shared area")
	assert.False(t, r.CircleOverlaps(Vec{45, 30}, 4.5))
	assert.True(t, r.CircleOverlaps(Vec{43, 64}, 5.5), "reaches over the corner (5 away)")
	assert.False(t, r.CircleOverlaps(Vec{43, 64}, 5))
}

func TestSegmentCircle(t *testing.T) {
	c := Vec{50, 0}
	for _, tt := range []struct {
		name string
		a, b Vec
		t    float64
		hits bool
	}{
		{"through it", Vec{0, 0}, Vec{100, 0}, 0.4, true},
		{"from the other side", Vec{100, 0}, Vec{0, 0}, 0.4, true},
		{"starts inside", Vec{45, 0}, Vec{100, 0}, 0, true},
		{"starts on its edge, going away", Vec{60, 0}, Vec{100, 0}, 0, true},
		{"a point inside", Vec{50, 5}, Vec{50, 5}, 0, true},
		{"a point outside", Vec{70, 0}, Vec{70, 0}, 0, false},
		{"passes by", Vec{0, 20}, Vec{100, 20}, 0, false},
		{"grazes it", Vec{0, 10}, Vec{100, 10}, 0.5, true},
		{"ends on its edge", Vec{0, 0}, Vec{40, 0}, 1, true},
		{"ends short of it", Vec{0, 0}, Vec{39, 0}, 0, false},
		{"it is behind", Vec{70, 0}, Vec{100, 0}, 0, false},
	} {
		got, ok := segmentCircle(tt.a, tt.b, c, 10)
		assert.Equal(t, tt.hits, ok, tt.name)
		assert.InDelta(t, tt.t, got, 1e-12, tt.name)
	}
}

func TestSegmentRect(t *testing.T) {
	r := R(40, 0, 10, 10) // x 40..50, y 0..10
	for _, tt := range []struct {
		name string
		a, b Vec
		t    float64
		hits bool
	}{
		{"from the left", Vec{0, 5}, Vec{100, 5}, 0.4, true},
		{"from the right", Vec{100, 5}, Vec{0, 5}, 0.5, true},
		{"from above", Vec{45, -40}, Vec{45, 60}, 0.4, true},
		{"from below", Vec{45, 60}, Vec{45, -40}, 0.5, true},
		{"starts inside", Vec{45, 5}, Vec{100, 5}, 0, true},
		{"along its top edge", Vec{0, 0}, Vec{100, 0}, 0.4, true},
		{"along its left edge", Vec{40, -50}, Vec{40, 50}, 0.5, true},
		{"along its right edge", Vec{50, -50}, Vec{50, 50}, 0.5, true},
		{"along its bottom edge", Vec{0, 10}, Vec{100, 10}, 0.4, true},
		{"level with it, above", Vec{0, -1}, Vec{100, -1}, 0, false},
		{"level with it, below", Vec{0, 11}, Vec{100, 11}, 0, false},
		{"upright, left of it", Vec{39, -50}, Vec{39, 50}, 0, false},
		{"upright, right of it", Vec{51, -50}, Vec{51, 50}, 0, false},
		{"ends on its edge", Vec{0, 5}, Vec{40, 5}, 1, true},
		{"ends short of it", Vec{0, 5}, Vec{39, 5}, 0, false},
		{"touches its corner only", Vec{40, -10}, Vec{60, 10}, 0.5, true},
		{"passes its corner", Vec{40, -11}, Vec{60, 9}, 0, false},
		{"diagonally through it", Vec{30, -5}, Vec{60, 25}, 1.0 / 3, true},
	} {
		got, ok := segmentRect(tt.a, tt.b, r)
		assert.Equal(t, tt.hits, ok, tt.name)
		assert.InDelta(t, tt.t, got, 1e-12, tt.name)
	}
}
