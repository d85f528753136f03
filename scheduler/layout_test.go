package scheduler

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// The turn loop reads next, resume, yield and the flags: they must share the first cache line, on every
// architecture. The exact slot size is pinned for 64-bit ones in layout_64bit_test.go.
func TestTaskletHotFieldsShareALine(t *testing.T) {
	var tl Tasklet
	assert.LessOrEqual(t, unsafe.Offsetof(tl.isMain)+1, uintptr(64))
	assert.Less(t, unsafe.Offsetof(tl.stop), uintptr(64))
	assert.Less(t, unsafe.Offsetof(tl.killed), uintptr(64))
}
