package main

import (
	"image/color"
	"math"
)

// The light comes from the top-left of the sprite as drawn (pointing east). Sprites are white and greys so that
// a colour scale tints them; black stays black under any tint, so outlines are dark greys with some opacity.

// drawTank draws the hull seen from above: two treads along x and a bevelled hull with a chevron at the front.
func drawTank(c *canvas) {
	c.fill(grey(0, 0.35), roundRect(-17.8, -17.3, 17.8, 17.3, 4.5)) // soft outline, readable on any floor
	for _, side := range []float64{-1, 1} {
		y0, y1 := side*9, side*16.5
		if side < 0 {
			y0, y1 = y1, y0
		}
		c.fill(grey(0.22, 1), roundRect(-17, y0, 17, y1, 2.8))
		c.fill(linear(pt{0, y0}, pt{0, y1}, 0.42, 0.3), roundRect(-16.3, y0+0.7, 16.3, y1-0.7, 2.2))
		for x := -15.0; x < 15.5; x += 3 { // track links
			c.fill(grey(0.16, 0.9), rect(x, y0+0.8, x+1, y1-0.8))
		}
	}
	c.fill(grey(0.38, 1), roundRect(-14.5, -11.5, 15, 11.5, 4))
	c.fill(linear(pt{-12, -10}, pt{12, 10}, 1, 0.68), roundRect(-13.6, -10.6, 14.1, 10.6, 3.3))
	c.fill(linear(pt{-12, -10}, pt{12, 10}, 0.86, 0.6), roundRect(-10.5, -7.5, 9, 7.5, 2.5)) // deck
	for _, y := range []float64{-5, -2.5, 0, 2.5, 5} {                                       // engine vents at the rear
		c.fill(grey(0.3, 0.8), roundRect(-12.8, y-0.45, -9.5, y+0.45, 0.4))
	}
	c.fill(grey(0.32, 0.9), []pt{{9.8, -6.6}, {14.2, 0}, {9.8, 6.6}, {11.3, 0}}) // chevron shadow
	c.fill(grey(1, 1), []pt{{9.3, -6.6}, {13.7, 0}, {9.3, 6.6}, {10.8, 0}})      // chevron: the front
}

// drawGun draws the turret dome around the pivot and the barrel pointing east.
func drawGun(c *canvas) {
	barrel := func(x0, x1, half float64) {
		c.fill(grey(0.3, 1), roundRect(x0-0.6, -half-0.6, x1+0.6, half+0.6, 0.8))
		c.fill(func(x, y float64) color.NRGBA64 { // a cylinder lit from the top
			t := (y + half*0.35) / (half * 1.35)
			return greyColor(0.98-0.4*t*t, 1)
		}, rect(x0, -half, x1, half))
	}
	barrel(3, 22, 1.6)
	barrel(20.5, 23.4, 2.3) // muzzle brake
	c.fill(grey(0, 0.3), circle(0.3, 0.4, 6))
	c.fill(grey(0.3, 1), circle(0, 0, 5.9))
	c.fill(radial(pt{-1.8, -1.8}, 7.5, 1, 0.55), circle(0, 0, 5.1))
}

// drawRadar draws a small dish that opens east, centred on the pivot so that it sits on the turret, with its
// feed arm.
func drawRadar(c *canvas) {
	const a0, a1 = 13 * math.Pi / 18, 23 * math.Pi / 18 // 130° to 230°
	c.fill(grey(0.25, 1), band(3, 0, 3.6, 6.2, a0-0.1, a1+0.1))
	c.fill(linear(pt{0, -4}, pt{0, 4}, 1, 0.62), band(3, 0, 4.2, 5.6, a0, a1))
	c.fill(grey(0.25, 1), rect(-1.6, -0.65, 2.4, 0.65)) // feed arm
	c.fill(grey(0.9, 1), rect(-1.4, -0.25, 2.2, 0.25))
	c.fill(grey(0.25, 1), circle(2.7, 0, 1.35))
	c.fill(radial(pt{2.3, -0.4}, 1.4, 1, 0.65), circle(2.7, 0, 0.85))
}

// drawBullet draws a white-hot core in a soft glow.
func drawBullet(c *canvas) {
	c.fill(glow(pt{0, 0}, 4, 0.8), circle(0, 0, 4))
	c.fill(radial(pt{-0.4, -0.4}, 2, 1, 0.82), circle(0, 0, 1.7))
}

