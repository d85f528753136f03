package engine

import "math"

// CellSize is the side of the uniform grid's cells: bigger than a bot, so that a bot overlaps at most four, and
// big enough that a bullet's path in a tick, widened by a bot's radius, mostly stays within one.
const CellSize = 128.0

// grid is a uniform spatial grid over the arena. Live bots are bucketed by cell once per tick with a counting
// sort (no allocation once the buffers have grown, deterministic order: by cell, then by bot ID); walls and
// doors are bucketed once, when the World is built. Finding what is near a point, a circle or a segment visits
// a constant number of cells on average, so no part of a tick grows quadratically with the actors.
type grid struct {
	cols, rows int
	start      []int32 // bots of cell c are items[start[c]:start[c+1]]
	items      []*Bot
	pos        []Vec   // items' positions at the rebuild, dense, so that a query need not load the bots
	live       []bool  // items still alive: a bot that dies is struck off until the next rebuild
	cells      []int32 // scratch: each bot's cell

	blockerStart []int32 // blockers of cell c are blockerItems[blockerStart[c]:blockerStart[c+1]]
	blockerItems []int32 // indices into World.blockers
	// blockerBoxes[j] is what blocker blockerItems[j] blocks for bullets now (World.bulletBox), kept beside the
	// cell's list so that a flight reads a cell's boxes in a row rather than one lookup each; placeStart and
	// places find a blocker's entries (places[placeStart[i]:placeStart[i+1]]) when its box changes (setBox).
	blockerBoxes       []Rect
	placeStart, places []int32

	// One bit per cell: it holds bots, it holds blockers. Small enough to stay in cache, so that a query skips
	// empty cells without loading the big arrays above.
	hasBots, hasBlockers []uint64
}

func (g *grid) marked(bits []uint64, c int) bool { return bits[c>>6]&(1<<(c&63)) != 0 }

func newGrid(width, height float64) grid {
	cols := max(1, int(math.Ceil(width/CellSize)))
	rows := max(1, int(math.Ceil(height/CellSize)))
	words := (cols*rows + 63) / 64
	return grid{cols: cols, rows: rows, start: make([]int32, cols*rows+1),
		hasBots: make([]uint64, words), hasBlockers: make([]uint64, words)}
}

func (g *grid) cellOf(p Vec) int {
	cx := min(g.cols-1, max(0, int(p.X/CellSize)))
	cy := min(g.rows-1, max(0, int(p.Y/CellSize)))
	return cy*g.cols + cx
}

// span returns the cell range [cx0, cx1] x [cy0, cy1] covering the box [a, b].
func (g *grid) span(a, b Vec) (cx0, cy0, cx1, cy1 int) {
	// Clamp before converting: int() truncates toward 0, which is the floor for the non-negative values left.
	cx0 = min(g.cols-1, int(max(0, a.X)*(1/CellSize)))
	cy0 = min(g.rows-1, int(max(0, a.Y)*(1/CellSize)))
	cx1 = min(g.cols-1, int(max(0, b.X)*(1/CellSize)))
	cy1 = min(g.rows-1, int(max(0, b.Y)*(1/CellSize)))
	return
}

// rebuild buckets the live bots by cell.
func (g *grid) rebuild(bots []*Bot) {
	n := len(g.start) - 1
	clear(g.start)
	clear(g.hasBots)
	g.cells = g.cells[:0]
	live := 0
	for _, b := range bots {
		if !b.alive {
			continue
		}
		c := int32(g.cellOf(b.pos))
		b.cell = c
		g.start[c+1]++
		g.hasBots[c>>6] |= 1 << (c & 63)
		live++
	}
	for c := 1; c <= n; c++ {
		g.start[c] += g.start[c-1]
	}
	if cap(g.items) < live {
		g.items = make([]*Bot, live)
		g.pos = make([]Vec, live)
		g.live = make([]bool, live)
	}
	g.items = g.items[:live]
	g.pos = g.pos[:live]
	g.live = g.live[:live]
	// Fill with a cursor per cell (reusing cells as scratch), in bot order, so each cell lists bots by ID.
	if cap(g.cells) < n {
		g.cells = make([]int32, n)
	}
	g.cells = g.cells[:n]
	copy(g.cells, g.start[:n])
	for _, b := range bots {
		if !b.alive {
			continue
		}
		i := g.cells[b.cell]
		g.items[i], g.pos[i], g.live[i] = b, b.pos, true
		b.slot = i
		g.cells[b.cell]++
	}
}

// follow updates the grid after the bots in moved (of all, which it was built from) moved: in place if each
// stayed in its cell, else by a rebuild. Either way the grid is what a rebuild would make. O(len(moved)) in
// place.
func (g *grid) follow(moved, all []*Bot) {
	for _, b := range moved {
		if int32(g.cellOf(b.pos)) != b.cell {
			g.rebuild(all)
			return
		}
	}
	for _, b := range moved {
		g.pos[b.slot] = b.pos
	}
}

// visit calls f with every live bot bucketed in the cells covering the box [a, b], and its position at the
// rebuild, read from dense arrays: f loads a bot only if its position makes it worth it.
func (g *grid) visit(a, b Vec, f func(*Bot, Vec)) {
	cx0, cy0, cx1, cy1 := g.span(a, b)
	for cy := cy0; cy <= cy1; cy++ {
		row := cy * g.cols
		for c := row + cx0; c <= row+cx1; c++ {
			if !g.marked(g.hasBots, c) {
				continue
			}
			for i := g.start[c]; i < g.start[c+1]; i++ {
				if g.live[i] {
					f(g.items[i], g.pos[i])
				}
			}
		}
	}
}

