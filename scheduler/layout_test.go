package scheduler

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// The turn loop reads next, resume, yield and the flags; they must share the first cache line, and slots must
// stay 64-byte multiples so that every slot of a slab starts a line (see Spawn).
func TestTaskletLayout(t *testing.T) {
	var tl Tasklet
	assert.Equal(t, uintptr(192), unsafe.Sizeof(tl))
	assert.LessOrEqual(t, unsafe.Offsetof(tl.isMain)+1, uintptr(64))
	assert.Equal(t, uintptr(64), unsafe.Offsetof(tl.co), "cold fields start on the second line")
	assert.Less(t, unsafe.Offsetof(tl.stop), uintptr(64))
}
