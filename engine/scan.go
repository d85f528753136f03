package engine

import "math"

// Target is what a scan saw: a live bot, with its bearing (absolute heading from the scanner) and distance.
type Target struct {
	ID       int
	Name     string
	Pos      Vec
	Bearing  float64
	Distance float64
	Energy   float64
	Heading  float64
	Speed    float64
}

// scan finds the nearest live bot within ScanRange whose centre lies within ScanHalfArc degrees of the gun's
// heading. It searches the grid in rings of cells outward from the scanner and stops as soon as no nearer bot
// can remain, so its cost grows with the distance to the nearest bot, not with the number of bots.
func (b *Bot) scan() (Target, bool) {
	b.scanTick, b.scanHeading = b.w.tick, b.gunHeading
	g := &b.w.grid
	c := g.cellOf(b.pos)
	cx, cy := c%g.cols, c/g.cols
	var best *Bot
	bestD := ScanRange * ScanRange
	maxRing := int(math.Ceil(ScanRange/CellSize)) + 1
	for ring := 0; ring <= maxRing; ring++ {
		// Every bot in this ring or beyond is at least (ring-1) cells away.
		if near := float64(ring-1) * CellSize; ring > 1 && near*near > bestD {
			break
		}
		for y := cy - ring; y <= cy+ring; y++ {
			if y < 0 || y >= g.rows {
				continue
			}
			step := 2 * ring
			if y == cy-ring || y == cy+ring || ring == 0 {
				step = 1
			}
			for x := cx - ring; x <= cx+ring; x += max(step, 1) {
				if x < 0 || x >= g.cols {
					continue
				}
				cell := y*g.cols + x
				for i := g.start[cell]; i < g.start[cell+1]; i++ {
					p := g.pos[i]
					d := p.Dist2(b.pos)
					if !g.live[i] || d > bestD || math.Abs(NormalizeTurn(b.pos.BearingTo(p)-b.gunHeading)) > ScanHalfArc {
						continue
					}
					if o := g.items[i]; o != b && (d < bestD || best == nil || o.id < best.id) {
						best, bestD = o, d
					}
				}
			}
		}
	}
	if best == nil {
		return Target{}, false
	}
	return Target{ID: best.id, Name: best.name, Pos: best.pos, Bearing: b.pos.BearingTo(best.pos),
		Distance: math.Sqrt(bestD), Energy: best.energy, Heading: best.heading, Speed: best.speed}, true
}