// drawDoor draws a framed sliding panel with hazard stripes and bolts, 32 long and 8 thick.
func drawDoor(c *canvas) {
	c.fill(grey(0.3, 1), roundRect(-16, -4, 16, 4, 1.2))
	c.fill(linear(pt{0, -3}, pt{0, 3}, 0.88, 0.6), roundRect(-15.2, -3.2, 15.2, 3.2, 0.8))
	c.fill(func(x, y float64) color.NRGBA64 { // diagonal stripes, antialiased by their distance to an edge
		f := math.Mod(x-y+400, 4)
		d := math.Min(f, 2-f)
		if f >= 2 {
			d = -math.Min(f-2, 4-f)
		}
		return greyColor(0.32, clamp01(0.5+d*1.4))
	}, rect(-12, -2.4, 12, 2.4))
	for _, x := range []float64{-13.7, 13.7} {
		for _, y := range []float64{-1.6, 1.6} {
			c.fill(grey(0.35, 1), circle(x, y, 0.75))
			c.fill(grey(0.95, 1), circle(x-0.2, y-0.2, 0.35))
		}
	}
}

// drawWall draws a bevelled, riveted 32x32 plate that tiles seamlessly.
func drawWall(c *canvas) {
	const n, b = 32.0, 2.0
	c.fill(grey(0.42, 1), rect(0, 0, n, n))
	c.fill(grey(0.66, 1), []pt{{0, 0}, {n, 0}, {n - b, b}, {b, b}})
	c.fill(grey(0.58, 1), []pt{{0, 0}, {b, b}, {b, n - b}, {0, n}})
	c.fill(grey(0.26, 1), []pt{{0, n}, {b, n - b}, {n - b, n - b}, {n, n}})
	c.fill(grey(0.31, 1), []pt{{n, 0}, {n, n}, {n - b, n - b}, {n - b, b}})
	c.fill(func(x, y float64) color.NRGBA64 { // the face: a gentle gradient with a fixed, hashed grain
		return greyColor(0.53-0.08*(x+y)/(2*n)+0.025*noise(x, y), 1)
	}, rect(b, b, n-b, n-b))
	for _, p := range []pt{{5.5, 5.5}, {n - 5.5, 5.5}, {5.5, n - 5.5}, {n - 5.5, n - 5.5}} {
		c.fill(grey(0.25, 1), circle(p.x+0.3, p.y+0.3, 1.4))
		c.fill(radial(pt{p.x - 0.5, p.y - 0.5}, 1.6, 0.9, 0.5), circle(p.x, p.y, 1.1))
	}
}

// noise is a fixed hash of the pixel at (x, y) in [-1, 1]: grain that is the same on every run.
func noise(x, y float64) float64 {
	h := uint32(int32(x*4))*73856093 ^ uint32(int32(y*4))*19349663
	h ^= h >> 13
	h *= 0x5bd1e995
	h ^= h >> 15
	return float64(h%2001)/1000 - 1
}

// drawExplosion draws frame i of n of a burst: a flash, a ragged fireball that grows and fades, flying sparks,
// then smoke.
func drawExplosion(c *canvas, i, n int) {
	p := float64(i) / float64(n-1)        // 0 at the first frame, 1 at the last
	r := 5 + 21*(1-(1-p)*(1-p))           // fireball radius
	fade := 1 - 0.85*clamp01((p-0.4)/0.6) // the fireball's opacity
	if i == 0 {
		c.fill(glow(pt{0, 0}, 3*r, 0.7), circle(0, 0, 3*r))
	}
	if p > 0.3 { // smoke puffs behind the fire
		a := 0.55 * clamp01((p-0.3)/0.3) * (1 - 0.5*clamp01((p-0.7)/0.3))
		for k := range 7 {
			t := float64(k)*2*math.Pi/7 + 0.5
			d := r * (0.75 + 0.1*float64(k%3))
			c.fill(grey(0.42+0.05*float64(k%2), a), circle(d*math.Cos(t), d*math.Sin(t), r*0.38))
		}
	}
	ragged := func(scale float64) []pt {
		q := circle(0, 0, r*scale)
		for j := range q {
			t := math.Atan2(q[j].y, q[j].x)
			k := 1 + 0.13*math.Sin(5*t+1.3+2*p) + 0.07*math.Sin(9*t+0.4+5*p)
			q[j] = pt{q[j].x * k, q[j].y * k}
		}
		return q
	}
	c.fill(func(x, y float64) color.NRGBA64 {
		t := clamp01(math.Hypot(x, y) / (r * 1.15))
		return greyColor(1-0.45*t*t-0.25*p, fade)
	}, ragged(1))
	c.fill(glow(pt{0, 0}, r*0.8, 1-p), ragged(0.6)) // the white-hot core, gone by the end
	if p < 0.75 {
		for k := range 12 {
			t := float64(k)*2*math.Pi/12 + 0.15*math.Sin(float64(k)*2.3)
			d0, d1 := r*0.95, r*(1.15+0.15*float64(k%2))+8*p
			w := 0.7 * (1 - p)
			dx, dy := math.Cos(t), math.Sin(t)
			c.fill(grey(1, 0.9*(1-p/0.75)), []pt{
				{d0*dx - w*dy, d0*dy + w*dx}, {d1 * dx, d1 * dy}, {d0*dx + w*dy, d0*dy - w*dx},
			})
		}
	}
}
