//go:build amd64 || arm64

// Package prefetch asks the CPU to start loading a cache line without waiting for it. The loops that walk
// objects by pointer, one per item, in an order the hardware can't guess (the scheduler's run ring, the engine's
// flights over bullets) call it a few items ahead, so that an item's line is on its way while the one before is
// worked on. A hint only: it changes nothing a program computes, and never faults, whatever the address.
package prefetch

import "unsafe"

// Line asks for the cache line holding p to be loaded into every cache level, and returns at once. About a
// nanosecond: an assembly call (not inlined) and one instruction (PREFETCHT0 on amd64, PRFM PLDL1KEEP on
// arm64).
//
//go:noescape
func Line(p unsafe.Pointer)
