package prefetch

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// A prefetch is a hint: it faults on no address, nil and unmapped ones included, and changes no memory.
func TestLineNeverFaultsAndChangesNothing(t *testing.T) {
	buf := []byte("a cache line")
	Line(nil)
	Line(unsafe.Pointer(&buf[0]))
	Line(unsafe.Add(unsafe.Pointer(&buf[0]), 1<<40)) // far past the slice: no mapping there
	assert.Equal(t, "a cache line", string(buf))
}
