//go:build (amd64 || arm64 || loong64 || mips64 || mips64le || ppc64 || ppc64le || riscv64 || s390x) && !race

package scheduler

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// Slots must stay 64-byte multiples so that every slot of a slab starts a cache line (see Spawn), with the cold
// fields from the second line on. The sizes hold for 64-bit pointers; 32-bit builds skip this file.
func TestTaskletLayout(t *testing.T) {
	var tl Tasklet
	assert.Equal(t, uintptr(192), unsafe.Sizeof(tl))
	assert.Equal(t, uintptr(64), unsafe.Offsetof(tl.co), "cold fields start on the second line")
}
