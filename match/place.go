package match

import (
	"math"

	"stackarena/engine"
)

// RectIndex answers "does r overlap any rectangle added so far?" in about constant time for small rectangles,
// so that placing n random doors is O(n) rather than O(n²): a hash of indexCell-unit cells, each listing the
// rectangles that touch it. A rectangle over more than indexMaxCells cells (a long wall) goes to a list that
// every query scans, so a huge wall costs one check per query instead of thousands of cells. Lookups only, never
// iteration over the map: the answers do not depend on map order. Not safe for concurrent use; the zero value is
// not ready: use NewRectIndex.
type RectIndex struct {
	cells map[[2]int32][]int32
	rects []engine.Rect
	big   []int32
}

const (
	indexCell     = 128.0
	indexMaxCells = 64
)

// NewRectIndex returns an empty index.
func NewRectIndex() *RectIndex { return &RectIndex{cells: map[[2]int32][]int32{}} }

// span is the range of cells r touches, clamped to what an int32 holds (loops over it count in int64, so that a
// range ending at MaxInt32 ends).
func (x *RectIndex) span(r engine.Rect) (x0, y0, x1, y1 int64) {
	c := func(v float64) int64 { return int64(max(math.MinInt32, min(math.MaxInt32, math.Floor(v/indexCell)))) }
	return c(r.Min.X), c(r.Min.Y), c(r.Max.X), c(r.Max.Y)
}

// Add records r. O(cells it touches), at most indexMaxCells.
func (x *RectIndex) Add(r engine.Rect) {
	id := int32(len(x.rects))
	x.rects = append(x.rects, r)
	x0, y0, x1, y1 := x.span(r)
	if (x1-x0+1)*(y1-y0+1) > indexMaxCells {
		x.big = append(x.big, id)
		return
	}
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			k := [2]int32{int32(cx), int32(cy)}
			x.cells[k] = append(x.cells[k], id)
		}
	}
}

// Overlaps reports whether r overlaps (engine.Rect.Overlaps) a rectangle added: exactly what testing every one
// would answer. O(cells r touches × rectangles per cell + big ones).
func (x *RectIndex) Overlaps(r engine.Rect) bool {
	for _, id := range x.big {
		if r.Overlaps(x.rects[id]) {
			return true
		}
	}
	x0, y0, x1, y1 := x.span(r)
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			for _, id := range x.cells[[2]int32{int32(cx), int32(cy)}] {
				if r.Overlaps(x.rects[id]) {
					return true
				}
			}
		}
	}
	return false
}
