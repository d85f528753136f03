//go:build race

package scheduler

import (
	"runtime"
	"sync/atomic"
)

// In race-detector builds every operation checks that it runs on the goroutine the scheduler is running now (its
// driver's, or its current tasklet's), so that a tasklet of another scheduler (another shard) or a goroutine a
// tasklet started gets ErrForeignGoroutine instead of corrupting the run queue. Go has no cheap goroutine
// identity, so the check costs a runtime.Stack call per operation: it is on only where -race already makes
// everything slow, and compiles to nothing elsewhere.

// goroutineID is a goroutine's number, as runtime.Stack prints it.
type goroutineID uint64

// ownerCell is the goroutine the scheduler runs on now.
type ownerCell struct{ id atomic.Uint64 }

func (c *ownerCell) set(id goroutineID) { c.id.Store(uint64(id)) }

// check reports ErrForeignGoroutine when the calling goroutine is not the one the scheduler runs on.
func (c *ownerCell) check() error {
	if goroutineID(c.id.Load()) != currentGoroutine() {
		return ErrForeignGoroutine
	}
	return nil
}

// currentGoroutine parses "goroutine 123 [running]:" from the calling goroutine's stack, without allocating.
func currentGoroutine() goroutineID {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	var id goroutineID
	for _, c := range buf[len("goroutine "):n] {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + goroutineID(c-'0')
	}
	return id
}