// near calls f for every live bot whose body may come within r of p (a superset: f checks exactly).
func (g *grid) near(p Vec, r float64, f func(*Bot, Vec)) {
	d := r + BotRadius
	g.visit(Vec{p.X - d, p.Y - d}, Vec{p.X + d, p.Y + d}, f)
}

// buildBlockers buckets the walls and doors (their whole doorway) by cell.
func (g *grid) buildBlockers(rects []Rect) {
	n := g.cols * g.rows
	g.blockerStart = make([]int32, n+1)
	for _, r := range rects {
		cx0, cy0, cx1, cy1 := g.span(r.Min, r.Max)
		for cy := cy0; cy <= cy1; cy++ {
			for cx := cx0; cx <= cx1; cx++ {
				c := cy*g.cols + cx
				g.blockerStart[c+1]++
				g.hasBlockers[c>>6] |= 1 << (c & 63)
			}
		}
	}
	for c := 1; c <= n; c++ {
		g.blockerStart[c] += g.blockerStart[c-1]
	}
	g.blockerItems = make([]int32, g.blockerStart[n])
	g.blockerBoxes = make([]Rect, g.blockerStart[n])
	g.placeStart = make([]int32, len(rects)+1)
	g.places = make([]int32, 0, g.blockerStart[n])
	cursor := make([]int32, n)
	copy(cursor, g.blockerStart[:n])
	for i, r := range rects {
		cx0, cy0, cx1, cy1 := g.span(r.Min, r.Max)
		for cy := cy0; cy <= cy1; cy++ {
			for cx := cx0; cx <= cx1; cx++ {
				c := cy*g.cols + cx
				g.blockerItems[cursor[c]] = int32(i)
				g.places = append(g.places, cursor[c])
				cursor[c]++
			}
		}
		g.placeStart[i+1] = int32(len(g.places))
	}
}

// setBox records box as what blocker i blocks for bullets now, in every cell it is in. O(cells it spans); nothing
// before buildBlockers.
func (g *grid) setBox(i int, box Rect) {
	if i+1 >= len(g.placeStart) {
		return
	}
	for _, j := range g.places[g.placeStart[i]:g.placeStart[i+1]] {
		g.blockerBoxes[j] = box
	}
}

// blockersIn calls f with the index of every wall or door bucketed in the cells covering the box [a, b]; one
// that spans several cells may come more than once.
func (g *grid) blockersIn(a, b Vec, f func(int)) {
	if len(g.blockerItems) == 0 {
		return
	}
	cx0, cy0, cx1, cy1 := g.span(a, b)
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			c := cy*g.cols + cx
			if !g.marked(g.hasBlockers, c) {
				continue
			}
			for _, i := range g.blockerItems[g.blockerStart[c]:g.blockerStart[c+1]] {
				f(int(i))
			}
		}
	}
}

// strike takes a bot that died out of the grid until the next rebuild.
func (g *grid) strike(b *Bot) {
	if int(b.slot) < len(g.items) && g.items[b.slot] == b {
		g.live[b.slot] = false
	}
}

// firstHit finds what a bullet flying from a to b this tick hits first: the smallest t in [0, 1] at which the
// path enters a live bot's body (other than owner) or a blocking wall or door panel (widened by BulletRadius).
// A bot beats a wall at the same t, and the lowest ID beats other bots. It walks the cells under the path once,
// checking both bots and blockers from the grid's dense arrays, with no callbacks: this is the hottest loop of a
// crowded arena (one call per bullet per tick). t is 2 and both results empty when nothing is hit.
func (w *World) firstHit(a, b Vec, owner *Bot) (t float64, victim *Bot, wall bool) {
	g := &w.grid
	t = 2
	// The path's box, and the box a bot's centre must be in to touch the path.
	pathLo := Vec{min(a.X, b.X), min(a.Y, b.Y)}
	pathHi := Vec{max(a.X, b.X), max(a.Y, b.Y)}
	lo := Vec{pathLo.X - BotRadius, pathLo.Y - BotRadius}
	hi := Vec{pathHi.X + BotRadius, pathHi.Y + BotRadius}
	cx0, cy0, cx1, cy1 := g.span(lo, hi)
	for cy := cy0; cy <= cy1; cy++ {
		for c := cy*g.cols + cx0; c <= cy*g.cols+cx1; c++ {
			word, bit := c>>6, uint64(1)<<(c&63)
			if g.hasBots[word]&bit != 0 {
				for i := g.start[c]; i < g.start[c+1]; i++ {
					p := g.pos[i]
					if p.X < lo.X || p.X > hi.X || p.Y < lo.Y || p.Y > hi.Y || !g.live[i] {
						continue
					}
					if ti, ok := segmentCircle(a, b, p, BotRadius); ok && ti <= t {
						if o := g.items[i]; o != owner && (ti < t || victim == nil || o.id < victim.id) {
							t, victim, wall = ti, o, false
						}
					}
				}
			}
			if len(g.blockerItems) > 0 && g.hasBlockers[word]&bit != 0 {
				for _, box := range g.blockerBoxes[g.blockerStart[c]:g.blockerStart[c+1]] {
					// box is empty while the blocker blocks nothing
					if box.Min.X > pathHi.X || box.Max.X < pathLo.X || box.Min.Y > pathHi.Y || box.Max.Y < pathLo.Y {
						continue
					}
					if ti, ok := segmentRect(a, b, box); ok && ti < t {
						t, victim, wall = ti, nil, true
					}
				}
			}
		}
	}
	return t, victim, wall
}
