package engine

import "math"

// Vec is a point or a displacement in arena units. The arena's origin is its top-left corner, x grows to the
// right and y grows down, as on a screen.
type Vec struct{ X, Y float64 }

// Add returns v+u.
func (v Vec) Add(u Vec) Vec { return Vec{v.X + u.X, v.Y + u.Y} }

// Sub returns v-u.
func (v Vec) Sub(u Vec) Vec { return Vec{v.X - u.X, v.Y - u.Y} }

// Scale returns v*k.
func (v Vec) Scale(k float64) Vec { return Vec{v.X * k, v.Y * k} }

// Len is v's length.
func (v Vec) Len() float64 { return math.Hypot(v.X, v.Y) }

// Dist is the distance from v to u.
func (v Vec) Dist(u Vec) float64 { return math.Hypot(v.X-u.X, v.Y-u.Y) }

// Dist2 is the squared distance from v to u.
func (v Vec) Dist2(u Vec) float64 { dx, dy := v.X-u.X, v.Y-u.Y; return dx*dx + dy*dy }

// Heading returns the unit vector of a heading in degrees: 0 points east (+x), 90 south (+y). Positive turns are
// clockwise on screen.
func Heading(deg float64) Vec {
	s, c := math.Sincos(deg * math.Pi / 180)
	return Vec{c, s}
}

// BearingTo is the heading in degrees, in [0, 360), from v toward u.
func (v Vec) BearingTo(u Vec) float64 {
	return NormalizeHeading(math.Atan2(u.Y-v.Y, u.X-v.X) * 180 / math.Pi)
}

// NormalizeHeading maps an angle in degrees into [0, 360).
func NormalizeHeading(deg float64) float64 {
	deg = math.Mod(deg, 360)
	if deg < 0 {
		deg += 360
	}
	if deg >= 360 { // -tiny + 360 rounds to 360
		deg = 0
	}
	return deg
}

// NormalizeTurn maps an angle in degrees into (-180, 180]: the shortest turn to it.
func NormalizeTurn(deg float64) float64 {
	deg = NormalizeHeading(deg)
	if deg > 180 {
		deg -= 360
	}
	return deg
}

// Rect is an axis-aligned rectangle: Min is its top-left corner, Max its bottom-right.
type Rect struct{ Min, Max Vec }

// R builds a Rect from its corner (x, y) and its size.
func R(x, y, w, h float64) Rect { return Rect{Vec{x, y}, Vec{x + w, y + h}} }

// W is the rectangle's width.
func (r Rect) W() float64 { return r.Max.X - r.Min.X }

// H is the rectangle's height.
func (r Rect) H() float64 { return r.Max.Y - r.Min.Y }

// Empty reports whether the rectangle has no area.
func (r Rect) Empty() bool { return r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y }

// Overlaps reports whether r and s share area.
func (r Rect) Overlaps(s Rect) bool {
	return r.Min.X < s.Max.X && s.Min.X < r.Max.X && r.Min.Y < s.Max.Y && s.Min.Y < r.Max.Y
}

// Inset shrinks the rectangle by d on every side (grows it for d < 0).
func (r Rect) Inset(d float64) Rect {
	return Rect{Vec{r.Min.X + d, r.Min.Y + d}, Vec{r.Max.X - d, r.Max.Y - d}}
}

// Closest is the point of r closest to p (p itself if inside).
func (r Rect) Closest(p Vec) Vec {
	return Vec{math.Max(r.Min.X, math.Min(p.X, r.Max.X)), math.Max(r.Min.Y, math.Min(p.Y, r.Max.Y))}
}

// CircleOverlaps reports whether the circle (c, radius) and r share area.
func (r Rect) CircleOverlaps(c Vec, radius float64) bool {
	return r.Closest(c).Dist2(c) < radius*radius
}

// Contains reports whether p is inside r (borders included).
func (r Rect) Contains(p Vec) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// segmentCircle returns the smallest t in [0, 1] at which the segment a + t(b-a) enters the circle (c, radius),
// and whether it does.
func segmentCircle(a, b, c Vec, radius float64) (float64, bool) {
	d := b.Sub(a)
	f := a.Sub(c)
	qa := d.X*d.X + d.Y*d.Y
	qc := f.X*f.X + f.Y*f.Y - radius*radius
	if qc <= 0 {
		return 0, true // starts inside
	}
	if qa == 0 {
		return 0, false
	}
	qb := 2 * (f.X*d.X + f.Y*d.Y)
	disc := qb*qb - 4*qa*qc
	if disc < 0 {
		return 0, false
	}
	t := (-qb - math.Sqrt(disc)) / (2 * qa)
	if t < 0 || t > 1 {
		return 0, false
	}
	return t, true
}

// segmentRect returns the smallest t in [0, 1] at which the segment a + t(b-a) enters r (the slab method), and
// whether it does.
func segmentRect(a, b Vec, r Rect) (float64, bool) {
	tmin, tmax := 0.0, 1.0
	d := b.Sub(a)
	for axis := range 2 {
		p, dp, lo, hi := a.X, d.X, r.Min.X, r.Max.X
		if axis == 1 {
			p, dp, lo, hi = a.Y, d.Y, r.Min.Y, r.Max.Y
		}
		if dp == 0 {
			if p < lo || p > hi {
				return 0, false
			}
			continue
		}
		t1, t2 := (lo-p)/dp, (hi-p)/dp
		if t1 > t2 {
			t1, t2 = t2, t1
		}
		tmin = math.Max(tmin, t1)
		tmax = math.Min(tmax, t2)
		if tmin > tmax {
			return 0, false
		}
	}
	return tmin, true
}
