package engine

import "math/bits"

// bulletChunk is how many engine bullets the pool allocates at once: 512 KB of 128-byte slots.
const bulletChunk = 4096

// bulletPool keeps the engine bullets (those the guns fire) in chunks the World owns, and gives a slot back once
// nothing can reach its bullet any more, so that the bullets in flight stay packed in a few megabytes of memory,
// whatever their flights' lengths. Left to the garbage collector, bullets fired together live in memory together
// (a slab) until the longest flight among them ends, and the flights, which walk every bullet every tick, walk
// memory the size of the slabs: 8 bullets a slab wasted half of it, 512 fly 1.3x faster at 100,000 actors but
// would keep a chunk for every long flight.
//
// A free slot is found by a cursor that goes round the chunks (next fit), so bullets fired one after another
// mostly sit one after another in memory, in the order the flights walk them. The pool is the World goroutine's:
// put and get are called only there. get is O(1) on average (a bitmap word per 64 slots); put is O(1).
type bulletPool struct {
	chunks [][]Bullet
	free   []uint64 // bit i%64 of word i/64: slot i is free
	nfree  int
	next   int // the slot where the next search starts
}

// get returns a free slot, zeroed but for its number (Bullet.slot, 1-based). It allocates a chunk when every slot
// is taken.
func (p *bulletPool) get() *Bullet {
	if p.nfree == 0 {
		p.next = len(p.chunks) * bulletChunk
		p.chunks = append(p.chunks, make([]Bullet, bulletChunk))
		for range bulletChunk / 64 {
			p.free = append(p.free, ^uint64(0))
		}
		p.nfree = bulletChunk
	}
	w := p.next >> 6
	word := p.free[w] &^ (1<<(p.next&63) - 1) // the slots before the cursor in its word come last
	for word == 0 {
		if w++; w == len(p.free) {
			w = 0
		}
		word = p.free[w] // a whole word: when the search comes round to the cursor's word, its first slots too
	}
	i := w<<6 | bits.TrailingZeros64(word)
	p.free[w] &^= 1 << (i & 63)
	p.nfree--
	if p.next = i + 1; p.next == len(p.free)<<6 {
		p.next = 0
	}
	b := &p.chunks[i/bulletChunk][i%bulletChunk]
	*b = Bullet{slot: int32(i + 1)}
	return b
}

// put gives b's slot back. b must have come from get and be reachable by nobody: not in World.bullets, its
// tasklet over. The bullet keeps its fields until its slot is taken again (a View read since keeps sense).
func (p *bulletPool) put(b *Bullet) {
	i := int(b.slot) - 1
	if i < 0 || p.free[i>>6]&(1<<(i&63)) != 0 {
		panic("engine: a bullet given back to the pool twice, or not from it")
	}
	p.free[i>>6] |= 1 << (i & 63)
	p.nfree++
}

// taken is how many slots hold a bullet that has not been given back.
func (p *bulletPool) taken() int { return len(p.chunks)*bulletChunk - p.nfree }
