package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pool hands out slots in memory order from a cursor that goes round (next fit): a slot given back is taken
// again only when the cursor comes back to it, and a new chunk only when every slot is taken.
func TestBulletPoolNextFit(t *testing.T) {
	var p bulletPool
	slots := func(bs ...*Bullet) []int32 {
		var s []int32
		for _, b := range bs {
			s = append(s, b.slot)
		}
		return s
	}
	a, b, c := p.get(), p.get(), p.get()
	assert.Equal(t, []int32{1, 2, 3}, slots(a, b, c))
	assert.Equal(t, 3, p.taken())

	b.id, b.alive = 7, true
	p.put(b)
	assert.Equal(t, 2, p.taken())
	d := p.get()
	assert.Equal(t, int32(4), d.slot, "the cursor goes on, past the slot just given back")
	assert.Equal(t, 7, b.id, "a slot given back keeps its bullet until it is taken again")

	var rest []*Bullet
	for range bulletChunk - 4 {
		rest = append(rest, p.get())
	}
	assert.Equal(t, int32(bulletChunk), rest[len(rest)-1].slot)
	require.Len(t, p.chunks, 1)
	again := p.get()
	assert.Equal(t, b, again, "round again: the only free slot, the one given back")
	assert.Equal(t, Bullet{slot: 2}, *again, "zeroed but for its number")
	require.Len(t, p.chunks, 1)

	p.put(a)
	p.put(c)
	assert.Equal(t, int32(3), p.get().slot, "from the cursor, just past slot 2")
	assert.Equal(t, int32(1), p.get().slot, "then round to the start")
	e := p.get()
	assert.Equal(t, int32(bulletChunk+1), e.slot, "every slot taken: a new chunk")
	assert.Len(t, p.chunks, 2)
	assert.Equal(t, bulletChunk+1, p.taken())
	assert.Equal(t, int32(bulletChunk+2), p.get().slot)

	assert.PanicsWithValue(t, "engine: a bullet given back to the pool twice, or not from it", func() {
		p.put(e)
		p.put(e)
	})
	assert.Panics(t, func() { p.put(&Bullet{}) }, "a scripted bullet is not the pool's")
}

// A search that starts in the middle of a word and finds it empty goes round the other words and comes back to
// the first slots of its own word.
func TestBulletPoolSearchWrapsWithinAWord(t *testing.T) {
	var p bulletPool
	var all []*Bullet
	for range bulletChunk {
		all = append(all, p.get())
	}
	p.put(all[5])
	p.next = 40 // in the first word, past slot 5
	assert.Equal(t, int32(6), p.get().slot)
	p.put(all[bulletChunk-1])
	p.put(all[70])
	p.next = 100
	assert.Equal(t, int32(bulletChunk), p.get().slot, "from the cursor on, not from the start")
	assert.Equal(t, int32(71), p.get().slot, "then round")
	assert.Equal(t, 0, p.nfree)
}
